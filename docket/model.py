"""The content model: frozen records that refer to each other by id, never by pointer."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .packed import PackedText


@dataclass(frozen=True)
class SiteConfig:
    """Settings from site.yaml, with every path resolved against the project root."""

    root: Path
    title: str
    description: str
    language: str = "en"
    base_url: str = ""          # '' when unknown: then no page claims an absolute address
    output: str = "_site"
    author: str = ""
    updated: str = ""           # ISO day the editors last changed the site's content ('' when not given)
    content_dir: str = "content"
    seeds_dir: str = "seeds"
    layouts_dir: str = "layouts"
    static_dir: str = "static"

    def path(self, name: str) -> Path:
        return self.root / name


@dataclass(frozen=True)
class Source:
    """One source document: front matter plus the article body as Markdown."""

    id: str
    path: str                   # relative to the project root, for diagnostics
    headline: str
    outlet: str
    published: str              # ISO date, YYYY-MM-DD
    url: str
    seed: str                   # file name inside seeds/
    sha256: str
    packed_body: PackedText     # the body's Markdown, compressed (docket/packed.py); `body` gives it
    body_line: int              # line of the file on which the body starts
    byline: str = ""            # '' when not known
    byline_note: str = ""       # why the byline is unknown or how it was established
    published_note: str = ""    # how the date was established, when not printed by the source
    outlet_url: str = ""
    language: str = "en"
    notes: str = ""             # editor's note shown above the article (Markdown)
    updated: str = ""           # ISO day the editors last changed this source's page ('' when not given)
    front_lines: tuple[tuple[str, int], ...] = ()   # front matter key -> line, for diagnostics
    # (actor id, line) of each [words]{@actor} marker in the body, found when the source is loaded: a build
    # checks them every time, and the body is held compressed (10,000 bodies take 0.39 s to unpack)
    actor_markers: tuple[tuple[str, int], ...] = ()

    def line_of(self, key: str) -> int:
        return dict(self.front_lines).get(key, 1)

    @property
    def body(self) -> str:
        """The body's Markdown (held compressed: a build keeps every source from loading to its end)."""
        return str(self.packed_body)


@dataclass(frozen=True)
class FreePage:
    """A free page from content/pages/*.md (index, about, ...)."""

    id: str
    path: str
    title: str
    description: str
    body: str
    body_line: int
    updated: str = ""           # ISO day the editors last changed the page ('' when not given)


@dataclass(frozen=True)
class Citation:
    """Either a quote from a source of this site (anchored) or an outside reference (shown only)."""

    path: str
    line: int
    source: str = ""            # id of a source of this site
    quote: str = ""
    prefix: str = ""
    suffix: str = ""
    url: str = ""               # outside reference
    title: str = ""
    publisher: str = ""
    date: str = ""


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Annotation:
    """An editor's note anchored to a passage of one source (W3C TextQuoteSelector)."""

    id: str                     # '<source-id>-<n>', n counting from 1 in file order
    source: str
    path: str
    line: int
    quote: str
    kind: str                   # context | fact-check | definition | correction | comparison
    note: str                   # Markdown
    prefix: str = ""
    suffix: str = ""
    actors: tuple[str, ...] = ()
    cites: tuple[Citation, ...] = ()
    actors_line: int = 0        # line of the 'actors' list, for unknown-actor diagnostics


@dataclass(frozen=True)
class Actor:
    """A person, organisation, state, ... with the names the sources use for it."""

    id: str
    path: str
    line: int
    name: str
    kind: str                   # person | organisation | company | government | state | media | group
    aliases: tuple[str, ...] = ()
    ignore_case: tuple[str, ...] = ()   # aliases matched regardless of case
    summary: str = ""           # Markdown
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Event:
    """A dated event of the timeline, with the citations that support it."""

    id: str
    path: str
    line: int
    date: str                   # 2014 | 2014-12 | 2014-12-17 | 2014-12-17T10:00-08:00
    title: str
    kind: str
    summary: str = ""           # Markdown
    end: str = ""
    approximate: bool = False
    actors: tuple[str, ...] = ()
    cites: tuple[Citation, ...] = ()
    actor_lines: tuple[int, ...] = ()   # line of each actor id, for diagnostics


@dataclass(frozen=True)
class Stance:
    """What one source does with a claim, shown by its own words."""

    source: str
    stance: str                 # asserts | hedges | disputes | not-mentioned
    quote: str = ""
    prefix: str = ""
    suffix: str = ""
    line: int = 0


@dataclass(frozen=True)
class Claim:
    """One neutral sentence, and each source's stance on it."""

    id: str
    path: str
    line: int
    claim: str
    stances: tuple[Stance, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Content:
    """Everything loaded and validated from content/, seeds/ and site.yaml."""

    config: SiteConfig
    sources: tuple[Source, ...] = ()
    pages: tuple[FreePage, ...] = ()
    annotations: tuple[Annotation, ...] = ()
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    _index: dict[str, dict] = field(default_factory=dict, compare=False, repr=False)

    def source(self, source_id: str) -> Source | None:
        if "sources" not in self._index:     # one dict, not a scan per lookup: no step quadratic in sources
            self._index["sources"] = {s.id: s for s in self.sources}
        return self._index["sources"].get(source_id)

    def actor(self, actor_id: str) -> Actor | None:
        if "actors" not in self._index:
            self._index["actors"] = {a.id: a for a in self.actors}
        return self._index["actors"].get(actor_id)

    def events_naming(self, actor_id: str) -> tuple[Event, ...]:
        """The events that list an actor, in file order (one inverted index, built once)."""
        if "events_by_actor" not in self._index:
            by_actor: dict[str, list[Event]] = {}
            for e in self.events:
                for a in e.actors:
                    by_actor.setdefault(a, []).append(e)
            self._index["events_by_actor"] = {a: tuple(es) for a, es in by_actor.items()}
        return self._index["events_by_actor"].get(actor_id, ())

    def notes_naming(self, actor_id: str) -> tuple[Annotation, ...]:
        """The annotations that name an actor, in file order, each once."""
        if "notes_by_actor" not in self._index:
            by_actor: dict[str, list[Annotation]] = {}
            for n in self.annotations:
                for a in dict.fromkeys(n.actors):
                    by_actor.setdefault(a, []).append(n)
            self._index["notes_by_actor"] = {a: tuple(ns) for a, ns in by_actor.items()}
        return self._index["notes_by_actor"].get(actor_id, ())

    def actor_names(self) -> dict[str, str]:
        """Actor id -> name, built once."""
        if "actor_names" not in self._index:
            self._index["actor_names"] = {a.id: a.name for a in self.actors}
        return self._index["actor_names"]
