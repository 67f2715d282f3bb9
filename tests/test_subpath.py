"""The site published under a sub-path, https://intranet.example/tools/ai-guide/, as intranets do.

A loopback server publishes the build under /tools/ai-guide/ only, with the strict policy: any
link or asset that assumes the site sits at the root of its host gets a 404 and fails the test.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from browser_checks import GUIDE, KNOWN_WORD, load_quietly, origin, search, strict_policy_header, wait_until
from conftest import built_pages, copy_project, serve_folder

PREFIX = urlsplit("https://intranet.example/tools/ai-guide/").path

# Addresses a page makes the browser load or offers as links (resolved by the browser itself).
ADDRESSES = """() => [...document.querySelectorAll("a[href], link[href], script[src], img[src]")]
  .map((element) => element.href || element.src)"""


@pytest.fixture(scope="module")
def subpath_url(subpath_site):
    url, server = serve_folder(subpath_site, prefix=PREFIX, headers=strict_policy_header())
    yield url
    server.shutdown()


@pytest.fixture
def watched_page(open_strict_page, subpath_url):
    return open_strict_page(subpath_url)


def test_every_page_loads_cleanly_under_the_strict_policy_and_its_links_and_assets_work_under_the_sub_path(subpath_site, subpath_url, open_strict_page):
    """Each page with no policy violation, no request to another host, no console error and no
    failed request, and with the theme's script run; then every link and asset of ours the pages hold."""
    pages = built_pages(subpath_site)
    assert len(pages) >= 10, pages
    problems: dict[str, list[str]] = {}
    addresses: set[str] = set()
    for url, page, found in load_quietly(open_strict_page, subpath_url, [subpath_url + path for path in pages]):
        # The theme's script ran: it turns the no-js class into js and builds the search box.
        if not page.evaluate("document.documentElement.classList.contains('js')"):
            found = [*found, "the theme's script did not run"]
        addresses.update(page.evaluate(ADDRESSES))
        if found:
            problems[url] = found
    assert problems == {}

    own = sorted({address.split("#")[0] for address in addresses if origin(address) == origin(subpath_url)})
    assert len(own) > 20
    outside_prefix = [address for address in own if not urlsplit(address).path.startswith(PREFIX)]
    assert outside_prefix == []
    broken = [address for address in own if page.request.get(address).status != 200]
    assert broken == []


def test_search_finds_pages_under_the_sub_path(subpath_url, watched_page):
    page, watch = watched_page
    page.goto(subpath_url + GUIDE)
    results = search(page, KNOWN_WORD)
    first = results.first.locator("a").first
    assert urlsplit(first.evaluate("link => link.href")).path.startswith(PREFIX + GUIDE)
    first.click()
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path.startswith(PREFIX + GUIDE)
    assert watch.take() == []


def test_navigation_is_plain_page_loads_when_site_url_names_another_host(subpath_url, watched_page):
    """The test server is not intranet.example, so Material falls back to ordinary links."""
    page, watch = watched_page
    page.goto(subpath_url + GUIDE)
    page.evaluate("window.stillTheSameDocument = true")
    page.evaluate(MARK_SEARCH_OPEN_ON_NAVIGATION)
    page.locator("a.md-nav__link[href$='comparison/']").first.click()
    page.wait_for_url(f"**{PREFIX}{GUIDE}comparison/")
    assert page.evaluate("window.stillTheSameDocument") is None
    assert page.locator("h1").first.is_visible()
    assert watch.take() == []


@pytest.fixture(scope="module")
def instant_url(tmp_path_factory):
    """A build whose site_url is exactly where it is served, the case where instant navigation runs."""
    project = copy_project(tmp_path_factory.mktemp("instant") / "project")
    (project.root / "site").mkdir()
    url, server = serve_folder(project.root / "site", prefix=PREFIX, headers=strict_policy_header())
    project.set_site_url(url)
    result = project.build()
    assert result.returncode == 0, result.output
    yield url
    server.shutdown()


# On the next change of address, mark the search dialog open (its toggle only, so nothing else
# reacts): Material's close-on-navigation, scheduled by that same change, then has a dialog to close.
# location$ replays the current address on subscribing; that one is skipped.
MARK_SEARCH_OPEN_ON_NAVIGATION = """() => {
  const start = location.href;
  window.location$.subscribe((url) => {
    if (String(url) === start) return;
    document.querySelector('[data-md-toggle=search]').checked = true;
    window.searchMarkedOpen = true;
  });
}"""


def test_instant_navigation_works_under_the_sub_path(open_strict_page, instant_url):
    page, watch = open_strict_page(instant_url)
    # Material intercepts links only after it has read the sitemap: wait for it, not for time.
    with page.expect_response("**/sitemap.xml"):
        page.goto(instant_url + GUIDE, wait_until="networkidle")
    page.evaluate("window.stillTheSameDocument = true")
    page.evaluate(MARK_SEARCH_OPEN_ON_NAVIGATION)
    page.locator("a.md-nav__link[href$='comparison/']").first.click()
    page.wait_for_url(f"**{PREFIX}{GUIDE}comparison/")
    page.wait_for_load_state("networkidle")
    # Instant navigation changes the address first and swaps the page in after: wait for the title.
    wait_until(page, "document.title.includes('Comparison')")
    assert page.evaluate("window.stillTheSameDocument") is True, "the link reloaded the page"
    # Material closes the search dialog a moment after each navigation: searching before that
    # would be cut short. The dialog, marked open when the address changed, is closed by then.
    expect(page.locator("input[data-md-toggle=search]")).not_to_be_checked()  # not wait_for_function: the CSP forbids eval
    assert page.evaluate("window.searchMarkedOpen") is True
    search(page, KNOWN_WORD)
    assert watch.take() == []
