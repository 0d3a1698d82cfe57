"""Site -> the records a reader can find with search: one per source, paragraph, actor, event, note, claim."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .dates import parse_date
from .link import Site
from .markup import Renderer, plain_text


@dataclass(frozen=True)
class SearchDoc:
    """One search result: where it links, what it shows, and the words it is found by."""

    kind: str           # source | paragraph | actor | event | claim | note
    url: str            # site-relative, with the fragment of the exact place
    title: str          # shown as the result's heading; its words rank first
    text: str           # shown as the snippet; its words rank after the title's
    label: str = ""     # a short line of context: outlet and paragraph, kind of actor, date
    names: str = ""     # more words ranked like the title (aliases), not shown
    title_weight: int = 8   # how much a title word counts against one body word; 0: not searched


Collector = Callable[[Site, Renderer], list[SearchDoc]]


def actor_docs(site: Site, renderer: Renderer) -> list[SearchDoc]:
    """Actors by name and every alias the sources use."""
    return [SearchDoc("actor", f"actors/{a.id}.html", a.name,
                      plain_text(renderer.inline(a.summary)) if a.summary else "",
                      a.kind, " ".join(x for x in a.aliases if x != a.name))
            for a in site.content.actors]


def _sources(site: Site) -> list:
    return sorted(site.content.sources, key=lambda s: (s.published, s.outlet, s.id))


def _human(value: str) -> str:
    date, _ = parse_date(value)
    return date.human() if date else value


def source_docs(site: Site, renderer: Renderer) -> list[SearchDoc]:
    """Each source by its headline, outlet and byline."""
    out = []
    for s in _sources(site):
        text = ", ".join(x for x in (s.outlet, s.byline, _human(s.published)) if x)
        out.append(SearchDoc("source", f"sources/{s.id}.html", s.headline, text, s.outlet))
    return out


def paragraph_docs(site: Site, renderer: Renderer) -> list[SearchDoc]:
    """Every paragraph of every source, linking to its p-N anchor."""
    out = []
    for s in _sources(site):
        sid, headline, outlet = s.id, s.headline, s.outlet     # read once per source, not per paragraph
        for n, text in enumerate(site.paragraphs(sid), start=1):
            words = text.split()
            if words:
                out.append(SearchDoc("paragraph", f"sources/{sid}.html#p-{n}", headline, " ".join(words),
                                     f"{outlet}, paragraph {n}", title_weight=0))
    return out


def note_docs(site: Site, renderer: Renderer) -> list[SearchDoc]:
    """Editors' notes, linking to the note beside its passage."""
    sources = {s.id: s for s in site.content.sources}
    out = []
    for a in site.content.annotations:
        if site.passage(a.id) is None or a.source not in sources:
            continue
        n = site.note_number(a.id)
        out.append(SearchDoc("note", f"sources/{a.source}.html#note-{a.id}", f"“{a.quote}”",
                             plain_text(renderer.html(a.note)), f"{sources[a.source].outlet}, note {n} ({a.kind})",
                             title_weight=1))
    return out


def event_docs(site: Site, renderer: Renderer) -> list[SearchDoc]:
    """Timeline events, linking to the event on timeline.html."""
    return [SearchDoc("event", f"timeline.html#{e.id}", e.title,
                      plain_text(renderer.html(e.summary)) if e.summary else "", _human(e.date))
            for e in site.content.events]


def claim_docs(site: Site, renderer: Renderer) -> list[SearchDoc]:
    """Claims of the comparison, linking to the claim on compare.html."""
    return [SearchDoc("claim", f"compare.html#claim-{c.id}", c.claim,
                      plain_text(renderer.html(c.note)) if c.note else "", "compared across the sources")
            for c in site.content.claims]


# Order matters: on equal scores, earlier kinds rank first.
COLLECTORS: tuple[Collector, ...] = (actor_docs, source_docs, event_docs, claim_docs, paragraph_docs, note_docs)


def collect(site: Site, renderer: Renderer, collectors: tuple[Collector, ...] = COLLECTORS) -> list[SearchDoc]:
    """Every searchable record of the site, in ranking-tie order."""
    return [doc for collector in collectors for doc in collector(site, renderer)]
