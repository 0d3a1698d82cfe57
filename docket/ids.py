"""Ids name output files, so they are checked before anything is written."""

from __future__ import annotations

import re

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
RESERVED = frozenset({"index", "con", "prn", "aux", "nul", "com1", "lpt1", "static", "data", "search"})


def slugify(text: str) -> str:
    """A valid id made from any text, for hints."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].strip("-") or "item"


def id_problem(value: str) -> str:
    """Why a value cannot be an id, or '' when it can."""
    if not ID_RE.match(value):
        return f"'{value}' is not a valid id"
    if value in RESERVED:
        return f"'{value}' is a reserved name"
    return ""
