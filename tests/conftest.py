"""Shared test helpers: throwaway copies of the project, and builds run the way users run them.

Every test is marked by what it needs (see `pytest_collection_modifyitems`): `unit` (the
package alone, fast), `build` (builds a site), `browser` (drives Chromium). `make test-quick`
runs the unit tests only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page

from browser_checks import REPORT_VIOLATIONS, PageWatch, browser_page, wait_for_theme
from guidekit.model import clock

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI_GUIDE = FIXTURES / "content" / "team-chat-tools"
# A copy of the shipped guide as it stood when the tests were written: the build and browser tests
# of the generator's features run on it, so that neither an editor's change to the shipped guide nor
# a team that replaces it with guides of its own turns them red. Checks of content run on every
# guide in content_data/ instead (`published_guides`, `content_site`).
FEATURE_GUIDE = FIXTURES / "content" / "fine-tuning-vs-prompting"
MKDOCS = [sys.executable, "-m", "mkdocs"]

# The date the checks compare review dates with, for this process and every build it starts,
# so that no result depends on the day the suite runs (guidekit.model.clock).
TODAY = dt.date(2026, 11, 30)
os.environ[clock.TODAY_VARIABLE] = TODAY.isoformat()
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


# ---- Markers: what each test needs -------------------------------------------------------

KINDS = ("unit", "build", "browser")
BROWSER_FIXTURES = {"browser", "full_chromium", "page", "full_chromium_page"}
BUILD_FIXTURES = {"served_site", "served_content_site", "subpath_site", "mini_project"}
BUILD_MODULES = {"test_site_build.py", "test_publish.py", "test_offline.py"}  # every test builds, with fixtures of their own


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test marked by hand keeps its mark; any other is `browser` if it uses the browser,
    `build` if it uses a built site or a copy of the project (which its tests build) or is in
    a module of builds, else `unit`."""
    for item in items:
        if any(item.get_closest_marker(kind) for kind in KINDS):
            continue
        needs = set(getattr(item, "fixturenames", ()))
        builds = needs & BUILD_FIXTURES or item.path.name in BUILD_MODULES
        item.add_marker("browser" if needs & BROWSER_FIXTURES else "build" if builds else "unit")
    run_slow_modules_first(items)


def run_slow_modules_first(items: list[pytest.Item]) -> None:
    """Order modules by what they need, browser modules first, then build modules, unit-only
    modules last (a stable sort: each module keeps its tests together and in order). `make test`
    hands whole modules to the xdist workers in this order (`--no-loadscope-reorder`), so the
    minutes-long modules start at once and the quick ones fill the gaps at the end, instead of a
    slow module starting last while the other worker has nothing left to do."""
    rank_of_kind = {kind: rank for rank, kind in enumerate(("browser", "build", "unit"))}
    module_rank: dict[Path, int] = {}
    for item in items:
        rank = min(rank_of_kind[kind] for kind in KINDS if item.get_closest_marker(kind))
        module_rank[item.path] = min(rank, module_rank.get(item.path, rank))
    items.sort(key=lambda item: module_rank[item.path])


# Modules of long tests that share no costly module-scoped fixture: `make test` (`--dist
# loadscope`, which otherwise hands a whole module to one worker) spreads their tests over the
# workers one by one. The accessibility sweeps alone take minutes each; in one module on one
# worker they were the run's tail. A module fixture here is made by each worker that runs one of
# the module's tests (the publish tests' two releases: two builds more, against minutes of tests).
SPREAD_MODULES = {"tests/test_accessibility.py", "tests/test_new_guide.py", "tests/test_publish.py", "tests/test_site_build.py"}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class SpreadingLoadScope(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return nodeid if nodeid.split("::")[0] in SPREAD_MODULES else super()._split_scope(nodeid)

    return SpreadingLoadScope(config, log)


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


class Project:
    """A copy of the project's site sources in a temporary folder."""

    def __init__(self, root: Path):
        self.root = root

    @property
    def content(self) -> Path:
        return self.root / "content_data"

    def build(self, *extra: str) -> BuildResult:
        """`mkdocs build --strict` in the project, or its recorded result if this run has built
        the very same files (site/ included, as a build may leave it as it was) already."""
        site = self.root / "site"
        with BUILD_CACHE.entry(self.root, *extra) as entry:
            if entry.recorded():
                return entry.replay(self.root)
            # --strict without -q: quiet mode hides the warnings strict mode must count.
            completed = subprocess.run([*MKDOCS, "build", "--strict", *extra], cwd=self.root, env=ENV, capture_output=True, text=True, timeout=300)
            result = BuildResult(completed.returncode, completed.stdout + completed.stderr, site)
            entry.record(self.root, result)
            return result

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def set_site_url(self, url: str) -> None:
        """Publish the build at `url` (the `site_url` of mkdocs.yml), e.g. under a sub-path."""
        config = self.root / "mkdocs.yml"
        text, count = re.subn(r"(?m)^site_url:.*$", f"site_url: {url}", config.read_text(encoding="utf-8"))
        assert count == 1, "mkdocs.yml has no single site_url line"
        config.write_text(text, encoding="utf-8")

    def edit(self, relative: str, old: str, new: str) -> None:
        edit_file(self.root / relative, old, new)

    def offline_bundle_command(self, output: Path) -> list[str]:
        """The command that makes the project's offline bundle at `output` (scripts/build_offline.py)."""
        return [sys.executable, str(PROJECT / "scripts" / "build_offline.py"), "--project", str(self.root), "--output", str(output)]

    def unzipped_offline_bundle(self, output: Path) -> Path:
        """The offline bundle made at `output`, unzipped beside it: the bundle's one top folder."""
        completed = subprocess.run(self.offline_bundle_command(output), env=ENV, capture_output=True, text=True, timeout=300)
        assert completed.returncode == 0, completed.stdout + completed.stderr
        unzipped = output.with_suffix("")
        with zipfile.ZipFile(output) as archive:
            archive.extractall(unzipped)
        [folder] = unzipped.iterdir()
        return folder


def edit_file(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in the file by `new`; `old` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class BuildCache:
    """Results of builds in this test run, keyed by a digest of the project's files and the
    build's arguments: tests that build identical inputs (the unchanged mini project, the
    sub-path site on each xdist worker) build once. Kept in the run's temporary folder, shared
    by its workers (`folder` is set by the `build_cache` fixture); a lock per key makes a worker
    wait for a build of the same files already under way instead of repeating it."""

    def __init__(self) -> None:
        self.folder: Path | None = None

    @contextlib.contextmanager
    def entry(self, root: Path, *extra: str):
        if self.folder is None:  # outside a test session: no cache
            yield _BuildCacheEntry(None)
            return
        folder = self.folder / project_digest(root, *extra)
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield _BuildCacheEntry(folder)


@dataclass
class _BuildCacheEntry:
    folder: Path | None

    def recorded(self) -> bool:
        return self.folder is not None and (self.folder / "result.json").is_file()

    def replay(self, root: Path) -> BuildResult:
        recorded = json.loads((self.folder / "result.json").read_text(encoding="utf-8"))
        site = root / "site"
        if site.exists():
            shutil.rmtree(site)
        if (self.folder / "site").exists():
            shutil.copytree(self.folder / "site", site, symlinks=True)
        # The output names the project's folder in places (e.g. "Building documentation to directory: ...").
        return BuildResult(recorded["returncode"], recorded["output"].replace(recorded["root"], str(root)), site)

    def record(self, root: Path, result: BuildResult) -> None:
        if self.folder is None:
            return
        if result.site.exists():
            shutil.copytree(result.site, self.folder / "site", symlinks=True)
        recorded = {"returncode": result.returncode, "output": result.output, "root": str(root)}
        (self.folder / "result.json").write_text(json.dumps(recorded), encoding="utf-8")


def project_digest(root: Path, *extra: str) -> str:
    """A digest of every file under `root` (names and contents; Python's bytecode caches left
    out) and of the build's arguments."""
    digest = hashlib.sha256(json.dumps(extra).encode())
    for path in sorted(root.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


BUILD_CACHE = BuildCache()


@pytest.fixture(scope="session", autouse=True)
def build_cache(tmp_path_factory) -> BuildCache:
    """Points BUILD_CACHE at this run's temporary folder, the one all xdist workers share."""
    run_folder = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run_folder = run_folder.parent  # each worker has its own folder inside the run's
    BUILD_CACHE.folder = run_folder / "build-cache"
    yield BUILD_CACHE
    BUILD_CACHE.folder = None


def copy_project(destination: Path, *, guides: list[Path] | None = None, with_content_data: bool = False) -> Project:
    """Copy config, hooks, templates and docs; content is FEATURE_GUIDE unless `guides` are given,
    or the project's own content_data/ as it is (every guide, draft and template) `with_content_data`."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "hooks", "overrides", "docs"):
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    if with_content_data:
        shutil.copytree(PROJECT / "content_data", destination / "content_data")
    else:
        for guide in [FEATURE_GUIDE] if guides is None else guides:
            shutil.copytree(guide, destination / "content_data" / guide.name)
    return Project(destination)


@functools.cache
def published_guides() -> list:
    """Every guide in content_data/ that a build publishes (drafts are left out). Checks of content
    run on each of them, so they protect a team's own guides as well as the shipped one."""
    from guidekit.site.guides import load_site

    return load_site(PROJECT / "content_data", PROJECT, drafts=False).guides


def shipped_guide():
    """The guide this repository ships (content_data/, the original of FEATURE_GUIDE), held to an
    editorial bar beyond `make check`'s: no warnings, and a worked example with its reasons for
    every outcome. A team's own guides are not (a warning stops nothing, and worked examples are
    optional); a team that deleted the shipped guide skips these tests."""
    guide = next((guide for guide in published_guides() if guide.id == FEATURE_GUIDE.name), None)
    if guide is None:
        pytest.skip(f"content_data/{FEATURE_GUIDE.name} is not published here: its editorial bar does not apply")
    return guide


@pytest.fixture
def mini_project(tmp_path: Path) -> Project:
    """The project with only the small fixture guide."""
    return copy_project(tmp_path / "project", guides=[MINI_GUIDE])


# ---- Built site, served on loopback, and a browser ------------------------------------

# Debian's two builds of Chromium, one engine: the same layout, focus and scripts. The headless
# shell (Playwright's own default for headless runs) opens a context and a page for a quarter of
# the CPU the full browser needs (0.11 s against 0.45 s here) and sweeps a page's keyboard stops
# and axe-core rules for three quarters; it drives every test by default (`browser`). The full
# browser (`full_chromium`) is what readers run, for the few tests of what the shell does
# differently: it lets a cross-site frame use storage, and shows no tooltip on a tap.
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
FULL_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",  # this machine has no internet: no update or sync calls
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}
    prefix = "/"

    def log_message(self, *args) -> None:  # keep test output readable
        pass

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "no such page outside the prefix")
        return super().translate_path("/" + path[len(self.prefix) :])


class _TestServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser context closed by a test drops the files it was still loading: not an error of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve_folder(folder: Path, host: str = "127.0.0.1", *, prefix: str = "/", headers: dict[str, str] | None = None):
    """Serve a folder over HTTP on a free loopback port; returns (base_url, server).

    `prefix` publishes the folder under a sub-path (e.g. "/tools/ai-guide/"), as an intranet
    server would; `headers` are sent with every response (e.g. a Content-Security-Policy).
    """
    handler_class = type("Handler", (_QuietHandler,), {"extra_headers": dict(headers or {}), "prefix": prefix})
    handler = functools.partial(handler_class, directory=str(folder))
    server = _TestServer((host, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://{host}:{server.server_address[1]}{prefix}", server


def _serve_and_build(project: Project):
    """`project` built once per run, served on loopback with `site_url` set to the server's own
    address (Material's instant navigation only follows links under `site_url`): (url, site folder)."""
    (project.root / "site").mkdir()
    url, server = serve_folder(project.root / "site")
    project.edit("mkdocs.yml", "site_url: http://127.0.0.1:8000/", f"site_url: {url}")
    result = project.build()
    assert result.returncode == 0, result.output
    return url, result.site, server


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The project with FEATURE_GUIDE as its content, built and served: the site the tests of
    the generator's features look at."""
    url, site, server = _serve_and_build(copy_project(tmp_path_factory.mktemp("features") / "project"))
    yield url, site
    server.shutdown()


@pytest.fixture(scope="session")
def served_content_site(tmp_path_factory):
    """The project as it is, content_data/ and all, built and served: the site the checks of
    content (accessibility, links, the policy) look at, every page of every guide."""
    url, site, server = _serve_and_build(copy_project(tmp_path_factory.mktemp("content") / "project", with_content_data=True))
    yield url, site
    server.shutdown()


INTRANET_URL = "https://intranet.example/tools/ai-guide/"


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory) -> Path:
    """The project with FEATURE_GUIDE built for an intranet that publishes it under a sub-path (INTRANET_URL)."""
    project = copy_project(tmp_path_factory.mktemp("subpath") / "project")
    project.set_site_url(INTRANET_URL)
    result = project.build()
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture(scope="session")
def built_site(served_site) -> Path:
    return served_site[1]


@pytest.fixture(scope="session")
def site_url(served_site) -> str:
    return served_site[0]


@pytest.fixture(scope="session")
def content_site(served_content_site) -> Path:
    return served_content_site[1]


@pytest.fixture(scope="session")
def content_site_url(served_content_site) -> str:
    return served_content_site[0]


def _then_wait_for_theme(navigate):
    """A Page method that loads a document (goto, reload, go_back, go_forward), made to return only
    once the site's theme has started there too (browser_checks.wait_for_theme), as it returned
    once the page had loaded. Asked to return sooner (`wait_until="commit"` or
    "domcontentloaded"), it does so."""

    @functools.wraps(navigate)
    def navigate_then_wait(page, *args, **kwargs):
        response = navigate(page, *args, **kwargs)
        if kwargs.get("wait_until") in (None, "load", "networkidle"):
            wait_for_theme(page)
        return response

    return navigate_then_wait


for _name in ("goto", "reload", "go_back", "go_forward"):
    setattr(Page, _name, _then_wait_for_theme(getattr(Page, _name)))


@pytest.fixture(scope="session")
def playwright_session():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session):
    """The headless shell: every browser test's default."""
    chromium = playwright_session.chromium.launch(executable_path=HEADLESS_SHELL, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def full_chromium(playwright_session):
    """The full browser, as readers run it (see FULL_CHROMIUM)."""
    chromium = playwright_session.chromium.launch(executable_path=FULL_CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def open_strict_page(browser):
    """Opens pages as a strict intranet's reader sees them: `open_strict_page(*allowed_urls,
    **context_options)` -> (page, watch). Each page gets a fresh context that reports policy
    violations as console errors, and a PageWatch recording those, uncaught errors, failed
    responses and requests to origins other than the allowed URLs'; in `browser` unless
    `in_browser` names another. Closed after the test."""
    contexts = []

    def open_page(*allowed_urls: str, in_browser=None, **context_options):
        context = (in_browser or browser).new_context(**context_options)
        contexts.append(context)
        context.set_default_timeout(10_000)
        context.add_init_script(REPORT_VIOLATIONS)
        page = context.new_page()
        return page, PageWatch.attach(page, *allowed_urls)

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page; fails the test on any uncaught page error."""
    with browser_page(browser) as page:
        yield page


@pytest.fixture
def full_chromium_page(full_chromium):
    """As `page`, in the full browser."""
    with browser_page(full_chromium) as page:
        yield page


def link_to(page, target: str, selector: str = "a"):
    """The first link on the page whose address ends with `target` (e.g. "my-guide/comparison/"):
    tests find a guide's page by its address, never as "the first link named Comparison", which
    is another guide's once a team adds its own."""
    links = page.locator(selector)
    addresses = links.evaluate_all("(links) => links.map((link) => (link.href || '').split(/[?#]/)[0])")
    index = next((index for index, address in enumerate(addresses) if address.endswith(target)), None)
    assert index is not None, f"no link to {target} among {addresses}"
    return links.nth(index)


def built_pages(site: Path) -> list[str]:
    """Every HTML page of a built site as a URL path relative to the site's root
    ("guide/comparison/" for guide/comparison/index.html)."""
    paths = (path.relative_to(site).as_posix() for path in sorted(site.rglob("*.html")))
    return [path.removesuffix("index.html") for path in paths]
