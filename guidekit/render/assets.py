"""Our own JavaScript and CSS (overrides/assets/), minified as they are published.

The sources stay readable and commented; the published copies drop comments and spaces,
which keeps the checklist within its size budget (see scripts/bench_checklist.py).
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def minify(path: Path) -> str:
    """The minified text of a .js or .css file."""
    return MINIFIERS[path.suffix](path.read_text(encoding="utf-8"))


def minify_published(assets_dir: Path, site_dir: Path) -> list[Path]:
    """Replace the published copy of every .js and .css file under `assets_dir` by its minified text.

    Third-party files under a `vendor` folder are published exactly as they came."""
    written = []
    for source in sorted(assets_dir.rglob("*")):
        published = site_dir / "assets" / source.relative_to(assets_dir)
        if source.suffix in MINIFIERS and "vendor" not in source.relative_to(assets_dir).parts and published.is_file():
            published.write_text(minify(source), encoding="utf-8")
            written.append(published)
    return written
