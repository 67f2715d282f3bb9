"""The corpus of broken content files (tests/fixtures/broken/) and the problems a guide gives,
shared by the tests of the messages, the editing docs and the logic checks.

Each file in tests/fixtures/broken/ is a copy of one file of the fixture guide with one mistake.
Its header names the file it replaces (`# target:`), whether the JSON Schema that editors' tools
use can see the mistake (`# schema:`), and, after `# expect:`, the exact lines `make check` prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from conftest import FIXTURES
from guidekit.site.guides import load_site
from guidekit.model.problems import ContentError, Problem

BROKEN = FIXTURES / "broken"
GUIDE = "content_data/team-chat-tools"
TODAY = dt.date(2026, 11, 24)


@dataclass
class Case:
    path: Path
    target: str
    schema: str  # "rejects", "accepts" (the mistake is beyond the schema) or "not-yaml"
    expected: str

    @classmethod
    def read(cls, path: Path) -> Case:
        lines = path.read_text(encoding="utf-8").splitlines()
        header = dict(line.removeprefix("# ").split(": ", 1) for line in lines if line.startswith(("# target: ", "# schema: ")))
        expected = [line.removeprefix("# | ") for line in lines if line.startswith("# | ")]
        return cls(path, header["target"], header["schema"], "\n".join(expected))


CASES = [Case.read(path) for path in sorted(BROKEN.glob("*.yml"))]


def all_problems(project: Path) -> list[Problem]:
    """Errors and warnings, as `make check` lists them."""
    try:
        return load_site(project / "content_data", project, today=TODAY).warnings
    except ContentError as error:
        return error.problems
