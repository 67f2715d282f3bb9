"""Everything a build needs from the content, prepared in one call before any output is written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from guidekit.address import SiteAddress
from guidekit.blocks import BlockRenderer
from guidekit.content import CONTENT_FOLDER, Site, load_site
from guidekit.export import export_files
from guidekit.render import GeneratedPage, glossary_map, make_environment, render_site

TEMPLATES_FOLDER = "overrides"


@dataclass
class Build:
    site: Site
    pages: list[GeneratedPage]
    blocks: BlockRenderer
    glossary: dict[str, str]
    data_files: dict[str, str]  # path in the site -> text: each guide's JSON export and its schema


def prepare_build(project_dir: Path, address: SiteAddress = SiteAddress()) -> Build:
    """Load, validate and render all content; raises ContentError listing every problem."""
    site = load_site(project_dir / CONTENT_FOLDER, project_dir)
    env: jinja2.Environment = make_environment(project_dir / TEMPLATES_FOLDER)
    data_files = {path: text for guide in site.guides for path, text in export_files(guide, address).items()}
    return Build(
        site=site,
        pages=render_site(site, env, address),
        blocks=BlockRenderer(site, env),
        glossary=glossary_map(site.guides),
        data_files=data_files,
    )
