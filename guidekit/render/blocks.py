"""Data blocks that hand-written pages place with a marker comment.

A marker is an HTML comment, invisible wherever the hooks do not run:

    <!-- guidekit:guides -->                              every guide, with its description
    <!-- guidekit:comparison GUIDE -->                    a guide's comparison table
    <!-- guidekit:pros GUIDE OPTION -->                   an option's pros (also: cons, when-to-choose)
    <!-- guidekit:table GUIDE TABLE -->                    a reference table from a guide's tables.yml
    <!-- guidekit:field-reference -->                     every field of every content file (from the models)

A marker inside code (`<!-- guidekit:guides -->` in backticks, or in a fenced code block) is
shown as text, for pages that explain markers. An unknown marker, guide or option is an error naming the page and line. In the preview, a
marker showing a guide that has errors, or any guide when none can be shown, becomes a short note.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import jinja2
from markupsafe import escape

from guidekit.load.validation import did_you_mean
from guidekit.model.guide import Site
from guidekit.model.layout import PageSet
from guidekit.render.address import SiteAddress
from guidekit.render.pages import GuideRenderer, linker
from guidekit.render.reference import ModelDoc, field_reference

MARKER = re.compile(r"<!--\s*guidekit:(?P<name>[^\s]*)(?P<args>[^>]*?)\s*-->")
# Fenced code blocks, then inline code spans: markers inside them are examples, not markers.
CODE = re.compile(r"^(?P<fence>```|~~~).*?^(?P=fence)|`[^`\n]+`", re.MULTILINE | re.DOTALL)
ITEM_LISTS = {"pros": "pros", "cons": "cons", "when-to-choose": "when_to_choose"}
BLOCKS = ["guides", "comparison", *ITEM_LISTS, "table", "field-reference"]
CONTENT_UNAVAILABLE = "*(This part is made from the guides' content, which has problems: see the list above.)*"
NO_GUIDES = "*(No guide is published yet.)*"
GUIDE_UNAVAILABLE = "*(This part is made from the guide {title}, which has problems: its pages list them.)*"


class MarkerError(Exception):
    """A marker that cannot be rendered; the message says why, the line says where."""

    def __init__(self, line: int, message: str):
        self.line = line
        super().__init__(message)


@dataclass
class BlockRenderer:
    site: Site | None  # None when no guide can be shown (a problem preview)
    env: jinja2.Environment
    unavailable: dict[str, str] = field(default_factory=dict)  # in the preview: id -> title of each guide with errors
    drafts: set[str] = field(default_factory=set)  # in the preview: ids of the draft guides, labelled in lists
    address: SiteAddress = SiteAddress()
    models: Callable[[], list[ModelDoc]] = field_reference  # the field reference's content (the live preview keeps it)

    def replace_markers(self, markdown: str, page_src_uri: str) -> str:
        """Replace every marker in a page; raise MarkerError for the first bad one."""

        code = [span.span() for span in CODE.finditer(markdown)]

        def replace(match: re.Match) -> str:
            if any(start <= match.start() < end for start, end in code):
                return match[0]
            line = markdown.count("\n", 0, match.start()) + 1
            try:
                return self.render(match["name"], match["args"].split(), page_src_uri)
            except ValueError as error:
                raise MarkerError(line, str(error)) from None

        return MARKER.sub(replace, markdown)

    def render(self, name: str, args: list[str], page_src_uri: str) -> str:
        if name == "field-reference":
            self._expect_args(name, args, 0)
            return self.env.get_template("guidekit/blocks/field-reference.md").render(models=self.models())
        if self.site is None:
            return CONTENT_UNAVAILABLE
        if name == "guides":
            self._expect_args(name, args, 0)
            if not self.site.guides and not self.unavailable:
                return NO_GUIDES
            return self.env.get_template("guidekit/blocks/guides.md").render(
                guides=self.site.guides, drafts=self.drafts, unavailable=self.unavailable, link=linker(page_src_uri), page_set=PageSet
            )
        if name not in BLOCKS:
            raise ValueError(f"unknown marker 'guidekit:{name}'{did_you_mean(name, BLOCKS)}; known markers: {', '.join(BLOCKS)}")
        self._expect_args(name, args, 1 if name == "comparison" else 2)
        guide = self.site.guide(args[0])
        if guide is None and args[0] in self.unavailable:
            return GUIDE_UNAVAILABLE.format(title=escape(self.unavailable[args[0]]))
        if guide is None:
            known = [g.id for g in self.site.guides]
            raise ValueError(f"unknown guide '{args[0]}'{did_you_mean(args[0], known)} in marker 'guidekit:{name}'")
        renderer = GuideRenderer(guide, self.env, self.address)
        if name == "comparison":
            return renderer.render_template("blocks/comparison.md", page_src_uri)
        if name == "table":
            return self._table(renderer, args[1], page_src_uri)
        option_ids = list(guide.meta.options)
        if args[1] not in option_ids:
            raise ValueError(f"unknown option '{args[1]}'{did_you_mean(args[1], option_ids)} in marker 'guidekit:{name}'")
        option = guide.option(args[1])
        entries = getattr(option, ITEM_LISTS[name])
        return renderer.render_template("blocks/items.md", page_src_uri, option=option, entries=entries)

    @staticmethod
    def _table(renderer: GuideRenderer, table_id: str, page_src_uri: str) -> str:
        table = renderer.guide.table(table_id)
        if table is None:
            known = [table.id for table in renderer.guide.tables]
            raise ValueError(
                f"unknown table '{table_id}'{did_you_mean(table_id, known)} in marker 'guidekit:table'"
                + (f"; tables of this guide: {', '.join(known)}" if known else "; this guide has no tables.yml")
            )
        return renderer.render_template("blocks/table.md", page_src_uri, table=table)

    @staticmethod
    def _expect_args(name: str, args: list[str], count: int) -> None:
        if len(args) != count:
            usage = {0: "", 1: " GUIDE", 2: " GUIDE TABLE" if name == "table" else " GUIDE OPTION"}[count]
            raise ValueError(f"marker 'guidekit:{name}' takes {count} argument(s): <!-- guidekit:{name}{usage} -->")
