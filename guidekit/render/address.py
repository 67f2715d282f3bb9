"""Where the built site is published, for the places that need absolute or relative URLs
outside of Markdown links (embed snippets, the JSON export)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

HOST_SCRIPT = "assets/javascripts/embed-host.js"


@dataclass(frozen=True)
class SiteAddress:
    site_url: str | None = None  # the published address (mkdocs.yml `site_url`), if known
    directory_urls: bool = True  # mkdocs.yml `use_directory_urls` (the offline build turns it off)
    from_disk: bool = False  # the offline bundle, read from file://: there is no address to embed from
    site_name: str = ""  # mkdocs.yml `site_name`: the author of the guides' feeds

    def path(self, src_uri: str) -> str:
        """A page's URL path relative to the site root, as MkDocs lays it out ("" for the home page)."""
        stem = src_uri.removesuffix(".md")
        if not self.directory_urls:
            return f"{stem}.html"
        if stem == "index":
            return ""
        return stem.removesuffix("index") if stem.endswith("/index") else f"{stem}/"

    def relative(self, from_src_uri: str, to_src_uri: str) -> str:
        """The URL of one page relative to another, for links in raw HTML, which MkDocs does not rewrite."""
        base = self.path(from_src_uri).rsplit("/", 1)[0] if "/" in self.path(from_src_uri) else ""
        target = self.path(to_src_uri)
        relative = posixpath.relpath(target or ".", base or ".")
        return relative + "/" if target.endswith("/") and relative != "." else "./" if relative == "." else relative

    def absolute(self, site_path: str) -> str:
        """The full URL of a path under the site root; it starts with a SITE_URL placeholder when
        `site_url` is not set (the snippets then say so)."""
        return (self.site_url.rstrip("/") if self.site_url else "SITE_URL") + "/" + site_path
