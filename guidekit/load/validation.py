"""Turn pydantic's developer wording into messages an editor can act on."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from guidekit.load.yaml_compose import LoadedYaml
from guidekit.model.problems import FieldPath, Problem


def closest(word: str, choices: list[str]) -> str | None:
    """The choice that `word` is a near miss of, if any."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: list[str]) -> str:
    """' (did you mean 'x'?)' for a near miss, else ''."""
    close = closest(word, choices)
    return f" (did you mean '{close}'?)" if close else ""


def _model_at(model: type[BaseModel], loc: FieldPath) -> type[BaseModel] | None:
    """The model class that owns the last key of `loc`, for listing allowed fields."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _innermost_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _innermost_model(annotation: Any) -> Any:
    """list[Item] -> Item, dict[str, Rating] -> Rating, Item | None -> Item."""
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _innermost_model(arg)
        if isinstance(found, type) and issubclass(found, BaseModel):
            return found
    return annotation


def _describe(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "a list" if isinstance(value, list) else "a group of fields"
    return repr(value) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)


def _quoted(loaded: LoadedYaml, loc: FieldPath) -> bool:
    """Whether the value at `loc` is written in quotes in the file (so YAML reads it as text)."""
    start = loaded.value_starts.get(loc)
    return start is not None and loaded.source[start : start + 1] in ("'", '"')


def _clean_loc(loc: tuple) -> FieldPath:
    # pydantic adds "[key]" when a dict key (not its value) fails validation.
    return tuple(part for part in loc if part != "[key]")


def problems_from_validation(error: ValidationError, loaded: LoadedYaml, model: type[BaseModel]) -> list[Problem]:
    details = error.errors(include_url=False)
    misspelt = _misspelt_required_fields(details)
    problems = []
    for detail in details:
        loc = _clean_loc(detail["loc"])
        if detail["type"] == "missing" and loc in misspelt.values():
            continue  # one mistake, one message: reported as the misspelt key
        message, hint = _message(detail, loc, loaded, model)
        if loc in misspelt:
            hint = f"rename it to '{misspelt[loc][-1]}', a required field"
        problems.append(loaded.problem(loc, message, hint))
    return problems


def _misspelt_required_fields(details: list[dict]) -> dict[FieldPath, FieldPath]:
    """Unknown key -> the missing required field beside it that it is a near miss of ('tagine' -> 'tagline')."""
    missing = [_clean_loc(detail["loc"]) for detail in details if detail["type"] == "missing"]
    found = {}
    for detail in details:
        loc = _clean_loc(detail["loc"])
        if detail["type"] != "extra_forbidden" or not loc:
            continue
        siblings = [str(other[-1]) for other in missing if other[:-1] == loc[:-1] and other not in found.values()]
        close = closest(str(loc[-1]), siblings)
        if close:
            found[loc] = (*loc[:-1], close)
    return found


def _message(detail: dict, loc: FieldPath, loaded: LoadedYaml, model: type[BaseModel]) -> tuple[str, str]:
    kind, value, ctx = detail["type"], detail.get("input"), detail.get("ctx") or {}
    name = loc[-1] if loc else ""
    if kind == "missing":
        return f"required field '{name}' is missing", f"add a line '{name}: ...' here"
    if kind == "extra_forbidden":
        owner = _model_at(model, loc)
        allowed = sorted(owner.model_fields) if owner else []
        close = closest(str(name), allowed)
        hint = f"rename it to '{close}'" if close else ("allowed fields: " + ", ".join(allowed)) if allowed else ""
        return f"unknown field '{name}'{did_you_mean(str(name), allowed)}", hint
    if kind in {"string_type", "str_type"}:
        original = loaded.scalars.get(loc)
        if original is not None and isinstance(value, (int, float)) and not isinstance(value, bool):
            return f"{original} looks like a number; text is expected", f"put it in quotes: '{original}'"
        if isinstance(value, bool):
            return f"{original or value} is read as yes/no; text is expected", f"put it in quotes: '{original or value}'"
        if value is None:
            return "is empty; text is expected", "write the text after the colon, or remove the line"
        return f"should be text, not {_describe(value)}", ""
    if kind == "literal_error":
        return f"{_describe(value)} is not allowed here", f"use one of: {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern.startswith("^https?"):
            return f"{_describe(value)} is not a web address", "links must start with https:// (or http://)"
        return f"{_describe(value)} is not a valid id", "use lowercase letters, digits and single hyphens, e.g. 'brand-voice'"
    if kind == "string_too_long":
        return f"is too long ({len(value)} characters; at most {ctx.get('max_length')})", "shorten it"
    if kind == "string_too_short":
        return "is empty", "write the text after the colon"
    if kind == "too_short":
        minimum = ctx.get("min_length")
        how = "as 'id: value' lines" if isinstance(value, dict) else "each on its own line starting with '- '"
        return f"needs at least {minimum} {'entry' if minimum == 1 else 'entries'}", f"add the missing entries, {how}"
    if kind == "too_long":
        return f"has too many entries (at most {ctx.get('max_length')})", "remove the entries that are not needed"
    if kind == "int_type" and isinstance(value, str) and _quoted(loaded, loc):
        return f"{_describe(value)} is in quotes, so it is text; a whole number is expected", "remove the quotes"
    if kind in {"date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"}:
        return f"{_describe(value)} is not a valid date", "write dates as YYYY-MM-DD, e.g. 2026-11-24"
    if kind in {"list_type"}:
        return f"should be a list (lines starting with '- '), not {_describe(value)}", f"put each entry on its own line below '{name}:', starting with '- '"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"should be a group of fields, not {_describe(value)}", ""
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"{_describe(value)} should be a whole number", ""
    if kind in {"less_than_equal", "greater_than_equal"}:
        return f"{_describe(value)} is out of range ({detail['msg'].removeprefix('Input should be ')})", ""
    if kind == "value_error":
        return str(ctx.get("error", detail["msg"])), ""
    return detail["msg"], ""
