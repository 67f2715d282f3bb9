#!/usr/bin/env python3
"""Build the offline bundle: a zip of the site that works opened from disk (file://), with no network.

    .venv/bin/python scripts/build_offline.py        (or: make offline)

It builds the project as configured in mkdocs.yml, plus Material's offline plugin (search
index as a script, no directory URLs) with the vendored iframe-worker shim instead of the
copy the plugin would load from unpkg.com, then writes dist/<site-name>-offline.zip and a
.sha256 file next to it. The zip holds one folder; readers open <folder>/index.html.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import os
import re
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from interruptible import fsync_path, run_mkdocs, run_reporting
from mkdocs.utils.yaml import yaml_load

PROJECT = Path(__file__).resolve().parent.parent
SHIM = "assets/vendor/iframe-worker/shim.js"
OVERLAY_PREFIX = ".mkdocs-offline-"


class OfflineError(Exception):
    pass


def offline_overlay(config_file: Path) -> dict:
    """The settings the offline bundle adds to the project's configuration."""
    with config_file.open(encoding="utf-8") as stream:
        base = yaml_load(stream) or {}
    plugins = list(base.get("plugins") or ["search"])  # mkdocs' INHERIT replaces lists, so repeat them
    return {
        "INHERIT": config_file.name,
        "plugins": [*plugins, "offline"],
        # The offline plugin adds unpkg.com's shim unless a polyfill named iframe-worker is present.
        "extra": {"polyfills": [*(base.get("extra") or {}).get("polyfills", []), SHIM]},
    }


def bundle_name(config_file: Path) -> str:
    with config_file.open(encoding="utf-8") as stream:
        site_name = (yaml_load(stream) or {}).get("site_name", "site")
    return re.sub(r"[^a-z0-9]+", "-", site_name.lower()).strip("-") or "site"


@contextmanager
def work_files(project: Path) -> Iterator[tuple[Path, int, Path]]:
    """This run's configuration overlay, in the project (the paths it inherits are relative to it),
    a lock on it, and its build folder in the temporary folder, named alike. The lock lasts as long
    as the run or its build: a later run removes what a killed one left (`remove_killed_runs`)."""
    lock, name = tempfile.mkstemp(dir=project, prefix=OVERLAY_PREFIX, suffix=".yml")
    fcntl.flock(lock, fcntl.LOCK_EX)
    overlay = Path(name)
    folder = build_folder(overlay)
    try:
        folder.mkdir()
        yield overlay, lock, folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        overlay.unlink(missing_ok=True)
        os.close(lock)


def build_folder(overlay: Path) -> Path:
    return Path(tempfile.gettempdir()) / ("guidekit-offline-" + overlay.stem.removeprefix(OVERLAY_PREFIX))


def remove_killed_runs(project: Path) -> None:
    """Remove the overlay and build folder of each run that was killed (its overlay is no longer locked)."""
    for overlay in sorted(project.glob(OVERLAY_PREFIX + "*.yml")):
        try:
            held = overlay.open("rb")
        except FileNotFoundError:
            continue  # its run just ended
        with held:
            try:
                fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # its run, or that run's build, is still going
            if not overlay.exists():
                continue  # its run ended meanwhile, removing it
            shutil.rmtree(build_folder(overlay), ignore_errors=True)
            overlay.unlink(missing_ok=True)
        print(f"offline: removed {overlay.name} and its build folder, left by a run that was killed")


def build(project: Path, config_file: Path, overlay: Path, lock: int, site_dir: Path) -> None:
    overlay.write_text(yaml.safe_dump(offline_overlay(config_file), sort_keys=False), encoding="utf-8")
    # The build inherits the lock: if this process is killed alone, later runs leave these files to the build.
    if run_mkdocs(["-f", overlay.name, "--site-dir", str(site_dir)], cwd=project, keep_open=(lock,)) != 0:
        raise OfflineError("the build failed (see above)")


def partial_name(destination: Path) -> Path:
    return destination.with_name(destination.name + ".partial")


def write_zip(site_dir: Path, folder_name: str, destination: Path) -> None:
    """Zip under a temporary name in the same folder, flush it to disk, then rename it over the bundle
    in one step: a run that fails or is killed never leaves a half-written zip under the final name."""
    partial = partial_name(destination)
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(site_dir.rglob("*")):
                if path.is_file():
                    archive.write(path, f"{folder_name}/{path.relative_to(site_dir).as_posix()}")
        fsync_path(partial)
        checksum = destination.with_name(destination.name + ".sha256")
        # No checksum is better than a stale one: drop the old one before the zip changes, add the new one after.
        checksum.unlink(missing_ok=True)
        os.replace(partial, destination)
        digest = hashlib.sha256(destination.read_bytes()).hexdigest()
        checksum.write_text(f"{digest}  {destination.name}\n", encoding="utf-8")
        fsync_path(destination.parent)
    finally:
        partial.unlink(missing_ok=True)


def remove_leftover(destination: Path) -> None:
    if partial_name(destination).exists():
        partial_name(destination).unlink()
        print(f"offline: removed {partial_name(destination).name}, left unfinished by a run that was stopped")


def make_bundle(project: Path, config_file: Path, name: str, output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    remove_leftover(output)
    remove_killed_runs(project)
    with work_files(project) as (overlay, lock, folder):
        site_dir = folder / name
        build(project, config_file, overlay, lock, site_dir)
        write_zip(site_dir, name, output)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=PROJECT, help="the project folder (default: this repository)")
    parser.add_argument("--output", type=Path, help="the zip to write (default: <project>/dist/<site-name>-offline.zip)")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    config_file = project / "mkdocs.yml"
    name = bundle_name(config_file)
    output = (args.output or project / "dist" / f"{name}-offline.zip").resolve()
    not_written = f"no bundle was written{' and the earlier one is unchanged' if output.exists() else ''}"
    return run_reporting(
        "offline",
        lambda: make_bundle(project, config_file, name, output),
        lambda _: f"wrote {output} ({output.stat().st_size / 1e6:.1f} MB); unzip it and open {name}/index.html",
        OfflineError,
        lambda: not_written,
    )


if __name__ == "__main__":
    sys.exit(main())
