"""Embed pages (front matter `canonical_page`) name their full page as the canonical one."""

from mkdocs.exceptions import PluginError


def on_page_markdown(markdown, page, config, files):
    full_page = page.meta.get("canonical_page")
    if full_page:
        target = files.get_file_from_path(full_page)
        if target is None or target.page is None:
            raise PluginError(f"{page.file.src_uri}: canonical_page '{full_page}' is not a page of this site")
        page.canonical_url = target.page.canonical_url
    return markdown
