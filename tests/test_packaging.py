"""The project as a Python package: what pyproject.toml declares, the hashed lock that pins it,
and the `guidekit` command that set-up installs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ENV, MINI_GUIDE, PROJECT

PYPROJECT = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
LOCK = (PROJECT / "requirements.txt").read_text(encoding="utf-8")


def locked() -> dict[str, tuple[str, list[str]]]:
    """name -> (pinned version, its hashes), from requirements.txt."""
    entries = {}
    for block in re.split(r"\n(?=[A-Za-z])", LOCK):
        found = re.match(r"([A-Za-z0-9._-]+)==(\S+)", block)
        if found:
            entries[canonicalize_name(found[1])] = (found[2], re.findall(r"--hash=sha256:([0-9a-f]{64})", block))
    return entries


def declared() -> list[Requirement]:
    project = PYPROJECT["project"]
    return [Requirement(text) for text in [*project["dependencies"], *project["optional-dependencies"]["test"]]]


def test_every_declared_dependency_is_pinned_in_the_lock_with_hashes():
    pins = locked()
    assert len(pins) >= 40
    unpinned = [str(requirement) for requirement in declared() if canonicalize_name(requirement.name) not in pins]
    assert unpinned == []
    outside = [str(r) for r in declared() if not r.specifier.contains(pins[canonicalize_name(r.name)][0], prereleases=True)]
    assert outside == [], "the lock pins versions pyproject.toml does not allow: run `make lock`"
    assert [name for name, (_, hashes) in pins.items() if not hashes] == []
    assert "setuptools" in pins  # the build tool of `pip install -e .`, installed from the lock too


def test_set_up_installs_the_lock_with_hash_checking_and_the_project_as_a_package():
    setup = (PROJECT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.txt" in setup
    # The installer (uv) comes hash-checked from a lock of its own.
    assert "--require-hashes -r scripts/uv-requirements.txt" in setup
    installer_lock = (PROJECT / "scripts" / "uv-requirements.txt").read_text(encoding="utf-8")
    assert re.search(r"(?m)^uv==\S+ \\\n\s+--hash=sha256:[0-9a-f]{64}", installer_lock)
    assert "--no-deps --no-build-isolation --editable ." in setup
    assert PYPROJECT["project"]["scripts"] == {"guidekit": "guidekit.cli:main"}
    assert {requirement.name for requirement in declared()} >= {"pytest", "playwright", "mkdocs"}
    assert not any(canonicalize_name(Requirement(text).name) == "pytest" for text in PYPROJECT["project"]["dependencies"])


def test_the_guidekit_command_prints_only_the_problems_and_exits_1(tmp_path):
    command = Path(sys.executable).parent / "guidekit"  # installed next to the environment's Python
    shutil.copytree(MINI_GUIDE, tmp_path / "content_data" / MINI_GUIDE.name)
    email = tmp_path / "content_data" / MINI_GUIDE.name / "options" / "email.yml"
    email.write_text(email.read_text(encoding="utf-8").replace("tagline:", "taglin:"), encoding="utf-8")
    completed = subprocess.run([command, "check", "--project", str(tmp_path)], env=ENV, capture_output=True, text=True, timeout=60)
    assert completed.returncode == 1
    assert completed.stdout.splitlines() == [
        f"content_data/{MINI_GUIDE.name}/options/email.yml:3:1: taglin: unknown field 'taglin' (did you mean 'tagline'?)",
        "    hint: rename it to 'tagline', a required field",
        "",
        "1 error found. Fix the errors and run the check again.",
    ]
    assert completed.stderr == ""


def test_a_reader_who_stops_reading_gets_no_traceback(tmp_path):
    """`guidekit check | head` closes the pipe before the report is written."""
    command = Path(sys.executable).parent / "guidekit"
    shutil.copytree(MINI_GUIDE, tmp_path / "content_data" / MINI_GUIDE.name)
    email = tmp_path / "content_data" / MINI_GUIDE.name / "options" / "email.yml"
    email.write_text(email.read_text(encoding="utf-8").replace("tagline:", "taglin:"), encoding="utf-8")
    check = subprocess.Popen([command, "check", "--project", str(tmp_path)], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    check.stdout.close()  # long before the content is loaded and the report printed
    errors = check.stderr.read()
    assert check.wait(timeout=60) == 1
    assert errors == ""


def test_set_up_leaves_compiled_modules_for_the_packages_and_for_guidekit():
    """Every build, check and worker the suite starts loads compiled modules: with
    PYTHONDONTWRITEBYTECODE set, none would otherwise keep its own compilation (about 0.7 s of CPU a process)."""
    import importlib.util

    import guidekit
    import pydantic.main

    sources = [Path(pydantic.main.__file__), *Path(guidekit.__file__).parent.rglob("*.py")]
    uncompiled = [str(source) for source in sources if not Path(importlib.util.cache_from_source(str(source))).is_file()]
    assert uncompiled == []
