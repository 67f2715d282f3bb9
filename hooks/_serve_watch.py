"""Content changes seen at once, and one rebuild per save.

`mkdocs serve` looks at the content every 0.1 s (speed.py), so a save waits 0.05 s on average
before anyone notices it. Where the system reports changes as they happen (inotify, on Linux),
the watched paths are also handed to an observer listening to it, which sees a save at once; the
looking stays, for file systems that report nothing (some network and container mounts).

That makes one save reported twice, and a save that spans one of the looks (an editor truncates
the file, then writes it; a busy machine pauses it in between) is reported twice anyway:
half-written, which starts a rebuild, then complete, which queued a second one, and the
reloading browser waited for that too (the server holds every page until the last rebuild is
done). Yet the first rebuild reads the file after it starts, so it already has the complete one.
Each rebuild therefore notes every watched file's size, modification time and inode as it starts
(before it reads anything); a later report for a file that still has that state is one the
rebuild has seen, and is dropped. Any other report goes through as before.
"""

from __future__ import annotations

import os

import watchdog.events
import watchdog.observers
import watchdog.observers.polling

# What a save, a new file, a deletion or a renaming makes the system report (not the build's reading).
_CHANGES = [
    watchdog.events.FileCreatedEvent,
    watchdog.events.FileDeletedEvent,
    watchdog.events.FileModifiedEvent,
    watchdog.events.FileMovedEvent,
    watchdog.events.FileClosedEvent,
    watchdog.events.DirCreatedEvent,
    watchdog.events.DirDeletedEvent,
    watchdog.events.DirMovedEvent,
]


def watch_content(server) -> None:
    """For the paths `server` watches from now on (mkdocs.yml's `watch`, content_data/)."""
    at_once = _system_observer(server)
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
        if at_once is not None:
            try:
                at_once.schedule(handler, path, recursive=True, event_filter=_CHANGES)
            except OSError:  # e.g. the system's limit on watched folders: the looking remains
                pass
        return server_schedule(handler, path, *args, **kwargs)

    def builder(*args, **kwargs):
        seen[0] = _states(watched)
        return server_builder(*args, **kwargs)

    server_schedule, server.observer.schedule = server.observer.schedule, schedule
    server_builder, server.builder = server.builder, builder


def _system_observer(server):
    """An observer of the system's change reports, started and stopped with the server's; None where there is none."""
    if watchdog.observers.Observer is watchdog.observers.polling.PollingObserver:
        return None  # this system reports no changes: the server's looking is all there is
    observer = watchdog.observers.Observer()
    observer.start()
    stop = server.observer.stop

    def stop_both():
        observer.stop()
        stop()

    server.observer.stop = stop_both
    return observer


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
