"""Explanations of PyYAML's syntax errors, in words an editor can act on.

PyYAML describes a syntax error for programmers ("while scanning a simple key ... could not find
expected ':'"). `syntax_problem` turns it into one located `Problem` by going down `RULES`, an
ordered table: the first rule whose test matches the error gives the message, the hint and where
to point (the error's own mark, the mark of what it was reading, or a position it works out).
More specific rules come first; the last one matches every error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from yaml.error import Mark, MarkedYAMLError

from guidekit.model.document import line_col
from guidekit.model.problems import Problem

QUOTE_HINT = "put the whole value in quotes"
_INDENT_HINT = "fields of one group, and the items of one list, must start in the same column (use spaces, not tabs)"
_FOUND = re.compile(r"(?:found|got) '(.*)'$")

Where = Mark | tuple[int, int] | None  # a mark, a (line, col), or nowhere in particular


def mark_position(mark: Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


@dataclass(frozen=True)
class SyntaxErrorSeen:
    """What PyYAML reported, with the text it was reading."""

    problem: str  # e.g. "could not find expected ':'"
    context: str  # e.g. "while scanning a simple key"
    mark: Mark | None  # where the problem is
    context_mark: Mark | None  # where the construct being read started
    text: str

    @property
    def token(self) -> str:
        """The token PyYAML found instead of what it expected ("<scalar>", "-", ...), or ""."""
        found = _FOUND.search(self.problem)
        return found.group(1) if found else ""

    @property
    def char(self) -> str:
        return _char_at(self.text, self.mark)

    @property
    def context_char(self) -> str:
        return _char_at(self.text, self.context_mark)

    @property
    def closer(self) -> str:
        """The last character before the mark, spaces aside: a closing quote or bracket, for instance."""
        return _closer_before(self.text, self.mark)


@dataclass(frozen=True)
class Rule:
    """When `applies` to an error, `explain` gives (message, hint, where)."""

    applies: Callable[[SyntaxErrorSeen], bool]
    explain: Callable[[SyntaxErrorSeen], tuple[str, str, Where]]


def syntax_problem(error: MarkedYAMLError, text: str, display_path: str) -> Problem:
    """One Problem for a scanner or parser error, without PyYAML's developer wording."""
    mark = error.problem_mark or error.context_mark
    seen = SyntaxErrorSeen(error.problem or "", error.context or "", mark, error.context_mark or mark, text)
    message, hint, where = next(rule.explain(seen) for rule in RULES if rule.applies(seen))
    if where is None:
        return Problem(display_path, 0, 0, (), message, hint)
    line, col = where if isinstance(where, tuple) else mark_position(where)
    return Problem(display_path, line, col, (), message, hint)


def _at_mark(message: str, hint: str) -> Callable[[SyntaxErrorSeen], tuple[str, str, Where]]:
    return lambda seen: (message, hint, seen.mark)


def _at_context(message: str, hint: str) -> Callable[[SyntaxErrorSeen], tuple[str, str, Where]]:
    return lambda seen: (message, hint, seen.context_mark)


# ---- Explanations that need more than a fixed message -------------------------------------


def _unexpected_character(seen: SyntaxErrorSeen) -> tuple[str, str, Where]:
    if seen.char == "\t":
        if _line_before(seen.text, seen.mark).strip(" \t") == "":
            return "a tab character is used for indentation; YAML needs spaces", "replace the tab with spaces", seen.mark
        return "a tab character is not allowed here", "replace the tab with a space", seen.mark
    return f"a value cannot start with '{seen.char or seen.token}'", QUOTE_HINT, seen.mark


def _unclosed_quote(seen: SyntaxErrorSeen) -> tuple[str, str, Where]:
    quote = seen.context_char or '"'
    return (
        f"the quoted text that starts here is never closed (the closing {quote} is missing)",
        f"add the closing {quote} at the end of the text",
        seen.context_mark,
    )


def _bad_escape(seen: SyntaxErrorSeen) -> tuple[str, str, Where]:
    text, mark = seen.text, seen.mark
    backslash = text.rfind("\\", 0, mark.index) if mark else -1
    where = (mark.line + 1, mark.column + 1 - (mark.index - backslash)) if backslash >= 0 and "\n" not in text[backslash : mark.index] else mark
    code = text[backslash : backslash + 2] if backslash >= 0 else "\\"
    return (
        f"'{code}' is not a valid code: inside double quotes a backslash (\\) starts a special code such as \\n",
        "use single quotes around the text instead, or write the backslash twice (\\\\)",
        where,
    )


def _colon_in_value(seen: SyntaxErrorSeen) -> tuple[str, str, Where]:
    before = _line_before(seen.text, seen.mark)
    if ": " in before:
        return "the value contains ': ' (a colon followed by a space), which is not allowed in text without quotes", QUOTE_HINT, seen.mark
    if _indent(before) > _previous_indent(seen.text, seen.mark):
        return "this line is indented more than the line above, so it is read as part of the value above", "line it up with the field above it", seen.mark
    return "a ':' followed by a space is not allowed here", QUOTE_HINT, seen.mark


def _anchor_or_alias(seen: SyntaxErrorSeen) -> tuple[str, str, Where]:
    return f"'{seen.context_char or '&'}' at the start of a value has a special meaning in YAML", QUOTE_HINT, seen.context_mark


def _unclosed_flow(seen: SyntaxErrorSeen) -> tuple[str, str, Where]:
    opener, closer, what = ("[", "]", "list") if "sequence" in seen.context else ("{", "}", "group")
    line = seen.context_mark.line + 1 if seen.context_mark else 0
    return (
        f"the {what} opened with '{opener}' on line {line} is not closed correctly",
        f"separate its entries with commas, end it with '{closer}', and put entries that contain ':' or ',' in quotes",
        seen.mark,
    )


def _quote_opened_earlier(seen: SyntaxErrorSeen, at: Mark | None = None) -> tuple[int, int] | None:
    """Where the quoted text that ends just before `at` (default: the mark) was opened, if that is
    on an earlier line."""
    at = at or seen.mark
    closer = _closer_before(seen.text, at)
    if closer not in ("'", '"'):
        return None
    opened = _opening_quote(seen.text, at, closer)
    return opened if opened is not None and opened[0] < at.line + 1 else None


def _quote_runs_on(seen: SyntaxErrorSeen, at: Mark | None = None) -> tuple[str, str, Where]:
    """A quote left open pairs with the next line's opening quote, so the error shows up at `at`
    (default: the mark), in the text after that quote: it is explained at the quote left open."""
    at = at or seen.mark
    closer = _closer_before(seen.text, at)
    return (
        f"the quoted text that starts here runs on to line {at.line + 1}: its closing {closer} is probably missing",
        f"add the closing {closer} at the end of the text on this line",
        _quote_opened_earlier(seen, at),
    )


def _starts_with_anchor_or_alias(seen: SyntaxErrorSeen) -> bool:
    return seen.context.startswith(("while scanning an anchor", "while scanning an alias"))


def _text_after_quote(seen: SyntaxErrorSeen) -> tuple[str, str, Where]:
    if seen.closer == "'":
        hint = "to use an apostrophe inside single quotes write it twice ('It''s'), or use double quotes around the text"
    else:
        hint = 'use single quotes around text that contains ", or check that every quote above is closed'
    return "there is text after the closing quote", hint, seen.mark


def _text_after_bracket(seen: SyntaxErrorSeen) -> tuple[str, str, Where]:
    return f"there is text after the closing '{seen.closer}'", QUOTE_HINT, seen.mark


def _unexpected_token(seen: SyntaxErrorSeen) -> tuple[str, str, Where]:
    return f"unexpected '{seen.token}' here", QUOTE_HINT, seen.mark


def _anything_else(seen: SyntaxErrorSeen) -> tuple[str, str, Where]:
    return (
        f"the YAML syntax is not valid here ({seen.problem or seen.context})",
        "check the quotes, colons and indentation on this line and the line above",
        seen.mark,
    )


# ---- When each applies ----------------------------------------------------------------------


def _structure_ended(seen: SyntaxErrorSeen) -> bool:
    """The parser expected a block or the document to end, and found more."""
    return seen.problem.startswith(("expected <block end>", "expected '<document start>'"))


def _scalar_after(closers: tuple[str, ...]) -> Callable[[SyntaxErrorSeen], bool]:
    return lambda seen: _structure_ended(seen) and seen.token == "<scalar>" and seen.closer in closers


RULES: tuple[Rule, ...] = (
    Rule(lambda seen: "cannot start any token" in seen.problem, _unexpected_character),
    Rule(lambda seen: "quoted scalar" in seen.context and ("end of stream" in seen.problem or "document separator" in seen.problem), _unclosed_quote),
    Rule(lambda seen: "double-quoted scalar" in seen.context, _bad_escape),  # a bad backslash escape
    Rule(
        lambda seen: "simple key" in seen.context,  # "could not find expected ':'"
        _at_context(
            "this line has no ':' after a name, but the lines around it are 'name: value' lines",
            "add the ':' after the name; if the line continues the text above, indent it or put the whole text in quotes",
        ),
    ),
    Rule(lambda seen: seen.problem == "mapping values are not allowed here", _colon_in_value),
    Rule(
        lambda seen: seen.problem == "sequence entries are not allowed here",
        _at_mark("a list item ('- ') cannot start on the same line as its key", "move the item to the next line and indent it, or put the value in quotes"),
    ),
    Rule(lambda seen: seen.problem == "mapping keys are not allowed here", _at_mark("'?' followed by a space has a special meaning in YAML", QUOTE_HINT)),
    # '*' or '&' right after a quote that pairs with one left open above (e.g. "**Bold** text" on the next line)
    Rule(
        lambda seen: _starts_with_anchor_or_alias(seen) and _quote_opened_earlier(seen, seen.context_mark) is not None,
        lambda seen: _quote_runs_on(seen, seen.context_mark),
    ),
    Rule(_starts_with_anchor_or_alias, _anchor_or_alias),
    Rule(
        lambda seen: "tag" in seen.context or "undefined tag handle" in seen.problem,
        _at_context("'!' at the start of a value marks a YAML tag, and tags are not allowed", QUOTE_HINT),
    ),
    Rule(
        lambda seen: "block scalar" in seen.context,
        _at_context(
            "'|' or '>' must be the last thing on its line; the text goes on the indented lines below",
            "move the text to the next line and indent it, or put the value in quotes",
        ),
    ),
    Rule(
        lambda seen: "directive" in seen.context or "directive" in seen.problem or "YAML document" in seen.problem or "tag handle" in seen.problem,
        _at_mark("lines starting with '%' (YAML directives) are not supported", "remove the line, or put the value in quotes"),
    ),
    Rule(lambda seen: seen.context in ("while parsing a flow sequence", "while parsing a flow mapping"), _unclosed_flow),
    Rule(lambda seen: _scalar_after(("'", '"'))(seen) and _quote_opened_earlier(seen) is not None, _quote_runs_on),
    Rule(_scalar_after(("'", '"')), _text_after_quote),
    Rule(_scalar_after(("]", "}")), _text_after_bracket),
    Rule(
        lambda seen: seen.problem.startswith("expected '<document start>'"),
        _at_mark("unexpected text after the end of the content", "check the indentation of this line, and remove any '...' line above it"),
    ),
    Rule(
        lambda seen: _structure_ended(seen) and seen.token == "-" and "mapping" in seen.context,
        _at_mark("a list item ('- ') appears among 'key: value' lines", "put the list under its own key: 'key:' on one line, the '- ' items indented below it"),
    ),
    Rule(
        lambda seen: _structure_ended(seen) and seen.token == "?",
        _at_mark(
            "a 'key: value' line appears among list items ('- ')", "start it with '- ' if it is a new item, or indent it to line up with the fields of its item"
        ),
    ),
    Rule(lambda seen: _structure_ended(seen) and seen.token == ":", _at_mark("a key is missing before the ':'", "write a name before the ':'")),
    Rule(_structure_ended, _at_mark("this line is not indented correctly", _INDENT_HINT)),
    Rule(
        lambda seen: seen.problem.startswith("expected the node content") and seen.token.startswith("<"),
        _at_mark("a value is missing here", "write the value, or remove the line"),
    ),
    Rule(lambda seen: seen.problem.startswith("expected the node content"), _unexpected_token),
    Rule(lambda seen: True, _anything_else),
)


# ---- Reading around the mark -----------------------------------------------------------------


def _closer_before(text: str, mark: Mark) -> str:
    """The last character before the mark, spaces aside."""
    return text[: mark.index].rstrip(" \t")[-1:]


def _char_at(text: str, mark: Mark | None) -> str:
    if mark is None or not 0 <= mark.index < len(text):
        return ""
    return text[mark.index]


def _line_before(text: str, mark: Mark) -> str:
    """The text of the mark's line up to the mark."""
    return text[text.rfind("\n", 0, mark.index) + 1 : mark.index]


def _opening_quote(text: str, mark: Mark, quote: str) -> tuple[int, int] | None:
    """(line, col) of the quote that opened the quoted text ending just before `mark`."""
    end = text[: mark.index].rstrip(" \t")
    index = len(end) - 1  # the closing quote
    while index > 0:
        index = end.rfind(quote, 0, index)
        if index < 0:
            return None
        if quote == '"' and _escaped(end, index):
            continue
        if quote == "'" and index > 0 and end[index - 1] == "'":
            index -= 1  # a doubled '' is an apostrophe inside the text
            continue
        return line_col(text, index)
    return None


def _escaped(text: str, index: int) -> bool:
    backslashes = len(text[:index]) - len(text[:index].rstrip("\\"))
    return backslashes % 2 == 1


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous_indent(text: str, mark: Mark) -> int:
    """Indentation of the nearest non-blank line above the mark's line."""
    end = text.rfind("\n", 0, mark.index)
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line.strip() and not line.lstrip().startswith("#"):
            return _indent(line)
        end = start - 1
    return 0
