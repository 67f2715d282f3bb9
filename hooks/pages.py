"""Add the generated guide pages and data files to the site, in memory, and lay out the navigation."""

import os
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.utils.meta import get_data

import _guidekit_state

# Every page carries the navigation (tabs and sidebar). Listing every guide on every page makes
# each page grow with the number of guides, and the build with its square (at 500 guides, some
# 2 MB of navigation per page). With more guides than this, a page lists only its own guide;
# the home page lists them all.
MAX_GUIDES_ON_EVERY_PAGE = 12


def on_files(files, config):
    build = _guidekit_state.get(config)
    project_dir = Path(config.config_file_path).parent
    for page in build.pages:
        # Pages left out of the navigation on purpose (embed pages) must not trip `omitted_files`.
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion)
        # "Edit this page" opens the YAML file the page is made from (`edit_uri` points into docs/).
        file.edit_uri = Path(os.path.relpath(project_dir / page.source_file, config.docs_dir)).as_posix()
        _add(files, file, f"a page generated from {page.source_file}")
    for path, text in build.data_files.items():
        kind = "a guide's Atom feed" if path.endswith(".xml") else "a guide's JSON export"
        _add(files, File.generated(config, path, content=text), kind)
    if config.nav is None:
        config.nav = _navigation(build, files)
    return files


def on_page_markdown(markdown, page, config, files):
    """The file to edit to change this page, named by "Edit this page" when no repository is set
    (overrides/partials/actions.html): a guide page's YAML file, or the hand-written page in docs/."""
    project_dir = Path(config.config_file_path).parent
    page.meta["source_path"] = Path(os.path.relpath(Path(config.docs_dir) / page.file.edit_uri, project_dir)).as_posix()
    return markdown


def on_page_context(context, page, config, nav):
    sections = _guidekit_state.get(config).sections
    if len(sections) > MAX_GUIDES_ON_EVERY_PAGE:
        context["nav"] = Navigation([item for item in nav if not _is_other_guide(item, page, sections)], nav.pages)
    return context


def _is_other_guide(item, page, sections) -> bool:
    if not isinstance(item, Section) or item in page.ancestors:
        return False
    first = next((child for child in item.children if getattr(child, "file", None)), None)
    return first is not None and first.file.src_uri.split("/")[0] in sections


def _add(files, file, generated_as):
    if files.get_file_from_path(file.src_uri) is not None:
        raise PluginError(f"docs/{file.src_uri} clashes with {generated_as}; rename or remove it")
    files.append(file)


def _navigation(build, files):
    """Home first, then one section per guide in reading order, then the other hand-written pages."""
    generated = {page.src_uri for page in build.pages}
    nav = [{"Home": "index.md"}] if files.get_file_from_path("index.md") else []
    for guide_id, title in build.sections.items():
        section = [{_nav_title(page.nav_title): page.src_uri} for page in build.pages if page.in_nav and page.src_uri.startswith(f"{guide_id}/")]
        nav.append({_nav_title(title): section})
    hand_written = [file for file in files.documentation_pages() if file.src_uri not in generated and file.src_uri != "index.md"]
    return nav + _hand_written_navigation(hand_written)


def _hand_written_navigation(pages):
    """Pages at the top of docs/, then one section per folder: its index.md first, titled by its `title`."""
    top = sorted(page.src_uri for page in pages if "/" not in page.src_uri)
    folders: dict[str, list] = {}
    for page in sorted(pages, key=lambda page: page.src_uri):
        if "/" in page.src_uri:
            folders.setdefault(page.src_uri.split("/")[0], []).append(page)
    sections = []
    for folder, folder_pages in folders.items():
        index = next((page for page in folder_pages if page.src_uri == f"{folder}/index.md"), None)
        ordered = ([index] if index else []) + [page for page in folder_pages if page is not index]
        title = (get_data(index.content_string)[1].get("title") if index else None) or folder.replace("-", " ").capitalize()
        sections.append({_nav_title(str(title)): [page.src_uri for page in ordered]})
    return top + sections


def _nav_title(title: str) -> str:
    # The theme prints navigation titles as HTML without escaping them.
    return str(escape(title))
