"""A corpus of broken content files, one per kind of mistake, each with the exact report it must give.

Each file in tests/fixtures/broken/ is a copy of one file of the fixture guide with one mistake.
Its header names the file it replaces (`# target:`), whether the JSON Schema that editors' tools
use can see the mistake (`# schema:`), and, after `# expect:`, the exact lines `make check` prints.
"""

from __future__ import annotations

import json
import shutil

import pytest
from jsonschema import Draft202012Validator

from broken_cases import CASES, GUIDE, all_problems
from conftest import MINI_GUIDE, PROJECT
from guidekit.model.problems import ContentError, format_report
from guidekit.load.yaml_compose import load_yaml_text

SCHEMAS = PROJECT / "content_data" / "schema"


def schema_for(target: str) -> Draft202012Validator:
    kind = "option" if target.startswith("options/") else target.removesuffix(".yml")
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text())
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_the_corpus_covers_every_kind_of_mistake():
    names = {case.path.stem for case in CASES}
    for prefix in [
        "syntax-",
        "type-",
        "unknown-key",
        "misspelt-key",
        "missing-field",
        "reference-",
        "duplicate-id",
        "logic-statement-without-effect",
        "logic-uncited-source",
        "logic-unused-term",
        "logic-claim-without-source",
        "logic-overdue-review",
        "logic-stale-fact",
        "logic-price-without-as-of",
        "logic-read-before-published",
        "reference-table-row-cells",
    ]:
        assert any(name.startswith(prefix) for name in names), prefix
    assert all(case.expected for case in CASES), [case.path.name for case in CASES if not case.expected]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.path.stem)
def test_each_mistake_gives_its_exact_message(case, tmp_path):
    shutil.copytree(MINI_GUIDE, tmp_path / GUIDE)
    shutil.copy(case.path, tmp_path / GUIDE / case.target)
    assert format_report(all_problems(tmp_path)) == case.expected


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.path.stem)
def test_the_schema_sees_the_mistakes_it_can(case):
    text = case.path.read_text(encoding="utf-8")
    if case.schema == "not-yaml":
        with pytest.raises(ContentError):
            load_yaml_text(text, case.path.name)
        return
    errors = list(schema_for(case.target).iter_errors(load_yaml_text(text, case.path.name).data))
    assert bool(errors) == (case.schema == "rejects"), [error.message for error in errors]


def content_files():
    for path in sorted((PROJECT / "content_data").rglob("*.yml")):
        yield pytest.param(path, id=path.relative_to(PROJECT / "content_data").as_posix())
    for path in sorted(MINI_GUIDE.rglob("*.yml")):
        yield pytest.param(path, id="fixture/" + path.relative_to(MINI_GUIDE).as_posix())


@pytest.mark.parametrize("path", list(content_files()))
def test_the_schema_accepts_every_content_file(path):
    target = path.relative_to(path.parent.parent).as_posix() if path.parent.name == "options" else path.name
    data = load_yaml_text(path.read_text(encoding="utf-8"), path.name).data
    assert [error.message for error in schema_for(target).iter_errors(data)] == []
