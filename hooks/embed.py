"""Embed pages (front matter `canonical_page`): their full page is the canonical one, and their links
open outside the frame.

The address is looked up while pages are read and applied only when the page is rendered,
after the sitemap is written, so the sitemap still lists every page once under its own URL.
The live preview keeps each page's result (_preview_store.py) and works it out for new HTML only.
"""

from mkdocs.exceptions import PluginError

import _preview_store
from guidekit.site.embed_links import open_links_outside

_CANONICAL_URL = "canonical_page_url"


def on_page_markdown(markdown, page, config, files):
    full_page = page.meta.get("canonical_page")
    if full_page:
        target = files.get_file_from_path(full_page)
        if target is None or target.page is None:
            raise PluginError(f"{page.file.src_uri}: canonical_page '{full_page}' is not a page of this site")
        page.meta[_CANONICAL_URL] = target.page.canonical_url
    return markdown


def on_page_context(context, page, config, nav):
    if _CANONICAL_URL in page.meta:
        page.canonical_url = page.meta[_CANONICAL_URL]
    return context


def on_post_page(output, page, config):
    if _CANONICAL_URL not in page.meta:
        return output
    store = _preview_store.store(config)  # the live preview keeps the result for HTML it has seen
    opened = store.get("embed-links", output.encode()) if store is not None else None
    if opened is None:
        opened = open_links_outside(output)
        if store is not None:
            store.put("embed-links", output.encode(), opened)
    return opened
