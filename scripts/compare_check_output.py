"""Compare what `guidekit check` prints with two versions of guidekit/, for a change meant to be
faster and nothing else: the same output, byte for byte, and the same exit status.

    .venv/bin/python scripts/compare_check_output.py OLD_TREE [NEW_TREE] [--guides 500]

OLD_TREE and NEW_TREE are folders holding guidekit/ and overrides/ (the checks load the
checklist's scoring.js from there); NEW_TREE defaults to this checkout. E.g.
`mkdir /tmp/old && git archive main guidekit overrides | tar -x -C /tmp/old`.
Each version runs as its own process (`python -m guidekit check`, with and without --published)
on: the shipped content; the test fixtures' content; the fixture guide with each file of
tests/fixtures/broken/ in place of the file it replaces; the template as a draft guide; the
shipped guide at a later date (warnings); and N copies of the shipped guide.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
CONTENT = PROJECT / "content_data"
FIXTURES = PROJECT / "tests" / "fixtures"
SHIPPED_GUIDE = FIXTURES / "content" / "fine-tuning-vs-prompting"  # the tests' copy: there whatever content_data/ holds
FIXTURE_GUIDE = FIXTURES / "content" / "team-chat-tools"
TESTS_TODAY = "2026-11-24"  # the date the fixtures' expected messages assume
LATER = "2028-01-01"  # every review and volatile fact is overdue by then


def project(root: Path, name: str, guides: dict[str, Path]) -> Path:
    """A project folder holding only content_data/ with `guides` (id -> folder to copy)."""
    folder = root / name / "content_data"
    folder.mkdir(parents=True)
    for guide_id, source in guides.items():
        shutil.copytree(source, folder / guide_id)
    return folder.parent


def header(path: Path, key: str) -> str:
    prefix = f"# {key}: "
    return next(line.removeprefix(prefix) for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(prefix))


def cases(root: Path, copies: int) -> list[tuple[str, Path, str]]:
    """(name, project folder, GUIDEKIT_TODAY) for every run."""
    found = [
        ("shipped", project(root, "shipped", {path.name: path for path in sorted(CONTENT.iterdir()) if (path / "guide.yml").is_file()}), ""),
        ("fixtures", project(root, "fixtures", {path.name: path for path in sorted((FIXTURES / "content").iterdir())}), TESTS_TODAY),
        ("template-draft", project(root, "template", {"new-guide": CONTENT / "_template", SHIPPED_GUIDE.name: SHIPPED_GUIDE}), TESTS_TODAY),
        ("shipped-later", project(root, "later", {SHIPPED_GUIDE.name: SHIPPED_GUIDE}), LATER),
    ]
    for broken in sorted((FIXTURES / "broken").glob("*.yml")):
        folder = project(root, f"broken-{broken.stem}", {FIXTURE_GUIDE.name: FIXTURE_GUIDE})
        shutil.copy(broken, folder / "content_data" / FIXTURE_GUIDE.name / header(broken, "target"))
        found.append((f"broken/{broken.stem}", folder, TESTS_TODAY))
    if copies:
        found.append((f"{copies}-copies", project(root, "copies", {f"guide-{index:03d}": SHIPPED_GUIDE for index in range(1, copies + 1)}), ""))
    return found


def run(tree: Path, folder: Path, today: str, published: bool) -> tuple[int, bytes]:
    environment = {**os.environ, "PYTHONPATH": str(tree), "GUIDEKIT_TODAY": today}
    command = [sys.executable, "-m", "guidekit", "check", "--project", str(folder), *(["--published"] if published else [])]
    done = subprocess.run(command, cwd="/", env=environment, capture_output=True)
    return done.returncode, done.stdout + b"\n--- stderr ---\n" + done.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path, nargs="?", default=PROJECT)
    parser.add_argument("--guides", type=int, default=500, help="copies of the shipped guide in the largest case (0: none)")
    args = parser.parse_args()
    differences = runs = 0
    with tempfile.TemporaryDirectory(prefix="compare-check-") as temporary:
        for name, folder, today in cases(Path(temporary), args.guides):
            for published in (False, True):
                old, new = run(args.old.resolve(), folder, today, published), run(args.new.resolve(), folder, today, published)
                runs += 1
                label = name + (" --published" if published else "")
                if old != new:
                    differences += 1
                    print(
                        f"DIFFERENT: {label} (exit {old[0]} vs {new[0]})\n--- old\n{old[1].decode(errors='replace')}\n--- new\n{new[1].decode(errors='replace')}"
                    )
                else:
                    print(f"same: {label} (exit {old[0]}, {len(old[1])} bytes)")
    print(f"{runs - differences} of {runs} runs print the same, byte for byte, with the same exit status")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
