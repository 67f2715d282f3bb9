"""The decision checklist's data for the browser, and the one scoring rule, run in-process.

The scoring rule exists once, in `SCORING_SCRIPT` (JavaScript, so the page can run it).
`widget_data` is the JSON the checklist page embeds; `run_script` runs JavaScript on that same
JSON with the same script loaded, in a V8 engine embedded from PyPI (mini-racer), for the content
checks (`guidekit.checks.scoring`) and the benchmark; `run_scoring` scores sets of answers with
it, for the scenario tests. No Node.js to install, so the checks run on every machine.
"""

from __future__ import annotations

import asyncio
import atexit
import hashlib
import re
from pathlib import Path

from py_mini_racer import JSEvalException, JSTimeoutException, MiniRacer

from guidekit.model.guide import Guide

PROJECT_DIR = Path(__file__).resolve().parents[2]
SCORING_SCRIPT = PROJECT_DIR / "overrides" / "assets" / "javascripts" / "guidekit" / "scoring.js"


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


# Scores each set of answers in `input.answers` on `input.checklist`, as the page does.
_SCORE_EACH = """input.answers.map(function (answers) {
  return { result: guidekitScoring.score(input.checklist, answers), changes: guidekitScoring.changes(input.checklist, answers) };
})"""


def run_scoring(data: dict, answer_sets: list[dict[str, str]]) -> list[dict]:
    """Score each set of answers with the page's own script: [{"result": ..., "changes": [...]}, ...]."""
    return run_script(_SCORE_EACH, {"checklist": data, "answers": answer_sets})


class ScriptFailed(RuntimeError):
    """One of our scripts threw an error or ran for more than a minute; the message says which."""


def run_script(source: str, payload: object) -> object:
    """Run JavaScript `source` in the embedded V8 engine, with scoring.js loaded as the page
    loads it (`guidekitScoring`) and `payload` as `input`; return the value of its last
    statement, as JSON types. `source` runs in strict mode in a scope of its own, so nothing
    it declares outlives the call."""
    try:
        return _engine(SCORING_SCRIPT.read_text(encoding="utf-8")).call("guidekitRun", source, payload, timeout_sec=60)
    except JSTimeoutException:
        raise ScriptFailed("it ran for more than a minute") from None
    except JSEvalException as error:
        raise ScriptFailed(_first_error(str(error))) from None


# The engine runs the script given by direct eval, so it sees `input` and nothing of the caller's.
_RUNNER = """var window = globalThis;  /* scoring.js publishes itself as window.guidekitScoring */
function guidekitRun(source, input) { "use strict"; return eval(source); }"""


_engines: dict[str, MiniRacer] = {}  # at most one: the engine for scoring.js's current text


def _engine(scoring_source: str) -> MiniRacer:
    """One V8 engine per process, made on first use and remade when scoring.js changes (as
    under `mkdocs serve`), keyed on the script's text so a stale rule never runs."""
    key = hashlib.sha256(scoring_source.encode("utf-8")).hexdigest()
    if key not in _engines:
        close_engine()
        engine = _new_engine()
        engine.eval(_RUNNER)
        engine.eval(scoring_source)
        _engines[key] = engine
    return _engines[key]


def _new_engine() -> MiniRacer:
    """A V8 engine on an event loop of its own. MiniRacer adopts the caller's running asyncio
    loop if there is one (a Playwright page in the tests, an async host): it would then refuse
    timeouts and die with that loop. Hiding the loop while it is made gives it its own."""
    running = asyncio._get_running_loop()
    asyncio._set_running_loop(None)
    try:
        return MiniRacer()
    finally:
        asyncio._set_running_loop(running)


@atexit.register
def close_engine() -> None:
    """Close the engine while its thread still runs: left to the interpreter's teardown, closing it hangs."""
    while _engines:
        _engines.popitem()[1].close()


def _first_error(message: str) -> str:
    """The error line ("Error: ...") of V8's message, without the place and the stack."""
    found = re.search(r"\b\w*Error\b.*", message)
    return found.group(0) if found else message.strip().splitlines()[0]
