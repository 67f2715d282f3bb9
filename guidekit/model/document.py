"""A content file as loaded: its data, and where each value was written (for located problems).

`LoadedYaml` is what `guidekit.load` makes of a YAML file and what a `Guide` keeps of each of its
files, so every layer above can point at a line; `walk` visits every value of a document or model.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from guidekit.model.problems import FieldPath, Problem


@dataclass(frozen=True)
class Positions:
    """Where the values of a file were written."""

    marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)  # (line, col) of each key and list item
    scalars: dict[FieldPath, str] = field(default_factory=dict)  # the text each unquoted number, true/false or null was written as
    value_starts: dict[FieldPath, int] = field(default_factory=dict)  # where each scalar value starts in the text


@dataclass
class LoadedYaml:
    """A file's data and text, and where each value was written: `located` is either those
    `Positions` or the function that works them out from the text, on first use (most files
    have no problem to locate, and reading a file without noting positions is faster)."""

    data: Any
    display_path: str
    source: str = field(default="", repr=False)  # the file's text
    located: Positions | Callable[[str], Positions] = field(default_factory=Positions, repr=False, compare=False)

    @property
    def positions(self) -> Positions:
        if not isinstance(self.located, Positions):
            self.located = self.located(self.source)
        return self.located

    @property
    def marks(self) -> dict[FieldPath, tuple[int, int]]:
        return self.positions.marks

    @property
    def scalars(self) -> dict[FieldPath, str]:
        return self.positions.scalars

    @property
    def value_starts(self) -> dict[FieldPath, int]:
        return self.positions.value_starts

    def text_positions(self, path: FieldPath, pattern: re.Pattern, count: int) -> list[tuple[int, int]]:
        """(line, col) of the first `count` matches of `pattern` from the start of the value at
        `path`, e.g. on the third line of a block of text; the value's own position for any not found."""
        start = self.value_starts.get(tuple(path))
        found = list(itertools.islice(pattern.finditer(self.source, start), count)) if start is not None else []
        return [line_col(self.source, match.start()) for match in found] + [self.position(path)] * (count - len(found))

    def position(self, path: FieldPath) -> tuple[int, int]:
        """(line, col) of the longest prefix of `path` that has a mark; (1, 1) if none."""
        for end in range(len(path), -1, -1):
            mark = self.marks.get(tuple(path[:end]))
            if mark is not None:
                return mark
        return (1, 1)

    def problem(self, path: FieldPath, message: str, hint: str = "") -> Problem:
        line, col = self.position(path)
        return Problem(self.display_path, line, col, tuple(path), message, hint)


def line_col(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def walk(value: object) -> Iterator[tuple[FieldPath, object]]:
    """Every value inside a parsed model, with its field path, parents before children.

    A stack rather than recursion: a guide has tens of thousands of values, and a chain of
    nested generators costs a step per level for every one of them."""
    field_names = FieldNames()
    stack: list[tuple[FieldPath, object]] = [((), value)]
    while stack:
        path, value = stack.pop()
        yield path, value
        if isinstance(value, BaseModel):
            children = [((*path, name), getattr(value, name)) for name in field_names[type(value)]]
        elif isinstance(value, dict):
            children = [((*path, key), item) for key, item in value.items()]
        elif isinstance(value, (list, tuple)):
            children = [((*path, index), item) for index, item in enumerate(value)]
        else:
            continue
        children.reverse()  # the stack gives back the last pushed first
        stack.extend(children)


class FieldNames(dict):
    """A model class's field names, looked up once per class: pydantic's `model_fields` takes
    microseconds a call, and a guide has hundreds of models. Made per use, never kept."""

    def __missing__(self, model_class: type[BaseModel]) -> tuple[str, ...]:
        names = self[model_class] = tuple(model_class.model_fields)
        return names
