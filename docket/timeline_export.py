"""data/events.json (every field, plus the sources cited) and data/timeline.json (TimelineJS's format)."""

from __future__ import annotations

import html
import json
from typing import Any

from .dates import PartialDate
from .link import Site
from .markup import Renderer
from .model import Citation, Event
from .timeline_pages import date_of, display_date, quote_href, source_ids


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _cite(c: Citation) -> dict[str, str]:
    """A citation's fields as written; a quote also gets the address of its highlighted passage."""
    if c.source:
        out = {"source": c.source, "quote": c.quote}
        out.update({k: v for k, v in (("prefix", c.prefix), ("suffix", c.suffix)) if v})
        out["href"] = quote_href(c, "")
        return out
    return {k: v for k, v in (("url", c.url), ("title", c.title), ("publisher", c.publisher), ("date", c.date)) if v}


def events_json(events: list[Event]) -> bytes:
    """Every event in date order, each field as the editor wrote it, plus its page address and sources."""
    out = []
    for e in events:
        out.append({
            "id": e.id, "date": e.date, "end": e.end or None, "approximate": e.approximate,
            "display_date": display_date(e), "title": e.title, "summary": e.summary, "kind": e.kind,
            "actors": list(e.actors), "cites": [_cite(c) for c in e.cites], "sources": source_ids(e),
            "url": f"timeline.html#{e.id}",
        })
    return _json(out)


def _tl_date(d: PartialDate) -> dict[str, Any]:
    """A TimelineJS date object: only the parts known, as numbers."""
    out: dict[str, Any] = {"year": d.year}
    if d.month:
        out["month"] = d.month
    if d.day:
        out["day"] = d.day
    if d.hour >= 0:
        out.update(hour=d.hour, minute=d.minute)
        if d.second:
            out["second"] = d.second
    out["display_date"] = d.human()
    return out


def timelinejs_json(site: Site, events: list[Event], renderer: Renderer) -> bytes:
    """The events as a TimelineJS 3 data file: a title slide, then one slide per event."""
    content = site.content
    base = content.config.base_url
    outlets = {s.id: s.outlet for s in content.sources}
    slides = []
    for e in events:
        links = []
        for c in e.cites:
            if c.source:
                links.append(f'<a href="{html.escape(base + quote_href(c, ""))}">'
                             f'{html.escape(outlets.get(c.source, c.source))}</a>: “{html.escape(c.quote)}”')
            else:
                links.append(f'<a href="{html.escape(c.url)}">{html.escape(c.title)}</a>'
                             + (f" ({html.escape(c.publisher)})" if c.publisher else ""))
        text = renderer.html(e.summary) + "<p>Sources: " + "; ".join(links) + "</p>"
        slide: dict[str, Any] = {
            "unique_id": e.id, "start_date": _tl_date(date_of(e.date)),
            "text": {"headline": html.escape(e.title), "text": text},
            "group": e.kind, "display_date": display_date(e),
        }
        if e.end:
            slide["end_date"] = _tl_date(date_of(e.end))
        slides.append(slide)
    title = {"text": {"headline": html.escape(f"{content.config.title}: timeline"),
                      "text": f"<p>{html.escape(content.config.description)}</p>"}}
    return _json({"title": title, "events": slides})
