"""Shared test helpers: throwaway copies of the project, and builds run the way users run them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI_GUIDE = FIXTURES / "content" / "team-chat-tools"
MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


class Project:
    """A copy of the project's site sources in a temporary folder."""

    def __init__(self, root: Path):
        self.root = root

    @property
    def content(self) -> Path:
        return self.root / "content_data"

    def build(self, *extra: str) -> BuildResult:
        # --strict without -q: quiet mode hides the warnings strict mode must count.
        completed = subprocess.run(
            [*MKDOCS, "build", "--strict", *extra], cwd=self.root, env=ENV, capture_output=True, text=True, timeout=300
        )
        return BuildResult(completed.returncode, completed.stdout + completed.stderr, self.root / "site")

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def copy_project(destination: Path, *, guides: list[Path] | None = None) -> Project:
    """Copy config, hooks, templates and docs; content is the shipped guides unless `guides` is given."""
    for name in ("mkdocs.yml", "hooks", "overrides", "docs"):
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    if guides is None:
        shutil.copytree(PROJECT / "content_data", destination / "content_data")
    else:
        for guide in guides:
            shutil.copytree(guide, destination / "content_data" / guide.name)
    return Project(destination)


@pytest.fixture
def mini_project(tmp_path: Path) -> Project:
    """The project with only the small fixture guide."""
    return copy_project(tmp_path / "project", guides=[MINI_GUIDE])
