"""When each page's content last changed, from the dates the content carries (never the clock or a
file's time, so a build stays byte for byte the same); the README's "When the content last changed"
says the same for editors.

A source page: its `updated:` day, else its `published:` day. The timeline: the latest date or end
of its events and of the sources they quote. An actor page: the latest of the sources that mention
or annotate the actor and of the events that name it (when none is dated, as every other page). A
free page other than the home page: its `updated:` day when given. Every other page (the home page
lists the sources) shows all of the site, so it takes the latest of every source, every event,
every free page's `updated:` and site.yaml's `updated:`. Dates are shown to the day at most, never
more precisely than they are known.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import Iterable

from .dates import PartialDate, parse_date
from .link import Site
from .routes import Page


@dataclass(frozen=True)
class Changed:
    """A page's date, as the footer's <time> shows it."""

    iso: str
    human: str


def _day(value: str) -> PartialDate | None:
    date, _ = parse_date(value) if value else (None, "")
    return PartialDate(date.year, date.month, date.day) if date is not None else None


def _last(dates: Iterable[PartialDate | None]) -> PartialDate | None:
    """The latest of the known dates (the first of equals), each distinct date compared once."""
    known = dict.fromkeys(d for d in dates if d is not None)
    return max(known, key=PartialDate.sort_key) if known else None


def stamp(site: Site, pages: list[Page]) -> list[Page]:
    """Every rendered page with its `changed` (None when its content carries no date)."""
    content = site.content
    day = functools.cache(_day)                     # each date string parsed once
    shown = functools.cache(lambda d: Changed(d.iso(), d.human()) if d is not None else None)   # one per date
    sources = {s.id: day(s.updated or s.published) for s in content.sources}
    events = [(e, [day(e.date), day(e.end)]) for e in content.events]
    everything = shown(_last([*sources.values(), *(d for _, ds in events for d in ds),
                              day(content.config.updated), *(day(p.updated) for p in content.pages)]))
    # the distinct sources (by id: a string's hash is kept, a date's is worked out each time) and event
    # dates of each actor's content
    named_in: dict[str, dict[str, None]] = {}
    for m in site.mentions:
        named_in.setdefault(m.actor, {})[m.source] = None
    for a in content.annotations:
        for actor in a.actors:
            named_in.setdefault(actor, {})[a.source] = None
    by_actor: dict[str, list[PartialDate | None]] = {a: [sources.get(s) for s in ids] for a, ids in named_in.items()}
    for e, ds in events:
        for actor in e.actors:
            by_actor.setdefault(actor, []).extend(ds)
    timeline = shown(_last([*(d for _, ds in events for d in ds),
                            *(sources.get(c.source) for e, _ in events for c in e.cites if c.source)]))
    free = {f"{p.id}.html": shown(day(p.updated)) for p in content.pages if p.updated and p.id != "index"}
    out = []
    for page in pages:
        if not page.template:
            out.append(page)
            continue
        if page.template == "source.html":
            changed = shown(sources.get(page.view["source"]["id"]))
        elif page.template == "actor.html":
            changed = shown(_last(by_actor.get(page.view["actor"]["id"], ()))) or everything
        elif page.url == "timeline.html":
            changed = timeline
        else:
            changed = free.get(page.url, everything) if page.template == "page.html" else everything
        out.append(replace(page, changed=changed))
    return out
