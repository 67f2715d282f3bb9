"""Atomic publishing: a failed build never touches the live site, and readers never see a half-written one.

The fault tests run real publishes and stop them the ways servers do: SIGKILL of the whole process
group (an out-of-memory kill, a CI timeout), Ctrl-C, SIGTERM, a read-only destination, a full disk.
"""

import contextlib
import fcntl
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ENV, MINI_GUIDE, PROJECT, Project, copy_project
from nginx_server import PREFIX, run_nginx

GUIDE = "team-chat-tools"


def publish_command(project, dest: Path, *extra: str) -> list[str]:
    return [sys.executable, str(PROJECT / "scripts" / "publish.py"), "--dest", str(dest), "--project", str(project.root), *extra]


def publish(project, dest: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(publish_command(project, dest, *extra), env=ENV, capture_output=True, text=True, timeout=300)


def start_publish(project, dest: Path) -> subprocess.Popen:
    """A publish in its own process group, as `make publish` runs in a shell's or a CI job's."""
    return subprocess.Popen(publish_command(project, dest), env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)


def wait_until(condition, what: str, publishing: subprocess.Popen | None = None, timeout: float = 120) -> None:
    """Wait for `condition`; fails at once, with its output, if the `publishing` process ends first."""
    deadline = time.monotonic() + timeout
    while not condition():
        if publishing is not None and publishing.poll() is not None and not condition():
            pytest.fail(f"the publish ended (status {publishing.returncode}) before {what}:\n{publishing.stdout.read()}")
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.005)


def unfinished(dest: Path) -> list[Path]:
    return sorted((dest / "releases").glob("*.unfinished"))


def complete(release: Path) -> bool:
    return (release / "index.html").is_file() and (release / "search" / "search_index.json").is_file()


def live(dest: Path) -> Path:
    return (dest / "current").resolve()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def published_twice(build_cache, tmp_path_factory) -> Path:
    """The mini project published twice into srv/, beside it in project/: made once per run and
    shared by the xdist workers (in the run's folder, under a lock), since every test starts from
    the same two releases (each test works on its own copy)."""
    shared = build_cache.folder / "published-twice"
    shared.mkdir(parents=True, exist_ok=True)
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "made").is_dir():
            root = tmp_path_factory.mktemp("published")
            project = copy_project(root / "project", guides=[MINI_GUIDE])
            for _ in range(2):
                completed = publish(project, root / "srv")
                assert completed.returncode == 0, completed.stdout + completed.stderr
            root.rename(shared / "made")
    return shared / "made"


@pytest.fixture
def published(published_twice, tmp_path):
    """A copy of the mini project published twice; returns (project, dest). The `current` link
    is relative, so the copy's link points into the copy."""
    for name in ("project", "srv"):
        shutil.copytree(published_twice / name, tmp_path / name, symlinks=True)
    assert (tmp_path / "srv" / "current").resolve().parent == tmp_path / "srv" / "releases"
    return Project(tmp_path / "project"), tmp_path / "srv"


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
        (lambda p: p.edit(f"content_data/{GUIDE}/guide.yml", "short_title:", "short_title: [unclosed"), f"content_data/{GUIDE}/guide.yml:"),
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


def test_publish_with_an_owners_own_config_file(tmp_path):
    project = copy_project(tmp_path / "project", guides=[MINI_GUIDE])
    project.write("mkdocs.intranet.yml", "INHERIT: mkdocs.yml\nsite_name: Acme AI Guides\n")
    dest = tmp_path / "srv"
    completed = publish(project, dest, "--config", "mkdocs.intranet.yml")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "<title>AI Strategy Guides - Acme AI Guides</title>" in (dest / "current" / "index.html").read_text()


# ---- Incomplete releases are never candidates --------------------------------------------------


def test_rollback_refuses_incomplete_releases_and_lists_the_candidates(published):
    project, dest = published
    first, second = sorted((dest / "releases").iterdir())
    # As older versions of publish.py left a killed publish: a release-named folder with a home page only,
    # named between the two complete releases.
    broken = dest / "releases" / f"{first.name}-01"  # "-01": never a name publish.py gives, whatever the clock says
    broken.mkdir()
    (broken / "index.html").write_text("<html>")
    building = dest / "releases" / "29991231-235959.unfinished"
    building.mkdir()

    refused = publish(project, dest, "--rollback", "--to", broken.name)
    assert refused.returncode == 1
    assert f"releases/{broken.name} is not a complete release (it has no search/search_index.json)" in refused.stderr
    assert "Traceback" not in refused.stderr and live(dest) == second
    refused = publish(project, dest, "--rollback", "--to", "no-such-release")
    assert refused.returncode == 1
    assert f"there is no release 'no-such-release'; complete releases, newest first: {second.name}, {first.name}" in refused.stderr

    listing = publish(project, dest, "--list")
    assert listing.returncode == 0
    assert listing.stdout.splitlines()[1:] == [
        f"  {second.name}   <- current",
        f"  {first.name}",
        f"  {broken.name}   (unfinished: being built, or left by a stopped publish; never a candidate)",
        f"  {building.name}   (unfinished: being built, or left by a stopped publish; never a candidate)",
    ]

    assert publish(project, dest, "--rollback").returncode == 0
    assert live(dest) == first  # the broken folder in between was skipped
    refused = publish(project, dest, "--rollback")
    assert refused.returncode == 1 and "there is no complete release before the current one" in refused.stderr
    assert publish(project, dest, "--to", second.name).returncode == 0 and live(dest) == second

    # The next publish removes both leftovers, and they do not count towards --keep.
    again = publish(project, dest, "--keep", "3")
    assert again.returncode == 0, again.stderr
    assert f"removed releases/{broken.name}, left unfinished by a publish that was stopped" in again.stdout
    assert f"removed releases/{building.name}," in again.stdout
    assert sorted((dest / "releases").iterdir())[:2] == [first, second]
    assert len(list((dest / "releases").iterdir())) == 3


# ---- Killed, stopped, refused, full: the live site stays complete ------------------------------


def _files_written(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file())


KILL_MOMENTS = {
    "mkdocs has written its first file": lambda folder, pages: _files_written(folder) > 0,
    "half the pages are written": lambda folder, pages: len(list(folder.rglob("*.html"))) >= pages // 2,
    "the search index is written": lambda folder, pages: (folder / "search" / "search_index.json").is_file(),
}


def kill_publish_when(project, dest: Path, moment: str, signum: int = signal.SIGKILL) -> tuple[int, str]:
    """Start a publish, send `signum` to its whole process group at `moment`; returns (exit status, output)."""
    pages = len(list(live(dest).rglob("*.html")))
    process = start_publish(project, dest)
    try:
        wait_until(lambda: any(KILL_MOMENTS[moment](folder, pages) for folder in unfinished(dest)), moment, process)
    finally:
        with contextlib.suppress(ProcessLookupError):  # a publish that ended early is reported by wait_until
            os.killpg(process.pid, signum)
        output, _ = process.communicate(timeout=60)
    return process.returncode, output


@pytest.mark.parametrize("moment", KILL_MOMENTS)
def test_a_killed_publish_never_becomes_the_live_site(published, moment):
    project, dest = published
    before = live(dest)
    files_before = snapshot(before)
    status, _ = kill_publish_when(project, dest, moment)
    assert status == -signal.SIGKILL
    leftover = unfinished(dest)
    if moment != "the search index is written":  # the last moment may also come just after the release is finished
        assert len(leftover) == 1
    if leftover:
        assert live(dest) == before and snapshot(before) == files_before
    assert complete(live(dest))
    listing = publish(project, dest, "--list").stdout
    assert all(f"{folder.name}   (unfinished" in listing for folder in leftover)

    # The sequence that once made an empty folder the live site: publish again, then roll back.
    again = publish(project, dest)
    assert again.returncode == 0, again.stdout + again.stderr
    assert all(f"removed releases/{folder.name}, left unfinished" in again.stdout for folder in leftover)
    assert unfinished(dest) == []
    newest = live(dest)
    rolled = publish(project, dest, "--rollback")
    assert rolled.returncode == 0, rolled.stderr
    assert complete(live(dest)) and live(dest).name < newest.name
    if leftover:
        assert live(dest) == before


@pytest.mark.parametrize(
    "signum, name, whole_group",
    [
        (signal.SIGINT, "Ctrl-C", True),  # a terminal sends Ctrl-C to the whole foreground process group
        (signal.SIGTERM, "SIGTERM", True),  # e.g. a CI job cancelled
        (signal.SIGTERM, "SIGTERM", False),  # e.g. `kill PID` of the publish alone: it stops its build itself
    ],
)
def test_a_stopped_publish_removes_its_unfinished_release(published, signum, name, whole_group):
    project, dest = published
    before = live(dest)
    pages = len(list(before.rglob("*.html")))
    process = start_publish(project, dest)
    try:
        wait_until(lambda: any(KILL_MOMENTS["half the pages are written"](f, pages) for f in unfinished(dest)), "the build", process)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signum) if whole_group else process.send_signal(signum)
        output, _ = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, output
    assert f"publish: stopped by {name} (the unfinished release was removed); nothing was published" in output
    assert "Traceback" not in output and "Aborted" not in output
    assert unfinished(dest) == [] and len(list((dest / "releases").iterdir())) == 2
    assert live(dest) == before


@contextlib.contextmanager
def read_only(folder: Path):
    """Make `folder` unwritable for publishes, also when the tests run as root (who ignores file modes)."""
    if os.geteuid() == 0:
        mounted = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
        if mounted.returncode != 0:
            pytest.skip(f"cannot make a read-only bind mount here: {mounted.stderr.decode()}")
        try:
            subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
            yield
        finally:
            subprocess.run(["umount", str(folder)], check=True)
    else:
        for path in (folder, folder / "releases"):
            path.chmod(0o555)
        try:
            yield
        finally:
            for path in (folder, folder / "releases"):
                path.chmod(0o755)


def test_a_destination_without_write_permission(published):
    project, dest = published
    before = live(dest)
    with read_only(dest):
        with pytest.raises(OSError):  # the fault is real
            (dest / "probe").write_text("")
        for extra in [(), ("--rollback",)]:
            refused = publish(project, dest, *extra)
            assert refused.returncode == 1, refused.stdout
            assert f"publish: {dest} is not writable for this user" in refused.stderr
            assert f"{dest / 'current'} is unchanged" in refused.stderr
            assert "Traceback" not in refused.stderr
        listing = publish(project, dest, "--list")  # reading still works
        assert listing.returncode == 0 and f"  {before.name}   <- current" in listing.stdout
    assert live(dest) == before and unfinished(dest) == []


@contextlib.contextmanager
def small_disk(folder: Path, size_kb: int):
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here (needs root): {mounted.stderr.decode()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_during_the_build(published, tmp_path):
    project, dest = published
    release_kb = sum(path.stat().st_blocks for path in live(dest).rglob("*")) // 2
    with small_disk(tmp_path / "small", release_kb * 3 // 2) as small:  # room for one release, not for two
        assert publish(project, small).returncode == 0
        before = live(small)
        full = publish(project, small)
        output = full.stdout + full.stderr
        assert full.returncode == 1, output
        assert "No space left on device. The disk is full: free some space, then build again." in output
        assert f"publish: the build failed (see the messages above); nothing was published and {small / 'current'} is unchanged." in output
        assert "Traceback" not in output
        assert live(small) == before and complete(before) and unfinished(small) == []


def test_two_publishes_at_once_take_turns(published):
    project, dest = published
    first = start_publish(project, dest)
    wait_until(lambda: unfinished(dest), "the first publish to start building", first)
    second = start_publish(project, dest)
    most_at_once, deadline = 0, time.monotonic() + 300
    while (first.poll() is None or second.poll() is None) and time.monotonic() < deadline:
        most_at_once = max(most_at_once, len(unfinished(dest)))
        time.sleep(0.005)
    outputs = [process.communicate(timeout=60)[0] for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    assert f"publish: another publish to {dest} is running; waiting for it to finish" in outputs[1]
    assert most_at_once == 1
    releases = sorted((dest / "releases").iterdir())
    assert len(releases) == 4 and all(complete(release) for release in releases) and live(dest) == releases[-1]


# ---- Readers during all of it ------------------------------------------------------------------

READER_PATHS = ["", f"{GUIDE}/comparison/", f"{GUIDE}/guide.json", "search/search_index.json", "assets/javascripts/embed.js"]


def read_pages_until(done: threading.Event, port: int, served: list, failures: list) -> None:
    """Fetch pages one after another until `done` (or a safety limit); a request fails unless it is a 200 with a whole file."""
    while not done.is_set() and len(served) < 100_000:
        for path in READER_PATHS:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", PREFIX + path)
                response = connection.getresponse()
                body = response.read()
                connection.close()
                if response.status != 200:
                    failures.append(f"{path}: HTTP {response.status}")
                elif path.endswith(".json"):
                    json.loads(body)
                elif not path.endswith(".js") and b"</html>" not in body:
                    failures.append(f"{path}: page cut short")
                served.append(path)
            except Exception as error:  # any failed request is what this test looks for
                failures.append(f"{path}: {error!r}")
        # A steady reader, not a flood: a round of five every 20 ms leaves the builds their CPU. A
        # sleep, not done.wait(0.02): under `make test-clock-ahead` a timed wait never ends (see
        # REAL_STOPWATCH in test_live_preview.py), and this reader runs in the suite's own process.
        time.sleep(0.02)


def test_readers_through_nginx_never_fail_during_publishes_a_kill_and_a_rollback(published, tmp_path):
    project, dest = published
    (tmp_path / "nginx").mkdir()
    with run_nginx(tmp_path / "nginx", dest / "current") as base_url:
        port = int(base_url.split(":")[2].split("/")[0])
        served, failures, done = [], [], threading.Event()
        reader = threading.Thread(target=read_pages_until, args=(done, port, served, failures))
        reader.start()
        try:
            assert publish(project, dest).returncode == 0
            kill_publish_when(project, dest, "half the pages are written")
            for _ in range(2):
                assert publish(project, dest).returncode == 0
            assert publish(project, dest, "--rollback").returncode == 0
        finally:
            done.set()
            reader.join()
    print(f"readers through nginx: {len(served)} requests served during 4 publishes (one killed) and a rollback, {len(failures)} failed")
    assert failures == []
    assert len(served) > 100
