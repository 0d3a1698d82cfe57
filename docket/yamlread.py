"""Safe YAML reading that keeps line numbers, so every diagnostic can name its line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Diagnostics

MAX_DEPTH = 50
MAX_BYTES = 2_000_000


class YamlMap(dict):
    """A mapping that remembers where it and each of its keys stand in the file."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list):
    """A sequence that remembers where it and each of its items stand in the file."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _YamlProblem(Exception):
    def __init__(self, line: int, column: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.column, self.message, self.hint = line, column, message, hint


class _Loader(yaml.SafeLoader):
    """SafeLoader without timestamps (dates stay text for our own checks) and without aliases."""

    def compose_node(self, parent: Node | None, index: Any) -> Node:  # type: ignore[override]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise _YamlProblem(
                event.start_mark.line + 1,
                event.start_mark.column + 1,
                f"YAML alias '*{event.anchor}' is not allowed",
                "write the value out in full; anchors and aliases are not supported in content files",
            )
        depth = getattr(self, "_depth", 0) + 1
        if depth > MAX_DEPTH:
            mark = self.peek_event().start_mark
            raise _YamlProblem(mark.line + 1, mark.column + 1, f"YAML nested deeper than {MAX_DEPTH} levels",
                               "content files need only a few levels of nesting")
        self._depth = depth
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth = depth - 1


def _no_colon(regexp: re.Pattern[str]) -> re.Pattern[str]:
    """YAML 1.1 reads 10:00 as the base-60 number 600; a value with a colon stays text."""
    return re.compile(r"(?!.*:)" + regexp.pattern, regexp.flags)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, _no_colon(regexp) if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") else regexp)
            for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):    # type: ignore[misc]
    """libyaml's parser and composer (C) with _Loader's resolvers: the same nodes, several times faster."""


_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
_FLOW_BRACKETS = re.compile(r"[\[\]{}]")


def _fast_node(text: str) -> tuple[bool, Node | None]:
    """(True, node) when libyaml composes text into nodes _convert reads exactly as _Loader's; else (False, None).

    Anything unusual (an alias, deep nesting, a tab, a control character, a syntax error) goes the
    slow way, through _Loader, whose diagnostics are the ones the content's editor sees.
    """
    if not hasattr(yaml, "CSafeLoader") or "\t" in text or "\ufeff" in text or _NON_PRINTABLE.search(text):
        return False, None
    depth = 0
    for m in _FLOW_BRACKETS.finditer(text):     # flow nesting, counted high (brackets in quotes count too)
        depth += 1 if m.group(0) in "[{" else -1
        if depth > MAX_DEPTH:
            return False, None
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
    except Exception:       # noqa: BLE001 - whatever libyaml refuses, _Loader reports
        return False, None
    finally:
        loader.dispose()
    seen: set[int] = set()
    todo: list[tuple[Node, int]] = [(node, 1)] if node is not None else []
    while todo:
        item, level = todo.pop()
        if id(item) in seen or level > MAX_DEPTH:      # the same node twice: an alias
            return False, None
        seen.add(id(item))
        if isinstance(item, SequenceNode):
            todo.extend((child, level + 1) for child in item.value)
        elif isinstance(item, MappingNode):
            todo.extend((child, level + 1) for pair in item.value for child in pair)
    return True, node


def decode(data: bytes, path: str, diags: Diagnostics) -> str | None:
    """UTF-8 text without BOM and with LF line ends, or a diagnostic naming the bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        diags.error(path, line, f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                    "save the file as UTF-8 in your editor", column=col)
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, rel: str, diags: Diagnostics) -> str | None:
    """A content file's text (see decode), or a diagnostic when it is a folder or cannot be read."""
    if path.is_dir():
        diags.error(rel, 0, "this is a folder, not a file", "content files are single text files; rename the folder")
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        diags.error(rel, 0, f"cannot read the file: {exc.strerror or exc}", "check that it exists and is readable")
        return None
    return decode(data, rel, diags)


def parse(text: str, path: str, diags: Diagnostics, *, first_line: int = 1) -> Any:
    """Parse YAML text into YamlMap/YamlList/scalars; on a problem add a diagnostic and return None."""
    offset = first_line - 1
    if len(text.encode("utf-8")) > MAX_BYTES:
        diags.error(path, first_line, f"YAML is larger than {MAX_BYTES // 1_000_000} MB",
                    "split it into smaller files or remove pasted data")
        return None
    fast, node = _fast_node(text)
    if fast:
        if node is None:
            return None
        scratch = Diagnostics()
        try:
            return _convert(node, _Loader(""), path, scratch, offset)
        except (_YamlProblem, yaml.YAMLError, ValueError, RecursionError):
            pass            # reported below, the slow way, exactly as before
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        _reader_error(exc, text, path, diags, offset)
        return None
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _convert(node, loader, path, diags, offset)
    except _YamlProblem as p:
        diags.error(path, p.line + offset, p.message, p.hint, column=p.column)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else first_line
        col = mark.column + 1 if mark else 0
        problem = (exc.problem or "invalid YAML").strip()
        hint = "check indentation, and put text containing ': ' or starting with a quote mark in quotes"
        if "tab" in problem or "\t" in (text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""):
            hint = "YAML does not allow tabs for indentation; use spaces"
        diags.error(path, line, f"YAML syntax error: {problem}", hint, column=col)
    except yaml.YAMLError as exc:
        diags.error(path, first_line, f"YAML error: {exc}", "check the file's syntax")
    except RecursionError:
        diags.error(path, first_line, "YAML nested too deeply", "content files need only a few levels of nesting")
    finally:
        loader.dispose()
    return None


def _reader_error(exc: yaml.reader.ReaderError, text: str, path: str, diags: Diagnostics, offset: int) -> None:
    """A character YAML refuses (NUL, a bell, ...): named by code point, at its line and column."""
    before = text[: exc.position]
    line = before.count("\n") + 1 + offset
    col = exc.position - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    diags.error(path, line, f"control character U+{code:04X} is not allowed in YAML",
                "delete it: most editors do not show it; it often comes with text pasted from a PDF or a terminal", column=col)


_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map"))


def _convert(node: Node, loader: _Loader, path: str, diags: Diagnostics, offset: int) -> Any:
    line = node.start_mark.line + 1 + offset
    if node.tag not in _PLAIN_TAGS:         # !!python/..., !!binary, !!set, !!timestamp, '<<' merge keys, !local
        shown = "<<" if node.tag == "tag:yaml.org,2002:merge" else node.tag.replace("tag:yaml.org,2002:", "!!")
        what = "YAML merge key '<<'" if shown == "<<" else f"YAML tag '{shown}'"
        raise _YamlProblem(line - offset, node.start_mark.column + 1, f"{what} is not supported",
                           "write plain text, numbers, lists and 'key: value' lines")
    if isinstance(node, MappingNode):
        result = YamlMap()
        result.line, result.key_lines = line, {}
        for key_node, value_node in node.value:
            key = _convert(key_node, loader, path, diags, offset)
            key_line = key_node.start_mark.line + 1 + offset
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise _YamlProblem(key_line - offset, key_node.start_mark.column + 1, "a key must be plain text")
            key = str(key)
            if key in result:
                raise _YamlProblem(key_line - offset, key_node.start_mark.column + 1, f"duplicate key '{key}'",
                                   f"'{key}' is already set on line {result.key_lines[key]}")
            result[key] = _convert(value_node, loader, path, diags, offset)
            result.key_lines[key] = key_line
        return result
    if isinstance(node, SequenceNode):
        items = YamlList()
        items.line, items.item_lines = line, []
        for item in node.value:
            items.append(_convert(item, loader, path, diags, offset))
            items.item_lines.append(item.start_mark.line + 1 + offset)
        return items
    assert isinstance(node, ScalarNode)
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError) as exc:
        why = exc.problem if isinstance(exc, yaml.MarkedYAMLError) and exc.problem else str(exc)
        raise _YamlProblem(line - offset, node.start_mark.column + 1, f"bad value: {why}",
                           "write plain text, numbers, lists and 'key: value' lines; YAML tags are not "
                           "supported" if why.startswith("could not determine a constructor") else "") from None
