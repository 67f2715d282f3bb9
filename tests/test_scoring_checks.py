"""The checks that run the checklist's own scoring rule (scoring.js, in the embedded engine)."""

from __future__ import annotations

import asyncio
import random
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ENV, MINI_GUIDE, PROJECT
from guidekit.checks import engine
from guidekit.checks import scoring as scoring_checks
from guidekit.checks.scoring import run_scoring_checks
from broken_cases import GUIDE, all_problems


def random_checklist(rng: random.Random) -> dict:
    options = "abcd"[: rng.randint(2, 4)]
    count = rng.randint(3, 8)
    statements = [
        {"id": f"s{index}", "favours": {option: rng.choice([1, 2, 3, -1]) for option in rng.sample(options, rng.randint(1, 2))}} for index in range(count)
    ]
    constraints = [
        {"id": f"k{index}", "when": {"statement": f"s{rng.randrange(count)}", "answer": rng.choice(["yes", "no"])}, "rules_out": [rng.choice(options)]}
        for index in range(rng.randint(0, 3))
    ]
    prerequisites = [{"id": f"p{index}", "statement": f"s{rng.randrange(count)}", "holds_back": [rng.choice(options)]} for index in range(rng.randint(0, 2))]
    pair = rng.sample(options, 2)
    return {
        "options": [{"id": option} for option in options],
        "preference": rng.sample(options, len(options)),
        "hybrids": [{"id": "-".join(pair), "combines": pair}] if rng.random() < 0.7 else [],
        "statements": statements,
        "constraints": constraints,
        "prerequisites": prerequisites,
        "thresholds": {"clear": 4, "leaning": 2, "case": rng.randint(2, 4)},
        "scenarios": [],
    }


def test_the_search_finds_what_trying_every_answer_finds():
    """Large checklists are searched, not enumerated: on small ones both must agree."""
    rng = random.Random(2026)
    for _ in range(40):
        data = random_checklist(rng)
        searched, tried_all = run_scoring_checks(data, exhaustive_limit=0), run_scoring_checks(data, exhaustive_limit=10**9)
        assert (searched.pop("exhaustive"), tried_all.pop("exhaustive")) == (False, True)
        assert searched == tried_all, data


def test_an_unreachable_option_and_a_tie_are_found():
    data = {
        "options": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
        "hybrids": [],
        "statements": [{"id": "s1", "favours": {"a": 2, "b": 2}}, {"id": "s2", "favours": {"a": 1, "b": 1, "c": 3}}],
        "constraints": [],
        "thresholds": {"clear": 4, "leaning": 2, "case": 4},
        "preference": ["a", "b", "c"],
        "scenarios": [],
    }
    assert run_scoring_checks(data) == {"unreachable": ["b"], "ties": [["a", "b"]], "exhaustive": True}


def test_the_worked_examples_scored_with_the_searches_get_the_page_s_results():
    rng = random.Random(11)
    data = random_checklist(rng)
    ids = [statement["id"] for statement in data["statements"]]
    answer_sets = [{sid: rng.choice(["yes", "no", "unsure"]) for sid in ids} for _ in range(5)]
    found = run_scoring_checks(data, answer_sets)
    assert found.pop("examples") == [entry["result"] for entry in engine.run_scoring(data, answer_sets)]
    assert found == run_scoring_checks(data)


def test_the_searches_started_from_the_worked_examples_results_find_what_they_find_alone():
    """With the scenarios' own answers, the searches take the examples' results instead of scoring them again."""
    rng = random.Random(5)
    for _ in range(20):
        data = random_checklist(rng)
        ids = [statement["id"] for statement in data["statements"]]
        data["scenarios"] = [{"answers": {sid: rng.choice(["yes", "no", "unsure"]) for sid in ids}} for _ in range(rng.randint(1, 4))]
        answer_sets = [scenario["answers"] for scenario in data["scenarios"]]
        found = run_scoring_checks(data, answer_sets, exhaustive_limit=0)
        assert found.pop("examples") == [entry["result"] for entry in engine.run_scoring(data, answer_sets)]
        assert found == run_scoring_checks(data, exhaustive_limit=0), data


def make_email_chat_unreachable(checklist: Path) -> None:
    """Email then scores only through need-record, whose "yes" rules chat out: the two never meet."""
    text = checklist.read_text()
    search = text.index("id: need-search")
    checklist.write_text(text[:search] + text[search:].replace("favours: {email: 3}", "favours: {chat: 3}", 1))


def test_the_check_needs_no_node(tmp_path):
    """The logic checks run in-process: with no programs on the path, they still find the hybrid no answers reach."""
    shutil.copytree(MINI_GUIDE, tmp_path / GUIDE)
    make_email_chat_unreachable(tmp_path / GUIDE / "checklist.yml")
    completed = subprocess.run(
        [sys.executable, "-m", "guidekit", "check", "--project", str(tmp_path)],
        env={**ENV, "PATH": str(tmp_path / "no-programs-here")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 1, completed.stdout
    assert "outcomes.email-chat: no combination of answers recommends 'email-chat'\n" in completed.stdout


def test_the_engine_runs_when_called_from_inside_a_running_event_loop():
    """Under a Playwright page (the live-preview tests) or any async host, an asyncio loop is
    running in the caller's thread; the engine, made fresh there, must still score instead of
    adopting that loop and refusing its timeout."""
    engine.close_engine()
    host_loop, previous = asyncio.new_event_loop(), asyncio._get_running_loop()
    asyncio._set_running_loop(host_loop)  # as Playwright's sync API leaves it between calls
    try:
        assert engine.run_script("input.a + input.b", {"a": 1, "b": 2}) == 3
    finally:
        asyncio._set_running_loop(previous)
        host_loop.close()


def test_a_failing_script_is_a_warning(tmp_path, monkeypatch):
    shutil.copytree(MINI_GUIDE, tmp_path / GUIDE)
    broken = tmp_path / "broken.js"
    broken.write_text("throw new Error('scoring.js is broken');\n")
    monkeypatch.setattr(scoring_checks, "CHECKS_SCRIPT", broken)
    [warning] = all_problems(tmp_path)
    assert warning.severity == "warning"
    assert warning.message == (
        "three checks were skipped (worked examples, options no answers can recommend, permanent ties): the scoring script failed (Error: scoring.js is broken)"
    )
    # The editors' list of messages explains it, with the script's own error left out.
    assert warning.message.replace("(Error: scoring.js is broken)", "(...)") in (PROJECT / "docs" / "editing" / "error-messages.md").read_text()


def test_an_unreachable_hybrid_gets_a_hint_with_its_thresholds(tmp_path):
    shutil.copytree(MINI_GUIDE, tmp_path / GUIDE)
    make_email_chat_unreachable(tmp_path / GUIDE / "checklist.yml")
    problems = [problem for problem in all_problems(tmp_path) if problem.path[:1] == ("outcomes",)]
    [problem] = problems
    assert str(problem) == f"{GUIDE}/checklist.yml:{problem.line}:3: outcomes.email-chat: no combination of answers recommends 'email-chat'"
    assert problem.is_error  # the fixture is small enough to try every answer set
    assert problem.hint == (
        "the hybrid is recommended when 'email', 'chat' each reach 3 points, or on a close call between its two options "
        "(a lead of less than 2 points): make sure some answers bring them up together"
    )


def test_an_option_no_search_reached_is_only_a_warning(tmp_path, monkeypatch):
    """Without trying every answer set, "no answers recommend X" may be a miss of the search."""
    shutil.copytree(MINI_GUIDE, tmp_path / GUIDE)
    real_run_script = scoring_checks.run_script
    monkeypatch.setattr(scoring_checks, "run_script", lambda source, payload: real_run_script(source, {**payload, "exhaustive_limit": 0}))
    make_email_chat_unreachable(tmp_path / GUIDE / "checklist.yml")
    [problem] = [problem for problem in all_problems(tmp_path) if problem.path[:1] == ("outcomes",)]
    assert problem.severity == "warning"
    assert problem.message == (
        "no combination of answers tried recommends 'email-chat' (there are too many to try them all, so a search picked them; one may still exist)"
    )


def test_a_worked_example_whose_result_changed_is_an_error_at_its_expect(tmp_path):
    shutil.copytree(MINI_GUIDE, tmp_path / GUIDE)
    checklist = tmp_path / GUIDE / "checklist.yml"
    text = checklist.read_text()
    checklist.write_text(text.replace("expect: {outcome: chat, strength: leaning}", "expect: {outcome: chat, strength: clear}"))
    [problem] = all_problems(tmp_path)
    lines = checklist.read_text().splitlines()
    line = next(number for number, content in enumerate(lines, 1) if "strength: clear}" in content)
    assert str(problem) == (
        f"{GUIDE}/checklist.yml:{line}:5: scenarios[2].expect: the example 'support-desk' expects Chat (Clear), "
        "but the checklist now gives Chat (Leaning) (scores: Email 0, Chat 3)"
    )
    assert problem.is_error


def test_a_worked_example_must_name_what_is_not_yet(tmp_path):
    shutil.copytree(MINI_GUIDE, tmp_path / GUIDE)
    checklist = tmp_path / GUIDE / "checklist.yml"
    checklist.write_text(checklist.read_text().replace("strength: close, not_yet: [chat]}", "strength: close}"))
    [problem] = all_problems(tmp_path)
    assert problem.field == "scenarios[3].expect"
    assert "expects Email (Close call), but the checklist now gives Email (Close call), not yet Chat" in problem.message
