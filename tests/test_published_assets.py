"""Scripts and stylesheets published joined (guidekit/render/assets.py, JOINED): one file, one
request, with every part in it, each script part running once; the pages load the joined files,
never a part alone."""

from __future__ import annotations

import re
from pathlib import Path

from py_mini_racer import MiniRacer

from guidekit.render.assets import JOINED, minify, minify_published

PROJECT = Path(__file__).resolve().parent.parent
ASSETS = PROJECT / "overrides" / "assets"
LOADED = re.compile(r'<script\b[^>]*\ssrc="([^"]+)"|<link\b[^>]*\srel="stylesheet"[^>]*\shref="([^"]+)"')


def test_joined_parts_each_run_once_whatever_they_end_with(tmp_path):
    """A part ending without a semicolon, as minified immediately invoked functions do, must not
    call the one before it or run into the next."""
    assets, site = tmp_path / "assets", tmp_path / "site"
    parts = {
        "javascripts/a.js": "(function () { runs.push('a'); })()\n",
        "javascripts/b.js": "(function () { runs.push('b'); })()",
        "javascripts/c.js": "['c'].forEach(function (name) { runs.push(name); });",
    }
    for name, text in parts.items():
        for folder in (assets, site / "assets"):
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
    written = minify_published(assets, site, joined_files={"javascripts/all.js": tuple(parts)})
    assert site / "assets" / "javascripts" / "all.js" in written
    engine = MiniRacer()
    engine.eval("var runs = [];")
    engine.eval((site / "assets" / "javascripts" / "all.js").read_text(encoding="utf-8"))
    assert engine.eval("runs.join()") == "a,b,c"


def test_joined_stylesheet_parts_stay_apart(tmp_path):
    assets, site = tmp_path / "assets", tmp_path / "site"
    parts = {"stylesheets/a.css": "a { color: red }", "stylesheets/b.css": "/* no rule */ b { color: blue; }\n"}
    for name, text in parts.items():
        for folder in (assets, site / "assets"):
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
    minify_published(assets, site, joined_files={"stylesheets/all.css": tuple(parts)})
    assert (site / "assets" / "stylesheets" / "all.css").read_text(encoding="utf-8") == "a{color:red}\nb{color:blue}\n"


def test_every_joined_file_is_its_parts_minified_in_order(built_site):
    for name, parts in JOINED.items():
        published = (built_site / "assets" / name).read_text(encoding="utf-8")
        positions = [published.find(minify(ASSETS / part).rstrip().removesuffix(";")) for part in parts]
        assert -1 not in positions, f"{name} lacks {parts[positions.index(-1)]}"
        assert positions == sorted(positions), f"{name}: parts out of order"


def test_pages_load_joined_files_once_and_no_part_alone(built_site):
    parts = {part for joined_parts in JOINED.values() for part in joined_parts}
    pages = sorted(built_site.rglob("*.html"))
    checklist_pages = 0
    for page in pages:
        addresses = ["".join(found) for found in LOADED.findall(page.read_text(encoding="utf-8"))]
        loaded = [re.sub(r"^/|^(\.\./)*", "", address).removeprefix("assets/") for address in addresses]
        assert not parts & set(loaded), f"{page.relative_to(built_site)} loads a part of a joined file: {loaded}"
        assert len(loaded) == len(set(loaded)), f"{page.relative_to(built_site)} loads a file twice: {loaded}"
        if "javascripts/guidekit/checklist-page.js" in loaded:
            checklist_pages += 1
        assert "stylesheets/site.css" in loaded, page.relative_to(built_site)
    assert checklist_pages >= 1
