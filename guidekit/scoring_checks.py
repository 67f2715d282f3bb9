"""The checks that need the checklist's scoring rule: outcomes no answers can reach, permanent ties.

The rule exists once, in JavaScript (`guidekit.checklist.SCORING_SCRIPT`, the file the page
loads). `scoring_checks.js` runs it in the embedded engine (`guidekit.checklist.run_script`)
on the checklist page's own data and reports what it found; this module turns that into
problems located in checklist.yml. If the script fails, the two checks are skipped with a
warning saying so, never a crash.
"""

from __future__ import annotations

from pathlib import Path

from guidekit.checklist import ScriptFailed, run_script, widget_data
from guidekit.content import Guide
from guidekit.problems import Problem

CHECKS_SCRIPT = Path(__file__).with_name("scoring_checks.js")


def scoring_problems(guide: Guide) -> list[Problem]:
    try:
        found = run_scoring_checks(widget_data(guide))
    except ScriptFailed as reason:
        return [Problem(f"{guide.folder}/checklist.yml", 0, 0, (), f"two checks were skipped (options no answers can recommend, permanent ties): {CHECKS_SCRIPT.name} failed ({reason})",
                        "if you changed the checklist's scripts, undo that change; otherwise report this to the site's maintainers", severity="warning")]
    tied_behind = {later for _, later in found["ties"]}
    problems = [_tie(guide, first, later) for first, later in found["ties"]]
    problems += [_unreachable(guide, choice) for choice in found["unreachable"] if choice not in tied_behind]
    return problems


def run_scoring_checks(data: dict, **options: int) -> dict:
    """{"unreachable": [choice ids], "ties": [[option id, option id]]} from scoring_checks.js.
    `options` go to the script beside the checklist (e.g. exhaustive_limit, for the tests)."""
    return run_script(CHECKS_SCRIPT.read_text(encoding="utf-8"), {"checklist": data, **options})


def _tie(guide: Guide, first: str, later: str) -> Problem:
    names = {option.id: option.name for option in guide.options}
    return guide.files["checklist.yml"].problem(
        ("groups",),
        f"options '{first}' and '{later}' always get the same score, so the checklist can never prefer {names[later]} to {names[first]}",
        f"make at least one statement favour '{later}' more than '{first}' (or the other way round)",
    )


def _unreachable(guide: Guide, choice: str) -> Problem:
    hybrid = next((hybrid for hybrid in guide.meta.hybrids if hybrid.id == choice), None)
    if hybrid:
        first, second = hybrid.combines[:2]
        leaning = guide.checklist.thresholds.leaning
        hint = (f"the hybrid is recommended on a close call between '{first}' and '{second}' "
                f"(a lead of less than {leaning} point{'s' if leaning != 1 else ''}): make sure some answers bring both up together")
    else:
        hint = f"add a statement that favours '{choice}', give it more weight, or check the constraints that rule it out"
    return guide.files["checklist.yml"].problem(("outcomes", choice), f"no combination of answers recommends '{choice}'", hint)
