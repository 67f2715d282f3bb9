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
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

PROJECT = Path(__file__).resolve().parent.parent
SHIM = "assets/vendor/iframe-worker/shim.js"


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


def build(project: Path, config_file: Path, site_dir: Path) -> None:
    overlay = tempfile.NamedTemporaryFile(
        "w", dir=project, prefix=".mkdocs-offline-", suffix=".yml", delete=False, encoding="utf-8"
    )
    try:
        with overlay:
            yaml.safe_dump(offline_overlay(config_file), overlay, sort_keys=False)
        # --strict without -q: quiet mode hides the warnings strict mode must count.
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", overlay.name, "--site-dir", str(site_dir)]
        completed = subprocess.run(command, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        if completed.returncode != 0:
            raise SystemExit("offline: the build failed (see above); no bundle was written")
    finally:
        os.unlink(overlay.name)


def write_zip(site_dir: Path, folder_name: str, destination: Path) -> None:
    """Zip into a temporary file first, so a failed run never leaves a half-written bundle."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                archive.write(path, f"{folder_name}/{path.relative_to(site_dir).as_posix()}")
    os.replace(partial, destination)
    digest = hashlib.sha256(destination.read_bytes()).hexdigest()
    destination.with_name(destination.name + ".sha256").write_text(f"{digest}  {destination.name}\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=PROJECT, help="the project folder (default: this repository)")
    parser.add_argument("--output", type=Path, help="the zip to write (default: <project>/dist/<site-name>-offline.zip)")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    config_file = project / "mkdocs.yml"
    name = bundle_name(config_file)
    output = (args.output or project / "dist" / f"{name}-offline.zip").resolve()
    with tempfile.TemporaryDirectory(prefix="guidekit-offline-") as temporary:
        site_dir = Path(temporary) / name
        build(project, config_file, site_dir)
        write_zip(site_dir, name, output)
    size = output.stat().st_size / 1e6
    print(f"offline: wrote {output} ({size:.1f} MB); unzip it and open {name}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
