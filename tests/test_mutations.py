"""Random slips in a valid guide's files never crash the check: each gives located problems or none.

The broken-file corpus (test_broken_content.py) pins the exact message of each kind of mistake;
this test looks for the mistakes nobody thought of. It mutates the small fixture guide's files
the way hurried edits do (a line deleted, doubled, swapped or re-indented; a stray character; a
value of another type; a colon lost; a file cut short), a fixed set of mutations from a fixed
seed, and checks each result as `make check` does. A crash would be a traceback for an editor.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from conftest import MINI_GUIDE, TODAY
from guidekit.model.problems import ContentError
from guidekit.site.guides import check_site

MUTATIONS = 300
SEED = 20261201
STRAY_CHARACTERS = [":", "-", '"', "'", "#", "&", "*", "!", "|", ">", "[", "{", "}", "]", "\t", "%", "@", "`", "?", ",", "\\"]
STRAY_CHARACTERS += ["<", "\r", "\u00a0", "\u2028", "\ufeff", "\x00", "\x85", "\U0001f600"]
OTHER_VALUES = ["[x]", "{a: 1}", "123", "null", "true", "2026-13-45", "''", "1e400", "-.inf", "~", "0x1F", "2026-02-30", "*a"]
OTHER_VALUES += ["&a x", "!!str 1", "!!python/object:os.system x", "|", ">-", "'a' b", "{", "[", "12:30", "yes", '"\\ud800"']
OTHER_VALUES += ["javascript:alert(1)", "<script>alert(1)</script>", "a: b: c"]


def mutated(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    index = rng.randrange(len(lines))
    line = lines[index]
    kind = rng.randrange(8)
    if kind == 0:
        del lines[index]
    elif kind == 1:
        lines.insert(index, line)
    elif kind == 2:
        lines[index] = "  " + line if rng.random() < 0.5 else line[2:]
    elif kind == 3:
        at = rng.randrange(len(line) + 1)
        lines[index] = line[:at] + rng.choice(STRAY_CHARACTERS) + line[at + 1 :]
    elif kind == 4:
        other = rng.randrange(len(lines))
        lines[index], lines[other] = lines[other], line
    elif kind == 5:
        return text[: rng.randrange(len(text))]
    elif kind == 6 and ": " in line:
        lines[index] = line[: line.index(": ") + 2] + rng.choice(OTHER_VALUES)
    elif kind == 7 and ":" in line:
        lines[index] = line.replace(":", "", 1)
    return "\n".join(lines)


def test_no_slip_in_a_file_crashes_the_check_and_every_problem_is_located(tmp_path: Path):
    guide = tmp_path / "content_data" / MINI_GUIDE.name
    shutil.copytree(MINI_GUIDE, guide)
    files = sorted(guide.rglob("*.yml"))
    originals = {path: path.read_text(encoding="utf-8") for path in files}
    rng = random.Random(SEED)
    reported = 0
    for _ in range(MUTATIONS):
        path = rng.choice(files)
        text = originals[path]
        for _ in range(rng.choice([1, 1, 2, 3])):
            text = mutated(text, rng)
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            check_site(tmp_path / "content_data", tmp_path, TODAY, processes=1)
        except ContentError as error:
            reported += 1
            for problem in error.problems:
                assert problem.message and problem.file.startswith(f"content_data/{MINI_GUIDE.name}"), (str(problem), text)
                assert problem.line > 0 or not problem.path, (f"{problem}: a field's problem without its line", text)
        except Exception as error:  # noqa: BLE001  (any other exception is what this test is for)
            pytest.fail(f"{type(error).__name__}: {error} after this edit of {path.name}:\n{text}")
        path.write_text(originals[path], encoding="utf-8")
    assert reported > MUTATIONS // 2  # the slips really broke the files
