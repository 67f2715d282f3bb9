"""The content model: one pydantic model per kind of YAML file in a guide's folder.

This module is the single source of truth (with the field types in `fields.py` and the
default words of the pages in `labels.py`). Validation, the JSON Schemas that editors'
tools read (`content_data/schema/`), the field reference in the editing docs and the
typed objects the renderer uses are all derived from these classes.

A guide is a folder `content_data/<guide-id>/` holding:

    guide.yml            GuideFile          title, introduction, option order, hybrids, conclusion
    options/<id>.yml     OptionFile         one approach: definition, pros, cons, when to choose it
    comparison.yml       ComparisonFile     aspects rated for every option
    considerations.yml   ConsiderationsFile strategic considerations
    checklist.yml        ChecklistFile      the decision checklist's data
    glossary.yml         GlossaryFile       terms shown as tooltips and on the glossary page
    sources.yml          SourcesFile        every source the guide cites
    tables.yml           TablesFile         optional: small reference tables of facts
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from guidekit.model.fields import Date, EffortBand, Model, OneLine, PlainText, RichText, Slug, Url, Weight
from guidekit.model.labels import ChecklistText, Labels


# ---- Shared pieces ------------------------------------------------------------------


class Cited(Model):
    """Fields shared by everything that makes a factual claim."""

    sources: list[Slug] = Field(
        default_factory=list,
        description="Ids of the entries in sources.yml that support this item.",
        examples=[["openai-fine-tuning-guide"]],
    )
    as_of: Date | None = Field(
        default=None,
        description="Marks a volatile fact (a price, a model name, availability, a legal date) with the date it was last "
        "checked true. Readers see 'as of <date>'; `make check` warns once it is older than guide.yml's volatile_fresh_days.",
        examples=["2026-11-24"],
    )
    last_reviewed: Date | None = Field(default=None, description="When an editor last checked this item against its sources.", examples=["2026-11-24"])


_ITEM_EXAMPLE = {
    "id": "ft-pro-voice",
    "title": "Consistent brand voice",
    "body": "Once trained on approved copy, the model keeps to your voice.",
    "sources": ["openai-fine-tuning-guide"],
}


class Item(Cited):
    """A titled point with an explanation: a pro, a con, a situation, a consideration."""

    id: Slug
    title: PlainText = Field(description="A short headline for the point.", examples=["Consistent brand voice at scale"])
    body: RichText = Field(description="The explanation, in Markdown.", examples=["Once trained on approved copy, the model ..."])


# ---- guide.yml ------------------------------------------------------------------------


class Change(Model):
    """One entry of the guide's change history, shown on its history page and in its Atom feed."""

    date: Date = Field(description="The day the change was published.", examples=["2026-11-30"])
    summary: OneLine(1000) = Field(
        description="What changed, in plain words (no Markdown, at most 1000 characters). Use '>-' to spread it over several lines.",
        examples=["Reviewed every vendor fact against its source; OpenAI fine-tuning ends for new jobs on 6 January 2027."],
    )
    affects: list[Slug] = Field(
        default_factory=list,
        description="Optional: ids of the options, items, aspects, hybrids, terms or tables the change touched; the history page links to them.",
        examples=[["fine-tuning", "where-to-fine-tune"]],
    )


class Hybrid(Cited):
    """A combination of two or more options that vendors recommend using together."""

    id: Slug
    name: PlainText = Field(description="The hybrid's name, shown on the overview and in checklist results.", examples=["Prompting + RAG"])
    combines: list[Slug] = Field(
        min_length=2, description="Ids of the options this hybrid combines (from the guide's options list).", examples=[["prompting", "rag"]]
    )
    summary: RichText = Field(
        description="What the combination is and when it makes sense, in Markdown.",
        examples=["Keep the model as it is, write strong instructions for voice, and let a retrieval step supply current facts."],
    )


class GuideFile(Model):
    """guide.yml: the guide's identity, introduction and the order of its options."""

    title: PlainText = Field(
        description="The guide's full title, shown on its overview page and on the home page.",
        examples=["Fine-Tuning vs. Prompting: A Strategic Guide for AI in Marketing"],
    )
    status: Literal["draft", "published"] = Field(
        default="published",
        description="draft or published (the default). A draft shows in the preview (make serve), labelled Draft, and never in the published site.",
        examples=["draft"],
    )
    short_title: PlainText | None = Field(default=None, description="A shorter title for navigation tabs.", examples=["Fine-tuning vs. prompting"])
    description: OneLine(200, min_length=20) = Field(
        description="One or two sentences (20 to 200 characters) for the home page, search engines and link previews.",
        examples=["When should a marketing team fine-tune a model, and when are good prompts enough? A sourced comparison and a checklist."],
    )
    version: PlainText = Field(description="The guide's version, shown on decision records. Quote it: '2026.11'.", examples=["2026.11"])
    last_reviewed: Date = Field(description="When the guide as a whole was last reviewed.", examples=["2026-11-24"])
    audience: PlainText | None = Field(
        default=None, description="Optional: who the guide is written for.", examples=["Marketing leads choosing how to adopt generative AI"]
    )
    introduction: RichText = Field(
        description="The opening text of the overview page, in Markdown: the question the guide answers and why it matters.",
        examples=["Most marketing teams now use a general-purpose AI model somewhere. Then the harder questions arrive..."],
    )
    options: list[Slug] = Field(
        min_length=2,
        max_length=6,
        description="The options compared, in display order. Each needs a file options/<id>.yml.",
        examples=[["fine-tuning", "prompting", "rag"]],
    )
    hybrids: list[Hybrid] = Field(
        default_factory=list,
        description="Optional: combinations of options that can be recommended together. Each needs an outcome in checklist.yml.",
        examples=[
            [
                {
                    "id": "prompting-rag",
                    "name": "Prompting + RAG",
                    "combines": ["prompting", "rag"],
                    "summary": "Prompts for voice, retrieval for facts.",
                    "sources": ["openai-accuracy-guide"],
                }
            ]
        ],
    )
    conclusion: RichText = Field(
        description="The closing text of the overview page, in Markdown.",
        examples=["For most marketing teams the sensible order is the one the vendors recommend: ..."],
    )
    labels: Labels = Field(
        default_factory=Labels,
        description="Optional: replaces the built-in English headings and labels, for example to translate a guide. List only the ones you change.",
        examples=[{"pros": "Advantages", "cons": "Drawbacks"}],
    )
    review_after_days: int = Field(
        default=365,
        ge=1,
        description="How old a last_reviewed date may be before the check warns that the item is due for review.",
        examples=[365, 180],
    )
    volatile_fresh_days: int = Field(
        default=90,
        ge=1,
        description="How many days a volatile fact (anything with an as_of date) stays fresh; after that the check warns that it must be checked again.",
        examples=[90, 30],
    )
    changes: list[Change] = Field(
        default_factory=list,
        description="The change history, one entry per published change. The overview shows the latest date as 'Last updated'; "
        "the history page and the guide's Atom feed list them all.",
        examples=[[{"date": "2026-11-30", "summary": "Reviewed every vendor fact against its source."}]],
    )


# ---- options/<id>.yml -------------------------------------------------------------------


class OptionFile(Cited):
    """options/<id>.yml: one approach, with its pros, cons and when to choose it."""

    id: Slug = Field(description="Must equal the file name without .yml.", examples=["fine-tuning"])
    name: PlainText = Field(description="The option's name, used as its page title and in tables.", examples=["Fine-tuning"])
    tagline: PlainText = Field(description="One sentence that sums the option up.", examples=["Teach a model your way of writing by training it on examples."])
    definition: RichText = Field(
        description="What the option is, in Markdown, for a reader who has never heard of it.",
        examples=["Fine-tuning means training an existing model further on your own examples."],
    )
    how_it_works: RichText | None = Field(
        default=None,
        description="Optional: the steps involved, in Markdown (a numbered list works well).",
        examples=["Collect approved examples, train on them, then compare the result with your best prompt."],
    )
    pros: list[Item] = Field(min_length=1, description="The option's advantages, at least one.", examples=[[_ITEM_EXAMPLE]])
    cons: list[Item] = Field(min_length=1, description="The option's drawbacks, at least one.", examples=[[_ITEM_EXAMPLE]])
    when_to_choose: list[Item] = Field(
        min_length=1, description="Situations in which this option is the right choice, at least one.", examples=[[_ITEM_EXAMPLE]]
    )


# ---- comparison.yml -------------------------------------------------------------------


class Rating(Cited):
    """How one option does on one aspect."""

    rating: OneLine(30) = Field(description="A short verdict shown in the table.", examples=["High", "Low", "Variable", "Days to weeks"])
    explanation: RichText = Field(description="Why, in a sentence or two of Markdown.", examples=["Instructions and a few examples go a long way."])


class Aspect(Model):
    """One row of the comparison table."""

    id: Slug
    name: PlainText = Field(description="The aspect's name, shown in the table's first column.", examples=["Cost"])
    question: PlainText | None = Field(default=None, description="The question this aspect answers.", examples=["What will it cost to build and to run?"])
    ratings: dict[Slug, Rating] = Field(
        description="One rating per option id listed in guide.yml, keyed by the option id.",
        examples=[{"prompting": {"rating": "Low", "explanation": "Pay per request.", "sources": ["openai-pricing"]}}],
    )


class ComparisonFile(Model):
    """comparison.yml: every option rated on every aspect."""

    introduction: RichText = Field(
        description="Text above the comparison table, in Markdown: what the ratings mean.",
        examples=["The table rates the approaches on the questions marketing leads ask most often."],
    )
    aspects: list[Aspect] = Field(
        min_length=1,
        description="The rows of the table, in display order.",
        examples=[[{"id": "cost", "name": "Cost", "ratings": {"prompting": {"rating": "Low", "explanation": "Pay per request."}}}]],
    )


# ---- considerations.yml -------------------------------------------------------------


class ConsiderationsFile(Model):
    """considerations.yml: strategic points that cut across the options."""

    introduction: RichText = Field(
        description="Text at the top of the considerations page, in Markdown.", examples=["Whatever you choose, these questions come up."]
    )
    items: list[Item] = Field(min_length=1, description="The considerations, in display order.", examples=[[_ITEM_EXAMPLE]])


# ---- glossary.yml -------------------------------------------------------------------


class Term(Cited):
    """A glossary entry, shown as a tooltip wherever the term appears."""

    id: Slug
    term: PlainText = Field(
        description="The word or phrase as it is written in the text; it gets a tooltip wherever it appears with exactly this spelling.",
        examples=["LoRA"],
    )
    aliases: list[PlainText] = Field(default_factory=list, description="Other spellings that get the same tooltip.", examples=[["low-rank adaptation"]])
    definition: OneLine() = Field(
        description="One plain sentence (no Markdown, at most 300 characters): it is shown as the tooltip.",
        examples=["Low-rank adaptation, a light form of fine-tuning that trains only small add-on pieces."],
    )
    details: RichText | None = Field(
        default=None,
        description="Optional longer explanation for the glossary page, in Markdown.",
        examples=["In the original paper LoRA cut the number of trained parameters about 10,000-fold."],
    )


class GlossaryFile(Model):
    """glossary.yml: terms explained for readers who are not engineers."""

    terms: list[Term] = Field(
        min_length=1,
        description="The terms, in the order of the glossary page.",
        examples=[[{"id": "lora", "term": "LoRA", "definition": "A light form of fine-tuning.", "sources": ["hu-2021-lora"]}]],
    )


# ---- sources.yml ----------------------------------------------------------------------


class Source(Model):
    """A document the guide cites."""

    id: Slug
    title: PlainText = Field(description="The document's title, as it gives it.", examples=["Fine-tuning guide"])
    publisher: PlainText = Field(description="Who published it: a company, a journal, a court.", examples=["OpenAI", "Microsoft Learn", "arXiv"])
    url: Url
    published: PlainText | None = Field(default=None, description="Publication date as the source gives it.", examples=["2024-08-20", "May 2020"])
    date_read: Date = Field(description="When the source was read for this guide.", examples=["2026-11-24"])
    kind: Literal["vendor", "research", "law", "news"] = Field(
        description="vendor: a vendor's documentation or blog; research: a paper; law: a law, regulator or court; news: reporting by a third party.",
        examples=["vendor", "research"],
    )
    secondary: bool = Field(
        default=False,
        description="true when the source reports what another document says (a news story about a vendor's notice, a law firm's note "
        "on a regulation). Readers see it labelled as a secondary report; cite the primary document beside it when you can.",
        examples=[True],
    )


class SourcesFile(Model):
    """sources.yml: the guide's bibliography."""

    sources: list[Source] = Field(
        min_length=1,
        description="Every source the guide cites; the sources page numbers them in this order.",
        examples=[
            [
                {
                    "id": "hu-2021-lora",
                    "title": "LoRA: Low-Rank Adaptation of Large Language Models",
                    "publisher": "arXiv",
                    "url": "https://arxiv.org/abs/2106.09685",
                    "date_read": "2026-11-24",
                    "kind": "research",
                }
            ]
        ],
    )


# ---- tables.yml -------------------------------------------------------------------------

Cell = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600)]
"""One table cell: short Markdown (bold, italic, links)."""


class TableRow(Cited):
    """One row of a reference table: a cell per column, and the sources that support it."""

    cells: list[Cell] = Field(
        min_length=1,
        description="The row's cells in column order, one per column, in short Markdown. The first cell names the row.",
        examples=[["Amazon Bedrock", "Amazon Nova Micro, Lite and Pro", "Available"]],
    )


class Table(Cited):
    """A small table of facts, such as who offers what today. It gets its own page and can be embedded."""

    id: Slug
    title: PlainText = Field(description="The table's title: its page title and its caption.", examples=["Where you can fine-tune today"])
    introduction: RichText | None = Field(
        default=None,
        description="Optional: text above the table, in Markdown: what it covers and how to read it.",
        examples=["Managed fine-tuning offers, provider by provider."],
    )
    columns: list[PlainText] = Field(
        min_length=2,
        description="The column headers, in order. The table adds a last column with each row's sources.",
        examples=[["Provider", "Models", "Status"]],
    )
    rows: list[TableRow] = Field(
        min_length=1,
        description="The rows, in display order; each cites its sources and may have its own as_of.",
        examples=[[{"cells": ["Amazon Bedrock", "Amazon Nova", "Available"], "sources": ["bedrock-customization"]}]],
    )
    options: list[Slug] = Field(
        default_factory=list,
        description="Optional: ids of the options whose pages also show this table.",
        examples=[["fine-tuning"]],
    )
    as_of: Date = Field(
        description="A table of facts is volatile: the date every row was last checked true (a row may give its own as_of). "
        "Readers see 'as of <date>'; `make check` warns once it is older than guide.yml's volatile_fresh_days.",
        examples=["2026-11-30"],
    )


class TablesFile(Model):
    """tables.yml (optional): small reference tables of facts, each with its own page."""

    tables: list[Table] = Field(
        min_length=1,
        description="The tables, in the order of the guide's navigation.",
        examples=[
            [
                {
                    "id": "where-to-fine-tune",
                    "title": "Where you can fine-tune today",
                    "columns": ["Provider", "Status"],
                    "rows": [{"cells": ["Amazon Bedrock", "Available"], "sources": ["bedrock-customization"]}],
                    "as_of": "2026-11-30",
                    "sources": ["bedrock-customization"],
                }
            ]
        ],
    )


# ---- checklist.yml --------------------------------------------------------------------


class Statement(Cited):
    """A statement about the reader's situation, in marketers' words."""

    id: Slug
    text: PlainText = Field(description="The statement the reader answers with yes, no or not sure.", examples=["Our offers and prices change weekly."])
    hint: PlainText = Field(description="A short explanation under the statement.", examples=["Think of promotions, stock levels and product specs."])
    favours: dict[Slug, Weight] = Field(
        default_factory=dict,
        description="Option ids this statement favours when answered yes, with a weight from 1 to 3 (negative counts against). "
        "May be left out for a statement that only a constraint or a prerequisite uses.",
        examples=[{"rag": 3}],
    )
    unsure_todo: PlainText = Field(
        description="What to do to find out, shown when the reader answers 'not sure'.", examples=["Count your approved, on-brand examples."]
    )


class StatementGroup(Model):
    """A fieldset of related statements."""

    id: Slug
    legend: PlainText = Field(description="The group's heading.", examples=["Your data and examples"])
    statements: list[Statement] = Field(
        min_length=1,
        description="The statements in this group, in display order.",
        examples=[
            [
                {
                    "id": "facts-change",
                    "text": "Our offers and prices change weekly.",
                    "hint": "Think of promotions.",
                    "favours": {"rag": 3},
                    "unsure_todo": "Ask how often prices changed last quarter.",
                    "sources": ["lewis-2020-rag"],
                }
            ]
        ],
    )


class Condition(Model):
    """An answer to one statement."""

    statement: Slug = Field(description="The id of a statement in this file's groups.", examples=["approved-examples"])
    answer: Literal["yes", "no"] = Field(description="The answer that triggers the constraint. Quote it: 'yes' or 'no'.", examples=["yes", "no"])


class Constraint(Cited):
    """A hard rule: when the condition holds, the listed options cannot be recommended."""

    id: Slug
    when: Condition = Field(
        description="The statement and the answer that trigger the constraint.",
        examples=[{"statement": "approved-examples", "answer": "no"}],
    )
    rules_out: list[Slug] = Field(min_length=1, description="Option ids that this answer rules out.", examples=[["fine-tuning"]])
    reason: PlainText = Field(
        description="Why, in one sentence the reader sees next to the result.", examples=["Without curated examples there is nothing to train on."]
    )


class Prerequisite(Cited):
    """Something an option needs before it can be recommended, met by answering "yes" to a statement.

    Unlike a constraint it rules nothing out for good: answered "no" or "not sure", the option is
    "not yet" and the result names what to do first; left unanswered, the option cannot lead."""

    id: Slug
    statement: Slug = Field(
        description="The id of the statement whose “yes” meets the prerequisite. Phrase it so that “yes” means ready.", examples=["eval-set"]
    )
    holds_back: list[Slug] = Field(min_length=1, description="Option ids that wait for this prerequisite.", examples=[["fine-tuning"]])
    first: PlainText = Field(
        description="What to do first, shown as a to-do when the prerequisite is not met.",
        examples=["Build a test set of 20 real briefs with approved answers."],
    )


class Preference(Model):
    """How ties are broken: an order of all the options, and why."""

    order: list[Slug] = Field(
        min_length=1, description="Every option id once, the one to prefer on equal points first.", examples=[["prompting", "rag", "fine-tuning"]]
    )
    reason: PlainText = Field(
        description="Why this order, in one sentence shown on the 'how this guide decides' page.",
        examples=["Least commitment first: the approach that is quickest to undo wins a tie."],
    )


class Outcome(Cited):
    """What the checklist says when it recommends an option or a hybrid: a short playbook."""

    summary: RichText = Field(
        description="The recommendation in a few sentences of Markdown: why these answers point here.",
        examples=["Your answers point to **prompting**: a well-written standing instruction with a few approved examples."],
    )
    first_steps: list[PlainText] = Field(
        min_length=1, description="The first things to do, in order.", examples=[["Write 20 test briefs with approved answers."]]
    )
    effort: EffortBand = Field(description="Effort band: Low, Medium or High.", examples=["Low", "Medium", "High"])
    measure: list[PlainText] = Field(min_length=1, description="What to measure once started.", examples=[["Share of drafts approved without edits"]])
    revisit_when: list[PlainText] = Field(
        min_length=1, description="Events that should trigger a new decision.", examples=[["Your vendor releases a new model version"]]
    )


class Expectation(Model):
    """The result a scenario must produce."""

    outcome: Slug = Field(description="The option or hybrid id the scenario must recommend.")
    strength: Literal["clear", "leaning", "close"] = Field(description="clear, leaning or close (a close call).", examples=["clear"])
    not_yet: list[Slug] = Field(
        default_factory=list,
        description="Optional: option ids the result must name as 'not yet' (held back by a prerequisite).",
        examples=[["fine-tuning"]],
    )


class Scenario(Cited):
    """A worked example: readers load it as a preset, the tests check its result never drifts."""

    id: Slug
    name: PlainText = Field(description="The scenario's name, shown on its preset button.", examples=["Small team launching in two weeks"])
    description: PlainText = Field(
        description="One sentence describing the team in the example.", examples=["A three-person team that needs launch copy in two weeks."]
    )
    answers: dict[Slug, Literal["yes", "no", "unsure"]] = Field(
        min_length=1,
        description="Statement id -> answer ('yes', 'no' or 'unsure', in quotes). Statements left out count as unanswered.",
        examples=[{"launch-fast": "yes", "approved-examples": "no"}],
    )
    expect: Expectation = Field(
        description="The result this scenario must produce; `guidekit check` fails if the checklist's result drifts.",
        examples=[{"outcome": "prompting", "strength": "clear"}],
    )
    why: PlainText | None = Field(
        default=None,
        description="Why this is the right result, from the guidance in `sources`, in a sentence or two.",
        examples=["Vendors advise starting with prompting when time is short and examples are few."],
    )


class Thresholds(Model):
    """Score margins between the leading option and the runner-up."""

    clear: int = Field(default=4, ge=1, description="A lead of at least this many points is a clear recommendation.", examples=[4])
    leaning: int = Field(
        default=2, ge=1, description="A lead of at least this many points (but below clear) is a leaning; anything less is a close call.", examples=[2]
    )
    case: int = Field(
        default=4,
        ge=1,
        description="An option with at least this many points, not ruled out or held back, has a case of its own; "
        "a hybrid is recommended when every option it combines has one.",
        examples=[4],
    )


class ChecklistFile(Model):
    """checklist.yml: the data behind the decision checklist."""

    introduction: RichText = Field(
        description="Text above the checklist, in Markdown: how to answer.", examples=["Answer each statement for one use case at a time."]
    )
    groups: list[StatementGroup] = Field(
        min_length=1,
        description="The statements, in groups shown as separate fieldsets.",
        examples=[[{"id": "speed-and-budget", "legend": "Speed and budget", "statements": []}]],
    )
    constraints: list[Constraint] = Field(
        default_factory=list,
        description="Optional: answers that rule options out for good, whatever the score.",
        examples=[
            [
                {
                    "id": "personal-data",
                    "when": {"statement": "personal-data", "answer": "yes"},
                    "rules_out": ["fine-tuning"],
                    "reason": "Keep personal data out of training.",
                }
            ]
        ],
    )
    prerequisites: list[Prerequisite] = Field(
        default_factory=list,
        description="Optional: what an option needs before it can be recommended, each met by a “yes” to one statement.",
        examples=[[{"id": "test-set-first", "statement": "eval-set", "holds_back": ["fine-tuning"], "first": "Build a test set of 20 real briefs."}]],
    )
    preference: Preference = Field(
        description="Which option wins on equal points: every option in order, and why.",
        examples=[{"order": ["prompting", "rag", "fine-tuning"], "reason": "Least commitment first."}],
    )
    outcomes: dict[Slug, Outcome] = Field(
        description="One playbook per option id and hybrid id, keyed by that id.",
        examples=[
            {
                "prompting": {
                    "summary": "Your answers point to prompting.",
                    "first_steps": ["Write a system prompt."],
                    "effort": "Low",
                    "measure": ["Approval rate"],
                    "revisit_when": ["Volume grows"],
                }
            }
        ],
    )
    scenarios: list[Scenario] = Field(
        default_factory=list,
        description="Optional: worked examples readers can load; each states the result it must give.",
        examples=[
            [
                {
                    "id": "small-team",
                    "name": "Small team",
                    "description": "Three people, two weeks.",
                    "answers": {"launch-fast": "yes"},
                    "expect": {"outcome": "prompting", "strength": "clear"},
                }
            ]
        ],
    )
    thresholds: Thresholds = Field(
        default_factory=Thresholds,
        description="Optional: how big a lead makes a clear recommendation or a leaning.",
        examples=[{"clear": 4, "leaning": 2}],
    )
    ui: ChecklistText = Field(
        default_factory=lambda: ChecklistText(),
        description="Every label, button and message the checklist and its 'how this guide decides' page show. "
        "English by default; set any of them to translate or reword it.",
        examples=[{"result": "Our recommendation", "clear": "Start again"}],
    )
