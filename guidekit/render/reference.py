"""The field reference for editors, read from the content model.

Every field of every content file, with its type in plain words, whether it is required,
its description, an example and its allowed values. The editing docs show it with the marker
`<!-- guidekit:field-reference -->`; since it is derived from `guidekit.model.content`, it cannot
drift from what the check accepts.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from guidekit.model import fields
from guidekit.model.layout import GUIDE_FILES

FILES: dict[str, type[fields.Model]] = {kind.name: kind.model for kind in GUIDE_FILES}

# Field types with a name editors know, by their annotation in guidekit/model/fields.py.
NAMED_TYPES: list[tuple[Any, str]] = [
    (fields.Slug, "id"),
    (fields.PlainText, "text, one line"),
    (fields.RichText, "Markdown text"),
    (fields.Url, "web address"),
    (fields.Weight, "weight, -3 to 3"),
]


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class TypePart:
    """A piece of a field's type: plain words, or the name of a group documented below."""

    text: str
    anchor: str = ""  # set when `text` names a group of fields with its own table


@dataclass
class FieldDoc:
    name: str
    type: list[TypePart]
    required: bool
    default: str
    description: str
    example: str
    allowed: list[str]


@dataclass
class ModelDoc:
    title: str  # "guide.yml", or a group's name such as "Item"
    anchor: str
    summary: str
    is_file: bool
    fields: list[FieldDoc] = field(default_factory=list)


def field_reference() -> list[ModelDoc]:
    """Each file, followed by the groups of fields it introduces, in reading order."""
    documented: list[ModelDoc] = []
    seen: set[type[BaseModel]] = set()
    for file_name, model in FILES.items():
        _document(model, file_name, True, documented, seen)
    return documented


def anchor_for(model: type[BaseModel]) -> str:
    file_name = next((name for name, file_model in FILES.items() if file_model is model), None)
    if file_name:
        return "ref-" + file_name.split("/")[0].removesuffix(".yml")
    return "ref-" + model.__name__.lower()


def _document(model: type[BaseModel], title: str, is_file: bool, documented: list[ModelDoc], seen: set) -> None:
    if model in seen:
        return
    seen.add(model)
    summary = _summary(model).removeprefix(f"{title}: ") if is_file else _summary(model)
    doc = ModelDoc(title, anchor_for(model), summary[:1].upper() + summary[1:], is_file)
    documented.append(doc)
    hints = typing.get_type_hints(model, include_extras=True)
    nested: list[type[BaseModel]] = []
    for name in _own_fields_first(model):
        info = model.model_fields[name]
        doc.fields.append(_field_doc(name, hints[name], info))
        nested += [found for found in _models_in(hints[name]) if found not in nested]
    for found in nested:
        _document(found, found.__name__, False, documented, seen)


def _own_fields_first(model: type[BaseModel]) -> list[str]:
    """A model's own fields, then those it shares with others (sources, as_of, last_reviewed)."""
    inherited = {name for base in model.__mro__[1:] if isinstance(base, type) and issubclass(base, BaseModel) for name in base.model_fields}
    names = list(model.model_fields)
    return [name for name in names if name not in inherited] + [name for name in names if name in inherited]


def _summary(model: type[BaseModel]) -> str:
    return (model.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")


def _field_doc(name: str, hint: Any, info: FieldInfo) -> FieldDoc:
    required = info.is_required()
    default = ""
    if not required:
        value = info.get_default(call_default_factory=True)
        if value not in (None, [], {}) and not isinstance(value, BaseModel):
            default = _inline_yaml(value)
    return FieldDoc(
        name=name,
        type=_describe(_strip_optional(hint)),
        required=required,
        default=default,
        description=info.description or "",
        example=_inline_yaml(info.examples[0]) if info.examples else "",
        allowed=_allowed(hint),
    )


def _strip_optional(hint: Any) -> Any:
    if get_origin(hint) in (Union, types.UnionType):
        others = [arg for arg in get_args(hint) if arg is not type(None)]
        return others[0] if len(others) == 1 else hint
    return hint


def _describe(hint: Any) -> list[TypePart]:
    """The type in words: 'list of ' + Item, 'option id → ' + Rating, 'date (YYYY-MM-DD)'."""
    for known, words in NAMED_TYPES:
        if hint == known:
            return [TypePart(words)]
    origin = get_origin(hint)
    if origin is Annotated:
        base, *metadata = get_args(hint)
        if base is str:
            one_line = any(getattr(item, "func", None) is fields.single_line for item in metadata)
            return [TypePart("text, one line" if one_line else "text")]
        return _describe(base)
    if origin is list:
        return [TypePart("list of "), *_describe(get_args(hint)[0])]
    if origin is dict:
        key, value = get_args(hint)
        key_words = "answer" if get_origin(key) is Literal else "id"
        return [TypePart(f"{key_words} → "), *_describe(value)]
    if origin is Literal:
        return [TypePart("one of the allowed values")]
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return [TypePart(hint.__name__, anchor_for(hint))]
    if hint is dt.date:
        return [TypePart("date (YYYY-MM-DD)")]
    if hint is int:
        return [TypePart("whole number")]
    if hint is str:
        return [TypePart("text")]
    return [TypePart(str(hint))]


def _allowed(hint: Any) -> list[str]:
    """The values of a Literal, wherever it sits in the type."""
    if get_origin(hint) is Literal:
        return [str(value) for value in get_args(hint)]
    if get_origin(hint) is dict:
        return []  # a Literal key (answer labels) is explained by the description
    return [value for arg in get_args(hint) for value in _allowed(arg)]


def _models_in(hint: Any) -> list[type[BaseModel]]:
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return [hint]
    return [found for arg in get_args(hint) for found in _models_in(arg)]


def _inline_yaml(value: Any) -> str:
    """A value as an editor would type it, on one line."""
    if isinstance(value, str) and _DATE.fullmatch(value):
        return value  # dates are written without quotes
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, sort_keys=False, width=math.inf)
    return text.strip().removesuffix("...").strip()
