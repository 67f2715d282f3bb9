"""The Python code passes the linter and is formatted, as pre-commit would have it (ruff, pinned
in requirements.txt at the version .pre-commit-config.yaml names)."""

from __future__ import annotations

import re
import subprocess
import sys

import yaml

from conftest import PROJECT

CODE = ["guidekit", "hooks", "scripts", "tests"]
RUFF = [sys.executable, "-m", "ruff"]


def run_ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*RUFF, *args, *CODE], cwd=PROJECT, capture_output=True, text=True, timeout=120)


def test_ruff_check_finds_nothing():
    completed = run_ruff("check", "--no-cache", "--output-format", "concise")
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_the_code_is_formatted():
    completed = run_ruff("format", "--check", "--no-cache")
    assert completed.returncode == 0, "run `.venv/bin/ruff format` (or pre-commit):\n" + completed.stdout + completed.stderr


def test_pre_commit_runs_the_same_ruff_as_the_tests():
    config = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [ruff_repo] = [repo for repo in config["repos"] if repo["repo"].endswith("/ruff-pre-commit")]
    assert {hook["id"] for hook in ruff_repo["hooks"]} == {"ruff", "ruff-format"}
    [pinned] = re.findall(r"(?m)^ruff==(\S+)", (PROJECT / "requirements.txt").read_text(encoding="utf-8"))
    assert ruff_repo["rev"] == "v" + pinned
