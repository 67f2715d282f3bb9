"""The offline bundle: built by `make offline`, opened from file:// with every other request blocked."""

import hashlib
import os
import re
import signal
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from conftest import ENV, MINI_GUIDE, copy_project, link_to

GUIDE = "fine-tuning-vs-prompting"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    root = tmp_path_factory.mktemp("offline")
    project = copy_project(root / "project")
    folder = project.unzipped_offline_bundle(root / "bundle.zip")
    assert not list(project.root.glob(".mkdocs-offline-*")), "the temporary configuration was left behind"
    assert folder.name == "ai-strategy-guides"
    return folder


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


def test_a_killed_run_never_leaves_a_truncated_zip_under_the_bundles_name(tmp_path):
    project = copy_project(tmp_path / "project", guides=[MINI_GUIDE])
    output = tmp_path / "dist" / "bundle.zip"
    output.parent.mkdir()
    with zipfile.ZipFile(output, "w") as earlier:  # the bundle a previous run made
        earlier.writestr("ai-strategy-guides/index.html", "<html></html>")
    earlier_bytes = output.read_bytes()
    command = project.offline_bundle_command(output)
    partial = tmp_path / "dist" / "bundle.zip.partial"

    killed = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while not partial.exists() and killed.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.killpg(killed.pid, signal.SIGKILL)  # while the zip is being written
    killed.wait(timeout=60)
    assert partial.exists(), "the run ended before it started writing the zip"
    assert output.read_bytes() == earlier_bytes

    again = subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "offline: removed bundle.zip.partial, left unfinished by a run that was stopped" in again.stdout
    assert not partial.exists()
    with zipfile.ZipFile(output) as archive:
        assert archive.testzip() is None and "ai-strategy-guides/search/search_index.js" in archive.namelist()
    digest = hashlib.sha256(output.read_bytes()).hexdigest()
    assert (tmp_path / "dist" / "bundle.zip.sha256").read_text() == f"{digest}  bundle.zip\n"


def test_a_run_killed_while_building_leaves_nothing_the_next_run_does_not_remove(tmp_path):
    project = copy_project(tmp_path / "project", guides=[MINI_GUIDE])
    output = tmp_path / "dist" / "bundle.zip"
    command = project.offline_bundle_command(output)

    killed = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while not list(project.root.glob(".mkdocs-offline-*.yml")) and killed.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    overlays = list(project.root.glob(".mkdocs-offline-*.yml"))
    assert len(overlays) == 1, "the run ended before it started building"
    build_folder = Path(tempfile.gettempdir()) / ("guidekit-offline-" + overlays[0].stem.removeprefix(".mkdocs-offline-"))
    while not any(build_folder.glob("*")) and killed.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.killpg(killed.pid, signal.SIGKILL)  # while MkDocs writes the site
    killed.wait(timeout=60)
    assert overlays[0].exists() and build_folder.is_dir(), "nothing was left to clean up: the kill came too late"

    again = subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"offline: removed {overlays[0].name} and its build folder, left by a run that was killed" in again.stdout
    assert not list(project.root.glob(".mkdocs-offline-*")) and not build_folder.exists()
    assert zipfile.is_zipfile(output)
