"""Accessibility of every built page: axe-core (WCAG 2.0-2.2 A/AA rules and best practices) in
the light and the dark scheme, narrow screens (320 px, and 640 px = 200% zoom), the keyboard,
and a unique title and meta description per page.

Violations are fixed in overrides/ (templates, guidekit.css, theme-accessibility.js), never by switching
rules off.
"""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser

import pytest
import yaml

from accessibility_checks import FOCUSED, LAYOUT_PROBLEMS, AxeFindings, axe_page, tab_through
from browser_checks import browser_page, wait_until
from conftest import PROJECT, built_pages

SCHEMES = ["light", "dark"]  # the palette follows prefers-color-scheme
DESKTOP = {"width": 1280, "height": 800}
# Tests of states reached by interaction run with reduced motion (guidekit.css then turns
# transitions off), so that they judge what the reader sees once fades and slides are over.
SETTLED = {"reduced_motion": "reduce"}
GUIDE = "fine-tuning-vs-prompting/"


# ---- axe-core on every page ---------------------------------------------------------------


def skip_link_problems(page, path: str) -> list[str]:
    """On a page just loaded, the first Tab reaches the skip link, and after it the next Tab
    lands in the content."""
    if path == "404.html":  # no headings, so the theme gives it no skip link
        return []
    page.keyboard.press("Tab")
    if not page.evaluate("document.activeElement.matches('.md-skip')"):
        return [f"{path or '/'}: the first Tab does not reach the skip link"]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    return [] if page.evaluate(FOCUSED)["inContent"] else [f"{path or '/'}: after the skip link, Tab goes outside the content"]


def test_every_page_in_the_dark_scheme_passes_axe_and_its_skip_link_leads_to_the_content(browser, content_site_url, content_site):
    """Each page loaded once for both checks (a load costs more than the skip link's three keys).
    The light scheme's axe-core pass is part of the every-page test at 1280 px below."""
    findings, problems = AxeFindings(), []
    pages = built_pages(content_site)
    with axe_page(browser, color_scheme="dark", viewport=DESKTOP, **SETTLED) as page:
        for path in pages:
            page.goto(content_site_url + path)
            problems += skip_link_problems(page, path)
            findings.check(page, f"{path or '/'} [dark]")
    assert len(pages) >= 10
    assert not findings.by_rule, "axe-core violations:\n" + findings.report()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violation_with_search_or_navigation_drawer_open(browser, site_url, scheme):
    findings = AxeFindings()
    with axe_page(browser, color_scheme=scheme, viewport=DESKTOP, **SETTLED) as page:
        page.goto(site_url + GUIDE)
        page.keyboard.press("/")
        page.keyboard.type("cost")
        page.wait_for_selector(".md-search-result__item")
        findings.check(page, f"search results [{scheme}]")
    with axe_page(browser, color_scheme=scheme, viewport={"width": 320, "height": 640}, **SETTLED) as page:
        page.goto(site_url + GUIDE + "comparison/")
        page.locator("[data-gk-drawer-button]").click()
        findings.check(page, f"navigation drawer at 320 px [{scheme}]")
    assert not findings.by_rule, "axe-core violations:\n" + findings.report()


def answer_some_statements(page) -> None:
    """The checklist in use: some answers "yes" (a result with reasons), one "not sure" (its
    to-do shows), every folded part open."""
    for index, value in enumerate(["yes", "yes", "yes", "unsure"]):
        page.locator(f'input[type=radio][value="{value}"]').nth(index).check()
    page.evaluate("document.querySelectorAll('.md-content details').forEach((details) => { details.open = true; })")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violation_in_the_checklist_in_use(browser, site_url, scheme):
    findings = AxeFindings()
    with axe_page(browser, color_scheme=scheme, viewport=DESKTOP, **SETTLED) as page:
        for path in [GUIDE + "checklist/", GUIDE + "embed/checklist/"]:
            page.goto(site_url + path)
            answer_some_statements(page)
            assert page.locator(".gk-unsure-todo:visible").count() >= 1  # the state really changed
            findings.check(page, f"{path} answered [{scheme}]")
    assert not findings.by_rule, "axe-core violations:\n" + findings.report()


# ---- Narrow screens -------------------------------------------------------------------------


def test_comparison_fits_a_320_px_screen_with_no_scrolling_frame_to_tab_to(browser, site_url):
    with browser_page(browser, viewport={"width": 320, "height": 640}) as page:
        page.goto(site_url + GUIDE + "comparison/")
        frame = page.locator(".gk-table")
        assert frame.evaluate("element => element.scrollWidth <= element.clientWidth")
        assert frame.get_attribute("role") is None and frame.get_attribute("tabindex") is None


# ---- Keyboard -------------------------------------------------------------------------------


def layout_and_keyboard_problems(page, path: str, width: int) -> list[str]:
    """The page's layout as loaded (nothing sticks out, every sideways scroller can be focused),
    then its path through Tab: every stop visible and uncovered, the search box and the content reached."""
    where = f"{path or '/'} at {width} px"
    problems = [f"{where}: {problem}" for problem in page.evaluate(LAYOUT_PROBLEMS)]
    stops = tab_through(page)
    problems += [f"{where}: focus on {stop['name']!r} is not visible" for stop in stops if not stop["visible"]]
    problems += [f"{where}: focus on {stop['name']!r} is covered by {stop['coveredBy']}" for stop in stops if stop["coveredBy"]]
    has_search = page.locator(".md-search__input").count() > 0  # embed pages have none
    if has_search and not any(stop["isSearch"] for stop in stops):
        problems.append(f"{where}: Tab never reaches the search box")
    if not any(stop["inContent"] for stop in stops) and path != "404.html":
        problems.append(f"{where}: Tab never reaches the page's content")
    return problems


def test_every_page_at_1280_px_passes_axe_reflows_at_200_percent_zoom_and_shows_every_keyboard_stop(browser, content_site_url, content_site):
    """Each page loaded once for every check at this width (a load costs more than most checks):
    axe-core in the light scheme; the layout at 640 px, as 200% zoom shows it, the window then
    restored; the layout and the keyboard's path at 1280 px."""
    findings, problems = AxeFindings(), []
    wide, zoomed = {"width": 1280, "height": 640}, {"width": 640, "height": 640}
    with axe_page(browser, viewport=wide, **SETTLED) as page:
        for path in built_pages(content_site):
            page.goto(content_site_url + path)
            findings.check(page, f"{path or '/'} [light]")
            page.set_viewport_size(zoomed)
            problems += [f"{path or '/'} at 200% zoom (640 px): {problem}" for problem in page.evaluate(LAYOUT_PROBLEMS)]
            page.set_viewport_size(wide)
            problems += layout_and_keyboard_problems(page, path, 1280)
    assert not findings.by_rule, "axe-core violations:\n" + findings.report()
    assert not problems, "\n".join(problems)


def test_every_page_reflows_at_320_px_and_shows_every_keyboard_stop(browser, content_site_url, content_site):
    problems = []
    with browser_page(browser, viewport={"width": 320, "height": 640}, **SETTLED) as page:
        for path in built_pages(content_site):
            page.goto(content_site_url + path)
            problems += layout_and_keyboard_problems(page, path, 320)
    assert not problems, "\n".join(problems)


# A page for the sweep itself: one stop in view, one moved off screen, and one that Tab scrolls
# to the bottom of the window, under a fixed box covering the window's lower half.
SWEEP_PROBE = """<!doctype html><html lang="en"><title>Sweep probe</title>
<a href="#shown">shown</a>
<a href="#off" style="position: absolute; left: -9999px">off screen</a>
<div style="height: 2000px"></div>
<a href="#under">under the box</a>
<div style="position: fixed; left: 0; right: 0; top: 320px; bottom: 0; background: white"></div>"""


def test_the_keyboard_sweep_reports_a_stop_off_screen_or_under_another_element(browser):
    """The sweep reads geometry with the window undrawn (accessibility_checks.undrawn): what it
    must catch, it still catches."""
    with browser_page(browser, viewport={"width": 640, "height": 640}) as page:
        page.set_content(SWEEP_PROBE)
        stops = {stop["name"]: stop for stop in tab_through(page)}
    assert set(stops) == {"a shown", "a off screen", "a under the box"}
    assert stops["a shown"]["visible"] and stops["a shown"]["coveredBy"] is None
    assert not stops["a off screen"]["visible"]
    assert stops["a under the box"]["visible"] and stops["a under the box"]["coveredBy"] == "div."


# A link that wraps onto a second line, where a box follows it: the middle of the box around
# both of the link's lines falls on that box (a home page card's permalink, in a narrow window).
WRAPPED_LINK_PROBE = """<!doctype html><html lang="en"><title>Wrapped link probe</title><body style="margin: 0">
<h3 style="width: 200px; margin: 0; font: 20px/30px monospace"><a href="#wrapped">aaaaaaaaaaaaaaa b</a><a href="#next"
 style="display: inline-block; width: 150px; height: 30px; vertical-align: top">next</a></h3>"""


def test_the_keyboard_sweep_finds_a_wrapped_link_uncovered_by_what_follows_it(browser):
    with browser_page(browser, viewport={"width": 640, "height": 640}) as page:
        page.set_content(WRAPPED_LINK_PROBE)
        stops = tab_through(page)
    assert [(stop["name"], stop["visible"], stop["coveredBy"]) for stop in stops] == [("a aaaaaaaaaaaaaaa b", True, None), ("a next", True, None)]


def tab_to(page, name: str, limit: int = 40) -> None:
    """Press Tab until the focused element's name contains `name`; every stop must be visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused and focused["visible"], f"focus went to {focused} on the way to {name!r}"
        if name in focused["name"]:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def drawer_is_open(page) -> bool:
    return page.evaluate("document.getElementById('__drawer').checked")


def test_navigation_drawer_works_with_the_keyboard_on_a_small_screen(browser, site_url):
    with browser_page(browser, viewport={"width": 320, "height": 640}, **SETTLED) as page:
        page.goto(site_url)
        tab_to(page, "Navigation")  # the menu button
        page.keyboard.press("Enter")
        assert drawer_is_open(page) and page.evaluate(FOCUSED)["visible"]
        tab_to(page, "Fine-tuning vs. prompting")  # opens the guide's panel
        page.keyboard.press("Enter")
        tab_to(page, "Comparison")
        page.keyboard.press("Enter")
        page.wait_for_url("**/comparison/")
        wait_until(page, "!document.getElementById('__drawer').checked")  # closed by the theme
        # Space opens it too; Escape closes it and returns to the menu button.
        page.locator("[data-gk-drawer-button]").focus()
        page.keyboard.press(" ")
        assert drawer_is_open(page) and page.evaluate(FOCUSED)["visible"]
        page.keyboard.press("Escape")
        assert not drawer_is_open(page)
        assert page.evaluate("document.activeElement.matches('[data-gk-drawer-button]')")


# ---- Titles and descriptions ----------------------------------------------------------------


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.description: str | None = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self._in_title = tag == "title"
        if tag == "meta" and attributes.get("name") == "description":
            self.description = attributes.get("content") or ""

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def test_every_page_has_a_unique_title_and_its_own_description(content_site):
    site_description = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))["site_description"]
    titles: dict[str, list[str]] = defaultdict(list)
    problems = []
    for file in sorted(content_site.rglob("*.html")):
        path = file.relative_to(content_site).as_posix()
        head = _Head()
        head.feed(file.read_text(encoding="utf-8"))
        titles[" ".join(head.title.split())].append(path)
        if path == "404.html":
            continue
        if not head.description or not head.description.strip():
            problems.append(f"{path}: no meta description")
        elif head.description == site_description:
            problems.append(f"{path}: the meta description is the site's default")
    problems += [f"title {title!r} on {', '.join(paths)}" for title, paths in titles.items() if len(paths) > 1 or not title]
    assert not problems, "\n".join(problems)
