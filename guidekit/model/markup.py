"""Markdown written by editors, turned into safe HTML.

This is the only module that marks text as safe HTML (`Markup`). Editors' Markdown goes
through a fixed set of extensions with raw HTML disabled (angle brackets are shown as
text), then through the nh3 allowlist sanitizer. Plain-text fields never pass through
Markdown; `escape_markdown` makes them literal inside generated Markdown pages.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Mapping
from html.parser import HTMLParser

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "code", "abbr", "blockquote", "sup", "sub"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["abbr", "sane_lists", "smarty"]

# Characters Python-Markdown treats as syntax; backslash-escaping them keeps text literal
# (including `{ ... }`, which attr_list would otherwise turn into HTML attributes).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def escape_markdown(text: str) -> Markup:
    """Plain text made literal in a Markdown page: HTML-escaped, Markdown syntax backslashed.

    Quotes stay as they are: this is text, not an attribute value, and an entity such as
    &#39; would show literally in the table of contents, which is built from heading text.
    """
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)))


def safe_url(url: str) -> Markup:
    """A validated http(s) URL as a Markdown autolink (the schema already restricts its characters)."""
    if not re.fullmatch(r"https?://[^\s<>\"'`]+", url):
        raise ValueError(f"not a safe URL: {url!r}")
    return Markup(f"<{url}>")


def _neutralise_html(text: str) -> str:
    # Raw HTML in editors' Markdown is shown as text, never interpreted.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _unescape_quote_marker(text: str) -> str:
    # A '>' at the start of a line is Markdown's quote marker, not HTML: keep it working.
    return re.sub(r"(?m)^(\s*)&gt;", r"\1>", text)


def render_markdown(text: str, glossary: Mapping[str, str] | None = None) -> Markup:
    """Editor Markdown -> sanitized HTML. `glossary` maps terms to tooltip definitions."""
    converter = _converter(tuple(sorted((glossary or {}).items())))
    converter.reset()  # forgets the previous text's own abbreviations; the glossary stays
    html = converter.convert(_unescape_quote_marker(_neutralise_html(text)))
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return Markup(clean)


@functools.lru_cache(maxsize=16)
def _converter(glossary: tuple[tuple[str, str], ...]) -> markdown.Markdown:
    # Setting up a converter costs more than most conversions: one per glossary, reused.
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs={"abbr": {"glossary": dict(glossary)}})


def plain_summary(text: str, limit: int = 160) -> str:
    """Editor Markdown as plain text for a meta description: whole sentences up to `limit`
    characters, or the first sentence cut at a word with an ellipsis."""
    words = " ".join(html.unescape(nh3.clean(markdown.markdown(_neutralise_html(text)), tags=set())).split())
    sentences = re.split(r"(?<=[.!?])\s+", words)
    summary = sentences[0]
    for sentence in sentences[1:]:
        if len(summary) + 1 + len(sentence) > limit:
            break
        summary += " " + sentence
    if len(summary) <= limit:
        return summary
    return summary[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.images = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        elif tag == "img":
            self.images += 1


def may_hold_links(text: str) -> bool:
    """Whether Markdown `text` can hold a link or an image at all: the quick test before parsing it."""
    return "](" in text or "<" in text


def link_problems(text: str) -> list[tuple[str, str]]:
    """(message, hint) for each link the sanitizer would remove, so editors hear about it."""
    if not may_hold_links(text):
        return []
    collector = _LinkCollector()
    collector.feed(markdown.markdown(_neutralise_html(text)))
    problems = []
    for href in collector.links:
        scheme = href.split(":", 1)[0].lower() if ":" in href else ""
        if scheme and scheme not in ALLOWED_SCHEMES:
            problems.append((f"link '{href[:60]}' is not allowed", "links must start with https://, http:// or mailto:"))
    if collector.images:
        problems.append(("images are not supported in text", "remove the ![...](...) part"))
    return problems
