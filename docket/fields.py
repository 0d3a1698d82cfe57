"""Field checks shared by every content loader: unknown keys, missing keys, wrong types."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .dates import PartialDate, parse_day
from .diagnostics import Diagnostics, did_you_mean
from .yamlread import YamlList, YamlMap

_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
               list: "a list", dict: "a mapping"}


@dataclass(frozen=True)
class Field:
    """One allowed key of a mapping: its accepted types and whether it must be present."""

    name: str
    types: tuple[type, ...] = (str,)
    required: bool = False


def type_name(types: tuple[type, ...]) -> str:
    return " or ".join(_TYPE_NAMES.get(t, t.__name__) for t in types)


def value_type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    for t in (str, int, float, list, dict):
        if isinstance(value, t):
            return _TYPE_NAMES[t]
    return type(value).__name__


def check_mapping(value: Any, fields: tuple[Field, ...], path: str, line: int, what: str,
                  diags: Diagnostics) -> YamlMap | None:
    """Validate a mapping against its fields; report every problem; return it when usable."""
    if not isinstance(value, YamlMap):
        diags.error(path, getattr(value, "line", line), f"{what} must be a mapping of 'key: value' lines, "
                    f"not {value_type_name(value)}", "see the README's content guide for the format")
        return None
    known = {f.name: f for f in fields}
    ok = True
    for key in value:
        if key not in known:
            hint = did_you_mean(key, known) or "allowed keys: " + ", ".join(known)
            diags.error(path, value.line_of(key), f"unknown key '{key}' in {what}", hint)
            ok = False
    for f in fields:
        if f.name not in value:
            if f.required:
                diags.error(path, value.line, f"{what} is missing '{f.name}'", f"add '{f.name}:' ({type_name(f.types)})")
                ok = False
            continue
        v = value[f.name]
        if not _is_type(v, f.types):
            diags.error(path, value.line_of(f.name), f"'{f.name}' must be {type_name(f.types)}, "
                        f"not {value_type_name(v)}", _quote_hint(v, f.types))
            ok = False
    return value if ok else None


def _is_type(v: Any, types: tuple[type, ...]) -> bool:
    if isinstance(v, bool) and bool not in types:
        return False
    if isinstance(v, int) and not isinstance(v, bool) and float in types:
        return True
    return isinstance(v, types) or (list in types and isinstance(v, YamlList)) or (dict in types and isinstance(v, YamlMap))


def _quote_hint(v: Any, types: tuple[type, ...]) -> str:
    if str in types and isinstance(v, (int, float, bool)):
        return "put the value in quotes to make it text"
    if str in types and v is None:
        return "write a value after the colon"
    if str in types and isinstance(v, (list, YamlList)):
        return "write the text after the colon; put it in quotes if it starts with '['"
    if str in types and isinstance(v, (dict, YamlMap)):
        return "write the text after the colon; put it in quotes if it holds ': '"
    if list in types:
        return "write [first, second] after the colon, or one '- item' line each under it"
    if dict in types:
        return "write its 'key: value' lines under it, indented"
    return ""


def as_str_list(value: Any, path: str, line: int, what: str, diags: Diagnostics) -> list[str]:
    """A list of text values, with a diagnostic for anything else."""
    if value is None:
        return []
    if isinstance(value, str):
        diags.error(path, line, f"{what} must be a list", f"write [{value}]")
        return []
    if not isinstance(value, list):
        diags.error(path, line, f"{what} must be a list of text, not {value_type_name(value)}")
        return []
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            item_line = value.line_of(i) if isinstance(value, YamlList) else line
            diags.error(path, item_line, f"{what} must hold text, not {value_type_name(item)}")
            continue
        out.append(item.strip())
    return out


def updated_day(m: YamlMap, path: str, diags: Diagnostics, whose: str) -> tuple[PartialDate | None, bool]:
    """The optional `updated:` day of a checked mapping: (day or None, True), or (None, False) after reporting
    a value that is not a day; whose names what changed ("this page") in the hint."""
    if m.get("updated") is None:
        return None, True
    day, why = parse_day(m["updated"])
    if why:
        diags.error(path, m.line_of("updated"), f"bad date in 'updated': {why}",
                    f"write the day the editors last changed {whose} as YYYY-MM-DD, or leave it out")
        return None, False
    return day, True
