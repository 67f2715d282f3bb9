"""A long generated page rendered section by section in the preview, each section kept for the next rebuild.

The whole guide on one page repeats every text of its guide, so any save changes it, and turning
its Markdown into HTML was the largest part of a rebuild. Cut before its `##` and `###`
headings, it renders as the same HTML: the sections are independent Markdown (nothing spans a
cut: the cuts are only made where every fence and block-level HTML element before them is
closed, and not at all in a page with reference links or abbreviations other than the
glossary's, which every section gets). Only the sections whose text changed are rendered again.

The one thing that spans sections is the headings' ids: the `toc` extension numbers repeated
headings across the page ("pros", "pros_1", ...), avoiding every id already set. So each section
is rendered with a slot in place of each heading id it would make, noting the heading's slug and
the ids already set; the page then fills the slots in order, with the extension's own `unique`,
as one rendering of the whole page would. MkDocs' Page.render does each section's rendering
(links, anchors, title), on a copy of the page.
"""

from __future__ import annotations

import copy
import re
import secrets

import markdown
from markdown.extensions.toc import nest_toc_tokens, slugify, unique
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

MIN_LENGTH = 30_000  # characters of Markdown: a shorter page renders whole, as it would without this (each section costs a little)
_CUT = re.compile(r"\n\n(?=#{2,3} )")
_ABBREVIATION = re.compile(r"^\*\[[^\]]*\]:.*$")
_UNSPLITTABLE = re.compile(r"(?m)^ {0,3}\*?\[[^\]\n]*\]:")  # a reference link or an abbreviation defined in the text
_SLOT = re.compile(r"gk[0-9a-f]{16}slot[0-9]+x")
_CONTAINERS = ("div", "pre", "table", "details", "figure", "blockquote", "ul", "ol", "dl", "section", "aside", "p", "script", "style", "textarea")
_OPENED = re.compile(r"<(%s)[\s>]|(<!--)|^(```|~~~)" % "|".join(_CONTAINERS), re.I | re.M)
_CLOSED = re.compile(r"</(%s)\s*>|(-->)" % "|".join(_CONTAINERS), re.I)


def sections(text: str) -> tuple[list[str], str] | None:
    """The page's Markdown cut into sections, and the glossary's abbreviations that follow them; None when it cannot be cut."""
    if len(text) < MIN_LENGTH:
        return None
    lines = text.rstrip("\n").split("\n")
    first_definition = len(lines)
    while first_definition > 0 and (_ABBREVIATION.match(lines[first_definition - 1]) or not lines[first_definition - 1]):
        first_definition -= 1
    body, definitions = "\n".join(lines[:first_definition]), "\n".join(lines[first_definition:])
    if _UNSPLITTABLE.search(body):
        return None
    parts, start = [], 0
    for cut in _CUT.finditer(body):
        if _all_closed(body[start : cut.start()]):
            parts.append(body[start : cut.start()])
            start = cut.end()
    parts.append(body[start:])
    return (parts, definitions) if len(parts) > 1 else None


def _all_closed(text: str) -> bool:
    opened = _OPENED.findall(text)
    fences = sum(1 for _, _, fence in opened if fence)
    return fences % 2 == 0 and len(opened) - fences == len(_CLOSED.findall(text))


def render_section(page: Page, config, files, part: str, definitions: str) -> dict | None:
    """One section, rendered by MkDocs as a page of its own, with slots for the ids its headings get;
    None if it did not render as a part of a page (then the page renders whole)."""
    slots: list[tuple[str, str]] = []
    nonce = secrets.token_hex(8)
    # A paragraph after the section stands for the next one: the HTML before it ends as it
    # does in the whole page (after a block of HTML, with an empty line).
    end = f"gk{nonce}end"

    def slot(value: str, separator: str) -> str:
        slots.append((f"gk{nonce}slot{len(slots)}x", slugify(value, separator)))  # matched by _SLOT
        return slots[-1][0]

    ids_set = _IdsSet()
    section = copy.copy(page)
    section.markdown = f"{part}\n\n{end}\n\n{definitions}\n"
    extensions, settings = config["markdown_extensions"], config["mdx_configs"]
    config["markdown_extensions"] = [*extensions, ids_set]
    config["mdx_configs"] = {**settings, "toc": {**settings.get("toc", {}), "slugify": slot}}
    try:
        Page.render(section, config, files)
    finally:
        config["markdown_extensions"], config["mdx_configs"] = extensions, settings
    content, ending, _ = section.content.rpartition(f"<p>{end}</p>")
    if not ending:
        return None
    links = section.links_to_anchors
    return {
        "content": content,
        "headings": [(link.level, link.id, link.title) for link in _flat(section.toc)],
        "title": section._title_from_render,
        "anchors": section.present_anchor_ids,
        "links": None if links is None else {file.src_uri: anchors for file, anchors in links.items()},
        "ids_set": ids_set.ids,
        "slots": slots,
    }


def can_render(config) -> bool:
    """Sections render as the whole page would with MkDocs' Markdown settings, unless `toc` makes its ids its own way."""
    return "toc" in config["markdown_extensions"] and "slugify" not in (config["mdx_configs"].get("toc") or {})


def join(page: Page, rendered: list[dict], files) -> None:
    """Sets on the page what MkDocs' Page.render would have from the whole page."""
    taken = set().union(*(section["ids_set"] for section in rendered))
    counters: dict[str, int] = {}
    ids = {slot: unique(slug, taken, counters) for section in rendered for slot, slug in section["slots"]}

    def fill(text: str) -> str:
        return _SLOT.sub(lambda found: ids.get(found.group(), found.group()), text)

    page.content = "".join(fill(section["content"]) for section in rendered).strip()
    tokens = [{"level": level, "id": ids.get(id, id), "name": title} for section in rendered for level, id, title in section["headings"]]
    page.toc = get_toc(nest_toc_tokens(tokens))
    page._title_from_render = rendered[0]["title"]
    page.present_anchor_ids = {ids.get(anchor, anchor) for section in rendered for anchor in section["anchors"]}
    if rendered[0]["links"] is None:
        page.links_to_anchors = None
        return
    links: dict = {}
    for section in rendered:
        for src_uri, anchors in section["links"].items():
            kept = links.setdefault(files.get_file_from_path(src_uri), {})
            for anchor, link in anchors.items():
                kept.setdefault(ids.get(anchor, anchor), fill(link))  # the headings' own links (¶) lead to slots
    page.links_to_anchors = links


def _flat(items) -> list[AnchorLink]:
    return [entry for item in items for entry in [item, *_flat(item.children)]]


class _IdsSet(markdown.Extension):
    """Notes the ids elements have before `toc` gives headings theirs (it avoids them)."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(_NoteIds(md, self.ids), "guidekit_ids_set", 6)  # after attr_list (8), before toc (5)


class _NoteIds(markdown.treeprocessors.Treeprocessor):
    def __init__(self, md, ids: set[str]):
        super().__init__(md)
        self.ids = ids

    def run(self, root):
        self.ids.update(element.get("id") for element in root.iter() if element.get("id") is not None)
