"""The site also builds with ProperDocs, the maintained fork of MkDocs 1.x: the fallback while
MkDocs 1.x and Material age (see README, Dependencies).

ProperDocs lives apart from the project's environment, in .venv/properdocs (scripts/setup.sh
installs it there from scripts/properdocs-requirements.txt), and is put on the path of this one
build only, so that every other build keeps running on MkDocs itself. Its own dependencies are
MkDocs's, already installed. Under the `properdocs` command, every `import mkdocs...` (Material's
and the hooks') gets ProperDocs's module of the same name.
"""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ENV, built_pages, copy_project

# Where scripts/setup.sh installs it, beside the environment the tests run in.
PROPERDOCS = Path(sys.prefix) / "properdocs"


def installed_version() -> str:
    """The version of ProperDocs in PROPERDOCS, read from its installed metadata."""
    [distribution] = importlib.metadata.distributions(name="properdocs", path=[str(PROPERDOCS)])
    return distribution.version


@pytest.mark.build
def test_the_site_builds_with_properdocs_into_the_same_pages(built_site, tmp_path):
    assert (PROPERDOCS / "properdocs").is_dir(), f"ProperDocs is not installed in {PROPERDOCS}: run scripts/setup.sh, which installs it"
    project = copy_project(tmp_path / "project")
    completed = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "--config-file", "mkdocs.yml"],
        cwd=project.root,
        env={**ENV, "PYTHONPATH": str(PROPERDOCS)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    # Material names the engine in every page: ProperDocs, not MkDocs.
    assert f'content="mkdocs-ProperDocs {installed_version()}, mkdocs-material-' in (project.root / "site" / "index.html").read_text(encoding="utf-8")
    assert built_pages(project.root / "site") == built_pages(built_site)
