"""The offline bundle: built by `make offline`, opened from file:// with every other request blocked."""

import re
import subprocess
import sys
import zipfile

import pytest

from conftest import ENV, PROJECT, copy_project, link_to

GUIDE = "fine-tuning-vs-prompting"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    root = tmp_path_factory.mktemp("offline")
    project = copy_project(root / "project")
    output = root / "bundle.zip"
    completed = subprocess.run(
        [sys.executable, str(PROJECT / "scripts" / "build_offline.py"), "--project", str(project.root), "--output", str(output)],
        env=ENV, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert not list(project.root.glob(".mkdocs-offline-*")), "the temporary configuration was left behind"
    with zipfile.ZipFile(output) as archive:
        archive.extractall(root / "unzipped")
    return root / "unzipped" / "ai-strategy-guides"


@pytest.fixture
def offline_page(page):
    """A page that may load file:// URLs only; every other request is aborted and recorded."""
    blocked = []

    def only_files(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.context.route("**/*", only_files)
    page.blocked = blocked
    return page


def test_bundle_uses_the_vendored_search_shim_and_no_cdn(bundle):
    home = (bundle / "index.html").read_text()
    assert '<script src="assets/vendor/iframe-worker/shim.js"></script>' in home
    assert "unpkg.com" not in home
    assert (bundle / "assets/vendor/iframe-worker/LICENSE").is_file()
    assert (bundle / "search/search_index.js").read_text().startswith("var __index = ")
    assert (bundle / GUIDE / "checklist.html").is_file()  # no directory URLs: links work from disk
    assert "Embed this" not in (bundle / GUIDE / "comparison.html").read_text()  # nothing to embed from a disk


def test_search_works_from_disk_without_network(bundle, offline_page):
    page = offline_page
    page.goto((bundle / "index.html").as_uri())
    search = page.locator(".md-search__input")
    search.click()  # from file://, the theme loads the search index only once search is opened
    page.locator(".md-search-result__meta", has_text="Type to start searching").wait_for(timeout=10_000)
    search.press_sequentially("retrieval")
    # Results refresh as each letter is typed: wait for the ones for the whole word.
    first = page.locator(".md-search-result__item", has_text=re.compile("retrieval", re.I)).first
    first.wait_for(timeout=10_000)
    first.locator("a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and ".html" in page.url
    assert page.locator("article h1").count() == 1
    assert page.blocked == []


def test_checklist_page_renders_from_disk(bundle, offline_page):
    page = offline_page
    page.goto((bundle / GUIDE / "checklist.html").as_uri())
    assert page.locator("h1").first.text_content().startswith("Decision checklist")
    assert page.locator("[id^=statement-]").count() >= 10
    page.check('input[name="answer-facts-change"][value="yes"]')  # the checklist's classic scripts run from disk
    assert page.locator(".gk-status [role=status]").inner_text().startswith("Leaning: RAG")
    assert "?answers=" in page.url
    link_to(page, f"{GUIDE}/comparison.html").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{GUIDE}/comparison.html")
    assert page.blocked == []
