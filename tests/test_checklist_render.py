"""YAML in, Markdown out: the checklist form, its data for the script, and the "how this guide decides" page."""

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import MINI_GUIDE, PROJECT, edit_file
from guidekit.site.build import prepare_build
from guidekit.checks.engine import widget_data
from guidekit.model.problems import ContentError

GUIDE = "content_data/team-chat-tools"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(MINI_GUIDE, tmp_path / GUIDE)
    shutil.copytree(PROJECT / "overrides", tmp_path / "overrides")
    return tmp_path


def edit(project: Path, name: str, old: str, new: str) -> None:
    edit_file(project / GUIDE / name, old, new)


def pages(project: Path) -> dict[str, str]:
    return {page.src_uri: page.markdown for page in prepare_build(project).pages}


def embedded_data(page: str) -> dict:
    [attribute] = re.findall(r"data-gk-checklist='([^']*)'", page)
    return json.loads(html.unescape(attribute))


def test_every_statement_is_a_fieldset_of_three_unticked_answers(project):
    page = pages(project)["team-chat-tools/checklist.md"]
    assert (
        '<fieldset class="gk-statement" data-gk-statement="need-record" aria-describedby="hint-need-record" markdown="1">\n'
        '<legend><h3 id="statement-need-record">We must keep a record of decisions.</h3></legend>\n'
        '<p class="gk-hint" id="hint-need-record">Think of audits.</p>\n'
    ) in page
    for value, label in [("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")]:
        assert f'<label class="gk-answer"><input type="radio" name="answer-need-record" value="{value}"> {label}</label>' in page
    assert "checked" not in page
    assert '<p class="gk-unsure-todo"><strong>If you are not sure:</strong> Ask your compliance team.</p>' in page
    assert "[How this guide decides](how-it-decides.md)" in page  # for every reader, and in the no-JavaScript message
    assert '<section class="gk-outcome" data-gk-outcome="email-chat" markdown="1">\n\n### Email \\+ chat { #outcome-email-chat }' in page


def test_the_script_gets_the_checklist_as_json_in_a_single_quoted_attribute(project):
    build = prepare_build(project)
    page = next(p.markdown for p in build.pages if p.src_uri == "team-chat-tools/checklist.md")
    data = embedded_data(page)
    assert data == json.loads(json.dumps(widget_data(build.site.guides[0])))
    assert data["statements"][0] == {
        "id": "need-record",
        "text": "We must keep a record of decisions.",
        "favours": {"email": 3},
        "todo": "Ask your compliance team.",
    }
    assert data["text"]["progress"] == "{answered} of {total} answered"


def test_content_cannot_break_out_of_the_data_attribute(project):
    payload = "</div><script>alert(1)</script> ' \" &amp;"
    edit(project, "checklist.yml", "text: We must keep a record of decisions.", f"text: {json.dumps(payload)}")
    page = pages(project)["team-chat-tools/checklist.md"]
    [attribute] = re.findall(r"data-gk-checklist='([^']*)'", page)
    assert "<" not in attribute and ">" not in attribute
    assert embedded_data(page)["statements"][0]["text"] == payload
    assert "&lt;/div&gt;&lt;script&gt;alert(1)&lt;/script&gt; &#39; &#34; &amp;amp;" in page  # the legend shows it as text


def test_how_it_decides_shows_weights_constraints_prerequisites_rule_and_examples(project):
    page = pages(project)["team-chat-tools/how-it-decides.md"]
    assert "| Statement | Email | Chat | Rules out | Prerequisite for |" in page
    assert ("| [We must keep a record of decisions\\.](checklist.md#statement-need-record) | +3 |  | [“Yes”: Chat](#constraint-no-record-no-chat) |  |") in page
    assert "| [We need answers within minutes\\.](checklist.md#statement-need-speed) |  | +3 |  |  |" in page
    assert "| [IT has approved a chat tool for us\\.](checklist.md#statement-chat-approved) |  |  |  | [Chat](#prerequisite-approval-first) |" in page
    assert "### Chat history is not a formal record\\. { #constraint-no-record-no-chat }" in page
    assert "Answering “Yes” to “We must keep a record of decisions\\.” rules out Chat\\." in page
    assert "### Ask IT to approve a chat tool\\. { #prerequisite-approval-first }" in page
    assert "Chat cannot lead until you answer “Yes” to “IT has approved a chat tool for us\\.”" in page
    assert "5. A lead of 4 points or more over the runner\\-up is a clear recommendation, a lead of 2 or more is a leaning" in page
    assert "\n- Email \\+ chat: when Email and Chat each have 3 points or more, or on a close call between them\\.\n" in page
    assert (
        "When approaches score the same, the checklist prefers them in this order: Email and Chat\\. Email first, because the team already has it\\."
    ) in page  # never the order of guide.yml by accident
    assert ("| **Audited team**<br>A team that must keep records\\. | Email (Leaning) | Records call for email\\. [\\[1\\]](sources.md#src-handbook) |") in page
    assert "| Email (Close call)<br>Not yet: Chat\\. |" in page


def test_sources_page_cites_constraints_on_the_how_it_decides_page(project):
    # The fixture's constraint cites the handbook (every claim must cite a source).
    page = pages(project)["team-chat-tools/sources.md"]
    assert "[How this guide decides › Chat history is not a formal record\\.](how-it-decides.md#constraint-no-record-no-chat)" in page


def test_every_checklist_text_can_be_translated_in_yaml(project):
    edit(
        project,
        "checklist.yml",
        "scenarios:",
        (
            "ui:\n"
            "  answers: {yes: Ja, no: Nein, unsure: Weiß nicht}\n"
            "  progress: '{answered} von {total} beantwortet'\n"
            "  rule_steps: ['Jedes „{yes}“ zählt; ab {clear} Punkten Vorsprung ist es klar.']\n"
            "scenarios:"
        ),
    )
    built = pages(project)
    assert '<input type="radio" name="answer-need-record" value="unsure"> Weiß nicht</label>' in built["team-chat-tools/checklist.md"]
    text = embedded_data(built["team-chat-tools/checklist.md"])["text"]
    assert text["progress"] == "{answered} von {total} beantwortet"
    assert text["answers"] == {"yes": "Ja", "no": "Nein", "unsure": "Weiß nicht"}
    assert "1. Jedes „Ja“ zählt; ab 4 Punkten Vorsprung ist es klar\\." in built["team-chat-tools/how-it-decides.md"]


def test_an_unknown_placeholder_is_a_located_content_problem(project):
    edit(project, "checklist.yml", "scenarios:", "ui:\n  progress: '{answred} of {total}'\nscenarios:")
    with pytest.raises(ContentError) as caught:
        prepare_build(project)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{GUIDE}/checklist.yml:67:3: ui.progress: unknown placeholder {{answred}} (allowed here: {{answered}}, {{total}})"
    ]
