"""What publish.py and build_offline.py share so that a stopped or failing build ends with one clear line.

- `stop_on_signals()`: Ctrl-C, SIGTERM and SIGHUP raise `Stopped`, so the caller's clean-up runs and
  it can say what happened instead of printing a traceback.
- `run_reporting(...)`: runs the command's work and says how it ended in one line: what it did, or what
  stopped it (a signal, an expected error, a failed file operation) and what it left behind.
- `run_mkdocs(...)`: `mkdocs build --strict` in a child process that leaves Ctrl-C to the caller and
  reports a failed file write (a full disk, a folder it may not write) in one line.
- `fsync_tree(...)`, `fsync_path(...)`: flush a finished build to disk before it is renamed into place, so that after a
  power cut the new name never points at files that were not written yet.

Run as a script, this file is the child's entry point: the mkdocs command line.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
SIGNAL_NAMES = {signal.SIGINT: "Ctrl-C", signal.SIGTERM: "SIGTERM", signal.SIGHUP: "SIGHUP"}


class Stopped(BaseException):
    """Raised by a stopping signal; BaseException like KeyboardInterrupt, so only clean-up code catches it."""

    def __init__(self, signum: int):
        super().__init__(SIGNAL_NAMES.get(signum, f"signal {signum}"))
        self.exit_status = 128 + signum  # what a shell reports for a process ended by this signal


def _raise_stopped(signum, frame) -> None:
    for stopping in SIGNAL_NAMES:  # a second Ctrl-C must not interrupt the clean-up of the first
        signal.signal(stopping, signal.SIG_IGN)
    raise Stopped(signum)


def stop_on_signals() -> None:
    for stopping in SIGNAL_NAMES:
        signal.signal(stopping, _raise_stopped)


def run_reporting(
    command: str,
    work: Callable[[], T],
    done: Callable[[T], str],
    expected: type[Exception],
    result: Callable[[], str],
    *,
    stopped_note: str = "",
    explain_os_error: Callable[[OSError], str] = lambda error: f"{error.strerror}: {error.filename}",
) -> int:
    """Run `work` with the stopping signals turned into `Stopped` and return the exit status. On success
    print "COMMAND: " + done(what work returned); on a stop or an error, "COMMAND: what happened; RESULT"
    on standard error, where `result()` says what was left behind."""
    stop_on_signals()
    try:
        value = work()
    except Stopped as stop:
        print(f"{command}: stopped by {stop}{stopped_note}; {result()}", file=sys.stderr)
        return stop.exit_status
    except expected as error:
        print(f"{command}: {error}; {result()}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{command}: {explain_os_error(error)}; {result()}", file=sys.stderr)
        return 1
    print(f"{command}: {done(value)}")
    return 0


def _leave_ctrl_c_to_the_parent() -> None:
    # The terminal sends Ctrl-C to the whole process group. The parent stops the build and cleans
    # up; the child would only add a KeyboardInterrupt traceback. SIGKILL and SIGTERM still end it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_mkdocs(arguments: list[str], cwd: Path, keep_open: tuple[int, ...] = ()) -> int:
    """`mkdocs build --strict ARGUMENTS`; returns its exit status. `keep_open`: file descriptors the child
    inherits, e.g. a lock that must stay held while the build runs, even if the parent is killed alone."""
    # --strict without -q: quiet mode hides the warnings strict mode must count.
    command = [sys.executable, __file__, "build", "--strict", *arguments]
    child = subprocess.Popen(command, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, pass_fds=keep_open, preexec_fn=_leave_ctrl_c_to_the_parent)
    try:
        return child.wait()
    except BaseException:  # stopped by a signal: end the build before the caller removes its output
        child.terminate()
        child.wait()
        raise


def fsync_path(path: Path) -> None:
    """Flush a file's content, or a folder's list of names, to disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_tree(folder: Path) -> None:
    for path in [*folder.rglob("*"), folder]:
        if path.is_file() or path.is_dir():
            fsync_path(path)


def _mkdocs_command_line() -> int:
    from mkdocs.__main__ import cli

    try:
        cli()
    except OSError as error:
        path = error.filename2 or error.filename
        hint = " The disk is full: free some space, then build again." if error.errno == errno.ENOSPC else ""
        print(f"ERROR   -  Could not write {path}: {error.strerror}.{hint}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_mkdocs_command_line())
