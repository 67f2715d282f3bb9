"""What a reader meets, on every guide in content_data/ and on a fixture guide with five options:
the comparison whole at 1280 and 390 px, the checklist's status covering no control (1280 and
320 px), the picture of the decision on each overview, the whole guide on one page to print, and
the home page's cards. The site is built once and served with the strict CSP."""

from __future__ import annotations

import re
import shutil
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from accessibility_checks import undrawn
from browser_checks import STRICT_POLICY, browser_page, wait_until
from conftest import FIXTURES, PROJECT, copy_project, serve_folder
from guidekit.render.blocks import BlockRenderer
from guidekit.site.build import TEMPLATES_FOLDER
from guidekit.load.guide_folder import CONTENT_FOLDER, guide_folders
from guidekit.model.guide import Guide
from guidekit.site.guides import load_site
from guidekit.render.pages import make_environment

FIVE_OPTIONS = FIXTURES / "content" / "five-meeting-formats"
GUIDE_FOLDERS = [*guide_folders(PROJECT / CONTENT_FOLDER), FIVE_OPTIONS]


@pytest.fixture(scope="module")
def guides(reader_site) -> list[Guide]:
    site = load_site(reader_site[2] / CONTENT_FOLDER, reader_site[2], drafts=False)  # what the build publishes
    assert FIVE_OPTIONS.name in {guide.id for guide in site.guides}
    return site.guides


@pytest.fixture(scope="module")
def reader_site(tmp_path_factory):
    """(base URL, built site, project): the shipped guides and the five-option fixture, served
    with the strict CSP, site_url set to the server's address (for instant navigation)."""
    project = copy_project(tmp_path_factory.mktemp("reader") / "project", guides=GUIDE_FOLDERS)
    (project.root / "site").mkdir()
    url, server = serve_folder(project.root / "site", headers={"Content-Security-Policy": STRICT_POLICY})
    project.set_site_url(url)
    result = project.build()
    assert result.returncode == 0, result.output
    yield url, result.site, project.root
    server.shutdown()


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


class _Headings(HTMLParser):
    """The text of a page's headings of one level inside the article, in order."""

    def __init__(self, level: str):
        super().__init__()
        self.level, self.found, self._inside = level, [], False

    def handle_starttag(self, tag, attrs):
        if tag == self.level:
            self._inside = True
            self.found.append("")

    def handle_endtag(self, tag):
        if tag == self.level:
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.found[-1] += data


def headings(html: str, level: str) -> list[str]:
    article = html[html.index('<article class="md-content__inner') : html.index("</article>")]
    parser = _Headings(level)
    parser.feed(article)
    return [re.sub(r"\s+", " ", text).strip().removesuffix("¶").strip() for text in parser.found]  # ¶: permalink


# ---- Built pages, without a browser ---------------------------------------------------------


def test_every_overview_shows_the_picture_with_a_text_alternative(reader_site, guides):
    _, site, _ = reader_site
    for guide in guides:
        html = _page(site, guide.id)
        svg = re.search(r'<svg class="gk-picture"[^>]*>.*?</svg>', html, re.S)
        assert svg, guide.id
        tag = svg.group(0)[: svg.group(0).index(">")]
        assert 'role="img"' in tag and 'aria-labelledby="gk-picture-title gk-picture-desc"' in tag
        title = re.search(r'<title id="gk-picture-title">(.+?)</title>', svg.group(0)).group(1)
        desc = re.search(r'<desc id="gk-picture-desc">(.+?)</desc>', svg.group(0), re.S).group(1)
        assert title == guide.meta.labels.picture
        for option in guide.options:  # the text alternative names every option, and so does the picture
            assert f"{option.name}: " in desc.replace("&amp;", "&")
            assert option.name.split()[0] in svg.group(0)
        # Drawn in the page's colours (currentColor, CSS), never in a style attribute (strict CSP).
        assert 'fill="currentColor"' in tag and "style=" not in svg.group(0)


def test_picture_marks_grow_with_the_points_a_yes_adds(reader_site, guides):
    _, site, _ = reader_site
    guide = next(guide for guide in guides if guide.id == FIVE_OPTIONS.name)
    svg = re.search(r'<svg class="gk-picture".*?</svg>', _page(site, guide.id), re.S).group(0)
    # The fixture: one statement per option, favouring it with 3 points; one topic.
    assert len(re.findall(r'<circle class="gk-picture__mark"', svg)) == len(guide.options)
    assert re.findall(r'text-anchor="start">(\d+)</text>', svg) == ["3"] * len(guide.options)


def test_print_page_has_every_section_in_order_and_the_sources_last(reader_site, guides):
    _, site, _ = reader_site
    for guide in guides:
        labels = guide.meta.labels
        html = _page(site, f"{guide.id}/print")
        assert headings(html, "h1") == [guide.meta.title]
        assert headings(html, "h2") == [
            labels.the_options,
            *([labels.hybrids] if guide.meta.hybrids else []),
            labels.conclusion,
            labels.comparison,
            *(option.name for option in guide.options),
            *(table.title for table in guide.tables),
            labels.considerations,
            labels.checklist,
            labels.glossary,
            labels.sources,
        ]
        sources_at = html.rindex("<h2")
        for source in guide.sources:  # every source listed after the last heading
            assert html.index(escape(source.url), sources_at) > sources_at
        text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html)))
        for words in [
            *(item.title for item in guide.considerations.items),
            *(statement.text for group in guide.checklist.groups for statement in group.statements),
        ]:
            assert words in text, f"{guide.id}: {words!r} missing"
        overview = _page(site, guide.id)
        assert 'href="print/"' in overview  # linked from the overview


def test_home_page_has_a_card_per_guide_linking_to_its_checklist_and_comparison(reader_site, guides):
    _, site, _ = reader_site
    home = (site / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'<li class="gk-card">(.*?)</li>\s*(?=<li class="gk-card">|</ul>)', home, re.S)
    assert len(cards) == len(guides)
    for guide, card in zip(guides, cards, strict=True):
        assert f'href="{guide.id}/"' in card and guide.meta.title in card
        assert f'href="{guide.id}/checklist/"' in card and f'href="{guide.id}/comparison/"' in card
        updated = guide.last_updated or guide.meta.last_reviewed  # the latest change, else the last review
        assert f"{updated.day} {updated:%b %Y}" in card
        if guide.meta.audience:
            assert guide.meta.audience in card


# Each card's links as a keyboard meets them: shown, in document order.
CARD_LINKS = """() => [...document.querySelectorAll('.gk-card')].map((card) =>
  [...card.querySelectorAll('a')].filter((link) => link.checkVisibility()).map((link) => link.getAttribute('href')))"""


def test_each_home_page_card_offers_three_links_and_no_permalink(page, reader_site, guides):
    """The guide, its checklist, its comparison: a Tab stop each, nothing more (the theme's heading permalink is hidden)."""
    url, _, _ = reader_site
    page.goto(url)
    assert page.evaluate(CARD_LINKS) == [[f"{url}{guide.id}/", f"{url}{guide.id}/checklist/", f"{url}{guide.id}/comparison/"] for guide in guides]


def test_home_page_block_lists_fifty_guides_as_fifty_cards(tmp_path):
    """The home page's cards for a large site, rendered without a build: one card each, in order."""
    for index in range(50):
        shutil.copytree(FIVE_OPTIONS, tmp_path / CONTENT_FOLDER / f"guide-{index:02d}")
    site = load_site(tmp_path / CONTENT_FOLDER, tmp_path)
    blocks = BlockRenderer(site, make_environment(PROJECT / TEMPLATES_FOLDER))
    markdown = blocks.render("guides", [], "index.md")
    assert markdown.count('<li class="gk-card"') == 50
    assert [match for match in re.findall(r"\]\((guide-\d\d)/checklist\.md\)", markdown)] == [f"guide-{i:02d}" for i in range(50)]


# ---- In the browser -------------------------------------------------------------------------

OVERFLOW = """() => ({
  page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  table: Math.max(...[...document.querySelectorAll('.gk-table')].map(frame => frame.scrollWidth - frame.clientWidth)),
})"""

# Every rating cell and how the reader knows its option: the cell must lie inside the window, and
# either its column heading or the option's name in the cell must be shown, inside the window.
RATINGS_SEEN = """(width) => {
  const inside = (element) => { const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.left >= 0 && box.right <= width; };
  const table = document.querySelector('.gk-comparison');
  const heads = [...table.querySelectorAll('thead th')].slice(1);
  return [...table.querySelectorAll('tbody tr')].map(row => [...row.querySelectorAll('td')].map((cell, index) =>
    inside(cell) && (inside(heads[index]) || inside(cell.querySelector('.gk-option-name')))));
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_comparison_fits_without_sideways_scrolling(page, reader_site, guides, width):
    url, _, _ = reader_site
    page.set_viewport_size({"width": width, "height": 900})
    for guide in guides:
        page.goto(f"{url}{guide.id}/comparison/")
        assert page.evaluate(OVERFLOW) == {"page": 0, "table": 0}, guide.id
        seen = page.evaluate(RATINGS_SEEN, width)
        assert seen == [[True] * len(guide.options)] * len(guide.comparison.aspects), guide.id


CONTROLS = ".gk-form .gk-answer, .gk-form button, .gk-examples summary"


def _covered_controls(page, selector: str = CONTROLS) -> list[str]:
    """The controls in the window that the status box hides, even in part: checked at each
    control's centre and corners with elementFromPoint."""
    return page.evaluate(
        """(selector) => {
      const status = document.querySelector('.gk-status');
      const covered = [];
      for (const control of document.querySelectorAll(selector)) {
        const box = control.getBoundingClientRect();
        if (box.bottom <= 0 || box.top >= innerHeight || box.height === 0) continue;
        const points = [[box.left + box.width / 2, box.top + box.height / 2], [box.left + 2, box.top + 2],
                        [box.right - 2, box.top + 2], [box.left + 2, box.bottom - 2], [box.right - 2, box.bottom - 2]];
        const top = Math.max(box.top, 0) + 2, bottom = Math.min(box.bottom, innerHeight) - 2;
        if (points.some(([x, y]) => y >= top && y <= bottom && status.contains(document.elementFromPoint(x, y))))
          covered.push(control.textContent.trim());
      }
      return covered;
    }""",
        selector,
    )


@pytest.mark.parametrize("width", [1280, 320])
def test_checklist_status_covers_no_control_on_load_or_while_answering(page, reader_site, guides, width):
    url, _, _ = reader_site
    page.set_viewport_size({"width": width, "height": 640})
    for guide in guides:
        page.goto(f"{url}{guide.id}/checklist/")
        page.locator(".gk-status").wait_for()
        assert _covered_controls(page) == [], f"{guide.id} on load"
        statements = [s.id for group in guide.checklist.groups for s in group.statements]
        for statement_id in statements:
            # A reader scrolling down brings the next question in at the bottom of the window; what
            # slides under the status at the top is what they have scrolled past.
            answers = f'[data-gk-statement="{statement_id}"] .gk-answer'
            page.locator(answers).last.evaluate("element => element.scrollIntoView({block: 'end'})")
            assert _covered_controls(page, answers) == [], f"{guide.id}: before answering {statement_id}"
            page.locator(f'input[name="answer-{statement_id}"][value="no"]').click()
            assert _covered_controls(page, answers) == [], f"{guide.id}: after answering {statement_id}"
        # A keyboard reader: whatever Tab reaches in the form stops clear of the status box.
        page.goto(f"{url}{guide.id}/checklist/")
        page.locator(f'input[name="answer-{statements[0]}"]').first.focus()
        reached = set()
        with undrawn(page):
            while True:
                where = page.evaluate(FOCUS_CLEAR_OF_STATUS)
                if where is None:
                    break
                name, clear = where
                assert clear, f"{guide.id}: focus on {name} is under the status box"
                reached.add(name)
                page.keyboard.press("Tab")
        assert {f"answer-{statement_id}" for statement_id in statements} <= reached


# The focused control in the form (outside the status box): its name and whether it is clear of the box.
FOCUS_CLEAR_OF_STATUS = """() => {
  const focused = document.activeElement, status = document.querySelector('.gk-status');
  if (!focused.closest('.gk-form')) return null;
  if (status.contains(focused)) return ['the status link', true];
  const box = (focused.closest('.gk-answer') || focused).getBoundingClientRect(), bar = status.getBoundingClientRect();
  return [focused.name || focused.textContent.trim(), box.top >= bar.bottom || box.bottom <= bar.top];
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_picture_follows_the_colour_scheme(page, reader_site, guides, scheme):
    url, _, _ = reader_site
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{url}{guides[0].id}/")
    colours = page.evaluate("""() => {
      const svg = document.querySelector('.gk-picture');
      return {text: getComputedStyle(svg.querySelector('text')).fill, mark: getComputedStyle(svg.querySelector('.gk-picture__mark')).fill,
              page: getComputedStyle(document.body).backgroundColor, ink: getComputedStyle(document.body).color};
    }""")
    assert colours["text"] == colours["ink"]  # the text colour of the scheme
    assert colours["mark"] not in (colours["page"], "none")


def _page_with_terms_and_source_links(site: Path, guide_id: str) -> str | None:
    """The first page of a guide with both glossary terms and source links, if it has one."""
    for html in sorted((site / guide_id).rglob("index.html")):
        text = html.read_text(encoding="utf-8")
        if "<abbr title=" in text and "data-gk-source-title=" in text and "/embed/" not in html.as_posix():
            return html.parent.relative_to(site).as_posix() + "/"
    return None


def test_source_links_are_named_by_plain_titles_and_glossary_terms_keep_the_theme_tooltip_on_touch(full_chromium, reader_site, guides):
    """The theme makes a tooltip component of every title as a page starts; source links are
    built without one (start-up script), then get their source's name as their title. Glossary
    terms keep the theme's tooltip: on a phone, a tap shows it; a title tooltip never shows on touch."""
    url, site, _ = reader_site
    checked = 0
    # The full browser: the headless shell shows no tooltip on a tap.
    with browser_page(full_chromium, viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True) as page:
        for guide in guides:
            path = _page_with_terms_and_source_links(site, guide.id)
            if path is None:
                continue
            page.goto(url + path)
            wait_until(page, "document.querySelectorAll('a[data-gk-source-title]:not([title])').length === 0")
            assert page.locator("a[data-gk-source-title]").evaluate_all("links => links.every((link) => link.title === link.dataset.gkSourceTitle)"), path
            # The theme's tooltips appear as their host takes focus: none for a source link...
            page.locator("a[data-gk-source-title]").first.focus()
            assert page.locator(".md-tooltip2").count() == 0, path
            # ...and one for a glossary term tapped on a phone, with its definition.
            term = page.locator(".md-content abbr[title]").first
            definition = term.get_attribute("title")
            term.scroll_into_view_if_needed()
            term.tap()
            assert page.locator(".md-tooltip2--active").inner_text() == definition, path
            checked += 1
    assert checked, "no guide has a page with both glossary terms and source links"


# Every change of a stylesheet link's address, in window.gkRestyled: the browser drops the sheet
# and loads it again, so the page shows unstyled meanwhile. The theme's instant navigation makes
# the relative addresses it finds absolute as it starts; start-theme.js swaps the stylesheets for
# copies with absolute addresses first.
WATCH_STYLESHEET_ADDRESSES = """new MutationObserver((changes) => {
  for (const change of changes) {
    if (change.target.matches("link[rel~=stylesheet]")) (window.gkRestyled ||= []).push(change.target.getAttribute("href"));
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["href"] });"""


# When, in ms from the start of the page's navigation, the page first painted text and the
# theme's bundle (Material's; ours come after it) was requested; null for what did not happen.
FIRST_PAINT_AND_THEME_REQUEST = """() => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const bundle = performance.getEntriesByType("resource").find((entry) => /\\/bundle\\.[0-9a-f]+\\.min\\.js$/.test(entry.name));
  return [paint ? paint.startTime : null, bundle ? bundle.startTime : null];
}"""


def test_text_paints_before_the_theme_script_is_requested_and_the_theme_then_starts(browser, reader_site, guides):
    """The theme's scripts start after the page's first paint (start-theme.js), so its text never
    waits for their download or start-up; then the theme runs (it marks the page `js`) and the
    checklist starts after it, its in-page links left relative (the theme makes the links it
    finds absolute, which would drop the answers from the address), and the page keeps its
    styles throughout (a stylesheet whose address the theme changed was dropped and loaded again)."""
    url, _, _ = reader_site
    paths = ["", *(f"{guide.id}/{page}" for guide in guides for page in ("", "checklist/"))]
    with browser_page(browser, viewport={"width": 1280, "height": 800}) as page:
        page.context.add_init_script(WATCH_STYLESHEET_ADDRESSES)
        for path in paths:
            page.goto(url + path)  # returns once the theme has started (conftest)
            assert page.evaluate("window.gkRestyled || []") == [], f"{path or '/'}: stylesheets reloaded as the theme started"
            assert page.evaluate("[...document.querySelectorAll('link[rel~=stylesheet]')].every((link) => link.sheet)"), path
            painted, requested = page.evaluate(FIRST_PAINT_AND_THEME_REQUEST)
            assert painted is not None and requested is not None, f"{path or '/'}: painted at {painted}, bundle requested at {requested}"
            assert requested >= painted, f"{path or '/'}: the bundle was requested at {requested:.0f} ms, before the first paint at {painted:.0f} ms"
            assert page.evaluate("document.documentElement.classList.contains('js')"), path
            if path.endswith("checklist/"):
                page.locator(".gk-status a[href]").first.wait_for()
                assert page.locator(".gk-status a[href]").first.get_attribute("href").startswith("#"), path
