"""Finds the parts of an HTML page that a strict Content-Security-Policy blocks.

With `script-src 'self'; style-src 'self'` a browser runs only scripts and styles loaded from
files on the site itself. It refuses inline `<script>` and `<style>` elements, event-handler
attributes (`onclick=`), `style=` attributes and `javascript:` links, so a page carrying any of
them breaks on an intranet that sends that policy. JSON data blocks
(`<script type="application/json">`) are not run and are allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction"})


@dataclass(frozen=True)
class InlineCode:
    line: int
    what: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.what}"


# Anything that could be inline code. Most pages have none, and a search for this is many
# times faster than parsing the page: only pages where it finds something are parsed.
_SUSPECT = re.compile(
    r"<style|\sstyle\s*=|\son[a-z]+\s*=|javascript:"
    r"|<script(?![^>]*\ssrc=)(?![^>]*\stype=[\"']?application/(?:ld\+)?json)",
    re.IGNORECASE,
)


def find_inline_code(html: str) -> list[InlineCode]:
    if not _SUSPECT.search(html):
        return []
    finder = _InlineCodeFinder()
    finder.feed(html)
    finder.close()
    return finder.found


class _InlineCodeFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[InlineCode] = []
        self._inline_script_line: int | None = None
        self._inline_script_text = ""

    def _report(self, what: str) -> None:
        self.found.append(InlineCode(self.getpos()[0], what))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self._report(f"event-handler attribute {name}= on <{tag}>")
            elif name == "style":
                self._report(f"style= attribute on <{tag}>")
            elif name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self._report(f"javascript: URL in {name}= on <{tag}>")
        attributes = dict(attrs)
        if tag == "style":
            self._report("inline <style> element")
        elif tag == "script" and "src" not in attributes:
            if (attributes.get("type") or "").strip().lower() not in DATA_SCRIPT_TYPES:
                self._inline_script_line = self.getpos()[0]
                self._inline_script_text = ""

    def handle_data(self, data: str) -> None:
        if self._inline_script_line is not None:
            self._inline_script_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inline_script_line is not None:
            start = " ".join(self._inline_script_text.split())[:60]
            self.found.append(InlineCode(self._inline_script_line, f"inline <script> starting {start!r}"))
            self._inline_script_line = None
