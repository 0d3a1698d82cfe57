"""The actor index: actors.html, one page per actor with every mention, and data/actors.json."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any

from .link import MentionRef, Site
from .markup import Renderer, plain_text
from .timeline_pages import chronological, display_date

KIND_ORDER = ("state", "government", "person", "company", "organisation", "media", "group")
KIND_LABELS = {"state": "States", "government": "Governments and agencies", "person": "People",
               "company": "Companies", "organisation": "Organisations", "media": "News media",
               "group": "Groups"}
KIND_SINGULAR = {"state": "State", "government": "Government body", "person": "Person", "company": "Company",
                 "organisation": "Organisation", "media": "News medium", "group": "Group"}
SCHEMA_TYPES = {"person": "Person", "state": "Country", "government": "GovernmentOrganization",
                "company": "Corporation", "media": "NewsMediaOrganization", "organisation": "Organization",
                "group": "Organization"}


def actor_url(actor_id: str) -> str:
    return f"actors/{actor_id}.html"


def json_ld(data: dict[str, Any]) -> str:
    """JSON for a <script type="application/ld+json">: sorted, compact (json's C encoder: every page has
    one, and the indented encoder is pure Python), and unable to close the script element."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("</", "<\\/")


def pages(site: Site, renderer: Renderer, common: dict[str, Any]) -> list[Any]:
    """actors.html, actors/<id>.html and data/actors.json; nothing when no actor is defined."""
    from .routes import Page
    content = site.content
    if not content.actors:
        return []
    sources = {s.id: s for s in content.sources}
    source_order = {s.id: i for i, s in enumerate(sorted(content.sources, key=lambda s: (s.published, s.outlet, s.id)))}
    by_actor: dict[str, list[MentionRef]] = defaultdict(list)
    for m in site.mentions:
        by_actor[m.actor].append(m)
    together = co_occurrence(site.mentions)
    names = {a.id: a.name for a in content.actors}
    events_by_actor: dict[str, list[Any]] = defaultdict(list)
    for e in chronological(content.events):
        for actor in e.actors:
            events_by_actor[actor].append(e)
    notes_by_actor: dict[str, list[Any]] = defaultdict(list)     # an inverted index, not a scan per actor
    for n in content.annotations:
        for actor in dict.fromkeys(n.actors):
            notes_by_actor[actor].append(n)
    out = []
    most = max((len(v) for v in by_actor.values()), default=0) or 1
    groups = []
    for kind in KIND_ORDER:
        members = sorted((a for a in content.actors if a.kind == kind), key=lambda a: a.name.casefold())
        if members:
            groups.append({"kind": kind, "label": KIND_LABELS[kind], "actors": [
                {"id": a.id, "name": a.name, "url": actor_url(a.id), "count": len(by_actor[a.id]),
                 "percent": round(100 * len(by_actor[a.id]) / most),
                 "summary": plain_text(renderer.inline(a.summary)) if a.summary else ""}
                for a in members]})
    out.append(Page("actors.html", "actors.html", {
        **common, "url": "actors.html", "root": "", "title": "Actors",
        "description": f"The {len(content.actors)} people, organisations and states the sources name, "
                       "with every mention.", "groups": groups}))
    for a in content.actors:
        mentions = by_actor[a.id]
        in_source: dict[str, list[MentionRef]] = defaultdict(list)
        for m in mentions:
            in_source[m.source].append(m)
        grouped = []
        for sid in sorted(in_source, key=lambda s: source_order[s]):
            s = sources[sid]
            grouped.append({"outlet": s.outlet, "headline": s.headline, "url": f"../sources/{sid}.html", "mentions": [
                {"before": m.sentence[:m.sentence_start], "name": m.sentence[m.sentence_start:m.sentence_start + m.end - m.start],
                 "after": m.sentence[m.sentence_start + m.end - m.start:], "href": f"../sources/{sid}.html#{m.paragraph}",
                 "paragraph": m.block + 1}
                for m in in_source[sid]]})
        notes = [{"number": site.note_number(n.id), "kind": n.kind, "outlet": sources[n.source].outlet,
                  "text": plain_text(renderer.html(n.note)), "href": f"../sources/{n.source}.html#note-{n.id}"}
                 for n in notes_by_actor[a.id] if site.passage(n.id)]
        events = [{"title": e.title, "date": e.date, "when": display_date(e), "href": f"../timeline.html#{e.id}"}
                  for e in events_by_actor[a.id]]
        url = actor_url(a.id)
        ld: dict[str, Any] = {"@context": "https://schema.org", "@type": SCHEMA_TYPES[a.kind], "name": a.name}
        if len(a.aliases) > 1:
            ld["alternateName"] = [x for x in a.aliases if x != a.name]
        if a.summary:
            ld["description"] = plain_text(renderer.inline(a.summary))
        if a.links:
            ld["sameAs"] = [link.url for link in a.links]
        if content.config.base_url:
            ld["url"] = content.config.base_url + url
        out.append(Page(url, "actor.html", {
            **common, "url": url, "root": "../", "title": a.name,
            "description": plain_text(renderer.inline(a.summary)) if a.summary else f"{a.name}: every mention in the sources.",
            "actor": {"id": a.id, "name": a.name, "kind": KIND_SINGULAR[a.kind], "aliases": a.aliases,
                      "summary": renderer.html(a.summary) if a.summary else "",
                      "links": [{"title": link.title, "url": link.url} for link in a.links]},
            "count": len(mentions), "mention_groups": grouped, "notes": notes, "events": events,
            "together": [{"name": names[other], "url": f"{other}.html", "count": n}
                         for other, n in together.get(a.id, [])][:10],
            "json_ld": json_ld(ld)}))
    export = [{"id": a.id, "name": a.name, "kind": a.kind, "aliases": list(a.aliases), "url": actor_url(a.id),
               "mentions": len(by_actor[a.id]), "sources": sorted({m.source for m in by_actor[a.id]})}
              for a in content.actors]
    out.append(Page("data/actors.json", data=(json.dumps(export, ensure_ascii=False, indent=1) + "\n").encode("utf-8")))
    return out


def co_occurrence(mentions: tuple[MentionRef, ...]) -> dict[str, list[tuple[str, int]]]:
    """For each actor, the actors named in the same paragraphs, most often first (one inverted index)."""
    paragraphs: dict[tuple[str, int], set[str]] = defaultdict(set)
    for m in mentions:
        paragraphs[(m.source, m.block)].add(m.actor)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for actors in paragraphs.values():
        for a in actors:
            for b in actors:
                if a != b:
                    counts[a][b] += 1
    return {a: sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) for a, c in counts.items()}
