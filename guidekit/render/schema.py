"""JSON Schemas for editors' tools, derived from the content model.

They are committed in `content_data/schema/`, and each content file names its schema in a
`# yaml-language-server: $schema=...` first line, so editors with the YAML language server
get completion and checking as they type. A test fails when a committed schema is stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from guidekit.model.fields import Model
from guidekit.model.layout import GUIDE_FILES

SCHEMA_FILES: dict[str, type[Model]] = {kind.schema: kind.model for kind in GUIDE_FILES}


def schema_for(model: type[Model]) -> dict:
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def render_schemas() -> dict[str, str]:
    """File name -> JSON text, stable across runs."""
    return {name: json.dumps(schema_for(model), indent=2, ensure_ascii=False) + "\n" for name, model in SCHEMA_FILES.items()}


def write_schemas(folder: Path) -> list[str]:
    """Write every schema; return the names of files that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in render_schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed
