"""`guidekit check` on many guides checks them in several processes at once: what it prints and
its exit status must be exactly those of checking the guides one after another."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from broken_cases import CASES
from conftest import ENV, MINI_GUIDE
from guidekit import cli
from guidekit.site.guides import GUIDES_PER_PROCESS

WARNING_CASES = [case for case in CASES if case.path.stem in {"logic-overdue-review", "logic-stale-fact", "logic-price-without-as-of"}]


def guides_project(root: Path, cases: list, valid: int) -> Path:
    """A project holding one copy of the fixture guide per broken case (each with its mistake),
    then `valid` unchanged copies, the first of them a draft."""
    content = root / "content_data"
    for index, case in enumerate(cases):
        folder = content / f"case-{index:02d}"
        shutil.copytree(MINI_GUIDE, folder)
        shutil.copyfile(case.path, folder / case.target)
    for index in range(valid):
        folder = content / f"valid-{index:02d}"
        shutil.copytree(MINI_GUIDE, folder)
        if index == 0:
            with open(folder / "guide.yml", "a", encoding="utf-8") as guide:
                guide.write("status: draft\n")
    return root


def checked(capsys, project: Path, *, published: bool, processes: int) -> tuple[int, str]:
    status = cli.check(project, published, processes=processes)
    return status, capsys.readouterr().out


def test_several_processes_report_every_error_as_one_process_does(tmp_path, capsys):
    project = guides_project(tmp_path, CASES, valid=2)
    assert len(CASES) + 2 >= 2 * GUIDES_PER_PROCESS  # enough for two processes
    one = checked(capsys, project, published=False, processes=1)
    two = checked(capsys, project, published=False, processes=2)
    assert one[0] == 1 and one[1].count("content_data/case-") >= len(CASES)  # every broken guide is reported
    assert two == one


@pytest.mark.parametrize("published", [False, True], ids=["all", "published"])
def test_several_processes_list_the_same_guides_and_warnings(tmp_path, capsys, published):
    project = guides_project(tmp_path, WARNING_CASES, valid=2 * GUIDES_PER_PROCESS)
    one = checked(capsys, project, published=published, processes=1)
    two = checked(capsys, project, published=published, processes=2)
    assert one[0] == 0 and "warning" in one[1] and ("valid-00 (draft)" in one[1]) != published
    assert two == one


def test_the_command_checks_many_guides_as_one_process_does(tmp_path, capsys):
    # The command itself picks the number of processes (one per CPU for this many guides), and
    # starts them from a process that has not run a check yet: what `make check` does.
    project = guides_project(tmp_path, CASES, valid=2 * GUIDES_PER_PROCESS)
    command = subprocess.run([sys.executable, "-m", "guidekit", "check", "--project", str(project)], env=ENV, capture_output=True, text=True, timeout=300)
    assert (command.returncode, command.stdout, command.stderr) == (*checked(capsys, project, published=False, processes=1), "")
