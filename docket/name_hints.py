"""Editor help for `check`: capitalised names in the sources that no actor's alias covers."""

from __future__ import annotations

from typing import Iterable

from .diagnostics import Diagnostics
from .mentions import Matcher, capitalised_unknowns, strip_markers
from .model import Actor, Source


def note_unlisted_names(sources: Iterable[Source], actors: Iterable[Actor], diags: Diagnostics) -> None:
    """One note per name and source, at its first line, so an editor sees what the actor index misses."""
    matcher = Matcher.build(actors)
    for source in sources:
        text, explicit = strip_markers(source.body)
        seen: set[str] = set()
        for name, offset in capitalised_unknowns(text, matcher, explicit):
            if name in seen:
                continue
            seen.add(name)
            line = source.body_line + text.count("\n", 0, offset)
            diags.note(source.path, line, f"'{name}' is not an alias of any actor",
                       "if it names a person, organisation or state, add it to content/actors.yaml")
