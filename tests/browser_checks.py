"""What a strict intranet sees: the policy it sends, and a recorder of everything a page does wrong.

Used by the browser tests that serve the built site with the strict Content-Security-Policy.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# The policy from the intranet requirements, without frame-ancestors (each server adds its own).
STRICT_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'"
)

# Chromium reports a violation in the console too, but only this event names the directive in
# every case (also for violations inside frames); turning it into a console error makes one channel.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline code"}`
    + ` (${event.sourceFile || location.href}:${event.lineNumber})`);
});
"""


@contextmanager
def browser_page(browser, *, init_scripts: Iterable[str] = (), **context_options):
    """A page in a fresh context (Playwright's `new_context` options), with `init_scripts` run in
    every document it opens; fails the test on any uncaught error in the page, and closes the
    context whatever happens."""
    context = browser.new_context(**context_options)
    for script in init_scripts:
        context.add_init_script(script)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))  # the stack says where
    try:
        yield page
    finally:
        context.close()
    assert errors == [], f"uncaught errors in the page: {errors}"


KNOWN_WORD = "prompting"  # appears in the feature guide (conftest.FEATURE_GUIDE), so search must find it
GUIDE = "fine-tuning-vs-prompting/"


def search(page, word: str):
    """Type into the search box of a page or frame, as a reader would, once the theme that runs
    the search has started; returns the result items."""
    wait_for_theme(page)
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(word)
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    return results


# Whether the browser lets this frame use localStorage: "usable", or the error's name
# ("SecurityError" where third-party storage is blocked). It asks a fresh same-origin child frame,
# because the site's storage guard replaces window.localStorage by an in-memory one where it throws.
STORAGE_PROBE = """() => {
  const probe = document.createElement("iframe");
  document.body.append(probe);
  try { probe.contentWindow.localStorage.length; return "usable"; }
  catch (error) { return error.name; }
  finally { probe.remove(); }
}"""


def strict_policy_header(frame_ancestors: str = "'self'") -> dict[str, str]:
    return {"Content-Security-Policy": f"{STRICT_POLICY}; frame-ancestors {frame_ancestors}"}


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class PageWatch:
    """Records console errors (CSP violations among them), uncaught errors, requests to any origin
    but the allowed ones, and failed responses, for every frame of one page."""

    allowed_origins: set[str]
    problems: list[str] = field(default_factory=list)

    @classmethod
    def attach(cls, page, *allowed_urls: str) -> "PageWatch":
        watch = cls({origin(url) for url in allowed_urls})
        page.on("console", watch._on_console)
        page.on("pageerror", lambda error: watch.problems.append(f"uncaught error: {error}"))
        page.on("request", watch._on_request)
        page.on("response", watch._on_response)
        return watch

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text} (at {message.location.get('url')})")

    def _on_request(self, request) -> None:
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        if origin(url) not in self.allowed_origins:
            self.problems.append(f"request to another host: {url}")

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status} for {response.url}")

    def take(self) -> list[str]:
        """The problems recorded since the last call."""
        problems, self.problems = self.problems, []
        return problems


def load_quietly(open_page, allowed_url: str, urls: list[str], *, tabs: int = 4):
    """Load each URL and wait until its network has been idle for half a second (so that requests
    made after the load are seen too); yields (url, page, the PageWatch's problems) for each.
    `tabs` pages load at once, each in a context of its own from `open_page`
    (`open_strict_page`), so that their half seconds of waiting overlap instead of adding up."""
    pool = [open_page(allowed_url) for _ in range(tabs)]
    for start in range(0, len(urls), tabs):
        batch = list(zip(pool, urls[start : start + tabs], strict=False))  # the last batch may be shorter
        for (page, _), url in batch:
            page.goto(url, wait_until="commit")
        for (page, watch), url in batch:
            # Up to 30 s: the pages of a batch share the CPU, on a busy machine more than a page alone.
            # "load" first: with the assets cached, the network can be quiet for half a second before
            # a starved page has run its deferred scripts, and "networkidle" alone would not wait for them.
            page.wait_for_load_state("load", timeout=30_000)
            wait_for_theme(page, timeout_ms=30_000)
            page.wait_for_load_state("networkidle", timeout=30_000)
            yield url, page, watch.take()


# The site's pages start the theme (Material's bundle, then our scripts) after their first paint
# (overrides/assets/javascripts/guidekit/start-theme.js), so their load event can come first. A
# page counts as open once its theme has started, or at once if it has none to start (another
# site's page, a file that is not a page). A selector, so that Playwright waits for it in the
# page, which a strict Content-Security-Policy allows (unlike `wait_for_function`, see below).
THEME_STARTED = "html[data-gk-theme-started], html:not(:has(template[data-gk-theme-scripts]))"


def wait_for_theme(target, *, timeout_ms: int = 10_000) -> None:
    """Wait until the theme of the page or frame `target` has started (THEME_STARTED)."""
    target.wait_for_selector(THEME_STARTED, state="attached", timeout=timeout_ms)


def wait_until(target, expression: str, *, timeout_ms: int = 10_000, interval_ms: int = 50) -> None:
    """Wait until `expression` is truthy in a page or frame; raises Playwright's TimeoutError after
    `timeout_ms`. Polled with `evaluate`, which a strict Content-Security-Policy allows: Playwright's
    own `wait_for_function` evaluates its predicate with `eval` once the first try fails, which
    the policy blocks."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not target.evaluate(expression):
        if time.monotonic() > deadline:
            raise PlaywrightTimeoutError(f"still false after {timeout_ms} ms: {expression}")
        target.wait_for_timeout(interval_ms)
