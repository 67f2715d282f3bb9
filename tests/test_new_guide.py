"""A team's first guide, end to end: scaffolded with `new-guide`, kept as a draft, filled in the
way the editing docs say, published. Each step keeps the check and the build green, and the
template's own pages pass the accessibility checks on a 320 px screen.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ENV, Project, copy_project, published_guides, serve_folder
from guidekit.site.build import prepare_preview
from guidekit.checks.engine import run_scoring, widget_data
from guidekit.checks.placeholders import PLACEHOLDER
from guidekit.site.guides import load_site
from accessibility_checks import LAYOUT_PROBLEMS, AxeFindings, axe_page, tab_through

NEW = "team-onboarding"
NEW_FOLDER = f"content_data/{NEW}"


def guidekit(project: Project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guidekit", *args, "--project", str(project.root)], env=ENV, capture_output=True, text=True, timeout=60)


def scaffold(tmp_path: Path) -> Project:
    """The project as it is, with a new guide made by `new-guide`, as a team makes its first one."""
    project = copy_project(tmp_path / "project", with_content_data=True)
    completed = guidekit(project, "new-guide", NEW, "--title", "Onboarding a new team member")
    assert completed.returncode == 0, completed.stderr
    return project


def warnings_about_the_new_guide(check_output: str) -> list[str]:
    """The check's warnings in the new guide's files (the team's other guides may have some: a warning stops nothing)."""
    return [line for line in check_output.splitlines() if line.startswith(f"{NEW_FOLDER}/") and ": warning: " in line]


def new_guide_files(project: Project) -> list[Path]:
    return sorted((project.root / NEW_FOLDER).rglob("*.yml"))


def fill_in(project: Project) -> None:
    """What the editing docs ask: replace every text starting with TODO, then publish the guide."""
    for path in new_guide_files(project):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        written = [line if line.lstrip().startswith("#") else re.sub(r"TODO[ -]", "", line) for line in lines]
        path.write_text("".join(written), encoding="utf-8")
    project.edit(f"{NEW_FOLDER}/guide.yml", "status: draft", "status: published")


def placeholder_lines(project: Project) -> set[str]:
    """file:line of every line of the new guide that holds a placeholder outside a comment."""
    found = set()
    for path in new_guide_files(project):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if PLACEHOLDER.search(line) and not line.lstrip().startswith("#"):
                found.add(f"{path.relative_to(project.root).as_posix()}:{number}")
    return found


@pytest.mark.build
def test_a_new_guide_is_a_draft_the_check_accepts_and_the_build_leaves_out(tmp_path):
    project = scaffold(tmp_path)
    check = guidekit(project, "check")
    assert check.returncode == 0, check.stdout
    assert f"{NEW} (draft)" in check.stdout and warnings_about_the_new_guide(check.stdout) == []
    result = project.build()
    assert result.returncode == 0, result.output
    assert not (result.site / NEW).exists()
    assert NEW not in result.page("index.html") and NEW not in result.page("sitemap.xml")
    assert NEW not in (result.site / "search" / "search_index.json").read_text()


@pytest.mark.build
def test_a_draft_with_errors_is_reported_but_never_stops_a_build(tmp_path):
    project = scaffold(tmp_path)
    project.edit(f"{NEW_FOLDER}/checklist.yml", "\ngroups:", "\ngrups:")
    check = guidekit(project, "check")
    assert check.returncode == 1 and f"{NEW_FOLDER}/checklist.yml:" in check.stdout  # the editor hears of it
    published = guidekit(project, "check", "--published")  # what `make publish` checks
    assert published.returncode == 0, published.stdout
    assert NEW not in published.stdout and all(guide.id in published.stdout for guide in published_guides())  # every other guide still checked
    result = project.build()
    assert result.returncode == 0, result.output
    assert not (result.site / NEW).exists()


@pytest.mark.build
def test_the_preview_shows_a_draft_labelled_as_such(tmp_path):
    project = scaffold(tmp_path)
    preview = prepare_preview(project.root)
    assert preview.sections[NEW] == "Onboarding a new team member (draft)"
    pages = [page for page in preview.pages if page.src_uri.startswith(f"{NEW}/")]
    assert pages and all('"draft": true' in page.markdown for page in pages)
    published = tuple(f"{guide.id}/" for guide in published_guides())
    shipped = [page for page in preview.pages if page.src_uri.startswith(published)]
    assert shipped and not any('"draft": true' in page.markdown for page in shipped)


@pytest.mark.build
def test_every_placeholder_left_in_a_published_guide_is_an_error_at_its_place(tmp_path):
    project = scaffold(tmp_path)
    project.edit(f"{NEW_FOLDER}/guide.yml", "status: draft", "status: published")
    check = guidekit(project, "check")
    assert check.returncode == 1
    reported = re.findall(r"^(content_data/\S+?):(\d+):\d+: .*placeholder text from the template", check.stdout, re.M)
    assert {f"{file}:{line}" for file, line in reported} == placeholder_lines(project)
    assert len(reported) == len(placeholder_lines(project)) >= 40
    result = project.build()
    assert result.returncode == 1 and not (result.site / "index.html").exists()


@pytest.mark.build
def test_a_new_guide_filled_in_as_the_docs_say_is_published(tmp_path):
    project = scaffold(tmp_path)
    fill_in(project)
    check = guidekit(project, "check")
    assert check.returncode == 0 and warnings_about_the_new_guide(check.stdout) == [], check.stdout
    guide = load_site(project.content, project.root).guide(NEW)
    scored = run_scoring(widget_data(guide), [dict(scenario.answers) for scenario in guide.checklist.scenarios])
    assert [(entry["result"]["outcome"], entry["result"]["strength"]) for entry in scored] == [
        (scenario.expect.outcome, scenario.expect.strength) for scenario in guide.checklist.scenarios
    ]
    result = project.build()
    assert result.returncode == 0, result.output
    assert "Onboarding a new team member" in result.page("index.html")
    assert "Draft" not in result.page(f"{NEW}/index.html")


@pytest.fixture(scope="module")
def published_new_guide(tmp_path_factory):
    """The filled-in new guide, built and served (site_url set to the server, as the theme needs)."""
    project = scaffold(tmp_path_factory.mktemp("new-guide"))
    fill_in(project)
    (project.root / "site").mkdir()
    url, server = serve_folder(project.root / "site")
    project.set_site_url(url)
    result = project.build()
    assert result.returncode == 0, result.output
    yield url, sorted(path.relative_to(result.site).as_posix().removesuffix("index.html") for path in (result.site / NEW).rglob("*.html"))
    server.shutdown()


@pytest.mark.browser
def test_the_template_passes_the_accessibility_checks_at_320_px(browser, published_new_guide):
    """axe, reflow and the keyboard on every page of a guide made from the template, on the
    narrowest screen, where a new guide's own wording changes the layout."""
    url, paths = published_new_guide
    findings, problems = AxeFindings(), []
    with axe_page(browser, viewport={"width": 320, "height": 640}, reduced_motion="reduce") as page:
        for path in paths:
            page.goto(url + path)
            if page.locator(".gk-checklist").count():  # judge the layout the reader gets, once the script has run
                page.locator(".gk-checklist--live").wait_for()
            findings.check(page, path)
            problems += [f"{path}: {problem}" for problem in page.evaluate(LAYOUT_PROBLEMS)]
            for stop in tab_through(page):
                if stop["coveredBy"] or not stop["visible"]:
                    problems.append(f"{path}: focus on {stop['name']!r} is hidden ({stop['coveredBy'] or 'not visible'})")
    assert len(paths) >= 10
    assert not findings.by_rule, "axe-core violations:\n" + findings.report()
    assert not problems, "\n".join(problems)
