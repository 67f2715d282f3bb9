"""Embed pages and their "Embed this" snippets: YAML in, Markdown out, then one full build."""

import html
import json
import re
import shutil

import pytest

from conftest import MINI_GUIDE, PROJECT
from guidekit.render.address import SiteAddress
from guidekit.site.build import prepare_build
from guidekit.site.embed_links import open_links_outside

GUIDE = "team-chat-tools"


def render(tmp_path, address: SiteAddress) -> dict:
    shutil.copytree(MINI_GUIDE, tmp_path / "content_data" / GUIDE)
    shutil.copytree(PROJECT / "overrides", tmp_path / "overrides")
    return {page.src_uri: page for page in prepare_build(tmp_path, address).pages}


@pytest.fixture
def pages(tmp_path):
    return render(tmp_path, SiteAddress("https://intranet.example.org/guides/", directory_urls=True))


def front_matter(markdown: str) -> dict:
    return json.loads(markdown.split("---\n")[1])


def test_each_component_has_an_embed_page_outside_navigation_and_search(pages):
    embeds = {uri: page for uri, page in pages.items() if "/embed/" in uri}
    assert sorted(embeds) == [
        f"{GUIDE}/embed/checklist.md",
        f"{GUIDE}/embed/comparison.md",
        f"{GUIDE}/embed/options/chat.md",
        f"{GUIDE}/embed/options/email.md",
        f"{GUIDE}/embed/tables/where-it-runs.md",
    ]
    for uri, page in embeds.items():
        meta = front_matter(page.markdown)
        assert meta["template"] == "embed.html"
        assert meta["search"] == {"exclude": True}
        assert meta["canonical_page"] == uri.replace("embed/", "")
        assert page.in_nav is False
    assert all(page.in_nav for uri, page in pages.items() if "/embed/" not in uri)


def test_embed_pages_show_only_their_component(pages):
    option = pages[f"{GUIDE}/embed/options/email.md"].markdown
    assert "## Pros { #pros }" in option and "## Cons { #cons }" in option
    assert "### Leaves a record { #email-pro-record }" in option
    assert "#when-to-choose" not in option and "#definition" not in option
    comparison = pages[f"{GUIDE}/embed/comparison.md"].markdown
    assert '<table class="gk-comparison">' in comparison
    assert "#aspect-speed" not in comparison  # the aspect details stay on the full page
    for page in [option, comparison, pages[f"{GUIDE}/embed/checklist.md"].markdown]:
        assert "Embed this" not in page
    assert "[Open in the full guide: Email vs\\. chat](../../options/email.md)" in option


def test_full_component_pages_offer_the_snippet_built_from_site_url(pages):
    page = pages[f"{GUIDE}/options/email.md"].markdown
    assert '??? example "Embed this"' in page
    assert (
        '    <iframe src="https://intranet.example.org/guides/team-chat-tools/embed/options/email/"\n'
        '            title="Email: Pros / Cons – Email vs. chat"\n'
        '            width="100%" height="640" loading="lazy" data-guidekit-embed></iframe>\n'
        '    <script src="https://intranet.example.org/guides/assets/javascripts/embed-host.js" defer></script>'
    ) in page
    assert "style=" not in page
    assert 'embed/comparison/"' in pages[f"{GUIDE}/comparison.md"].markdown
    assert 'embed/checklist/"' in pages[f"{GUIDE}/checklist.md"].markdown
    assert "Embed this" not in pages[f"{GUIDE}/considerations.md"].markdown


def test_snippet_follows_the_url_style(tmp_path):
    pages = render(tmp_path, SiteAddress("https://intranet.example.org/", directory_urls=False))
    assert 'src="https://intranet.example.org/team-chat-tools/embed/comparison.html"' in pages[f"{GUIDE}/comparison.md"].markdown


def test_no_snippet_in_a_copy_read_from_disk(tmp_path):
    pages = render(tmp_path, SiteAddress("https://intranet.example.org/", directory_urls=False, from_disk=True))
    assert not [uri for uri, page in pages.items() if "Embed this" in page.markdown]


def test_snippet_says_when_site_url_is_missing(tmp_path):
    page = render(tmp_path, SiteAddress(None))[f"{GUIDE}/comparison.md"].markdown
    assert "**`site_url` is not set in mkdocs.yml**" in page
    assert '<iframe src="SITE_URL/team-chat-tools/embed/comparison/"' in page


def test_snippet_escapes_the_title_for_html(tmp_path):
    shutil.copytree(MINI_GUIDE, tmp_path / "content_data" / GUIDE)
    guide_yml = tmp_path / "content_data" / GUIDE / "guide.yml"
    guide_yml.write_text(guide_yml.read_text().replace("short_title: Email vs. chat", 'short_title: Chat "&" <mail>'))
    shutil.copytree(PROJECT / "overrides", tmp_path / "overrides")
    page = next(p for p in prepare_build(tmp_path, SiteAddress("https://x.example/")).pages if p.src_uri == f"{GUIDE}/comparison.md")
    assert 'title="Comparison – Chat &#34;&amp;&#34; &lt;mail&gt;"' in page.markdown


@pytest.mark.parametrize("directory_urls", [True, False])
def test_site_paths_match_the_files_mkdocs_writes(mini_project, directory_urls):
    if not directory_urls:
        mini_project.edit("mkdocs.yml", "strict: true", "strict: true\nuse_directory_urls: false")
    result = mini_project.build()
    assert result.returncode == 0, result.output
    address = SiteAddress(None, directory_urls)
    for page in prepare_build(mini_project.root).pages:
        path = address.path(page.src_uri)
        assert (result.site / (path + "index.html" if path.endswith("/") or not path else path)).is_file(), path


def test_embed_page_is_chrome_less_with_canonical_full_page(mini_project):
    result = mini_project.build()
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output
    page = result.page(f"{GUIDE}/embed/options/email/index.html")
    for chrome in ['class="md-header', 'class="md-tabs', 'class="md-nav', 'data-md-component="search"', 'class="md-footer']:
        assert chrome not in page, chrome
    assert '<link rel="canonical" href="http://127.0.0.1:8000/team-chat-tools/options/email/">' in page
    locations = re.findall(r"<loc>(.*?)</loc>", (result.site / "sitemap.xml").read_text())
    assert len(locations) == len(set(locations))
    links = re.findall(r"<a\s[^>]*>", page)
    leaving = [link for link in links if 'href="#' not in link]
    assert leaving and all('target="_blank" rel="noopener"' in link for link in leaving), leaving  # also without JavaScript
    assert all("target=" not in link for link in links if 'href="#' in link)  # in-page links stay in the frame
    assert 'src="../../../../assets/javascripts/embed.js"' in page
    assert 'href="../../../../assets/stylesheets/site.css"' in page
    index = json.loads((result.site / "search" / "search_index.json").read_text())
    assert not [doc["location"] for doc in index["docs"] if "/embed/" in doc["location"]]
    navigation = result.page(f"{GUIDE}/options/email/index.html")
    assert "/embed/" not in navigation.split('class="md-content"')[0]
    snippet = html.unescape(re.sub(r"<[^>]+>", "", navigation.split("Embed this</summary>")[1].split("</code>")[0]))
    assert 'src="http://127.0.0.1:8000/team-chat-tools/embed/options/email/"' in snippet


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ('<p><a href="../comparison/">Full guide</a></p>', '<p><a href="../comparison/" target="_blank" rel="noopener">Full guide</a></p>'),
        (
            '<a class="x"\n   href="https://example.org/?a=1&amp;b=2"\n>Out</a>',
            '<a class="x"\n   href="https://example.org/?a=1&amp;b=2"\n target="_blank" rel="noopener">Out</a>',
        ),
        ('<a href="/x/"/>', '<a href="/x/" target="_blank" rel="noopener"/>'),
        ('<h2 id="why">Why<a class="headerlink" href="#why">¶</a></h2>', None),  # in the page: stays in the frame
        ('<a href="../x/" target="_self">Kept</a><a name="old">Not a link</a>', None),  # a target of its own is kept
        (
            '<p title="a > b">“Quotes”\u2028→ arrows</p>\r\n<a href="x/">X</a>',
            '<p title="a > b">“Quotes”\u2028→ arrows</p>\r\n<a href="x/" target="_blank" rel="noopener">X</a>',
        ),
    ],
)
def test_links_that_leave_an_embed_page_open_in_a_new_tab(page, expected):
    assert open_links_outside(page) == (expected or page)
