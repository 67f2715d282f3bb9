"""deploy/nginx/ai-guide.conf in a real nginx (Debian's, installed by scripts/setup.sh --system).

nginx runs in the foreground on a free loopback port with every path (pid, logs, temp files) in
a temporary folder, serving a copy of the site built for https://intranet.example/tools/ai-guide/.
Only the listen address and the site's folder in the shipped file are replaced.
"""

from __future__ import annotations

import gzip
import http.client
import shutil

import pytest

from browser_checks import GUIDE, KNOWN_WORD, STRICT_POLICY, search
from nginx_server import PREFIX, SITE_CONFIG, run_nginx

PORTAL_ORIGINS = "'self' https://portal.example"  # the example value in the shipped file


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
        for pattern in ["assets/javascripts/bundle.*.min.js", "assets/javascripts/workers/search.*.min.js", "assets/stylesheets/*.min.css"]
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
        "assets/stylesheets/site.css": "text/css",
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


def test_pages_work_in_a_browser_through_nginx(open_strict_page, nginx):
    page, watch = open_strict_page(nginx)
    page.goto(nginx + GUIDE, wait_until="networkidle")
    search(page, KNOWN_WORD)
    assert watch.take() == []
    missing = page.goto(nginx + "no/such/page/", wait_until="networkidle")
    assert missing.status == 404
    assert page.locator("h1").inner_text() == "404 - Not found"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert [problem for problem in watch.take() if "no/such/page" not in problem] == []
