"""Content mistakes give one clear `file:line:col: field: message` line each, all at once."""

import shutil
from pathlib import Path

import pytest

from conftest import MINI_GUIDE, edit_file
from guidekit.site.guides import load_site
from guidekit.model.problems import ContentError

GUIDE = "content_data/team-chat-tools"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(MINI_GUIDE, tmp_path / GUIDE)
    return tmp_path


def edit(project: Path, name: str, old: str, new: str) -> None:
    edit_file(project / GUIDE / name, old, new)


def problems(project: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_site(project / "content_data", project)
    return [str(problem) for problem in caught.value.problems]


def test_the_fixture_guide_is_valid(project):
    site = load_site(project / "content_data", project)
    assert [guide.id for guide in site.guides] == ["team-chat-tools"]
    assert [option.id for option in site.guides[0].options] == ["email", "chat"]


def test_misspelt_key_suggests_the_right_one(project):
    edit(project, "options/email.yml", "tagline:", "tagine:")
    # One mistake, one message: the missing 'tagline' is the misspelt key, not a second problem.
    assert problems(project) == [f"{GUIDE}/options/email.yml:3:1: tagine: unknown field 'tagine' (did you mean 'tagline'?)"]


def test_number_where_text_is_expected_asks_for_quotes(project):
    edit(project, "guide.yml", "version: '1.0'", "version: 1.10")
    assert problems(project) == [f"{GUIDE}/guide.yml:5:1: version: 1.10 looks like a number; text is expected"]


def test_allowed_values_are_listed(project):
    edit(project, "checklist.yml", "effort: Medium", "effort: Huge")
    [message] = problems(project)
    assert message == f"{GUIDE}/checklist.yml:62:5: outcomes.email-chat.effort: 'Huge' is not allowed here"


def test_bad_id_and_bad_url(project):
    edit(project, "sources.yml", "id: handbook", "id: Team Handbook")
    edit(project, "sources.yml", "https://example.com/handbook", "javascript:alert(1)")
    assert problems(project) == [
        f"{GUIDE}/sources.yml:2:5: sources[1].id: 'Team Handbook' is not a valid id",
        f"{GUIDE}/sources.yml:5:5: sources[1].url: 'javascript:alert(1)' is not a web address",
    ]


def test_invalid_date(project):
    edit(project, "guide.yml", "last_reviewed: 2026-11-01", "last_reviewed: 2026-02-30")
    assert problems(project) == [f"{GUIDE}/guide.yml:6:1: last_reviewed: '2026-02-30' is not a valid date"]


def test_missing_source_is_reported_with_a_suggestion(project):
    edit(project, "options/email.yml", "sources: [survey]", "sources: [survay]")
    assert problems(project) == [f"{GUIDE}/options/email.yml:15:15: cons[1].sources[1]: unknown source 'survay' (did you mean 'survey'?)"]


def test_criterion_favouring_an_unknown_option(project):
    edit(project, "checklist.yml", "favours: {chat: 3}", "favours: {chats: 3}")
    assert problems(project) == [f"{GUIDE}/checklist.yml:15:19: groups[1].statements[2].favours.chats: unknown option 'chats' (did you mean 'chat'?)"]


def test_duplicate_ids_name_the_first_one(project):
    edit(project, "options/chat.yml", "id: chat-con-noise", "id: email-pro-record")
    assert problems(project) == [f"{GUIDE}/options/email.yml:7:5: pros[1].id: duplicate item id 'email-pro-record' (already used in options/chat.yml line 11)"]


def test_aspect_must_rate_every_option(project):
    edit(project, "comparison.yml", "      chat: {rating: Fast, explanation: Minutes., sources: [survey]}\n", "")
    assert problems(project) == [f"{GUIDE}/comparison.yml:6:5: aspects[1].ratings: no rating for option 'chat' in aspect 'speed'"]


def test_option_file_must_be_listed_and_named_after_its_id(project):
    edit(project, "options/chat.yml", "id: chat", "id: chit")
    assert problems(project) == [f"{GUIDE}/options/chat.yml:1:1: id: id 'chit' does not match the file name 'chat.yml'"]


def test_javascript_link_in_markdown_is_rejected(project):
    edit(project, "options/chat.yml", "body: Questions get answered in minutes.", "body: See [here](javascript:alert(1)).")
    assert problems(project) == [f"{GUIDE}/options/chat.yml:8:5: pros[1].body: link 'javascript:alert(1)' is not allowed"]


def test_all_problems_at_once_across_files(project):
    edit(project, "options/chat.yml", "tagline:", "taglin:")
    edit(project, "sources.yml", "kind: vendor", "kind: blog")
    edit(project, "glossary.yml", "term: inbox", "term: inbox\n    term: again")
    found = problems(project)
    assert len(found) == 3, found
    assert found == sorted(found)


def test_yaml_syntax_error_names_file_and_line(project):
    edit(project, "considerations.yml", "    title: Agree on etiquette", "\ttitle: Agree on etiquette")
    assert problems(project) == [f"{GUIDE}/considerations.yml:4:1: a tab character is used for indentation; YAML needs spaces"]


def test_missing_file_and_folder_without_guide(project):
    (project / GUIDE / "glossary.yml").unlink()
    (project / "content_data" / "drafts").mkdir()
    assert problems(project) == [
        "content_data/drafts: this folder has no guide.yml, so it is not a guide",
        f"{GUIDE}/glossary.yml: this file is missing",
    ]
