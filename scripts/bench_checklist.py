#!/usr/bin/env python3
"""Print the checklist's two budgets: the JavaScript and CSS its pages load for it, as published
(minified and joined by guidekit.render.assets), gzipped (target: at most 6 KB together), and the
time to recompute a result, with "what would change the answer", for 200 statements (target:
under 1 ms). The timing runs scoring.js in V8 (guidekit.checks.engine.run_script), the same file the page loads.

The size counts the files a reader's browser downloads: the checklist's one script
(guidekit.render.pages.CHECKLIST_SCRIPTS: scoring.js and checklist.js joined), and its styles as
if they were a file of their own (they are published inside the site's stylesheet, where they
add less). Until 1 December 2026 it counted scoring.js and checklist.js gzipped one by one,
which pages have not loaded since the two were joined; BENCHMARKS.md has both figures.

    .venv/bin/python scripts/bench_checklist.py
"""

from __future__ import annotations

import gzip
import random
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
from guidekit.checks.engine import run_script  # noqa: E402  (run as a script from any folder)
from guidekit.render.assets import JOINED, published_text  # noqa: E402
from guidekit.render.pages import CHECKLIST_SCRIPTS  # noqa: E402

ASSETS = PROJECT / "overrides" / "assets"
# What a checklist page loads for the checklist, as paths under the published assets/ folder.
CHECKLIST_FILES = (*(script.removeprefix("assets/") for script in CHECKLIST_SCRIPTS), "stylesheets/checklist.css")
SIZE_BUDGET = 6 * 1024
TIME_BUDGET_MS = 1.0
STATEMENTS = 200

# Date.now() counts whole milliseconds: each batch runs `rounds` recomputes.
TIMER = """
const { data, answers, rounds } = input;
const recompute = () => { guidekitScoring.score(data, answers); guidekitScoring.changes(data, answers); };
for (let i = 0; i < 50; i++) recompute();  // warm up
const batches = [];
for (let batch = 0; batch < 9; batch++) {  // the median batch: a busy machine skews single timings
  const start = Date.now();
  for (let i = 0; i < rounds; i++) recompute();
  batches.push((Date.now() - start) / rounds);
}
batches.sort((a, b) => a - b)[4];
"""


def gzipped_size(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9))


def synthetic_checklist(count: int) -> tuple[dict, dict]:
    """`count` statements over four options, a constraint per ten statements, a prerequisite per twenty,
    every statement answered."""
    rng = random.Random(200)
    options = ["a", "b", "c", "d"]
    statements = [{"id": f"s{index}", "favours": {option: rng.randint(1, 3) for option in rng.sample(options, rng.randint(1, 2))}} for index in range(count)]
    constraints = [
        {"id": f"k{index}", "when": {"statement": f"s{index * 10}", "answer": "no"}, "rules_out": [rng.choice(options)]} for index in range(count // 10)
    ]
    prerequisites = [{"id": f"p{index}", "statement": f"s{index * 20 + 5}", "holds_back": [rng.choice(options)]} for index in range(count // 20)]
    data = {
        "options": [{"id": option} for option in options],
        "preference": options,
        "hybrids": [{"id": "a-b", "combines": ["a", "b"]}, {"id": "c-d", "combines": ["c", "d"]}],
        "statements": statements,
        "constraints": constraints,
        "prerequisites": prerequisites,
        "thresholds": {"clear": 4, "leaning": 2, "case": 4},
    }
    answers = {statement["id"]: rng.choice(["yes", "yes", "no", "unsure"]) for statement in statements}
    return data, answers


def recompute_ms(count: int, rounds: int = 1000) -> float:
    data, answers = synthetic_checklist(count)
    return float(run_script(TIMER, {"data": data, "answers": answers, "rounds": rounds}))


def main() -> int:
    total = 0
    for name in CHECKLIST_FILES:
        published = gzipped_size(published_text(ASSETS, name))
        total += published
        sources = ", ".join(JOINED.get(name, (name,)))
        print(f"  {Path(name).name:<18} {published:>6} bytes gzipped as published (from {sources})")
    print(f"checklist JS + CSS as its pages load them: {total} bytes gzipped ({total / 1024:.2f} KB; budget {SIZE_BUDGET // 1024} KB)")
    elapsed = recompute_ms(STATEMENTS)
    print(f"recompute for {STATEMENTS} statements (score + what would change): {elapsed:.3f} ms (budget {TIME_BUDGET_MS:g} ms)")
    within = total <= SIZE_BUDGET and elapsed < TIME_BUDGET_MS
    print("within budget" if within else "OVER BUDGET")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
