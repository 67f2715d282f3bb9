"""Checks on what the content means, beyond what the schema and the references can see.

Each check returns `Problem`s located at the item concerned. All are errors except
`overdue_reviews`, `stale_facts` and `undated_prices`, which warn: an old or missing date does
not make the content wrong, and a warning never stops publishing.
The three checks that need the checklist's scoring rule (worked examples, outcomes no answers
can reach, permanent ties) live in `guidekit.checks.scoring`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from pydantic import BaseModel

from guidekit.checks.scoring import scoring_problems
from guidekit.model import content as m
from guidekit.model.document import FieldNames
from guidekit.model.guide import Guide
from guidekit.model.layout import option_file
from guidekit.model.problems import FieldPath, Problem

# Fields whose values are ids, addresses or fixed words, never prose a reader sees.
_NOT_PROSE = {
    "id",
    "sources",
    "statement",
    "outcome",
    "combines",
    "rules_out",
    "options",
    "url",
    "kind",
    "effort",
    "answer",
    "strength",
    "published",
    "affects",
}


def check_logic(guide: Guide, today: dt.date) -> list[Problem]:
    values = GuideValues.of(guide)
    return [
        *statements_without_effect(guide),
        *scoring_problems(guide),
        *uncited_sources(guide, values),
        *unused_terms(guide, values),
        *unsourced_claims(guide, values),
        *overdue_reviews(guide, values, today),
        *stale_facts(guide, values, today),
        *undated_prices(guide, values),
        *sources_read_before_published(guide),
    ]


@dataclass
class GuideValues:
    """The values of a guide's files that the checks look at, found in one walk per guide
    (each check walking them again was most of the checks' time), in the order of `documents`."""

    claims: list[tuple[str, FieldPath, m.Cited]] = field(default_factory=list)
    reviewed: list[tuple[str, FieldPath, BaseModel]] = field(default_factory=list)  # items with a last_reviewed field
    dated: list[tuple[str, FieldPath, BaseModel]] = field(default_factory=list)  # items with an as_of field
    prose: list[tuple[str, FieldPath, str]] = field(default_factory=list)

    @classmethod
    def of(cls, guide: Guide) -> GuideValues:
        values, kinds = cls(), _ValueKinds()
        for file, document in documents(guide):
            values._visit(file, document, kinds[document.__class__], (), True, kinds)
        return values

    def _visit(self, file: str, value: object, kind: _ModelKind | str, path: FieldPath, prose: bool, kinds: _ValueKinds) -> None:
        """What is inside `value` (a model, a group or a list, of `kind`), parents before children,
        as `walk` visits them. `prose`: whether a text here is one a reader sees, which the field
        (or key) nearest it decides: not one named in _NOT_PROSE. A list item is what its list is.
        Each loop takes its texts itself and visits only what holds more values: most values are
        texts, and a call for each was a third of the walk's time."""
        if kind is _LIST:
            for index, item in enumerate(value):
                item_kind = kinds[item.__class__]
                if item_kind is _TEXT:
                    if prose:
                        self.prose.append((file, (*path, index), item))
                elif item_kind is not None:
                    self._visit(file, item, item_kind, (*path, index), prose, kinds)
        elif kind is _GROUP:
            for key, item in value.items():
                item_prose = key not in _NOT_PROSE if isinstance(key, str) else prose
                item_kind = kinds[item.__class__]
                if item_kind is _TEXT:
                    if item_prose:
                        self.prose.append((file, (*path, key), item))
                elif item_kind is not None:
                    self._visit(file, item, item_kind, (*path, key), item_prose, kinds)
        else:
            if kind.cited:
                self.claims.append((file, path, value))
            if kind.reviewed:
                self.reviewed.append((file, path, value))
            if kind.dated:
                self.dated.append((file, path, value))
            for name in kind.fields:
                item, item_prose = getattr(value, name), name not in _NOT_PROSE
                item_kind = kinds[item.__class__]
                if item_kind is _TEXT:
                    if item_prose:
                        self.prose.append((file, (*path, name), item))
                elif item_kind is not None:
                    self._visit(file, item, item_kind, (*path, name), item_prose, kinds)


@dataclass(frozen=True)
class _ModelKind:
    fields: tuple[str, ...]
    cited: bool  # a claim
    reviewed: bool  # has a last_reviewed field
    dated: bool  # has an as_of field


_TEXT, _GROUP, _LIST = "text", "group", "list"


class _ValueKinds(dict):
    """What `GuideValues` needs of a class of values, worked out once per class: text, a group,
    a list, a model (its `_ModelKind`) or None (a value with nothing inside). One lookup per
    value instead of a chain of isinstance tests (a model's is slow: pydantic's metaclass is an ABC).
    Made per use, never kept."""

    def __missing__(self, value_class: type) -> _ModelKind | str | None:
        if issubclass(value_class, BaseModel):
            fields = tuple(value_class.model_fields)
            kind = _ModelKind(fields, issubclass(value_class, m.Cited), "last_reviewed" in fields, "as_of" in fields)
        elif issubclass(value_class, str):
            kind = _TEXT
        elif issubclass(value_class, dict):
            kind = _GROUP
        elif issubclass(value_class, (list, tuple)):
            kind = _LIST
        else:
            kind = None
        self[value_class] = kind
        return kind


def documents(guide: Guide) -> Iterator[tuple[str, BaseModel]]:
    """(file name, parsed model) for every file of the guide."""
    yield "guide.yml", guide.meta
    for option in guide.options:
        yield option_file(option.id), option
    yield "comparison.yml", guide.comparison
    yield "considerations.yml", guide.considerations
    yield "checklist.yml", guide.checklist
    yield "glossary.yml", guide.glossary
    yield "sources.yml", m.SourcesFile.model_construct(sources=guide.sources)
    if guide.tables:
        yield "tables.yml", m.TablesFile.model_construct(tables=guide.tables)


def _problem(guide: Guide, file: str, path: FieldPath, message: str, hint: str) -> Problem:
    return guide.files[file].problem(path, message, hint)


# ---- The checklist ---------------------------------------------------------------------


def statements_without_effect(guide: Guide) -> Iterator[Problem]:
    """A statement that changes no score and triggers no constraint or prerequisite is a question for nothing."""
    in_constraints = {constraint.when.statement for constraint in guide.checklist.constraints}
    in_constraints |= {prerequisite.statement for prerequisite in guide.checklist.prerequisites}
    for g, group in enumerate(guide.checklist.groups):
        for s, statement in enumerate(group.statements):
            if statement.id not in in_constraints and not any(statement.favours.values()):
                yield _problem(
                    guide,
                    "checklist.yml",
                    ("groups", g, "statements", s, "favours"),
                    f"statement '{statement.id}' affects no option: it favours none and no constraint or prerequisite uses it",
                    "give at least one option a weight from 1 to 3 (or -1 to -3), or delete the statement",
                )


# ---- Sources, glossary, claims ----------------------------------------------------------


def uncited_sources(guide: Guide, values: GuideValues) -> Iterator[Problem]:
    cited = {source_id for _, _, claim in values.claims for source_id in claim.sources}
    for index, source in enumerate(guide.sources):
        if source.id not in cited:
            yield _problem(
                guide,
                "sources.yml",
                ("sources", index),
                f"source '{source.id}' is cited nowhere",
                f"add '{source.id}' to the 'sources:' list of the items it supports, or delete this entry",
            )


def unused_terms(guide: Guide, values: GuideValues) -> Iterator[Problem]:
    """A term whose exact spelling appears in no text gets no tooltip anywhere (its own entry aside)."""
    texts = _texts_by_glossary_entry(values.prose)
    for index, term in enumerate(guide.glossary.terms):
        own_entry = ("terms", index)
        words = [term.term, *term.aliases]
        spelling = re.compile("|".join(rf"\b{re.escape(word)}\b" for word in words))
        if not any(_spelt_in(text, words, spelling) for entry, text in texts.items() if entry != own_entry):
            spellings = " or ".join(f"'{word}'" for word in words)
            yield _problem(
                guide,
                "glossary.yml",
                own_entry,
                f"term '{term.term}' is used nowhere in the guide",
                f"the text must contain {spellings} with exactly this spelling and capitalisation; or delete the entry",
            )


def _spelt_in(text: str, words: list[str], spelling: re.Pattern) -> bool:
    """Whether `spelling` (the words, each as a whole word) is found in `text`. The search starts at
    the first place any word appears: a pattern starting with \\b would otherwise be tried at every
    character of a long text. (A word boundary still sees the character before the start.)"""
    start = min((found for word in words if (found := text.find(word)) >= 0), default=None)
    return start is not None and spelling.search(text, start) is not None


def _texts_by_glossary_entry(prose: list[tuple[str, FieldPath, str]]) -> dict[FieldPath | None, str]:
    """The guide's prose as one text per glossary entry (key ("terms", index)), and one (key None)
    for everything outside them: a few searches of long texts instead of one per value.
    Values are joined with a NUL, a character no term is spelt with, so no spelling matches across
    two values, and a word boundary (\\b) at either end of a value is what it is in the value alone."""
    parts: dict[FieldPath | None, list[str]] = {}
    for file, path, text in prose:
        entry = path[:2] if file == "glossary.yml" and path[:1] == ("terms",) else None
        parts.setdefault(entry, []).append(text)
    return {entry: "\0".join(texts) for entry, texts in parts.items()}


_CLAIM_KINDS = {
    m.OptionFile: "option",
    m.Item: "item",
    m.Hybrid: "hybrid",
    m.Rating: "rating",
    m.Term: "term",
    m.Statement: "statement",
    m.Constraint: "constraint",
    m.Outcome: "outcome",
    m.Table: "table",
    m.TableRow: "row",
}


def unsourced_claims(guide: Guide, values: GuideValues) -> Iterator[Problem]:
    for file, path, claim in values.claims:
        if not claim.sources:
            yield _problem(
                guide,
                file,
                (*path, "sources"),
                f"{_claim_name(claim, path)} cites no source",
                "add a line 'sources: [id]' with the id of the entry in sources.yml that supports it",
            )


def _claim_name(claim: m.Cited, path: FieldPath) -> str:
    kind = _CLAIM_KINDS.get(type(claim), "item")
    name = getattr(claim, "id", None) or (path[-1] if path and isinstance(path[-1], str) and kind == "outcome" else None)
    return f"{kind} '{name}'" if name else f"this {kind}"


# ---- Review dates -------------------------------------------------------------------------


def overdue_reviews(guide: Guide, values: GuideValues, today: dt.date) -> Iterator[Problem]:
    limit = guide.meta.review_after_days
    return _older_than(
        guide,
        values.reviewed,
        "last_reviewed",
        limit,
        today,
        lambda reviewed: f"last reviewed on {reviewed.isoformat()}, more than {limit} days ago",
        "check it against its sources, then set last_reviewed to today's date (guide.yml's review_after_days sets the limit)",
    )


def stale_facts(guide: Guide, values: GuideValues, today: dt.date) -> Iterator[Problem]:
    """A volatile fact (anything with `as_of`) checked longer ago than guide.yml's volatile_fresh_days."""
    limit = guide.meta.volatile_fresh_days
    return _older_than(
        guide,
        values.dated,
        "as_of",
        limit,
        today,
        lambda as_of: f"volatile fact as of {as_of.isoformat()}, more than {limit} days ago: it may no longer be true",
        "check it against its sources, correct it if needed, then set as_of to the day you checked (guide.yml's volatile_fresh_days sets the limit)",
    )


def _older_than(guide: Guide, items, field_name: str, limit: int, today: dt.date, message, hint: str) -> Iterator[Problem]:
    """A warning for each item whose date in `field_name` lies more than `limit` days before `today`."""
    for file, path, model in items:
        date = getattr(model, field_name)
        if isinstance(date, dt.date) and (today - date).days > limit:
            yield dataclasses.replace(_problem(guide, file, (*path, field_name), message(date), hint), severity="warning")


_CURRENCY_SIGNS = ("$", "€", "£")
_CURRENCY_CODES = ("USD", "EUR", "GBP")
_PRICE = re.compile(rf"[{''.join(_CURRENCY_SIGNS)}]\s?\d[\d.,]*|\b\d[\d.,]*\s?(?:{'|'.join(_CURRENCY_CODES)})\b")


def _names_a_currency(text: str) -> bool:
    """Whether `text` holds a currency sign or code: a few plain searches, many times faster than
    a pattern (even one of these alternatives only) is on the long texts of a guide."""
    return any(currency in text for currency in _CURRENCY_SIGNS + _CURRENCY_CODES)


def _price_in(text: str) -> str | None:
    """The first price `text` states, if any."""
    if not _names_a_currency(text):
        return None
    found = _PRICE.search(text)
    return found[0] if found else None


def undated_prices(guide: Guide, values: GuideValues) -> Iterator[Problem]:
    """A claim whose own text states a price is a volatile fact, so it must say when it was true."""
    field_names = FieldNames()
    undated = [
        (file, path, claim, [text for name in field_names[type(claim)] if isinstance(text := getattr(claim, name), str)])
        for file, path, claim in values.claims
        if claim.as_of is None
    ]
    # Joined with a character no currency is spelt with, their texts are searched at once: most
    # guides name a currency in no undated claim.
    if not _names_a_currency("\0".join(text for *_, own_texts in undated for text in own_texts)):
        return
    for file, path, claim, own_texts in undated:
        price = next(filter(None, map(_price_in, own_texts)), None)
        if price:
            problem = _problem(
                guide,
                file,
                path,
                f"{_claim_name(claim, path)} states a price ({price}) but has no as_of date",
                "a price is a volatile fact: add 'as_of: YYYY-MM-DD' with the day you checked it against its source",
            )
            yield dataclasses.replace(problem, severity="warning")


# ---- Source dates -------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, name in enumerate(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1)
}
_DATE_IN_TEXT = re.compile(
    r"(?P<iso>\b(?P<y1>\d{4})-(?P<m1>\d{2})(?:-(?P<d1>\d{2}))?\b)"
    r"|(?P<named>\b(?:(?P<d2>\d{1,2})\s+)?(?P<month>" + "|".join(_MONTHS) + r")\s+(?P<y2>\d{4})\b)"
    r"|(?P<year>\b\d{4}\b)",
    re.IGNORECASE,
)


def earliest_date_in(text: str) -> dt.date | None:
    """The first day of the earliest period a free-text date names: '2024-10-01', 'May 2020', '2024-2025', 'captured 2026-09-20'."""
    starts = []
    for found in _DATE_IN_TEXT.finditer(text):
        try:
            if found["iso"]:
                starts.append(dt.date(int(found["y1"]), int(found["m1"]), int(found["d1"] or 1)))
            elif found["named"]:
                starts.append(dt.date(int(found["y2"]), _MONTHS[found["month"].lower()], int(found["d2"] or 1)))
            else:
                starts.append(dt.date(int(found["year"]), 1, 1))
        except ValueError:  # 2026-13-01: not a date, so nothing to compare
            continue
    return min(starts, default=None)


def sources_read_before_published(guide: Guide) -> Iterator[Problem]:
    """A source cannot have been read before it was published: one of the two dates is wrong."""
    for index, source in enumerate(guide.sources):
        published = earliest_date_in(source.published or "")
        if published and source.date_read < published:
            yield _problem(
                guide,
                "sources.yml",
                ("sources", index, "date_read"),
                f"read on {source.date_read.isoformat()}, before it was published ('{source.published}')",
                "correct date_read (the day you read it) or published (as the source gives it)",
            )
