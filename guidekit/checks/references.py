"""Cross-reference checks: ids that must exist, ids that must be unique, files that must match guide.yml.

They run on an assembled `Guide`, before the logic checks, which assume every reference resolves.
`unknown_sources` also runs on a guide that failed to load, as soon as sources.yml could be read.
"""

from __future__ import annotations


from guidekit.load.validation import did_you_mean
from guidekit.model.document import LoadedYaml
from guidekit.model.guide import Guide
from guidekit.model.layout import option_file, option_id_of
from guidekit.model.problems import FieldPath, Problem


def check_references(guide: Guide) -> list[Problem]:
    """Ids that must exist, ids that must be unique, files that must match guide.yml."""
    checker = _ReferenceChecker(guide)
    checker.run()
    return checker.problems


class _ReferenceChecker:
    def __init__(self, guide: Guide):
        self.guide = guide
        self.problems: list[Problem] = []
        self.option_ids = list(guide.meta.options)
        self.choice_ids = self.option_ids + [hybrid.id for hybrid in guide.meta.hybrids]
        self.source_ids = [source.id for source in guide.sources]

    def problem(self, file: str, path: FieldPath, message: str, hint: str = "") -> None:
        self.problems.append(self.guide.files[file].problem(path, message, hint))

    def expect_known(self, file: str, path: FieldPath, value: str, known: list[str], what: str) -> None:
        if value not in known:
            self.problems.append(_unknown(self.guide.files[file], path, value, known, what))

    def expect_unique(self, entries: list[tuple[str, FieldPath, str]], what: str) -> None:
        seen: dict[str, tuple[str, FieldPath]] = {}
        for file, path, value in entries:
            if value in seen:
                first_file, first_path = seen[value]
                line, _ = self.guide.files[first_file].position(first_path)
                self.problem(file, path, f"duplicate {what} '{value}' (already used in {first_file} line {line})", "give each one its own id")
            else:
                seen[value] = (file, path)

    def run(self) -> None:
        self.check_options()
        self.check_comparison()
        self.check_sources()
        self.check_checklist()
        self.check_unique_ids()
        self.check_tables()
        self.check_changes()

    def check_options(self) -> None:
        files = {option_id_of(name): name for name in self.guide.files if option_id_of(name) is not None}
        for index, option_id in enumerate(self.option_ids):
            if option_id not in files:
                self.problem(
                    "guide.yml", ("options", index), f"option '{option_id}' has no file {option_file(option_id)}{did_you_mean(option_id, list(files))}"
                )
        for stem, name in files.items():
            option = self.guide.files[name].data
            if stem not in self.option_ids:
                self.problem(
                    name, (), "this option is not listed in guide.yml 'options'", f"add '{stem}' to the options list in guide.yml, or delete this file"
                )
            if option.get("id") != stem:
                self.problem(name, ("id",), f"id '{option.get('id')}' does not match the file name '{stem}.yml'", f"use id: {stem}")
        self.expect_unique([("guide.yml", ("options", i), value) for i, value in enumerate(self.option_ids)], "option")
        for index, hybrid in enumerate(self.guide.meta.hybrids):
            for position, option_id in enumerate(hybrid.combines):
                self.expect_known("guide.yml", ("hybrids", index, "combines", position), option_id, self.option_ids, "option")
            if hybrid.id in self.option_ids:
                self.problem("guide.yml", ("hybrids", index, "id"), f"hybrid id '{hybrid.id}' is already an option id")

    def check_comparison(self) -> None:
        for index, aspect in enumerate(self.guide.comparison.aspects):
            path = ("aspects", index, "ratings")
            for option_id in aspect.ratings:
                self.expect_known("comparison.yml", (*path, option_id), option_id, self.option_ids, "option")
            for option_id in self.option_ids:
                if option_id not in aspect.ratings:
                    self.problem(
                        "comparison.yml", path, f"no rating for option '{option_id}' in aspect '{aspect.id}'", "every aspect rates every option in guide.yml"
                    )
        self.expect_unique([("comparison.yml", ("aspects", i, "id"), a.id) for i, a in enumerate(self.guide.comparison.aspects)], "aspect id")

    def check_sources(self) -> None:
        self.expect_unique([("sources.yml", ("sources", i, "id"), s.id) for i, s in enumerate(self.guide.sources)], "source id")
        self.problems.extend(unknown_sources(self.guide.files, self.source_ids))

    def check_checklist(self) -> None:
        checklist = self.guide.checklist
        statement_ids = [s.id for g in checklist.groups for s in g.statements]
        for g_index, group in enumerate(checklist.groups):
            for s_index, statement in enumerate(group.statements):
                for option_id in statement.favours:
                    path = ("groups", g_index, "statements", s_index, "favours", option_id)
                    self.expect_known("checklist.yml", path, option_id, self.option_ids, "option")
        for index, constraint in enumerate(checklist.constraints):
            self.expect_known("checklist.yml", ("constraints", index, "when", "statement"), constraint.when.statement, statement_ids, "statement")
            for position, option_id in enumerate(constraint.rules_out):
                self.expect_known("checklist.yml", ("constraints", index, "rules_out", position), option_id, self.option_ids, "option")
        for index, prerequisite in enumerate(checklist.prerequisites):
            self.expect_known("checklist.yml", ("prerequisites", index, "statement"), prerequisite.statement, statement_ids, "statement")
            for position, option_id in enumerate(prerequisite.holds_back):
                self.expect_known("checklist.yml", ("prerequisites", index, "holds_back", position), option_id, self.option_ids, "option")
        self.check_preference()
        for choice_id in checklist.outcomes:
            self.expect_known("checklist.yml", ("outcomes", choice_id), choice_id, self.choice_ids, "option or hybrid")
        for choice_id in self.choice_ids:
            if choice_id not in checklist.outcomes:
                self.problem("checklist.yml", ("outcomes",), f"no outcome for '{choice_id}'", "every option and hybrid needs an outcome (its playbook)")
        for index, scenario in enumerate(checklist.scenarios):
            for statement_id in scenario.answers:
                self.expect_known("checklist.yml", ("scenarios", index, "answers", statement_id), statement_id, statement_ids, "statement")
            self.expect_known("checklist.yml", ("scenarios", index, "expect", "outcome"), scenario.expect.outcome, self.choice_ids, "option or hybrid")
            for position, option_id in enumerate(scenario.expect.not_yet):
                self.expect_known("checklist.yml", ("scenarios", index, "expect", "not_yet", position), option_id, self.option_ids, "option")

    def check_preference(self) -> None:
        """The tie-break order names every option once, so no tie falls back on the order of guide.yml."""
        order = self.guide.checklist.preference.order
        for position, option_id in enumerate(order):
            self.expect_known("checklist.yml", ("preference", "order", position), option_id, self.option_ids, "option")
        self.expect_unique([("checklist.yml", ("preference", "order", i), option_id) for i, option_id in enumerate(order)], "option in the preference order")
        missing = [option_id for option_id in self.option_ids if option_id not in order]
        if missing:
            self.problem(
                "checklist.yml",
                ("preference", "order"),
                f"the preference order leaves out {', '.join(repr(m) for m in missing)}",
                "list every option of guide.yml once, the one to prefer on equal points first",
            )

    def check_unique_ids(self) -> None:
        """Ids become anchors, so items, statements, terms and scenarios must each be unique in the guide."""
        items = []
        for file, document in self.guide.files.items():
            for key in ("pros", "cons", "when_to_choose", "items"):
                for index, entry in enumerate((document.data or {}).get(key) or []):
                    items.append((file, (key, index, "id"), entry["id"]))
        self.expect_unique(items, "item id")
        checklist = self.guide.checklist
        statements = [
            ("checklist.yml", ("groups", g, "statements", s, "id"), st.id) for g, group in enumerate(checklist.groups) for s, st in enumerate(group.statements)
        ]
        self.expect_unique(statements, "statement id")
        self.expect_unique([("checklist.yml", ("groups", i, "id"), g.id) for i, g in enumerate(checklist.groups)], "group id")
        self.expect_unique([("checklist.yml", ("constraints", i, "id"), c.id) for i, c in enumerate(checklist.constraints)], "constraint id")
        self.expect_unique([("checklist.yml", ("scenarios", i, "id"), s.id) for i, s in enumerate(checklist.scenarios)], "scenario id")
        self.expect_unique([("glossary.yml", ("terms", i, "id"), t.id) for i, t in enumerate(self.guide.glossary.terms)], "term id")

    def check_tables(self) -> None:
        for t_index, table in enumerate(self.guide.tables):
            for r_index, row in enumerate(table.rows):
                if len(row.cells) != len(table.columns):
                    self.problem(
                        "tables.yml",
                        ("tables", t_index, "rows", r_index, "cells"),
                        f"this row has {len(row.cells)} cells but table '{table.id}' has {len(table.columns)} columns",
                        "give every row one cell per column, in the order of 'columns'",
                    )
            for position, option_id in enumerate(table.options):
                self.expect_known("tables.yml", ("tables", t_index, "options", position), option_id, self.option_ids, "option")
        self.expect_unique([("tables.yml", ("tables", i, "id"), t.id) for i, t in enumerate(self.guide.tables)], "table id")

    def check_changes(self) -> None:
        part_ids = [part.id for part in self.guide.parts()]
        for c_index, change in enumerate(self.guide.meta.changes):
            for position, part_id in enumerate(change.affects):
                self.expect_known("guide.yml", ("changes", c_index, "affects", position), part_id, part_ids, "part")


def unknown_sources(documents: dict[str, LoadedYaml], source_ids: list[str]) -> list[Problem]:
    """Every `sources:` entry, in any of the documents, that names no source in sources.yml."""
    known = set(source_ids)
    return [
        _unknown(document, path, source_id, source_ids, "source")
        for document in documents.values()
        for path, source_id in _cited_sources(document.data, (), [])
        if source_id not in known
    ]


def _unknown(document: LoadedYaml, path: FieldPath, value: str, known: list[str], what: str) -> Problem:
    if len(known) <= _LISTED_IDS:
        hint = f"known {what}s: " + ", ".join(known)
    else:  # a long list would hide the message
        hint = f"check the spelling against the {len(known)} {what}s in {_DEFINED_IN.get(what, 'the guide')}"
    if what == "source":
        hint += "; to cite a new source, add it to sources.yml (copy an entry and change its id, title, url and dates), then use its id here"
    return document.problem(path, f"unknown {what} '{value}'{did_you_mean(value, known)}", hint)


_LISTED_IDS = 12
_DEFINED_IN = {
    "part": "the guide's options, items, aspects, hybrids, terms and tables",
    "source": "sources.yml",
    "option": "guide.yml",
    "statement": "checklist.yml",
    "option or hybrid": "guide.yml",
}


def _cited_sources(data: object, path: FieldPath, found: list[tuple[FieldPath, str]]) -> list[tuple[FieldPath, str]]:
    """Every entry of every `sources:` list in a YAML document, with its path, added to `found`.
    Only lists and groups are visited: a guide's thousands of texts and numbers cannot hold one."""
    entries = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in entries:
        if not isinstance(value, (dict, list)):
            continue
        if key == "sources" and isinstance(value, list) and all(isinstance(v, str) for v in value):
            found.extend(((*path, key, index), source_id) for index, source_id in enumerate(value))
        else:
            _cited_sources(value, (*path, key), found)
    return found
