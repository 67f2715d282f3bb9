"""Command line: `python -m guidekit check` validates all content; `schema` rewrites the JSON Schemas."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from guidekit.build import CONTENT_FOLDER
from guidekit.content import load_site
from guidekit.problems import ContentError
from guidekit.schema import write_schemas


def check(project_dir: Path) -> int:
    try:
        site = load_site(project_dir / CONTENT_FOLDER, project_dir)
    except ContentError as error:
        print(error.report())
        count = len(error.problems)
        print(f"\n{count} problem{'s' if count != 1 else ''} found. Fix them and run the check again.")
        return 1
    names = ", ".join(guide.id for guide in site.guides)
    print(f"All content is valid ({len(site.guides)} guide{'s' if len(site.guides) != 1 else ''}: {names}).")
    return 0


def schema(project_dir: Path) -> int:
    changed = write_schemas(project_dir / CONTENT_FOLDER / "schema")
    print("Updated: " + ", ".join(changed) if changed else "Schemas are up to date.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="guidekit", description=__doc__)
    parser.add_argument("command", choices=["check", "schema"])
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="the project folder (default: current folder)")
    args = parser.parse_args(argv)
    return {"check": check, "schema": schema}[args.command](args.project.resolve())


if __name__ == "__main__":
    sys.exit(main())
