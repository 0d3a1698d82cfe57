"""Split a Markdown file into its YAML front matter and body, keeping line numbers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..diagnostics import Diagnostics
from ..yamlread import YamlMap, parse


@dataclass(frozen=True)
class Document:
    """Front matter (None when absent or broken), body text and the body's first line."""

    meta: YamlMap | None
    body: str
    body_line: int


def split(text: str, rel: str, diags: Diagnostics) -> Document | None:
    """Parse '---' fenced front matter; a diagnostic and None when it is missing or broken."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        diags.error(rel, 1, "missing front matter", "start the file with a line '---', the YAML fields, then '---'")
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            meta_text = "\n".join(lines[1:i])
            body = "\n".join(lines[i + 1:])
            before = len(diags.items)
            meta: Any = parse(meta_text, rel, diags, first_line=2)
            if meta is None and len(diags.items) == before:
                diags.error(rel, 1, "front matter is empty", "add the fields between the two '---' lines")
                return None
            if meta is not None and not isinstance(meta, YamlMap):
                diags.error(rel, 2, "front matter must be 'key: value' lines", "see the README's content guide")
                return None
            return Document(meta, body, i + 2)
    diags.error(rel, 1, "front matter is not closed", "add a line '---' after the YAML fields")
    return None
