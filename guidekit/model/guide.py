"""The containers the layers above pass around: one validated `Guide` and the `Site` of all guides.

A `Guide` keeps, beside its typed parts, the loaded YAML of each file it came from, so a check or
a page can point an editor at the exact line of anything it names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from guidekit.model import content as m
from guidekit.model.document import LoadedYaml
from guidekit.model.problems import Problem


@dataclass
class Guide:
    """One validated guide, with where each part came from (for edit links and messages)."""

    id: str
    folder: str  # as shown to editors, e.g. "content_data/fine-tuning-vs-prompting"
    meta: m.GuideFile
    options: list[m.OptionFile]
    comparison: m.ComparisonFile
    considerations: m.ConsiderationsFile
    checklist: m.ChecklistFile
    glossary: m.GlossaryFile
    sources: list[m.Source]
    files: dict[str, LoadedYaml] = field(repr=False)  # "options/rag.yml" -> loaded file
    tables: list[m.Table] = field(default_factory=list)  # from the optional tables.yml

    def option(self, option_id: str) -> m.OptionFile:
        return next(option for option in self.options if option.id == option_id)

    def choice_name(self, choice_id: str) -> str:
        """Name of an option or a hybrid."""
        for choice in [*self.options, *self.meta.hybrids]:
            if choice.id == choice_id:
                return choice.name
        raise KeyError(choice_id)

    def table(self, table_id: str) -> m.Table | None:
        return next((table for table in self.tables if table.id == table_id), None)

    @property
    def last_updated(self) -> dt.date | None:
        """The date of the newest entry in guide.yml's `changes`."""
        return max((change.date for change in self.meta.changes), default=None)

    def history(self) -> list[tuple[m.Change, str]]:
        """The changes, newest first (the order written breaks ties), each with its anchor on the history page."""
        anchored, seen = [], {}
        for change in self.meta.changes:
            seen[change.date] = seen.get(change.date, 0) + 1
            suffix = f"-{seen[change.date]}" if seen[change.date] > 1 else ""
            anchored.append((change, f"change-{change.date.isoformat()}{suffix}"))
        return sorted(anchored, key=lambda pair: pair[0].date, reverse=True)

    def parts(self) -> Iterator[GuidePart]:
        """Everything a change in guide.yml's `changes` can name, in reading order."""
        for option in self.options:
            yield GuidePart(option.id, option.name, "option", option.id)
            for item in [*option.pros, *option.cons, *option.when_to_choose]:
                yield GuidePart(item.id, f"{option.name} › {item.title}", "option", option.id)
        yield from (GuidePart(hybrid.id, hybrid.name, "hybrid") for hybrid in self.meta.hybrids)
        yield from (GuidePart(aspect.id, aspect.name, "aspect") for aspect in self.comparison.aspects)
        yield from (GuidePart(item.id, item.title, "consideration") for item in self.considerations.items)
        yield from (GuidePart(term.id, term.term, "term") for term in self.glossary.terms)
        yield from (GuidePart(table.id, table.title, "table") for table in self.tables)

    def source_number(self, source_id: str) -> int:
        return next(index for index, source in enumerate(self.sources, 1) if source.id == source_id)


@dataclass(frozen=True)
class GuidePart:
    """A part of a guide that a change can name: its id, its name for readers, and where it lives."""

    id: str
    name: str
    kind: str  # "option", "hybrid", "aspect", "consideration", "term" or "table"
    option_id: str = ""  # for an option and its items: the option whose page shows it


@dataclass
class Site:
    guides: list[Guide]
    warnings: list[Problem] = field(default_factory=list)

    def guide(self, guide_id: str) -> Guide | None:
        return next((guide for guide in self.guides if guide.id == guide_id), None)
