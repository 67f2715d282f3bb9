"""The content model: one pydantic model per kind of YAML file in a guide's folder.

This module is the single source of truth. Validation, the JSON Schemas that editors'
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
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

# ---- Field types ------------------------------------------------------------------

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _single_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("must be a single line of text (no line breaks)")
    return value


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=64),
    Field(
        description="An identifier: lowercase letters, digits and single hyphens. "
        "It becomes the item's anchor in links, so keep it stable once published.",
        examples=["brand-voice", "fine-tuning"],
    ),
]

PlainText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(_single_line),
]
"""One line of plain text (no Markdown): titles, names, labels."""

def Template(*placeholders: str):
    """One line of plain text in which `{name}` is filled in by the page; only the given names are allowed."""
    allowed = ", ".join("{" + name + "}" for name in placeholders) or "none"

    def check(value: str) -> str:
        for name in re.findall(r"\{([^{}]*)\}", value):
            if name not in placeholders:
                raise ValueError(f"unknown placeholder {{{name}}} (allowed here: {allowed})")
        return value

    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
        AfterValidator(_single_line),
        AfterValidator(check),
        Field(description=f"One line of text. Placeholders filled in by the page: {allowed}."),
    ]


RichText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=8000)]
"""Markdown text: paragraphs, **bold**, *italic*, lists and links (http, https, mailto)."""

Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^https?://[^\s<>\"'`]+$", max_length=500),
    Field(description="A web address starting with https:// or http://.", examples=["https://example.com/page"]),
]

Weight = Annotated[int, Field(ge=-3, le=3, description="How strongly a ticked statement counts: 1 (a little) to 3 (a lot); negative values count against.")]

EffortBand = Literal["Low", "Medium", "High"]


class Model(BaseModel):
    """Base for every content model: unknown keys are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=False, frozen=True, str_strip_whitespace=True)


# ---- Shared pieces ------------------------------------------------------------------


class Cited(Model):
    """Fields shared by everything that makes a factual claim."""

    sources: list[Slug] = Field(
        default_factory=list,
        description="Ids of the entries in sources.yml that support this item.",
        examples=[["openai-fine-tuning-guide"]],
    )
    as_of: dt.date | None = Field(
        default=None,
        description="For volatile facts (prices, model names, availability): the date the fact was true. Shown as 'as of <date>'.",
        examples=["2026-11-24"],
    )
    last_reviewed: dt.date | None = Field(
        default=None, description="When an editor last checked this item against its sources.", examples=["2026-11-24"]
    )


class Item(Cited):
    """A titled point with an explanation: a pro, a con, a situation, a consideration."""

    id: Slug
    title: PlainText = Field(description="A short headline for the point.", examples=["Consistent brand voice at scale"])
    body: RichText = Field(description="The explanation, in Markdown.", examples=["Once trained on approved copy, the model ..."])


# ---- guide.yml ------------------------------------------------------------------------


class Hybrid(Cited):
    """A combination of two or more options that vendors recommend using together."""

    id: Slug
    name: PlainText = Field(examples=["Prompting + RAG"])
    combines: list[Slug] = Field(min_length=2, description="Ids of the options this hybrid combines (from `options`).", examples=[["prompting", "rag"]])
    summary: RichText = Field(description="What the combination is and when it makes sense.")


class Labels(Model):
    """Headings and labels the generated pages use. Override them to translate a guide."""

    overview: PlainText = "Overview"
    comparison: PlainText = "Comparison"
    considerations: PlainText = "Strategic considerations"
    checklist: PlainText = "Decision checklist"
    glossary: PlainText = "Glossary"
    sources: PlainText = "Sources"
    definition: PlainText = "What it is"
    pros: PlainText = "Pros"
    cons: PlainText = "Cons"
    when_to_choose: PlainText = "When to choose it"
    aspect: PlainText = "Aspect"
    sources_label: PlainText = "Sources"
    as_of: PlainText = "as of"
    last_reviewed: PlainText = "Last reviewed"
    cited_in: PlainText = "Cited in"
    read: PlainText = "read"
    hybrids: PlainText = "Combining approaches"
    the_options: PlainText = "The options"
    explore: PlainText = "Explore the guide"
    conclusion: PlainText = "Conclusion"
    version: PlainText = "Version"
    how_it_works: PlainText = "How it works"
    comparison_caption: PlainText = "How the options compare, aspect by aspect"
    aspect_details: PlainText = "Aspect by aspect"
    how_it_decides: PlainText = "How this guide decides"
    also_written: PlainText = "Also written"
    embed_this: PlainText = "Embed this"
    embed_help: PlainText = "To show this part of the guide on another site, such as an intranet portal, paste this code into that page."
    embed_more: PlainText = "How embedding works"
    open_in_guide: PlainText = "Open in the full guide"


class GuideFile(Model):
    """guide.yml: the guide's identity, introduction and the order of its options."""

    title: PlainText = Field(examples=["Fine-Tuning vs. Prompting: A Strategic Guide for AI in Marketing"])
    short_title: PlainText | None = Field(default=None, description="A shorter title for navigation tabs.", examples=["Fine-tuning vs. prompting"])
    description: Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=200), AfterValidator(_single_line)] = Field(
        description="One or two sentences for search engines and link previews (the page's meta description)."
    )
    version: PlainText = Field(description="The guide's version, shown on decision records. Quote it: '2026.11'.", examples=["2026.11"])
    last_reviewed: dt.date = Field(description="When the guide as a whole was last reviewed.", examples=["2026-11-24"])
    audience: PlainText | None = Field(default=None, examples=["Marketing leads choosing how to adopt generative AI"])
    introduction: RichText
    options: list[Slug] = Field(
        min_length=2,
        max_length=6,
        description="The options compared, in display order. Each needs a file options/<id>.yml.",
        examples=[["fine-tuning", "prompting", "rag"]],
    )
    hybrids: list[Hybrid] = Field(default_factory=list)
    conclusion: RichText
    labels: Labels = Field(default_factory=Labels)


# ---- options/<id>.yml -------------------------------------------------------------------


class OptionFile(Cited):
    """options/<id>.yml: one approach, with its pros, cons and when to choose it."""

    id: Slug = Field(description="Must equal the file name without .yml.")
    name: PlainText = Field(examples=["Fine-tuning"])
    tagline: PlainText = Field(description="One sentence that sums the option up.", examples=["Teach a model your way of writing by training it on examples."])
    definition: RichText = Field(description="What the option is, for a reader who has never heard of it.")
    how_it_works: RichText | None = Field(default=None, description="Optional: the steps involved, in Markdown.")
    pros: list[Item] = Field(min_length=1)
    cons: list[Item] = Field(min_length=1)
    when_to_choose: list[Item] = Field(min_length=1, description="Situations in which this option is the right choice.")


# ---- comparison.yml -------------------------------------------------------------------


class Rating(Cited):
    """How one option does on one aspect."""

    rating: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30), AfterValidator(_single_line)] = Field(
        description="A short verdict shown in the table.", examples=["High", "Low", "Variable", "Days to weeks"]
    )
    explanation: RichText = Field(description="Why, in a sentence or two of Markdown.")


class Aspect(Model):
    """One row of the comparison table."""

    id: Slug
    name: PlainText = Field(examples=["Cost"])
    question: PlainText | None = Field(default=None, description="The question this aspect answers.", examples=["What will it cost to build and to run?"])
    ratings: dict[Slug, Rating] = Field(description="One rating per option id listed in guide.yml.")


class ComparisonFile(Model):
    """comparison.yml: every option rated on every aspect."""

    introduction: RichText
    aspects: list[Aspect] = Field(min_length=1)


# ---- considerations.yml -------------------------------------------------------------


class ConsiderationsFile(Model):
    """considerations.yml: strategic points that cut across the options."""

    introduction: RichText
    items: list[Item] = Field(min_length=1)


# ---- glossary.yml -------------------------------------------------------------------


class Term(Cited):
    """A glossary entry, shown as a tooltip wherever the term appears."""

    id: Slug
    term: PlainText = Field(examples=["LoRA"])
    aliases: list[PlainText] = Field(default_factory=list, description="Other spellings that get the same tooltip.", examples=[["low-rank adaptation"]])
    definition: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), AfterValidator(_single_line)] = Field(
        description="One plain sentence: it is shown as the tooltip."
    )
    details: RichText | None = Field(default=None, description="Optional longer explanation for the glossary page.")


class GlossaryFile(Model):
    """glossary.yml: terms explained for readers who are not engineers."""

    terms: list[Term] = Field(min_length=1)


# ---- sources.yml ----------------------------------------------------------------------


class Source(Model):
    """A document the guide cites."""

    id: Slug
    title: PlainText
    publisher: PlainText = Field(examples=["OpenAI", "Microsoft Learn", "arXiv"])
    url: Url
    published: PlainText | None = Field(default=None, description="Publication date as the source gives it.", examples=["2024-08-20", "May 2020"])
    date_read: dt.date = Field(description="When the source was read for this guide.", examples=["2026-11-24"])
    kind: Literal["vendor", "research", "law", "news"] = Field(
        description="vendor: a vendor's documentation or blog; research: a paper; law: a law, regulator or court; news: secondary reporting."
    )


class SourcesFile(Model):
    """sources.yml: the guide's bibliography."""

    sources: list[Source] = Field(min_length=1)


# ---- checklist.yml --------------------------------------------------------------------


class Statement(Cited):
    """A statement about the reader's situation, in marketers' words."""

    id: Slug
    text: PlainText = Field(examples=["Our offers and prices change weekly."])
    hint: PlainText = Field(description="A short explanation under the statement.", examples=["Think of promotions, stock levels and product specs."])
    favours: dict[Slug, Weight] = Field(
        min_length=1,
        description="Option ids this statement favours when ticked, with a weight from 1 to 3 (negative counts against).",
        examples=[{"rag": 3}],
    )
    unsure_todo: PlainText = Field(description="What to do to find out, shown when the reader answers 'not sure'.", examples=["Count your approved, on-brand examples."])


class StatementGroup(Model):
    """A fieldset of related statements."""

    id: Slug
    legend: PlainText = Field(examples=["Your data and examples"])
    statements: list[Statement] = Field(min_length=1)


class Condition(Model):
    """An answer to one statement."""

    statement: Slug
    answer: Literal["yes", "no"]


class Constraint(Cited):
    """A hard rule: when the condition holds, the listed options cannot be recommended."""

    id: Slug
    when: Condition
    rules_out: list[Slug] = Field(min_length=1, description="Option ids that this answer rules out.")
    reason: PlainText = Field(examples=["Without curated examples there is nothing to train on."])


class Outcome(Cited):
    """What the checklist says when it recommends an option or a hybrid: a short playbook."""

    summary: RichText
    first_steps: list[PlainText] = Field(min_length=1)
    effort: EffortBand = Field(description="Effort band: Low, Medium or High.")
    measure: list[PlainText] = Field(min_length=1, description="What to measure once started.")
    revisit_when: list[PlainText] = Field(min_length=1, description="Events that should trigger a new decision.")


class Expectation(Model):
    outcome: Slug = Field(description="The option or hybrid id the scenario must recommend.")
    strength: Literal["clear", "leaning", "close"] = Field(description="clear, leaning or close (a close call).")


class Scenario(Model):
    """A worked example: readers load it as a preset, the tests check its result never drifts."""

    id: Slug
    name: PlainText
    description: PlainText
    answers: dict[Slug, Literal["yes", "no", "unsure"]] = Field(min_length=1)
    expect: Expectation


class Thresholds(Model):
    """Score margins between the leading option and the runner-up."""

    clear: int = Field(default=4, ge=1, description="A lead of at least this many points is a clear recommendation.")
    leaning: int = Field(default=2, ge=1, description="A lead of at least this many points (but below `clear`) is a leaning; anything less is a close call.")


Answer = Literal["yes", "no", "unsure"]


class AnswerLabels(Model):
    yes: PlainText = "Yes"
    no: PlainText = "No"
    unsure: PlainText = "Not sure"


class StrengthLabels(Model):
    clear: PlainText = "Clear"
    leaning: PlainText = "Leaning"
    close: PlainText = "Close call"


class EffortLabels(Model):
    Low: PlainText = "Low"
    Medium: PlainText = "Medium"
    High: PlainText = "High"


class ChecklistText(Model):
    """The checklist's words. Placeholders in braces, such as {outcome}, are filled in by the page."""

    # The form and the outcomes, also shown without JavaScript.
    answers: AnswerLabels = Field(default_factory=lambda: AnswerLabels())
    how_it_decides_intro: PlainText = "Every statement, what it favours, the hard constraints and the scoring rule, on one page:"
    no_script: PlainText = (
        "Your recommendation is worked out in your browser, which needs JavaScript. "
        "Without it you can still read every statement and score your answers by hand:"
    )
    result: PlainText = "Your recommendation"
    if_unsure: PlainText = "If you are not sure"
    outcomes: PlainText = "All possible recommendations"
    effort: PlainText = "Effort"
    effort_bands: EffortLabels = Field(default_factory=lambda: EffortLabels())
    first_steps: PlainText = "First steps"
    measure: PlainText = "What to measure"
    revisit_when: PlainText = "Revisit the decision when"
    # The live result.
    progress: Template("answered", "total") = "{answered} of {total} answered"
    examples: PlainText = "Try an example"
    examples_hint: PlainText = "Loading an example replaces your answers."
    example_loaded: Template("name") = "Loaded the example “{name}”."
    clear: PlainText = "Clear my answers"
    cleared: PlainText = "Your answers were cleared."
    copy_markdown: PlainText = "Copy as Markdown"
    copied: PlainText = "Decision record copied. Paste it into your ticket or document."
    copy_failed: PlainText = "Copying is blocked here. Select the text below and copy it."
    print: PlainText = "Print"
    storage_note: PlainText = "Your answers are kept in this page's address and in this browser only."
    guide_changed: PlainText = (
        "The checklist has changed since this link was made. The answers that still apply were restored; check the statements left unanswered."
    )
    empty: PlainText = "Nothing points to an approach yet: each “yes” adds points to the approaches it favours."
    all_ruled_out: PlainText = "Your answers rule out every approach in this guide. Look at the reasons below with your team."
    announce: Template("strength", "outcome", "progress") = "{strength}: {outcome}. {progress}."
    strength: StrengthLabels = Field(default_factory=lambda: StrengthLabels())
    why_clear: Template("top", "second", "lead") = "{top} scores {lead} more than {second}."
    why_leaning: Template("top", "second", "lead") = "{top} scores {lead} more than {second}: a leaning, worth testing before you commit."
    why_close: Template("top", "second", "lead") = "{top} and {second} are only {lead} apart: a close call, so test both."
    why_close_hybrid: Template("top", "second", "lead") = "{top} and {second} are only {lead} apart, so the checklist recommends combining them."
    why_only: Template("top") = "{top} is the only approach your answers leave open."
    scores: PlainText = "Scores"
    score: Template("option", "score") = "{option}: {score}"
    ruled_out: Template("option") = "{option}: ruled out"
    see_result: PlainText = "See why"
    because: PlainText = "Because you said"
    reason: Template("answer", "statement", "effect") = "{answer}: {statement} ({effect})"
    adds: Template("points", "option") = "{points} for {option}"
    rules_out_because: Template("option", "reason") = "rules out {option}: {reason}"
    what_changes: PlainText = "What would change the answer"
    change: Template("answer", "statement", "outcome") = "Answering “{answer}” to “{statement}” would make it {outcome}."
    no_change: PlainText = "No single answer would change this recommendation."
    todos: PlainText = "To find out (you said “not sure”)"
    todo_matters: PlainText = "could change the recommendation"
    playbook: Template("outcome") = "Read the playbook for {outcome}"
    recommended: PlainText = "Recommended for you"
    # The decision record (copied as Markdown and printed).
    record_title: Template("guide") = "Decision record: {guide}"
    record_date: PlainText = "Date"
    record_version: PlainText = "Guide version"
    record_link: PlainText = "Link to these answers"
    record_answers: PlainText = "Answers"
    unanswered: PlainText = "Unanswered"
    # The "how this guide decides" page.
    decides_intro: PlainText = (
        "The decision checklist follows the rules on this page. Both are generated from the same data, so they always agree."
    )
    statement: PlainText = "Statement"
    points_if_yes: Template("answer") = "Points for each approach when you answer “{answer}”"
    constraints: PlainText = "Hard constraints"
    rules_out: PlainText = "Rules out"
    constraint_rule: Template("options", "answer", "statement") = "Answering “{answer}” to “{statement}” rules out {options}."
    scoring_rule: PlainText = "The scoring rule"
    rule_steps: list[Template("clear", "leaning", "yes", "no", "unsure")] = Field(
        default_factory=lambda: [
            "Each statement you answer “{yes}” adds its points to the approaches it favours. “{no}”, “{unsure}” and unanswered statements add nothing.",
            "A hard constraint rules an approach out, whatever its score.",
            "The approach with the most points leads. On equal points, the one listed first in the guide leads.",
            "A lead of {clear} points or more over the runner-up is a clear recommendation, a lead of {leaning} or more is a leaning, and anything less is a close call.",
            "On a close call, when the guide describes a combination of the two leading approaches, the checklist recommends the combination.",
            "Until a “{yes}” adds points to an approach that is still open, or when every approach is ruled out, there is no recommendation.",
        ],
        min_length=1,
    )
    hybrid_rule: Template("options", "hybrid") = "A close call between {options} recommends {hybrid}."
    worked_examples: PlainText = "Worked examples"
    example: PlainText = "Example"
    list_and: PlainText = Field(default="and", description="Joins the last two names in a list: “Prompting and RAG”.")


class ChecklistFile(Model):
    """checklist.yml: the data behind the decision checklist."""

    introduction: RichText
    groups: list[StatementGroup] = Field(min_length=1)
    constraints: list[Constraint] = Field(default_factory=list)
    outcomes: dict[Slug, Outcome] = Field(description="One playbook per option id and hybrid id.")
    scenarios: list[Scenario] = Field(default_factory=list)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    ui: ChecklistText = Field(
        default_factory=lambda: ChecklistText(),
        description="Every label, button and message the checklist and its 'how this guide decides' page show. "
        "English by default; set any of them to translate or reword it.",
    )


# ---- The whole guide, as the renderer sees it -----------------------------------------

FILE_MODELS: dict[str, type[Model]] = {
    "guide.yml": GuideFile,
    "comparison.yml": ComparisonFile,
    "considerations.yml": ConsiderationsFile,
    "checklist.yml": ChecklistFile,
    "glossary.yml": GlossaryFile,
    "sources.yml": SourcesFile,
}
"""Files at the top of a guide folder and the model each must satisfy. options/*.yml use OptionFile."""
