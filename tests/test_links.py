"""Every link in the built site: internal links and #anchors resolve, nothing is loaded from
another host, and external links are listed in a report (never fetched)."""

from guidekit.site.link_check import crawl


def test_no_broken_internal_link_or_anchor(content_site, content_site_url, tmp_path_factory):
    report = crawl(content_site, content_site_url)
    assert report.pages >= 10 and report.internal > 500  # the crawl really saw the site
    assert report.broken == [], "broken internal links:\n" + report.format_broken()
    # The external links, for a person to review: printed by `pytest -rA`, kept in the temp folder.
    listing = tmp_path_factory.mktemp("links") / "external-links.txt"
    listing.write_text(report.format_external() + "\n", encoding="utf-8")
    print(f"{len(report.external)} external links (not fetched), listed in {listing}:\n{report.format_external()}")


def test_pages_load_nothing_from_other_hosts(content_site, content_site_url):
    """No fonts, scripts, styles or images from a CDN: the site works on an intranet without
    internet access and under a Content-Security-Policy of 'self'."""
    report = crawl(content_site, content_site_url)
    assert report.external_resources == []
    assert any(url.startswith("https://") for url in report.external)  # sources are linked, not loaded


def test_crawler_finds_missing_pages_anchors_and_script_urls(tmp_path):
    (tmp_path / "guide").mkdir()
    (tmp_path / "index.html").write_text(
        '<h1 id="top">Home</h1><a href="guide/">ok</a> <a href="guide/#part">ok</a> <a href="#top">ok</a>'
        '<a href="guide/#nowhere">bad anchor</a> <a href="missing/">bad page</a> <a href="javascript:void(0)">bad</a>'
        '<a href="http://127.0.0.1:8000/guide/">ok, absolute</a> <a href="https://example.com/x">external</a>'
        '<img src="img/none.png" alt=""> <script src="https://cdn.example.com/x.js"></script>'
    )
    (tmp_path / "guide" / "index.html").write_text('<h2 id="part">Part</h2><a href="../#top">ok</a><a name="old"></a>')
    report = crawl(tmp_path, "http://127.0.0.1:8000/")
    assert [(link.url, reason) for link, reason in report.broken] == [
        ("guide/#nowhere", "no element with id 'nowhere' in guide/index.html"),
        ("missing/", "no such file"),
        ("javascript:void(0)", "javascript: URLs are not links"),
        ("img/none.png", "no such file"),
    ]
    assert sorted(report.external) == ["https://cdn.example.com/x.js", "https://example.com/x"]
    assert [link.url for link in report.external_resources] == ["https://cdn.example.com/x.js"]
