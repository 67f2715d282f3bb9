#!/usr/bin/env python3
"""Publish the site atomically: readers get the previous site or the new one, never a half-written one.

    .venv/bin/python scripts/publish.py --dest /srv/ai-guide        (or: make publish DEST=/srv/ai-guide)
    .venv/bin/python scripts/publish.py --dest /srv/ai-guide --list (or: make releases DEST=...)
    .venv/bin/python scripts/publish.py --dest /srv/ai-guide --rollback [--to NAME]   (or: make rollback DEST=... [TO=NAME])

1. Check all content; a mistake stops here with the editors' list of problems.
2. Build with `mkdocs build --strict` into DEST/releases/<time>.unfinished/, check that the build
   has its home page and search index, flush it to disk, and only then rename it to
   DEST/releases/<time>/. A folder without `.unfinished` is therefore always a complete release.
3. Point DEST/current at the new release by renaming a fresh symlink over it (os.replace, one
   rename(2) call), so a web server whose root is DEST/current switches between two complete sites.
4. Keep the newest complete releases (--keep, default 5) for rollback. `--rollback` points
   `current` back at the complete release before it, `--to NAME` at a chosen one.

If anything fails, or the publish is stopped (Ctrl-C, SIGTERM), the new folder is removed,
DEST/current is left exactly as it was, and the exit status is not 0. A publish killed outright
(SIGKILL, a reboot) leaves its `.unfinished` folder, which the next publish removes.
"""

from __future__ import annotations

import argparse
import errno
import fcntl
import os
import re
import shutil
import sys
import time
from pathlib import Path

from interruptible import fsync_path, fsync_tree, run_mkdocs, run_reporting

from guidekit.cli import check

PROJECT = Path(__file__).resolve().parent.parent
RELEASES = "releases"
CURRENT = "current"
UNFINISHED = ".unfinished"
RELEASE_NAME = re.compile(r"\d{8}-\d{6}(-\d{2})?")  # the UTC time it was published, e.g. 20261130-101500
SANITY_FILES = ("index.html", "search/search_index.json")


class PublishError(Exception):
    pass


# ---- Releases on disk --------------------------------------------------------------------------


def missing_files(release: Path) -> list[str]:
    """The quick sanity check: what a release that readers can use must have."""
    return [name for name in SANITY_FILES if not (release / name).is_file()]


def is_complete(release: Path) -> bool:
    return release.is_dir() and RELEASE_NAME.fullmatch(release.name) is not None and not missing_files(release)


def complete_releases(dest: Path) -> list[Path]:
    """Oldest first (names sort in publishing order)."""
    folder = dest / RELEASES
    return sorted(path for path in folder.iterdir() if is_complete(path)) if folder.is_dir() else []


def leftovers(dest: Path) -> list[Path]:
    """Folders a stopped publish left: unfinished builds, and release-named folders that are not complete
    (left by versions of this script that built under the final name). Other folders are not ours."""
    folder = dest / RELEASES
    if not folder.is_dir():
        return []
    return sorted(
        path for path in folder.iterdir() if path.is_dir() and (path.name.endswith(UNFINISHED) or RELEASE_NAME.fullmatch(path.name)) and not is_complete(path)
    )


def current_release(dest: Path) -> Path | None:
    current = dest / CURRENT
    return current.resolve() if current.is_symlink() else None


# ---- Publishing ---------------------------------------------------------------------------------


def remove_leftovers(dest: Path) -> None:
    """Runs under the lock, so no running publish owns these folders."""
    live = current_release(dest)
    for leftover in leftovers(dest):
        if leftover.resolve() != live:
            shutil.rmtree(leftover)
            print(f"publish: removed {RELEASES}/{leftover.name}, left unfinished by a publish that was stopped")


def new_release_name(releases: Path) -> str:
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    for attempt in range(1, 100):
        name = stamp if attempt == 1 else f"{stamp}-{attempt:02d}"
        if not (releases / name).exists() and not (releases / (name + UNFINISHED)).exists():
            return name
    raise PublishError(f"could not find a free release name in {releases}")


def build(project: Path, folder: Path, config: str, lock: int) -> None:
    if check(project, published_only=True) != 0:  # a draft never reaches the build, so it cannot stop it
        raise PublishError("the content has problems (listed above)")
    # The build inherits the lock: if this process is killed alone, the next publish waits for the build to end.
    if run_mkdocs(["--config-file", config, "--site-dir", str(folder)], cwd=project, keep_open=(lock,)) != 0:
        raise PublishError("the build failed (see the messages above)")
    if missing_files(folder):
        raise PublishError(f"the build wrote no {' and no '.join(missing_files(folder))} into {folder}")


def switch_current(dest: Path, release: Path) -> None:
    """Make DEST/current point at `release` in one atomic rename."""
    current = dest / CURRENT
    if current.exists() and not current.is_symlink():
        raise PublishError(f"{current} is a real folder, not a symlink: move it away once, then publish again")
    link = dest / f"{CURRENT}.tmp"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(os.path.relpath(release, dest), link)  # relative, so DEST can be moved or mounted elsewhere
    os.replace(link, current)
    fsync_path(dest)  # the rename itself survives a power cut


def prune(dest: Path, keep: int) -> None:
    live = current_release(dest)
    for old in complete_releases(dest)[:-keep]:
        if old.resolve() != live:
            shutil.rmtree(old)


def publish(project: Path, dest: Path, keep: int, config: str, lock: int) -> Path:
    releases = dest / RELEASES
    releases.mkdir(parents=True, exist_ok=True)
    remove_leftovers(dest)
    name = new_release_name(releases)
    unfinished, release = releases / (name + UNFINISHED), releases / name
    try:
        unfinished.mkdir()
        build(project, unfinished, config, lock)
        fsync_tree(unfinished)  # written to disk before its name says it is complete
        unfinished.rename(release)
        fsync_path(releases)
        switch_current(dest, release)
    except BaseException:
        for folder in (unfinished, release):
            if folder.exists() and folder.resolve() != current_release(dest):
                shutil.rmtree(folder, ignore_errors=True)
        raise
    prune(dest, keep)
    return release


# ---- Rollback and listing -----------------------------------------------------------------------


def choose_release(dest: Path, name: str | None) -> Path:
    """The release `--rollback` switches to: NAME if given, otherwise the newest complete one before `current`."""
    candidates = complete_releases(dest)
    names = ", ".join(path.name for path in reversed(candidates)) or "none"
    if name is not None:
        chosen = dest / RELEASES / name
        if "/" in name or not chosen.is_dir():
            raise PublishError(f"there is no release {name!r}; complete releases, newest first: {names}")
        if not is_complete(chosen):
            problem = f"it has no {' and no '.join(missing_files(chosen))}" if missing_files(chosen) else "it is unfinished"
            raise PublishError(
                f"{RELEASES}/{name} is not a complete release ({problem}), so readers would get a broken site; complete releases, newest first: {names}"
            )
        return chosen
    live = current_release(dest)
    older = [release for release in candidates if live is None or release.name < live.name]
    if not older:
        raise PublishError(f"there is no complete release before the current one to go back to (complete releases: {names})")
    return older[-1]


def list_releases(dest: Path) -> None:
    live = current_release(dest)
    print(f"Releases in {dest / RELEASES}, newest first (for --rollback --to NAME):")
    for release in reversed(complete_releases(dest)):
        print(f"  {release.name}{'   <- current' if release == live else ''}")
    for leftover in leftovers(dest):
        print(f"  {leftover.name}   (unfinished: being built, or left by a stopped publish; never a candidate)")
    if live is None:
        print(f"  ({dest / CURRENT} does not exist yet)")


# ---- Command line -------------------------------------------------------------------------------


def explain(error: OSError, dest: Path) -> str:
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{dest} is not writable for this user ({error.strerror}: {error.filename}); run as its owner or pick another --dest"
    if error.errno == errno.ENOSPC:
        return f"the disk holding {dest} is full ({error.filename}); free some space, e.g. by removing old releases"
    return f"{error.strerror}: {error.filename}"


def outcome(dest: Path, before: Path | None) -> str:
    after = current_release(dest)
    if after == before:
        return f"nothing was published and {dest / CURRENT} is unchanged."
    return f"{dest / CURRENT} now points at {os.path.relpath(after, dest)}."


def wait_for_lock(lock: int, dest: Path) -> None:
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"publish: another publish to {dest} is running; waiting for it to finish", flush=True)
        fcntl.flock(lock, fcntl.LOCK_EX)  # one publish at a time per destination


def run(args: argparse.Namespace, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    lock = os.open(dest / ".publish.lock", os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        wait_for_lock(lock, dest)
        if args.rollback or args.to:
            release = choose_release(dest, args.to)
            switch_current(dest, release)
            return release
        return publish(args.project.resolve(), dest, args.keep, args.config, lock)
    finally:
        os.close(lock)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", required=True, help="the publishing folder; point the web server at DEST/current")
    parser.add_argument("--keep", type=int, default=5, help="how many complete releases to keep (default 5)")
    parser.add_argument("--rollback", action="store_true", help="point DEST/current at the complete release before it; build nothing")
    parser.add_argument("--to", metavar="NAME", help="the release to switch to instead of the previous one (see --list); implies --rollback")
    parser.add_argument("--list", action="store_true", help="list the releases, marking the current one; change nothing")
    parser.add_argument("--project", type=Path, default=PROJECT, help="the project folder (default: this repository)")
    parser.add_argument("--config", default="mkdocs.yml", help="the site configuration, relative to the project (e.g. an owner's mkdocs.intranet.yml)")
    args = parser.parse_args(argv)
    if not args.dest:
        parser.error("DEST is empty: say where to publish, e.g. make publish DEST=/srv/ai-guide")
    if args.keep < 1:
        parser.error("--keep must be at least 1")
    dest = Path(args.dest).resolve()
    before = current_release(dest)
    if args.list:  # reads only: works on a destination this user may not write, and during a publish
        list_releases(dest)
        return 0
    return run_reporting(
        "publish",
        lambda: run(args, dest),
        lambda release: f"{dest / CURRENT} -> {os.path.relpath(release, dest)}",
        PublishError,
        lambda: outcome(dest, before),
        stopped_note="" if args.rollback or args.to else " (the unfinished release was removed)",
        explain_os_error=lambda error: explain(error, dest),
    )


if __name__ == "__main__":
    sys.exit(main())
