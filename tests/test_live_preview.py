"""The live preview survives content mistakes: a real `mkdocs serve`, a browser, a broken file, a fix."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from markupsafe import Markup

from conftest import ENV, MKDOCS
from guidekit.site.build import prepare_build, prepare_preview

EMAIL = "content_data/team-chat-tools/options/email.yml"

# For a run with the clock moved by libfaketime (README): the server waits for saved files to
# settle with a timed wait, and Python 3.11 sets its end on the monotonic clock, which
# libfaketime 0.9.10 moves too, while the kernel waits on the real one, so the wait never ends.
# The server keeps the moved date and calendar; only its stopwatch runs on the real clock.
# Without libfaketime the variable means nothing.
REAL_STOPWATCH = {"FAKETIME_DONT_FAKE_MONOTONIC": "1"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    """The page's HTML; a hanging server fails the test after 5 seconds instead of blocking it."""
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, text: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    html = ""
    while time.monotonic() < deadline:
        try:
            html = fetch(url)
        except OSError:
            html = ""
        if text in html:
            return html
        time.sleep(0.2)
    raise AssertionError(f"{text!r} did not appear at {url} within {timeout} s; last page:\n{html[-2000:]}")


OTHER = "team-chat-copy"  # a second, valid guide: an error in the first must not hide it


def with_second_guide(project):
    shutil.copytree(project.content / "team-chat-tools", project.content / OTHER)
    project.edit(f"content_data/{OTHER}/guide.yml", "short_title: Email vs. chat", "short_title: Chat copy")
    return project


@pytest.fixture
def live_preview(mini_project, tmp_path):
    project = with_second_guide(mini_project)
    port = free_port()
    # The server is stopped with SIGTERM, after which MkDocs cannot remove the temporary folder
    # it serves from (only Ctrl-C does): it makes it in the test's own folder, which pytest clears.
    server_temp = tmp_path / "serve-temp"
    server_temp.mkdir()
    server = subprocess.Popen(
        [*MKDOCS, "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project.root,
        env={**ENV, **REAL_STOPWATCH, "TMPDIR": str(server_temp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(base + "team-chat-tools/options/email/", "Slow, searchable")
        yield project, base
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
        assert "Traceback" not in output, output


def save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def main_content(html: str) -> str:
    """The page's article, without the navigation (which lists every guide, the broken one too)."""
    return html[html.index("<article") : html.index("</article>")]


def test_a_broken_file_shows_the_problems_on_its_guide_only_and_the_fixed_file_brings_it_back(live_preview, page):
    project, base = live_preview
    email_page = base + "team-chat-tools/options/email/"
    other_pages = [base + f"{OTHER}/{path}" for path in ("", "comparison/", "options/email/", "checklist/")]
    before = {url: main_content(fetch(url)) for url in other_pages}
    page.goto(email_page)
    page.get_by_role("heading", name="Email", level=1).wait_for()

    good = (project.root / EMAIL).read_text()
    save(project.root / EMAIL, good.replace("tagline:", "taglin:"))
    # The page in the browser reloads by itself and lists the problem in place of the guide.
    page.get_by_role("heading", name="Content problems", level=1).wait_for(timeout=30_000)
    listed = page.locator("article li").first.inner_text()
    assert listed.startswith(f"{EMAIL}:3:1 · taglin: unknown field 'taglin' (did you mean 'tagline'?)"), listed
    # The broken guide's other pages answer at once (no hang) with the same list, and its
    # navigation keeps the pages' titles.
    comparison = fetch(base + "team-chat-tools/comparison/")
    assert f"{EMAIL}:3:1" in comparison
    navigation = page.locator("nav.md-nav--primary").inner_text()
    assert "Comparison" in navigation and ".yml" not in navigation
    # The other guide is exactly as it was; the home page lists both, the broken one as such.
    assert {url: main_content(fetch(url)) for url in before} == before
    home = main_content(fetch(base))
    assert f'href="{OTHER}/"' in home
    assert re.search(r'href="team-chat-tools/">Email vs\. chat</a>[^\n]*</h3>\s*<p><em>This guide has content problems', home), home
    assert "Content problems" not in home and EMAIL not in home
    page.goto(other_pages[2])
    page.get_by_role("heading", name="Email", level=1).wait_for()
    page.goto(email_page)

    save(project.root / EMAIL, good.replace("tagline: Slow", 'tagline: "Slow'))  # now a YAML syntax error
    problem = page.locator("article li", has_text="the quoted text that starts here is never closed")
    problem.wait_for(timeout=30_000)
    assert problem.inner_text().startswith(f"{EMAIL}:3:10: the quoted text"), problem.inner_text()

    save(project.root / EMAIL, good)
    page.get_by_role("heading", name="Email", level=1).wait_for(timeout=30_000)
    assert "Content problems" not in fetch(email_page)


def test_the_preview_keeps_every_valid_guide_exactly_as_the_build_renders_it(mini_project):
    project = with_second_guide(mini_project)
    built = {page.src_uri: page.markdown for page in prepare_build(project.root).pages}
    project.edit(EMAIL, "tagline:", "taglin:")
    preview = prepare_preview(project.root)
    assert preview.sections == {"team-chat-copy": "Chat copy", "team-chat-tools": "Email vs. chat"}
    shown = {page.src_uri: page.markdown for page in preview.pages}
    assert {uri: text for uri, text in shown.items() if uri.startswith(OTHER)} == {uri: text for uri, text in built.items() if uri.startswith(OTHER)}
    broken = [page for page in preview.pages if page.src_uri.startswith("team-chat-tools/")]
    assert {page.src_uri for page in broken} == {uri for uri in built if uri.startswith("team-chat-tools/")}
    assert all("Content problems" in page.markdown for page in broken)
    assert {page.nav_title for page in broken if page.in_nav} >= {"Overview", "Comparison", "Email", "Chat", "Decision checklist", "Sources"}
    assert preview.problem_banner == ""  # hand-written pages render as usual


def test_a_build_still_refuses_broken_content(mini_project):
    mini_project.edit(EMAIL, "tagline:", "taglin:")
    result = mini_project.build()
    assert result.returncode == 1
    assert f"{EMAIL}:3:1: taglin: unknown field 'taglin' (did you mean 'tagline'?)" in result.output
    assert not (mini_project.root / "site" / "team-chat-tools").exists()


# Rebuilds as `mkdocs serve` runs them, in one process: the first build fills the temporary site
# folder, an edit follows, the second build reuses what did not change; a third build into a new
# folder renders everything afresh. Prints the folders and what was kept after the first build.
REBUILDS = """
import json, sys, tempfile
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.commands.build import build

edited, old, new = sys.argv[1:]
def preview_build(site_dir):
    config = load_config("mkdocs.yml", site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")

reused, fresh = tempfile.mkdtemp(), tempfile.mkdtemp()
preview_build(reused)
kept_before = sorted(path.name for path in Path(reused, ".guidekit-preview").iterdir())
path = Path(edited)
path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
preview_build(reused)
preview_build(fresh)
print(json.dumps({"reused": reused, "fresh": fresh, "kept_before": kept_before}))
"""


def html_pages(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in site.rglob("*.html")}


def edited_between_rebuilds(mini_project, script: str) -> dict:
    """Runs `script` (two preview builds with a tagline edited in between); the folders it reports."""
    done = subprocess.run(
        [MKDOCS[0], "-c", script, EMAIL, "tagline: Slow", "tagline: Reusemark slow"],
        cwd=mini_project.root,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_rebuild_in_the_preview_reuses_unchanged_pages_and_gives_the_same_site_as_a_fresh_build(mini_project):
    with_second_guide(mini_project)
    folders = edited_between_rebuilds(mini_project, REBUILDS)
    reused, fresh = Path(folders["reused"]), Path(folders["fresh"])
    pages = html_pages(reused)
    assert pages == html_pages(fresh)
    assert "Reusemark slow" in pages["team-chat-tools/options/email/index.html"]
    # Each guide's generated pages, each page's rendering and its search entries are kept, and
    # only the current ones: the edited guide's and pages' old ones are replaced, the others were
    # reused (404.html is a theme template, not a page).
    after = {path.name for path in (reused / ".guidekit-preview").iterdir()}
    for kind, count in (("guide", 2), ("page", len(pages) - 1), ("search", len(pages) - 1)):
        kept_before, kept = {name for name in folders["kept_before"] if name.startswith(f"{kind}-")}, {name for name in after if name.startswith(f"{kind}-")}
        assert len(kept_before) == len(kept) == count, kind
        assert 0 < len(kept - kept_before) <= len(kept) / 2, kind
    shutil.rmtree(reused)
    shutil.rmtree(fresh)


class KeptResults:
    """The live preview's store (hooks/_preview_store.py), in memory."""

    def __init__(self):
        self.results: dict[tuple[str, bytes], object] = {}

    def get(self, kind: str, inputs: bytes):
        return self.results.get((kind, inputs))

    def put(self, kind: str, inputs: bytes, result) -> None:
        self.results[(kind, inputs)] = result

    def count(self, kind: str) -> int:
        return sum(1 for stored_kind, _ in self.results if stored_kind == kind)


def test_the_preview_renders_a_guide_again_only_when_the_guide_or_a_template_changed(mini_project):
    project = with_second_guide(mini_project)
    kept = KeptResults()
    prepare_preview(project.root, reuse=kept)
    assert kept.count("guide") == 2  # one entry per guide
    project.edit(EMAIL, "tagline: Slow", "tagline: Reusemark slow")
    edited = prepare_preview(project.root, reuse=kept)
    assert kept.count("guide") == 3  # the edited guide rendered again, the other one reused
    assert [(page.src_uri, page.markdown) for page in edited.pages] == [(page.src_uri, page.markdown) for page in prepare_preview(project.root).pages]
    assert "Reusemark slow" in next(page.markdown for page in edited.pages if page.src_uri == "team-chat-tools/options/email.md")
    template = project.root / "overrides" / "guidekit" / "option.md"
    template.write_text(template.read_text(encoding="utf-8") + "\nTemplatemark\n", encoding="utf-8")
    retemplated = prepare_preview(project.root, reuse=kept)
    assert kept.count("guide") == 5
    option_pages = {
        page.src_uri: page.markdown for page in retemplated.pages if page.src_uri in {f"{guide}/options/email.md" for guide in ("team-chat-tools", OTHER)}
    }
    assert len(option_pages) == 2 and all("Templatemark" in markdown for markdown in option_pages.values())


def test_a_changed_guide_keeps_the_html_of_its_unchanged_texts(mini_project):
    kept = KeptResults()
    prepare_preview(mini_project.root, reuse=kept)
    ((key, rendered),) = [(key, result) for key, result in kept.results.items() if key[0] == "markdown"]
    unchanged_text = next(text for text in rendered if "Storedmark" not in text)
    kept.results[key] = {**rendered, unchanged_text: Markup("<p>Storedmark</p>")}  # stands for HTML from an earlier rebuild
    mini_project.edit(EMAIL, "tagline: Slow", "tagline: Reusemark slow")
    edited = prepare_preview(mini_project.root, reuse=kept)
    markdown = "".join(page.markdown for page in edited.pages)
    assert "Reusemark slow" in markdown and "Storedmark" in markdown
    assert kept.count("markdown") == 1 and unchanged_text in kept.results[key]


# Two preview builds into one folder, with a file added to the theme's folder (overrides/) between them.
THEME_FILE_ADDED = """
import sys, tempfile
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.commands.build import build

def preview_build(site_dir):
    config = load_config("mkdocs.yml", site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")

site = tempfile.mkdtemp()
preview_build(site)
Path("overrides", "assets", "added-meanwhile.txt").write_text("Addedmark", encoding="utf-8")
preview_build(site)
print(site)
"""


def test_the_preview_lists_the_theme_again_when_a_file_is_added_to_it(mini_project):
    done = subprocess.run([MKDOCS[0], "-c", THEME_FILE_ADDED], cwd=mini_project.root, env=ENV, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    site = Path(done.stdout.strip().splitlines()[-1])
    assert (site / "assets" / "added-meanwhile.txt").read_text(encoding="utf-8") == "Addedmark"
    assert [path.name for path in (site / ".guidekit-preview").iterdir() if path.name.startswith("theme-listing-")]  # kept for the next rebuild
    shutil.rmtree(site)


# As REBUILDS, with every generated page of more than one section rendered section by section
# (hooks/_sectioned_render.py; the fixture guide's pages are below its length threshold). Keeps a
# copy of the first build's site, and prints the sections kept after each build.
SECTIONED_REBUILDS = """
import json, shutil, sys, tempfile
from pathlib import Path
sys.path.insert(0, "hooks")
import _sectioned_render
_sectioned_render.MIN_LENGTH = 0
from mkdocs.config import load_config
from mkdocs.commands.build import build

edited, old, new = sys.argv[1:]
def preview_build(site_dir):
    config = load_config("mkdocs.yml", site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")

def sections(site):
    return sorted(path.name for path in Path(site, ".guidekit-preview").iterdir() if path.name.startswith("section-"))

site, first = tempfile.mkdtemp(), tempfile.mkdtemp()
preview_build(site)
shutil.copytree(site, first, dirs_exist_ok=True)
path = Path(edited)
path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
preview_build(site)
print(json.dumps({"first": first, "site": site, "kept_before": sections(first), "kept": sections(site)}))
"""


def test_pages_rendered_section_by_section_are_the_pages_a_build_makes(mini_project):
    built = mini_project.build()
    assert built.returncode == 0, built.output
    built_pages = html_pages(built.site)
    folders = edited_between_rebuilds(mini_project, SECTIONED_REBUILDS)
    first, site = Path(folders["first"]), Path(folders["site"])
    rebuilt = mini_project.build()
    assert html_pages(first) == built_pages
    assert html_pages(site) == html_pages(rebuilt.site)
    assert "Reusemark slow" in rebuilt.page("team-chat-tools/print/index.html")
    # Most sections were reused: only those holding the tagline were rendered again.
    kept_before, kept = set(folders["kept_before"]), set(folders["kept"])
    assert len(kept_before) > 20 and 0 < len(kept - kept_before) < len(kept) / 4, (len(kept_before), len(kept - kept_before), len(kept))
    shutil.rmtree(first)
    shutil.rmtree(site)
