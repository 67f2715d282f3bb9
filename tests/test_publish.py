"""Atomic publishing: a failed build never touches the live site, and readers never see a half-written one."""

import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from conftest import ENV, MINI_GUIDE, PROJECT, copy_project, serve_folder

GUIDE = "team-chat-tools"


def publish(project, dest: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(PROJECT / "scripts" / "publish.py"), "--dest", str(dest), "--project", str(project.root), *extra],
        env=ENV, capture_output=True, text=True, timeout=300,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def published(tmp_path):
    """The mini project published twice; returns (project, dest)."""
    project = copy_project(tmp_path / "project", guides=[MINI_GUIDE])
    dest = tmp_path / "srv"
    for _ in range(2):
        completed = publish(project, dest)
        assert completed.returncode == 0, completed.stdout + completed.stderr
    return project, dest


def test_publish_builds_a_release_and_points_current_at_it(published):
    _, dest = published
    releases = sorted((dest / "releases").iterdir())
    assert len(releases) == 2
    assert (dest / "current").is_symlink()
    assert (dest / "current").resolve() == releases[-1]
    assert not (dest / "current").readlink().is_absolute()
    assert (dest / "current" / GUIDE / "comparison" / "index.html").is_file()


@pytest.mark.parametrize(
    "break_it, message",
    [
        # A content mistake: stopped before anything is built.
        (lambda p: p.edit(f"content_data/{GUIDE}/guide.yml", "short_title:", "short_title: [unclosed"),
         f"content_data/{GUIDE}/guide.yml:"),
        # A broken link: MkDocs writes the whole site, then strict mode aborts.
        (lambda p: p.write("docs/broken.md", "# Broken\n\n[gone](missing.md)\n"), "missing.md"),
    ],
)
def test_failed_publish_leaves_the_live_site_untouched(published, break_it, message):
    project, dest = published
    live = (dest / "current").resolve()
    before = snapshot(live)
    break_it(project)
    completed = publish(project, dest)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    assert message in output
    assert "nothing was published" in output
    assert "Traceback" not in output
    assert (dest / "current").resolve() == live
    assert snapshot(live) == before
    assert len(list((dest / "releases").iterdir())) == 2  # the half-built release is gone
    assert not (dest / "current.tmp").exists()


def test_old_releases_are_pruned_and_rollback_goes_back(published):
    project, dest = published
    for _ in range(2):
        assert publish(project, dest, "--keep", "3").returncode == 0
    releases = sorted((dest / "releases").iterdir())
    assert len(releases) == 3 and (dest / "current").resolve() == releases[-1]
    completed = publish(project, dest, "--rollback")
    assert completed.returncode == 0, completed.stderr
    assert (dest / "current").resolve() == releases[-2]


def test_readers_see_a_complete_site_during_publishing(published):
    project, dest = published
    url, server = serve_folder(dest / "current")  # resolves the symlink on every request
    failures, successes, done = [], [], threading.Event()

    def read():
        while not done.is_set():
            for path in ["", f"{GUIDE}/comparison/", f"{GUIDE}/guide.json", "assets/javascripts/embed.js"]:
                try:
                    with urllib.request.urlopen(url + path, timeout=5) as response:
                        response.read()
                    successes.append(path)
                except Exception as error:  # any failed request is what this test looks for
                    failures.append(f"{path}: {error}")

    readers = [threading.Thread(target=read) for _ in range(3)]
    for reader in readers:
        reader.start()
    try:
        for _ in range(3):
            assert publish(project, dest).returncode == 0
    finally:
        done.set()
        for reader in readers:
            reader.join()
        server.shutdown()
    assert failures == []
    assert len(successes) > 100


def test_publish_with_an_owners_own_config_file(tmp_path):
    project = copy_project(tmp_path / "project", guides=[MINI_GUIDE])
    project.write("mkdocs.intranet.yml", "INHERIT: mkdocs.yml\nsite_name: Acme AI Guides\n")
    dest = tmp_path / "srv"
    completed = publish(project, dest, "--config", "mkdocs.intranet.yml")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "<title>AI Strategy Guides - Acme AI Guides</title>" in (dest / "current" / "index.html").read_text()
