"""Everything a build needs from the content, prepared in one call before any output is written."""

from __future__ import annotations

import hashlib
import pickle
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

import jinja2

from guidekit.render.address import SiteAddress
from guidekit.render.blocks import BlockRenderer
from guidekit.load.guide_folder import CONTENT_FOLDER, guide_folders
from guidekit.model.layout import OPTIONS_FOLDER, PageSet
from guidekit.model.guide import Guide, Site
from guidekit.site.guides import load_guides, load_site
from guidekit.render.export import export_files, export_schema_text
from guidekit.render.feed import render_feed
from guidekit.render.reference import field_reference
from guidekit.model.fields import SLUG_PATTERN
from guidekit.model.labels import Labels
from guidekit.model.problems import ContentError, Problem
from guidekit.render.pages import (
    GeneratedPage,
    glossary_map,
    make_environment,
    render_problem_banner,
    GuideRenderer,
    render_problem_page,
)
from guidekit.load.yaml_compose import load_yaml_file

TEMPLATES_FOLDER = "overrides"
T = TypeVar("T")


@dataclass
class Build:
    pages: list[GeneratedPage]
    sections: dict[str, str]  # guide id -> its navigation section's title, in order
    blocks: BlockRenderer
    glossary: dict[str, str]
    data_files: dict[str, str]  # path in the site -> text: each guide's JSON export, its schema and its Atom feed
    problems: list[Problem] = field(default_factory=list)  # warnings; in the preview, the errors too
    problem_banner: str = ""  # Markdown for the top of hand-written pages when no guide can be shown at all
    site: Site | None = None  # the guides shown; None when no guide can be shown at all

    @property
    def failed(self) -> bool:
        return any(problem.is_error for problem in self.problems)


def prepare_build(project_dir: Path, address: SiteAddress = SiteAddress()) -> Build:
    """For a published build: every published guide, validated and rendered; drafts are left out.

    Raises ContentError listing every problem when any published guide has an error.
    """
    site = load_site(project_dir / CONTENT_FOLDER, project_dir, drafts=False)
    return _build(project_dir, site, address)


class Reuse(Protocol):
    """Where the live preview keeps results from one rebuild to the next, under a digest of their inputs."""

    def get(self, kind: str, inputs: bytes) -> Any: ...  # None when these inputs are new

    def put(self, kind: str, inputs: bytes, result: Any) -> None: ...


def prepare_preview(project_dir: Path, address: SiteAddress = SiteAddress(), reuse: Reuse | None = None) -> Build:
    """For the live preview: every guide, drafts included and labelled as drafts.

    A guide with errors shows its problems on each of its own pages; every other guide, and every
    hand-written page, renders as it would be published. Only when the content folder itself is
    unusable (missing, or holding no guide) do the hand-written pages carry the problems instead.
    With `reuse`, a guide that is the same as in an earlier rebuild (and the templates too) takes
    its pages and data files from there instead of rendering them again.
    """
    try:
        loads = load_guides(project_dir / CONTENT_FOLDER, project_dir)
    except ContentError as error:
        return prepare_problem_preview(project_dir, error.problems)
    good = [load for load in loads if not load.failed]
    site = Site([load.guide for load in good], sorted(problem for load in good for problem in load.problems))
    build = _build(project_dir, site, address, drafts={load.id for load in loads if load.draft}, reuse=reuse)
    env = build.blocks.env
    for load in loads:
        if load.failed:
            build.pages.extend(_problem_pages(env, project_dir / CONTENT_FOLDER / load.id, load.problems, load.option_names))
    build.sections = {load.id: load.title + (" (draft)" if load.draft else "") for load in loads}
    build.problems = sorted(problem for load in loads for problem in load.problems)
    build.blocks.unavailable = {load.id: load.title for load in loads if load.failed}
    return build


def _build(project_dir: Path, site: Site, address: SiteAddress, drafts: set[str] = frozenset(), reuse: Reuse | None = None) -> Build:
    env = _environment(project_dir)
    templates = _templates_digest(project_dir / TEMPLATES_FOLDER) if reuse is not None else b""
    schema_text = _made_from_code(reuse, "export-schema", export_schema_text)()
    pages: list[GeneratedPage] = []
    data_files: dict[str, str] = {}
    for guide in site.guides:
        guide_pages, guide_data_files = _guide_outputs(guide, env, address, guide.id in drafts, reuse, templates, schema_text)
        pages.extend(guide_pages)
        data_files.update(guide_data_files)
    return Build(
        pages=pages,
        sections={guide.id: guide.meta.short_title or guide.meta.title for guide in site.guides},
        blocks=BlockRenderer(site, env, drafts=set(drafts), address=address, models=_made_from_code(reuse, "field-reference", field_reference)),
        glossary=glossary_map(site.guides),
        data_files=data_files,
        problems=site.warnings,
        site=site,
    )


def _guide_outputs(
    guide: Guide, env: jinja2.Environment, address: SiteAddress, draft: bool, reuse: Reuse | None, templates: bytes, schema_text: str
) -> tuple[list[GeneratedPage], dict[str, str]]:
    """A guide's pages and data files, which depend on the guide, the address and the templates alone."""
    if reuse is None:
        return GuideRenderer(guide, env, address, draft=draft).render_pages(), _data_files(guide, address, schema_text)
    inputs = pickle.dumps((guide, address, draft)) + templates
    stored = reuse.get("guide", inputs)
    if stored is not None:
        return stored
    # A changed guide: its editor texts that did not change (most of them) keep their HTML, which
    # depends on the text and the guide's glossary alone.
    markdown_inputs = pickle.dumps((guide.id, glossary_map([guide])))
    renderer = GuideRenderer(guide, env, address, draft=draft, known_markdown=reuse.get("markdown", markdown_inputs))
    outputs = renderer.render_pages(), _data_files(guide, address, schema_text)
    reuse.put("markdown", markdown_inputs, renderer.rendered_markdown())
    reuse.put("guide", inputs, outputs)
    return outputs


def _templates_digest(folder: Path) -> bytes:
    """Every template's path and text: a template saved during the preview renders the guides again."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def _made_from_code(reuse: Reuse | None, kind: str, make: Callable[[], T]) -> Callable[[], T]:
    """`make`, whose result depends on the code alone: in the preview, made once per `mkdocs serve`."""

    def made() -> T:
        result = reuse.get(kind, b"") if reuse is not None else None
        if result is None:
            result = make()
            if reuse is not None:
                reuse.put(kind, b"", result)
        return result

    return made


def _data_files(guide: Guide, address: SiteAddress, schema_text: str) -> dict[str, str]:
    """Path in the site -> text: the guide's JSON export and its schema, and its Atom feed of changes."""
    pages = PageSet(guide.id)
    return {**export_files(guide, address, schema_text), pages.feed(): render_feed(guide, pages.feed(), pages.changes(), address)}


def prepare_problem_preview(project_dir: Path, problems: list[Problem]) -> Build:
    """For the live preview when no guide can be shown: every page a guide would have lists the problems."""
    env = _environment(project_dir)
    pages, sections = [], {}
    content_dir = project_dir / CONTENT_FOLDER
    for folder in guide_folders(content_dir) if content_dir.is_dir() else []:
        pages.extend(_problem_pages(env, folder, problems))
        sections[folder.name] = folder.name
    return Build(
        pages=pages,
        sections=sections,
        blocks=BlockRenderer(None, env),
        glossary={},
        data_files={},
        problems=problems,
        problem_banner=render_problem_banner(env, problems),
    )


def _table_ids(path: Path) -> list[str]:
    """The ids in a tables.yml that may have mistakes: those that can name a page."""
    try:
        data = load_yaml_file(path, path.name).data if path.is_file() else None
    except ContentError:
        return []
    tables = data.get("tables") if isinstance(data, dict) else None
    ids = [table.get("id") for table in tables if isinstance(table, dict)] if isinstance(tables, list) else []
    return [table_id for table_id in ids if isinstance(table_id, str) and re.fullmatch(SLUG_PATTERN, table_id)]


def _problem_pages(env: jinja2.Environment, folder: Path, problems: list[Problem], option_names: dict[str, str] | None = None) -> list[GeneratedPage]:
    """A page listing the problems at every address the guide's pages would have.

    The pages are found from the folder and its option files alone, since the content cannot be
    trusted, so each URL the browser shows keeps working and reloads into the fixed page.
    """
    if not re.fullmatch(SLUG_PATTERN, folder.name):
        return []
    option_ids = sorted(path.stem for path in (folder / OPTIONS_FOLDER).glob("*.yml") if re.fullmatch(SLUG_PATTERN, path.stem))
    page_set = PageSet(folder.name)
    table_ids = _table_ids(folder / "tables.yml")
    labels = Labels()  # the guide's own labels cannot be trusted: the navigation keeps the usual titles
    titles = {page_set.overview(): labels.overview}
    titles |= {page_set.named(name): getattr(labels, name.replace("-", "_")) for name in PageSet.NAMED_PAGES}
    titles[page_set.changes()] = labels.changes
    titles |= {page_set.option(option_id): name for option_id, name in (option_names or {}).items()}
    pages = []
    for in_nav, sources in [(True, page_set.sources(option_ids, table_ids)), (False, page_set.embed_sources(option_ids, table_ids))]:
        for src_uri, source in sources.items():
            source_file = f"{CONTENT_FOLDER}/{folder.name}/{source}"
            markdown = render_problem_page(env, problems, source_file)
            nav_title = titles.get(src_uri) or Path(source).stem.replace("-", " ").capitalize()
            pages.append(GeneratedPage(src_uri, markdown, source_file, nav_title, in_nav=in_nav))
    return pages


def _environment(project_dir: Path) -> jinja2.Environment:
    return make_environment(project_dir / TEMPLATES_FOLDER)
