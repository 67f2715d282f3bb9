"""What keeps a guide current: volatile facts that expire, the change history and its Atom feed,
reference tables, and the checks on source dates. All on the small fixture guide, with `today`
given explicitly, so no test depends on the real date."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest
import yaml

from conftest import FEATURE_GUIDE, MINI_GUIDE, PROJECT, copy_project, serve_folder
from guidekit.render.address import SiteAddress
from guidekit.site.build import prepare_build
from guidekit.site.guides import load_site
from guidekit.model.problems import ContentError

GUIDE = MINI_GUIDE.name
INTRANET = "https://intranet.example/tools/ai-guide/"
ATOM = "http://www.w3.org/2005/Atom"


def mini_content(tmp_path: Path) -> Path:
    shutil.copytree(MINI_GUIDE, tmp_path / "content_data" / GUIDE)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---- Volatile facts expire ----------------------------------------------------------------


def stale_warnings(project: Path, today: dt.date) -> list[str]:
    return [str(problem) for problem in load_site(project / "content_data", project, today=today).warnings if "volatile fact" in problem.message]


def test_a_volatile_fact_warns_the_day_after_it_stops_being_fresh(tmp_path):
    project = mini_content(tmp_path)
    option = project / "content_data" / GUIDE / "options" / "email.yml"
    line = option.read_text().splitlines().index("    as_of: 2026-10-01") + 1
    # The fixture's oldest facts date from 2026-10-01 (email's con and a rating); the table's are later.
    assert stale_warnings(project, dt.date(2026, 10, 1) + dt.timedelta(days=90)) == []
    rating, con = stale_warnings(project, dt.date(2026, 10, 1) + dt.timedelta(days=91))
    assert con == (
        f"content_data/{GUIDE}/options/email.yml:{line}:5: warning: cons[1].as_of: "
        "volatile fact as of 2026-10-01, more than 90 days ago: it may no longer be true"
    )
    assert rating.startswith(f"content_data/{GUIDE}/comparison.yml:13:") and ": aspects[2].ratings.chat.as_of: " in rating


def test_the_guide_sets_how_long_a_volatile_fact_stays_fresh(tmp_path):
    project = mini_content(tmp_path)
    guide = project / "content_data" / GUIDE / "guide.yml"
    guide.write_text(guide.read_text() + "volatile_fresh_days: 10\n")
    warned = stale_warnings(project, dt.date(2026, 11, 20))
    # The facts of 2026-10-01 and the table (2026-11-01) are older than 10 days; the table's second row (2026-11-15) is not.
    assert [warning.split(": warning: ")[1].split(":")[0] for warning in warned] == [
        "aspects[2].ratings.chat.as_of",
        "cons[1].as_of",
        "tables[1].as_of",
    ]


def test_an_expired_fact_never_stops_the_check_or_the_build(tmp_path):
    project = mini_content(tmp_path)
    site = load_site(project / "content_data", project, today=dt.date(2030, 1, 1))  # raises on any error
    assert site.warnings and all(not problem.is_error for problem in site.warnings)


# ---- Source hygiene ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "published, read, wrong",
    [
        ("2026-11-20", "2026-11-19", True),
        ("2026-11-20", "2026-11-20", False),
        ("December 2026", "2026-11-30", True),
        ("snapshot of 2023-07-21", "2026-11-24", False),
        ("March 2024, revised December 2024", "2024-06-01", False),  # read the first version
        ("as the vendor gives it", "2026-11-24", False),  # no date in it: nothing to compare
    ],
)
def test_a_source_read_before_it_was_published_is_an_error(tmp_path, published, read, wrong):
    project = mini_content(tmp_path)
    sources = project / "content_data" / GUIDE / "sources.yml"
    edit(sources, "    published: '2026'\n    date_read: 2026-11-01", f"    published: '{published}'\n    date_read: {read}")
    try:
        load_site(project / "content_data", project, today=dt.date(2026, 11, 30))
        problems = []
    except ContentError as error:
        problems = [str(problem) for problem in error.problems]
    expected = [f"content_data/{GUIDE}/sources.yml:13:5: sources[2].date_read: read on {read}, before it was published ('{published}')"]
    assert problems == (expected if wrong else [])


# ---- Pages: "Last updated", the history, tables, the secondary-report label ---------------------


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    project = mini_content(tmp_path_factory.mktemp("currency"))
    shutil.copytree(PROJECT / "overrides", project / "overrides")
    return prepare_build(project, SiteAddress(INTRANET, site_name="Intranet guides"))


@pytest.fixture(scope="module")
def pages(build) -> dict[str, str]:
    return {page.src_uri: page.markdown for page in build.pages}


def test_the_overview_says_when_the_guide_was_last_updated_and_links_the_history(pages):
    assert "Last updated 30 Nov 2026 · [See all updates](changes.md)\n{ .gk-meta .gk-last-updated }" in pages[f"{GUIDE}/index.md"]


def test_the_history_lists_every_change_newest_first_with_links_to_what_it_touched(pages):
    history = pages[f"{GUIDE}/changes.md"]
    assert history.index("## 30 Nov 2026 { #change-2026-11-30 }") < history.index("## 1 Nov 2026 { #change-2026-11-01 }")
    assert f"[Follow these updates in a feed reader or an intranet portal: Atom feed](../{GUIDE}-changes.xml)" in history
    assert "Changed: [Email \\+ chat](index.md#hybrid-email-chat) · [Where each tool runs](tables/where-it-runs.md)" in history
    # Editor text is escaped, never markup.
    assert "&lt;table&gt;" in history and "<table>" not in history


def test_a_change_names_any_part_of_the_guide_and_an_unknown_one_is_an_error(tmp_path):
    project = mini_content(tmp_path)
    guide = project / "content_data" / GUIDE / "guide.yml"
    edit(guide, "affects: [email-chat, where-it-runs]", "affects: [chat, email-con-slow, speed, inbox, etiquette, emial]")
    with pytest.raises(ContentError) as raised:
        load_site(project / "content_data", project, today=dt.date(2026, 11, 30))
    [problem] = raised.value.problems
    assert str(problem) == f"content_data/{GUIDE}/guide.yml:22:62: changes[2].affects[6]: unknown part 'emial' (did you mean 'email'?)"
    edit(guide, ", emial]", "]")
    shutil.copytree(PROJECT / "overrides", project / "overrides")
    history = next(page.markdown for page in prepare_build(project).pages if page.src_uri == f"{GUIDE}/changes.md")
    assert (
        "Changed: [Chat](options/chat.md) · [Email › Slow replies](options/email.md#email-con-slow) · [Speed](comparison.md#aspect-speed)"
        " · [inbox](glossary.md#term-inbox) · [Agree on etiquette](considerations.md#etiquette)"
    ) in history


def test_each_page_of_a_guide_announces_its_feed(pages):
    for uri in [f"{GUIDE}/index.md", f"{GUIDE}/options/chat.md", f"{GUIDE}/tables/where-it-runs.md"]:
        front_matter = json.loads(pages[uri].split("---\n")[1])
        assert front_matter["guide_feed"]["href"] == f"{GUIDE}-changes.xml"


def test_a_table_is_an_accessible_table_with_sources_and_its_date(pages):
    table = pages[f"{GUIDE}/tables/where-it-runs.md"]
    assert '<caption id="gk-table-where-it-runs">Where each tool runs <span class="gk-as-of">(as of 1 Nov 2026)</span></caption>' in table
    assert '<th scope="col">Tool</th><th scope="col">Devices</th><th scope="col">Status</th><th scope="col">Sources</th>' in table
    assert table.count('<th scope="row">') == 2
    # Each row cites its sources, linked to the sources page at this page's address, and may have its own date.
    assert '<a href="../../sources/#src-survey" data-gk-source-title="Reply-time survey">[2]</a> <a href="../../sources/#src-tools-news"' in table
    assert '<span class="gk-as-of">as of 15 Nov 2026</span>' in table
    assert "SITE_URL" not in table and f"{INTRANET}{GUIDE}/embed/tables/where-it-runs/" in table  # "Embed this"


def test_a_table_shows_on_the_option_pages_it_names_and_only_there(pages):
    assert '<caption id="gk-table-where-it-runs">' in pages[f"{GUIDE}/options/chat.md"]
    assert "gk-table-where-it-runs" not in pages[f"{GUIDE}/options/email.md"]


def test_the_sources_page_labels_a_secondary_report(pages):
    sources = pages[f"{GUIDE}/sources.md"]
    [news] = [line for line in sources.splitlines() if "src-tools-news" in line]
    assert "*secondary report*" in news
    assert sum("*secondary report*" in line for line in sources.splitlines()) == 1
    assert "[Where each tool runs › Chat](tables/where-it-runs.md#where-it-runs-row-2)" in sources  # cited in


def test_a_hand_written_page_places_a_table_with_a_marker(build):
    block = build.blocks.replace_markers(f"<!-- guidekit:table {GUIDE} where-it-runs -->", "notes/tools.md")
    assert '<a href="../../team-chat-tools/sources/#src-handbook"' in block
    with pytest.raises(ValueError, match="unknown table 'where-it-run' \\(did you mean 'where-it-runs'\\?\\)"):
        build.blocks.render("table", [GUIDE, "where-it-run"], "notes/tools.md")


def test_the_export_carries_the_changes_and_the_tables(build):
    data = json.loads(build.data_files[f"{GUIDE}/guide.json"])
    assert [change["date"] for change in data["guide"]["changes"]] == ["2026-11-01", "2026-11-30"]
    assert data["tables"][0]["id"] == "where-it-runs" and data["tables"][0]["rows"][1]["as_of"] == "2026-11-15"
    assert data["pages"]["changes"] == "changes/" and data["pages"]["feed"] == f"../{GUIDE}-changes.xml"
    assert data["pages"]["tables"] == {"where-it-runs": "tables/where-it-runs/"}
    assert data["pages"]["embeds"]["tables/where-it-runs"] == "embed/tables/where-it-runs/"


# ---- The Atom feed ------------------------------------------------------------------------------


def test_the_feed_is_valid_atom_with_absolute_links_under_the_sub_path(build):
    text = build.data_files[f"{GUIDE}-changes.xml"]
    feed = feedparser.parse(text)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.namespaces[""] == ATOM
    assert feed.feed.title == "Email vs. Chat: A Small Test Guide: Change history"
    assert feed.feed.id.startswith("urn:uuid:") and feed.feed.author == "Intranet guides"
    assert feed.feed.updated == "2026-11-30T00:00:00+00:00"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"alternate": f"{INTRANET}{GUIDE}/changes/", "self": f"{INTRANET}{GUIDE}-changes.xml"}
    assert [entry.title for entry in feed.entries] == ["Email vs. chat: 30 Nov 2026", "Email vs. chat: 1 Nov 2026"]
    assert [entry.link for entry in feed.entries] == [f"{INTRANET}{GUIDE}/changes/#change-2026-11-30", f"{INTRANET}{GUIDE}/changes/#change-2026-11-01"]
    assert feed.entries[0].summary.startswith("Checked reply times & tools")
    assert len({entry.id for entry in feed.entries}) == 2 and all(entry.id.startswith("urn:uuid:") for entry in feed.entries)


def test_feed_entry_ids_do_not_depend_on_the_address(build, tmp_path):
    project = mini_content(tmp_path)
    shutil.copytree(PROJECT / "overrides", project / "overrides")
    elsewhere = feedparser.parse(prepare_build(project, SiteAddress("https://other.example/")).data_files[f"{GUIDE}-changes.xml"])
    here = feedparser.parse(build.data_files[f"{GUIDE}-changes.xml"])
    assert [entry.id for entry in elsewhere.entries] == [entry.id for entry in here.entries]
    assert elsewhere.entries[0].link.startswith("https://other.example/")


@pytest.fixture(scope="module")
def subpath_build(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("feed-subpath") / "project", guides=[MINI_GUIDE])
    project.set_site_url(INTRANET)
    result = project.build()
    assert result.returncode == 0, result.output
    return result.site


def test_the_built_pages_link_the_feed_and_the_feed_links_real_pages(subpath_build):
    site = subpath_build
    for page, href in [(f"{GUIDE}/index.html", f"../{GUIDE}-changes.xml"), (f"{GUIDE}/options/chat/index.html", f"../../../{GUIDE}-changes.xml")]:
        assert (
            f'<link rel="alternate" type="application/atom+xml" title="Email vs. Chat: A Small Test Guide: Change history" href="{href}">'
            in (site / page).read_text()
        )
    feed = feedparser.parse((site / f"{GUIDE}-changes.xml").read_bytes())
    assert feed.bozo == 0
    for entry in feed.entries:
        path, anchor = entry.link.removeprefix(INTRANET).split("#")
        assert f'id="{anchor}"' in (site / path / "index.html").read_text()
    overview = (site / GUIDE / "index.html").read_text()
    assert 'Last updated 30 Nov 2026 · <a href="changes/">See all updates</a>' in overview


def test_the_offline_bundle_holds_the_feed_with_links_that_work_from_disk(tmp_path):
    project = copy_project(tmp_path / "project", guides=[MINI_GUIDE])
    folder = project.unzipped_offline_bundle(tmp_path / "bundle.zip")
    feed_file = folder / f"{GUIDE}-changes.xml"
    feed = feedparser.parse(feed_file.read_bytes())
    assert feed.bozo == 0 and len(feed.entries) == 2
    assert {link.rel: link.href for link in feed.feed.links} == {"alternate": f"{GUIDE}/changes.html", "self": f"{GUIDE}-changes.xml"}
    for entry in feed.entries:
        path, anchor = entry.link.split("#")
        assert f'id="{anchor}"' in (feed_file.parent / path).read_text()
    assert f'href="../{GUIDE}-changes.xml"' in (folder / GUIDE / "index.html").read_text()


# ---- Accessibility of the new pages -------------------------------------------------------------


def test_the_table_and_history_pages_pass_axe_and_request_nothing_missing(subpath_build, browser):
    """Also: Material fetches sitemap.xml next to every <link rel="alternate">; next to the feed, it exists."""
    from accessibility_checks import AxeFindings, axe_page

    url, server = serve_folder(subpath_build, prefix="/tools/ai-guide/")
    findings = AxeFindings()
    failed: list[str] = []
    try:
        for scheme in ["light", "dark"]:
            with axe_page(browser, color_scheme=scheme) as page:
                page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
                for path in [f"{GUIDE}/tables/where-it-runs/", f"{GUIDE}/embed/tables/where-it-runs/", f"{GUIDE}/changes/"]:
                    page.goto(url + path)
                    page.wait_for_load_state("networkidle")
                    findings.check(page, f"{path} ({scheme})")
    finally:
        server.shutdown()
    assert not findings.by_rule, findings.report()
    assert failed == []


# ---- The editing docs' examples ---------------------------------------------------------------


def test_the_currency_examples_in_the_editing_docs_are_valid_on_the_guide_they_were_written_for(tmp_path):
    blocks = re.findall(r"```yaml\n(.*?)```", (PROJECT / "docs/editing/index.md").read_text(), re.S)
    [item] = [block for block in blocks if "as_of:" in block and "tables:" not in block]
    [changes] = [block for block in blocks if block.startswith("changes:")]
    [tables] = [block for block in blocks if block.startswith("tables:")]
    guide = tmp_path / "content_data" / "fine-tuning-vs-prompting"
    shutil.copytree(FEATURE_GUIDE, guide)  # the guide the docs' examples were written for, whatever a team did to content_data/
    edit(guide / "options" / "fine-tuning.yml", "cons:\n", "cons:\n" + item)
    edit(guide / "guide.yml", "changes:\n", changes)
    example_table = tables.removeprefix("tables:\n").replace("id: where-to-fine-tune", "id: example-table")
    edit(guide / "tables.yml", "tables:\n", "tables:\n" + example_table)
    [loaded] = load_site(tmp_path / "content_data", tmp_path, today=dt.date(2026, 11, 30)).guides
    assert loaded.option("fine-tuning").cons[0].as_of == dt.date(2026, 11, 30)
    [example_change] = yaml.safe_load(changes)["changes"]
    [added] = [change for change, _ in loaded.history() if change.summary == " ".join(example_change["summary"].split())]
    assert added.affects == ["fine-tuning", "where-to-fine-tune"]
    assert loaded.table("example-table").rows[0].cells[0] == "**Amazon Bedrock**"
