"""Our own JavaScript and CSS (overrides/assets/), minified as they are published.

The sources stay readable, with full names and comments; the published copies drop comments
and spaces and rename local variables, which keeps the checklist within its size budget (see
scripts/bench_checklist.py). The minifier is tdewolff/minify (Go) through its Python binding
(minify-go): esbuild's Python bindings on PyPI either download a binary at run time or offer
no minification.

Files that load together are also published joined, as one file: one source file per widget,
one request per page instead of several. Each request that finishes before the largest
paint costs time in Lighthouse's simulated slow connection (six connections per host, 150 ms
round trips), even a deferred script's; on a real HTTP/1.1 connection it costs a round trip.
"""

from __future__ import annotations

from pathlib import Path

import minify as web_minifier

MEDIA_TYPES = {".js": "application/javascript", ".css": "text/css"}

# Published name -> its parts in order, each a path under overrides/assets/ (the parts are
# published on their own too). The templates and mkdocs.yml load the joined files:
JOINED = {
    # every page (mkdocs.yml, extra_css): the site's styles, then the checklist's (1.2 KB gzipped,
    # every rule scoped to its own classes), which cost its pages a request of their own before
    "stylesheets/site.css": ("stylesheets/guidekit.css", "stylesheets/checklist.css"),
    # the checklist's pages (guidekit/render/pages.py): the scoring rule, then the widget that calls it
    "javascripts/guidekit/checklist-page.js": ("javascripts/guidekit/scoring.js", "javascripts/guidekit/checklist.js"),
}


def minify(path: Path) -> str:
    """The minified text of a .js or .css file."""
    return web_minifier.string(MEDIA_TYPES[path.suffix], path.read_text(encoding="utf-8"))


def joined(parts: list[str], suffix: str) -> str:
    """Minified files as one, each part on a line of its own; a script part also ends its last
    statement (one ending without a semicolon would run into the next part)."""
    if suffix == ".js":
        return "".join(f"{part.rstrip().removesuffix(';')};\n" for part in parts)
    return "".join(f"{part.rstrip()}\n" for part in parts)


def published_text(assets_dir: Path, name: str, minified: dict[str, str] | None = None, joined_files: dict[str, tuple[str, ...]] = JOINED) -> str:
    """The text the site publishes as `name` (a path under assets/): a joined file's parts joined,
    or the one file, minified. `minified`: parts already minified, by their path under assets/."""
    parts = joined_files.get(name, (name,))
    texts = [(minified or {}).get(part) or minify(assets_dir / part) for part in parts]
    return joined(texts, Path(name).suffix) if name in joined_files else texts[0]


def minify_published(assets_dir: Path, site_dir: Path, joined_files: dict[str, tuple[str, ...]] = JOINED) -> list[Path]:
    """Replace the published copy of every .js and .css file under `assets_dir` by its minified
    text, and write the joined files. Third-party files under a `vendor` folder are published
    exactly as they came."""
    written, minified = [], {}
    for source in sorted(assets_dir.rglob("*")):
        relative = source.relative_to(assets_dir)
        published = site_dir / "assets" / relative
        if source.suffix in MEDIA_TYPES and "vendor" not in relative.parts and published.is_file():
            minified[relative.as_posix()] = minify(source)
            published.write_text(minified[relative.as_posix()], encoding="utf-8")
            written.append(published)
    for name in joined_files:
        published = site_dir / "assets" / name
        published.parent.mkdir(parents=True, exist_ok=True)
        published.write_text(published_text(assets_dir, name, minified, joined_files), encoding="utf-8")
        written.append(published)
    return written
