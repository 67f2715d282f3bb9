"""The default words of the generated pages and the checklist: every heading, label, button and message.

A guide overrides any of them in guide.yml (`labels`) or checklist.yml (`ui`), to translate or reword it;
the defaults here are English.
"""

from __future__ import annotations

from pydantic import Field

from guidekit.model.fields import Model, PlainText, Template


def _label(default: str, description: str):
    return Field(default=default, description=description, examples=[default])


class Labels(Model):
    """Headings and labels the generated pages use. Override them to translate a guide."""

    overview: PlainText = _label("Overview", "Navigation title of the guide's first page.")
    comparison: PlainText = _label("Comparison", "Title of the comparison page and its links.")
    considerations: PlainText = _label("Strategic considerations", "Title of the strategic considerations page.")
    checklist: PlainText = _label("Decision checklist", "Title of the decision checklist page.")
    glossary: PlainText = _label("Glossary", "Title of the glossary page.")
    sources: PlainText = _label("Sources", "Title of the sources page.")
    definition: PlainText = _label("What it is", "Heading above an option's definition.")
    pros: PlainText = _label("Pros", "Heading above an option's pros.")
    cons: PlainText = _label("Cons", "Heading above an option's cons.")
    when_to_choose: PlainText = _label("When to choose it", "Heading above the situations in which an option fits.")
    aspect: PlainText = _label("Aspect", "Header of the comparison table's first column.")
    sources_label: PlainText = _label("Sources", "Word before the source numbers under an item ('Sources: [1] [2]').")
    as_of: PlainText = _label("as of", "Words before the date of a volatile fact ('as of 24 Nov 2026').")
    last_reviewed: PlainText = _label("Last reviewed", "Words before an item's review date.")
    cited_in: PlainText = _label("Cited in", "On the sources page: words before the places that cite a source.")
    read: PlainText = _label("read", "On the sources page: word before the date a source was read.")
    hybrids: PlainText = _label("Combining approaches", "Heading of the overview's section on combined options.")
    the_options: PlainText = _label("The options", "Heading of the overview's list of options.")
    explore: PlainText = _label("Explore the guide", "Heading of the overview's links to the guide's other pages.")
    conclusion: PlainText = _label("Conclusion", "Heading of the overview's conclusion.")
    version: PlainText = _label("Version", "Word before the guide's version number.")
    how_it_works: PlainText = _label("How it works", "Heading above an option's optional 'how it works' steps.")
    comparison_caption: PlainText = _label("How the options compare, aspect by aspect", "Caption of the comparison table (read out by screen readers).")
    aspect_details: PlainText = _label("Aspect by aspect", "Heading of the comparison page's detailed, aspect-by-aspect section.")
    how_it_decides: PlainText = _label("How this guide decides", "Title of the page that explains how the checklist decides.")
    also_written: PlainText = _label("Also written", "On the glossary page: words before a term's aliases.")
    embed_this: PlainText = _label("Embed this", "Label of the button that shows the code to embed a part of the guide in another site.")
    embed_help: PlainText = _label(
        "To show this part of the guide on another site, such as an intranet portal, paste this code into that page.",
        "The explanation shown with the embedding code.",
    )
    embed_more: PlainText = _label("How embedding works", "Link to the page that explains embedding.")
    open_in_guide: PlainText = _label("Open in the full guide", "In an embedded part: link to the same part in the full guide.")
    audience: PlainText = _label("Written for", "On the home page's card of a guide: words before its audience.")
    picture: PlainText = _label("What points to each option", "Heading of the overview's picture of the decision (and its title for screen readers).")
    picture_caption: PlainText = _label(
        "One row per topic of the checklist: the larger the mark under an option, the more points a “yes” in that topic adds to it.",
        "The caption under the overview's picture of the decision.",
    )
    points: PlainText = _label("points", "Word after a number of points, in the text that describes the overview's picture.")
    print_guide: PlainText = _label("The whole guide on one page", "Title of the page that shows every section of the guide, to print or save as PDF.")
    print_hint: PlainText = _label(
        "Every section of the guide in order, with the sources at the end: print this page or save it as PDF from your browser.",
        "The line at the top of the whole-guide page.",
    )
    print_link: PlainText = _label("Print or save the whole guide", "The overview's link to the whole-guide page.")
    last_updated: PlainText = _label("Last updated", "On the overview: words before the date of the latest entry in 'changes'.")
    see_all_updates: PlainText = _label("See all updates", "On the overview: link to the change history.")
    changes: PlainText = _label("Change history", "Title of the page that lists every change to the guide.")
    changes_intro: PlainText = _label("Every change to this guide, newest first.", "Text at the top of the change history page.")
    changes_feed: PlainText = _label("Follow these updates in a feed reader or an intranet portal: Atom feed", "Link to the guide's Atom feed of changes.")
    changed_items: PlainText = _label("Changed", "On the change history page: word before the parts a change touched.")
    secondary_report: PlainText = _label("secondary report", "On the sources page: marks a source that reports on another source.")


class AnswerLabels(Model):
    """How the checklist writes the three answers."""

    yes: PlainText = _label("Yes", "The answer 'yes', on the form and in the record.")
    no: PlainText = _label("No", "The answer 'no'.")
    unsure: PlainText = _label("Not sure", "The answer 'not sure'.")


class StrengthLabels(Model):
    """How the checklist writes the strength of a recommendation."""

    clear: PlainText = _label("Clear", "A clear recommendation (a lead of at least 'clear' points).")
    leaning: PlainText = _label("Leaning", "A leaning (a lead of at least 'leaning' points).")
    close: PlainText = _label("Close call", "A close call (a smaller lead).")


class EffortLabels(Model):
    """How the checklist writes the effort bands."""

    Low: PlainText = _label("Low", "The effort band Low.")
    Medium: PlainText = _label("Medium", "The effort band Medium.")
    High: PlainText = _label("High", "The effort band High.")


class ChecklistText(Model):
    """The checklist's words. Placeholders in braces, such as {outcome}, are filled in by the page."""

    # The form and the outcomes, also shown without JavaScript.
    answers: AnswerLabels = Field(
        default_factory=lambda: AnswerLabels(), description="How the three answers are written.", examples=[{"yes": "Yes", "no": "No", "unsure": "Not sure"}]
    )
    how_it_decides_intro: PlainText = _label(
        "Every statement, what it favours, the hard constraints and the scoring rule, on one page:", "Above the link to the 'how this guide decides' page."
    )
    no_script: PlainText = _label(
        "Your recommendation is worked out in your browser, which needs JavaScript. "
        "Without it you can still read every statement and score your answers by hand:",
        "Shown when the browser runs no JavaScript.",
    )
    result: PlainText = _label("Your recommendation", "Heading of the live result.")
    if_unsure: PlainText = _label("If you are not sure", "Words before a statement's 'not sure' to-do.")
    outcomes: PlainText = _label("All possible recommendations", "Heading of the list of every possible recommendation (the playbooks).")
    effort: PlainText = _label("Effort", "Label of an outcome's effort band.")
    effort_bands: EffortLabels = Field(
        default_factory=lambda: EffortLabels(), description="How the effort bands are written.", examples=[{"Low": "Low", "Medium": "Medium", "High": "High"}]
    )
    first_steps: PlainText = _label("First steps", "Heading of an outcome's first steps.")
    measure: PlainText = _label("What to measure", "Heading of what to measure after choosing an outcome.")
    revisit_when: PlainText = _label("Revisit the decision when", "Heading of the events that should trigger a new decision.")
    # The live result.
    progress: Template("answered", "total") = _label(
        "{answered} of {total} answered", "How many statements are answered; {answered} and {total} are filled in."
    )
    examples: PlainText = _label("Try an example", "Label of the worked examples the reader can load.")
    examples_hint: PlainText = _label("Loading an example replaces your answers.", "Warning next to the worked examples.")
    example_loaded: Template("name") = _label("Loaded the example “{name}”.", "Announced when an example is loaded; {name} is filled in.")
    clear: PlainText = _label("Clear my answers", "Button that clears every answer.")
    cleared: PlainText = _label("Your answers were cleared.", "Announced when the answers are cleared.")
    copy_markdown: PlainText = _label("Copy as Markdown", "Button that copies the decision record.")
    copied: PlainText = _label("Decision record copied. Paste it into your ticket or document.", "Announced when the decision record is copied.")
    copy_failed: PlainText = _label("Copying is blocked here. Select the text below and copy it.", "Shown when the browser blocks copying.")
    print: PlainText = _label("Print", "Button that prints the decision record.")
    storage_note: PlainText = _label("Your answers are kept in this page's address and in this browser only.", "Where the answers are kept, under the form.")
    guide_changed: PlainText = _label(
        "The checklist has changed since this link was made. The answers that still apply were restored; check the statements left unanswered.",
        "Shown when a saved link's answers no longer all fit the checklist.",
    )
    empty: PlainText = _label("Nothing points to an approach yet: each “yes” adds points to the approaches it favours.", "The result before any 'yes' counts.")
    all_ruled_out: PlainText = _label(
        "Your answers rule out every approach in this guide. Look at the reasons below with your team.", "The result when every option is ruled out."
    )
    announce: Template("strength", "outcome", "progress") = _label(
        "{strength}: {outcome}. {progress}.", "Read out by screen readers when the result changes; {strength}, {outcome} and {progress} are filled in."
    )
    strength: StrengthLabels = Field(
        default_factory=lambda: StrengthLabels(),
        description="How the strength of a recommendation is written.",
        examples=[{"clear": "Clear", "leaning": "Leaning", "close": "Close call"}],
    )
    why_clear: Template("top", "second", "lead") = _label(
        "{top} scores {lead} more than {second}.", "Why a clear result; {top}, {second} and {lead} are filled in."
    )
    why_leaning: Template("top", "second", "lead") = _label(
        "{top} scores {lead} more than {second}: a leaning, worth testing before you commit.", "Why a leaning; {top}, {second} and {lead} are filled in."
    )
    why_close: Template("top", "second", "lead") = _label(
        "{top} and {second} are only {lead} apart: a close call, so test both.", "Why a close call; {top}, {second} and {lead} are filled in."
    )
    why_close_hybrid: Template("top", "second", "lead") = _label(
        "{top} and {second} are only {lead} apart, so the checklist recommends combining them.",
        "Why a close call recommends a combination; {top}, {second} and {lead} are filled in.",
    )
    why_need: Template("options", "case") = _label(
        "{options} each have a case of their own ({case} points or more), so the checklist recommends combining them.",
        "Why a combination is recommended because each of its parts is needed; {options} and {case} are filled in.",
    )
    parts: PlainText = _label("What each part answers", "Heading of the needs each part of a recommended combination answers.")
    part: Template("option", "statements") = _label(
        "{option}: {statements}", "One part of a combination and the answers it answers; {option} and {statements} are filled in."
    )
    not_yet: Template("options") = _label(
        "Not yet: {options}. Do this first:", "Heading of the prerequisites that hold an approach back; {options} is filled in."
    )
    announce_not_yet: Template("options") = _label(
        "Not yet: {options}.", "Read out after the result when a prerequisite holds an approach back; {options} is filled in."
    )
    not_yet_now: PlainText = _label("Until then, the recommendation above is the best approach available now.", "Below the prerequisites still to meet.")
    unanswered_prerequisite: PlainText = _label("not answered yet", "Marks a prerequisite whose statement is unanswered.")
    held_back: Template("option", "score") = _label(
        "{option}: {score}, not yet", "The score of an approach held back by a prerequisite; {option} and {score} are filled in."
    )
    why_only: Template("top") = _label("{top} is the only approach your answers leave open.", "Why, when only one option is left open; {top} is filled in.")
    scores: PlainText = _label("Scores", "Heading of the scores.")
    score: Template("option", "score") = _label("{option}: {score}", "One option's score; {option} and {score} are filled in.")
    ruled_out: Template("option") = _label("{option}: ruled out", "An option that is ruled out; {option} is filled in.")
    see_result: PlainText = _label("See why", "Link from the form to the result.")
    because: PlainText = _label("Because you said", "Heading of the answers behind the result.")
    reason: Template("answer", "statement", "effect") = _label(
        "{answer}: {statement} ({effect})", "One answer behind the result; {answer}, {statement} and {effect} are filled in."
    )
    adds: Template("points", "option") = _label("{points} for {option}", "What a 'yes' adds; {points} and {option} are filled in.")
    rules_out_because: Template("option", "reason") = _label("rules out {option}: {reason}", "What a constraint does; {option} and {reason} are filled in.")
    what_changes: PlainText = _label("What would change the answer", "Heading of the single answers that would change the result.")
    change: Template("answer", "statement", "outcome") = _label(
        "Answering “{answer}” to “{statement}” would make it {outcome}.",
        "One answer that would change the result; {answer}, {statement} and {outcome} are filled in.",
    )
    no_change: PlainText = _label("No single answer would change this recommendation.", "Shown when no single answer would change the result.")
    todos: PlainText = _label("To find out (you said “not sure”)", "Heading of the to-dos for 'not sure' answers.")
    todo_matters: PlainText = _label("could change the recommendation", "Marks a to-do whose answer could change the result.")
    playbook: Template("outcome") = _label("Read the playbook for {outcome}", "Link to the recommended playbook; {outcome} is filled in.")
    recommended: PlainText = _label("Recommended for you", "Marks the recommended playbook in the list of outcomes.")
    # The decision record (copied as Markdown and printed).
    record_title: Template("guide") = _label("Decision record: {guide}", "Title of the decision record; {guide} is filled in.")
    record_date: PlainText = _label("Date", "Decision record: label of the date.")
    record_version: PlainText = _label("Guide version", "Decision record: label of the guide's version.")
    record_link: PlainText = _label("Link to these answers", "Decision record: label of the link back to these answers.")
    record_answers: PlainText = _label("Answers", "Decision record: heading of the answers.")
    unanswered: PlainText = _label("Unanswered", "Decision record: a statement left unanswered.")
    # The "how this guide decides" page.
    decides_intro: PlainText = _label(
        "The decision checklist follows the rules on this page. Both are generated from the same data, so they always agree.",
        "Introduction of the 'how this guide decides' page.",
    )
    statement: PlainText = _label("Statement", "'How this guide decides': header of the statements column.")
    points_if_yes: Template("answer") = _label(
        "Points for each approach when you answer “{answer}”", "'How this guide decides': header of the points columns; {answer} is filled in."
    )
    constraints: PlainText = _label("Hard constraints", "Heading of the hard constraints.")
    rules_out: PlainText = _label("Rules out", "Words before the options a constraint rules out.")
    constraint_rule: Template("options", "answer", "statement") = _label(
        "Answering “{answer}” to “{statement}” rules out {options}.", "One hard constraint in words; {options}, {answer} and {statement} are filled in."
    )
    prerequisites: PlainText = _label("Prerequisites", "Heading of the prerequisites.")
    prerequisite_rule: Template("options", "answer", "statement") = _label(
        "{options} cannot lead until you answer “{answer}” to “{statement}” Until then the result says “not yet” and lists this as the first thing to do.",
        "One prerequisite in words; {options}, {answer} and {statement} are filled in.",
    )
    holds_back: PlainText = _label("Prerequisite for", "'How this guide decides': words before the options a prerequisite holds back.")
    preference: PlainText = _label("On equal points", "Heading of the tie-break order.")
    preference_rule: Template("options") = _label(
        "When approaches score the same, the checklist prefers them in this order: {options}.", "The tie-break order in words; {options} is filled in."
    )
    scoring_rule: PlainText = _label("The scoring rule", "Heading of the scoring rule.")
    rule_steps: list[Template("clear", "leaning", "case", "yes", "no", "unsure")] = Field(
        default_factory=lambda: [
            "Each statement you answer “{yes}” adds its points to the approaches it favours. “{no}”, “{unsure}” and unanswered statements add nothing.",
            "A hard constraint rules an approach out for good, whatever its score.",
            "A prerequisite holds an approach back until you answer its statement “{yes}”: it cannot lead, and the result names what to do first.",
            "Of the approaches left, the one with the most points leads. On equal points, the order below decides.",
            "A lead of {clear} points or more over the runner-up is a clear recommendation, a lead of {leaning} or more is a leaning, and anything less is a close call.",
            "An approach with {case} points or more has a case of its own. When every approach in a combination has one, the checklist recommends the combination and says which of your answers each part serves.",
            "On a close call, when the guide describes a combination of the two leading approaches, the checklist recommends the combination.",
            "Until a “{yes}” adds points to an approach that is still open, or when every approach is ruled out, there is no recommendation.",
        ],
        min_length=1,
        description="The scoring rule in words, one step per line, on the 'how this guide decides' page; "
        "{clear}, {leaning}, {case}, {yes}, {no} and {unsure} are filled in.",
        examples=[["Each statement you answer “{yes}” adds its points to the approaches it favours."]],
    )
    hybrid_rule: Template("options", "hybrid", "case") = _label(
        "{hybrid}: when {options} each have {case} points or more, or on a close call between them.",
        "When a combination is recommended; {options}, {hybrid} and {case} are filled in.",
    )
    why_example: PlainText = _label("Why", "'How this guide decides': header of the column explaining each worked example.")
    worked_examples: PlainText = _label("Worked examples", "Heading of the worked examples on the 'how this guide decides' page.")
    example: PlainText = _label("Example", "Label of one worked example.")
    list_and: PlainText = Field(default="and", description="Joins the last two names in a list: “Prompting and RAG”.", examples=["and"])
