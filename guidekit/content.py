"""Load every guide in `content_data/`, validate it, and return typed objects.

`load_site()` reads every file, collects every problem (syntax, schema, cross-references, the
logic checks of `guidekit.logic`, then placeholders left from the template in a published guide)
and raises a single `ContentError` if there is any error, so a build either gets a fully valid
`Site` or an editor gets the complete list of what to fix. Warnings never stop it: they come
back in `Site.warnings`. `load_guides()` loads each guide on its own, for the live preview,
where an error in one guide must hide only that guide.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from pydantic import BaseModel, ValidationError

from guidekit import clock
from guidekit import models as m
from guidekit.logic import check_logic
from guidekit.logic import walk
from guidekit.markup import link_problems
from guidekit.messages import did_you_mean, problems_from_validation
from guidekit.problems import ContentError, FieldPath, Problem
from guidekit.yaml_loader import LoadedYaml, load_yaml_file

CONTENT_FOLDER = "content_data"  # in the project folder
SCHEMA_FOLDER = "schema"
OPTIONS_FOLDER = "options"


@dataclass
class Guide:
    """One validated guide, with where each part came from (for edit links and messages)."""

    id: str
    folder: str  # as shown to editors, e.g. "content_data/fine-tuning-vs-prompting"
    meta: m.GuideFile
    options: list[m.OptionFile]
    comparison: m.ComparisonFile
    considerations: m.ConsiderationsFile
    checklist: m.ChecklistFile
    glossary: m.GlossaryFile
    sources: list[m.Source]
    files: dict[str, LoadedYaml] = field(repr=False)
    tables: list[m.Table] = field(default_factory=list)  # from the optional tables.yml  # "options/rag.yml" -> loaded file

    def option(self, option_id: str) -> m.OptionFile:
        return next(option for option in self.options if option.id == option_id)

    def choice_name(self, choice_id: str) -> str:
        """Name of an option or a hybrid."""
        for choice in [*self.options, *self.meta.hybrids]:
            if choice.id == choice_id:
                return choice.name
        raise KeyError(choice_id)

    def table(self, table_id: str) -> m.Table | None:
        return next((table for table in self.tables if table.id == table_id), None)

    @property
    def last_updated(self) -> dt.date | None:
        """The date of the newest entry in guide.yml's `changes`."""
        return max((change.date for change in self.meta.changes), default=None)

    def history(self) -> list[tuple[m.Change, str]]:
        """The changes, newest first (the order written breaks ties), each with its anchor on the history page."""
        anchored, seen = [], {}
        for change in self.meta.changes:
            seen[change.date] = seen.get(change.date, 0) + 1
            suffix = f"-{seen[change.date]}" if seen[change.date] > 1 else ""
            anchored.append((change, f"change-{change.date.isoformat()}{suffix}"))
        return sorted(anchored, key=lambda pair: pair[0].date, reverse=True)

    def parts(self) -> Iterator[GuidePart]:
        """Everything a change in guide.yml's `changes` can name, in reading order."""
        for option in self.options:
            yield GuidePart(option.id, option.name, "option", option.id)
            for item in [*option.pros, *option.cons, *option.when_to_choose]:
                yield GuidePart(item.id, f"{option.name} › {item.title}", "option", option.id)
        yield from (GuidePart(hybrid.id, hybrid.name, "hybrid") for hybrid in self.meta.hybrids)
        yield from (GuidePart(aspect.id, aspect.name, "aspect") for aspect in self.comparison.aspects)
        yield from (GuidePart(item.id, item.title, "consideration") for item in self.considerations.items)
        yield from (GuidePart(term.id, term.term, "term") for term in self.glossary.terms)
        yield from (GuidePart(table.id, table.title, "table") for table in self.tables)

    def source_number(self, source_id: str) -> int:
        return next(index for index, source in enumerate(self.sources, 1) if source.id == source_id)


@dataclass(frozen=True)
class GuidePart:
    """A part of a guide that a change can name: its id, its name for readers, and where it lives."""

    id: str
    name: str
    kind: str  # "option", "hybrid", "aspect", "consideration", "term" or "table"
    option_id: str = ""  # for an option and its items: the option whose page shows it


@dataclass
class Site:
    guides: list[Guide]
    warnings: list[Problem] = field(default_factory=list)

    def guide(self, guide_id: str) -> Guide | None:
        return next((guide for guide in self.guides if guide.id == guide_id), None)


@dataclass
class GuideLoad:
    """One guide folder as far as it loaded: the guide when it has no errors, and its problems.

    `draft` and `title` come from guide.yml as far as it could be read, so a guide with errors
    still keeps its name in the preview's navigation (and a draft stays out of a published build).
    """

    id: str
    folder: str
    title: str
    draft: bool
    guide: Guide | None
    problems: list[Problem]
    option_names: dict[str, str] = field(default_factory=dict)  # option id -> name, as far as the files were read

    @property
    def failed(self) -> bool:
        return self.guide is None


def load_site(content_dir: Path, project_dir: Path, today: dt.date | None = None, *, drafts: bool = True) -> Site:
    """Load and validate all guides; raise ContentError listing every problem if any is an error.

    `today` is the date review dates are compared with (default: `guidekit.clock.today()`). With `drafts=False`
    (a published build), guides whose guide.yml says `status: draft` are left out unread.
    """
    loads = [load for load in load_guides(content_dir, project_dir, today) if drafts or not load.draft]
    problems = [problem for load in loads for problem in load.problems]
    if any(problem.is_error for problem in problems):
        raise ContentError(problems)
    return Site([load.guide for load in loads if load.guide is not None], sorted(problems))


def load_guides(content_dir: Path, project_dir: Path, today: dt.date | None = None) -> list[GuideLoad]:
    """Every guide folder, each loaded on its own: an error in one guide never hides another.

    Raises ContentError only for problems of the content folder as a whole (none, or no guide).
    """
    display_root = _display(content_dir, project_dir)
    if not content_dir.is_dir():
        raise ContentError([Problem(display_root, 0, 0, (), "the content folder does not exist")])
    folders = guide_folders(content_dir)
    if not folders:
        raise ContentError([Problem(display_root, 0, 0, (), "no guide found: a guide is a folder holding guide.yml")])
    return [_load_guide(folder, project_dir, today or clock.today()) for folder in folders]


def guide_folders(content_dir: Path) -> list[Path]:
    """The folders that hold (or should hold) a guide: all but schema/ and names starting with '.' or '_'."""
    return sorted(path for path in content_dir.iterdir() if path.is_dir() and path.name != SCHEMA_FOLDER and not path.name.startswith((".", "_")))


def _display(path: Path, project_dir: Path) -> str:
    return Path(os.path.relpath(path, project_dir)).as_posix()


def _load_guide(folder: Path, project_dir: Path, today: dt.date) -> GuideLoad:
    display_folder = _display(folder, project_dir)
    if not (folder / "guide.yml").is_file():
        problem = Problem(
            display_folder, 0, 0, (), "this folder has no guide.yml, so it is not a guide", "add guide.yml, or move the folder out of content_data"
        )
        return GuideLoad(folder.name, display_folder, folder.name, False, None, [problem])
    problems: list[Problem] = []
    if not _is_slug(folder.name):
        problems.append(
            Problem(display_folder, 0, 0, (), f"folder name '{folder.name}' is not a valid guide id", "use lowercase letters, digits and single hyphens")
        )
    files = _GuideFiles()
    for name, model in m.FILE_MODELS.items():
        _load_file(folder / name, name, model, project_dir, files, problems)
    for name, model in m.OPTIONAL_FILE_MODELS.items():
        if (folder / name).exists():
            _load_file(folder / name, name, model, project_dir, files, problems)
    for path in sorted((folder / OPTIONS_FOLDER).glob("*.yml")):
        _load_file(path, f"{OPTIONS_FOLDER}/{path.name}", m.OptionFile, project_dir, files, problems)
    for stray in sorted(set(folder.glob("*.yaml")) | set((folder / OPTIONS_FOLDER).glob("*.yaml"))):
        problems.append(Problem(_display(stray, project_dir), 0, 0, (), "content files must end in .yml, not .yaml", "rename the file"))
    title, draft = _title_and_status(files, folder.name)
    if problems:
        if "sources.yml" in files.parsed:  # the most common slip, reported now rather than after the next fix
            reported = {(problem.file, problem.path) for problem in problems}
            found = unknown_sources(files.readable, [source.id for source in files.parsed["sources.yml"].sources])
            problems.extend(problem for problem in found if (problem.file, problem.path) not in reported)
        return GuideLoad(folder.name, display_folder, title, draft, None, sorted(problems), _option_names(files))
    guide = _assemble(folder.name, display_folder, files.loaded, files.parsed)
    # The logic checks assume every reference resolves.
    problems.extend(check_references(guide) or check_logic(guide, today))
    if not draft:
        problems.extend(placeholder_problems(guide.files))
    failed = any(problem.is_error for problem in problems)
    return GuideLoad(folder.name, display_folder, title, draft, None if failed else guide, sorted(problems), _option_names(files))


def _option_names(files: "_GuideFiles") -> dict[str, str]:
    names = {}
    for name, document in files.readable.items():
        data = document.data if isinstance(document.data, dict) else {}
        if name.startswith(f"{OPTIONS_FOLDER}/") and isinstance(data.get("name"), str):
            names[name.removeprefix(f"{OPTIONS_FOLDER}/").removesuffix(".yml")] = data["name"]
    return names


def _title_and_status(files: "_GuideFiles", folder_name: str) -> tuple[str, bool]:
    """The guide's navigation title and whether it is a draft, from guide.yml as far as it was read."""
    meta = files.parsed.get("guide.yml")
    if meta is not None:
        return meta.short_title or meta.title, meta.status == "draft"
    loaded = files.readable.get("guide.yml")
    data = loaded.data if loaded is not None and isinstance(loaded.data, dict) else {}
    title = next((data[key] for key in ("short_title", "title") if isinstance(data.get(key), str) and data[key].strip()), folder_name)
    return title.strip(), data.get("status") == "draft"


# ---- Placeholders left from the template ------------------------------------------------------


PLACEHOLDER = re.compile(r"\bTODO\b")  # how content_data/_template/ marks the text to replace
_PLACEHOLDER_EXCERPT = 60


def placeholder_problems(documents: dict[str, LoadedYaml]) -> list[Problem]:
    """Every value that still holds the template's placeholder marker: an error in a published guide."""
    problems = []
    for document in documents.values():
        for path, text in walk(document.data):
            if not isinstance(text, str) or not PLACEHOLDER.search(text):
                continue
            flat = " ".join(text.split())  # a block of text, on the message's one line
            excerpt = flat if len(flat) <= _PLACEHOLDER_EXCERPT else flat[: _PLACEHOLDER_EXCERPT - 1].rstrip() + "…"
            for line, col in document.text_positions(path, PLACEHOLDER, len(PLACEHOLDER.findall(text))):
                problems.append(
                    Problem(
                        document.display_path,
                        line,
                        col,
                        path,
                        f"placeholder text from the template is still here: '{excerpt}'",
                        "replace it with the guide's own text; until the guide is ready, set status: draft in guide.yml",
                    )
                )
    return problems


@dataclass
class _GuideFiles:
    """A guide's files as far as each got: valid YAML, then also valid against its model."""

    readable: dict[str, LoadedYaml] = field(default_factory=dict)
    loaded: dict[str, LoadedYaml] = field(default_factory=dict)
    parsed: dict[str, BaseModel] = field(default_factory=dict)


def _load_file(path: Path, name: str, model: type[BaseModel], project_dir: Path, files: _GuideFiles, problems: list[Problem]) -> None:
    display = _display(path, project_dir)
    if not path.is_file():
        problems.append(Problem(display, 0, 0, (), "this file is missing", "every guide needs " + ", ".join(m.FILE_MODELS)))
        return
    try:
        document = load_yaml_file(path, display)
    except ContentError as error:
        problems.extend(error.problems)
        return
    files.readable[name] = document
    data = {} if document.data is None else document.data
    try:
        files.parsed[name] = model.model_validate(data)
    except ValidationError as error:
        problems.extend(problems_from_validation(error, document, model))
        return
    files.loaded[name] = document
    problems.extend(_rich_text_problems(files.parsed[name], document))


def _is_slug(text: str) -> bool:
    return re.fullmatch(m.SLUG_PATTERN, text) is not None


def _assemble(guide_id: str, display_folder: str, loaded: dict[str, LoadedYaml], parsed: dict[str, BaseModel]) -> Guide:
    meta = parsed["guide.yml"]
    options_by_id = {name.removeprefix(f"{OPTIONS_FOLDER}/").removesuffix(".yml"): value for name, value in parsed.items() if name.startswith(OPTIONS_FOLDER)}
    ordered = [options_by_id[option_id] for option_id in meta.options if option_id in options_by_id]
    return Guide(
        id=guide_id,
        folder=display_folder,
        meta=meta,
        options=ordered,
        comparison=parsed["comparison.yml"],
        considerations=parsed["considerations.yml"],
        checklist=parsed["checklist.yml"],
        glossary=parsed["glossary.yml"],
        sources=parsed["sources.yml"].sources,
        files=loaded,
        tables=parsed["tables.yml"].tables if "tables.yml" in parsed else [],
    )


# ---- Rich text ----------------------------------------------------------------------------


def _rich_text_problems(model: BaseModel, document: LoadedYaml) -> list[Problem]:
    """Links with a forbidden scheme and images, which the sanitizer would otherwise drop silently."""
    problems = []
    for path, text in walk(model):
        if not isinstance(text, str):
            continue
        for message, hint in link_problems(text):
            problems.append(document.problem(path, message, hint))
    return problems


# ---- Cross-references -----------------------------------------------------------------------


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
        files = {name.removeprefix("options/").removesuffix(".yml"): name for name in self.guide.files if name.startswith("options/")}
        for index, option_id in enumerate(self.option_ids):
            if option_id not in files:
                self.problem("guide.yml", ("options", index), f"option '{option_id}' has no file options/{option_id}.yml{did_you_mean(option_id, list(files))}")
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
    return [
        _unknown(document, path, source_id, source_ids, "source")
        for document in documents.values()
        for path, source_id in _cited_sources(document.data, ())
        if source_id not in source_ids
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


def _cited_sources(data: object, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    """Every entry of every `sources:` list in a YAML document, with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and isinstance(value, list) and all(isinstance(v, str) for v in value):
                yield from (((*path, key, index), source_id) for index, source_id in enumerate(value))
            else:
                yield from _cited_sources(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _cited_sources(value, (*path, index))
