"""Every link in a built site: internal links and #anchors must resolve; external links are
listed, never fetched (the build machine may have no internet access).

`crawl` is used by scripts/link_report.py (the command) and tests/test_links.py (the test build).
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# Attributes that make the browser load or navigate to a URL.
URL_ATTRIBUTES = {
    "a": "href",
    "area": "href",
    "link": "href",
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "form": "action",
}
NOT_CHECKED_SCHEMES = ("mailto:", "tel:", "data:")


@dataclass(frozen=True)
class Link:
    page: str  # the page's path in the site, e.g. "guide/comparison/index.html"
    tag: str
    url: str


@dataclass
class Report:
    pages: int = 0
    internal: int = 0
    broken: list[tuple[Link, str]] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    external_resources: list[Link] = field(default_factory=list)  # loaded, not just linked to

    def format_broken(self) -> str:
        return "\n".join(f"{link.page}: <{link.tag}> {link.url} -> {reason}" for link, reason in self.broken)

    def format_external(self) -> str:
        lines = []
        for url in sorted(self.external):
            pages = sorted(self.external[url])
            lines.append(f"{url}\n    on {len(pages)} page{'s' if len(pages) != 1 else ''}: {', '.join(pages[:5])}{' ...' if len(pages) > 5 else ''}")
        return "\n".join(lines)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []  # (tag, rel, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        for name in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(name):
                self.ids.add(attributes[name])
        url_attribute = URL_ATTRIBUTES.get(tag)
        if url_attribute and url_attribute in attributes:
            self.links.append((tag, attributes.get("rel", ""), attributes[url_attribute].strip()))


def parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def crawl(site: Path, site_url: str) -> Report:
    """Every link of every HTML page in `site`; `site_url` is the address the site was built
    for (MkDocs writes some links as absolute URLs under it)."""
    pages = {path.relative_to(site).as_posix(): parse(path) for path in sorted(site.rglob("*.html"))}
    base = urlsplit(site_url)
    report = Report(pages=len(pages))
    for page, parsed in pages.items():
        for tag, rel, url in parsed.links:
            link = Link(page, tag, url)
            if not url or url.startswith(NOT_CHECKED_SCHEMES):
                continue
            target = urlsplit(urljoin(site_url + page, url))
            if target.scheme not in ("http", "https") or target.netloc != base.netloc or not target.path.startswith(base.path):
                if target.scheme == "javascript":
                    report.broken.append((link, "javascript: URLs are not links"))
                    continue
                report.external[url].add(page)
                if tag != "a" and "canonical" not in rel:
                    report.external_resources.append(link)
                continue
            report.internal += 1
            problem = _check_internal(site, pages, unquote(target.path[len(base.path) :]), unquote(target.fragment))
            if problem:
                report.broken.append((link, problem))
    return report


def _check_internal(site: Path, pages: dict[str, _PageParser], path: str, fragment: str) -> str | None:
    path = posixpath.normpath(path) if path else ""
    if path.startswith(".."):
        return "points outside the site"
    candidates = [path] if path and not path.endswith("/") else []
    candidates.append(posixpath.join(path, "index.html") if path not in ("", ".") else "index.html")
    file = next((candidate for candidate in candidates if (site / candidate).is_file()), None)
    if file is None:
        return "no such file"
    if fragment and file in pages and fragment not in pages[file].ids:
        return f"no element with id '{fragment}' in {file}"
    return None
