"""YAML in, Markdown/HTML out: the renderer on the small fixture guide."""

import json
import re
import shutil
from html import unescape
from pathlib import Path

import markdown
import pytest

from conftest import MINI_GUIDE, PROJECT
from guidekit.site.build import prepare_build
from guidekit.model.markup import escape_markdown, plain_summary, render_markdown
from guidekit.render.pages import listing


def copy_mini_guide(root) -> Path:
    """The fixture guide and the templates in a project folder; the guide's folder."""
    shutil.copytree(PROJECT / "overrides", root / "overrides")
    return Path(shutil.copytree(MINI_GUIDE, root / "content_data" / MINI_GUIDE.name))


def rendered_pages(root) -> dict[str, str]:
    return {page.src_uri: page.markdown for page in prepare_build(root).pages}


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("render")
    copy_mini_guide(root)
    return rendered_pages(root)


def test_one_page_per_part_of_the_guide(pages):
    assert sorted(pages) == sorted(
        f"team-chat-tools/{name}.md"
        for name in [
            "index",
            "comparison",
            "options/email",
            "options/chat",
            "considerations",
            "checklist",
            "how-it-decides",
            "glossary",
            "sources",
            "print",
            "changes",
            "tables/where-it-runs",
            "embed/comparison",
            "embed/options/email",
            "embed/options/chat",
            "embed/checklist",
            "embed/tables/where-it-runs",
        ]
    )


def test_each_page_names_the_yaml_file_an_editor_changes_to_change_it(tmp_path):
    copy_mini_guide(tmp_path)
    sources = {page.src_uri.removeprefix("team-chat-tools/"): page.source_file for page in prepare_build(tmp_path).pages}
    folder = "content_data/team-chat-tools/"
    assert sources["options/chat.md"] == sources["embed/options/chat.md"] == folder + "options/chat.yml"
    assert sources["comparison.md"] == sources["embed/comparison.md"] == folder + "comparison.yml"
    assert sources["how-it-decides.md"] == sources["checklist.md"] == folder + "checklist.yml"
    assert sources["tables/where-it-runs.md"] == folder + "tables.yml"
    assert sources["index.md"] == sources["changes.md"] == folder + "guide.yml"
    assert all((tmp_path / source).is_file() for source in sources.values())


def test_front_matter_carries_escaped_title_and_description(pages):
    assert pages["team-chat-tools/options/email.md"].startswith('---\n{\n "title": "Email",\n "description": "Slow, searchable, and good for records.",\n')


def test_every_page_has_a_description_of_its_own_drawn_from_its_content(pages):
    descriptions = {uri: json.loads(markdown.split("---\n")[1])["description"] for uri, markdown in pages.items()}
    assert descriptions["team-chat-tools/comparison.md"] == "How the two compare."  # comparison.yml's introduction
    assert descriptions["team-chat-tools/considerations.md"] == "Points that apply to both."
    assert descriptions["team-chat-tools/glossary.md"] == "Glossary: inbox"
    assert descriptions["team-chat-tools/sources.md"] == "Sources: The Team Handbook, Reply-time survey, Chat tools now run in the browser"
    full_pages = [uri for uri in descriptions if "/embed/" not in uri]
    assert len({descriptions[uri] for uri in full_pages}) == len(full_pages)
    assert descriptions["team-chat-tools/embed/comparison.md"] == descriptions["team-chat-tools/comparison.md"]


def test_descriptions_are_plain_whole_sentences_or_cut_at_a_word():
    text = "Use **one** [use case](https://example.com) at a time. Then <b>compare</b>. " + "Very long sentence " * 20
    assert plain_summary(text) == "Use one use case at a time. Then <b>compare</b>."  # HTML is escaped in the front matter
    cut = plain_summary("word " * 100)
    assert len(cut) <= 160 and cut.endswith("word…")
    assert listing("Glossary", ["alpha", "beta"]) == "Glossary: alpha, beta"
    assert listing("Sources", ["x" * 100, "y" * 100]) == "Sources: " + "x" * 100 + ", …"


def test_comparison_is_an_accessible_table(pages):
    page = pages["team-chat-tools/comparison.md"]
    assert '<caption id="gk-comparison-caption">How the options compare, aspect by aspect</caption>' in page
    assert '<tr><th scope="col">Aspect</th><th scope="col">Email</th><th scope="col">Chat</th></tr>' in page
    assert '<th scope="row"><a href="#aspect-speed">Speed</a></th>' in page
    # Each rating also names its option: shown (and read out) where the table is laid out as cards.
    assert (
        '<td><span class="gk-option-name">Email</span><strong class="gk-rating">Slow</strong>\n<div class="gk-prose">\n<p>Hours to days.</p>\n</div>\n</td>'
    ) in page
    assert "### Speed { #aspect-speed }" in page


def test_items_have_stable_anchors_and_numbered_citations(pages):
    page = pages["team-chat-tools/options/email.md"]
    assert "### Leaves a record { #email-pro-record }" in page
    assert 'Sources: [\\[1\\]](../sources.md#src-handbook){ data-gk-source-title="The Team Handbook" }\n{ .gk-cite }' in page
    assert 'Sources: [\\[2\\]](../sources.md#src-survey){ data-gk-source-title="Reply-time survey" } · as of 1 Oct 2026' in page


def test_a_source_name_with_quotes_and_braces_reaches_its_links_whole(tmp_path):
    """Markdown's attribute list ends a value at a quote and the list at a brace; the name must
    still reach the link as written."""
    name = 'The "Brace {} Survey" & <more>'
    sources = copy_mini_guide(tmp_path) / "sources.yml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("title: Reply-time survey", f"title: '{name}'"), encoding="utf-8")
    page = rendered_pages(tmp_path)["team-chat-tools/options/email.md"]
    html = markdown.markdown(page, extensions=["attr_list", "md_in_html"])
    names = re.findall(r'<a data-gk-source-title="([^"]*)" href="../sources.md#src-survey">', html)
    assert names and {unescape(value) for value in names} == {name}


def test_sources_page_links_back_to_every_citation(pages):
    page = pages["team-chat-tools/sources.md"]
    assert '1. <span id="src-handbook"></span>**The Team Handbook**. Example Press. <https://example.com/handbook>' in page
    assert "[Email › Slow replies](options/email.md#email-con-slow)" in page
    assert "[Comparison › Speed › Chat](comparison.md#aspect-speed)" in page


def test_glossary_terms_become_tooltips_in_rich_text(pages):
    assert '<abbr title="The folder where new email arrives.">inbox</abbr>' in pages["team-chat-tools/options/email.md"]


def test_hybrids_and_outcomes_are_rendered(pages):
    assert "### Email \\+ chat { #hybrid-email-chat }" in pages["team-chat-tools/index.md"]
    checklist = pages["team-chat-tools/checklist.md"]
    assert '<h3 id="statement-need-record">We must keep a record of decisions.</h3>' in checklist
    assert "### Email \\+ chat { #outcome-email-chat }" in checklist


@pytest.mark.parametrize(
    "text, html",
    [
        ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"),
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("[x](javascript:alert(1))", '<p><a rel="noopener noreferrer">x</a></p>'),
        ("{{ 7*7 }} {% raw %}", "<p>{{ 7*7 }} {% raw %}</p>"),
        ("**bold** and [a link](https://example.com)", '<p><strong>bold</strong> and <a href="https://example.com" rel="noopener noreferrer">a link</a></p>'),
        ("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>"),
    ],
)
def test_editor_markdown_is_sanitized(text, html):
    assert render_markdown(text) == html


def test_plain_text_cannot_inject_markdown_attributes_or_html():
    assert escape_markdown("Title { onclick=alert(1) } <b>") == "Title \\{ onclick=alert\\(1\\) \\} &lt;b&gt;"


def test_apostrophes_stay_readable_in_headings_and_contents():
    assert escape_markdown("vendors' minimum") == "vendors' minimum"
