"""Accessibility of every built page: axe-core (WCAG 2.0-2.2 A/AA rules and best practices) in
the light and the dark scheme, narrow screens (320 px, and 640 px = 200% zoom), the keyboard,
and a unique title and meta description per page.

Violations are fixed in overrides/ (templates, guidekit.css, theme-accessibility.js), never by switching
rules off.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager
from html.parser import HTMLParser

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from conftest import PROJECT, built_pages

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
SCHEMES = ["light", "dark"]  # the palette follows prefers-color-scheme
DESKTOP = {"width": 1280, "height": 800}
# Tests of states reached by interaction run with reduced motion (guidekit.css then turns
# transitions off), so that they judge what the reader sees once fades and slides are over.
SETTLED = {"reduced_motion": "reduce"}
GUIDE = "fine-tuning-vs-prompting/"


@contextmanager
def browser_page(browser, **context_options):
    """A page in a fresh context; fails on any uncaught error in the page."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page
    finally:
        context.close()
    assert errors == [], f"uncaught errors in the page: {errors}"


class AxeFindings:
    """Violations from many axe runs, reported grouped by rule with page and element."""

    def __init__(self) -> None:
        self.axe = Axe()
        self.by_rule: dict[str, list[str]] = defaultdict(list)
        self.help: dict[str, str] = {}

    def check(self, page, where: str) -> None:
        for violation in self.axe.run(page, options=AXE_OPTIONS).response["violations"]:
            rule = violation["id"]
            self.help[rule] = f"{violation['impact']}: {violation['help']} ({violation['helpUrl']})"
            for node in violation["nodes"]:
                reason = (node.get("failureSummary") or "").replace("\n", " ").strip()
                self.by_rule[rule].append(f"{where}: {' > '.join(map(str, node['target']))}: {reason[:300]}")

    def report(self) -> str:
        lines = []
        for rule, places in sorted(self.by_rule.items()):
            lines.append(f"{rule} ({len(places)}) {self.help[rule]}")
            lines.extend(f"    {place}" for place in places[:15])
            if len(places) > 15:
                lines.append(f"    ... and {len(places) - 15} more")
        return "\n".join(lines)


# ---- axe-core on every page ---------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violation_on_any_page(browser, site_url, shipped_site, scheme):
    findings = AxeFindings()
    pages = built_pages(shipped_site)
    with browser_page(browser, color_scheme=scheme, viewport=DESKTOP, **SETTLED) as page:
        for path in pages:
            page.goto(site_url + path)
            findings.check(page, f"{path or '/'} [{scheme}]")
    assert len(pages) >= 10
    assert not findings.by_rule, "axe-core violations:\n" + findings.report()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violation_with_search_or_navigation_drawer_open(browser, site_url, scheme):
    findings = AxeFindings()
    with browser_page(browser, color_scheme=scheme, viewport=DESKTOP, **SETTLED) as page:
        page.goto(site_url + GUIDE)
        page.keyboard.press("/")
        page.keyboard.type("cost")
        page.wait_for_selector(".md-search-result__item")
        findings.check(page, f"search results [{scheme}]")
    with browser_page(browser, color_scheme=scheme, viewport={"width": 320, "height": 640}, **SETTLED) as page:
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
    with browser_page(browser, color_scheme=scheme, viewport=DESKTOP, **SETTLED) as page:
        for path in [GUIDE + "checklist/", GUIDE + "embed/checklist/"]:
            page.goto(site_url + path)
            answer_some_statements(page)
            assert page.locator(".gk-unsure-todo:visible").count() >= 1  # the state really changed
            findings.check(page, f"{path} answered [{scheme}]")
    assert not findings.by_rule, "axe-core violations:\n" + findings.report()


# ---- Narrow screens -------------------------------------------------------------------------

# Visible elements that stick out of the viewport, unless they are inside an element that
# scrolls sideways on its own; and every such scrolling element, which keyboard users must be
# able to focus to scroll it: a named region, or a code block (the theme makes those focusable).
LAYOUT_PROBLEMS = """() => {
  const width = document.documentElement.clientWidth;
  const describe = (element) => element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
    + (element.classList.length ? "." + [...element.classList].join(".") : "");
  const scrolls = (element) => ["auto", "scroll"].includes(getComputedStyle(element).overflowX)
    && element.scrollWidth > element.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width) {
    problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px wide)`);
  }
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    const shown = element.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    if (!shown || box.width === 0 || box.height === 0) continue;
    if (scrolls(element)) {
      const named = element.getAttribute("aria-label") || element.getAttribute("aria-labelledby");
      const region = element.getAttribute("role") === "region" && named;
      if (element.tabIndex !== 0 || !(region || element.matches("pre > code"))) {
        problems.push(`${describe(element)} scrolls sideways but is not a focusable, named region`);
      }
    }
    let ancestor = element.parentElement;
    while (ancestor && !scrolls(ancestor)) ancestor = ancestor.parentElement;
    if (!ancestor && (box.right > width + 1 || box.left < -1)) {
      problems.push(`${describe(element)} reaches from ${Math.round(box.left)} to ${Math.round(box.right)} px`);
    }
  }
  return problems;
}"""


@pytest.mark.parametrize("width", [320, 640])
def test_pages_reflow_at_320_px_and_at_200_percent_zoom(browser, site_url, shipped_site, width):
    problems = []
    with browser_page(browser, viewport={"width": width, "height": 640}) as page:
        for path in built_pages(shipped_site):
            page.goto(site_url + path)
            problems += [f"{path or '/'}: {problem}" for problem in page.evaluate(LAYOUT_PROBLEMS)]
    assert not problems, "\n".join(problems)


def test_comparison_fits_a_320_px_screen_with_no_scrolling_frame_to_tab_to(browser, site_url):
    with browser_page(browser, viewport={"width": 320, "height": 640}) as page:
        page.goto(site_url + GUIDE + "comparison/")
        frame = page.locator(".gk-table")
        assert frame.evaluate("element => element.scrollWidth <= element.clientWidth")
        assert frame.get_attribute("role") is None and frame.get_attribute("tabindex") is None


# ---- Keyboard -------------------------------------------------------------------------------

FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const seen = element.hasAttribute("data-test-visited");
  // A visually hidden radio button (the colour scheme toggle) shows its focus on the label next to it.
  const box0 = element.getBoundingClientRect();
  const proxy = box0.width === 0 && element.nextElementSibling && element.nextElementSibling.tagName === "LABEL"
    ? element.nextElementSibling : null;
  const shown = proxy && proxy.getBoundingClientRect().width > 0 ? proxy : element;
  const box = shown.getBoundingClientRect();
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const onTop = document.elementFromPoint(x, y);
  return {
    name: element.tagName.toLowerCase() + " " + (element.getAttribute("aria-label") || element.textContent || "").trim().slice(0, 40),
    visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight
      && box.right > 0 && box.left < innerWidth && shown.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
    coveredBy: onTop && !shown.contains(onTop) && !onTop.contains(shown)
      ? onTop.tagName.toLowerCase() + "." + [...onTop.classList].join(".") : null,
    seen,
    inContent: !!element.closest(".md-content"),
    isSearch: element.matches(".md-search__input"),
  };
}"""


def tab_through(page, limit: int = 800) -> list[dict]:
    """Press Tab from the top of the page until focus leaves the page or comes round to the
    start again; every stop on the way."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused and (focused["coveredBy"] or not focused["visible"]):
            # The theme opens the search box and hides the previous stop's tooltip a moment
            # after focus moves: judge the stop once that moment has passed.
            page.wait_for_timeout(500)
            focused = page.evaluate(FOCUSED)
        if focused is None or focused["seen"]:
            return stops
        page.evaluate("document.activeElement.setAttribute('data-test-visited', '')")
        stops.append(focused)
    raise AssertionError(f"focus did not leave the page after {limit} Tab presses (a keyboard trap?)")


@pytest.mark.parametrize("width", [1280, 320])
def test_every_keyboard_stop_is_visible_and_reaches_search_and_content(browser, site_url, shipped_site, width):
    problems = []
    with browser_page(browser, viewport={"width": width, "height": 640}, **SETTLED) as page:
        for path in built_pages(shipped_site):
            page.goto(site_url + path)
            stops = tab_through(page)
            where = f"{path or '/'} at {width} px"
            problems += [f"{where}: focus on {stop['name']!r} is not visible" for stop in stops if not stop["visible"]]
            problems += [f"{where}: focus on {stop['name']!r} is covered by {stop['coveredBy']}" for stop in stops if stop["coveredBy"]]
            has_search = page.locator(".md-search__input").count() > 0  # embed pages have none
            if has_search and not any(stop["isSearch"] for stop in stops):
                problems.append(f"{where}: Tab never reaches the search box")
            if not any(stop["inContent"] for stop in stops) and path != "404.html":
                problems.append(f"{where}: Tab never reaches the page's content")
    assert not problems, "\n".join(problems)


def test_skip_link_moves_keyboard_focus_to_the_content(browser, site_url, shipped_site):
    with browser_page(browser, viewport=DESKTOP, **SETTLED) as page:
        for path in built_pages(shipped_site):
            if path == "404.html":  # no headings, so the theme gives it no skip link
                continue
            page.goto(site_url + path)
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.matches('.md-skip')"), path
            page.keyboard.press("Enter")
            page.keyboard.press("Tab")
            assert page.evaluate(FOCUSED)["inContent"], f"{path}: after the skip link, Tab goes outside the content"


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
        page.wait_for_function("!document.getElementById('__drawer').checked")  # closed by the theme
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


def test_every_page_has_a_unique_title_and_its_own_description(shipped_site):
    site_description = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))["site_description"]
    titles: dict[str, list[str]] = defaultdict(list)
    problems = []
    for file in sorted(shipped_site.rglob("*.html")):
        path = file.relative_to(shipped_site).as_posix()
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
