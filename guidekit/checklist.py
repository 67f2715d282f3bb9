"""The decision checklist's data for the browser, and the one scoring rule, run under Node.

The scoring rule exists once, in `SCORING_SCRIPT` (JavaScript, so the page can run it).
`widget_data` is the JSON the checklist page embeds; `run_scoring` feeds that same JSON to
the same script under Node, for the scenario tests, the benchmark and content checks.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from guidekit.content import Guide

PROJECT_DIR = Path(__file__).resolve().parent.parent
SCORING_SCRIPT = PROJECT_DIR / "overrides" / "assets" / "javascripts" / "guidekit" / "scoring.js"


class NodeMissing(RuntimeError):
    """Node.js is needed to run the scoring script outside a browser."""


def widget_data(guide: Guide) -> dict:
    """Everything the checklist script needs, as plain JSON types (texts are plain, never HTML)."""
    checklist = guide.checklist
    return {
        "guide": guide.id,
        "title": guide.meta.title,
        "version": guide.meta.version,
        "options": [{"id": option.id, "name": option.name} for option in guide.options],
        "hybrids": [{"id": hybrid.id, "name": hybrid.name, "combines": list(hybrid.combines)} for hybrid in guide.meta.hybrids],
        "statements": [
            {"id": statement.id, "text": statement.text, "favours": dict(statement.favours), "todo": statement.unsure_todo}
            for group in checklist.groups
            for statement in group.statements
        ],
        "constraints": [
            {"id": constraint.id, "when": constraint.when.model_dump(), "rules_out": list(constraint.rules_out), "reason": constraint.reason}
            for constraint in checklist.constraints
        ],
        "prerequisites": [
            {"id": prerequisite.id, "statement": prerequisite.statement, "holds_back": list(prerequisite.holds_back), "first": prerequisite.first}
            for prerequisite in checklist.prerequisites
        ],
        "preference": list(checklist.preference.order),
        "thresholds": checklist.thresholds.model_dump(),
        "outcomes": {
            choice_id: {"name": guide.choice_name(choice_id), "effort": outcome.effort, "first_steps": list(outcome.first_steps)}
            for choice_id, outcome in checklist.outcomes.items()
        },
        "scenarios": [
            {"id": scenario.id, "name": scenario.name, "description": scenario.description, "answers": dict(scenario.answers)}
            for scenario in checklist.scenarios
        ],
        "text": checklist.ui.model_dump(),
    }


def run_scoring(data: dict, answer_sets: list[dict[str, str]]) -> list[dict]:
    """Score each set of answers with the page's own script: [{"result": ..., "changes": [...]}, ...]."""
    return run_node(SCORING_SCRIPT, {"checklist": data, "answers": answer_sets})


def run_node(script: Path, payload: dict, *args: str) -> object:
    """Run a script under Node with `payload` as JSON on its input; return the JSON it prints."""
    node = shutil.which("node")
    if node is None:
        raise NodeMissing("node is not installed; run scripts/setup.sh --system (it installs Debian's nodejs)")
    completed = subprocess.run(
        [node, str(script), *args],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(completed.stdout)
