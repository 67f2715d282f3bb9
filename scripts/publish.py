#!/usr/bin/env python3
"""Publish the site atomically: readers get the previous site or the new one, never a half-written one.

    .venv/bin/python scripts/publish.py --dest /srv/ai-guide        (or: make publish DEST=/srv/ai-guide)

1. Check all content; a mistake stops here with the editors' list of problems.
2. Build with `mkdocs build --strict` into DEST/releases/<time>/.
3. Point DEST/current at the new release by renaming a fresh symlink over it (os.replace, one
   rename(2) call), so a web server whose root is DEST/current switches between two complete sites.
4. Keep the newest releases (--keep, default 5) for rollback; `--rollback` points `current` back
   at the release before it.

If anything fails, the new release folder is removed, DEST/current is left exactly as it was,
and the exit status is 1.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from guidekit.cli import check

PROJECT = Path(__file__).resolve().parent.parent
RELEASES = "releases"
CURRENT = "current"


class PublishError(Exception):
    pass


def new_release_folder(releases: Path) -> Path:
    """An empty folder named after the time; names sort in publishing order."""
    releases.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    for attempt in range(1, 100):
        folder = releases / (stamp if attempt == 1 else f"{stamp}-{attempt:02d}")
        try:
            folder.mkdir()
            return folder
        except FileExistsError:
            continue
    raise PublishError(f"could not create a new release folder in {releases}")


def build(project: Path, release: Path, config: str) -> None:
    if check(project) != 0:
        raise PublishError("the content has problems (listed above)")
    # --strict without -q: quiet mode hides the warnings strict mode must count.
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", config, "--site-dir", str(release)]
    completed = subprocess.run(command, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if completed.returncode != 0:
        raise PublishError("the build failed (see the messages above)")
    if not (release / "index.html").is_file():
        raise PublishError(f"the build wrote no index.html into {release}")


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


def current_release(dest: Path) -> Path | None:
    current = dest / CURRENT
    return current.resolve() if current.is_symlink() else None


def releases_oldest_first(dest: Path) -> list[Path]:
    folder = dest / RELEASES
    return sorted(path for path in folder.iterdir() if path.is_dir()) if folder.is_dir() else []


def prune(dest: Path, keep: int) -> None:
    live = current_release(dest)
    for old in releases_oldest_first(dest)[:-keep]:
        if old.resolve() != live:
            shutil.rmtree(old)


def publish(project: Path, dest: Path, keep: int, config: str = "mkdocs.yml") -> Path:
    release = new_release_folder(dest / RELEASES)
    try:
        build(project, release, config)
        switch_current(dest, release)
    except BaseException:
        shutil.rmtree(release, ignore_errors=True)
        raise
    prune(dest, keep)
    return release


def rollback(dest: Path) -> Path:
    live = current_release(dest)
    older = [release for release in releases_oldest_first(dest) if live and release.resolve() < live]
    if not older:
        raise PublishError("there is no earlier release to go back to")
    switch_current(dest, older[-1])
    return older[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", required=True, help="the publishing folder; point the web server at DEST/current")
    parser.add_argument("--keep", type=int, default=5, help="how many releases to keep (default 5)")
    parser.add_argument("--rollback", action="store_true", help="point DEST/current at the release before it; build nothing")
    parser.add_argument("--project", type=Path, default=PROJECT, help="the project folder (default: this repository)")
    parser.add_argument("--config", default="mkdocs.yml", help="the site configuration, relative to the project (e.g. an owner's mkdocs.intranet.yml)")
    args = parser.parse_args(argv)
    if not args.dest:
        parser.error("DEST is empty: say where to publish, e.g. make publish DEST=/srv/ai-guide")
    if args.keep < 1:
        parser.error("--keep must be at least 1")
    dest = Path(args.dest).resolve()
    dest.mkdir(parents=True, exist_ok=True)
    with open(dest / ".publish.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one publish at a time per destination
        try:
            if args.rollback:
                release = rollback(dest)
            else:
                release = publish(args.project.resolve(), dest, args.keep, args.config)
        except (PublishError, OSError) as error:
            print(f"publish: {error}; nothing was published and {dest / CURRENT} is unchanged.", file=sys.stderr)
            return 1
    print(f"publish: {dest / CURRENT} -> {os.path.relpath(release, dest)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
