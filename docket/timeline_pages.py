"""timeline.html: every event in date order, grouped by month, each traced to its sources."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .dates import PartialDate, parse_date
from .link import Site, quote_anchor, quote_key
from .markup import Renderer, plain_text
from .model import Citation, Content, Event
from .timeline_svg import overview_svg

KIND_LABELS = {"attack": "Attack", "leak": "Leak", "threat": "Threat", "statement": "Statement",
               "decision": "Decision", "report": "Report", "release": "Release", "outage": "Outage",
               "sanction": "Sanction", "charge": "Charge"}


def date_of(text: str) -> PartialDate:
    """A date the loader already checked."""
    date, _ = parse_date(text)
    assert date is not None, text
    return date


def chronological(events: tuple[Event, ...]) -> list[Event]:
    """By date, then in file order (sorted() is stable)."""
    return sorted(events, key=lambda e: date_of(e.date).sort_key())


def when(event: Event) -> tuple[str, str, str]:
    """(start, separator, end) for reading: ('16', '–', '17 December 2014'); ('17 December 2014', '', '')."""
    start = date_of(event.date)
    if not event.end:
        return start.human(), "", ""
    end = date_of(event.end)
    if start.precision == end.precision == "day" and start.year == end.year:
        if start.month == end.month:
            return str(start.day), "–", end.human()
        return start.human().rsplit(" ", 1)[0], " – ", end.human()
    return start.human(), " – ", end.human()


def display_date(event: Event) -> str:
    """The date as one line of text, as precise as known: 'About 27 November 2014', '16–17 December 2014'."""
    text = "".join(when(event))
    return f"About {text}" if event.approximate else text


def month_key(date: PartialDate) -> tuple[int, int]:
    return (date.year, date.month)


def month_label(key: tuple[int, int]) -> str:
    year, month = key
    return f"{dt.date(2000, month, 1).strftime('%B')} {year}" if month else str(year)


def month_anchor(key: tuple[int, int]) -> str:
    year, month = key
    return f"month-{year:04d}-{month:02d}" if month else f"month-{year:04d}"


def source_ids(event: Event) -> list[str]:
    """The distinct sources of this site an event cites, in first-cited order."""
    return list(dict.fromkeys(c.source for c in event.cites if c.source))


def quote_href(cite: Citation, root: str) -> str:
    """Where a quote of a source is highlighted on that source's page."""
    return f"{root}sources/{cite.source}.html#{quote_anchor(quote_key(cite.source, cite.quote, cite.prefix, cite.suffix))}"


def pages(site: Site, renderer: Renderer, common: dict[str, Any]) -> list[Any]:
    """timeline.html, data/events.json and data/timeline.json; nothing when there is no event."""
    from .routes import Page
    from .timeline_export import events_json, timelinejs_json
    content = site.content
    if not content.events:
        return []
    events = chronological(content.events)
    views = [_event_view(e, content, renderer) for e in events]
    months: list[dict[str, Any]] = []
    for e, v in zip(events, views):
        key = month_key(date_of(e.date))
        if not months or months[-1]["key"] != key:
            months.append({"key": key, "label": month_label(key), "anchor": month_anchor(key), "events": []})
        months[-1]["events"].append(v)
    names = content.actor_names()
    used_actors = sorted({a for e in events for a in e.actors}, key=lambda a: names.get(a, a).casefold())
    used_kinds = sorted({e.kind for e in events}, key=lambda k: KIND_LABELS[k])
    first, last = date_of(events[0].date), date_of(events[-1].end or events[-1].date)
    cited = len({s for e in events for s in source_ids(e)})
    description = (f"{len(events)} events from {first.human()} to {last.human()}, each with the passages "
                   "and references that support it.")
    return [
        Page("timeline.html", "timeline.html", {
            **common, "url": "timeline.html", "root": "", "title": "Timeline", "description": description,
            "months": months, "count": len(events), "first": first.human(), "last": last.human(),
            "cited_sources": cited, "overview": overview_svg(events, {e.id: v["display_date"] for e, v in zip(events, views)}),
            "actors": [{"id": a, "name": names.get(a, a)} for a in used_actors],
            "kinds": [{"id": k, "label": KIND_LABELS[k]} for k in used_kinds]}),
        Page("data/events.json", data=events_json(events)),
        Page("data/timeline.json", data=timelinejs_json(site, events, renderer)),
    ]


def _event_view(e: Event, content: Content, renderer: Renderer) -> dict[str, Any]:
    names = content.actor_names()
    start, sep, end = when(e)
    cites = []
    for c in e.cites:
        if c.source:
            s = content.source(c.source)
            cites.append({"source": True, "quote": c.quote, "href": quote_href(c, ""),
                          "outlet": s.outlet if s else c.source, "headline": s.headline if s else ""})
        else:
            cites.append({"source": False, "url": c.url, "title": c.title,
                          "meta": ", ".join(x for x in (c.publisher, date_of(c.date).human() if c.date else "") if x)})
    return {
        "id": e.id, "title": e.title, "kind": e.kind, "kind_label": KIND_LABELS[e.kind],
        "date": e.date, "end": e.end, "start_text": start, "sep": sep, "end_text": end, "approximate": e.approximate,
        "display_date": display_date(e), "summary": renderer.html(e.summary),
        "actors": [{"id": a, "name": names.get(a, a), "url": f"actors/{a}.html"} for a in e.actors],
        "cites": cites, "sources": len(source_ids(e)),
        "plain": plain_text(renderer.html(e.summary)),
    }
