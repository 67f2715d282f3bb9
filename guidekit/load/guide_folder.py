"""Read one guide folder into models: each YAML file composed, validated against its model, and assembled.

`read_guide()` collects every problem met while reading (syntax, schema, links the sanitizer would
drop) and assembles the `Guide` only when there is none; the checks on what the content means run
after it, in `guidekit.site.guides`. `guide_folders()` says which folders of `content_data/` are guides.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from guidekit.load.validation import problems_from_validation
from guidekit.load.yaml_compose import load_yaml_file
from guidekit.model import content as m
from guidekit.model.document import LoadedYaml, walk
from guidekit.model.fields import SLUG_PATTERN
from guidekit.model.guide import Guide
from guidekit.model.layout import OPTIONS_FOLDER, option_file, option_id_of, top_level_files
from guidekit.model.markup import link_problems, may_hold_links
from guidekit.model.problems import ContentError, Problem

CONTENT_FOLDER = "content_data"  # in the project folder
SCHEMA_FOLDER = "schema"


@dataclass
class GuideLoad:
    """One guide folder as far as it loaded: the guide when it has no errors, and its problems.

    `draft` and `title` come from guide.yml as far as it could be read, so a guide with errors
    still keeps its name in the preview's navigation (and a draft stays out of a published build).
    """

    id: str
    title: str
    draft: bool
    guide: Guide | None
    problems: list[Problem]
    option_names: dict[str, str] = field(default_factory=dict)  # option id -> name, as far as the files were read
    readable: dict[str, LoadedYaml] = field(default_factory=dict, repr=False)  # every file that was valid YAML
    source_ids: list[str] | None = field(default=None, repr=False)  # the ids in sources.yml, if it was valid

    @property
    def failed(self) -> bool:
        return self.guide is None


def guide_folders(content_dir: Path) -> list[Path]:
    """The folders that hold (or should hold) a guide: all but schema/ and names starting with '.' or '_'."""
    return sorted(path for path in content_dir.iterdir() if path.is_dir() and path.name != SCHEMA_FOLDER and not path.name.startswith((".", "_")))


def display_path(path: Path, project_dir: Path) -> str:
    return Path(os.path.relpath(path, project_dir)).as_posix()


def read_guide(folder: Path, project_dir: Path) -> GuideLoad:
    """One guide folder read into models: the guide when nothing went wrong, else the problems met."""
    display_folder = display_path(folder, project_dir)
    if not (folder / "guide.yml").is_file():
        problem = Problem(
            display_folder, 0, 0, (), "this folder has no guide.yml, so it is not a guide", "add guide.yml, or move the folder out of content_data"
        )
        return GuideLoad(folder.name, folder.name, False, None, [problem])
    problems: list[Problem] = []
    if not _is_slug(folder.name):
        problems.append(
            Problem(display_folder, 0, 0, (), f"folder name '{folder.name}' is not a valid guide id", "use lowercase letters, digits and single hyphens")
        )
    files = _GuideFiles()
    for name, model in top_level_files(required=True).items():
        _load_file(folder / name, name, model, display_folder, files, problems)
    for name, model in top_level_files(required=False).items():
        if (folder / name).exists():
            _load_file(folder / name, name, model, display_folder, files, problems)
    for path in sorted((folder / OPTIONS_FOLDER).glob("*.yml")):
        _load_file(path, option_file(path.stem), m.OptionFile, display_folder, files, problems)
    for stray in sorted(set(folder.glob("*.yaml")) | set((folder / OPTIONS_FOLDER).glob("*.yaml"))):
        problems.append(Problem(display_path(stray, project_dir), 0, 0, (), "content files must end in .yml, not .yaml", "rename the file"))
    title, draft = _title_and_status(files, folder.name)
    guide = None if problems else _assemble(folder.name, display_folder, files.loaded, files.parsed)
    sources = files.parsed.get("sources.yml")
    source_ids = [source.id for source in sources.sources] if sources is not None else None
    return GuideLoad(folder.name, title, draft, guide, problems, _option_names(files), files.readable, source_ids)


def _option_names(files: _GuideFiles) -> dict[str, str]:
    names = {}
    for name, document in files.readable.items():
        data = document.data if isinstance(document.data, dict) else {}
        if option_id_of(name) is not None and isinstance(data.get("name"), str):
            names[option_id_of(name)] = data["name"]
    return names


def _title_and_status(files: _GuideFiles, folder_name: str) -> tuple[str, bool]:
    """The guide's navigation title and whether it is a draft, from guide.yml as far as it was read."""
    meta = files.parsed.get("guide.yml")
    if meta is not None:
        return meta.short_title or meta.title, meta.status == "draft"
    loaded = files.readable.get("guide.yml")
    data = loaded.data if loaded is not None and isinstance(loaded.data, dict) else {}
    title = next((data[key] for key in ("short_title", "title") if isinstance(data.get(key), str) and data[key].strip()), folder_name)
    return title.strip(), data.get("status") == "draft"


@dataclass
class _GuideFiles:
    """A guide's files as far as each got: valid YAML, then also valid against its model."""

    readable: dict[str, LoadedYaml] = field(default_factory=dict)
    loaded: dict[str, LoadedYaml] = field(default_factory=dict)
    parsed: dict[str, BaseModel] = field(default_factory=dict)


def _load_file(path: Path, name: str, model: type[BaseModel], display_folder: str, files: _GuideFiles, problems: list[Problem]) -> None:
    """`name`: the file's path in the guide's folder (e.g. options/x.yml), shown after the folder's."""
    display = f"{display_folder}/{name}"
    if not path.is_file():
        problems.append(Problem(display, 0, 0, (), "this file is missing", "every guide needs " + ", ".join(top_level_files(required=True))))
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
    return re.fullmatch(SLUG_PATTERN, text) is not None


def _assemble(guide_id: str, display_folder: str, loaded: dict[str, LoadedYaml], parsed: dict[str, BaseModel]) -> Guide:
    meta = parsed["guide.yml"]
    options_by_id = {option_id_of(name): value for name, value in parsed.items() if option_id_of(name) is not None}
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
    if document.source and not may_hold_links(document.source) and "\\" not in document.source:
        return []  # no value can hold one (only a quoted escape could spell one): no need to visit them all
    problems = []
    for path, text in walk(model):
        if not isinstance(text, str):
            continue
        for message, hint in link_problems(text):
            problems.append(document.problem(path, message, hint))
    return problems
