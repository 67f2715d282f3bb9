"""The built site in a real browser: search, tooltips, navigation, and no script from content."""

import re

from playwright.sync_api import expect

from browser_checks import browser_page
from conftest import link_to, serve_folder

PAYLOAD = "<img src=x onerror=alert(1)>"


def search(page, words: str):
    page.keyboard.press("/")  # Material's shortcut focuses the search box
    page.keyboard.type(words)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.locator(".md-search-result__item")


def test_search_finds_an_item_on_a_generated_page(page, site_url):
    page.goto(site_url)
    results = search(page, "hallucinate")
    assert results.count() >= 1
    # The item's links that lead to the matching section carry the searched word (h=).
    results.first.locator("a[href*='h=hallucinate']").first.click()
    page.wait_for_url("**/fine-tuning-vs-prompting/**?h=hallucinate*")
    # search.highlight marks the searched word on the page the result leads to.
    expect(page.locator("mark[data-md-highlight]").first).to_have_text(re.compile("hallucinat", re.IGNORECASE))


def test_glossary_tooltips_and_stable_anchors(page, site_url):
    page.goto(site_url + "fine-tuning-vs-prompting/options/fine-tuning/")
    lora = page.locator("abbr", has_text="LoRA").first
    assert "low-rank" in lora.get_attribute("title").lower()
    page.goto(site_url + "fine-tuning-vs-prompting/comparison/#aspect-cost")
    assert page.locator("#aspect-cost").is_visible()


def test_instant_navigation_between_guide_pages(page, site_url):
    # Material intercepts links only after it has read the sitemap: wait for it, not for time.
    with page.expect_response("**/sitemap.xml"):
        page.goto(site_url + "fine-tuning-vs-prompting/")
    page.evaluate("window.__marker = 'same document'")
    link_to(page, "fine-tuning-vs-prompting/comparison/", ".md-nav__link").click()
    page.wait_for_selector("table.gk-comparison")
    assert page.evaluate("window.__marker") == "same document"


def test_payloads_never_run_in_pages_or_search_results(browser, mini_project):
    for name, old, new in [
        ("guide.yml", 'title: "Email vs. Chat: A Small Test Guide"', f'title: "{PAYLOAD} Payloadtitle"'),
        ("options/email.yml", "title: Leaves a record", f'title: "{PAYLOAD} Payloaditem"'),
        ("options/email.yml", "body: Every message", f'body: "{PAYLOAD} Payloadbody" #'),
    ]:
        mini_project.edit(f"content_data/team-chat-tools/{name}", old, new)
    result = mini_project.build()
    assert result.returncode == 0, result.output
    url, server = serve_folder(result.site)
    dialogs = []
    try:
        with browser_page(browser) as page:
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            for path in ["", "team-chat-tools/", "team-chat-tools/options/email/", "team-chat-tools/sources/"]:
                page.goto(url + path)
            results = search(page, "Payloaditem")
            # Results follow each key typed: the list for the word's first letters may still show.
            expect(results.first).to_contain_text("Payloaditem")
            # No element was made from the payload, so nothing can run it later either.
            assert page.locator("img[src='x']").count() == 0
        assert dialogs == []
    finally:
        server.shutdown()


def test_keyboard_fixes_reach_pages_opened_by_instant_navigation(page, site_url):
    """theme-accessibility.js loads once per document: the theme's table frames on a page reached
    by instant navigation still become named, focusable regions."""
    with page.expect_response("**/sitemap.xml"):
        page.goto(site_url + "fine-tuning-vs-prompting/")
    assert page.locator(".md-typeset__scrollwrap").count() == 0  # the fix has yet to meet a frame
    page.evaluate("window.__marker = 'same document'")
    link_to(page, "fine-tuning-vs-prompting/how-it-decides/", ".md-nav__link").click()
    frames = page.locator(".md-typeset__scrollwrap")
    expect(frames.first).to_have_attribute("role", "region")
    assert frames.count() == page.locator(".md-typeset__scrollwrap[role=region][tabindex='0']").count() >= 1
    assert page.evaluate("window.__marker") == "same document"
