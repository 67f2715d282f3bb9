"""The built site in Chromium under the intranet's strict Content-Security-Policy.

Every page must load with no policy violation, no request to another host and no console error
(tests/test_subpath.py loads every page so, published under a sub-path as intranets do; the tests
here load the pages whose parts they try), and the theme's interactive parts (search, palette
toggle, copy buttons, instant navigation) must still work, also inside a cross-site iframe where
the browser blocks third-party storage.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser_checks import (
    GUIDE,
    KNOWN_WORD,
    STORAGE_PROBE,
    browser_page,
    search,
    strict_policy_header,
)
from conftest import serve_folder


@pytest.fixture(scope="module")
def strict_url(built_site):
    url, server = serve_folder(built_site, headers=strict_policy_header())
    yield url
    server.shutdown()


@pytest.fixture
def strict_page(open_strict_page, strict_url):
    return open_strict_page(strict_url)


def test_search_finds_a_known_word(strict_url, strict_page):
    page, watch = strict_page
    page.goto(strict_url + GUIDE)
    results = search(page, KNOWN_WORD)
    assert results.count() >= 1
    assert GUIDE in results.first.locator("a").first.get_attribute("href")
    assert watch.take() == []


def test_palette_toggle_switches_scheme_and_persists_over_reload(strict_url, strict_page):
    page, watch = strict_page
    page.goto(strict_url + GUIDE)
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    page.locator("label.md-header__button[for='__palette_1']").click()
    assert page.evaluate(scheme) == "slate"
    page.reload()
    assert page.evaluate(scheme) == "slate"
    assert watch.take() == []


def test_code_blocks_get_a_working_copy_button(strict_url, strict_page):
    page, watch = strict_page
    page.goto(strict_url + "intranet/")
    code_blocks = page.locator("pre > code")
    assert code_blocks.count() >= 1
    copy_buttons = page.locator("pre .md-code__button[data-md-type='copy']")
    expect(copy_buttons).to_have_count(code_blocks.count())
    page.locator("pre").first.hover()
    copy_buttons.first.click()
    page.locator(".md-dialog--active").wait_for()
    assert "Copied" in page.locator(".md-dialog").inner_text()
    assert watch.take() == []


# ---- Embedded in a cross-site iframe -----------------------------------------------------
# The portal page is on 127.0.0.1 and the site on localhost: different sites for the browser,
# which then treats the site as third party and blocks its storage (Chromium's default here).


@pytest.fixture(scope="module")
def portal(tmp_path_factory, built_site):
    """(portal page URL for a given iframe sandbox, site URL): the two servers."""
    portal_folder = tmp_path_factory.mktemp("portal")
    portal_url, portal_server = serve_folder(portal_folder)
    site_url, site_server = serve_folder(built_site, headers=strict_policy_header(f"'self' {portal_url.rstrip('/')}"))
    site_url = site_url.replace("127.0.0.1", "localhost")

    def portal_page(sandbox: str | None) -> str:
        name = f"portal-{(sandbox or 'plain').replace(' ', '-')}.html"
        sandbox_attribute = f' sandbox="{sandbox}"' if sandbox else ""
        (portal_folder / name).write_text(
            f'<!doctype html><title>Portal</title><link rel="icon" href="data:,"><iframe title="AI guide" src="{site_url}{GUIDE}"'
            f' width="1000" height="700"{sandbox_attribute}></iframe>',
            encoding="utf-8",
        )
        return portal_url + name

    yield portal_page, site_url
    portal_server.shutdown()
    site_server.shutdown()


@pytest.mark.parametrize("sandbox", [None, "allow-scripts allow-same-origin"])
def test_site_works_in_a_cross_site_iframe_without_third_party_storage(open_strict_page, full_chromium, portal, sandbox):
    portal_page, site_url = portal
    page, watch = open_strict_page(portal_page(sandbox), site_url, in_browser=full_chromium)  # the headless shell allows such storage
    page.goto(portal_page(sandbox), wait_until="networkidle")
    frame = page.frames[1]
    storage = frame.evaluate(STORAGE_PROBE)
    assert storage == "SecurityError", "this browser allows third-party storage: the test would prove nothing"
    frame.locator("label.md-header__button[for='__palette_1']").click()
    assert frame.locator("body").get_attribute("data-md-color-scheme") == "slate"
    search(frame, KNOWN_WORD)
    assert watch.take() == []


def test_site_refuses_to_be_framed_by_a_portal_it_does_not_list(browser, built_site, tmp_path):
    site_url, site_server = serve_folder(built_site, headers=strict_policy_header("'self' https://portal.example"))
    other_url, other_server = serve_folder(tmp_path)
    (tmp_path / "other.html").write_text(f'<!doctype html><title>Other</title><iframe src="{site_url.replace("127.0.0.1", "localhost")}"></iframe>')
    try:
        with browser_page(browser) as page:
            page.goto(other_url + "other.html", wait_until="networkidle")
            frame = page.frames[1]
            assert frame.evaluate("document.querySelector('.md-search__input') === null")
    finally:
        site_server.shutdown()
        other_server.shutdown()
