"""A strict, safe YAML loader for content written by editors, not programmers.

Bad content never produces a Python traceback: every mistake becomes a `Problem` located at
`file:line:col`, and all problems found in one file are raised together in one `ContentError`.

How it works: a YAML parser turns the text into events, and this module builds plain Python
data from those events itself (it does not use PyYAML's Composer, Constructor or Resolver; the
libyaml C extension's composer crashes the interpreter on deeply nested input, its event parser
does not). libyaml's parser reads a file first, about twenty times faster, and `_CleanComposer`
builds its data with as little Python as it can; a file it cannot read cleanly (a syntax error,
an anchor or tag, any problem) is read again by PyYAML's pure-Python Reader, Scanner and Parser
into `_Builder`, which gives every message its exact wording and position. While building it:

- rejects anchors, aliases, explicit tags and merge keys (`<<`) where they are written, so an
  alias bomb is stopped before anything is expanded;
- stops at MAX_DEPTH levels of nesting and MAX_NODES values;
- rejects duplicate keys and keys that are not text;
- resolves unquoted values the YAML 1.2 way (`yes`, `no`, `NO`, `on` stay text; `01234` and
  `12:30` stay text; dates stay text), keeping the original text of every unquoted value
  that became a number, true/false or null in `LoadedYaml.scalars`;
- records the line and column of every key and list item in `LoadedYaml.marks` (for a file
  `_CleanComposer` read, on first use: the file is read again then, noting them).
"""

from __future__ import annotations

import math
import os
import pathlib
import re
from collections import deque
from typing import Any

from yaml.error import Mark, MarkedYAMLError, YAMLError
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.parser import Parser
from yaml.reader import Reader, ReaderError
from yaml.scanner import Scanner
from yaml.tokens import AnchorToken, TagToken

try:
    from yaml._yaml import CParser as _FastParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml: every file takes the pure-Python path
    _FastParser = None

from guidekit.load.yaml_explain import QUOTE_HINT, mark_position, syntax_problem
from guidekit.model.document import LoadedYaml, Positions, line_col
from guidekit.model.problems import ContentError, FieldPath, Problem

MAX_BYTES = 512 * 1024
MAX_DEPTH = 32
MAX_NODES = 50_000

# After this many problems in one file, stop reading it (an alias bomb would otherwise list
# every one of its aliases).
_MAX_PROBLEMS = 30


def load_yaml_file(path: pathlib.Path, display_path: str) -> LoadedYaml:
    """Read and load one content file; raise ContentError for anything wrong with it."""
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
            # Only a file over the limit is asked its size (the message gives it); a few system calls less for every other.
            size = len(raw) if len(raw) <= MAX_BYTES else os.fstat(stream.fileno()).st_size
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ContentError(
            [Problem(display_path, 0, 0, (), f"the file cannot be read ({reason.lower()})", "check that the file exists and that it can be opened")]
        ) from None
    if size > MAX_BYTES:
        raise ContentError([_size_problem(display_path, size)])
    return load_yaml_text(raw, display_path)


def load_yaml_text(text: str | bytes, display_path: str) -> LoadedYaml:
    """Load one YAML document from text (or UTF-8 bytes); raise ContentError for bad content."""
    if isinstance(text, (bytes, bytearray)):
        if len(text) > MAX_BYTES:
            raise ContentError([_size_problem(display_path, len(text))])
        utf8 = bytes(text)
        text = _decode(utf8, display_path)
        utf8 = utf8.removeprefix(_UTF8_BOM)  # as _decode did
    else:
        utf8 = text.encode("utf-8", "surrogatepass")
        if len(utf8) > MAX_BYTES:
            raise ContentError([_size_problem(display_path, len(utf8))])
    if text.startswith("\ufeff"):
        text, utf8 = text[1:], utf8.removeprefix(_UTF8_BOM)
    return _load_clean_file_fast(text, display_path, utf8) or _Builder(text, display_path).load()


_UTF8_BOM = "\ufeff".encode()


def _load_clean_file_fast(text: str, display_path: str, utf8: bytes) -> LoadedYaml | None:
    """The file read by libyaml, or None if it is not clean (then the pure-Python stages say why).
    `utf8`: the same text in UTF-8, which libyaml reads (given text, it would encode it again).

    Tabs and characters PyYAML refuses go straight to the pure-Python stages: libyaml accepts
    some of them where PyYAML does not."""
    if _FastParser is None or b"\t" in utf8 or _holds_a_refused_character(utf8):
        return None
    try:
        data = _CleanComposer(utf8, record=False).document()
    except (YAMLError, _Unclean):
        return None
    return LoadedYaml(data, display_path, text, _positions_in_clean_file)


def _positions_in_clean_file(text: str) -> Positions:
    """Where the values of a file `_load_clean_file_fast` read were written: it is read again,
    noting them this time (only for a file with a problem to locate)."""
    composer = _CleanComposer(text, record=True)
    composer.document()
    return Positions(composer.marks, composer.scalars, composer.value_starts)


# Tab, line feed, carriage return and the printable ASCII characters: all that PyYAML accepts below 0x80.
_ACCEPTED_ASCII = b"\t\n\r" + bytes(range(0x20, 0x7F))


def _holds_a_refused_character(utf8: bytes) -> bool:
    """Whether a text, given in UTF-8, holds a character PyYAML refuses (its Reader.NON_PRINTABLE),
    told many times faster than that pattern tells it on the whole text: the pattern looks only at what
    is left once the accepted ASCII characters are taken out, in bytes (no UTF-8 sequence holds an ASCII byte)."""
    others = utf8.translate(None, _ACCEPTED_ASCII)
    return bool(others) and Reader.NON_PRINTABLE.search(others.decode("utf-8", "surrogatepass")) is not None


# ---- Bytes and text ----------------------------------------------------------------------


def _size_problem(display_path: str, size: int) -> Problem:
    return Problem(
        display_path,
        1,
        1,
        (),
        f"the file is too large ({math.ceil(size / 1024)} KB; the limit is {MAX_BYTES // 1024} KB)",
        "make it shorter; a content file should be far below this size",
    )


def _decode(raw: bytes, display_path: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = error.start
        line_start = raw.rfind(b"\n", 0, bad) + 1
        line = raw.count(b"\n", 0, bad) + 1
        col = len(raw[line_start:bad].decode("utf-8")) + 1
        raise ContentError(
            [
                Problem(
                    display_path,
                    line,
                    col,
                    (),
                    f"this character is not valid UTF-8 text (byte 0x{raw[bad]:02X}); the file was saved in another encoding",
                    "save the file with the encoding 'UTF-8' in your editor, then check this character",
                )
            ]
        ) from None


# ---- Resolving unquoted values (YAML 1.2 core schema, minus what surprises editors) ------

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = {"", "~", "null", "Null", "NULL"}
_NUMBER_START = frozenset("-+.0123456789")
# How every null, true/false and number starts (the empty text is a null): any other unquoted value is text.
_NON_TEXT_STARTS = _NUMBER_START | {"", "~", "n", "N", "t", "T", "f", "F"}


def _scalar_value(composer, event: ScalarEvent, path: FieldPath, *, unquoted: bool) -> Any:
    """A scalar's value, recorded the same way by both composers (unless the composer notes no
    positions: its `value_starts` is None): where it starts, and the text an unquoted non-string
    was written as (validation messages show what the editor wrote)."""
    text = event.value
    recording = composer.value_starts is not None
    if recording:
        composer.value_starts[path] = event.start_mark.index
    if not unquoted or text[:1] not in _NON_TEXT_STARTS:
        return text
    value = _resolve_plain(text)
    if recording and value.__class__ is not str:
        composer.scalars[path] = text
    return value


def _resolve_plain(text: str) -> Any:
    """The value of an unquoted scalar: None, bool, int, float, or the text itself."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if text[0] in _NUMBER_START:
        if _INT.fullmatch(text):
            try:
                return int(text)
            except ValueError:  # more digits than Python converts; keep the text
                return text
        if _FLOAT.fullmatch(text):
            return float(text)
        if _INF.fullmatch(text):
            return -math.inf if text.startswith("-") else math.inf
        if _NAN.fullmatch(text):
            return math.nan
    return text


def _describe_plain(value: Any) -> str:
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "a true/false value"
    return "a number"


# ---- Events to data -----------------------------------------------------------------------


class _Source(Reader, Scanner, Parser):
    """PyYAML's pure-Python stages; remembers anchor and tag tokens to report their positions."""

    def __init__(self, text: str):
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        # Every event with an anchor (or tag) was made from exactly one AnchorToken (TagToken),
        # in the same order, so these queues give each event's anchor and tag positions.
        self.anchor_tokens: deque[AnchorToken] = deque()
        self.tag_tokens: deque[TagToken] = deque()

    def get_token(self):
        token = Scanner.get_token(self)
        if isinstance(token, AnchorToken):
            self.anchor_tokens.append(token)
        elif isinstance(token, TagToken):
            self.tag_tokens.append(token)
        return token


class _Stop(Exception):
    """Reading this file cannot usefully go on (too deep, too big, too many problems)."""


def _tag_text(token: TagToken) -> str:
    handle, suffix = token.value
    if handle:
        return handle + suffix
    return "!" if suffix == "!" else f"!<{suffix}>"


class _Builder:
    def __init__(self, text: str, display_path: str):
        self.text = text
        self.display_path = display_path
        self.problems: list[Problem] = []
        self.marks: dict[FieldPath, tuple[int, int]] = {}
        self.scalars: dict[FieldPath, str] = {}
        self.value_starts: dict[FieldPath, int] = {}
        self.node_count = 0
        self.aliases_seen: set[str] = set()
        self.src: _Source | None = None

    # -- problems --

    def add(self, where: Mark | tuple[int, int], path: FieldPath, message: str, hint: str = "") -> None:
        line, col = where if isinstance(where, tuple) else mark_position(where)
        self.problems.append(Problem(self.display_path, line, col, path, message, hint))
        if len(self.problems) >= _MAX_PROBLEMS:
            self.problems.append(
                Problem(
                    self.display_path,
                    line,
                    col,
                    (),
                    f"too many problems ({_MAX_PROBLEMS}); this file was not checked further",
                    "fix the problems listed, then build again",
                )
            )
            raise _Stop

    def fatal(self, mark: Mark, path: FieldPath, message: str, hint: str) -> None:
        self.problems.append(Problem(self.display_path, *mark_position(mark), path, message, hint))
        raise _Stop

    # -- reading --

    def load(self) -> LoadedYaml:
        data = None
        try:
            data = self.document()
        except _Stop:
            pass
        except ReaderError as error:
            line, col = line_col(self.text, error.position)
            code = f"U+{error.character:04X}" if isinstance(error.character, int) else "control character"
            self.problems.append(
                Problem(
                    self.display_path,
                    line,
                    col,
                    (),
                    f"the file contains an invisible control character ({code}) here",
                    "delete it; it was probably pasted in from another program",
                )
            )
        except MarkedYAMLError as error:
            self.problems.append(syntax_problem(error, self.text, self.display_path))
        except YAMLError as error:  # pragma: no cover - PyYAML raises only the two kinds above
            self.problems.append(Problem(self.display_path, 0, 0, (), f"the YAML is not valid ({error})", ""))
        except RecursionError:  # pragma: no cover - the depth limit comes first
            self.problems.append(Problem(self.display_path, 1, 1, (), f"the content is nested deeper than {MAX_DEPTH} levels", ""))
        if self.problems:
            raise ContentError(self.problems)
        return self.loaded(data)

    def loaded(self, data: Any) -> LoadedYaml:
        return LoadedYaml(data, self.display_path, self.text, Positions(self.marks, self.scalars, self.value_starts))

    def document(self) -> Any:
        src = self.src = _Source(self.text)
        src.get_event()  # stream start
        if src.check_event(StreamEndEvent):
            return None  # empty file, or only comments
        src.get_event()  # document start
        self.marks[()] = mark_position(src.peek_event().start_mark)
        data = self.node((), 0)
        src.get_event()  # document end
        if not src.check_event(StreamEndEvent):
            event = src.peek_event()
            if isinstance(event, DocumentStartEvent):
                self.add(
                    event.start_mark,
                    (),
                    "a second document starts here ('---'); a file may hold only one",
                    "remove the '---' line, or move what follows it into its own file",
                )
        return data

    def count(self, mark: Mark) -> None:
        self.node_count += 1
        if self.node_count > MAX_NODES:
            self.fatal(mark, (), f"the file holds too many values (more than {MAX_NODES})", "split the content up or shorten it")

    def node(self, path: FieldPath, depth: int) -> Any:
        """Build one value; `depth` is the number of lists and groups around it."""
        src = self.src
        event = src.peek_event()
        self.count(event.start_mark)
        if isinstance(event, AliasEvent):
            src.get_event()
            if event.anchor not in self.aliases_seen:  # once per name: an alias bomb repeats each many times
                self.aliases_seen.add(event.anchor)
                self.add(
                    event.start_mark,
                    path,
                    f"aliases ('*{event.anchor}') are not allowed",
                    f"replace '*{event.anchor}' (here and wherever else it is used) with the full value it stands for",
                )
            return None
        if event.anchor is not None:
            token = src.anchor_tokens.popleft()
            self.add(
                token.start_mark,
                path,
                f"anchors ('&{event.anchor}') are not allowed",
                f"remove '&{event.anchor}' and write the value out in full wherever it is needed",
            )
        tagged = event.tag is not None
        if tagged:
            token = src.tag_tokens.popleft()
            tag = _tag_text(token)
            self.add(token.start_mark, path, f"YAML tags ('{tag}') are not allowed", f"remove '{tag}'; if it is part of the text, {QUOTE_HINT}")
        if isinstance(event, ScalarEvent):
            src.get_event()
            return _scalar_value(self, event, path, unquoted=event.implicit[0] and not tagged)
        if depth >= MAX_DEPTH:
            self.fatal(
                event.start_mark,
                path,
                f"the content is nested deeper than {MAX_DEPTH} levels",
                "simplify the structure; content files never need this many levels",
            )
        if isinstance(event, SequenceStartEvent):
            return self.sequence(path, depth)
        return self.mapping(path, depth)

    def sequence(self, path: FieldPath, depth: int) -> list:
        src = self.src
        src.get_event()
        items: list = []
        while not src.check_event(SequenceEndEvent):
            item_path = (*path, len(items))
            self.marks[item_path] = mark_position(src.peek_event().start_mark)
            items.append(self.node(item_path, depth + 1))
        src.get_event()
        return items

    def mapping(self, path: FieldPath, depth: int) -> dict:
        src = self.src
        src.get_event()
        result: dict[str, Any] = {}
        first_lines: dict[str, int] = {}
        while not src.check_event(MappingEndEvent):
            key_mark = src.peek_event().start_mark
            key, label = self.key(path, depth + 1)
            if key is None:
                self.node((*path, label), depth + 1)
                continue
            key_path = (*path, key)
            if key in first_lines:
                self.add(
                    key_mark,
                    key_path,
                    f"duplicate key '{key}' (first defined on line {first_lines[key]})",
                    f"keep only one '{key}:' in this group; remove or rename the other",
                )
                self.node(key_path, depth + 1)
                continue
            first_lines[key] = key_mark.line + 1
            self.marks[key_path] = mark_position(key_mark)
            result[key] = self.node(key_path, depth + 1)
        src.get_event()
        return result

    def key(self, path: FieldPath, depth: int) -> tuple[str | None, str]:
        """(key, label): key is None when it is not acceptable (already reported)."""
        src = self.src
        event = src.peek_event()
        before = len(self.problems)
        plain = isinstance(event, ScalarEvent) and event.implicit[0] and event.tag is None
        if isinstance(event, ScalarEvent) and event.anchor is None and event.tag is None:
            src.get_event()
            self.count(event.start_mark)
            value = _resolve_plain(event.value) if plain else event.value
        else:
            value = self.node(path, depth)
        label = event.value if isinstance(event, ScalarEvent) else "?"
        if len(self.problems) > before:
            return None, label
        if plain and value == "<<":
            self.add(event.start_mark, path, "merge keys ('<<') are not allowed", "write out the fields in full instead of merging them in")
            return None, label
        if isinstance(value, str):
            return value, label
        if isinstance(event, SequenceStartEvent):
            self.add(event.start_mark, path, "a key must be a name, not a list", "write a single name before the ':'")
        elif isinstance(event, MappingStartEvent):
            self.add(event.start_mark, path, "a key must be a name, not a group of fields", "write a single name before the ':'")
        elif event.value == "":
            self.add(event.start_mark, path, "a key is missing before the ':'", "write a name before the ':'")
        else:
            self.add(
                event.start_mark,
                path,
                f"the key {event.value} is read as {_describe_plain(value)}, not as a name",
                f"use a word as the key, or put it in quotes: '{event.value}'",
            )
        return None, label


class _Unclean(Exception):
    """The file holds something `_Builder` would report: it reads the file again and says what."""


class _CleanComposer:
    """A clean file's data from libyaml's events, exactly as `_Builder` makes it, for most files,
    which have nothing to report; with `record`, also its marks, scalars and value starts, as
    `_Builder` notes them. It reports nothing: at the first thing `_Builder` would report, it
    gives up (`_Unclean`). A call per list and group, where `_Builder` makes several for every
    value: each value that is text, a number, true/false or empty is handled in the loop of the
    list or group holding it. Values are counted per list and group, and the limit checked once
    at the end (a file over it is read again by `_Builder` all the same; MAX_BYTES bounds the
    work before that)."""

    def __init__(self, text: str | bytes, *, record: bool):
        self.events = _FastParser(text)
        self.marks: dict[FieldPath, tuple[int, int]] | None = {} if record else None
        self.scalars: dict[FieldPath, str] | None = {} if record else None
        self.value_starts: dict[FieldPath, int] | None = {} if record else None
        self.node_count = 1  # the document's own value

    def document(self) -> Any:
        events = self.events
        events.get_event()  # stream start
        if events.check_event(StreamEndEvent):
            return None  # empty file, or only comments
        events.get_event()  # document start
        first = events.get_event()
        if self.marks is not None:
            self.marks[()] = mark_position(first.start_mark)
        data = self.value(first, (), 0)
        events.get_event()  # document end
        if not events.check_event(StreamEndEvent) or self.node_count > MAX_NODES:
            raise _Unclean  # a second document, or too many values
        return data

    def value(self, event: Any, path: FieldPath | None, depth: int) -> Any:
        """The value that starts with `event` (already taken from the parser); `path` is None when not recording."""
        if event.anchor is not None or event.tag is not None:  # an alias too: its anchor is the name it refers to
            raise _Unclean
        if event.__class__ is ScalarEvent:
            return _scalar_value(self, event, path, unquoted=event.implicit[0])
        if depth >= MAX_DEPTH:
            raise _Unclean
        if event.__class__ is SequenceStartEvent:
            return self.sequence(path, depth + 1)
        return self.mapping(path, depth + 1)

    def sequence(self, path: FieldPath | None, depth: int) -> list:
        """The items of a list whose start was taken; `depth` is the number of lists and groups around them."""
        next_event, marks = self.events.get_event, self.marks
        items: list = []
        item_path = None
        while (event := next_event()).__class__ is not SequenceEndEvent:
            if marks is not None:
                item_path = (*path, len(items))
                mark = event.start_mark
                marks[item_path] = (mark.line + 1, mark.column + 1)
            if event.__class__ is ScalarEvent and event.anchor is None and event.tag is None:
                items.append(_scalar_value(self, event, item_path, unquoted=event.implicit[0]))
            else:
                items.append(self.value(event, item_path, depth))
        self.node_count += len(items)
        return items

    def mapping(self, path: FieldPath | None, depth: int) -> dict:
        """The fields of a group whose start was taken; `depth` is the number of lists and groups around them."""
        next_event, marks = self.events.get_event, self.marks
        result: dict[str, Any] = {}
        key_path = None
        while (event := next_event()).__class__ is not MappingEndEvent:
            key = _clean_key(event)
            if key in result:
                raise _Unclean  # a duplicate key
            if marks is not None:
                key_path = (*path, key)
                mark = event.start_mark
                marks[key_path] = (mark.line + 1, mark.column + 1)
            event = next_event()
            if event.__class__ is ScalarEvent and event.anchor is None and event.tag is None:
                result[key] = _scalar_value(self, event, key_path, unquoted=event.implicit[0])
            else:
                result[key] = self.value(event, key_path, depth)
        self.node_count += 2 * len(result)  # keys count as values, as `_Builder` counts them
        return result


def _clean_key(event: Any) -> str:
    """A key `_Builder` accepts: text, neither a list nor a group, no anchor, tag or merge ('<<')."""
    if event.__class__ is not ScalarEvent or event.anchor is not None or event.tag is not None:
        raise _Unclean
    if not event.implicit[0]:  # quoted: text, whatever it says
        return event.value
    key = _resolve_plain(event.value)
    if key.__class__ is not str or key == "<<":
        raise _Unclean
    return key
