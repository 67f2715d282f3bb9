"""Each guide as versioned JSON, for portals that render their own widgets.

The build publishes `<guide>/guide.json` (the guide's full validated content, checklist rules
included) and `<guide>/guide.schema.json` (its JSON Schema) next to the guide's pages. Both
come from the content models, so they cannot drift from what editors write. Text fields
marked as Markdown hold the editors' Markdown source; portals render it themselves.
"""

from __future__ import annotations

import json

from pydantic import Field

from guidekit.model import content as m
from guidekit.model.fields import Model, Slug
from guidekit.model.guide import Guide
from guidekit.model.layout import PageSet
from guidekit.render.address import SiteAddress
from guidekit.render.schema import schema_for

SCHEMA_VERSION = "1.2"
"""The format's version: the minor number grows with added fields, the major one with changes that break readers."""

DATA_FILE = "guide.json"
SCHEMA_FILE = "guide.schema.json"


class PageLinks(Model):
    """Addresses of the guide's pages, relative to guide.json itself."""

    overview: str
    comparison: str
    considerations: str
    checklist: str
    how_it_decides: str = Field(description="The page that explains how the checklist decides: its statements, constraints and scoring rule.")
    glossary: str
    sources: str
    options: dict[Slug, str] = Field(description="Option id -> the option's page.")
    changes: str = Field(description="The change history page (the entries are in guide.changes).")
    feed: str = Field(description="The Atom feed of the guide's changes.")
    tables: dict[Slug, str] = Field(default_factory=dict, description="Table id -> the table's page.")
    embeds: dict[str, str] = Field(
        description="Chrome-less pages for iframes: 'comparison', 'checklist', 'options/<option id>' (pros and cons) and 'tables/<table id>'."
    )


class GuideExport(Model):
    """guide.json: one guide's complete content, as validated when the site was built."""

    schema_version: str = Field(pattern=r"^1\.\d+$", description="Version of this format. Readers accept any 1.x.")
    id: Slug = Field(description="The guide's id (its folder name).")
    guide: m.GuideFile = Field(description="Title, introduction, option order, hybrids, conclusion and labels (guide.yml).")
    options: list[m.OptionFile] = Field(description="The options in display order (options/<id>.yml).")
    comparison: m.ComparisonFile
    considerations: m.ConsiderationsFile
    checklist: m.ChecklistFile = Field(
        description="The checklist's statements with their weights, hard constraints, prerequisites, tie-break preference, outcomes, scenarios (with why and sources) and thresholds."
    )
    glossary: m.GlossaryFile
    sources: list[m.Source] = Field(description="The bibliography; citations refer to these ids.")
    tables: list[m.Table] = Field(default_factory=list, description="The reference tables of facts (tables.yml), if any.")
    pages: PageLinks


def export_guide(guide: Guide, address: SiteAddress) -> GuideExport:
    return GuideExport(
        schema_version=SCHEMA_VERSION,
        id=guide.id,
        guide=guide.meta,
        options=guide.options,
        comparison=guide.comparison,
        considerations=guide.considerations,
        checklist=guide.checklist,
        glossary=guide.glossary,
        sources=guide.sources,
        tables=guide.tables,
        pages=_page_links(guide, address),
    )


def _page_links(guide: Guide, address: SiteAddress) -> PageLinks:
    pages = PageSet(guide.id)

    def relative(src_uri: str) -> str:
        return address.path(src_uri).removeprefix(f"{guide.id}/") or "./"

    options = [option.id for option in guide.options]
    return PageLinks(
        overview=relative(pages.overview()),
        **{name.replace("-", "_"): relative(pages.named(name)) for name in PageSet.NAMED_PAGES},
        options={option_id: relative(pages.option(option_id)) for option_id in options},
        changes=relative(pages.changes()),
        feed=f"../{pages.feed()}",
        tables={table.id: relative(pages.table(table.id)) for table in guide.tables},
        embeds={
            "comparison": relative(pages.embed("comparison")),
            "checklist": relative(pages.embed("checklist")),
            **{f"options/{option_id}": relative(pages.embed_option(option_id)) for option_id in options},
            **{f"tables/{table.id}": relative(pages.embed_table(table.id)) for table in guide.tables},
        },
    )


def export_schema_text() -> str:
    """The JSON Schema published beside every guide's data file: the same for every guide."""
    return json.dumps(schema_for(GuideExport), ensure_ascii=False, indent=1) + "\n"


def export_files(guide: Guide, address: SiteAddress, schema_text: str) -> dict[str, str]:
    """Path inside the site -> text, for one guide's data file and schema (`export_schema_text()`, made once per build)."""
    data = export_guide(guide, address).model_dump(mode="json")
    return {
        f"{guide.id}/{DATA_FILE}": json.dumps(data, ensure_ascii=False, indent=1) + "\n",
        f"{guide.id}/{SCHEMA_FILE}": schema_text,
    }
