"""The decision checklist in a real browser (Debian's chromium), on the feature guide (conftest.FEATURE_GUIDE) as built."""

import re

import pytest
from playwright.sync_api import expect

from browser_checks import STORAGE_PROBE, browser_page, strict_policy_header, wait_for_theme
from conftest import FEATURE_GUIDE, PROJECT, link_to, serve_folder
from guidekit.site.guides import load_site

GUIDE = load_site(FEATURE_GUIDE.parent, PROJECT).guide(FEATURE_GUIDE.name)
TEXT = GUIDE.checklist.ui
CHECKLIST = f"{GUIDE.id}/checklist/"
STATEMENTS = [statement.id for group in GUIDE.checklist.groups for statement in group.statements]
STORAGE_KEY = f"guidekit-checklist:{GUIDE.id}"
BLOCK_STORAGE = """Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("Access is denied for this document.", "SecurityError"); }, configurable: true
});"""  # as a browser does where storage is blocked: reading window.localStorage throws


def statement(statement_id):
    return next(s for group in GUIDE.checklist.groups for s in group.statements if s.id == statement_id)


def statement_text(statement_id):
    return statement(statement_id).text


def answer(page, statement_id, value):
    page.check(f'input[name="answer-{statement_id}"][value="{value}"]')


def given_answers(page) -> dict[str, str]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('[data-gk-form] input:checked')]
                 .map(input => [input.name.slice(7), input.value]))"""
    )


def status(page) -> str:
    return page.locator(".gk-status [role=status]").inner_text()


def announced(outcome: str, strength: str, answered: int, not_yet: list[str] = ()) -> str:
    held_back = f" Not yet: {', '.join(GUIDE.choice_name(option) for option in not_yet)}." if not_yet else ""
    return f"{getattr(TEXT.strength, strength)}: {GUIDE.choice_name(outcome)}. {answered} of {len(STATEMENTS)} answered.{held_back}"


def load_example(page, scenario_id):
    scenario = next(s for s in GUIDE.checklist.scenarios if s.id == scenario_id)
    if not page.locator(".gk-examples").evaluate("(examples) => examples.open"):
        page.locator(".gk-examples summary").click()
    page.get_by_role("button", name=scenario.name).click()
    return scenario


@pytest.fixture
def checklist(page, site_url):
    page.goto(site_url + CHECKLIST)
    return page


def test_answering_changes_the_announced_result_without_moving_focus(checklist):
    page = checklist
    assert status(page) == f"{TEXT.empty} 0 of {len(STATEMENTS)} answered."
    answer(page, "facts-change", "yes")
    assert status(page) == announced("rag", "leaning", 1)
    assert page.evaluate("document.activeElement.name") == "answer-facts-change"
    answer(page, "launch-fast", "yes")
    answer(page, "traceable", "no")  # "no" is an answer: progress counts it, it adds nothing
    assert status(page) == announced("prompting-rag", "close", 3)
    answer(page, "approved-examples", "unsure")
    result = page.locator("[data-gk-result]")
    assert "Prompting + RAG" in result.locator(".gk-verdict").inner_text()
    assert "Fine-tuning: 0" in result.inner_text() and "Prompting: 3" in result.inner_text()
    assert result.get_by_role("link", name=statement_text("facts-change")).count() == 2  # because you said, and what RAG answers
    assert statement("approved-examples").unsure_todo in result.inner_text()  # "not sure" became a to-do
    assert page.locator('[data-gk-outcome="prompting-rag"]').get_by_text(TEXT.recommended).is_visible()


def test_missing_prerequisites_give_not_yet_and_what_to_do_first_instead_of_that_option(checklist):
    """A new reader makes the case for an option that has prerequisites, but has not met them."""
    page = checklist
    [prerequisite, *_] = GUIDE.checklist.prerequisites
    [held_back, *_] = prerequisite.holds_back
    name = GUIDE.choice_name(held_back)
    waiting = [p for p in GUIDE.checklist.prerequisites if held_back in p.holds_back]
    for group in GUIDE.checklist.groups:
        for item in group.statements:
            if item.favours.get(held_back, 0) > 0:
                answer(page, item.id, "yes")
    answer(page, waiting[0].statement, "no")
    answer(page, waiting[-1].statement, "unsure")
    announcement = status(page)
    recommended, *_ = announcement.split(". ")
    assert not recommended.endswith(name) and announcement.endswith(f"Not yet: {name}.")
    result = page.locator("[data-gk-result]")
    assert result.locator("h3.gk-not-yet").inner_text() == f"Not yet: {name}. Do this first:"
    assert result.locator("ol.gk-not-yet li").all_inner_texts()[0] == waiting[0].first
    assert f"{name}: " in result.inner_text() and ", not yet" in result.inner_text()  # its score, marked
    for p in waiting:
        answer(page, p.statement, "yes")
    recommended, *_ = status(page).split(". ")
    assert recommended.endswith(name) and "Not yet" not in status(page)
    page.locator("#result").scroll_into_view_if_needed()


def test_a_copied_link_restores_the_answers_in_a_fresh_browser(checklist, browser):
    page = checklist
    for statement_id, value in {"approved-examples": "no", "facts-change": "yes", "eval-set": "unsure", "launch-fast": "yes"}.items():
        answer(page, statement_id, value)
    expected, link, announcement = given_answers(page), page.url, status(page)
    assert re.search(r"\?answers=\w{4}\.(\w{4}[ynu]){4}(#.*)?$", link)  # the theme may add the heading in view
    with browser_page(browser) as other:
        other.goto(link)
        assert given_answers(other) == expected
        assert status(other) == announcement


def test_a_reload_or_a_plain_visit_keeps_the_answers(checklist, site_url):
    page = checklist
    answer(page, "facts-change", "yes")
    answer(page, "approved-examples", "no")
    page.reload()
    assert given_answers(page) == {"facts-change": "yes", "approved-examples": "no"}
    page.goto(site_url + CHECKLIST)  # no answers in the address: restored from this browser's storage
    assert given_answers(page) == {"facts-change": "yes", "approved-examples": "no"}
    assert "answers=" in page.url


def test_answers_given_before_the_script_starts_are_kept_beside_the_stored_ones(checklist, site_url):
    """The form works without script, so a reader on a slow device may answer before the checklist
    starts (here its script is held back until then): starting keeps that answer and adds what
    this browser's storage restores."""
    page = checklist
    answer(page, "launch-fast", "yes")  # stored in this browser
    held = []
    page.route("**/checklist-page.js", lambda route: held.append(route))
    page.goto(site_url + CHECKLIST, wait_until="commit")
    answer(page, "facts-change", "yes")
    assert held, "the checklist's script was not requested"
    held[0].continue_()
    expect(page.locator(".gk-status [role=status]")).to_contain_text(f" 2 of {len(STATEMENTS)} answered.")
    assert given_answers(page) == {"launch-fast": "yes", "facts-change": "yes"}


def test_reset_clears_answers_address_and_storage(checklist, site_url):
    page = checklist
    load_example(page, "small-team-two-weeks")
    page.get_by_role("button", name=TEXT.clear).click()
    assert given_answers(page) == {}
    assert "answers=" not in page.url
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") is None
    assert page.locator(".gk-feedback").inner_text() == TEXT.cleared
    page.goto(site_url + CHECKLIST)
    assert given_answers(page) == {}


def test_every_example_gives_its_expected_result_and_replaces_the_answers_before_it(checklist):
    """The examples one after another on one page, as a reader tries them: each gives its
    expected result, and none keeps an answer of the example loaded before it."""
    page = checklist
    seen, expected = {}, {}
    for scenario in GUIDE.checklist.scenarios:
        load_example(page, scenario.id)
        seen[scenario.id] = (given_answers(page), status(page), page.locator(".gk-feedback").inner_text())
        expected[scenario.id] = (
            dict(scenario.answers),
            announced(scenario.expect.outcome, scenario.expect.strength, len(scenario.answers), scenario.expect.not_yet),
            f"Loaded the example “{scenario.name}”.",
        )
    assert len(expected) >= 2
    assert seen == expected


def test_keyboard_alone_answers_loads_an_example_and_clears(checklist):
    page = checklist
    first_statement, second_statement = STATEMENTS[:2]
    page.locator(f"#statement-{first_statement}").scroll_into_view_if_needed()
    page.evaluate("document.activeElement.blur()")
    for _ in range(300):  # Tab from the top of the page to the first statement
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == f"answer-{first_statement}":
            break
    else:
        pytest.fail("Tab never reached the first statement")
    outline = page.evaluate("getComputedStyle(document.activeElement.closest('label')).outlineStyle")
    assert outline == "solid"  # visible focus
    page.keyboard.press("Space")  # yes
    page.keyboard.press("ArrowRight")  # no: arrows move within the statement's answers
    while page.evaluate("document.activeElement.name") != f"answer-{second_statement}":
        page.keyboard.press("Tab")  # past the statement's source links
    page.keyboard.press("Space")
    assert given_answers(page) == {first_statement: "no", second_statement: "yes"}
    assert status(page) == announced("rag", "leaning", 2)
    page.locator(".gk-examples summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    first = GUIDE.checklist.scenarios[0]
    assert status(page) == announced(first.expect.outcome, first.expect.strength, len(first.answers))
    page.get_by_role("button", name=TEXT.clear).focus()
    page.keyboard.press("Enter")
    assert given_answers(page) == {}


def test_copy_as_markdown_puts_a_decision_record_on_the_clipboard(browser, site_url):
    with browser_page(browser, permissions=["clipboard-read", "clipboard-write"]) as page:
        page.goto(site_url + CHECKLIST)
        load_example(page, "d2c-weekly-promotions")
        page.get_by_role("button", name=TEXT.copy_markdown).click()
        expect(page.locator(".gk-feedback")).to_have_text(TEXT.copied)
        record = page.evaluate("navigator.clipboard.readText()")
        assert record.startswith(f"# Decision record: {GUIDE.meta.title}\n\n- Date: ")
        assert "- Guide version: 2026.11\n" in record
        assert "**Prompting + RAG** (Clear)" in record
        number = GUIDE.source_number(statement("facts-change").sources[0])
        assert f"\n- **Yes**: {statement_text('facts-change')} (+3 for RAG (retrieval-augmented generation)) [\\[{number}\\]](" in record
        assert f"## What each part answers\n\n- Prompting: {statement_text('launch-fast')} · " in record  # each need of a hybrid
        assert "## First steps\n\n1. Write the brand system prompt" in record
        assert "## To find out (you said “not sure”)" in record
        assert f"- {statement_text('traceable')} **Yes**\n" in record
        link = re.search(r"- Link to these answers: <(.*?)>", record).group(1)
        assert link == page.url.split("#")[0]  # the theme's navigation.tracking may add the heading in view
        with browser_page(browser) as other:
            other.goto(link)
            assert status(other) == status(page)


def test_without_a_clipboard_the_record_is_shown_to_copy_by_hand(browser, site_url):
    with browser_page(browser, init_scripts=['Object.defineProperty(navigator, "clipboard", {value: undefined});']) as page:
        page.goto(site_url + CHECKLIST)
        answer(page, "facts-change", "yes")
        page.get_by_role("button", name=TEXT.copy_markdown).click()
        fallback = page.locator(".gk-fallback")
        expect(fallback).to_be_visible()
        assert fallback.input_value().startswith("# Decision record:")
        assert page.evaluate("document.activeElement.className") == "gk-fallback"
        assert page.locator(".gk-feedback").inner_text() == TEXT.copy_failed


def test_printing_gives_a_one_page_record(checklist):
    page = checklist
    load_example(page, "retailer-eight-markets")
    record = page.locator(".gk-result .gk-print li").filter(has_text="Guide version: 2026.11")
    assert not record.is_visible()  # on screen, the record's header is left out
    page.emulate_media(media="print")
    assert not page.locator("[data-gk-form]").is_visible()
    assert not page.locator(".md-header").is_visible()
    assert page.get_by_text(f"Decision record: {GUIDE.meta.title}").is_visible()
    assert record.is_visible()
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_a_link_from_an_older_guide_restores_what_still_applies_and_says_so(checklist, site_url):
    page = checklist
    answer(page, "facts-change", "yes")
    fingerprint, pairs = re.search(r"answers=(\w{4})\.(\w+)", page.url).groups()
    old = "zzzz" if fingerprint != "zzzz" else "yyyy"
    page.goto(f"{site_url}{CHECKLIST}?answers={old}.{pairs}q0q0y")  # another statement set, one statement since removed
    assert given_answers(page) == {"facts-change": "yes"}
    assert page.locator(".gk-notice").inner_text() == TEXT.guide_changed
    assert f"answers={fingerprint}.{pairs}" in page.url  # rewritten for the current guide
    answer(page, "launch-fast", "yes")
    assert not page.locator(".gk-notice").is_visible()


def test_a_link_made_for_other_statements_says_the_guide_changed_even_when_every_answer_still_fits(checklist, site_url):
    """Statements may have been reworded or split under the same ids: the reader is told to check."""
    page = checklist
    answer(page, "facts-change", "yes")
    fingerprint, pairs = re.search(r"answers=(\w{4})\.(\w+)", page.url).groups()
    old = "zzzz" if fingerprint != "zzzz" else "yyyy"
    page.goto(f"{site_url}{CHECKLIST}?answers={old}.{pairs}")
    assert given_answers(page) == {"facts-change": "yes"}
    assert page.locator(".gk-notice").inner_text() == TEXT.guide_changed
    page.goto(f"{site_url}{CHECKLIST}?answers={fingerprint}.{pairs}")
    assert not page.locator(".gk-notice").is_visible()


def test_blocked_storage_changes_nothing_but_persistence(browser, site_url):
    with browser_page(browser, init_scripts=[BLOCK_STORAGE]) as page:  # which fails the test on any uncaught error
        page.goto(site_url + CHECKLIST)
        answer(page, "facts-change", "yes")
        assert status(page) == announced("rag", "leaning", 1)
        assert "answers=" in page.url
        page.reload()
        assert given_answers(page) == {"facts-change": "yes"}  # the address still carries them


@pytest.mark.parametrize("path", [CHECKLIST, CHECKLIST.replace("checklist/", "embed/checklist/")], ids=["page", "embed-page"])
def test_works_in_a_cross_site_iframe_where_chromium_blocks_storage(full_chromium_page, site_url, tmp_path, path):
    page = full_chromium_page  # fails the test on any uncaught error in the page
    site_port = site_url.rsplit(":", 1)[1].strip("/")
    (tmp_path / "host.html").write_text(
        f'<!doctype html><title>Portal</title><iframe src="http://localhost:{site_port}/{path}" width="900" height="1200"></iframe>'
    )
    host_url, server = serve_folder(tmp_path)
    page.goto(host_url + "host.html")
    frame = page.frame_locator("iframe")
    frame.locator('input[name="answer-facts-change"][value="yes"]').check()
    inner = next(f for f in page.frames if f != page.main_frame)
    wait_for_theme(inner)
    assert inner.evaluate(STORAGE_PROBE) == "SecurityError"  # third-party storage is really blocked here
    assert frame.locator(".gk-status [role=status]").inner_text() == announced("rag", "leaning", 1)
    assert "answers=" in inner.url
    frame.get_by_role("link", name=TEXT.see_result).click()  # stays in the frame, also on embed pages
    assert inner.url.endswith("#result") and "answers=" in inner.url and len(page.context.pages) == 1
    server.shutdown()


def test_without_javascript_every_statement_and_the_decision_table_are_there(browser, site_url):
    with browser_page(browser, java_script_enabled=False) as page:
        page.goto(site_url + CHECKLIST, wait_until="domcontentloaded")  # no theme will start: no script runs
        assert page.locator("fieldset.gk-statement").count() == len(STATEMENTS)
        assert page.locator("article > .gk-checklist").count() == 1  # a block of its own, not inside a paragraph
        assert page.locator(".gk-decides-link").get_by_role("link", name="How this guide decides").is_visible()
        for statement_id in STATEMENTS:
            assert page.locator(f"#statement-{statement_id}").is_visible()
            assert page.locator(f'input[name="answer-{statement_id}"]').count() == 3
        page.locator(".gk-no-script").get_by_role("link", name="How this guide decides").click()
        assert page.locator("h1").inner_text().startswith("How this guide decides")
        assert page.get_by_role("link", name=statement_text("facts-change")).is_visible()
        for constraint in GUIDE.checklist.constraints:
            assert page.locator(f"#constraint-{constraint.id}").is_visible()
        for prerequisite in GUIDE.checklist.prerequisites:
            assert page.locator(f"#prerequisite-{prerequisite.id}").is_visible()
        assert GUIDE.checklist.preference.reason in page.locator("#preference + p").inner_text()
        assert "A lead of 4 points or more over the runner-up is a clear recommendation" in page.locator("article").inner_text()


def test_runs_under_the_strict_content_security_policy(open_strict_page, built_site):
    url, server = serve_folder(built_site, headers=strict_policy_header())
    page, watch = open_strict_page(url)
    try:
        page.goto(url + CHECKLIST)
        scenario = load_example(page, "retailer-eight-markets")  # score bars get their width through the CSSOM
        assert status(page) == announced(scenario.expect.outcome, scenario.expect.strength, len(scenario.answers))
        page.get_by_role("button", name=TEXT.copy_markdown).click()
        page.get_by_role("link", name=TEXT.see_result).click()
        assert watch.take() == []
    finally:
        server.shutdown()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_fits_320_pixels_in_both_schemes(browser, site_url, scheme):
    with browser_page(browser, viewport={"width": 320, "height": 640}, color_scheme=scheme) as page:
        page.goto(site_url + CHECKLIST)
        load_example(page, "global-cpg-strict-voice")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        bar, body = page.evaluate("[getComputedStyle(document.querySelector('.gk-status')).backgroundColor, getComputedStyle(document.body).backgroundColor]")
        assert bar == body  # the sticky bar takes the scheme's background


def test_a_linked_statement_and_a_focused_answer_stop_below_the_sticky_status(browser, site_url):
    with browser_page(browser, viewport={"width": 320, "height": 640}) as page:
        page.goto(site_url + CHECKLIST)
        page.wait_for_selector(".gk-checklist--live")

        def wait_until_below_status(selector: str) -> None:
            """Once scrolling has settled: the theme answers an in-page link by rendering the page again,
            the checklist then starting afresh (its status is briefly absent). Fails after 5 s."""
            page.wait_for_function(
                """selector => {
                    const target = document.querySelector(selector), status = document.querySelector('.gk-status');
                    return !!target && !!status && target.getBoundingClientRect().top >= status.getBoundingClientRect().bottom;
                }""",
                arg=selector,
                timeout=5_000,
            )

        linked = f"#statement-{STATEMENTS[len(STATEMENTS) // 2]}"
        page.evaluate(f"location.hash = {linked!r}")  # as a link from the result does
        expect(page.locator(linked)).to_be_in_viewport()
        wait_until_below_status(linked)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        focused = f'input[name="answer-{STATEMENTS[1]}"][value="yes"]'
        page.focus(focused)  # the page scrolls back up to it
        expect(page.locator(focused)).to_be_in_viewport()
        wait_until_below_status(focused)


# ---- Instant navigation: it runs because the shared build is served at its own site_url ----------


def test_instant_navigation_away_and_back(page, site_url):
    # Material intercepts links only after it has read the sitemap: wait for it, not for time.
    with page.expect_response("**/sitemap.xml"):
        page.goto(site_url + CHECKLIST)
    answer(page, "facts-change", "yes")
    page.evaluate("window.stillTheSamePage = true")
    status_bar = page.locator(".gk-status [role=status]")
    link_to(page, f"{GUIDE.id}/comparison/", ".md-nav__link").click()
    expect(page.locator("h1")).to_have_text(re.compile("^Comparison"))
    page.go_back()  # the address still holds the answers
    expect(status_bar).to_have_text(announced("rag", "leaning", 1))
    link_to(page, f"{GUIDE.id}/glossary/", ".md-nav__link").click()
    expect(page.locator("h1")).to_have_text(re.compile("^Glossary"))
    link_to(page, f"{GUIDE.id}/checklist/", ".md-nav__link").click()  # a plain link: from storage
    expect(status_bar).to_have_text(announced("rag", "leaning", 1))
    assert given_answers(page) == {"facts-change": "yes"}
    assert "answers=" in page.url
    assert page.evaluate("window.stillTheSamePage") is True  # no full page load happened
    assert page.locator(".gk-status").count() == 1  # initialised once
    assert page.locator(".gk-examples").count() == 1


def answer_key(statement_id: str) -> str:
    """The 4-character key checklist.js gives a statement in links (FNV-1a, base 36)."""
    value = 2166136261
    for char in statement_id:  # ids are ASCII slugs: one UTF-16 unit each, as charCodeAt sees them
        value = ((value ^ ord(char)) * 16777619) & 0xFFFFFFFF
    digits = ""
    while value:
        value, digit = divmod(value, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[digit] + digits
    return ("000" + digits)[-4:]


def test_links_name_each_statement_by_its_own_key(checklist):
    page = checklist
    for statement_id in STATEMENTS:
        answer(page, statement_id, "yes")
    pairs = re.search(r"answers=\w{4}\.(\w+)", page.url).group(1)
    assert [pairs[i : i + 4] for i in range(0, len(pairs), 5)] == [answer_key(s) for s in STATEMENTS]
    for guide in load_site(PROJECT / "content_data", PROJECT).guides:
        keys = [answer_key(s.id) for group in guide.checklist.groups for s in group.statements]
        assert len(set(keys)) == len(keys), f"{guide.id}: two statement ids share a link key; rename one of them"


def test_instant_navigation_into_the_checklist_starts_it_once(page, site_url):
    """Its scripts load with the checklist's pages only (one joined file): arriving by instant
    navigation from a page without them, the theme runs that file and the checklist starts."""
    with page.expect_response("**/sitemap.xml"):
        page.goto(site_url + f"{GUIDE.id}/")
    page.evaluate("window.stillTheSamePage = true")
    link_to(page, CHECKLIST, ".md-nav__link").click()
    answer(page, "facts-change", "yes")
    expect(page.locator(".gk-status [role=status]")).to_have_text(announced("rag", "leaning", 1))
    assert page.evaluate("window.stillTheSamePage") is True  # no full page load happened
    assert page.locator(".gk-status").count() == 1  # initialised once
    assert page.locator(".gk-examples").count() == 1
