"""The site also builds with ProperDocs, the maintained fork of MkDocs 1.x: the fallback while
MkDocs 1.x and Material age (see README, Dependencies).

ProperDocs is installed apart from the project's environment, into a temporary folder put on
the path of this one build only, so that every other build keeps running on MkDocs itself. Its
own dependencies are MkDocs's, already installed. Under the `properdocs` command, every
`import mkdocs...` (Material's and the hooks') gets ProperDocs's module of the same name.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import ENV, built_pages, copy_project

VERSION = "1.6.7"
PROPERDOCS = f"properdocs=={VERSION}"


@pytest.fixture(scope="session")
def properdocs() -> Path:
    """A folder holding ProperDocs alone, to put on PYTHONPATH: installed from PyPI on the first
    run only, into the tests' Python environment (.venv/) under a name holding the version, by
    the environment's installer (uv; scripts/setup.sh gives the environment no pip of its own)."""
    folder = Path(sys.prefix) / f"properdocs-{VERSION}"
    if folder.is_dir():
        return folder
    fresh = Path(tempfile.mkdtemp(prefix=f"{folder.name}-", dir=sys.prefix))
    completed = subprocess.run(
        [Path(sys.executable).parent / "uv", "pip", "install", "--quiet", "--python", sys.executable, "--no-deps", "--target", str(fresh), PROPERDOCS],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    with contextlib.suppress(OSError):  # whole or not at all; if another run got there first, theirs is as good
        fresh.rename(folder)
    shutil.rmtree(fresh, ignore_errors=True)
    return folder


@pytest.mark.build
def test_the_site_builds_with_properdocs_into_the_same_pages(properdocs, built_site, tmp_path):
    project = copy_project(tmp_path / "project")
    completed = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "--config-file", "mkdocs.yml"],
        cwd=project.root,
        env={**ENV, "PYTHONPATH": str(properdocs)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    # Material names the engine in every page: ProperDocs, not MkDocs.
    assert f'content="mkdocs-ProperDocs {VERSION}, mkdocs-material-' in (project.root / "site" / "index.html").read_text(encoding="utf-8")
    assert built_pages(project.root / "site") == built_pages(built_site)
