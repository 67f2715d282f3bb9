#!/usr/bin/env python3
"""Print the project's timings as a table, measured the way people run the commands.

    .venv/bin/python scripts/bench.py        (or: make bench)

- `make check` on the shipped content, as a new process each time (target: under 0.5 s);
- a full strict build of the shipped site into a temporary folder;
- then the checklist's own budgets (scripts/bench_checklist.py), when that script exists.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CHECK_TARGET_S = 0.5
CHECK_RUNS = 7
BUILD_RUNS = 3


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    completed = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{completed.stdout}{completed.stderr}")
    return elapsed


def check_times() -> list[float]:
    command = [PYTHON, "-m", "guidekit", "check"]
    timed(command, PROJECT)  # warm the file cache and the compiled modules
    return [timed(command, PROJECT) for _ in range(CHECK_RUNS)]


def build_times() -> list[float]:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        for name in ("mkdocs.yml", "hooks", "overrides", "docs", "content_data"):
            source = PROJECT / name
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
        return [timed([PYTHON, "-m", "mkdocs", "build", "--strict", "--quiet"], project) for _ in range(BUILD_RUNS)]


def row(what: str, times: list[float], target: str = "") -> str:
    return f"| {what:<44} | {statistics.median(times):>8.3f} s | {max(times):>8.3f} s | {target:<9} |"


def main() -> int:
    checks = check_times()
    builds = build_times()
    print(f"| {'what':<44} | {'median':>10} | {'slowest':>10} | {'target':<9} |")
    print(f"|{'-' * 46}|{'-' * 12}|{'-' * 12}|{'-' * 11}|")
    print(row(f"make check, shipped content ({CHECK_RUNS} runs)", checks, f"< {CHECK_TARGET_S} s"))
    print(row(f"mkdocs build --strict, shipped site ({BUILD_RUNS} runs)", builds))
    within = max(checks) < CHECK_TARGET_S
    print(f"\nmake check: {'within' if within else 'OVER'} its target of {CHECK_TARGET_S} s (slowest run {max(checks):.3f} s).")
    checklist = PROJECT / "scripts" / "bench_checklist.py"
    if checklist.exists():
        print("\nChecklist budgets (scripts/bench_checklist.py):")
        within = subprocess.run([PYTHON, str(checklist)], cwd=PROJECT).returncode == 0 and within
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
