"""The checks that run the checklist's own scoring rule (scoring.js, in the embedded engine)."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys

from conftest import ENV, MINI_GUIDE
from guidekit import scoring_checks
from guidekit.scoring_checks import run_scoring_checks
from test_broken_content import GUIDE, all_problems


def random_checklist(rng: random.Random) -> dict:
    options = "abcd"[: rng.randint(2, 4)]
    count = rng.randint(3, 8)
    statements = [
        {"id": f"s{index}", "favours": {option: rng.choice([1, 2, 3, -1]) for option in rng.sample(options, rng.randint(1, 2))}}
        for index in range(count)
    ]
    constraints = [
        {"id": f"k{index}", "when": {"statement": f"s{rng.randrange(count)}", "answer": rng.choice(["yes", "no"])}, "rules_out": [rng.choice(options)]}
        for index in range(rng.randint(0, 3))
    ]
    pair = rng.sample(options, 2)
    return {
        "options": [{"id": option} for option in options],
        "hybrids": [{"id": "-".join(pair), "combines": pair}] if rng.random() < 0.7 else [],
        "statements": statements,
        "constraints": constraints,
        "thresholds": {"clear": 4, "leaning": 2},
        "scenarios": [],
    }


def test_the_search_finds_what_trying_every_answer_finds():
    """Large checklists are searched, not enumerated: on small ones both must agree."""
    rng = random.Random(2026)
    for _ in range(40):
        data = random_checklist(rng)
        assert run_scoring_checks(data, exhaustive_limit=0) == run_scoring_checks(data, exhaustive_limit=10**9), data


def test_an_unreachable_option_and_a_tie_are_found():
    data = {
        "options": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
        "hybrids": [],
        "statements": [{"id": "s1", "favours": {"a": 2, "b": 2}}, {"id": "s2", "favours": {"a": 1, "b": 1, "c": 3}}],
        "constraints": [],
        "thresholds": {"clear": 4, "leaning": 2},
        "scenarios": [],
    }
    assert run_scoring_checks(data) == {"unreachable": ["b"], "ties": [["a", "b"]]}


def test_the_check_needs_no_node(tmp_path):
    """The logic checks run in-process: with no programs on the path, they still find a tie."""
    shutil.copytree(MINI_GUIDE, tmp_path / GUIDE)
    checklist = tmp_path / GUIDE / "checklist.yml"
    checklist.write_text(checklist.read_text().replace("favours: {email: 2}", "favours: {chat: 2}"))
    completed = subprocess.run(
        [sys.executable, "-m", "guidekit", "check", "--project", str(tmp_path)],
        env={**ENV, "PATH": str(tmp_path / "no-programs-here")}, capture_output=True, text=True, timeout=60,
    )
    assert completed.returncode == 1, completed.stdout
    assert "no combination of answers recommends 'email-chat'" in completed.stdout


def test_a_failing_script_is_a_warning(tmp_path, monkeypatch):
    shutil.copytree(MINI_GUIDE, tmp_path / GUIDE)
    broken = tmp_path / "broken.js"
    broken.write_text("throw new Error('scoring.js is broken');\n")
    monkeypatch.setattr(scoring_checks, "CHECKS_SCRIPT", broken)
    [warning] = all_problems(tmp_path)
    assert warning.severity == "warning"
    assert warning.message == (
        "two checks were skipped (options no answers can recommend, permanent ties): broken.js failed (Error: scoring.js is broken)"
    )


def test_an_unreachable_hybrid_gets_a_hint_with_its_threshold(tmp_path):
    shutil.copytree(MINI_GUIDE, tmp_path / GUIDE)
    checklist = tmp_path / GUIDE / "checklist.yml"
    # Email then scores only through need-record, whose "yes" rules chat out: the two are never close.
    checklist.write_text(checklist.read_text().replace("favours: {email: 2}", "favours: {chat: 2}"))
    [problem] = all_problems(tmp_path)
    assert str(problem) == f"{GUIDE}/checklist.yml:45:3: outcomes.email-chat: no combination of answers recommends 'email-chat'"
    assert problem.hint == (
        "the hybrid is recommended on a close call between 'email' and 'chat' (a lead of less than 2 points): "
        "make sure some answers bring both up together"
    )
