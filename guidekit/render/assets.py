"""Our own JavaScript and CSS (overrides/assets/), minified as they are published.

The sources stay readable, with full names and comments; the published copies drop comments
and spaces and rename local variables, which keeps the checklist within its size budget (see
scripts/bench_checklist.py). The minifier is tdewolff/minify (Go) through its Python binding
(minify-go): esbuild's Python bindings on PyPI either download a binary at run time or offer
no minification.
"""

from __future__ import annotations

from pathlib import Path

import minify as web_minifier

MEDIA_TYPES = {".js": "application/javascript", ".css": "text/css"}


def minify(path: Path) -> str:
    """The minified text of a .js or .css file."""
    return web_minifier.string(MEDIA_TYPES[path.suffix], path.read_text(encoding="utf-8"))


def minify_published(assets_dir: Path, site_dir: Path) -> list[Path]:
    """Replace the published copy of every .js and .css file under `assets_dir` by its minified text.

    Third-party files under a `vendor` folder are published exactly as they came."""
    written = []
    for source in sorted(assets_dir.rglob("*")):
        published = site_dir / "assets" / source.relative_to(assets_dir)
        if source.suffix in MEDIA_TYPES and "vendor" not in source.relative_to(assets_dir).parts and published.is_file():
            published.write_text(minify(source), encoding="utf-8")
            written.append(published)
    return written
