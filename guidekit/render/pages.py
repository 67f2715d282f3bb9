"""Render validated guides into Markdown pages, with Jinja templates from `overrides/guidekit/`.

Nothing here knows about MkDocs: the output is a list of `GeneratedPage` (a path and its
Markdown). Templates run with autoescaping and StrictUndefined; editor text is only ever a
value passed to a template, never a template itself.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from guidekit.checks.engine import widget_data
from guidekit.model import content as m
from guidekit.model.guide import Guide, GuidePart
from guidekit.model.layout import PageSet
from guidekit.model.markup import escape_markdown, plain_summary, render_markdown, safe_url
from guidekit.model.problems import Problem, count_problems
from guidekit.render.address import HOST_SCRIPT, SiteAddress
from guidekit.render.picture import decision_picture

# The checklist's scripts, on its pages only (its styles are in the site's stylesheet): scoring.js then checklist.js, published as one
# file (guidekit/render/assets.py, JOINED), so the scoring rule is always there when the
# checklist starts, on a page load as after instant navigation.
CHECKLIST_SCRIPTS = ("assets/javascripts/guidekit/checklist-page.js",)

# A source link [n] carries its source's name here, not in `title`, out of reach of the theme's
# start-up tooltips; theme-accessibility.js (part 6 says why) makes it the title afterwards.
SOURCE_TITLE_ATTRIBUTE = "data-gk-source-title"


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # path inside the docs tree, e.g. "fine-tuning-vs-prompting/comparison.md"
    markdown: str
    source_file: str  # the YAML file an editor changes to change this page
    nav_title: str
    in_nav: bool = True  # embed pages are reached through their snippet, not the navigation


@dataclass(frozen=True)
class EmbedCode:
    """What a portal pastes to embed a page: shown as code under "Embed this" on the full page."""

    src: str  # the embed page's absolute URL
    host_script: str
    title: str
    site_url_known: bool


@dataclass(frozen=True)
class _PageSpec:
    src_uri: str
    template: str
    title: str
    description: str | None = None
    context: dict = field(default_factory=dict)
    embed_of: str | None = None  # for a chrome-less embed page: the full page it shows part of
    scripts: tuple[str, ...] = ()  # beyond the site's own: loaded by this page only, deferred (overrides/main.html)
    searchable: bool = True  # False for a page that repeats others (the whole guide to print)


@dataclass(frozen=True)
class Citation:
    """A place where a source is cited: shown on the sources page as a link back."""

    label: str
    src_uri: str
    anchor: str


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """Templates are looked up as "guidekit/<name>" under `templates_dir` (the overrides folder)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Compiled templates kept in the user's temporary folder, checked against each template's
        # source: a build (and each live-reload rebuild) skips compiling them again.
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
    )
    env.filters["text"] = escape_markdown
    env.filters["date"] = format_date
    env.filters["url"] = safe_url
    return env


def format_date(value: dt.date) -> str:
    return f"{value.day} {value:%b %Y}"


def listing(label: str, names: list[str], limit: int = 160) -> str:
    """'Glossary: A/B test, base model, …': a page's meta description made of the names it lists."""
    text = f"{label}: "
    for index, name in enumerate(names):
        separator = ", " if index else ""
        if len(text) + len(separator) + len(name) > limit - 2:
            return text + separator + "…"
        text += separator + name
    return text


def glossary_map(guides: Iterable[Guide]) -> dict[str, str]:
    """Every glossary term and alias -> its one-line definition (first guide wins)."""
    terms: dict[str, str] = {}
    for guide in guides:
        for term in guide.glossary.terms:
            for word in [term.term, *term.aliases]:
                terms.setdefault(word, term.definition)
    return terms


def linker(from_src_uri: str, known: dict[tuple[str, str], str] | None = None) -> Callable[[str, str], str]:
    """A relative Markdown link target, so MkDocs checks and rewrites it for any URL style.
    `known`: relative paths worked out before (a guide's pages link to the same few pages thousands of times)."""
    folder = posixpath.dirname(from_src_uri) or "."
    known = {} if known is None else known

    def link(to_src_uri: str, anchor: str = "") -> str:
        relative = known.get((to_src_uri, folder))
        if relative is None:
            relative = known[to_src_uri, folder] = posixpath.relpath(to_src_uri, folder)
        return relative + (f"#{anchor}" if anchor else "")

    return link


class GuideRenderer:
    """Renders one guide's pages and the blocks that hand-written pages embed."""

    def __init__(
        self,
        guide: Guide,
        env: jinja2.Environment,
        address: SiteAddress = SiteAddress(),
        draft: bool = False,
        known_markdown: Mapping[str, Markup] | None = None,
    ):
        self.guide = guide
        self.env = env
        self.draft = draft  # a draft shown in the preview: every page carries the "Draft" label (overrides/main.html)
        self.address = address
        self.pages = PageSet(guide.id)
        option_ids, table_ids = [option.id for option in guide.options], [table.id for table in guide.tables]
        self._sources = self.pages.sources(option_ids, table_ids) | self.pages.embed_sources(option_ids, table_ids)  # page -> its YAML file
        self.glossary = glossary_map([guide])
        self._rendered: dict[str, Markup] = {}  # editor Markdown -> HTML: the print page repeats every text
        self._known_markdown = known_markdown or {}  # the same, from an earlier rendering with this glossary
        self._relative_paths: dict[tuple[str, str], str] = {}  # (target, from folder) -> relative path, for links

    # ---- Pages -----------------------------------------------------------------------

    def render_pages(self) -> list[GeneratedPage]:
        full_pages = self._full_page_specs()
        embeds = self._embed_specs({spec.src_uri: spec.description for spec in full_pages})
        codes = {} if self.address.from_disk else {spec.embed_of: self._embed_code(spec) for spec in embeds}
        return [self._render(spec, codes.get(spec.src_uri)) for spec in [*full_pages, *embeds]]

    def _full_page_specs(self) -> list[_PageSpec]:
        guide, labels, pages = self.guide, self.guide.meta.labels, self.pages
        terms = sorted((term.term for term in guide.glossary.terms), key=str.lower)  # the page's order
        return [
            _PageSpec(pages.overview(), "overview.md", guide.meta.title, guide.meta.description),
            _PageSpec(pages.named("comparison"), "comparison.md", labels.comparison, plain_summary(guide.comparison.introduction)),
            *(
                _PageSpec(
                    pages.table(table.id),
                    "table.md",
                    table.title,
                    plain_summary(table.introduction) if table.introduction else table.title,
                    {"table": table},
                )
                for table in guide.tables
            ),
            *(_PageSpec(pages.option(option.id), "option.md", option.name, option.tagline, {"option": option}) for option in guide.options),
            _PageSpec(
                pages.named("considerations"),
                "considerations.md",
                labels.considerations,
                plain_summary(guide.considerations.introduction),
            ),
            _PageSpec(
                pages.named("checklist"),
                "checklist.md",
                labels.checklist,
                plain_summary(guide.checklist.introduction),
                context={"data": widget_data(guide)},
                scripts=CHECKLIST_SCRIPTS,
            ),
            _PageSpec(pages.named("how-it-decides"), "how-it-decides.md", labels.how_it_decides, guide.checklist.ui.decides_intro),
            _PageSpec(pages.named("glossary"), "glossary.md", labels.glossary, listing(labels.glossary, terms)),
            _PageSpec(
                pages.named("sources"),
                "sources.md",
                labels.sources,
                listing(labels.sources, [source.title for source in guide.sources]),
                context={"citations": self.citations()},
            ),
            _PageSpec(pages.changes(), "changes.md", labels.changes, labels.changes_intro, context={"parts": {part.id: part for part in guide.parts()}}),
            _PageSpec(pages.whole_guide(), "print.md", labels.print_guide, labels.print_hint, searchable=False),
        ]

    def _embed_specs(self, descriptions: dict[str, str | None]) -> list[_PageSpec]:
        """Chrome-less pages for portals: the comparison, each option's pros and cons, the checklist.
        `descriptions`: the full pages' descriptions, by src_uri, which their embed pages share."""
        labels, pages = self.guide.meta.labels, self.pages
        guide_name = self.guide.meta.short_title or self.guide.meta.title
        return [
            _PageSpec(
                pages.embed("comparison"),
                "embed/comparison.md",
                f"{labels.comparison} – {guide_name}",
                descriptions[pages.named("comparison")],
                embed_of=pages.named("comparison"),
            ),
            *(
                _PageSpec(
                    pages.embed_option(option.id),
                    "embed/option.md",
                    f"{option.name}: {labels.pros} / {labels.cons} – {guide_name}",
                    option.tagline,
                    {"option": option},
                    embed_of=pages.option(option.id),
                )
                for option in self.guide.options
            ),
            _PageSpec(
                pages.embed("checklist"),
                "embed/checklist.md",
                f"{labels.checklist} – {guide_name}",
                descriptions[pages.named("checklist")],
                context={"data": widget_data(self.guide)},
                embed_of=pages.named("checklist"),
                scripts=CHECKLIST_SCRIPTS,
            ),
            *(
                _PageSpec(
                    pages.embed_table(table.id),
                    "embed/table.md",
                    f"{table.title} – {guide_name}",
                    descriptions[pages.table(table.id)],
                    {"table": table},
                    embed_of=pages.table(table.id),
                )
                for table in self.guide.tables
            ),
        ]

    def _render(self, spec: _PageSpec, embed: EmbedCode | None) -> GeneratedPage:
        front_matter = {
            "title": str(Markup.escape(spec.title)),
            "description": str(Markup.escape(spec.description or self.guide.meta.description)),
            # main.html announces the guide's Atom feed of changes on each of its pages.
            "guide_feed": {"href": self.pages.feed(), "title": f"{self.guide.meta.title}: {self.guide.meta.labels.changes}"},
        }
        if spec.scripts:
            front_matter["scripts"] = list(spec.scripts)
        if not spec.searchable:
            # A page that repeats the others: left out of search, and without a table of contents
            # (its headings repeat per option: "Pros", "Pros", …).
            front_matter |= {"search": {"exclude": True}, "hide": ["toc"]}
        if self.draft:
            front_matter["draft"] = True
        if spec.embed_of:
            # embed.html drops the site's chrome; the full page stays the one search engines and search show.
            front_matter |= {"template": "embed.html", "search": {"exclude": True}, "canonical_page": spec.embed_of}
        context = {**spec.context, "embed": embed, "full_page": spec.embed_of}
        body = self.render_template(spec.template, spec.src_uri, title=spec.title, **context)
        markdown = "---\n" + json.dumps(front_matter, ensure_ascii=False, indent=1) + "\n---\n\n" + body
        nav_title = self.guide.meta.labels.overview if spec.template == "overview.md" else spec.title
        return GeneratedPage(spec.src_uri, markdown, f"{self.guide.folder}/{self._sources[spec.src_uri]}", nav_title, in_nav=not spec.embed_of)

    def _embed_code(self, spec: _PageSpec) -> EmbedCode:
        address = self.address
        return EmbedCode(address.absolute(address.path(spec.src_uri)), address.absolute(HOST_SCRIPT), spec.title, bool(address.site_url))

    def render_template(self, template: str, src_uri: str, **context: object) -> str:
        return self.env.get_template(f"guidekit/{template}").render(
            guide=self.guide,
            meta=self.guide.meta,
            labels=self.guide.meta.labels,
            md=self.markdown,
            link=self._linker(src_uri),
            pages=self.pages,
            cite=self._citer(src_uri),
            source_links=self._html_source_linker(src_uri),
            fill=fill,
            join_names=self.join_names,
            points=points,
            statement_text=self.statement_text,
            picture=self.picture,
            page_set=PageSet,
            tables_for=self.tables_for,
            row_anchor=table_row_anchor,
            part_link=self.part_link(src_uri),
            **context,
        )

    # ---- Helpers handed to templates ---------------------------------------------------

    def join_names(self, choice_ids: Iterable[str]) -> str:
        """ "Fine-tuning, Prompting and RAG", with the guide's word for "and"."""
        names = [self.guide.choice_name(choice_id) for choice_id in choice_ids]
        if len(names) < 2:
            return "".join(names)
        return f"{', '.join(names[:-1])} {self.guide.checklist.ui.list_and} {names[-1]}"

    def picture(self) -> Markup:
        labels = self.guide.meta.labels
        return decision_picture(self.guide, labels.picture, labels.picture_caption, labels.points)

    def tables_for(self, option_id: str) -> list[m.Table]:
        """The tables shown on an option's page."""
        return [table for table in self.guide.tables if option_id in table.options]

    def part_link(self, from_src_uri: str) -> Callable[[GuidePart], str]:
        """A link to a part of the guide named in a change (see Guide.parts)."""
        link, pages = self._linker(from_src_uri), self.pages

        def to(part: GuidePart) -> str:
            if part.kind == "option":
                return link(pages.option(part.option_id), "" if part.id == part.option_id else part.id)
            if part.kind == "table":
                return link(pages.table(part.id))
            page, anchor = {
                "hybrid": ("index", f"hybrid-{part.id}"),
                "aspect": ("comparison", f"aspect-{part.id}"),
                "consideration": ("considerations", part.id),
                "term": ("glossary", f"term-{part.id}"),
            }[part.kind]
            return link(pages.overview() if page == "index" else pages.named(page), anchor)

        return to

    def statement_text(self, statement_id: str) -> str:
        return next(s.text for group in self.guide.checklist.groups for s in group.statements if s.id == statement_id)

    def markdown(self, text: str | None) -> Markup:
        """Editor Markdown as one sanitized raw-HTML block for the page."""
        if not text:
            return Markup("")
        if text not in self._rendered:
            known = self._known_markdown.get(text)
            self._rendered[text] = (
                known if known is not None else Markup('<div class="gk-prose">\n') + render_markdown(text, self.glossary) + Markup("\n</div>")
            )
        return self._rendered[text]

    def rendered_markdown(self) -> dict[str, Markup]:
        """Every editor text rendered so far, for a later renderer of this guide with the same glossary."""
        return dict(self._rendered)

    def _linker(self, from_src_uri: str) -> Callable[[str, str], str]:
        return linker(from_src_uri, self._relative_paths)

    def _citer(self, from_src_uri: str) -> Callable[[m.Cited], Markup]:
        """'Sources: [1] [4] · as of 24 Nov 2026' as a Markdown paragraph, or nothing."""
        link = self._linker(from_src_uri)
        sources_page = self.pages.named("sources")

        def cite(item: m.Cited) -> Markup:
            parts = []
            for source_id in item.sources:
                number = self.guide.source_number(source_id)
                source = self.guide.sources[number - 1]
                parts.append(f'[\\[{number}\\]]({link(sources_page, "src-" + source_id)}){{ {SOURCE_TITLE_ATTRIBUTE}="{_attr_list_value(source.title)}" }}')
            labels = self.guide.meta.labels
            text = f"{labels.sources_label}: " + " ".join(parts) if parts else ""
            if item.as_of:
                text += f"{' · ' if text else ''}{escape_markdown(labels.as_of)} {format_date(item.as_of)}"
            if item.last_reviewed:
                text += f"{' · ' if text else ''}{escape_markdown(labels.last_reviewed)} {format_date(item.last_reviewed)}"
            return Markup(f"{text}\n{{ .gk-cite }}") if text else Markup("")

        return cite

    def _html_source_linker(self, from_src_uri: str) -> Callable[[m.Cited], Markup]:
        """'[1] [4]' as HTML links, for table cells (raw HTML, whose links MkDocs does not rewrite)."""
        sources_page = self.address.relative(from_src_uri, self.pages.named("sources"))

        def source_links(item: m.Cited) -> Markup:
            links = []
            for source_id in item.sources:
                number = self.guide.source_number(source_id)
                title = self.guide.sources[number - 1].title
                links.append(Markup('<a href="{}#src-{}" {}="{}">[{}]</a>').format(sources_page, source_id, SOURCE_TITLE_ATTRIBUTE, title, number))
            return Markup(" ").join(links)

        return source_links

    # ---- The sources page's links back -------------------------------------------------

    def citations(self) -> dict[str, list[Citation]]:
        found: dict[str, list[Citation]] = {source.id: [] for source in self.guide.sources}
        for source_ids, label, src_uri, anchor in self._cited_places():
            for source_id in source_ids:
                found[source_id].append(Citation(label, src_uri, anchor))
        return found

    def _cited_places(self) -> Iterable[tuple[list[str], str, str, str]]:
        guide, pages, labels = self.guide, self.pages, self.guide.meta.labels
        for hybrid in guide.meta.hybrids:
            yield hybrid.sources, hybrid.name, pages.overview(), f"hybrid-{hybrid.id}"
        for aspect in guide.comparison.aspects:
            for option_id, rating in aspect.ratings.items():
                yield rating.sources, f"{labels.comparison} › {aspect.name} › {guide.option(option_id).name}", pages.named("comparison"), f"aspect-{aspect.id}"
        for option in guide.options:
            yield option.sources, f"{option.name} › {labels.definition}", pages.option(option.id), "definition"
            for item in [*option.pros, *option.cons, *option.when_to_choose]:
                yield item.sources, f"{option.name} › {item.title}", pages.option(option.id), item.id
        for item in guide.considerations.items:
            yield item.sources, f"{labels.considerations} › {item.title}", pages.named("considerations"), item.id
        for group in guide.checklist.groups:
            for statement in group.statements:
                yield statement.sources, f"{labels.checklist} › {statement.text}", pages.named("checklist"), f"statement-{statement.id}"
        for constraint in guide.checklist.constraints:
            yield constraint.sources, f"{labels.how_it_decides} › {constraint.reason}", pages.named("how-it-decides"), f"constraint-{constraint.id}"
        for prerequisite in guide.checklist.prerequisites:
            yield prerequisite.sources, f"{labels.how_it_decides} › {prerequisite.first}", pages.named("how-it-decides"), f"prerequisite-{prerequisite.id}"
        for scenario in guide.checklist.scenarios:
            yield scenario.sources, f"{labels.how_it_decides} › {scenario.name}", pages.named("how-it-decides"), "examples"
        for choice_id, outcome in guide.checklist.outcomes.items():
            yield outcome.sources, f"{labels.checklist} › {guide.choice_name(choice_id)}", pages.named("checklist"), f"outcome-{choice_id}"
        for term in guide.glossary.terms:
            yield term.sources, f"{labels.glossary} › {term.term}", pages.named("glossary"), f"term-{term.id}"
        for table in guide.tables:
            yield table.sources, table.title, pages.table(table.id), ""
            for number, row in enumerate(table.rows, 1):
                yield row.sources, f"{table.title} › {plain_summary(row.cells[0])}", pages.table(table.id), table_row_anchor(table, number)


def table_row_anchor(table: m.Table, number: int) -> str:
    return f"{table.id}-row-{number}"


def fill(template: str, **values: object) -> str:
    """Fill `{name}` placeholders (checked by the model) the way checklist.js does."""
    return re.sub(r"\{(\w+)\}", lambda found: str(values.get(found.group(1), found.group(0))), template)


def points(weight: int | None) -> str:
    """A weight as shown in tables: "+3", "−1", or nothing."""
    return "" if not weight else f"+{weight}" if weight > 0 else f"−{-weight}"


def _attr_list_value(text: str) -> str:
    # A quoted value in Markdown's attribute list ({ name="value" }): HTML entities for the quote
    # that would end it and the brace that would end the list (the Markdown writer keeps entities).
    return str(Markup.escape(text)).replace("&#34;", "&quot;").replace("{", "&#123;").replace("}", "&#125;")


def render_problem_page(env: jinja2.Environment, problems: list[Problem], source_file: str) -> str:
    """A page listing every content problem, shown by the live preview in place of a page it cannot build."""
    front_matter = {"title": "Content problems", "search": {"exclude": True}}
    return "---\n" + json.dumps(front_matter, indent=1) + "\n---\n\n" + _problems_template(env, problems, source_file, banner=False)


def render_problem_banner(env: jinja2.Environment, problems: list[Problem]) -> str:
    """The same list, as a box at the top of a hand-written page."""
    return _problems_template(env, problems, "", banner=True)


def _problems_template(env: jinja2.Environment, problems: list[Problem], source_file: str, banner: bool) -> str:
    template = env.get_template("guidekit/problems.md")
    return template.render(problems=problems, summary=count_problems(problems), source_file=source_file, banner=banner)
