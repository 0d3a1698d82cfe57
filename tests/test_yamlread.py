"""yamlread: safe YAML with line numbers, every problem a diagnostic with line and column."""

from __future__ import annotations

from typing import Any

import pytest

from docket.diagnostics import Diagnostics
from docket.yamlread import MAX_DEPTH, YamlList, YamlMap, decode, parse


def _parse(text: str, first_line: int = 1) -> tuple[Any, list[str]]:
    diags = Diagnostics()
    value = parse(text, "f.yaml", diags, first_line=first_line)
    return value, [d.format() for d in diags.items]


def test_mappings_and_lists_remember_their_lines() -> None:
    value, problems = _parse("a: 1\nb:\n  - x\n  - y: 2\n    z: 3\n")
    assert problems == []
    assert value == {"a": 1, "b": ["x", {"y": 2, "z": 3}]}
    assert isinstance(value, YamlMap) and isinstance(value["b"], YamlList)
    assert (value.line, value.line_of("a"), value.line_of("b"), value.line_of("missing")) == (1, 1, 2, 1)
    items = value["b"]
    assert (items.line, items.item_lines, items.line_of(1), items.line_of(9)) == (3, [3, 4], 4, 3)
    assert (items[1].line, items[1].line_of("z")) == (4, 5)


def test_first_line_shifts_every_line_number() -> None:
    value, _ = _parse("a: 1\nb: [x]\n", first_line=5)
    assert (value.line, value.key_lines, value["b"].item_lines) == (5, {"a": 5, "b": 6}, [6])
    _, problems = _parse("a: 1\nb: c: d\n", first_line=5)
    assert problems == ["f.yaml:6:5: error: YAML syntax error: mapping values are not allowed here "
                        "(check indentation, and put text containing ': ' or starting with a quote mark in quotes)"]


def test_dates_and_times_stay_text_numbers_and_booleans_do_not() -> None:
    value, problems = _parse("d: 2014-12-17\nt: 2014-12-17T10:00-08:00\nclock: 10:00\nn: 12\nf: 1.5\n"
                             "b: true\nnothing: ~\nkey_int: 7\n")
    assert problems == []
    assert value == {"d": "2014-12-17", "t": "2014-12-17T10:00-08:00", "clock": "10:00", "n": 12, "f": 1.5,
                     "b": True, "nothing": None, "key_int": 7}


def test_keys_become_text() -> None:
    value, problems = _parse("1: a\ntrue: b\n")
    assert (value, problems) == ({"1": "a", "True": "b"}, [])


def test_empty_or_comment_only_is_none_without_a_problem() -> None:
    assert _parse("") == (None, [])
    assert _parse("# only a comment\n") == (None, [])


def test_syntax_error_has_line_column_and_hint() -> None:
    assert _parse("title: a: b\n")[1] == [
        "f.yaml:1:9: error: YAML syntax error: mapping values are not allowed here "
        "(check indentation, and put text containing ': ' or starting with a quote mark in quotes)"]
    assert _parse('title: "open\n')[1] == [
        "f.yaml:2:1: error: YAML syntax error: found unexpected end of stream "
        "(check indentation, and put text containing ': ' or starting with a quote mark in quotes)"]


def test_tab_indentation_gets_its_own_hint() -> None:
    assert _parse("a: 1\n\tb: 2\n")[1] == [
        "f.yaml:2:1: error: YAML syntax error: found character '\\t' that cannot start any token "
        "(YAML does not allow tabs for indentation; use spaces)"]


def test_duplicate_key_names_both_lines() -> None:
    assert _parse("a: 1\nb: 2\na: 3\n") == (None, [
        "f.yaml:3:1: error: duplicate key 'a' ('a' is already set on line 1)"])
    assert _parse("x:\n  a: 1\n  a: 2\n", first_line=10)[1] == [
        "f.yaml:12:3: error: duplicate key 'a' ('a' is already set on line 11)"]


def test_aliases_are_refused() -> None:
    assert _parse("a: &x hello\nb: *x\n") == (None, [
        "f.yaml:2:4: error: YAML alias '*x' is not allowed "
        "(write the value out in full; anchors and aliases are not supported in content files)"])


def test_keys_must_be_plain_text() -> None:
    assert _parse("[a, b]: 1\n")[1] == ["f.yaml:1:1: error: a key must be plain text"]
    assert _parse("a: 1\n~: 2\n")[1] == ["f.yaml:2:1: error: a key must be plain text"]


def test_tags_and_bad_values_are_one_line_diagnostics() -> None:
    assert _parse("a: !python/object x\n")[1] == [
        "f.yaml:1:4: error: YAML tag '!python/object' is not supported "
        "(write plain text, numbers, lists and 'key: value' lines)"]
    assert _parse("a: !!int abc\n")[1] == ["f.yaml:1:4: error: bad value: invalid literal for int() with base 10: 'abc'"]


@pytest.mark.parametrize("text, problem", [
    ("a: !!python/object/apply:os.system [echo hi]\n", "1:4: error: YAML tag '!!python/object/apply:os.system'"),
    ("a: !!binary aGVsbG8=\n", "1:4: error: YAML tag '!!binary'"),
    ("a: !!set {x}\n", "1:4: error: YAML tag '!!set'"),
    ("a: !!timestamp 2014-12-17\n", "1:4: error: YAML tag '!!timestamp'"),
    ("a:\n  <<: {b: 1}\n", "2:3: error: YAML merge key '<<'"),
])
def test_only_plain_yaml_is_read_whatever_the_tag(text: str, problem: str) -> None:
    """The safe loader alone would build bytes, sets and datetimes; content files get text, numbers, lists, maps."""
    value, problems = _parse(text)
    assert value is None
    assert problems == [f"f.yaml:{problem} is not supported (write plain text, numbers, lists and 'key: value' lines)"]


def test_control_characters_are_a_diagnostic_with_their_place() -> None:
    assert _parse("a: b\nc: d\x00e\n")[1] == [
        "f.yaml:2:5: error: control character U+0000 is not allowed in YAML (delete it: most editors do not show "
        "it; it often comes with text pasted from a PDF or a terminal)"]


def test_nesting_is_limited() -> None:
    depth = MAX_DEPTH + 5
    value, problems = _parse("[" * depth + "]" * depth)
    assert value is None
    assert problems == [f"f.yaml:1:{MAX_DEPTH + 1}: error: YAML nested deeper than {MAX_DEPTH} levels "
                        "(content files need only a few levels of nesting)"]
    assert _parse("[" * 10 + "]" * 10)[1] == []


def test_size_is_limited() -> None:
    assert _parse("a: " + "x" * 2_000_000) == (None, [
        "f.yaml:1: error: YAML is larger than 2 MB (split it into smaller files or remove pasted data)"])


def test_decode_strips_bom_and_normalises_line_ends() -> None:
    diags = Diagnostics()
    assert decode(b"\xef\xbb\xbfa\r\nb\rc\n", "f", diags) == "a\nb\nc\n"
    assert diags.items == []


def test_decode_names_line_and_column_of_the_bad_byte() -> None:
    diags = Diagnostics()
    assert decode("é\nxy".encode() + b"\xff\n", "f.md", diags) is None
    assert [d.format() for d in diags.items] == [
        "f.md:2:3: error: file is not valid UTF-8 (byte 0xff) (save the file as UTF-8 in your editor)"]
    diags = Diagnostics()
    assert decode("Café".encode("cp1252"), "g.md", diags) is None
    assert [d.format() for d in diags.items] == [
        "g.md:1:4: error: file is not valid UTF-8 (byte 0xe9) (save the file as UTF-8 in your editor)"]
