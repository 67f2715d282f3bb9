"""deploy/nginx/ai-guide.conf in a real nginx (Debian's, installed by scripts/setup.sh --system).

nginx runs in the foreground on a free loopback port with every path (pid, logs, temp files) in
a temporary folder, serving a copy of the site built for https://intranet.example/tools/ai-guide/.
Only the listen address and the site's folder in the shipped file are replaced.
"""

from __future__ import annotations

import contextlib
import gzip
import http.client
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from browser_checks import GUIDE, REPORT_VIOLATIONS, STRICT_POLICY, PageWatch, search, KNOWN_WORD

PROJECT = Path(__file__).resolve().parent.parent
SITE_CONFIG = PROJECT / "deploy" / "nginx" / "ai-guide.conf"
NGINX = Path("/usr/sbin/nginx")
PREFIX = "/tools/ai-guide/"
PORTAL_ORIGINS = "'self' https://portal.example"  # the example value in the shipped file


def _replace_once(text: str, pattern: str, replacement: str) -> str:
    new_text, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
    assert count == 1, f"{SITE_CONFIG.name}: expected one line matching {pattern!r}; update this test with the file"
    return new_text


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_listening(process: subprocess.Popen, port: int, error_log: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"nginx exited with {process.returncode}:\n{error_log.read_text(errors='replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"nginx did not listen on port {port}:\n{error_log.read_text(errors='replace')}")


@contextlib.contextmanager
def run_nginx(work: Path, site: Path):
    """nginx with the shipped site configuration serving `site` (a folder or a symlink to one) under PREFIX;
    every file it needs lives in `work`. Yields the base URL, e.g. http://127.0.0.1:PORT/tools/ai-guide/."""
    assert NGINX.is_file(), "nginx is missing: run scripts/setup.sh --system"
    port = _free_port()
    text = SITE_CONFIG.read_text(encoding="utf-8")
    text = _replace_once(text, r"^(\s*)listen 80;", rf"\1listen 127.0.0.1:{port};")
    text = _replace_once(text, r"^(\s*)alias /srv/ai-guide/current/;", rf"\1alias {site}/;")
    (work / "site.conf").write_text(text, encoding="utf-8")
    temp = {name: work / "temp" / name for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for folder in temp.values():
        folder.mkdir(parents=True)
    (work / "nginx.conf").write_text(
        f"""
daemon off;
master_process off;  # one process as the caller: nothing to switch users for, nothing left behind
pid {work / 'nginx.pid'};
error_log {work / 'error.log'} warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp['client_body']};
    proxy_temp_path {temp['proxy']};
    fastcgi_temp_path {temp['fastcgi']};
    uwsgi_temp_path {temp['uwsgi']};
    scgi_temp_path {temp['scgi']};
    include {work / 'site.conf'};
}}
""",
        encoding="utf-8",
    )
    error_log = work / "error.log"
    command = [str(NGINX), "-p", str(work), "-e", str(error_log), "-c", str(work / "nginx.conf")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_until_listening(process, port, error_log)
        yield f"http://127.0.0.1:{port}{PREFIX}"
    finally:
        process.terminate()
        process.wait(timeout=10)
    warnings = error_log.read_text(errors="replace")
    assert "[emerg]" not in warnings and "[alert]" not in warnings, warnings


@pytest.fixture(scope="module")
def nginx(tmp_path_factory, subpath_site):
    """Base URL of the site under nginx, e.g. http://127.0.0.1:PORT/tools/ai-guide/."""
    work = tmp_path_factory.mktemp("nginx")
    # Laid out as `make publish` leaves it: a release folder and a `current` link to it.
    shutil.copytree(subpath_site, work / "releases" / "1")
    (work / "current").symlink_to(work / "releases" / "1")
    with run_nginx(work, work / "current") as base_url:
        yield base_url


def get(base_url: str, path: str, **headers: str) -> http.client.HTTPResponse:
    host, port = base_url.split("//")[1].split("/")[0].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", PREFIX + path if not path.startswith("/") else path, headers=headers)
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def assert_security_headers(response) -> None:
    assert response.getheader("Content-Security-Policy") == f"{STRICT_POLICY}; frame-ancestors {PORTAL_ORIGINS}"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "same-origin"


def test_shipped_config_names_the_portal_once():
    text = SITE_CONFIG.read_text(encoding="utf-8")
    assert text.count("https://portal.example") == 1
    assert f'default "{PORTAL_ORIGINS}";' in text


def test_pages_are_served_with_the_strict_policy_and_revalidated(nginx):
    for path in ["", GUIDE, GUIDE + "comparison/", "intranet/"]:
        response = get(nginx, path)
        assert response.status == 200, path
        assert response.getheader("Content-Type") == "text/html; charset=utf-8"
        assert response.getheader("Cache-Control") == "no-cache"
        assert_security_headers(response)
        assert b'class="md-content"' in response.body


def test_hashed_assets_are_cached_for_a_year_and_keep_the_security_headers(nginx, subpath_site):
    hashed = [
        path.relative_to(subpath_site).as_posix()
        for pattern in ["assets/javascripts/bundle.*.min.js", "assets/javascripts/workers/search.*.min.js",
                        "assets/stylesheets/*.min.css"]
        for path in subpath_site.glob(pattern)
    ]
    assert len(hashed) == 4, hashed
    for path in hashed:
        response = get(nginx, path)
        assert response.status == 200, path
        assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable", path
        assert_security_headers(response)


def test_unhashed_files_have_correct_types_and_are_revalidated(nginx):
    expected = {
        "assets/javascripts/material-csp/base.js": "application/javascript",
        "search/search_index.json": "application/json",
        "assets/stylesheets/guidekit.css": "text/css",
        "sitemap.xml": "text/xml",
    }
    for path, content_type in expected.items():
        response = get(nginx, path)
        assert response.status == 200, path
        assert response.getheader("Content-Type").split(";")[0] == content_type, path
        assert response.getheader("Cache-Control") == "no-cache", path


def test_text_is_compressed(nginx):
    response = get(nginx, "search/search_index.json", **{"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip"
    assert b'"docs"' in gzip.decompress(response.body)


def test_missing_page_gets_the_site_404_page_with_status_404(nginx):
    response = get(nginx, "no/such/page/")
    assert response.status == 404
    assert b"404 - Not found" in response.body
    assert f'href="{PREFIX}assets/stylesheets/'.encode() in response.body
    assert_security_headers(response)


def test_folder_without_slash_redirects_on_the_same_host(nginx):
    response = get(nginx, PREFIX + GUIDE.rstrip("/"))
    assert response.status == 301
    assert response.getheader("Location") == PREFIX + GUIDE


def test_pages_work_in_a_browser_through_nginx(browser, nginx):
    context = browser.new_context()
    context.set_default_timeout(10_000)
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    watch = PageWatch.attach(page, nginx)
    try:
        page.goto(nginx + GUIDE, wait_until="networkidle")
        search(page, KNOWN_WORD)
        assert watch.take() == []
        missing = page.goto(nginx + "no/such/page/", wait_until="networkidle")
        assert missing.status == 404
        assert page.locator("h1").inner_text() == "404 - Not found"
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        assert [problem for problem in watch.take() if "no/such/page" not in problem] == []
    finally:
        context.close()
