"""The field types content models are made of, each with the rule editors see in the reference and the schema."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def single_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("must be a single line of text (no line breaks)")
    return value


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=64),
    Field(
        description="An identifier: lowercase letters, digits and single hyphens. It becomes the item's anchor in links, so keep it stable once published.",
        examples=["brand-voice", "fine-tuning"],
    ),
]


def OneLine(max_length: int = 300, *, min_length: int = 1, check=None):
    """The type of one line of plain text (no Markdown), `min_length` to `max_length` characters
    once stripped, optionally with a further `check` (a function that raises ValueError)."""
    checks = [AfterValidator(single_line), *([AfterValidator(check)] if check else [])]
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length), *checks]


PlainText = OneLine()
"""One line of plain text (no Markdown): titles, names, labels."""


def Template(*placeholders: str):
    """One line of plain text in which `{name}` is filled in by the page; only the given names are allowed."""
    allowed = ", ".join("{" + name + "}" for name in placeholders) or "none"

    def check(value: str) -> str:
        for name in re.findall(r"\{([^{}]*)\}", value):
            if name not in placeholders:
                raise ValueError(f"unknown placeholder {{{name}}} (allowed here: {allowed})")
        return value

    return Annotated[OneLine(check=check), Field(description=f"One line of text. Placeholders filled in by the page: {allowed}.")]


RichText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=8000)]
"""Markdown text: paragraphs, **bold**, *italic*, lists and links (http, https, mailto)."""

Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^https?://[^\s<>\"'`]+$", max_length=500),
    Field(description="A web address starting with https:// or http://.", examples=["https://example.com/page"]),
]

Weight = Annotated[int, Field(ge=-3, le=3, description="How strongly a ticked statement counts: 1 (a little) to 3 (a lot); negative values count against.")]

Date = Annotated[dt.date, Strict(False)]
"""A date, written YYYY-MM-DD. The YAML loader reads dates as text (YAML 1.2), so this is the
one conversion the strict models make: text in that form to a date."""

EffortBand = Literal["Low", "Medium", "High"]


class Model(BaseModel):
    """Base for every content model: unknown keys are errors, values are not coerced (strict:
    '3' is not a number, 3.0 not a whole number, a quoted '2026-11-24' not a date)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, str_strip_whitespace=True)
