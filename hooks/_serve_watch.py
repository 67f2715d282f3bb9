"""One rebuild per save: a change the running rebuild already reads does not start another.

`mkdocs serve` looks at the content every 0.1 s and rebuilds after any change it sees. A save
that spans one of those looks (an editor truncates the file, then writes it; a busy machine
pauses it in between) is seen twice: half-written, which starts a rebuild, then complete, which
queues a second one, and the reloading browser waits for that too (the server holds every page
until the last rebuild is done). Yet the first rebuild reads the file after it starts, so it
already has the complete one. Each rebuild therefore notes every watched file's size, modification time and
inode as it starts (before it reads anything); a later change report for a file that still has
that state is one the rebuild has seen, and is dropped. Any other report goes through as before.
"""

from __future__ import annotations

import os


def one_rebuild_per_change(server) -> None:
    """For the paths `server` watches from now on (mkdocs.yml's `watch`, content_data/)."""
    watched: list[str] = []
    seen = [{}]  # [path -> state when the last rebuild started]; replaced whole, read by the watching thread

    def schedule(handler, path, *args, **kwargs):
        watched.append(path)
        seen[0] = {**seen[0], **_states([path])}  # as the watching starts: the state the last build read
        react = handler.on_any_event

        def on_any_event(event):
            if not _seen_by_last_rebuild(event, seen[0]):
                react(event)

        handler.on_any_event = on_any_event
        return server_schedule(handler, path, *args, **kwargs)

    def builder(*args, **kwargs):
        seen[0] = _states(watched)
        return server_builder(*args, **kwargs)

    server_schedule, server.observer.schedule = server.observer.schedule, schedule
    server_builder, server.builder = server.builder, builder


def _seen_by_last_rebuild(event, seen: dict[str, tuple | None]) -> bool:
    if event.is_directory:
        return False  # the server's own handler ignores these
    paths = [event.src_path] + ([event.dest_path] if getattr(event, "dest_path", "") else [])
    return all(seen.get(os.fsdecode(path)) == _state(os.fsdecode(path)) for path in paths)


def _states(tops: list[str]) -> dict[str, tuple | None]:
    states = {}
    for top in tops:
        if os.path.isfile(top):
            states[top] = _state(top)
        for folder, _, names in os.walk(top):
            for name in names:
                path = os.path.join(folder, name)
                states[path] = _state(path)
    return states


def _state(path: str) -> tuple | None:
    try:
        status = os.stat(path)
    except OSError:
        return None  # absent
    return status.st_size, status.st_mtime_ns, status.st_ino
