"""Links on an embed page open outside the frame: the frame keeps showing the embedded part.

Each link that leaves the page is given `target="_blank" rel="noopener"` in the HTML itself, so it
works without JavaScript; links within the page (`#...`, such as heading permalinks) stay in the
frame. A `<base target="_blank">` would say the same in one element, but Chromium then sometimes
opens an in-page link, even one marked `target="_self"`, in a new tab as well.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_OUTSIDE = ' target="_blank" rel="noopener"'


class _LinkFinder(HTMLParser):
    """Where each `<a>` start tag of a link that leaves the page ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # (line, column) of each closing ">": the column may run past the line's end when the tag
        # spans lines, which offsets from the line's start absorb.
        self.tag_ends: list[tuple[int, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        href = attributes.get("href")
        if tag != "a" or href is None or href.startswith("#") or "target" in attributes:
            return
        line, column = self.getpos()  # where the start tag begins
        text = self.get_starttag_text() or ""
        self.tag_ends.append((line, column + len(text) - (2 if text.endswith("/>") else 1)))


def open_links_outside(html: str) -> str:
    """`html` with every link that leaves the page opening in a new tab (see the module's docstring)."""
    finder = _LinkFinder()
    finder.feed(html)
    finder.close()
    if not finder.tag_ends:
        return html
    line_starts = [0, *(match.end() for match in re.finditer("\n", html))]  # HTMLParser counts lines by "\n"
    for line, column in reversed(finder.tag_ends):  # from the end, so earlier offsets stay valid
        offset = line_starts[line - 1] + column
        html = html[:offset] + _OUTSIDE + html[offset:]
    return html
