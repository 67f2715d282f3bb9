"""The content editor's workflow: the check command, the field reference, the editing docs,
"Edit this page" links, the new-guide template, and the logic checks."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import typing
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from conftest import ENV, FEATURE_GUIDE, MINI_GUIDE, PROJECT, TODAY, copy_project, published_guides, shipped_guide
from guidekit.cli import MOST_NAMES_LISTED, listed
from guidekit.site.build import prepare_build, prepare_problem_preview
from guidekit.site.guides import load_site
from guidekit.model.problems import Problem
from guidekit.render.reference import FILES, field_reference
from guidekit.scaffold import ScaffoldError, scaffold_guide
from broken_cases import CASES, GUIDE, all_problems

ERROR_PAGE = PROJECT / "docs" / "editing" / "error-messages.md"


def run_check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guidekit", "check", "--project", str(project)], env=ENV, capture_output=True, text=True, timeout=60)


def every_model() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []

    def visit(model):
        if model in found:
            return
        found.append(model)
        for hint in typing.get_type_hints(model).values():
            for arg in [hint, *typing.get_args(hint), *[inner for outer in typing.get_args(hint) for inner in typing.get_args(outer)]]:
                if isinstance(arg, type) and issubclass(arg, BaseModel):
                    visit(arg)

    for model in FILES.values():
        visit(model)
    return found


# ---- The content model documents itself ------------------------------------------------------


@pytest.mark.parametrize("model", every_model(), ids=lambda model: model.__name__)
def test_every_field_has_a_description_and_an_example(model):
    undocumented = [name for name, info in model.model_fields.items() if not info.description or not info.examples]
    assert undocumented == []


def test_the_field_reference_lists_every_field_with_its_type_and_allowed_values():
    docs = {doc.title: doc for doc in field_reference()}
    assert {model.__name__ for model in every_model() if model not in FILES.values()} <= set(docs)
    for doc in docs.values():
        model = FILES.get(doc.title) or next(model for model in every_model() if model.__name__ == doc.title)
        assert {field.name for field in doc.fields} == set(model.model_fields)
    guide = {field.name: field for field in docs["guide.yml"].fields}
    assert (guide["title"].required, "".join(p.text for p in guide["title"].type)) == (True, "text, one line")
    assert "".join(p.text for p in guide["introduction"].type) == "Markdown text"
    assert [(p.text, p.anchor) for p in guide["hybrids"].type] == [("list of ", ""), ("Hybrid", "ref-hybrid")]
    assert (guide["review_after_days"].required, guide["review_after_days"].default) == (False, "365")
    source = {field.name: field for field in docs["Source"].fields}
    assert source["kind"].allowed == ["vendor", "research", "law", "news"]
    assert source["date_read"].example == "2026-11-24"  # written as an editor types it, without quotes
    assert [field.name for field in docs["Item"].fields][:3] == ["id", "title", "body"]  # own fields before shared ones


def test_the_editing_section_shows_the_field_reference_and_every_page_has_an_edit_link(content_site):
    html = (content_site / "editing" / "content-model" / "index.html").read_text()
    for doc in field_reference():
        assert f'id="{doc.anchor}"' in html, doc.anchor
    assert "<strong>review_after_days</strong>" in html
    assert "vendor, research, law, news" in html
    home = (content_site / "index.html").read_text()
    assert re.search(r'<a href="editing/" class="md-tabs__link">\s*How to edit this guide\s*</a>', home)
    # No repository is configured: every page names the file to edit instead of linking anywhere.
    for guide in published_guides():
        option_id = guide.meta.options[0]
        option = (content_site / guide.id / "options" / option_id / "index.html").read_text()
        assert f'<p class="gk-edit-path">Edit this page: <code>{guide.folder}/options/{option_id}.yml</code></p>' in option
        assert 'rel="edit"' not in option and 'class="md-source"' not in option
    editing = (content_site / "editing" / "index.html").read_text()
    assert '<p class="gk-edit-path">Edit this page: <code>docs/editing/index.md</code></p>' in editing


def test_no_placeholder_repository_anywhere_in_the_project():
    """A link to a repository that does not exist would land an editor on an error page."""
    shipped = [path for folder in ("docs", "overrides", "content_data") for path in (PROJECT / folder).rglob("*") if path.is_file()]
    assert [path for path in [PROJECT / "mkdocs.yml", *shipped] if "example-org" in path.read_text(errors="replace")] == []


def test_edit_links_follow_the_configured_repository(mini_project):
    mini_project.edit("mkdocs.yml", "site_url:", "repo_url: https://git.example.org/marketing/guides\nedit_uri: -/edit/live/docs/\nsite_url:")
    result = mini_project.build()
    assert result.returncode == 0, result.output
    page = result.page("team-chat-tools/checklist/index.html")
    assert 'href="https://git.example.org/marketing/guides/-/edit/live/content_data/team-chat-tools/checklist.yml"' in page
    assert 'class="gk-edit-path"' not in page
    assert 'data-md-component="source"' not in page  # the theme would fetch repository stats from the GitHub API


def test_the_browser_makes_no_request_outside_the_site(page, site_url):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "fine-tuning-vs-prompting/options/rag/")
    page.wait_for_load_state("networkidle")
    assert page.locator(".gk-edit-path").count() == 1
    assert [url for url in requests if not url.startswith(site_url)] == []


def normalise(text: str) -> str:
    """A message with the names and numbers from one file left out: quoted text and digits."""
    return re.sub(r"\d+", "N", re.sub(r"'[^'\n]*'", "Q", text))


def test_every_message_in_the_corpus_is_explained_in_the_docs(tmp_path):
    docs = normalise(ERROR_PAGE.read_text())
    missing = []
    for case in CASES:
        project = tmp_path / case.path.stem
        shutil.copytree(MINI_GUIDE, project / GUIDE)
        shutil.copy(case.path, project / GUIDE / case.target)
        missing += [problem.message for problem in all_problems(project) if normalise(problem.message) not in docs]
    assert missing == []


def test_the_problem_preview_has_a_page_at_every_address_of_the_real_site(tmp_path):
    shutil.copytree(MINI_GUIDE, tmp_path / GUIDE)
    shutil.copytree(PROJECT / "overrides", tmp_path / "overrides")
    real = prepare_build(tmp_path)
    problem = Problem(f"{GUIDE}/guide.yml", 2, 1, ("title",), "<b>broken</b> on purpose", "fix it")
    preview = prepare_problem_preview(tmp_path, [problem])
    assert {(page.src_uri, page.in_nav, page.source_file) for page in preview.pages} == {(page.src_uri, page.in_nav, page.source_file) for page in real.pages}
    assert preview.failed and not real.failed
    assert "&lt;b&gt;broken&lt;/b&gt; on purpose" in preview.pages[0].markdown


def test_the_examples_in_the_editing_docs_work_on_the_guide_they_were_written_for(tmp_path):
    """The walkthrough's snippets, pasted where it says, give valid content showing the new items.

    The snippets' own ids get a suffix first: an editor who has already followed the walkthrough
    has these ids in the guide, and pasting them a second time must not turn the suite red."""
    snippets = re.findall(r"```yaml\n(.*?)```", (PROJECT / "docs/editing/index.md").read_text(), re.S)[:3]  # the walkthrough's three
    new_ids = {found for snippet in snippets for found in re.findall(r"\bid: ([a-z0-9-]+)", snippet)}
    source, con, statement, *_ = (re.sub(rf"\b({'|'.join(new_ids)})\b", r"\1-pasted", snippet) for snippet in snippets)
    guide = tmp_path / "content_data" / FEATURE_GUIDE.name
    shutil.copytree(FEATURE_GUIDE, guide)  # whatever a team did to content_data/
    (guide / "sources.yml").write_text((guide / "sources.yml").read_text() + source)
    rag = guide / "options" / "rag.yml"
    rag.write_text(rag.read_text().replace("cons:\n", "cons:\n" + con, 1))
    checklist = guide / "checklist.yml"
    checklist.write_text(checklist.read_text().replace("    statements:\n", "    statements:\n" + statement, 1))
    site = load_site(tmp_path / "content_data", tmp_path)
    loaded = site.guide(FEATURE_GUIDE.name)
    assert loaded.option("rag").cons[0].sources == ["acme-rag-survey-2026-pasted"]
    assert loaded.checklist.groups[0].statements[0].id == "small-budget-pasted"
    assert site.warnings == []


# ---- make check ---------------------------------------------------------------------------------


def test_check_passes_the_shipped_content():
    completed = run_check(PROJECT)
    assert completed.returncode == 0, completed.stdout
    assert completed.stdout.splitlines()[-1].startswith("All content is valid (")  # after any warnings, which stop nothing


def test_a_valid_site_of_many_guides_is_summed_up_in_a_line():
    names = [f"guide-{index:03d}" for index in range(1, 501)]
    assert listed(names[:MOST_NAMES_LISTED]) == ", ".join(names[:MOST_NAMES_LISTED])
    summary = listed(names)
    assert summary == ", ".join(names[: MOST_NAMES_LISTED - 1]) + f" and {500 - MOST_NAMES_LISTED + 1} more"
    assert len(summary) < 200


def test_check_lists_every_problem_with_hints_and_fails(tmp_path):
    shutil.copytree(MINI_GUIDE, tmp_path / GUIDE)
    guide = tmp_path / GUIDE
    (guide / "options/chat.yml").write_text((guide / "options/chat.yml").read_text().replace("tagline:", "taglin:"))
    (guide / "sources.yml").write_text((guide / "sources.yml").read_text().replace("kind: vendor", "kind: blog"))
    completed = run_check(tmp_path)
    assert completed.returncode == 1
    assert completed.stdout == (
        f"{GUIDE}/options/chat.yml:3:1: taglin: unknown field 'taglin' (did you mean 'tagline'?)\n"
        "    hint: rename it to 'tagline', a required field\n"
        f"{GUIDE}/sources.yml:7:5: sources[1].kind: 'blog' is not allowed here\n"
        "    hint: use one of: 'vendor', 'research', 'law' or 'news'\n"
        "\n2 errors found. Fix the errors and run the check again.\n"
    )


def test_unknown_sources_are_reported_even_while_another_file_has_errors(tmp_path):
    shutil.copytree(MINI_GUIDE, tmp_path / GUIDE)
    guide = tmp_path / GUIDE
    (guide / "checklist.yml").write_text((guide / "checklist.yml").read_text().replace("        unsure_todo: Ask your compliance team.\n", ""))
    (guide / "options/email.yml").write_text((guide / "options/email.yml").read_text().replace("sources: [survey]", "sources: [survay]"))
    assert [str(problem) for problem in all_problems(tmp_path)] == [
        f"{GUIDE}/checklist.yml:6:9: groups[1].statements[1].unsure_todo: required field 'unsure_todo' is missing",
        f"{GUIDE}/options/email.yml:15:15: cons[1].sources[1]: unknown source 'survay' (did you mean 'survey'?)",
    ]


def test_warnings_are_printed_but_do_not_fail_the_check_or_the_build(mini_project):
    mini_project.edit(f"{GUIDE}/options/email.yml", "    sources: [handbook]\ncons:", "    sources: [handbook]\n    last_reviewed: 2020-01-15\ncons:")
    completed = run_check(mini_project.root)
    assert completed.returncode == 0
    assert f"{GUIDE}/options/email.yml:11:5: warning: pros[1].last_reviewed: last reviewed on 2020-01-15" in completed.stdout
    assert completed.stdout.rstrip().endswith("All content is valid (1 guide: team-chat-tools), with 1 warning.")
    result = mini_project.build()
    assert result.returncode == 0, result.output
    assert "INFO    -  Content warnings (they do not stop the build):" in result.output
    assert "warning: pros[1].last_reviewed: last reviewed on 2020-01-15" in result.output


def test_review_age_is_configurable_per_guide(tmp_path):
    shutil.copytree(MINI_GUIDE, tmp_path / GUIDE)
    today = dt.date(2026, 11, 24)  # the fixture guide was reviewed on 2026-11-01: 23 days earlier
    assert load_site(tmp_path / "content_data", tmp_path, today=today).warnings == []
    guide = tmp_path / GUIDE / "guide.yml"
    guide.write_text(guide.read_text() + "review_after_days: 20\n")
    [warning] = load_site(tmp_path / "content_data", tmp_path, today=today).warnings
    assert str(warning) == f"{GUIDE}/guide.yml:6:1: warning: last_reviewed: last reviewed on 2026-11-01, more than 20 days ago"


# ---- A new guide from the template ------------------------------------------------------------


@pytest.mark.build
def test_a_new_guide_builds_and_passes_the_check_at_once(tmp_path):
    project = copy_project(tmp_path / "project", guides=[MINI_GUIDE])
    shutil.copytree(PROJECT / "content_data" / "_template", project.content / "_template")
    completed = subprocess.run(
        [sys.executable, "-m", "guidekit", "new-guide", "email-etiquette", "--title", "Email etiquette: a guide", "--project", str(project.root)],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    guide = (project.content / "email-etiquette" / "guide.yml").read_text()
    assert 'title: "Email etiquette: a guide"' in guide
    assert f"last_reviewed: {TODAY.isoformat()}" in guide  # the suite's today (GUIDEKIT_TODAY)
    assert "\nstatus: draft\n" in guide
    assert guide.startswith("# yaml-language-server: $schema=../schema/guide.schema.json\n")
    check = run_check(project.root)
    assert check.returncode == 0 and "warning" not in check.stdout, check.stdout
    assert "email-etiquette (draft)" in check.stdout


def test_the_template_explains_every_field_it_uses():
    for path in sorted((PROJECT / "content_data" / "_template").rglob("*.yml")):
        if path.name == "second-option.yml":
            continue  # points to first-option.yml for the comments
        lines = path.read_text().splitlines()
        for number, line in enumerate(lines):
            top_level = re.match(r"^([a-z_]+):", line)
            if top_level:
                above = lines[number - 1]
                assert above.startswith("#"), f"{path.name}:{number + 1}: '{top_level[1]}' has no comment above it"


def test_new_guide_refuses_bad_ids_and_existing_folders(tmp_path):
    shutil.copytree(PROJECT / "content_data" / "_template", tmp_path / "_template")
    with pytest.raises(ScaffoldError, match="'My Guide' is not a valid guide id"):
        scaffold_guide(tmp_path, "My Guide")
    scaffold_guide(tmp_path, "my-guide")
    with pytest.raises(ScaffoldError, match="my-guide/ already exists"):
        scaffold_guide(tmp_path, "my-guide")


# ---- Logic checks on the shipped content ---------------------------------------------------------


def test_the_shipped_guide_has_no_errors_or_warnings():
    folder = shipped_guide().folder + "/"
    site = load_site(PROJECT / "content_data", PROJECT)  # raises on any error
    assert [str(warning) for warning in site.warnings if warning.file.startswith(folder)] == []


def test_a_pre_commit_configuration_runs_the_check_and_a_pinned_formatter():
    config = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: (repo, hook) for repo in config["repos"] for hook in repo["hooks"]}
    repo, check = hooks["guidekit-check"]
    assert repo["repo"] == "local" and check["entry"].startswith("make check") and check["pass_filenames"] is False
    formatters = [repo for repo, hook in hooks.values() if repo["repo"] != "local"]
    assert formatters and all(re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"]) for repo in formatters)
