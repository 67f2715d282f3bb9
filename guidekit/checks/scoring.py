"""The checks that need the checklist's scoring rule: worked examples that no longer give their
expected result, outcomes no answers can reach, permanent ties.

The rule exists once, in JavaScript (`guidekit.checks.engine.SCORING_SCRIPT`, the file the page
loads). The worked examples are scored by it and the searches made by `scoring_checks.js`,
in one run of the embedded engine (`guidekit.checks.engine.run_script`) on the checklist page's own data;
this module turns what they find into problems located in checklist.yml. If a script fails, the
checks are skipped with a warning saying so, never a crash.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from guidekit.checks.engine import ScriptFailed, run_script, widget_data
from guidekit.model.guide import Guide
from guidekit.model.problems import Problem

CHECKS_SCRIPT = Path(__file__).with_name("scoring_checks.js")


def scoring_problems(guide: Guide) -> list[Problem]:
    data = widget_data(guide)
    try:
        found = run_scoring_checks(data, [dict(scenario.answers) for scenario in guide.checklist.scenarios])
    except ScriptFailed as reason:
        return [
            Problem(
                f"{guide.folder}/checklist.yml",
                0,
                0,
                (),
                f"three checks were skipped (worked examples, options no answers can recommend, permanent ties): the scoring script failed ({reason})",
                "if you changed the checklist's scripts, undo that change; otherwise report this to the site's maintainers",
                severity="warning",
            )
        ]
    problems = [_mismatch(guide, index, result) for index, result in enumerate(found["examples"]) if _differs(guide.checklist.scenarios[index].expect, result)]
    tied_behind = {later for _, later in found["ties"]}
    problems += [_tie(guide, first, later) for first, later in found["ties"]]
    problems += [_unreachable(guide, choice, found["exhaustive"]) for choice in found["unreachable"] if choice not in tied_behind]
    return problems


# Each set of answers scored by the page's rule, then scoring_checks.js, in one run of the engine;
# when the answers are the scenarios' own, the searches start from these results instead of scoring them again.
_WITH_EXAMPLES = """var examples = input.answers.map(function (answers) { return guidekitScoring.score(input.checklist, answers); });
if (input.answers_are_scenarios) input.scenario_results = examples;
var found = eval(input.checks_script);
found.examples = examples;
found"""


def run_scoring_checks(data: dict, answer_sets: list[dict[str, str]] | None = None, **options: int) -> dict:
    """{"unreachable": [choice ids], "ties": [[option id, option id]], "exhaustive": bool} from scoring_checks.js.
    With `answer_sets` (the worked examples' answers), also "examples": the result the page's own rule
    gives each, in order, from the same run of the engine (a run costs about as much as the work).
    `options` go to the script beside the checklist (e.g. exhaustive_limit, for the tests)."""
    script = CHECKS_SCRIPT.read_text(encoding="utf-8")
    if answer_sets is None:
        return run_script(script, {"checklist": data, **options})
    are_scenarios = answer_sets == [scenario.get("answers") for scenario in data.get("scenarios") or []]
    return run_script(_WITH_EXAMPLES, {"checklist": data, "answers": answer_sets, "answers_are_scenarios": are_scenarios, "checks_script": script, **options})


def _differs(expect, result: dict) -> bool:
    return (result["outcome"], result["strength"], sorted(result["notYet"])) != (expect.outcome, expect.strength, sorted(expect.not_yet))


def _describe(guide: Guide, outcome: str | None, strength: str | None, not_yet: list[str]) -> str:
    labels = guide.checklist.ui.strength
    text = f"{guide.choice_name(outcome)} ({getattr(labels, strength)})" if outcome else "no recommendation"
    if not_yet:
        text += ", not yet " + " and ".join(guide.choice_name(option) for option in not_yet)
    return text


def _mismatch(guide: Guide, index: int, result: dict) -> Problem:
    scenario = guide.checklist.scenarios[index]
    expect = scenario.expect
    scores = ", ".join(f"{guide.choice_name(option)} {points}" for option, points in result["scores"].items())
    return guide.files["checklist.yml"].problem(
        ("scenarios", index, "expect"),
        f"the example '{scenario.id}' expects {_describe(guide, expect.outcome, expect.strength, list(expect.not_yet))}, "
        f"but the checklist now gives {_describe(guide, result['outcome'], result['strength'], result['notYet'])} (scores: {scores})",
        "if the guidance behind the example still holds, change the statements or weights until the checklist agrees; "
        "change 'expect' only when the guidance itself changed",
    )


def _tie(guide: Guide, first: str, later: str) -> Problem:
    names = {option.id: option.name for option in guide.options}
    return guide.files["checklist.yml"].problem(
        ("groups",),
        f"options '{first}' and '{later}' always get the same score, so the checklist can never prefer {names[later]} to {names[first]}",
        f"make at least one statement favour '{later}' more than '{first}' (or the other way round)",
    )


def _unreachable(guide: Guide, choice: str, exhaustive: bool) -> Problem:
    hybrid = next((hybrid for hybrid in guide.meta.hybrids if hybrid.id == choice), None)
    thresholds = guide.checklist.thresholds
    if hybrid:
        parts = "', '".join(hybrid.combines)
        hint = (
            f"the hybrid is recommended when '{parts}' each reach {thresholds.case} points, or on a close call between its two options "
            f"(a lead of less than {thresholds.leaning} point{'s' if thresholds.leaning != 1 else ''}): make sure some answers bring them up together"
        )
    else:
        hint = f"add a statement that favours '{choice}', give it more weight, or check the constraints and prerequisites that hold it back"
    problem = guide.files["checklist.yml"].problem(("outcomes", choice), f"no combination of answers recommends '{choice}'", hint)
    if exhaustive:
        return problem
    return dataclasses.replace(
        problem,
        severity="warning",
        message=f"no combination of answers tried recommends '{choice}' (there are too many to try them all, so a search picked them; one may still exist)",
    )
