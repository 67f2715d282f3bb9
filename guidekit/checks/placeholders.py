"""Placeholders left from the template (`content_data/_template/`): an error in a published guide."""

from __future__ import annotations

import re

from guidekit.model.document import LoadedYaml, walk
from guidekit.model.problems import Problem

MARKER = "TODO"  # how content_data/_template/ marks the text to replace
PLACEHOLDER = re.compile(rf"\b{MARKER}\b")
_PLACEHOLDER_EXCERPT = 60


def placeholder_problems(documents: dict[str, LoadedYaml]) -> list[Problem]:
    """Every value that still holds the template's placeholder marker: an error in a published guide."""
    problems = []
    for document in documents.values():
        if not _may_hold_placeholder(document):
            continue
        for path, text in walk(document.data):
            if not isinstance(text, str) or not PLACEHOLDER.search(text):
                continue
            flat = " ".join(text.split())  # a block of text, on the message's one line
            excerpt = flat if len(flat) <= _PLACEHOLDER_EXCERPT else flat[: _PLACEHOLDER_EXCERPT - 1].rstrip() + "…"
            for line, col in document.text_positions(path, PLACEHOLDER, len(PLACEHOLDER.findall(text))):
                problems.append(
                    Problem(
                        document.display_path,
                        line,
                        col,
                        path,
                        f"placeholder text from the template is still here: '{excerpt}'",
                        "replace it with the guide's own text; until the guide is ready, set status: draft in guide.yml",
                    )
                )
    return problems


def _may_hold_placeholder(document: LoadedYaml) -> bool:
    """Whether a value of the file can hold the marker: not if its text has neither the marker
    nor a backslash (a quoted escape could spell it), which saves walking every finished file."""
    source = document.source
    return not source or MARKER in source or "\\" in source
