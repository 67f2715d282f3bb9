"""The scoring rule, run with Node on the page's own scoring.js: every example scenario, and the edge cases."""

from pathlib import Path

import pytest

from conftest import MINI_GUIDE, PROJECT
from guidekit.checklist import run_scoring, widget_data
from guidekit.content import load_site


def _guides():
    shipped = load_site(PROJECT / "content_data", PROJECT).guides
    fixture = load_site(MINI_GUIDE.parent, PROJECT).guides
    return shipped + fixture


GUIDES = _guides()
SCENARIOS = [(guide, scenario) for guide in GUIDES for scenario in guide.checklist.scenarios]


@pytest.fixture(scope="module")
def scenario_results() -> dict[tuple[str, str], dict]:
    """Every scenario scored in one Node run per guide."""
    results = {}
    for guide in GUIDES:
        scenarios = guide.checklist.scenarios
        scored = run_scoring(widget_data(guide), [dict(scenario.answers) for scenario in scenarios])
        results.update({(guide.id, scenario.id): entry["result"] for scenario, entry in zip(scenarios, scored)})
    return results


def test_every_shipped_guide_has_scenarios():
    assert all(guide.checklist.scenarios for guide in GUIDES)


@pytest.mark.parametrize("guide, scenario", SCENARIOS, ids=[scenario.id for _, scenario in SCENARIOS])
def test_scenario_gives_its_expected_recommendation(guide, scenario, scenario_results):
    result = scenario_results[(guide.id, scenario.id)]
    expected = scenario.expect
    assert (result["outcome"], result["strength"]) == (expected.outcome, expected.strength), (
        f"{guide.folder}/checklist.yml: scenario '{scenario.id}' now gives {result['outcome']} ({result['strength']}), "
        f"expected {expected.outcome} ({expected.strength}); scores {result['scores']}, ruled out {result['ruledOut']}"
    )


# ---- The rule's edge cases, on a small synthetic checklist --------------------------------

DATA = {
    "options": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
    "hybrids": [{"id": "a-b", "combines": ["a", "b"]}],
    "statements": [
        {"id": "s1", "favours": {"a": 3}},
        {"id": "s2", "favours": {"b": 3}},
        {"id": "s3", "favours": {"c": 1}},
        {"id": "s4", "favours": {"a": 2, "b": 2}},
        {"id": "s5", "favours": {"c": 3}},
    ],
    "constraints": [
        {"id": "no-s1-rules-out-a", "when": {"statement": "s1", "answer": "no"}, "rules_out": ["a"]},
        {"id": "s3-rules-out-b-c", "when": {"statement": "s3", "answer": "yes"}, "rules_out": ["b", "c"]},
    ],
    "thresholds": {"clear": 4, "leaning": 2},
}


def score(answers):
    [entry] = run_scoring(DATA, [answers])
    return entry["result"]


def brief(result):
    return result["status"], result["outcome"], result["strength"]


@pytest.mark.parametrize(
    "answers, expected",
    [
        ({}, ("empty", None, None)),
        ({"s1": "unsure", "s2": "unsure"}, ("empty", None, None)),
        ({"s1": "yes"}, ("ok", "a", "leaning")),  # no runner-up points: the lead is the top score
        ({"s1": "yes", "s5": "yes"}, ("ok", "a", "close")),  # a tie goes to the guide's order; no hybrid of a and c
        ({"s1": "yes", "s2": "yes"}, ("ok", "a-b", "close")),  # a close call between a and b is their hybrid
        ({"s1": "yes", "s4": "yes", "s2": "unsure"}, ("ok", "a", "leaning")),
        ({"s1": "yes", "s4": "yes", "s3": "yes"}, ("ok", "a", "clear")),  # the only option left leads by its score
        ({"s1": "no", "s2": "yes"}, ("ok", "b", "leaning")),  # "no" fires a constraint where "unsure" would not
        ({"s1": "unsure", "s2": "yes", "s5": "yes"}, ("ok", "b", "close")),
        ({"s1": "no", "s3": "yes"}, ("ruled-out", None, None)),
        ({"s3": "yes", "s5": "yes"}, ("empty", None, None)),  # the only points go to ruled-out options
    ],
)
def test_rule(answers, expected):
    assert brief(score(answers)) == expected


def test_result_explains_scores_constraints_and_reasons():
    result = score({"s1": "no", "s2": "yes", "s4": "yes", "s5": "yes"})
    assert result["scores"] == {"a": 2, "b": 5, "c": 3}
    assert result["ruledOut"] == {"a": ["no-s1-rules-out-a"]}
    assert result["ranking"] == [{"id": "b", "score": 5}, {"id": "c", "score": 3}]
    assert (result["lead"], result["strength"]) == (2, "leaning")
    assert result["reasons"] == ["s2", "s4"]
    assert result["fired"] == ["no-s1-rules-out-a"]


def test_changes_lists_single_answers_that_change_the_recommendation():
    [entry] = run_scoring(DATA, [{"s1": "yes", "s2": "unsure"}])
    assert brief(entry["result"]) == ("ok", "a", "leaning")
    # "no" to s1 leaves no recommendation at all, and every other single answer keeps "a".
    assert entry["changes"] == [{"statement": "s2", "answer": "yes", "outcome": "a-b"}]


def test_scoring_script_is_the_one_the_site_loads():
    mkdocs = (PROJECT / "mkdocs.yml").read_text()
    assert "assets/javascripts/guidekit/scoring.js" in mkdocs
    assert Path(PROJECT / "overrides/assets/javascripts/guidekit/scoring.js").is_file()


@pytest.mark.parametrize("guide, scenario", SCENARIOS, ids=[scenario.id for _, scenario in SCENARIOS])
def test_changes_agree_with_scoring_every_single_answer_anew(guide, scenario):
    """changes() updates its tally incrementally; scoring each alternative from scratch must agree."""
    data, answers = widget_data(guide), dict(scenario.answers)
    alternatives = [(s["id"], value) for s in data["statements"] for value in ("yes", "no") if answers.get(s["id"]) != value]
    [base, *scored] = run_scoring(data, [answers] + [{**answers, sid: value} for sid, value in alternatives])
    expected = [
        {"statement": sid, "answer": value, "outcome": entry["result"]["outcome"]}
        for (sid, value), entry in zip(alternatives, scored)
        if entry["result"]["outcome"] not in (None, base["result"]["outcome"])
    ]
    assert base["changes"] == expected
