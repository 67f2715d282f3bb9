"""Load every guide in `content_data/`, validate it, and return typed objects.

`load_site()` reads every file, collects every problem (syntax, schema, cross-references, the
logic checks of `guidekit.checks.logic`, then placeholders left from the template in a published guide)
and raises a single `ContentError` if there is any error, so a build either gets a fully valid
`Site` or an editor gets the complete list of what to fix. Warnings never stop it: they come
back in `Site.warnings`. `load_guides()` loads each guide on its own, for the live preview,
where an error in one guide must hide only that guide. `check_site()` is `load_site()` for
`guidekit check`, which needs the problems and not the guides: it checks many guides on every CPU.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import repeat
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
    loads, warnings = _kept_without_errors(load_guides(content_dir, project_dir, today), drafts)
    return Site([load.guide for load in loads if load.guide is not None], warnings)


@dataclass(frozen=True)
class GuideCheck:
    """What `guidekit check` needs to know of one guide: small, so it comes back from another process quickly."""

    id: str
    draft: bool
    valid: bool
    problems: list[Problem]


@dataclass(frozen=True)
class SiteCheck:
    guides: list[GuideCheck]  # the valid ones, in the order of their folders
    warnings: list[Problem]


# Below this many guides a second process costs more than it saves.
GUIDES_PER_PROCESS = 8
GUIDES_PER_BATCH = 4


def check_site(content_dir: Path, project_dir: Path, today: dt.date | None = None, *, drafts: bool = True, processes: int | None = None) -> SiteCheck:
    """What `load_site` finds (the same problems, in the same order, and the same ContentError),
    without keeping the guides. `processes` (default: one per CPU, fewer for few guides) check
    the guides side by side, each on its own like `load_guides`, in the order of their folders."""
    folders = _guide_folders(content_dir, project_dir)
    if processes is None:
        processes = min(_usable_cpus(), len(folders) // GUIDES_PER_PROCESS)
    checks, warnings = _kept_without_errors(_check_guides(folders, project_dir, today or clock.today(), processes), drafts)
    return SiteCheck([check for check in checks if check.valid], warnings)


def _kept_without_errors(loads: Sequence[GuideLoad | GuideCheck], drafts: bool) -> tuple[list, list[Problem]]:
    """The guides a site keeps (drafts left out unless `drafts`) and their sorted warnings;
    ContentError listing every problem if any is an error."""
    kept = [load for load in loads if drafts or not load.draft]
    problems = [problem for load in kept for problem in load.problems]
    if any(problem.is_error for problem in problems):
        raise ContentError(problems)
    return kept, sorted(problems)


def load_guides(content_dir: Path, project_dir: Path, today: dt.date | None = None) -> list[GuideLoad]:
    """Every guide folder, each loaded on its own: an error in one guide never hides another.

    Raises ContentError only for problems of the content folder as a whole (none, or no guide).
    """
    return [_load_guide(folder, project_dir, today or clock.today()) for folder in _guide_folders(content_dir, project_dir)]


def _guide_folders(content_dir: Path, project_dir: Path) -> list[Path]:
    display_root = display_path(content_dir, project_dir)
    if not content_dir.is_dir():
        raise ContentError([Problem(display_root, 0, 0, (), "the content folder does not exist")])
    folders = guide_folders(content_dir)
    if not folders:
        raise ContentError([Problem(display_root, 0, 0, (), "no guide found: a guide is a folder holding guide.yml")])
    return folders


def _check_guides(folders: list[Path], project_dir: Path, today: dt.date, processes: int) -> list[GuideCheck]:
    if processes < 2:
        return [_check_guide(folder, project_dir, today) for folder in folders]
    # Small batches of guides: fewer round trips than one guide at a time, and once the last batch
    # is taken, the other processes sit idle for a few guides at most (with 500 guides in 32
    # batches of 16, that was up to a third of a second).
    with ProcessPoolExecutor(processes, mp_context=_process_start(), initializer=_collect_garbage_less) as pool:
        return list(pool.map(_check_guide, folders, repeat(project_dir), repeat(today), chunksize=GUIDES_PER_BATCH))


def _check_guide(folder: Path, project_dir: Path, today: dt.date) -> GuideCheck:
    load = _load_guide(folder, project_dir, today)
    return GuideCheck(load.id, load.draft, load.guide is not None, load.problems)


def _collect_garbage_less() -> None:
    """In a checking process: checking a guide makes and drops some hundred thousand objects, none
    of them in a reference cycle (or almost none), and Python's cycle collector, run every 700 new objects, went
    through all of them and through every object of the imported modules again and again. Those
    are set aside (`gc.freeze`) and the collector runs a hundred times less often."""
    gc.freeze()
    gc.set_threshold(70_000, 10, 10)


def _usable_cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _process_start() -> multiprocessing.context.BaseContext:
    """Fork when it is safe, a copy of this process with every module already imported, so the
    checks start at once; a process running other threads (V8's, once a check has used it in
    this process) is not safe to copy, and spawn starts a fresh interpreter instead."""
    if "fork" in multiprocessing.get_all_start_methods() and _single_threaded():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _single_threaded() -> bool:
    """Whether this process runs one thread only, native threads included (Linux's /proc says;
    elsewhere there is no telling, so no)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


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
