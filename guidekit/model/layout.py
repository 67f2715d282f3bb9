"""The registry of a guide's files and pages: the one place that knows a guide's layout.

Which YAML files a guide folder holds, the model each must satisfy and the schema that describes
it (`GUIDE_FILES`), and where each generated page lives (`PageSet`). Loading, the checks, the field
reference, the schemas, rendering and the export all read the layout from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from guidekit.model import content as m
from guidekit.model.fields import Model

OPTIONS_FOLDER = "options"


@dataclass(frozen=True)
class GuideFileKind:
    """One kind of file in a guide folder."""

    name: str  # as editors see it; "options/<id>.yml" for the file each option has
    model: type[Model]
    schema: str  # its JSON Schema's file name, in content_data/schema/
    required: bool = True

    @property
    def per_option(self) -> bool:
        return self.name.startswith(f"{OPTIONS_FOLDER}/")


GUIDE_FILES: tuple[GuideFileKind, ...] = (  # in reading order: the field reference follows it
    GuideFileKind("guide.yml", m.GuideFile, "guide.schema.json"),
    GuideFileKind(f"{OPTIONS_FOLDER}/<id>.yml", m.OptionFile, "option.schema.json"),
    GuideFileKind("comparison.yml", m.ComparisonFile, "comparison.schema.json"),
    GuideFileKind("considerations.yml", m.ConsiderationsFile, "considerations.schema.json"),
    GuideFileKind("checklist.yml", m.ChecklistFile, "checklist.schema.json"),
    GuideFileKind("glossary.yml", m.GlossaryFile, "glossary.schema.json"),
    GuideFileKind("sources.yml", m.SourcesFile, "sources.schema.json"),
    GuideFileKind("tables.yml", m.TablesFile, "tables.schema.json", required=False),  # a guide without it has no tables
)


def top_level_files(*, required: bool) -> dict[str, type[Model]]:
    """The files at the top of a guide folder that every guide needs (or that it may leave out), with their models."""
    return {kind.name: kind.model for kind in GUIDE_FILES if not kind.per_option and kind.required == required}


def option_file(option_id: str) -> str:
    return f"{OPTIONS_FOLDER}/{option_id}.yml"


def option_id_of(file_name: str) -> str | None:
    """The option id of an option's file name ("options/rag.yml" -> "rag"); None for any other file."""
    if file_name.startswith(f"{OPTIONS_FOLDER}/"):
        return file_name.removeprefix(f"{OPTIONS_FOLDER}/").removesuffix(".yml")
    return None


class PageSet:
    """Where each page of a guide lives; the one place that knows the URL layout."""

    NAMED_PAGES = {  # page name -> the file it is made from
        "comparison": "comparison.yml",
        "considerations": "considerations.yml",
        "checklist": "checklist.yml",
        "how-it-decides": "checklist.yml",
        "glossary": "glossary.yml",
        "sources": "sources.yml",
    }
    EMBEDDED_PAGES = ("comparison", "checklist")

    def __init__(self, guide_id: str):
        self.guide_id = guide_id

    def overview(self) -> str:
        return f"{self.guide_id}/index.md"

    def option(self, option_id: str) -> str:
        return f"{self.guide_id}/options/{option_id}.md"

    def named(self, name: str) -> str:
        return f"{self.guide_id}/{name}.md"

    def sources(self, option_ids: Iterable[str], table_ids: Iterable[str] = ()) -> dict[str, str]:
        """Every page in the guide's navigation -> the file (in the guide's folder) it is generated from."""
        pages = {self.overview(): "guide.yml"}
        pages.update({self.option(option_id): option_file(option_id) for option_id in option_ids})
        pages.update({self.named(name): source for name, source in self.NAMED_PAGES.items()})
        pages.update({self.table(table_id): "tables.yml" for table_id in table_ids})
        pages[self.changes()] = "guide.yml"
        pages[self.whole_guide()] = "guide.yml"
        return pages

    def embed_sources(self, option_ids: Iterable[str], table_ids: Iterable[str] = ()) -> dict[str, str]:
        """Every embed page (outside the navigation) -> the file it is generated from."""
        pages = {self.embed(name): f"{name}.yml" for name in self.EMBEDDED_PAGES}
        pages.update({self.embed_option(option_id): option_file(option_id) for option_id in option_ids})
        pages.update({self.embed_table(table_id): "tables.yml" for table_id in table_ids})
        return pages

    def changes(self) -> str:
        """The change history: last in the guide's navigation, and linked from the overview's "Last updated"."""
        return f"{self.guide_id}/changes.md"

    def whole_guide(self) -> str:
        """Every section on one page, to print: last in the guide's navigation, and linked from the overview."""
        return f"{self.guide_id}/print.md"

    def table(self, table_id: str) -> str:
        return f"{self.guide_id}/tables/{table_id}.md"

    def embed_table(self, table_id: str) -> str:
        return f"{self.guide_id}/embed/tables/{table_id}.md"

    def feed(self) -> str:
        """The Atom feed of the guide's changes (a data file, not a page).

        It sits at the site's root: Material for MkDocs reads every <link rel="alternate"> as a
        language version and fetches sitemap.xml next to it, which exists only at the root.
        """
        return f"{self.guide_id}-changes.xml"

    def embed(self, name: str) -> str:
        return f"{self.guide_id}/embed/{name}.md"

    def embed_option(self, option_id: str) -> str:
        return f"{self.guide_id}/embed/options/{option_id}.md"
