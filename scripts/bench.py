#!/usr/bin/env python3
"""Benchmarks: the project's speed, weight and scale figures against their goals, as a table.

    .venv/bin/python scripts/bench.py [--guides 10,100,500] [--runs 3]      (or: make bench)

Every figure is measured the way people run the commands: builds are `mkdocs build --strict`
in a fresh process, `make check` is `python -m guidekit check`, live reload is a real
`mkdocs serve` watched by a browser. Timings are medians of several runs. The report is
Markdown (machine, date, table, details); BENCHMARKS.md holds the last one with explanations.

Each measurement is a function taking the shared `Bench` and returning `Row`s: to add figures,
write one and list it in MEASUREMENTS.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import io
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Callable
from urllib.parse import urljoin, urlsplit

PROJECT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(PROJECT), str(PROJECT / "hooks")]  # run as a script from any folder

import bench_checklist  # noqa: E402  (scripts/ is on the path as the script's own folder)
import markers as markers_hook  # noqa: E402  (hooks/markers.py)
from guidekit.site.build import prepare_build  # noqa: E402

PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# The guide measured: the tests' copy of the shipped guide (tests/fixtures/content/), so that the
# figures of one run compare with another's whatever editors change in content_data/, and the
# bench still runs where a team has replaced the shipped guide with its own.
SHIPPED_GUIDE = PROJECT / "tests" / "fixtures" / "content" / "fine-tuning-vs-prompting"
PROJECT_PARTS = ("mkdocs.yml", "hooks", "overrides", "docs")

CHECK_GOAL_S = 0.5  # `make check` on the shipped content
CHECK_RUNS = 7
OVERHEAD_GOAL = 1.3  # full build from YAML / the same pages as plain Markdown
LINEAR_TOLERANCE = 0.20  # per-guide cost, 100 -> 500 guides against 10 -> 100
CHECK_500_GOAL_S = 5.0
CHECKLIST_GOAL_BYTES = 6 * 1024
RELOAD_GOAL_S = 1.0
PAINT_GOAL_RATIO = 1.0  # first and largest contentful paint, ours / default Material's
LIGHTHOUSE_GOAL_SCORE = 0.95
LIGHTHOUSE = PROJECT / "scripts" / "lighthouse"  # its package.json pins Lighthouse; scripts/setup.sh --bench installs it
LIGHTHOUSE_PAGES = (
    "index.html",
    "fine-tuning-vs-prompting/index.html",
    "fine-tuning-vs-prompting/comparison/index.html",
    "fine-tuning-vs-prompting/checklist/index.html",
)
# The policy deploy/nginx/ai-guide.conf sends (less frame-ancestors, which has no say over a top-level page).
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'"
)


@dataclass
class Row:
    what: str
    measured: str
    goal: str = ""
    verdict: str = ""  # "met", "missed: ...", or "" for a figure without a goal


@dataclass
class Measured:
    seconds: float
    peak_mb: float


def verdict(met: bool, miss: str) -> str:
    return "met" if met else f"missed: {miss}"


# ---- Running commands -----------------------------------------------------------------------


def run(command: list[str], cwd: Path) -> Measured:
    """Run a command to completion: its wall time and its peak memory (resident set size)."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own resource usage
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            output.seek(0)
            sys.exit(f"{' '.join(command)} failed in {cwd}:\n{output.read().decode(errors='replace')}")
    return Measured(elapsed, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def build(project: Path) -> Measured:
    return run([PYTHON, "-m", "mkdocs", "build", "--strict", "--quiet"], project)


def check(project: Path) -> Measured:
    return run([PYTHON, "-m", "guidekit", "check", "--project", str(project)], project)


# ---- Projects to measure ----------------------------------------------------------------------


def copy_project(destination: Path, guides: dict[str, Path]) -> Path:
    """The project's configuration, hooks, templates and docs, with `guides` (id -> folder) as content."""
    destination.mkdir(parents=True)
    for name in PROJECT_PARTS:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    for guide_id, folder in guides.items():
        shutil.copytree(folder, destination / "content_data" / guide_id)
    return destination


def synthetic_guides(count: int) -> dict[str, Path]:
    """`count` copies of the shipped guide under new ids."""
    return {f"guide-{index:03d}": SHIPPED_GUIDE for index in range(1, count + 1)}


def without_top_level_keys(config: str, keys: set[str]) -> str:
    """mkdocs.yml without the given top-level keys (and their indented blocks)."""
    kept, skipping = [], False
    for line in config.splitlines(keepends=True):
        top_level = re.match(r"([A-Za-z_]+):", line)
        if top_level:
            skipping = top_level.group(1) in keys
        if not skipping:
            kept.append(line)
    return "".join(kept)


def final_markdown(project: Path) -> dict[str, str]:
    """Every page's Markdown as the build hands it to MkDocs: generated pages and hand-written
    ones with their markers replaced (by the hook itself), and the glossary's abbreviations
    defined at the end of each (the build gives them to the abbreviation extension's settings,
    hooks/glossary.py: the same HTML)."""
    prepared = prepare_build(project)
    config = {"guidekit_build": prepared}
    pages = {page.src_uri: (page.markdown, "guidekit") for page in prepared.pages}
    for path in sorted((project / "docs").rglob("*.md")):
        pages[path.relative_to(project / "docs").as_posix()] = (path.read_text(encoding="utf-8"), None)
    definitions = "\n\n".join(f"*[{term}]: {definition}" for term, definition in prepared.glossary.items())
    final = {}
    for src_uri, (markdown, generated_by) in pages.items():
        page = SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, generated_by=generated_by))
        final[src_uri] = f"{markers_hook.on_page_markdown(markdown, page, config, None)}\n\n{definitions}\n"
    return final


def plain_markdown_project(destination: Path, source: Path, *, default_theme: bool = False) -> Path:
    """The same pages written as plain Markdown files, built by MkDocs without our hooks. With
    `default_theme`, also without our templates, CSS, JavaScript and font setting: default Material."""
    destination.mkdir(parents=True)
    for src_uri, markdown in final_markdown(source).items():
        if default_theme:  # embed pages use our embed.html template: default Material has none
            markdown = re.sub(r'(?m)^ "template": "[^"]*",\n', "", markdown)
        target = destination / "docs" / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    dropped = {"hooks", "watch"} | ({"extra_css", "extra_javascript"} if default_theme else set())
    config = without_top_level_keys((source / "mkdocs.yml").read_text(encoding="utf-8"), dropped)
    if default_theme:
        config = re.sub(r"(?m)^  custom_dir: .*\n|^  font: false.*\n", "", config)
    else:
        shutil.copytree(source / "overrides", destination / "overrides")  # our templates still apply
    (destination / "mkdocs.yml").write_text(config, encoding="utf-8")
    return destination


class Bench:
    """Shared state: a temporary folder and the projects built once and used by several rows."""

    def __init__(self, folder: Path, guide_counts: list[int], runs: int):
        self.folder = folder
        self.guide_counts = guide_counts
        self.runs = runs
        self.details: list[str] = []  # Markdown sections printed after the table
        self.shipped = copy_project(folder / "shipped", {SHIPPED_GUIDE.name: SHIPPED_GUIDE})
        self.plain = plain_markdown_project(folder / "plain", self.shipped)
        self._default_site: Path | None = None

    def shipped_site(self) -> Path:
        if not (self.shipped / "site").is_dir():
            build(self.shipped)
        return self.shipped / "site"

    def default_material_site(self) -> Path:
        if self._default_site is None:
            project = plain_markdown_project(self.folder / "default-material", self.shipped, default_theme=True)
            build(project)
            self._default_site = project / "site"
        return self._default_site


# ---- Measurements ---------------------------------------------------------------------------


def build_overhead(bench: Bench) -> list[Row]:
    """The full build from YAML against building the same pages written as plain Markdown."""
    build(bench.shipped), build(bench.plain)  # warm the file cache and the compiled modules
    full, plain = [], []
    for _ in range(bench.runs):  # alternated, so that a busy moment hits both alike
        full.append(build(bench.shipped).seconds)
        plain.append(build(bench.plain).seconds)
    ratio = statistics.median(full) / statistics.median(plain)
    return [
        Row("Build, shipped site from YAML", f"{statistics.median(full):.2f} s"),
        Row("Build, the same pages as plain Markdown (no hooks)", f"{statistics.median(plain):.2f} s"),
        Row(
            "Build overhead of the YAML pipeline",
            f"{ratio:.2f}x",
            f"≤ {OVERHEAD_GOAL}x",
            verdict(ratio <= OVERHEAD_GOAL, f"{ratio / OVERHEAD_GOAL - 1:.0%} over"),
        ),
    ]


def scale(bench: Bench) -> list[Row]:
    """Synthetic sites of N copies of the shipped guide: build time, peak memory, site size."""
    figures = {}
    for count in bench.guide_counts:
        project = copy_project(bench.folder / f"scale-{count}", synthetic_guides(count))
        built = build(project)
        pages = sum(1 for _ in (project / "site").rglob("*.html"))
        size_mb = sum(path.stat().st_size for path in (project / "site").rglob("*") if path.is_file()) / 2**20
        figures[count] = (built, pages, size_mb)
        shutil.rmtree(project)  # large sites: keep the disk free
    lines = ["| guides | pages | build | per guide | peak memory | per guide | site size |", "|---:|---:|---:|---:|---:|---:|---:|"]
    for count, (built, pages, size_mb) in figures.items():
        lines.append(
            f"| {count} | {pages} | {built.seconds:.1f} s | {built.seconds / count:.3f} s | {built.peak_mb:.0f} MB "
            f"| {built.peak_mb / count:.2f} MB | {size_mb:.0f} MB |"
        )
    bench.details.append("### Scale: copies of the shipped guide\n\n" + "\n".join(lines))
    rows = []
    counts = sorted(figures)
    if len(counts) >= 3:
        small, middle, large = counts[0], counts[1], counts[-1]
        for name, unit, value in [("build time", "s", lambda m: m.seconds), ("peak memory", "MB", lambda m: m.peak_mb)]:
            before = (value(figures[middle][0]) - value(figures[small][0])) / (middle - small)
            after = (value(figures[large][0]) - value(figures[middle][0])) / (large - middle)
            growth = after / before - 1
            rows.append(
                Row(
                    f"Scale: {name} per added guide, {middle}→{large} against {small}→{middle}",
                    f"{after:.3g} {unit} against {before:.3g} {unit} ({growth:+.0%})",
                    f"within ±{LINEAR_TOLERANCE:.0%}",
                    verdict(abs(growth) <= LINEAR_TOLERANCE, f"{abs(growth) - LINEAR_TOLERANCE:.0%} beyond the tolerance"),
                )
            )
    return rows


def check_scale(bench: Bench) -> list[Row]:
    """`make check` on N copies of the shipped guide (no build needed: `--only check_scale` is quick)."""
    figures = {}
    for count in bench.guide_counts:
        project = copy_project(bench.folder / f"check-{count}", synthetic_guides(count))
        figures[count] = statistics.median(check(project).seconds for _ in range(bench.runs))
        shutil.rmtree(project)
    lines = ["| guides | `make check` | per guide |", "|---:|---:|---:|"]
    lines += [f"| {count} | {seconds:.2f} s | {seconds / count * 1000:.0f} ms |" for count, seconds in figures.items()]
    bench.details.append("### `make check` on copies of the shipped guide\n\n" + "\n".join(lines))
    largest = max(figures)
    seconds = figures[largest]
    met = seconds < CHECK_500_GOAL_S
    return [
        Row(
            f"`make check`, {largest} guides",
            f"{seconds:.2f} s",
            f"< {CHECK_500_GOAL_S:g} s" if largest >= 500 else "",
            verdict(met, f"{seconds / CHECK_500_GOAL_S:.1f}x the goal") if largest >= 500 else "",
        )
    ]


class _PageParser(HTMLParser):
    """The requests a page makes while loading: stylesheets and scripts, and which block rendering."""

    def __init__(self) -> None:
        super().__init__()
        self.in_head = False
        self.assets: list[str] = []
        self.blocking: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "head":
            self.in_head = True
        if tag == "link" and attributes.get("rel") == "stylesheet" and attributes.get("href"):
            self.assets.append(attributes["href"])
            if self.in_head and attributes.get("media") in (None, "all", "screen"):
                self.blocking.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.assets.append(attributes["src"])
            if self.in_head and "async" not in attributes and "defer" not in attributes and attributes.get("type") != "module":
                self.blocking.append(attributes["src"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))  # a web server's usual level


def page_load(site: Path, page: Path) -> tuple[int, list[str], list[str]]:
    """Gzipped bytes of a page and the stylesheets and scripts it loads (first visit); the
    render-blocking ones; and the requests to other hosts (not fetched, not counted)."""
    parser = _PageParser()
    html = page.read_bytes()
    parser.feed(html.decode("utf-8"))
    total = gzipped(html)
    page_url = "http://site.invalid/" + page.relative_to(site).as_posix()
    external = []
    for url in dict.fromkeys(parser.assets):
        resolved = urlsplit(urljoin(page_url, url))
        if resolved.netloc != "site.invalid":
            external.append(url)
            continue
        asset = site / resolved.path.lstrip("/")
        total += gzipped(asset.read_bytes())
    blocking = [url if url in external else Path(urlsplit(url).path).name for url in parser.blocking]
    return total, blocking, external


def page_weight(bench: Bench) -> list[Row]:
    """Each page's first-visit transfer (HTML + its CSS and JavaScript, gzipped) against the same
    page built with default Material; the checklist's own files; render-blocking requests."""
    ours, theirs = bench.shipped_site(), bench.default_material_site()
    lines = ["| page | ours | default Material | difference |", "|---|---:|---:|---:|"]
    differences, blocking_ours, blocking_theirs, external_theirs = {}, set(), set(), set()
    for page in sorted(ours.rglob("*.html")):
        relative = page.relative_to(ours)
        if not (theirs / relative).is_file():
            continue
        our_bytes, our_blocking, _ = page_load(ours, page)
        their_bytes, their_blocking, their_external = page_load(theirs, theirs / relative)
        blocking_ours.update(our_blocking)
        blocking_theirs.update(their_blocking)
        external_theirs.update(their_external)
        differences[relative.as_posix()] = our_bytes - their_bytes
        lines.append(f"| {relative.as_posix()} | {our_bytes / 1024:.1f} KB | {their_bytes / 1024:.1f} KB | {(our_bytes - their_bytes) / 1024:+.1f} KB |")
    bench.details.append(
        "### Page weight: first visit, gzipped (HTML + CSS + JavaScript)\n\n"
        + "\n".join(lines)
        + ("\n\nDefault Material also requests, from other hosts (not counted): " + ", ".join(sorted(external_theirs)) if external_theirs else "")
    )
    checklist_files = [ours / "assets" / name for name in bench_checklist.CHECKLIST_FILES]
    checklist_bytes = sum(gzipped(path.read_bytes()) for path in checklist_files)
    checklist_page = "fine-tuning-vs-prompting/checklist/index.html"
    theme_css = {name for name in blocking_theirs if name.endswith(".css")}
    extra_blocking = sorted(blocking_ours - theme_css)
    return [
        Row("Page weight added to a page, largest (page)", f"{max(differences.values()) / 1024:+.1f} KB ({max(differences, key=differences.get)})"),
        Row("Page weight added to a page, median", f"{statistics.median(differences.values()) / 1024:+.1f} KB"),
        Row(
            "Checklist's JS + CSS as its pages load them, gzipped",
            f"{checklist_bytes / 1024:.2f} KB ({len(checklist_files)} files)",
            f"≤ {CHECKLIST_GOAL_BYTES // 1024} KB",
            verdict(checklist_bytes <= CHECKLIST_GOAL_BYTES, f"{(checklist_bytes - CHECKLIST_GOAL_BYTES) / 1024:.2f} KB over"),
        ),
        Row("Checklist page against default Material", f"{differences.get(checklist_page, 0) / 1024:+.1f} KB"),
        Row(
            "Render-blocking requests beyond Material's own CSS",
            ", ".join(extra_blocking) or "none",
            "none",
            verdict(not extra_blocking, f"{len(extra_blocking)} request{'s' if len(extra_blocking) != 1 else ''}"),
        ),
        Row("Render-blocking requests of default Material", ", ".join(sorted(urlsplit(url).netloc or url for url in blocking_theirs))),
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def live_reload(bench: Bench) -> list[Row]:
    """From saving a YAML file to the browser showing the rebuilt page, with `mkdocs serve`."""
    from playwright.sync_api import sync_playwright

    project = copy_project(bench.folder / "serve", {SHIPPED_GUIDE.name: SHIPPED_GUIDE})
    port = free_port()
    server_temp = bench.folder / "serve-temp"  # stopped with SIGTERM, MkDocs leaves its temporary site behind
    server_temp.mkdir()
    server = subprocess.Popen(
        [PYTHON, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env={**ENV, "TMPDIR": str(server_temp)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    option = project / "content_data" / SHIPPED_GUIDE.name / "options" / "prompting.yml"
    original = option.read_text(encoding="utf-8")
    tagline = re.search(r"(?m)^tagline: (.*)$", original).group(1)
    seconds = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            url = f"http://127.0.0.1:{port}/{SHIPPED_GUIDE.name}/options/prompting/"
            deadline = time.monotonic() + 120
            while True:  # until the first build is served
                try:
                    if page.goto(url).ok:
                        break
                except Exception:  # noqa: BLE001 - not listening yet
                    pass
                if time.monotonic() > deadline:
                    sys.exit("mkdocs serve did not start within 120 s")
                time.sleep(0.2)
            for run_number in range(bench.runs):
                marker = f"Reloadmark{run_number}"
                page.wait_for_timeout(1500)  # let the server settle after the previous build
                start = time.perf_counter()
                option.write_text(original.replace(f"tagline: {tagline}", f"tagline: {marker} {tagline}", 1), encoding="utf-8")
                page.wait_for_function(f"document.body && document.body.innerText.includes({marker!r})", timeout=60_000)
                seconds.append(time.perf_counter() - start)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    median = statistics.median(seconds)
    return [
        Row(
            f"Live reload: save a YAML file → rebuilt page in the browser (median of {len(seconds)})",
            f"{median:.2f} s",
            f"< {RELOAD_GOAL_S:g} s",
            verdict(median < RELOAD_GOAL_S, f"{median - RELOAD_GOAL_S:.2f} s over"),
        )
    ]


def check_shipped(bench: Bench) -> list[Row]:
    """`make check` on the shipped content, a new process each time, judged on the slowest run."""
    check(bench.shipped)  # warm the file cache and the compiled modules
    times = [check(bench.shipped).seconds for _ in range(CHECK_RUNS)]
    slowest = max(times)
    return [
        Row(
            f"`make check`, shipped content ({CHECK_RUNS} runs: median, slowest)",
            f"{statistics.median(times):.2f} s, {slowest:.2f} s",
            f"< {CHECK_GOAL_S:g} s",
            verdict(slowest < CHECK_GOAL_S, f"{slowest - CHECK_GOAL_S:.2f} s over"),
        )
    ]


def checklist_speed(bench: Bench) -> list[Row]:
    elapsed = bench_checklist.recompute_ms(bench_checklist.STATEMENTS)
    goal = bench_checklist.TIME_BUDGET_MS
    return [
        Row(
            f"Checklist recompute, {bench_checklist.STATEMENTS} statements (score + what would change)",
            f"{elapsed:.3f} ms",
            f"< {goal:g} ms",
            verdict(elapsed < goal, f"{elapsed - goal:.3f} ms over"),
        )
    ]


class _StaticSite:
    """A built site over HTTP on a loopback port, gzipped as a web server sends it, optionally
    with the strict CSP: what Lighthouse loads."""

    def __init__(self, site: Path, csp: str | None):
        class Handler(http.server.SimpleHTTPRequestHandler):
            def send_head(self):  # noqa: N802 - http.server's name
                path = Path(self.translate_path(self.path))
                if path.is_dir():
                    path = path / "index.html"
                if not path.is_file():
                    return super().send_head()
                body = path.read_bytes()
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                if csp:
                    self.send_header("Content-Security-Policy", csp)
                if path.suffix in {".html", ".css", ".js", ".json", ".svg"}:
                    body = gzip.compress(body, compresslevel=6)
                    self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                return io.BytesIO(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def lighthouse_run(url: str, output: Path) -> dict:
    """One Lighthouse run (mobile, simulated throttling: its defaults) with Debian's Chromium."""
    command = [
        "node",
        str(LIGHTHOUSE / "node_modules" / "lighthouse" / "cli" / "index.js"),
        url,
        "--only-categories=performance",
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-extensions "
        "--disable-sync --no-first-run --disable-default-apps --mute-audio",
    ]
    result = subprocess.run(command, env={**ENV, "CHROME_PATH": "/usr/bin/chromium"}, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(output.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "score": report["categories"]["performance"]["score"],
    }


def first_paint(bench: Bench) -> list[Row]:
    """Lighthouse on our site (under the strict CSP) and on default Material (as it ships, with its
    inline scripts) for the same pages, runs alternated; medians per page; ratios ours / theirs."""
    if not (LIGHTHOUSE / "node_modules" / "lighthouse").is_dir():
        return [Row("First paint (Lighthouse)", "not measured: run scripts/setup.sh --bench to install Lighthouse")]
    ours, theirs = _StaticSite(bench.shipped_site(), STRICT_CSP), _StaticSite(bench.default_material_site(), None)
    figures: dict[str, dict[str, list[dict]]] = {}
    try:
        for page in LIGHTHOUSE_PAGES:
            path = page.removesuffix("index.html")
            for _ in range(bench.runs):
                for name, served in (("ours", ours), ("theirs", theirs)):
                    run_ = lighthouse_run(served.url + path, bench.folder / "lighthouse.json")
                    figures.setdefault(page, {}).setdefault(name, []).append(run_)
    finally:
        ours.close(), theirs.close()

    def median(page: str, name: str, key: str) -> float:
        return statistics.median(run_[key] for run_ in figures[page][name])

    lines = ["| page | FCP ours | FCP Material | LCP ours | LCP Material | score ours | score Material |", "|---|---:|---:|---:|---:|---:|---:|"]
    for page in figures:
        lines.append(
            f"| {page} | {median(page, 'ours', 'fcp'):.2f} s | {median(page, 'theirs', 'fcp'):.2f} s "
            f"| {median(page, 'ours', 'lcp'):.2f} s | {median(page, 'theirs', 'lcp'):.2f} s "
            f"| {median(page, 'ours', 'score'):.2f} | {median(page, 'theirs', 'score'):.2f} |"
        )
    bench.details.append(f"### First paint: Lighthouse (mobile, simulated throttling), median of {bench.runs} runs\n\n" + "\n".join(lines))
    rows = []
    for key, name in (("fcp", "First contentful paint"), ("lcp", "Largest contentful paint")):
        ratios = {page: median(page, "ours", key) / median(page, "theirs", key) for page in figures}
        worst = max(ratios, key=ratios.get)
        rows.append(
            Row(
                f"{name}, ours / default Material, worst page ({worst})",
                f"{ratios[worst]:.2f}x",
                f"≤ {PAINT_GOAL_RATIO:g}x",
                verdict(ratios[worst] <= PAINT_GOAL_RATIO, f"{ratios[worst] / PAINT_GOAL_RATIO - 1:.0%} slower"),
            )
        )
    scores = {page: median(page, "ours", "score") for page in figures}
    lowest = min(scores, key=scores.get)
    rows.append(
        Row(
            f"Lighthouse performance, lowest page ({lowest})",
            f"{scores[lowest]:.2f}",
            f"≥ {LIGHTHOUSE_GOAL_SCORE:g}",
            verdict(scores[lowest] >= LIGHTHOUSE_GOAL_SCORE, f"{LIGHTHOUSE_GOAL_SCORE - scores[lowest]:.2f} short"),
        )
    )
    return rows


MEASUREMENTS: list[Callable[[Bench], list[Row]]] = [
    check_shipped,
    build_overhead,
    scale,
    check_scale,
    page_weight,
    first_paint,
    live_reload,
    checklist_speed,
]


# ---- Report -----------------------------------------------------------------------------------


def machine() -> str:
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT, capture_output=True, text=True).stdout.strip()
    return (
        f"Measured {dt.date.today().isoformat()} at commit {commit or 'unknown'} on {os.cpu_count()} CPUs"
        f" ({cpu.group(1).strip() if cpu else platform.machine()}), {memory_kb / 2**20:.0f} GB memory,"
        f" {platform.system()} {platform.release()}, Python {platform.python_version()}."
    )


def table(rows: list[Row]) -> str:
    lines = ["| what | measured | goal | verdict |", "|---|---|---|---|"]
    lines += [f"| {row.what} | {row.measured} | {row.goal} | {row.verdict} |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--guides", default="10,100,500", help="guide counts for the scale rows (default: 10,100,500)")
    parser.add_argument("--runs", type=int, default=3, help="runs per timing; the median is reported (default: 3)")
    parser.add_argument("--only", help="comma-separated measurement names, e.g. page_weight,live_reload")
    args = parser.parse_args(argv)
    chosen = [m for m in MEASUREMENTS if not args.only or m.__name__ in args.only.split(",")]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="guidekit-bench-") as folder:
        bench = Bench(Path(folder), sorted(int(n) for n in args.guides.split(",")), args.runs)
        for measurement in chosen:
            print(f"measuring {measurement.__name__} ...", file=sys.stderr, flush=True)
            rows += measurement(bench)
    print(f"{machine()}\n\n{table(rows)}\n")
    print("\n\n".join(bench.details))
    missed = [row for row in rows if row.verdict.startswith("missed")]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
