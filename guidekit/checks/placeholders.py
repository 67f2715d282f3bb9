"""Placeholders left from the template (`content_data/_template/`): an error in a published guide."""

from __future__ import annotations

import re

from guidekit.model.document import LoadedYaml, walk
from guidekit.model.problems import Problem

PLACEHOLDER = re.compile(r"\bTODO\b")  # how content_data/_template/ marks the text to replace
_PLACEHOLDER_EXCERPT = 60


def placeholder_problems(documents: dict[str, LoadedYaml]) -> list[Problem]:
    """Every value that still holds the template's placeholder marker: an error in a published guide."""
    problems = []
    for document in documents.values():
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
