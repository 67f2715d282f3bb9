"""Command line for editors and the build (installed as `guidekit`; `make check` runs it too).

guidekit check              validate all content without building (exit status 1 on any error)
guidekit check --published  the same for the guides a build publishes only (drafts left out)
guidekit schema             rewrite the JSON Schemas in content_data/schema/
guidekit new-guide ID       start a new guide, as a draft, in content_data/ID/ from content_data/_template/
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from guidekit.load.guide_folder import CONTENT_FOLDER
from guidekit.model.problems import ContentError, count_problems, format_report
from guidekit.site.guides import check_site


def check(project_dir: Path, published_only: bool = False, processes: int | None = None) -> int:
    """Every guide, drafts included (an editor wants to hear about a draft's mistakes too); with
    `published_only`, what a build would publish, so that a half-written draft never stops a release.
    `processes`: how many check guides side by side (default: one per CPU when there are many guides)."""
    try:
        site = check_site(project_dir / CONTENT_FOLDER, project_dir, drafts=not published_only, processes=processes)
    except ContentError as error:
        print(error.report())
        print(f"\n{error.summary()} found. Fix the errors and run the check again.")
        return 1
    if site.warnings:
        print(format_report(site.warnings) + "\n")
    names = listed([guide.id + (" (draft)" if guide.draft else "") for guide in site.guides]) or "none published yet"
    noun = "guide" if len(site.guides) == 1 else "guides"
    warned = f", with {count_problems(site.warnings)}" if site.warnings else ""
    print(f"All content is valid ({len(site.guides)} {noun}: {names}){warned}.")
    return 0


# A site of hundreds of guides gets a line, not a screenful of names.
MOST_NAMES_LISTED = 10


def listed(names: list[str], most: int = MOST_NAMES_LISTED) -> str:
    """`names` joined by commas; beyond `most`, the first ones and how many more."""
    if len(names) <= most:
        return ", ".join(names)
    return f"{', '.join(names[: most - 1])} and {len(names) - most + 1} more"


def schema(project_dir: Path) -> int:
    from guidekit.render.schema import write_schemas

    changed = write_schemas(project_dir / CONTENT_FOLDER / "schema")
    print("Updated: " + ", ".join(changed) if changed else "Schemas are up to date.")
    return 0


def new_guide(project_dir: Path, guide_id: str, title: str | None) -> int:
    from guidekit.scaffold import ScaffoldError, scaffold_guide

    try:
        folder = scaffold_guide(project_dir / CONTENT_FOLDER, guide_id, title)
    except ScaffoldError as error:
        print(f"new-guide: {error}", file=sys.stderr)
        return 1
    shown = folder.relative_to(project_dir).as_posix()
    print(f"Created {shown}/ from the template, as a draft: the preview shows it, the published site does not.")
    print("Next: run `make serve` to see it, replace every text starting with TODO (each field is explained")
    print(f"in a comment), then set status: published in {shown}/guide.yml and run `make check`.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="guidekit", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--project", type=Path, default=Path.cwd(), help="the project folder (default: current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    check_command = commands.add_parser("check", parents=[common], help="validate all content without building")
    check_command.add_argument("--published", action="store_true", help="only the guides a build publishes (drafts left out)")
    commands.add_parser("schema", parents=[common], help="rewrite the JSON Schemas from the content model")
    new = commands.add_parser("new-guide", parents=[common], help="start a new guide from the template")
    new.add_argument("id", help="the new guide's id: lowercase letters, digits and hyphens, e.g. email-vs-chat")
    new.add_argument("--title", help="the guide's title (default: made from the id)")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    if args.command == "new-guide":
        return new_guide(project, args.id, args.title)
    if args.command == "check":
        try:
            return check(project, args.published)
        except BrokenPipeError:
            return _reader_stopped_reading()
    return schema(project)


def _reader_stopped_reading() -> int:
    """`guidekit check | head` closes the pipe early: what is left is not wanted, and neither is a
    traceback. Output goes nowhere from here so Python's own flush at exit cannot fail again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 1


if __name__ == "__main__":
    sys.exit(main())
