"""The layer contract in pyproject.toml ([tool.importlinter]): each layer of guidekit/ imports only
the layers below it, and no two sibling modules import each other, checked by `lint-imports`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT

pytestmark = pytest.mark.unit

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(project)}  # this project's guidekit/, ahead of the installed one
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=project, env=env, capture_output=True, text=True, timeout=120)


def test_every_import_keeps_to_its_layer():
    completed = lint_imports(PROJECT)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "Contracts: 2 kept, 0 broken." in completed.stdout


def test_an_import_up_a_layer_breaks_the_contract(tmp_path):
    shutil.copytree(PROJECT / "guidekit", tmp_path / "guidekit", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT / "pyproject.toml", tmp_path)
    problems = tmp_path / "guidekit" / "model" / "problems.py"
    problems.write_text(problems.read_text(encoding="utf-8") + "\nfrom guidekit.render import pages  # noqa\n", encoding="utf-8")
    completed = lint_imports(tmp_path)
    assert completed.returncode == 1
    assert "guidekit.model.problems -> guidekit.render.pages" in completed.stdout
