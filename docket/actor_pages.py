"""The actor index: actors.html, one page per actor with every mention, and data/actors.json."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from .link import MentionLine, Site
from .markup import Renderer, plain_text
from .reads import per_item
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


def index_page(site: Site, renderer: Renderer, common: dict[str, Any]) -> list[Any]:
    """actors.html: the actors by kind, with their mention counts; nothing when no actor is defined."""
    from .routes import Page
    content = site.content
    if not content.actors:
        return []
    counts = {actor: count for actor, count, _ in site.mention_summary()}
    most = max(counts.values(), default=0) or 1
    groups = []
    for kind in KIND_ORDER:
        members = sorted((a for a in content.actors if a.kind == kind), key=lambda a: a.name.casefold())
        if members:
            groups.append({"kind": kind, "label": KIND_LABELS[kind], "actors": [
                {"id": a.id, "name": a.name, "url": actor_url(a.id), "count": counts.get(a.id, 0),
                 "percent": round(100 * counts.get(a.id, 0) / most),
                 "summary": plain_text(renderer.inline(a.summary)) if a.summary else ""}
                for a in members]})
    return [Page("actors.html", "actors.html", {
        **common, "url": "actors.html", "root": "", "title": "Actors",
        "description": f"The {len(content.actors)} people, organisations and states the sources name, "
                       "with every mention.", "groups": groups})]


@per_item(lambda site: tuple(a.id for a in site.content.actors))
def actor_page(site: Site, renderer: Renderer, common: dict[str, Any], actor_id: str) -> list[Any]:
    """actors/<id>.html: every mention of one actor, by source, its notes, events and the actors named beside it.

    Made one actor at a time, each reading only what its page shows (its mentions, notes, events and
    neighbours), so a one-source edit makes again only the pages of the actors that source names there."""
    from .routes import Page
    content = site.content
    a = content.actor(actor_id)
    assert a is not None
    lines = site.mention_lines(a.id)
    in_source: dict[str, list[MentionLine]] = defaultdict(list)
    for line in lines:
        in_source[line.ref.source].append(line)
    sources = {sid: content.source(sid) for sid in in_source}
    grouped = []
    for sid in sorted(in_source, key=lambda sid: (sources[sid].published, sources[sid].outlet, sid)):
        s = sources[sid]
        grouped.append({"outlet": s.outlet, "headline": s.headline, "url": f"../sources/{sid}.html",
                        "mentions": in_source[sid]})
    notes = []
    for n in content.notes_naming(a.id):
        if site.passage(n.id):
            source = content.source(n.source)
            notes.append({"number": site.note_number(n.id), "kind": n.kind, "outlet": source.outlet if source else "",
                          "text": plain_text(renderer.html(n.note)), "href": f"../sources/{n.source}.html#note-{n.id}"})
    events = [{"title": e.title, "date": e.date, "when": display_date(e), "href": f"../timeline.html#{e.id}"}
              for e in chronological(content.events_naming(a.id))]
    names = content.actor_names()
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
    return [Page(url, "actor.html", {
        **common, "url": url, "root": "../", "title": a.name,
        "description": plain_text(renderer.inline(a.summary)) if a.summary else f"{a.name}: every mention in the sources.",
        "actor": {"id": a.id, "name": a.name, "kind": KIND_SINGULAR[a.kind], "aliases": a.aliases,
                  "summary": renderer.html(a.summary) if a.summary else "",
                  "links": [{"title": link.title, "url": link.url} for link in a.links]},
        "count": len(lines), "mention_groups": grouped, "notes": notes, "events": events,
        "together": [{"name": names[other], "url": f"{other}.html", "count": n} for other, n in site.named_beside(a.id)],
        "json_ld": json_ld(ld)})]


def export(site: Site, renderer: Renderer, common: dict[str, Any]) -> list[Any]:
    """data/actors.json: every actor with its aliases, page, mention count and the sources naming it."""
    from .routes import Page
    content = site.content
    if not content.actors:
        return []
    summary = {actor: (count, sources) for actor, count, sources in site.mention_summary()}
    data = [{"id": a.id, "name": a.name, "kind": a.kind, "aliases": list(a.aliases), "url": actor_url(a.id),
             "mentions": summary.get(a.id, (0, ()))[0], "sources": list(summary.get(a.id, (0, ()))[1])}
            for a in content.actors]
    return [Page("data/actors.json", data=(json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))]
