"""The live preview survives content mistakes: a real `mkdocs serve`, a browser, a broken file, a fix."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ENV, MKDOCS

EMAIL = "content_data/team-chat-tools/options/email.yml"


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


@pytest.fixture
def live_preview(mini_project):
    port = free_port()
    server = subprocess.Popen(
        [*MKDOCS, "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=mini_project.root, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(base + "team-chat-tools/options/email/", "Slow, searchable")
        yield mini_project, base
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
        assert "Traceback" not in output, output


def save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_a_broken_file_shows_the_problems_and_the_fixed_file_brings_the_guide_back(live_preview, page):
    project, base = live_preview
    email_page = base + "team-chat-tools/options/email/"
    page.goto(email_page)
    page.get_by_role("heading", name="Email", level=1).wait_for()

    good = (project.root / EMAIL).read_text()
    save(project.root / EMAIL, good.replace("tagline:", "taglin:"))
    # The page in the browser reloads by itself and lists the problem in place of the guide.
    page.get_by_role("heading", name="Content problems", level=1).wait_for(timeout=30_000)
    listed = page.locator("article li").first.inner_text()
    assert listed.startswith(f"{EMAIL}:3:1 · taglin: unknown field 'taglin' (did you mean 'tagline'?)"), listed
    # Every other page answers at once (no hang) with the same list; hand-written pages show it on top.
    assert f"{EMAIL}:3:1" in fetch(base + "team-chat-tools/comparison/")
    home = fetch(base)
    assert "The content has 1 error: the guides are not shown until they are fixed" in home
    assert "AI strategy guides for marketing teams" in home

    save(project.root / EMAIL, good.replace("tagline: Slow", 'tagline: "Slow'))  # now a YAML syntax error
    problem = page.locator("article li", has_text="the quoted text that starts here is never closed")
    problem.wait_for(timeout=30_000)
    assert problem.inner_text().startswith(f"{EMAIL}:3:10: the quoted text"), problem.inner_text()

    save(project.root / EMAIL, good)
    page.get_by_role("heading", name="Email", level=1).wait_for(timeout=30_000)
    assert "Content problems" not in fetch(email_page)
    assert "the guides are not shown" not in fetch(base)


def test_a_build_still_refuses_broken_content(mini_project):
    mini_project.edit(EMAIL, "tagline:", "taglin:")
    result = mini_project.build()
    assert result.returncode == 1
    assert f"{EMAIL}:3:1: taglin: unknown field 'taglin' (did you mean 'tagline'?)" in result.output
    assert not (mini_project.root / "site" / "team-chat-tools").exists()
