"""Content problems: what an editor must fix, located as `file:line:col: field.path: message`.

Every failure caused by content (bad YAML, a wrong field, a broken reference) becomes a
`Problem`. Loading collects them all and raises one `ContentError`, so an editor sees every
mistake at once and never a Python traceback.

A problem is an error (the content cannot be published) or a warning (worth fixing, e.g. an
item overdue for review): warnings are listed with the errors but never stop a check or a build.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# A path into YAML data: mapping keys and list indexes, e.g. ("pros", 2, "sources", 0).
FieldPath = tuple[str | int, ...]


def format_field_path(path: FieldPath) -> str:
    """Render ("pros", 2, "sources", 0) as "pros[3].sources[1]".

    Paths hold Python's indexes, counted from 0; editors count from 1 ("the third pro"), so
    every position a person reads is the index plus one.
    """
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one content file.

    `file` is the path shown to the editor (relative to the project folder);
    `line` and `col` are 1-based, 0 when the position is unknown.
    """

    file: str
    line: int
    col: int
    path: FieldPath = field(default=(), compare=False)
    message: str = ""
    hint: str = field(default="", compare=False)
    severity: str = field(default="error", compare=False)  # "error" or "warning"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def location(self) -> str:
        """file:line:col, or the file alone when the position is unknown."""
        return f"{self.file}:{self.line}:{self.col}" if self.line else self.file

    @property
    def field(self) -> str:
        return format_field_path(self.path)

    def __str__(self) -> str:
        severity = "" if self.is_error else f" {self.severity}:"
        field_part = f" {self.field}:" if self.path else ""
        return f"{self.location}:{severity}{field_part} {self.message}"


class ContentError(Exception):
    """Raised with every problem found (errors, and any warnings); `str()` is the editor-facing report."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        return format_report(self.problems)

    def summary(self) -> str:
        """'3 errors and 1 warning'."""
        return count_problems(self.problems)


def count_problems(problems: Sequence[Problem]) -> str:
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    parts = [_plural(errors, "error")] if errors else []
    if warnings:
        parts.append(_plural(warnings, "warning"))
    return " and ".join(parts) or "no problems"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def format_report(problems: Sequence[Problem]) -> str:
    """All problems, one per line, with hints indented beneath."""
    lines = []
    for problem in problems:
        lines.append(str(problem))
        if problem.hint:
            lines.append(f"    hint: {problem.hint}")
    return "\n".join(lines)
