"""The scoring rule, run on the page's own scoring.js: every example scenario of every guide, and the edge cases."""

import re
from urllib.parse import urljoin
from urllib.request import urlopen

import pytest

from conftest import FEATURE_GUIDE, MINI_GUIDE, PROJECT, shipped_guide
from guidekit.checks.engine import SCORING_SCRIPT, run_scoring, widget_data
from guidekit.render.assets import minify
from guidekit.site.guides import load_site


def _guides():
    """Every guide in content_data/, and the fixture guide the rule's features are tried on."""
    shipped = load_site(PROJECT / "content_data", PROJECT).guides
    fixture = load_site(MINI_GUIDE.parent, PROJECT).guide(MINI_GUIDE.name)
    return shipped + [fixture]


GUIDES = _guides()
SCENARIOS = [(guide, scenario) for guide in GUIDES for scenario in guide.checklist.scenarios]


@pytest.fixture(scope="module")
def scenario_results() -> dict[tuple[str, str], dict]:
    """Every scenario scored in one engine call per guide."""
    results = {}
    for guide in GUIDES:
        scenarios = guide.checklist.scenarios
        scored = run_scoring(widget_data(guide), [dict(scenario.answers) for scenario in scenarios])
        results.update({(guide.id, scenario.id): entry["result"] for scenario, entry in zip(scenarios, scored, strict=True)})
    return results


def test_the_shipped_guide_has_a_worked_example_for_every_outcome_each_with_its_reasons():
    guide = shipped_guide()
    expected = {scenario.expect.outcome for scenario in guide.checklist.scenarios}
    assert expected == set(guide.checklist.outcomes), f"{guide.folder}: no scenario for {set(guide.checklist.outcomes) - expected}"
    assert [scenario.id for scenario in guide.checklist.scenarios if not (scenario.why and scenario.sources)] == []


@pytest.mark.parametrize("guide, scenario", SCENARIOS, ids=[scenario.id for _, scenario in SCENARIOS])
def test_scenario_gives_its_expected_recommendation(guide, scenario, scenario_results):
    result = scenario_results[(guide.id, scenario.id)]
    expected = scenario.expect
    assert (result["outcome"], result["strength"], result["notYet"]) == (expected.outcome, expected.strength, list(expected.not_yet)), (
        f"{guide.folder}/checklist.yml: scenario '{scenario.id}' now gives {result['outcome']} ({result['strength']}, not yet {result['notYet']}), "
        f"expected {expected.outcome} ({expected.strength}, not yet {expected.not_yet}); scores {result['scores']}, ruled out {result['ruledOut']}"
    )


# ---- The rule's edge cases, on a small synthetic checklist --------------------------------

DATA = {
    "options": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
    "preference": ["c", "b", "a"],  # deliberately not the list order: ties must follow this
    "hybrids": [{"id": "a-b", "combines": ["a", "b"]}],
    "statements": [
        {"id": "s1", "favours": {"a": 3}},
        {"id": "s2", "favours": {"b": 3}},
        {"id": "s3", "favours": {"c": 1}},
        {"id": "s4", "favours": {"a": 2, "b": 2}},
        {"id": "s5", "favours": {"c": 3}},
        {"id": "s6", "favours": {}},
        {"id": "s7", "favours": {"a": 3}},
    ],
    "constraints": [
        {"id": "no-s1-rules-out-a", "when": {"statement": "s1", "answer": "no"}, "rules_out": ["a"]},
        {"id": "s3-rules-out-b-c", "when": {"statement": "s3", "answer": "yes"}, "rules_out": ["b", "c"]},
    ],
    "prerequisites": [{"id": "s6-first", "statement": "s6", "holds_back": ["a"], "first": "Do s6."}],
    "thresholds": {"clear": 4, "leaning": 2, "case": 3},
}
READY = {"s6": "yes"}  # a's prerequisite met


def score(answers):
    [entry] = run_scoring(DATA, [answers])
    return entry["result"]


def brief(result):
    return result["status"], result["outcome"], result["strength"], result["notYet"]


@pytest.mark.parametrize(
    "answers, expected",
    [
        ({}, ("empty", None, None, [])),
        ({"s1": "unsure", "s2": "unsure"}, ("empty", None, None, [])),
        ({**READY, "s1": "yes"}, ("ok", "a", "leaning", [])),  # no runner-up points: the lead is the top score
        ({**READY, "s1": "yes", "s2": "unsure"}, ("ok", "a", "leaning", [])),
        ({**READY, "s1": "yes", "s3": "yes"}, ("ok", "a", "leaning", [])),  # the only option left leads by its score
        ({"s1": "no", "s2": "yes"}, ("ok", "b", "leaning", [])),  # "no" fires a constraint where "unsure" would not
        ({"s1": "no", "s3": "yes"}, ("ruled-out", None, None, [])),
        ({"s3": "yes", "s5": "yes"}, ("empty", None, None, [])),  # the only points go to ruled-out options
    ],
)
def test_rule(answers, expected):
    assert brief(score(answers)) == expected


@pytest.mark.parametrize(
    "answers, expected",
    [
        ({**READY, "s1": "yes", "s5": "yes"}, ("ok", "c", "close", [])),  # a and c tie; c comes first in the preference
        ({"s2": "yes", "s5": "yes"}, ("ok", "c", "close", [])),
        ({**READY, "s7": "yes", "s1": "yes", "s5": "yes", "s3": "unsure"}, ("ok", "a", "leaning", [])),  # points still beat preference
    ],
)
def test_ties_follow_the_preference_order_not_the_list_order(answers, expected):
    assert brief(score(answers)) == expected


@pytest.mark.parametrize(
    "answers, expected",
    [
        # a leads b by 3, which alone would be a leaning for a; each has a case of its own (3+), so both are recommended
        ({**READY, "s1": "yes", "s7": "yes", "s2": "yes"}, ("ok", "a-b", "leaning", [])),
        ({**READY, "s1": "yes", "s4": "yes", "s2": "yes"}, ("ok", "a-b", "clear", [])),  # lead of the weaker part over c
        ({**READY, "s1": "yes", "s4": "yes"}, ("ok", "a", "leaning", [])),  # b has 2, below the case threshold
        ({**READY, "s4": "yes"}, ("ok", "a-b", "close", [])),  # no case of their own, but a close call between the two
        ({"s1": "yes", "s2": "yes"}, ("ok", "b", "leaning", ["a"])),  # a is held back, so no hybrid with it
    ],
)
def test_a_hybrid_is_recommended_when_each_part_has_a_case(answers, expected):
    assert brief(score(answers)) == expected


@pytest.mark.parametrize("prerequisite", [None, "no", "unsure"], ids=["unanswered", "no", "unsure"])
def test_an_unmet_prerequisite_means_not_yet_and_the_best_option_available_now(prerequisite):
    answers = {"s1": "yes", "s7": "yes"} | ({"s6": prerequisite} if prerequisite else {})
    result = score(answers)
    # a has 6 points and nothing else any, but cannot lead: c (first in the preference) is the best available now
    assert brief(result) == ("ok", "c", "close", ["a"])
    assert result["heldBack"] == {"a": ["s6-first"]} and result["ruledOut"] == {}
    assert brief(score({**answers, "s6": "yes"})) == ("ok", "a", "clear", [])


def test_not_yet_lists_only_what_the_recommendation_would_include():
    # a is held back but has no points: it would not be recommended anyway, so it is not "not yet"
    result = score({"s2": "yes"})
    assert brief(result) == ("ok", "b", "leaning", [])
    assert result["heldBack"] == {"a": ["s6-first"]}


def test_when_every_option_left_is_held_back_there_is_no_recommendation_yet():
    assert brief(score({"s3": "yes", "s1": "yes"})) == ("empty", None, None, ["a"])


def test_a_constraint_rules_out_for_good_whatever_the_prerequisites():
    assert brief(score({**READY, "s1": "no", "s7": "yes"})) == ("empty", None, None, [])


def test_result_explains_scores_constraints_parts_and_reasons():
    result = score({"s1": "no", "s2": "yes", "s4": "yes", "s5": "yes"})
    assert result["scores"] == {"a": 2, "b": 5, "c": 3}
    assert result["ruledOut"] == {"a": ["no-s1-rules-out-a"]}
    assert result["ranking"] == [{"id": "b", "score": 5}, {"id": "c", "score": 3}]
    assert (result["lead"], result["strength"], result["basis"]) == (2, "leaning", "lead")
    assert result["reasons"] == ["s2", "s4"]
    assert result["fired"] == ["no-s1-rules-out-a"]
    hybrid = score({**READY, "s1": "yes", "s7": "yes", "s2": "yes"})
    assert hybrid["basis"] == "need"
    assert hybrid["parts"] == [{"option": "a", "reasons": ["s1", "s7"]}, {"option": "b", "reasons": ["s2"]}]


def test_changes_lists_single_answers_that_change_the_recommendation():
    [entry] = run_scoring(DATA, [{**READY, "s1": "yes", "s2": "unsure"}])
    assert brief(entry["result"]) == ("ok", "a", "leaning", [])
    # "no" to s6 holds a back; "yes" to s2 gives both a case; "yes" to s3 rules out b and c (a stays)
    assert entry["changes"] == [
        {"statement": "s2", "answer": "yes", "outcome": "a-b"},
        {"statement": "s5", "answer": "yes", "outcome": "c"},
        {"statement": "s6", "answer": "no", "outcome": "c"},
    ]


def test_scoring_script_is_the_one_the_site_loads(served_site):
    """The checks and these tests run SCORING_SCRIPT: each built checklist page must load that very
    file, as published (minified from it), before the checklist script that calls it, both in the
    one file the page loads for them (guidekit/render/assets.py, JOINED)."""
    url, _ = served_site
    parts = [minify(SCORING_SCRIPT).rstrip(";"), minify(SCORING_SCRIPT.with_name("checklist.js")).rstrip(";")]

    def parts_in(page: str) -> list[list[int]]:
        sources = re.findall(r'<script[^>]* src="([^"]+)"', _served(page))
        published = [_served(urljoin(page, source)) for source in sources]
        return [[text.find(part) for part in parts] for text in published if any(part in text for part in parts)]

    page = f"{url}{FEATURE_GUIDE.name}/checklist/"
    [positions] = parts_in(page)  # one file
    assert -1 not in positions and positions == sorted(positions), f"{page}: scoring then checklist, found at {positions}"
    overview = f"{url}{FEATURE_GUIDE.name}/"  # a page without the checklist does not load its scripts
    assert parts_in(overview) == [], overview


def _served(url: str) -> str:
    with urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


@pytest.mark.parametrize("guide, scenario", SCENARIOS, ids=[scenario.id for _, scenario in SCENARIOS])
def test_changes_agree_with_scoring_every_single_answer_anew(guide, scenario):
    """changes() updates its tally incrementally; scoring each alternative from scratch must agree."""
    data, answers = widget_data(guide), dict(scenario.answers)
    alternatives = [(s["id"], value) for s in data["statements"] for value in ("yes", "no") if answers.get(s["id"]) != value]
    [base, *scored] = run_scoring(data, [answers] + [{**answers, sid: value} for sid, value in alternatives])
    expected = [
        {"statement": sid, "answer": value, "outcome": entry["result"]["outcome"]}
        for (sid, value), entry in zip(alternatives, scored, strict=True)
        if entry["result"]["outcome"] not in (None, base["result"]["outcome"])
    ]
    assert base["changes"] == expected
