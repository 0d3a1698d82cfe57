"""feed.xml: an Atom feed of the sources and the timeline's events, absolute only when base_url is known."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from html import escape as _html_escape
from typing import Any

from .dates import PartialDate, parse_date
from .link import Site
from .markup import Renderer, plain_text
from .routes import Page, clip, lede as source_lede

ATOM = "http://www.w3.org/2005/Atom"


# xml.sax.saxutils' escape and quoteattr, byte for byte, without the import of urllib.request it costs.
def escape(text: str) -> str:
    """&, < and > as entities."""
    return _html_escape(text, quote=False)


def quoteattr(text: str) -> str:
    """An attribute value with its quotes: double unless it holds a double quote and no single one."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace('"', "&quot;") + '"'


@dataclass(frozen=True)
class Entry:
    """One feed entry: a source or an event."""

    url: str                    # site-relative
    title: str
    updated: str                # RFC 3339
    summary: str
    category: str
    author: str = ""
    related: str = ""           # the original's address, for a source
    published: str = ""         # RFC 3339, for a source: its publication day (updated is its `updated:` when given)


def rfc3339(date: PartialDate) -> str:
    """A partial date as Atom needs it: the start of the period it names, in UTC unless a zone is known."""
    text = f"{date.year:04d}-{max(date.month, 1):02d}-{max(date.day, 1):02d}"
    if date.hour < 0:
        return text + "T00:00:00Z"
    return text + f"T{date.hour:02d}:{date.minute:02d}:{date.second:02d}" + (date.zone or "Z")


def entries(site: Site, renderer: Renderer) -> list[Entry]:
    """Sources and events, newest first; on the same date sources before events."""
    rows: list[tuple[PartialDate, int, Entry]] = []
    for s in site.content.sources:
        date, _ = parse_date(s.published)
        if date is None:
            continue
        lede = source_lede(site, s, renderer)
        changed, _ = parse_date(s.updated) if s.updated else (date, "")
        rows.append((date, 0, Entry(f"sources/{s.id}.html", s.headline, rfc3339(changed or date),
                                    clip(f"{s.outlet}, {date.human()}. {lede}", 400), "source", s.byline, s.url,
                                    rfc3339(date))))
    for e in site.content.events:
        date, _ = parse_date(e.date)
        if date is None:
            continue
        summary = plain_text(renderer.html(e.summary)) if e.summary else ""
        rows.append((date, 1, Entry(f"timeline.html#{e.id}", e.title, rfc3339(date),
                                    clip(f"{date.human()}. {summary}".strip(), 400), "event")))
    rows.sort(key=lambda r: (tuple(-x for x in r[0].sort_key()), r[1], r[2].url))
    return [entry for *_, entry in rows]


def entry_id(base_url: str, title: str, url: str) -> str:
    """The entry's permanent id: its address when known, else a name-based UUID (claims no address)."""
    if base_url:
        return base_url + url
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"docket:{title}:{url}"))


def atom(site: Site, renderer: Renderer) -> bytes:
    """The whole feed, deterministic: its 'updated' is the newest entry's, never the clock."""
    config = site.content.config
    base = config.base_url
    items = entries(site, renderer)
    updated = max((e.updated for e in items), default="1970-01-01T00:00:00Z")
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<feed xmlns="{ATOM}" xml:lang={quoteattr(config.language)}>',
             f"  <title>{escape(config.title)}</title>",
             f"  <subtitle>{escape(config.description)}</subtitle>",
             f"  <id>{escape(entry_id(base, config.title, 'feed.xml'))}</id>",
             f"  <updated>{updated}</updated>",
             f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(base + 'index.html')}/>"]
    if base:
        lines.append(f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(base + 'feed.xml')}/>")
    lines += [f"  <author><name>{escape(config.author or config.title)}</name></author>",
              "  <generator>docket</generator>"]
    for e in items:
        lines += ["  <entry>",
                  f"    <title>{escape(e.title)}</title>",
                  f"    <id>{escape(entry_id(base, config.title, e.url))}</id>",
                  f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(base + e.url)}/>"]
        if e.related:
            lines.append(f"    <link rel=\"related\" type=\"text/html\" href={quoteattr(e.related)}/>")
        if e.published:
            lines.append(f"    <published>{e.published}</published>")
        lines += [f"    <updated>{e.updated}</updated>"]
        if e.author:
            lines.append(f"    <author><name>{escape(e.author)}</name></author>")
        lines += [f"    <category term=\"{e.category}\"/>",
                  f"    <summary>{escape(e.summary)}</summary>",
                  "  </entry>"]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def pages(site: Site, renderer: Renderer, common: dict[str, Any]) -> list[Page]:
    return [Page("feed.xml", data=atom(site, renderer))]
