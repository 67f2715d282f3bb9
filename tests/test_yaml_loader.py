"""The strict YAML loader: every pitfall an editor can hit becomes one exact, located message."""

from __future__ import annotations

import math
import os
import pathlib
import pickle
import subprocess
import sys
import time

import pytest
from yaml.reader import Reader

from guidekit.load import yaml_compose as yaml_loader
from guidekit.model.document import Positions
from guidekit.model.problems import ContentError
from guidekit.load.yaml_compose import MAX_BYTES, MAX_DEPTH, MAX_NODES, load_yaml_file, load_yaml_text

# Rejections must be quick, never a hang; their speed is measured by the benchmark, not asserted here.
NO_HANG_SECONDS = 10  # of this process's CPU time, not the wall clock: a busy machine must not fail the test

PROJECT = pathlib.Path(__file__).resolve().parents[1]


def problems(text: str | bytes) -> list:
    with pytest.raises(ContentError) as info:
        load_yaml_text(text, "x.yml")
    return info.value.problems


def messages(text: str | bytes) -> list[str]:
    return [str(problem) for problem in problems(text)]


def load(text: str | bytes):
    return load_yaml_text(text, "x.yml").data


# ---- Rejected constructs --------------------------------------------------------------------


def test_duplicate_key_names_the_key_and_the_first_line():
    assert messages("title: a\nbody: b\ntitle: c\n") == [
        "x.yml:3:1: title: duplicate key 'title' (first defined on line 1)",
    ]


def test_duplicate_key_in_a_nested_group():
    assert messages("card:\n  answer: yes\n  answer: no\n") == [
        "x.yml:3:3: card.answer: duplicate key 'answer' (first defined on line 2)",
    ]


def test_tab_indentation():
    assert messages("title: a\n\tbody: b\n") == [
        "x.yml:2:1: a tab character is used for indentation; YAML needs spaces",
    ]


def test_tab_after_a_colon():
    assert messages("title:\ta\n") == ["x.yml:1:7: a tab character is not allowed here"]


def test_anchor():
    assert messages("base: &defaults\n  a: 1\n") == [
        "x.yml:1:7: base: anchors ('&defaults') are not allowed",
    ]


def test_alias():
    assert messages("a: 1\nb: *defaults\n") == [
        "x.yml:2:4: b: aliases ('*defaults') are not allowed",
    ]


def test_anchor_and_alias_together():
    assert messages("base: &d {a: 1}\nother: *d\n") == [
        "x.yml:1:7: base: anchors ('&d') are not allowed",
        "x.yml:2:8: other: aliases ('*d') are not allowed",
    ]


def test_python_object_tag_is_rejected_not_executed():
    assert messages("cmd: !!python/object/apply:os.system ['echo pwned']\n") == [
        "x.yml:1:6: cmd: YAML tags ('!!python/object/apply:os.system') are not allowed",
    ]


def test_str_tag():
    found = problems("zip: !!str 01234\n")
    assert [str(problem) for problem in found] == ["x.yml:1:6: zip: YAML tags ('!!str') are not allowed"]
    assert "quotes" in found[0].hint


def test_custom_tag_after_an_anchor_is_located_at_the_tag():
    assert messages("a: &x !custom y\n") == [
        "x.yml:1:4: a: anchors ('&x') are not allowed",
        "x.yml:1:7: a: YAML tags ('!custom') are not allowed",
    ]


def test_merge_key():
    assert messages("base: {a: 1}\nother:\n  <<: {a: 1}\n  b: 2\n") == [
        "x.yml:3:3: other: merge keys ('<<') are not allowed",
    ]


def test_non_string_keys():
    assert messages("1: a\nnull: b\n[a]: c\ntrue: d\n") == [
        "x.yml:1:1: the key 1 is read as a number, not as a name",
        "x.yml:2:1: the key null is read as empty (null), not as a name",
        "x.yml:3:1: a key must be a name, not a list",
        "x.yml:4:1: the key true is read as a true/false value, not as a name",
    ]


def test_quoted_number_key_is_a_name():
    assert load("'1': a\nyes: b\n") == {"1": "a", "yes": "b"}


def test_multiple_documents():
    assert messages("a: 1\n---\nb: 2\n") == [
        "x.yml:2:1: a second document starts here ('---'); a file may hold only one",
    ]


def test_leading_document_marker_is_fine():
    assert load("---\na: 1\n...\n") == {"a": 1}


# ---- Limits ---------------------------------------------------------------------------------

DEPTH_MESSAGE = "x.yml:1:33: " + "[1]" * MAX_DEPTH + f": the content is nested deeper than {MAX_DEPTH} levels"


def test_deep_nesting_fails_fast_with_a_location():
    start = time.process_time()
    assert messages("[" * 100_000) == [DEPTH_MESSAGE]
    assert time.process_time() - start < NO_HANG_SECONDS


def test_deep_nesting_does_not_crash_the_interpreter():
    script = (
        "from guidekit.load.yaml_compose import load_yaml_text\n"
        "from guidekit.model.problems import ContentError\n"
        "try:\n"
        "    load_yaml_text('[' * 100_000, 'x.yml')\n"
        "except ContentError as error:\n"
        "    print(error.problems[0])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(PROJECT)}
    )
    assert result.returncode == 0, result.stderr  # a libyaml segfault would be -11 / 139
    assert result.stdout.strip() == DEPTH_MESSAGE


def test_depth_limit_is_exact():
    assert load("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    assert messages("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)) == [DEPTH_MESSAGE]


def test_deep_block_nesting_reports_the_field_path():
    text = "".join("  " * level + f"k{level}:\n" for level in range(40))
    path = ".".join(f"k{level}" for level in range(MAX_DEPTH))
    assert messages(text) == [f"x.yml:33:65: {path}: the content is nested deeper than {MAX_DEPTH} levels"]


BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]\n" for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_alias_bomb_is_rejected_at_the_first_anchor_without_expanding():
    start = time.process_time()
    found = messages(BILLION_LAUGHS)
    assert time.process_time() - start < NO_HANG_SECONDS
    assert found[0] == "x.yml:1:4: a: anchors ('&a') are not allowed"
    assert found[1:3] == [
        "x.yml:2:4: b: anchors ('&b') are not allowed",
        "x.yml:2:8: b[1]: aliases ('*a') are not allowed",  # each alias name is reported once
    ]
    assert len(found) == 9 + 8


def test_too_many_problems_stop_the_check():
    text = "".join(f"k{index}: &a{index} x\n" for index in range(100))
    found = messages(text)
    assert len(found) == 31
    assert found[-1] == "x.yml:30:6: too many problems (30); this file was not checked further"


def test_oversize_text_is_rejected_before_parsing():
    start = time.process_time()
    assert messages("a: '" + "x" * MAX_BYTES + "'\n") == ["x.yml:1:1: the file is too large (513 KB; the limit is 512 KB)"]
    assert time.process_time() - start < NO_HANG_SECONDS


def test_oversize_file(tmp_path):
    path = tmp_path / "big.yml"
    path.write_bytes(b"a: " + b"x" * (2 * MAX_BYTES))
    with pytest.raises(ContentError) as info:
        load_yaml_file(path, "content_data/big.yml")
    assert [str(problem) for problem in info.value.problems] == [
        "content_data/big.yml:1:1: the file is too large (1025 KB; the limit is 512 KB)",
    ]


def test_node_limit():
    start = time.process_time()
    assert messages("[" + "1," * MAX_NODES + "1]") == [f"x.yml:1:100000: the file holds too many values (more than {MAX_NODES})"]
    assert time.process_time() - start < NO_HANG_SECONDS


# ---- Encoding and characters ----------------------------------------------------------------


def test_invalid_utf8_file(tmp_path):
    path = tmp_path / "x.yml"
    path.write_bytes(b"title: caf\xe9\n")
    with pytest.raises(ContentError) as info:
        load_yaml_file(path, "x.yml")
    assert [str(problem) for problem in info.value.problems] == [
        "x.yml:1:11: this character is not valid UTF-8 text (byte 0xE9); the file was saved in another encoding",
    ]


def test_invalid_utf8_column_counts_characters_not_bytes():
    assert messages(b"a: 1\nnom: Zo\xc3\xab \xe9t\xe9\n") == [  # the 2-byte \xc3\xab is one character
        "x.yml:2:10: this character is not valid UTF-8 text (byte 0xE9); the file was saved in another encoding",
    ]


def test_byte_order_mark_is_accepted():
    loaded = load_yaml_text(b"\xef\xbb\xbftitle: caf\xc3\xa9\n", "x.yml")
    assert loaded.data == {"title": "café"}
    assert loaded.marks[("title",)] == (1, 1)


@pytest.mark.parametrize("boms", [0, 1])
def test_bytes_and_text_load_alike(boms):
    """libyaml reads a file's own UTF-8 bytes (the text is not encoded again): the same values and
    positions as from the text, byte order marks and characters beyond ASCII included."""
    text = "\ufeff" * boms + "title: café — naïve\nitems:\n  - 'x'\n  - 1\nnote: |\n  日本語\n  €5\n"
    from_bytes, from_text = load_yaml_text(text.encode(), "x.yml"), load_yaml_text(text, "x.yml")
    assert from_bytes.data == from_text.data == {"title": "café — naïve", "items": ["x", 1], "note": "日本語\n€5\n"}
    assert from_bytes.source == from_text.source
    assert from_bytes.marks == from_text.marks and from_bytes.value_starts == from_text.value_starts


def test_control_character():
    assert messages("title: a\x00b\n") == ["x.yml:1:9: the file contains an invisible control character (U+0000) here"]


def test_unreadable_file(tmp_path):
    with pytest.raises(ContentError) as info:
        load_yaml_file(tmp_path / "missing.yml", "content_data/missing.yml")
    assert [str(problem) for problem in info.value.problems] == [
        "content_data/missing.yml: the file cannot be read (no such file or directory)",
    ]


def test_file_loads(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("title: Café\n", encoding="utf-8")
    loaded = load_yaml_file(path, "content_data/x.yml")
    assert loaded.data == {"title": "Café"}
    assert loaded.display_path == "content_data/x.yml"


# ---- Syntax errors --------------------------------------------------------------------------


def test_unclosed_quote_points_at_the_opening_quote():
    assert messages('title: "Hello\nbody: x\n') == [
        'x.yml:1:8: the quoted text that starts here is never closed (the closing " is missing)',
    ]


def test_a_quote_left_open_before_bold_text_in_quotes_is_found_where_it_was_opened():
    """The open quote pairs with the next value's opening quote, so PyYAML stumbles on the '**'
    after it and calls it an alias: the message goes to the quote left open instead."""
    assert messages('cells:\n  - "**Mistral AI**\n  - None\n  - "**Deprecated.** Fine-tuning"\n') == [
        'x.yml:2:5: the quoted text that starts here runs on to line 4: its closing " is probably missing',
    ]


def test_text_after_closing_quote():
    found = problems("title: 'It's here'\n")
    assert [str(problem) for problem in found] == ["x.yml:1:12: there is text after the closing quote"]
    assert "''" in found[0].hint


def test_colon_space_inside_a_value():
    assert messages("title: value: x\n") == [
        "x.yml:1:13: the value contains ': ' (a colon followed by a space), which is not allowed in text without quotes",
    ]


def test_line_indented_too_far():
    assert messages("title: a\n  body: b\n") == [
        "x.yml:2:7: this line is indented more than the line above, so it is read as part of the value above",
    ]


def test_bad_indentation():
    assert messages("a:\n  b: 1\n c: 2\n") == ["x.yml:3:2: this line is not indented correctly"]


def test_line_without_colon():
    assert messages("a: 1\nfoo\nb: 2\n") == [
        "x.yml:2:1: this line has no ':' after a name, but the lines around it are 'name: value' lines",
    ]


def test_bad_backslash_in_double_quotes():
    assert messages('path: "C:\\Users\\x"\n') == [
        "x.yml:1:10: '\\U' is not a valid code: inside double quotes a backslash (\\) starts a special code such as \\n",
    ]


def test_unclosed_flow_list():
    assert messages("tags: [a, b\nnext: c\n") == ["x.yml:2:5: the list opened with '[' on line 1 is not closed correctly"]


SYNTAX_ERRORS = [
    "title: a\n\tbody: b\n",
    'title: "Hello\n',
    "title: value: x\n",
    "a:\n  b: 1\n c: 2\n",
    "a: 1\nfoo\n",
    "a: @x\n",
    "a: [1, 2\n",
    "a: {x: 1\n",
    "a: - b\n",
    "a: 1\n- b\n",
    "a:\n  - x\n  b: y\n",
    "a: | x\n",
    "a: * b\n",
    "a: !x!y z\n",
    "%YAML 2.0\n---\na: 1\n",
    "a: 1\n...\nb: 2\n",
    "a: ]\n",
    'a: "\\q"\n',
]


@pytest.mark.parametrize("text", SYNTAX_ERRORS)
def test_syntax_errors_are_one_plain_located_problem_with_a_hint(text):
    [problem] = problems(text)
    assert problem.line >= 1 and problem.col >= 1
    assert problem.hint
    for jargon in ("while scanning", "while parsing", "<unicode string>", "<block", "<scalar>", "Error", "token"):
        assert jargon not in problem.message


# ---- Resolution of unquoted values (YAML 1.2 style) -----------------------------------------


def test_norway_problem_countries_stay_text():
    assert load("countries: [GB, NO, SE]\n") == {"countries": ["GB", "NO", "SE"]}


def test_yes_no_on_off_stay_text():
    assert load("enabled: yes\na: no\nb: on\nc: off\nd: y\ne: n\nf: NO\n") == {
        "enabled": "yes",
        "a": "no",
        "b": "on",
        "c": "off",
        "d": "y",
        "e": "n",
        "f": "NO",
    }


def test_only_true_and_false_are_booleans():
    loaded = load_yaml_text("a: true\nb: True\nc: TRUE\nd: false\ne: False\nf: FALSE\ng: tRUE\n", "x.yml")
    assert loaded.data == {"a": True, "b": True, "c": True, "d": False, "e": False, "f": False, "g": "tRUE"}
    assert loaded.scalars[("b",)] == "True"


def test_nulls():
    loaded = load_yaml_text("a: null\nb: Null\nc: NULL\nd: ~\ne:\nf: nil\n", "x.yml")
    assert loaded.data == {"a": None, "b": None, "c": None, "d": None, "e": None, "f": "nil"}
    assert loaded.scalars[("d",)] == "~"


def test_leading_zero_stays_text():
    assert load("zip: 01234\n") == {"zip": "01234"}


def test_sexagesimal_stays_text():
    assert load("time: 12:30\n") == {"time": "12:30"}


def test_dates_stay_text_even_impossible_ones():
    assert load("published: 2024-02-30\nread: 2026-11-24\n") == {"published": "2024-02-30", "read": "2026-11-24"}


def test_other_number_forms_stay_text():
    assert load("a: 0x1F\nb: 1e5\nc: 1_000\nd: 0o17\n") == {"a": "0x1F", "b": "1e5", "c": "1_000", "d": "0o17"}


def test_version_is_a_float_and_keeps_its_source_text():
    loaded = load_yaml_text("version: 1.10\n", "x.yml")
    assert loaded.data == {"version": 1.1}
    assert loaded.scalars == {("version",): "1.10"}


def test_numbers():
    loaded = load_yaml_text("a: 42\nb: -7\nc: +3\nd: 0\ne: .5\nf: 2.\ng: -1.5e3\nh: .inf\ni: -.Inf\nj: .NaN\n", "x.yml")
    data = loaded.data
    assert {key: data[key] for key in "abcdefg"} == {"a": 42, "b": -7, "c": 3, "d": 0, "e": 0.5, "f": 2.0, "g": -1500.0}
    assert data["h"] == math.inf and data["i"] == -math.inf and math.isnan(data["j"])
    assert isinstance(data["a"], int) and not isinstance(data["a"], bool)
    assert loaded.scalars[("g",)] == "-1.5e3"


def test_quoted_values_stay_text_and_are_not_recorded():
    loaded = load_yaml_text("a: '1.10'\nb: \"true\"\nc: |\n  42\n", "x.yml")
    assert loaded.data == {"a": "1.10", "b": "true", "c": "42\n"}
    assert loaded.scalars == {}


# ---- Marks ----------------------------------------------------------------------------------

MARKED = """\
title: Guide
pros:
  - text: Fast
    sources: [a, b]
  - text: Cheap
"""


def test_marks_of_keys_and_items():
    loaded = load_yaml_text(MARKED, "x.yml")
    assert loaded.marks == {
        (): (1, 1),
        ("title",): (1, 1),
        ("pros",): (2, 1),
        ("pros", 0): (3, 5),
        ("pros", 0, "text"): (3, 5),
        ("pros", 0, "sources"): (4, 5),
        ("pros", 0, "sources", 0): (4, 15),
        ("pros", 0, "sources", 1): (4, 18),
        ("pros", 1): (5, 5),
        ("pros", 1, "text"): (5, 5),
    }


def test_position_falls_back_to_the_nearest_prefix():
    loaded = load_yaml_text(MARKED, "x.yml")
    assert loaded.position(("pros", 0, "sources", 1)) == (4, 18)
    assert loaded.position(("pros", 0, "sources", 7)) == (4, 5)
    assert loaded.position(("pros", 1, "missing")) == (5, 5)
    assert loaded.position(("nothing", "here")) == (1, 1)
    assert str(loaded.problem(("pros", 1, "answer"), "required field 'answer' is missing", "add it")) == (
        "x.yml:5:5: pros[2].answer: required field 'answer' is missing"
    )


def test_root_mark_after_comments():
    loaded = load_yaml_text("# comment\n\n  title: x\n", "x.yml")
    assert loaded.marks[()] == (3, 3)
    assert loaded.position(("other",)) == (3, 3)


def test_position_without_any_mark():
    assert load_yaml_text("", "x.yml").position(("a", 1)) == (1, 1)


# ---- Empty files, several problems, safety of the implementation ----------------------------


@pytest.mark.parametrize("text", ["", "# only a comment\n\n# another\n", "\ufeff", b""])
def test_empty_file_is_none(text):
    loaded = load_yaml_text(text, "x.yml")
    assert loaded.data is None
    assert loaded.scalars == {}


def test_several_problems_in_one_file_are_all_reported():
    found = problems("title: a\ntitle: b\nbase: &x 1\nbody: c\nbody: d\n")
    assert [str(problem) for problem in found] == [
        "x.yml:2:1: title: duplicate key 'title' (first defined on line 1)",
        "x.yml:3:7: base: anchors ('&x') are not allowed",
        "x.yml:5:1: body: duplicate key 'body' (first defined on line 4)",
    ]
    assert all(problem.hint for problem in found)


def test_problems_before_a_syntax_error_are_kept():
    assert messages("a: 1\na: 2\nb: 'open\n") == [
        "x.yml:2:1: a: duplicate key 'a' (first defined on line 1)",
        "x.yml:3:4: the quoted text that starts here is never closed (the closing ' is missing)",
    ]


def test_module_uses_only_libyaml_s_event_parser():
    # libyaml's composer and loaders crash the interpreter on deeply nested input.
    source = pathlib.Path(yaml_loader.__file__).read_text(encoding="utf-8")
    for name in ("CSafeLoader", "CLoader", "CBaseLoader", "CFullLoader", "CComposer", "CEmitter"):
        assert name not in source


CONTENT_FILES = sorted([*(PROJECT / "content_data").rglob("*.yml"), *(PROJECT / "tests" / "fixtures").rglob("*.yml")])


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda path: str(path.relative_to(PROJECT)))
def test_libyaml_and_the_pure_python_stages_read_content_alike(path):
    text = path.read_text(encoding="utf-8")
    fast = yaml_loader._load_clean_file_fast(text, "x.yml", _utf8(text))
    try:
        slow = yaml_loader._Builder(text, "x.yml").load()
    except ContentError:
        assert fast is None  # a file with problems is always read by the pure-Python stages
    else:
        assert fast is not None
        assert (fast.data, fast.marks, fast.scalars, fast.value_starts) == (slow.data, slow.marks, slow.scalars, slow.value_starts)


def test_a_realistic_file_loads_with_every_entry():
    item = (
        '  - id: source-{i}\n    title: "A fairly long title of source number {i}"\n'
        "    url: https://example.com/path/{i}\n    published: 2024-02-{day:02d}\n"
        "    summary: >\n      Some folded text that describes the source in a sentence or two.\n"
        "    tags: [alpha, beta, gamma]\n"
    )
    text = "sources:\n" + "".join(item.format(i=i, day=i % 28 + 1) for i in range(85))
    assert 20_000 < len(text) < 25_000
    loaded = load_yaml_text(text, "x.yml")
    assert len(loaded.data["sources"]) == 85


CLEAN_SNIPPETS = [
    "",
    "# only a comment\n",
    "---\n",
    "a: 1\nb: [x, 2, 2.5, true, null, ~, '3']\nc:\n  - d: |\n      block\n    e: >\n      folded\n",
    "'<<': quoted, so a plain key\n'1': quoted number\n\"yes\": no\n",
    "{a: [], b: {}, c: [[1, [2]], {d: e}]}\n",
    "list:\n- a\n-\n- - nested\n  - again\n",
    "text: 01234\ntime: 12:30\ndate: 2026-11-30\n",
]
UNCLEAN_SNIPPETS = [
    "a: 1\na: 2\n",  # duplicate key
    "<<: {a: 1}\n",  # merge key
    "a: &anchor 1\nb: *anchor\n",
    "a: !!str 1\n",
    "1: number key\n",
    "? [a, b]\n: list key\n",
    ": no key\n",
    "a: 1\n---\nb: 2\n",  # a second document
    "a: 'open\n",  # syntax error
    "a: " + "[" * 40 + "]" * 40 + "\n",  # too deep
    "[" + "1, " * (MAX_NODES + 1) + "1]\n",  # too many values
]


@pytest.mark.parametrize("text", CLEAN_SNIPPETS)
def test_the_fast_composer_builds_clean_files_as_the_full_builder_does(text):
    fast = yaml_loader._load_clean_file_fast(text, "x.yml", _utf8(text))
    slow = yaml_loader._Builder(text, "x.yml").load()
    assert fast is not None
    assert (fast.data, fast.marks, fast.scalars, fast.value_starts) == (slow.data, slow.marks, slow.scalars, slow.value_starts)


@pytest.mark.parametrize("text", UNCLEAN_SNIPPETS)
def test_the_fast_composer_leaves_every_file_with_a_problem_to_the_full_builder(text):
    assert yaml_loader._load_clean_file_fast(text, "x.yml", _utf8(text)) is None
    with pytest.raises(ContentError):
        yaml_loader._Builder(text, "x.yml").load()


def test_the_quick_search_for_refused_characters_finds_what_pyyaml_s_pattern_finds():
    # Each character of the Basic Multilingual Plane (surrogates included) and a few beyond it,
    # alone and inside ordinary text.
    characters = [chr(code) for code in range(0x10000)] + ["\U0001f600", "\U000e0001", "\U0010ffff"]
    for character in characters:
        for text in (character, f"a: b\n  {character} é\r\n"):
            assert yaml_loader._holds_a_refused_character(_utf8(text)) == (Reader.NON_PRINTABLE.search(text) is not None), repr(character)


def test_a_clean_file_is_located_on_first_use_as_the_full_builder_locates_it():
    text = "a: 1\nb:\n  - c: 'x'\n    d: 2.5\n"
    fast = yaml_loader._load_clean_file_fast(text, "x.yml", _utf8(text))
    slow = yaml_loader._Builder(text, "x.yml").load()
    assert not isinstance(fast.located, Positions)  # nothing noted while reading
    copy = pickle.loads(pickle.dumps(fast))  # a build keeps guides by their pickled form
    for loaded in (fast, copy):
        assert loaded.problem(("b", 0, "d"), "m").line == 4
        assert loaded.positions == slow.positions
    assert isinstance(fast.located, Positions)  # worked out once


def _utf8(text: str) -> bytes:
    """A text as the loader hands it to libyaml."""
    return text.encode("utf-8", "surrogatepass")
