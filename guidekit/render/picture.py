"""A picture of a guide's decision, drawn at build time from its data: inline SVG with a text alternative.

The picture is a matrix: one column per option, one row per topic of the checklist (its statement
groups), and in each cell a mark as large as the points a "yes" in that topic can add to that
option. Every guide gets it from the data it already has (the statements' `favours`), with no
code or settings of its own. Colours come from the page (currentColor and the theme's custom
properties in guidekit.css), so the picture follows the light and dark schemes and prints in black.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

from markupsafe import Markup, escape

from guidekit.model.guide import Guide

WIDTH = 360  # user units: drawn for a phone, scaled up to at most 27rem on wider screens (guidekit.css)
FONT = 12
LINE = 15
CHAR_WIDTH = 0.56 * FONT  # an average sans-serif character, to wrap names in their columns
MAX_RADIUS = 16
MIN_RADIUS = 4


@dataclass(frozen=True)
class Topic:
    name: str
    points: dict[str, int]  # option id -> the points "yes" answers in this topic add (net)


def topics(guide: Guide) -> list[Topic]:
    """The checklist's groups with, per option, the points their statements add when answered "yes"."""
    found = []
    for group in guide.checklist.groups:
        points = {option.id: 0 for option in guide.options}
        for statement in group.statements:
            for option_id, weight in statement.favours.items():
                if option_id in points:
                    points[option_id] += weight
        found.append(Topic(group.legend, points))
    return found


def decision_picture(guide: Guide, title: str, description_intro: str, points_word: str) -> Markup:
    """The matrix as an inline <svg> with role="img", a <title> and a <desc> that says in words what it shows."""
    options, rows = guide.options, topics(guide)
    column = WIDTH / len(options)
    heads = [_wrap(option.name, column) for option in options]
    head_height = max(len(lines) for lines in heads) * LINE + 6
    largest = max((value for row in rows for value in row.points.values()), default=1) or 1
    row_height = LINE + 2 * MAX_RADIUS + 8
    height = head_height + len(rows) * row_height
    parts = [
        f'<svg class="gk-picture" viewBox="0 0 {WIDTH} {height:.0f}" role="img" aria-labelledby="gk-picture-title gk-picture-desc"'
        f' xmlns="http://www.w3.org/2000/svg" font-size="{FONT}" fill="currentColor">',
        f'<title id="gk-picture-title">{escape(title)}</title>',
        f'<desc id="gk-picture-desc">{escape(_description(guide, rows, description_intro, points_word))}</desc>',
    ]
    for index, lines in enumerate(heads):
        parts.append(_text_lines(lines, (index + 0.5) * column, LINE - 3, anchor="middle", css_class="gk-picture__option"))
    for row_index, row in enumerate(rows):
        top = head_height + row_index * row_height
        parts.append(f'<line class="gk-picture__rule" x1="0" y1="{top:.1f}" x2="{WIDTH}" y2="{top:.1f}"/>')
        label = textwrap.shorten(row.name, width=int(WIDTH / CHAR_WIDTH), placeholder="…")
        parts.append(_text_lines([label], 0, top + LINE - 2, anchor="start", css_class="gk-picture__topic"))
        middle = top + LINE + 4 + MAX_RADIUS
        for index, option in enumerate(options):
            parts.append(_mark(row.points[option.id], largest, (index + 0.5) * column, middle))
    parts.append("</svg>")
    return Markup("".join(parts))


def _mark(value: int, largest: int, x: float, y: float) -> str:
    """A filled circle whose area grows with the points, the number beside it; a faint dot for none."""
    if value <= 0:
        label = "–" if value == 0 else f"−{-value}"
        return f'<text class="gk-picture__none" x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle">{label}</text>'
    radius = max(MIN_RADIUS, MAX_RADIUS * math.sqrt(value / largest))
    return (
        f'<circle class="gk-picture__mark" cx="{x - 8:.1f}" cy="{y:.1f}" r="{radius:.1f}"/>'
        f'<text x="{x + 12:.1f}" y="{y + 4:.1f}" text-anchor="start">{value}</text>'
    )


def _wrap(text: str, width: float) -> list[str]:
    return textwrap.wrap(text, width=max(4, int(width / CHAR_WIDTH) - 1), break_long_words=False) or [text]


def _text_lines(lines: list[str], x: float, y: float, *, anchor: str, css_class: str) -> str:
    spans = "".join(f'<tspan x="{x:.1f}" dy="{0 if index == 0 else LINE}">{escape(line)}</tspan>' for index, line in enumerate(lines))
    return f'<text class="{css_class}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{spans}</text>'


def _description(guide: Guide, rows: list[Topic], intro: str, points_word: str) -> str:
    """'What points to each option. Fine-tuning: Your examples and data 4 points, …; Prompting: …'."""
    sentences = []
    for option in guide.options:
        found = [f"{row.name} {row.points[option.id]} {points_word}" for row in rows if row.points[option.id] > 0]
        sentences.append(f"{option.name}: {', '.join(found) if found else '0 ' + points_word}.")
    return f"{intro} " + " ".join(sentences)
