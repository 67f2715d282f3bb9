"""Full builds in a temporary folder, asserting on the HTML and the search index."""

import json
import re
import shutil
from html.parser import HTMLParser

from conftest import FEATURE_GUIDE, PROJECT
from guidekit.render.schema import render_schemas


def test_a_guide_builds_every_page(built_site):
    guide = built_site / "fine-tuning-vs-prompting"
    for page in [
        "index.html",
        "comparison/index.html",
        "options/fine-tuning/index.html",
        "options/prompting/index.html",
        "options/rag/index.html",
        "considerations/index.html",
        "checklist/index.html",
        "glossary/index.html",
        "sources/index.html",
    ]:
        assert (guide / page).is_file(), page
    assert (built_site / "index.html").is_file()


def test_no_page_shows_markdown_attribute_lists_as_text(content_site):
    """A template line that loses its line break (Jinja trims the one after a block tag) turns
    `{ .class }` into visible text; code samples may show the syntax on purpose."""
    leftover = re.compile(r"\{\s*[.#][\w-]+[^}]*\}")
    for page in content_site.rglob("*.html"):
        text = re.sub(r"<(code|pre|script)\b.*?</\1>", "", page.read_text(), flags=re.S)
        assert not leftover.search(text), f"{page.relative_to(content_site)}: {leftover.search(text).group()}"


def test_glossary_terms_are_tooltips_on_hand_written_pages_too(built_site):
    """Rich text from YAML gets its tooltips when rendered; everything else, hand-written pages
    included, gets them from the glossary hook (hooks/glossary.py)."""
    hand_written = [path.relative_to(PROJECT / "docs").with_suffix("").as_posix() for path in (PROJECT / "docs").rglob("*.md")]
    with_tooltips = [uri for uri in hand_written if "<abbr title=" in (built_site / re.sub(r"(^|/)index$", "", uri) / "index.html").read_text()]
    assert with_tooltips, hand_written


def test_generated_pages_are_in_the_search_index(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert "fine-tuning-vs-prompting/comparison/#aspect-cost" in locations
    assert "fine-tuning-vs-prompting/options/fine-tuning/#pros" in locations


MINI = "content_data/team-chat-tools"


def snapshot(folder):
    return {path.relative_to(folder): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_home_page_lists_the_guides_and_nav_has_a_section_per_guide(mini_project):
    result = mini_project.build()
    assert result.returncode == 0, result.output
    home = result.page("index.html")
    assert '<a href="team-chat-tools/">Email vs. Chat: A Small Test Guide</a>' in home
    assert "A deliberately small guide used by the test suite" in home
    assert "Email vs. chat" in home  # the guide's tab / section title


def test_broken_yaml_gives_one_line_per_problem_and_leaves_site_untouched(mini_project):
    assert mini_project.build().returncode == 0
    before = snapshot(mini_project.root / "site")
    mini_project.edit(f"{MINI}/options/chat.yml", "tagline:", "taglin:")
    mini_project.edit(f"{MINI}/sources.yml", "id: handbook", "id: handbook\n    id: again")
    result = mini_project.build()
    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert f"{MINI}/options/chat.yml:3:1: taglin: unknown field 'taglin' (did you mean 'tagline'?)" in result.output
    assert f"{MINI}/sources.yml:3:5: sources[1].id: duplicate key 'id' (first defined on line 2)" in result.output
    assert "The content has 2 errors to fix" in result.output
    assert snapshot(mini_project.root / "site") == before


def test_changing_a_sentence_changes_the_page_and_the_search_index(mini_project):
    mini_project.edit(f"{MINI}/options/email.yml", "Every message is kept", "Every quokkapine message is kept")
    result = mini_project.build()
    assert result.returncode == 0, result.output
    assert "Every quokkapine message is kept" in result.page("team-chat-tools/options/email/index.html")
    index = json.loads(result.page("search/search_index.json"))
    hits = [doc["location"] for doc in index["docs"] if "quokkapine" in doc["text"]]
    assert hits == ["team-chat-tools/options/email/#email-pro-record"]


def test_markers_place_data_blocks_and_unknown_markers_fail(mini_project):
    mini_project.write("docs/notes.md", "# Notes\n\n<!-- guidekit:pros team-chat-tools email -->\n\n<!-- guidekit:comparison team-chat-tools -->\n")
    result = mini_project.build()
    assert result.returncode == 0, result.output
    notes = result.page("notes/index.html")
    assert 'href="../team-chat-tools/options/email/#email-pro-record"' in notes
    assert '<table class="gk-comparison">' in notes
    mini_project.write("docs/notes.md", "# Notes\n\ntext\n\n<!-- guidekit:prose team-chat-tools email -->\n")
    result = mini_project.build()
    assert result.returncode == 1
    assert "docs/notes.md:5: unknown marker 'guidekit:prose' (did you mean 'pros'?)" in result.output


PAYLOAD = "<img src=x onerror=alert(1)>"


class _ActiveContent(HTMLParser):
    """Elements that could run code: event-handler attributes, img/iframe/object, javascript: links."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in {"img", "iframe", "object", "embed"}:
            self.found.append(tag)
        for name, value in attrs:
            url = (value or "").strip().lower()
            # The theme's own search-share button is `href="javascript:void(0)"`, driven by its script.
            if name.startswith("on") or (url.startswith("javascript:") and url != "javascript:void(0)"):
                self.found.append(f"{tag}[{name}]")


def active_content(html):
    parser = _ActiveContent()
    parser.feed(html)
    return parser.found


def test_injection_payloads_in_every_kind_of_field_show_as_text(mini_project):
    replacements = {
        "guide.yml": [
            ('title: "Email vs. Chat: A Small Test Guide"', f'title: "{PAYLOAD}"'),
            ("short_title: Email vs. chat", f'short_title: "{PAYLOAD} {{ onclick=alert(1) }}"'),
        ],
        "options/email.yml": [
            ("name: Email", f'name: "{PAYLOAD}"'),
            ("title: Leaves a record", f'title: "{PAYLOAD}"'),
            ("body: Every message", f'body: "{PAYLOAD} {{{{ 7*7 }}}}" #'),
        ],
        "comparison.yml": [("rating: Slow", 'rating: "<svg onload=alert(1)>"')],
        "sources.yml": [("title: The Team Handbook", f'title: "\\" {PAYLOAD}"')],
        "glossary.yml": [("definition: The folder where new email arrives.", f'definition: "\\" onmouseover=alert(1) {PAYLOAD}"')],
        "checklist.yml": [("text: We must keep a record of decisions.", f'text: "{PAYLOAD}"')],
    }
    for name, pairs in replacements.items():
        for old, new in pairs:
            mini_project.edit(f"{MINI}/{name}", old, new)
    result = mini_project.build()
    assert result.returncode == 0, result.output
    for page in sorted((mini_project.root / "site").rglob("*.html")):
        assert active_content(page.read_text()) == [], page
    email = (mini_project.root / "site/team-chat-tools/options/email/index.html").read_text()
    assert "&lt;img src=x onerror=alert(1)&gt;" in email
    assert "{{ 7*7 }}" in email


def test_committed_schemas_are_up_to_date():
    for name, text in render_schemas().items():
        committed = PROJECT / "content_data" / "schema" / name
        assert committed.read_text() == text, f"{name} is stale: run `python -m guidekit schema`"


def test_the_template_names_each_files_schema_and_no_content_file_names_another():
    """Editors get completion from the schema a file's first line names: every file of the
    template names its own (a new guide starts with them), and a file that names one names its own.
    A file without the line is valid content (a team may have written its guide without it)."""
    template = PROJECT / "content_data" / "_template"
    for path in sorted((PROJECT / "content_data").rglob("*.yml")):
        first = path.read_text().splitlines()[0]
        kind = "option" if path.parent.name == "options" else path.stem
        if template in path.parents or "yaml-language-server" in first:
            assert re.fullmatch(rf"# yaml-language-server: \$schema=(\.\./)+schema/{kind}\.schema\.json", first), path


def test_two_guides_side_by_side_each_get_pages_nav_and_a_home_entry(tmp_path):
    from conftest import MINI_GUIDE, copy_project

    project = copy_project(tmp_path / "two", guides=[FEATURE_GUIDE, MINI_GUIDE])
    result = project.build()
    assert result.returncode == 0, result.output
    home = result.page("index.html")
    assert 'href="fine-tuning-vs-prompting/"' in home and 'href="team-chat-tools/"' in home
    nav_labels = re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', home)
    assert "Fine-tuning vs. prompting" in nav_labels and "Email vs. chat" in nav_labels
    assert (result.site / "team-chat-tools" / "options" / "chat" / "index.html").is_file()


def test_with_many_guides_a_page_lists_only_its_own_guide(tmp_path):
    """Beyond MAX_GUIDES_ON_EVERY_PAGE guides, navigation on every page would grow with the
    number of guides (and the build with its square): each page lists its own guide only."""
    from urllib.parse import urljoin

    from conftest import MINI_GUIDE, copy_project

    project = copy_project(tmp_path / "many", guides=[])
    for index in range(13):
        shutil.copytree(MINI_GUIDE, project.content / f"guide-{index:02d}")
    result = project.build()
    assert result.returncode == 0, result.output

    def guides_linked(path: str) -> set[str]:
        hrefs = re.findall(r'href="([^"#]*)', result.page(path))
        folders = {urljoin(f"http://site/{path}", href).split("/")[3] for href in hrefs if not href.startswith(("http", "mailto"))}
        return {folder for folder in folders if folder.startswith("guide-") and not folder.endswith(".xml")}  # not its feed

    assert guides_linked("guide-03/comparison/index.html") == {"guide-03"}
    assert guides_linked("index.html") == {f"guide-{index:02d}" for index in range(13)}  # the home page lists them all
