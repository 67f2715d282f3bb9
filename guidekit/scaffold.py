"""A new guide, copied from the commented template in `content_data/_template/`.

The template is itself a complete, valid guide (the loader skips folders starting with `_`),
so a fresh copy passes the check at once. It is a draft (`status: draft`): the preview shows
it, labelled, and the published site leaves it out until the editor publishes it. The copy
gets its title and today's date; every other text to write starts with the placeholder
marker TODO, which the check reports as an error once the guide is published.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from guidekit.model import clock
from guidekit.model.fields import SLUG_PATTERN

TEMPLATE_FOLDER = "_template"

_TITLE_LINES = re.compile(r"^(title|short_title): .*$", re.MULTILINE)
_DATES = re.compile(r"^(\s*#?\s*(?:- )?(?:last_reviewed|date_read|as_of|date): )\d{4}-\d{2}-\d{2}$", re.MULTILINE)


class ScaffoldError(Exception):
    """The guide cannot be created; the message says why, in an editor's words."""


def scaffold_guide(content_dir: Path, guide_id: str, title: str | None = None) -> Path:
    """Copy the template to content_dir/guide_id; return the new folder."""
    if not re.fullmatch(SLUG_PATTERN, guide_id):
        raise ScaffoldError(f"'{guide_id}' is not a valid guide id: use lowercase letters, digits and single hyphens, e.g. email-vs-chat")
    template = content_dir / TEMPLATE_FOLDER
    target = content_dir / guide_id
    if not (template / "guide.yml").is_file():
        raise ScaffoldError(f"the template {content_dir.name}/{TEMPLATE_FOLDER}/ is missing")
    if target.exists():
        raise ScaffoldError(f"{content_dir.name}/{guide_id}/ already exists; choose another id")
    shutil.copytree(template, target)
    date = clock.today().isoformat()
    title_value = json.dumps(title or guide_id.replace("-", " ").capitalize(), ensure_ascii=False)
    for path in sorted(target.rglob("*.yml")):
        text = _DATES.sub(lambda match: match[1] + date, path.read_text(encoding="utf-8"))
        if path.name == "guide.yml":
            text = _TITLE_LINES.sub(lambda match: f"{match[1]}: {title_value}", text)
        path.write_text(text, encoding="utf-8")
    return target
