"""The built HTML under a strict Content-Security-Policy, checked without a browser: no inline code,
no resource from another host, and overrides of Material's partials that still match upstream."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import jinja2
import material
import pytest

from guidekit.site.inline_code import find_inline_code

PROJECT = Path(__file__).resolve().parent.parent
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
MOVED_SCRIPTS = PROJECT / "overrides" / "assets" / "javascripts" / "material-csp"

# Material 9.8.2's templates that overrides/partials/ replaces (or, for base.html, that decides
# where those partials go and which inline code it emits). Recorded from the installed package.
UPSTREAM_SHA256 = {
    "base.html": "a919e32d2225e09ecbdeb8076ca6ce9ca0836329760bf7871a04172569b77842",
    "partials/javascripts/base.html": "d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6",
    "partials/javascripts/palette.html": "8790389765ea6036effddba548b15093bb05bdc75624eaeaf8b13f3c24be4ab5",
    "partials/javascripts/content.html": "3722e156f0f6339de39fbbfc178b6e401d1a4fb890f189ac5b80c2504bda7dcf",
    "partials/search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
    "partials/palette.html": "fb935107ae7d3d7475965019eec36c1ad72bf1d154254dab2474921fcd2710e3",  # copied without titles
}


# ---- The scanner -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<script>alert(1)</script>", "inline <script> starting 'alert(1)'"),
        ('<script type="text/javascript">x()</script>', "inline <script> starting 'x()'"),
        ("<style>p{color:red}</style>", "inline <style> element"),
        ('<p onclick="x()">a</p>', "event-handler attribute onclick= on <p>"),
        ('<span style="color:red">a</span>', "style= attribute on <span>"),
        ('<a href=" JavaScript:void(0)">a</a>', "javascript: URL in href= on <a>"),
    ],
)
def test_scanner_finds_what_a_strict_policy_blocks(html, expected):
    assert [str(found) for found in find_inline_code(f"<p>page</p>\n{html}")] == [f"line 2: {expected}"]


def test_scanner_allows_files_and_data_blocks():
    html = (
        '<script src="a.js"></script><script type="application/json">{"a": 1}</script>'
        '<link rel="stylesheet" href="a.css"><a href="page/">x</a><pre><code>&lt;script&gt;x()&lt;/script&gt;</code></pre>'
    )
    assert find_inline_code(html) == []


# ---- The built site --------------------------------------------------------------------

# Elements whose address the browser fetches by itself (a plain <a href> is only a link).
FETCHED = re.compile(
    r"<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\ssrc=\"(?:https?:)?//"
    r"|<link\b(?=[^>]*\srel=\"(?:stylesheet|icon|preconnect|preload|modulepreload|manifest|dns-prefetch)\")"
    r"[^>]*\shref=\"(?:https?:)?//"
)
ABSOLUTE_CSS_URL = re.compile(r"url\(\s*[\"']?(?:https?:)?//")


def test_no_built_page_carries_inline_code(content_site):
    pages = sorted(content_site.rglob("*.html"))
    assert len(pages) >= 10
    found = {str(page.relative_to(content_site)): [str(item) for item in find_inline_code(page.read_text(encoding="utf-8"))] for page in pages}
    assert {page: items for page, items in found.items() if items} == {}


def test_no_built_page_or_stylesheet_loads_anything_from_another_host(content_site):
    offending = [
        f"{path.relative_to(content_site)}: {match.group(0)[:120]}"
        for path in [*content_site.rglob("*.html"), *content_site.rglob("*.css")]
        for match in (FETCHED if path.suffix == ".html" else ABSOLUTE_CSS_URL).finditer(path.read_text(encoding="utf-8"))
    ]
    assert offending == []


def test_a_page_with_inline_code_fails_the_build_naming_it(mini_project):
    mini_project.write("docs/notes.md", '# Notes\n\n<p onclick="alert(1)">Click</p>\n')
    result = mini_project.build()
    assert result.returncode != 0
    assert "docs/notes.md: line" in result.output
    assert "event-handler attribute onclick= on <p>" in result.output
    assert "Content-Security-Policy" in result.output


# ---- Material's moved scripts ----------------------------------------------------------


def test_overridden_material_templates_are_the_ones_the_overrides_were_made_for():
    changed = [name for name, digest in UPSTREAM_SHA256.items() if hashlib.sha256((MATERIAL_TEMPLATES / name).read_bytes()).hexdigest() != digest]
    assert changed == [], (
        f"Material's {', '.join(changed)} changed since the strict-CSP overrides were made: re-check CSP overrides "
        "(compare them with overrides/partials/ and overrides/assets/javascripts/material-csp/, port the changes, "
        "then record the new sha256 here)"
    )


def _inline_scripts(template: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", (MATERIAL_TEMPLATES / template).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "template, moved_to",
    [
        ("partials/javascripts/palette.html", ["base.js"]),  # run from the head once the switch is parsed
        ("partials/javascripts/content.html", ["content-tabs.js", "content-target.js"]),
    ],
)
def test_moved_scripts_are_material_code_unchanged(template, moved_to):
    upstream = _inline_scripts(template)
    assert len(upstream) == len(moved_to)
    for code, file in zip(upstream, moved_to, strict=True):
        assert code in (MOVED_SCRIPTS / file).read_text(encoding="utf-8"), file


def test_moved_base_script_differs_from_material_only_in_where_the_scope_comes_from():
    [upstream] = _inline_scripts("partials/javascripts/base.html")
    template_scope = '"{{ config.extra.scope | d(base_url) }}"'
    assert template_scope in upstream
    expected = upstream.replace(template_scope, "document.currentScript.dataset.mdScope")
    assert expected in (MOVED_SCRIPTS / "base.js").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "extensions, features, expected",
    [
        (["toc", "pymdownx.superfences"], ["content.tabs.link"], []),
        (["pymdownx.tabbed"], [], ["content-target.js"]),
        (["pymdownx.tabbed"], ["content.tabs.link"], ["content-tabs.js", "content-target.js"]),
    ],
)
def test_tabbed_content_scripts_load_only_where_tabs_can_be(extensions, features, expected):
    """Material's code for tabbed content (moved to content-tabs.js and content-target.js) acts on
    pymdownx.tabbed's radio inputs only: a site with the extension loads it, one without saves the
    requests. (The shipped site has no tabs: test_published_assets.py checks what its pages load.)"""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(PROJECT / "overrides"))
    environment.filters["url"] = lambda path: path
    html = environment.get_template("partials/javascripts/content.html").render(config={"markdown_extensions": extensions}, features=features)
    assert re.findall(r'<script src="assets/javascripts/material-csp/([^"]+)" defer></script>', html) == expected
