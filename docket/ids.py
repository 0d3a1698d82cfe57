"""Ids name output files, so they are checked before anything is written."""

from __future__ import annotations

import re
import unicodedata

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
SLUG_MAX = 60
# 'index' would collide with an index page; the others are device names Windows cannot store.
RESERVED_IDS = frozenset({"index", "con", "prn", "aux", "nul",
                          *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))})


def slugify(name: str) -> str:
    """An id made from any text: lowercase ASCII letters, digits and single hyphens."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return slug[:SLUG_MAX].rstrip("-")


def id_problem(value: str) -> str:
    """Why a value cannot be an id, or '' when it can."""
    if not ID_RE.match(value):
        return f"'{value}' is not a valid id"
    if value in RESERVED_IDS:
        return f"'{value}' is a reserved name"
    return ""
