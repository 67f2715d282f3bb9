"""Each guide's JSON export: valid against its published schema, lossless, linked to real pages."""

import json
import shutil

import jsonschema
import pytest

from conftest import MINI_GUIDE, PROJECT
from guidekit.render.address import SiteAddress
from guidekit.site.build import prepare_build
from guidekit.render.export import GuideExport, export_guide

GUIDE = "team-chat-tools"


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    root = tmp_path_factory.mktemp("export")
    shutil.copytree(MINI_GUIDE, root / "content_data" / GUIDE)
    shutil.copytree(PROJECT / "overrides", root / "overrides")
    return prepare_build(root)


@pytest.fixture(scope="module")
def exported(build):
    data = json.loads(build.data_files[f"{GUIDE}/guide.json"])
    schema = json.loads(build.data_files[f"{GUIDE}/guide.schema.json"])
    return data, schema


def test_export_validates_against_its_schema(exported):
    data, schema = exported
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["schema_version"] == "1.2"


@pytest.mark.parametrize(
    "break_it",
    [
        lambda data: data["checklist"]["groups"][0]["statements"][0].pop("text"),
        lambda data: data["options"][0].update(colour="red"),
        lambda data: data.update(schema_version="2.0"),
    ],
)
def test_schema_rejects_broken_data(exported, break_it):
    data, schema = exported
    broken = json.loads(json.dumps(data))
    break_it(broken)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_export_round_trips_through_the_model(build, exported):
    data, _ = exported
    guide = build.site.guides[0]
    assert GuideExport.model_validate_json(json.dumps(data)) == export_guide(guide, SiteAddress())


def test_export_has_the_full_content_and_the_checklist_rules(exported):
    data, _ = exported
    assert data["guide"]["title"] == "Email vs. Chat: A Small Test Guide"
    assert [option["id"] for option in data["options"]] == ["email", "chat"]
    email = data["options"][0]
    assert {"pros", "cons", "when_to_choose", "definition"} <= set(email)
    assert email["pros"][0]["id"] == "email-pro-record"
    checklist = data["checklist"]
    assert checklist["groups"][0]["statements"][0]["favours"]
    assert checklist["constraints"] and checklist["outcomes"] and "thresholds" in checklist
    assert data["sources"][0]["id"] == "handbook"
    assert data["glossary"]["terms"]


def test_published_with_the_site_and_links_resolve(built_site):
    folder = built_site / "fine-tuning-vs-prompting"
    data = json.loads((folder / "guide.json").read_text())
    jsonschema.validate(data, json.loads((folder / "guide.schema.json").read_text()))
    links = data["pages"]
    paths = [links[name] for name in ("overview", "comparison", "considerations", "checklist", "how_it_decides", "glossary", "sources", "changes")]
    paths += [*links["options"].values(), *links["tables"].values(), *links["embeds"].values()]
    assert len(links["embeds"]) == 2 + len(data["options"]) + len(data["tables"])
    for path in paths:
        assert (folder / path / "index.html").is_file(), path
    assert (folder / links["feed"]).is_file()


def test_a_hand_written_file_in_the_way_is_named(mini_project):
    mini_project.write(f"docs/{GUIDE}/guide.json", "{}")
    result = mini_project.build()
    assert result.returncode == 1
    assert f"docs/{GUIDE}/guide.json clashes with a guide's JSON export; rename or remove it" in result.output
    assert "Traceback" not in result.output
