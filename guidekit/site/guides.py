"""Load every guide in `content_data/`, validate it, and return typed objects.

`load_site()` reads every file, collects every problem (syntax, schema, cross-references, the
logic checks of `guidekit.checks.logic`, then placeholders left from the template in a published guide)
and raises a single `ContentError` if there is any error, so a build either gets a fully valid
`Site` or an editor gets the complete list of what to fix. Warnings never stop it: they come
back in `Site.warnings`. `load_guides()` loads each guide on its own, for the live preview,
where an error in one guide must hide only that guide.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from guidekit.checks.logic import check_logic
from guidekit.checks.placeholders import placeholder_problems
from guidekit.checks.references import check_references, unknown_sources
from guidekit.load.guide_folder import GuideLoad, display_path, guide_folders, read_guide
from guidekit.model import clock
from guidekit.model.guide import Site
from guidekit.model.problems import ContentError, Problem


def load_site(content_dir: Path, project_dir: Path, today: dt.date | None = None, *, drafts: bool = True) -> Site:
    """Load and validate all guides; raise ContentError listing every problem if any is an error.

    `today` is the date review dates are compared with (default: `guidekit.model.clock.today()`). With `drafts=False`
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
    display_root = display_path(content_dir, project_dir)
    if not content_dir.is_dir():
        raise ContentError([Problem(display_root, 0, 0, (), "the content folder does not exist")])
    folders = guide_folders(content_dir)
    if not folders:
        raise ContentError([Problem(display_root, 0, 0, (), "no guide found: a guide is a folder holding guide.yml")])
    return [_load_guide(folder, project_dir, today or clock.today()) for folder in folders]


def _load_guide(folder: Path, project_dir: Path, today: dt.date) -> GuideLoad:
    """The guide as read, then checked: it stays only if no problem of either step is an error."""
    read = read_guide(folder, project_dir)
    problems = list(read.problems)
    if read.guide is None:
        if read.source_ids is not None:  # the most common slip, reported now rather than after the next fix
            reported = {(problem.file, problem.path) for problem in problems}
            found = unknown_sources(read.readable, read.source_ids)
            problems.extend(problem for problem in found if (problem.file, problem.path) not in reported)
        return dataclasses.replace(read, problems=sorted(problems))
    # The logic checks assume every reference resolves.
    problems.extend(check_references(read.guide) or check_logic(read.guide, today))
    if not read.draft:
        problems.extend(placeholder_problems(read.guide.files))
    failed = any(problem.is_error for problem in problems)
    return dataclasses.replace(read, guide=None if failed else read.guide, problems=sorted(problems))
