"""Everything a build needs from the content, prepared in one call before any output is written."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from guidekit.address import SiteAddress
from guidekit.blocks import BlockRenderer
from guidekit.content import CONTENT_FOLDER, OPTIONS_FOLDER, Guide, Site, guide_folders, load_site
from guidekit.export import export_files
from guidekit.feed import render_feed
from guidekit.models import SLUG_PATTERN
from guidekit.problems import ContentError, Problem
from guidekit.render import (
    GeneratedPage,
    PageSet,
    glossary_map,
    make_environment,
    render_problem_banner,
    render_problem_page,
    render_site,
)
from guidekit.yaml_loader import load_yaml_file

TEMPLATES_FOLDER = "overrides"


@dataclass
class Build:
    pages: list[GeneratedPage]
    sections: dict[str, str]  # guide id -> its navigation section's title, in order
    blocks: BlockRenderer
    glossary: dict[str, str]
    data_files: dict[str, str]  # path in the site -> text: each guide's JSON export, its schema and its Atom feed
    problems: list[Problem] = field(default_factory=list)  # warnings; in a problem preview, the errors too
    problem_banner: str = ""  # Markdown for the top of hand-written pages in a problem preview
    site: Site | None = None  # None in a problem preview

    @property
    def failed(self) -> bool:
        return any(problem.is_error for problem in self.problems)


def prepare_build(project_dir: Path, address: SiteAddress = SiteAddress()) -> Build:
    """Load, validate and render all content; raises ContentError listing every problem."""
    site = load_site(project_dir / CONTENT_FOLDER, project_dir)
    env = _environment(project_dir)
    return Build(
        pages=render_site(site, env, address),
        sections={guide.id: guide.meta.short_title or guide.meta.title for guide in site.guides},
        blocks=BlockRenderer(site, env, address),
        glossary=glossary_map(site.guides),
        data_files={path: text for guide in site.guides for path, text in _data_files(guide, address).items()},
        problems=site.warnings,
        site=site,
    )


def _data_files(guide: Guide, address: SiteAddress) -> dict[str, str]:
    """Path in the site -> text: the guide's JSON export and its schema, and its Atom feed of changes."""
    pages = PageSet(guide.id)
    return {**export_files(guide, address), pages.feed(): render_feed(guide, pages.changes(), address)}


def prepare_problem_preview(project_dir: Path, problems: list[Problem]) -> Build:
    """For the live preview of content with errors: every page a guide would have lists the problems.

    The pages are found from the folders and option files alone, since the content cannot be
    trusted, so each URL the browser shows keeps working and reloads into the fixed page.
    """
    env = _environment(project_dir)
    pages, sections = [], {}
    for folder in guide_folders(project_dir / CONTENT_FOLDER):
        if not re.fullmatch(SLUG_PATTERN, folder.name):
            continue
        option_ids = sorted(path.stem for path in (folder / OPTIONS_FOLDER).glob("*.yml") if re.fullmatch(SLUG_PATTERN, path.stem))
        page_set = PageSet(folder.name)
        table_ids = _table_ids(folder / "tables.yml")
        other_pages = {**page_set.other_sources(), **page_set.embed_sources(option_ids, table_ids)}
        for in_nav, sources in [(True, page_set.sources(option_ids, table_ids)), (False, other_pages)]:
            for src_uri, source in sources.items():
                source_file = f"{CONTENT_FOLDER}/{folder.name}/{source}"
                markdown = render_problem_page(env, problems, source_file)
                pages.append(GeneratedPage(src_uri, markdown, source_file, "Content problems", source, in_nav=in_nav))
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


def _environment(project_dir: Path) -> jinja2.Environment:
    return make_environment(project_dir / TEMPLATES_FOLDER)
