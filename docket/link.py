"""Content -> Site: quotes anchored, ids resolved, mentions found, source bodies marked up."""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import chain
from typing import Any, Callable, Iterable, Sequence

from .anchor import Ambiguous, Anchor, Locator, NotFound
from .cache import digest
from .diagnostics import Diagnostic, Diagnostics, did_you_mean
from .htmltext import Document, Span
from .markup import INSERTION_CLASS, Renderer
from .mentions import Matcher, Mention
from .model import Annotation, Citation, Content, Source
from .packed import PackedHtml, Paragraphs


@dataclass(frozen=True)
class Passage:
    """A quote anchored in a source: where it is, its page anchor, and W3C selector context."""

    source: str
    block: int                  # 0-based index of the paragraph; its page anchor is p-(block+1)
    start: int
    end: int
    anchor: str                 # element id on the source page
    exact: str                  # the source's own words
    prefix: str                 # up to 32 characters before, for a TextQuoteSelector
    suffix: str                 # up to 32 characters after

    @property
    def paragraph(self) -> str:
        return f"p-{self.block + 1}"


@dataclass(frozen=True, slots=True)
class MentionRef:
    """One mention of an actor in a source: its paragraph, and where the sentence around it is in the paragraph.

    A build holds one per mention (430,000 at 10,000 sources), most of them unpickled from workers and
    the cache: with slots, and pickled as a call with its fields (__reduce__), one took about 170 bytes
    instead of 280 once unpickled (measured when it still held its sentence), and its pickle about half
    the bytes. The sentence is not held: it is the paragraph's text from sentence_from to sentence_to
    (MentionLine); the sentences took 90 MB at 10,000 sources."""

    actor: str
    source: str
    block: int
    start: int
    end: int
    sentence_from: int          # the sentence around the mention, in the paragraph's text (white space left out)
    sentence_to: int
    sentence_start: int         # offset of the mention inside the sentence
    explicit: bool = False

    @property
    def paragraph(self) -> str:
        return f"p-{self.block + 1}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (MentionRef, (self.actor, self.source, self.block, self.start, self.end, self.sentence_from,
                             self.sentence_to, self.sentence_start, self.explicit))


@dataclass(frozen=True, slots=True, eq=False)
class MentionLine:
    """One line of an actor page's list of mentions, as the layout reads it (m.before, m.name, m.after,
    m.href, m.paragraph), worked out from the mention and its paragraph when the layout asks: a page holds
    one small object per mention and one string per paragraph, not new strings per line (at 10,000
    sources, 430,000 mentions). Equal, and pickled, by its mention and its sentence."""

    ref: MentionRef
    text: str       # the paragraph's text (decoded once for all its lines), or the sentence alone once unpickled
    at: int = 0     # where the sentence starts in text

    @property
    def sentence(self) -> str:
        return self.text[self.at:self.at + self.ref.sentence_to - self.ref.sentence_from]

    @property
    def before(self) -> str:
        return self.sentence[:self.ref.sentence_start]

    @property
    def name(self) -> str:
        m = self.ref
        return self.sentence[m.sentence_start:m.sentence_start + m.end - m.start]

    @property
    def after(self) -> str:
        m = self.ref
        return self.sentence[m.sentence_start + m.end - m.start:]

    @property
    def href(self) -> str:
        return f"../sources/{self.ref.source}.html#{self.ref.paragraph}"

    @property
    def paragraph(self) -> int:
        return self.ref.block + 1

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MentionLine) and (self.ref, self.sentence) == (other.ref, other.sentence)

    def __hash__(self) -> int:
        return hash((self.ref, self.sentence))

    def __reduce__(self) -> tuple[Any, ...]:     # a call: slots' own state is restored attribute by attribute, slower
        return (MentionLine, (self.ref, self.sentence))

NAMED_BESIDE = 10      # an actor's page lists this many actors named in the same paragraphs


@dataclass(frozen=True)
class Site:
    """The linked site: content plus what the build derived from it, keyed by id."""

    content: Content
    bodies: tuple[tuple[str, PackedHtml], ...]      # source id -> body HTML, marked up (compressed)
    blocks: tuple[tuple[str, Paragraphs], ...] = ()     # source id -> paragraph texts
    passages: tuple[tuple[str, Passage], ...] = ()  # annotation id -> its passage
    quotes: tuple[tuple[tuple[str, str, str, str], Passage], ...] = ()  # (source, quote, prefix, suffix) -> passage
    mentions: tuple[MentionRef, ...] = ()
    note_numbers: tuple[tuple[str, int], ...] = ()  # annotation id -> its number on the source page
    ledes: tuple[tuple[str, str], ...] = ()         # source id -> Renderer.lede of its body
    printed: tuple[tuple[str, Paragraphs], ...] = ()    # source id -> its blocks' words without the editor's
                                                        # insertions, for the sources that have any
    digests: tuple[tuple[str, "SourceDigests"], ...] = ()   # source id -> digests of what linking found, for fingerprint
    _index: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def body(self, source_id: str) -> PackedHtml:
        return self._lookup("bodies", self.bodies)[source_id]

    def paragraphs(self, source_id: str) -> Sequence[str]:
        return self._lookup("blocks", self.blocks).get(source_id, ())

    def printed_words(self, source_id: str) -> Sequence[str]:
        """The paragraph texts as the source printed them: an editor's insertions left out (comparison)."""
        own = self._lookup("printed", self.printed).get(source_id)
        return own if own is not None else self.paragraphs(source_id)

    def passage(self, annotation_id: str) -> Passage | None:
        return self._lookup("passages", self.passages).get(annotation_id)

    def quote(self, cite: Citation) -> Passage | None:
        """The anchored passage of a citation of a source of this site (None for outside ones)."""
        return self._lookup("quotes", self.quotes).get(quote_key(cite.source, cite.quote, cite.prefix, cite.suffix))

    def lede(self, source_id: str) -> str | None:
        """The plain text of the source's first paragraph as linking found it (None: not linked here)."""
        return self._lookup("ledes", self.ledes).get(source_id)

    def note_number(self, annotation_id: str) -> int:
        return self._lookup("notes", self.note_numbers).get(annotation_id, 0)

    def mentions_of(self, actor_id: str) -> tuple[MentionRef, ...]:
        """An actor's mentions, in the order of `mentions` (one index for all actors, built once)."""
        if "by_actor" not in self._index:
            by_actor: dict[str, list[MentionRef]] = defaultdict(list)
            for m in self.mentions:
                by_actor[m.actor].append(m)
            self._index["by_actor"] = {a: tuple(ms) for a, ms in by_actor.items()}
        return self._index["by_actor"].get(actor_id, ())

    def mention_lines(self, actor_id: str) -> tuple[MentionLine, ...]:
        """An actor's mentions as an actor page lists them, each with its sentence (mentions_of's order)."""
        blocks = self._lookup("blocks", self.blocks)
        texts: dict[tuple[str, int], str] = {}      # each paragraph decoded once (docket/packed.py)

        def text(m: MentionRef) -> str:
            where = (m.source, m.block)
            if where not in texts:
                texts[where] = blocks[m.source][m.block]
            return texts[where]
        return tuple(MentionLine(m, text(m), m.sentence_from) for m in self.mentions_of(actor_id))

    def mention_summary(self) -> tuple[tuple[str, int, tuple[str, ...]], ...]:
        """(actor, mentions, the sources naming it, sorted) of every actor named, by actor id: what the actor
        index shows, without the mentions themselves (a page reading only this is not made again when a
        mention's sentence changes)."""
        if "summary" not in self._index:
            sources: dict[str, list[str]] = defaultdict(list)
            for m in self.mentions:
                sources[m.actor].append(m.source)
            self._index["summary"] = tuple((a, len(ids), tuple(sorted(set(ids)))) for a, ids in sorted(sources.items()))
        return self._index["summary"]

    def named_beside(self, actor_id: str) -> tuple[tuple[str, int], ...]:
        """The (at most ten) actors named most often in the same paragraphs as this one, with how often."""
        if "paragraphs" not in self._index:     # two inverted indexes: paragraph -> actors, actor -> paragraphs
            actors: dict[tuple[str, int], dict[str, None]] = defaultdict(dict)
            for m in self.mentions:
                actors[(m.source, m.block)][m.actor] = None
            paragraphs: dict[str, list[tuple[str, int]]] = defaultdict(list)
            for where, named in actors.items():
                for a in named:
                    paragraphs[a].append(where)
            self._index["paragraphs"] = (actors, paragraphs)
        actors, paragraphs = self._index["paragraphs"]
        counts: Counter[str] = Counter()
        for where in paragraphs.get(actor_id, ()):
            counts.update(actors[where].keys())
        counts.pop(actor_id, None)
        return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:NAMED_BESIDE])

    def fingerprint(self, name: str, args: tuple) -> str | None:
        """A digest that changes whenever `self.<name>(*args)` does, cheaper to take than the value's own
        (docket/reads.py); None: take the value's.

        Each source's linking took digests of what it found (SourceDigests), once, where the work is
        spread: a source's paragraphs, printed words and lede are fingerprinted by those. An actor's
        mentions and the actors named beside it come from the sources that name it, so they are
        fingerprinted by those sources' digests of their mentions of it (and of the actors named in
        each of their paragraphs), instead of by pickling every mention again."""
        if len(self.digests) != len(self.bodies):
            return None
        if name in _OWN_DIGESTS:
            own = self._lookup("digests", self.digests).get(args[0])
            return None if own is None else digest(name, args[0], getattr(own, _OWN_DIGESTS[name]))
        if name not in ("mentions_of", "mention_lines", "named_beside"):
            return None
        if "named" not in self._index:
            by_actor: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
            for source, found in self.digests:
                for actor, own in found.mentions:
                    by_actor[actor].append((source, own, found.named))
            self._index["named"] = by_actor
        rows = self._index["named"].get(args[0], ())
        if name in ("mentions_of", "mention_lines"):     # a source's digest of its mentions covers their sentences
            return digest(name, args[0], tuple((source, own) for source, own, _ in rows))
        return digest(name, args[0], tuple((source, named) for source, _, named in rows))

    def _lookup(self, name: str, pairs: Iterable[tuple]) -> dict:
        if name not in self._index:
            self._index[name] = dict(pairs)
        return self._index[name]


def quote_key(source: str, quote: str, prefix: str, suffix: str) -> tuple[str, str, str, str]:
    return (source, " ".join(quote.split()), " ".join(prefix.split()), " ".join(suffix.split()))


def quote_anchor(key: tuple[str, str, str, str]) -> str:
    """A stable element id for a cited quote: the same citation always links to the same place."""
    return "q-" + hashlib.sha1("\x1f".join(key).encode("utf-8")).hexdigest()[:10]


def all_citations(content: Content) -> list[Citation]:
    """Every citation of every record, in a fixed order."""
    cites = [c for a in content.annotations for c in a.cites]
    cites += [c for e in content.events for c in e.cites]
    cites += [Citation(c.path, s.line, source=s.source, quote=s.quote, prefix=s.prefix, suffix=s.suffix)
              for c in content.claims for s in c.stances if s.quote]
    return cites


_EXPLICIT_RE = re.compile(r'<span class="actor-ref" data-actor="([a-z0-9-]+)">')
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_CONTEXT = 32


@dataclass(frozen=True)
class LinkJob:
    """What linking any one source needs; built once per build, shared by every source (and worker)."""

    content: Content
    renderer: Renderer
    matcher: Matcher
    actor_ids: frozenset[str]
    annotations: dict[str, tuple[Annotation, ...]]                          # source id -> its annotations
    cites: dict[str, tuple[tuple[tuple[str, str, str, str], Citation], ...]]  # source id -> (key, citation)

    def inputs(self, source: Source) -> tuple:
        """Everything of the content that link_source reads for this source (its cache key's parts)."""
        return (source, self.annotations.get(source.id, ()), self.cites.get(source.id, ()))

    def records(self, source: Source) -> tuple:
        """inputs(source) as the records themselves: its tuples are made anew by each link_job, the records are
        not (a long-lived process finds an unchanged source's key by their identity)."""
        return (source, *self.annotations.get(source.id, ()), *(cite for _, cite in self.cites.get(source.id, ())))

    def shared_inputs(self) -> tuple:
        """What link_source reads for every source: actors (matcher, names) and each source's outlet."""
        return (self.content.actors, tuple((s.id, s.outlet) for s in self.content.sources))


@dataclass(frozen=True)
class SourceLinks:
    """The result of linking one source: the unit that is cached and spread over cores."""

    source: str
    body: PackedHtml                    # the marked-up body, compressed until its page is rendered
    blocks: Paragraphs
    passages: tuple[tuple[str, Passage], ...]
    quotes: tuple[tuple[tuple[str, str, str, str], Passage], ...]
    mentions: tuple[MentionRef, ...]
    note_numbers: tuple[tuple[str, int], ...]
    diagnostics: tuple[Diagnostic, ...]
    lede: str = ""                      # Renderer.lede of the body, computed here where the work is spread
    printed: Paragraphs | None = None  # the blocks' texts without the editor's insertions; None: the same
    digests: "SourceDigests | None" = None  # for Site.fingerprint


@dataclass(frozen=True)
class SourceDigests:
    """Digests of what linking found in one source: its mentions of each actor it names (by actor id), the
    set of actors named in each of its paragraphs (what the actors named beside one another come
    from), its paragraph texts, those texts as printed (Site.printed_words) and its lede."""

    mentions: tuple[tuple[str, str], ...]
    named: str
    blocks: str
    printed: str
    lede: str

    @classmethod
    def of(cls, mentions: Iterable[MentionRef], blocks: tuple[str, ...], printed: tuple[str, ...],
           lede: str) -> "SourceDigests":
        by_actor: dict[str, list[MentionRef]] = defaultdict(list)
        in_block: dict[int, set[str]] = defaultdict(set)
        for m in mentions:
            by_actor[m.actor].append(m)
            in_block[m.block].add(m.actor)
        texts = digest(blocks)
        return cls(tuple((a, digest(tuple(ms), tuple(blocks[m.block][m.sentence_from:m.sentence_to] for m in ms)))
                         for a, ms in sorted(by_actor.items())),
                   digest(tuple((b, tuple(sorted(actors))) for b, actors in sorted(in_block.items()))),
                   texts, texts if printed == blocks else digest(printed), digest(lede))


# Site lookups of one source fingerprinted by a SourceDigests field: lookup -> field.
_OWN_DIGESTS = {"paragraphs": "blocks", "printed_words": "printed", "lede": "lede"}


LinkAll = Callable[[LinkJob, "tuple[Source, ...]"], "list[SourceLinks]"]


def link_job(content: Content, renderer: Renderer, diags: Diagnostics, matcher: Matcher | None = None) -> LinkJob:
    """Index annotations and citations by source (reporting citations of unknown sources) and build the matcher
    (unless given one built from the same actors)."""
    source_ids = {s.id for s in content.sources}
    by_source: dict[str, list[Annotation]] = defaultdict(list)
    for a in content.annotations:
        by_source[a.source].append(a)
    cites_by_source: dict[str, dict[tuple[str, str, str, str], Citation]] = defaultdict(dict)
    for cite in all_citations(content):
        if not cite.source:
            continue
        if cite.source not in source_ids:
            diags.error(cite.path, cite.line, f"unknown source '{cite.source}'",
                        did_you_mean(cite.source, source_ids) or "cite a file name in content/sources/, without .md",
                        about=f"source:{cite.source}")
            continue
        cites_by_source[cite.source].setdefault(quote_key(cite.source, cite.quote, cite.prefix, cite.suffix), cite)
    return LinkJob(content, renderer, matcher or Matcher.build(content.actors), frozenset(a.id for a in content.actors),
                   {k: tuple(v) for k, v in by_source.items()},
                   {k: tuple(sorted(v.items())) for k, v in cites_by_source.items()})


def link_serially(job: LinkJob, sources: tuple[Source, ...]) -> list[SourceLinks]:
    return [link_source(job, s) for s in sources]


def resolve(content: Content, renderer: Renderer, diags: Diagnostics, link_all: LinkAll = link_serially,
            matcher: Matcher | None = None) -> Site:
    """Anchor every quote, find every mention and mark up every source body (link_all may cache or spread it;
    matcher: the actors' automaton, when one is at hand)."""
    job = link_job(content, renderer, diags, matcher)
    linked = link_all(job, content.sources)
    for one in linked:
        diags.extend(one.diagnostics)
    joined = chain.from_iterable        # three times as fast as a generator per item (430,000 mentions at 10,000 sources)
    return Site(content=content, bodies=tuple((x.source, x.body) for x in linked),
                blocks=tuple((x.source, x.blocks) for x in linked),
                passages=tuple(joined(x.passages for x in linked)), quotes=tuple(joined(x.quotes for x in linked)),
                mentions=tuple(joined(x.mentions for x in linked)),
                note_numbers=tuple(joined(x.note_numbers for x in linked)),
                ledes=tuple((x.source, x.lede) for x in linked),
                printed=tuple((x.source, x.printed) for x in linked if x.printed is not None),
                digests=tuple((x.source, x.digests) for x in linked if x.digests is not None))


def link_source(job: LinkJob, source: Source) -> SourceLinks:
    """One source: its body marked up with anchored passages, citations, mentions and notes."""
    diags = Diagnostics()
    content, renderer = job.content, job.renderer
    passages, quotes, numbers = [], [], []
    markdown = source.body
    body_html = renderer.source_body(markdown)
    doc = Document.parse(body_html)
    texts = tuple(b.text for b in doc.blocks)
    locator = Locator(texts)
    spans: list[Span] = []
    placed_notes: list[tuple[Annotation, Passage]] = []
    for a in job.annotations.get(source.id, ()):
        where = _anchor(locator, a.quote, a.prefix, a.suffix, source.id, a.path, a.line, diags)
        if where is None:
            continue
        p = _passage(source.id, texts, where, f"passage-{a.id}")
        passages.append((a.id, p))
        placed_notes.append((a, p))
    for key, cite in job.cites.get(source.id, ()):
        where = _anchor(locator, cite.quote, cite.prefix, cite.suffix, source.id, cite.path, cite.line, diags)
        if where is None:
            continue
        p = _passage(source.id, texts, where, quote_anchor(key))
        quotes.append((key, p))
        spans.append(Span(p.block, p.start, p.end, '<mark class="cite">', "</mark>", once=f' id="{p.anchor}"'))
    placed_notes.sort(key=lambda pair: (pair[1].block, pair[1].start, -pair[1].end, pair[0].id))
    refs: dict[int, list[str]] = defaultdict(list)
    for n, (a, p) in enumerate(placed_notes, start=1):
        numbers.append((a.id, n))
        spans.append(Span(p.block, p.start, p.end, f'<mark class="passage passage--{a.kind}">', "</mark>",
                          once=f' id="{p.anchor}"'))
    found = _mentions(source.id, body_html, doc, job.matcher, job.actor_ids, diags, source.path)
    first_in_block: set[tuple[int, str]] = set()
    for m in found:
        if (m.block, m.actor) in first_in_block:
            continue
        first_in_block.add((m.block, m.actor))
        spans.append(Span(m.block, m.start, m.end, f'<a class="actor" href="../actors/{m.actor}.html">', "</a>",
                          avoid=frozenset({"a"})))
    first_ref = len(spans)
    spans.extend(_note_ref(a, p, n, len(texts[p.block])) for n, (a, p) in enumerate(placed_notes, start=1))
    placed = doc.place(spans)
    marked = placed.html
    for span, shown in zip(spans[first_ref:], placed.pieces[first_ref:]):
        if not shown:       # the passage ends inside a link: the number goes at the end of the block
            refs[span.block].append(span.open + span.close)
    notes_by_block: dict[int, list[str]] = defaultdict(list)
    for n, (a, p) in enumerate(placed_notes, start=1):
        notes_by_block[p.block].append(_note_html(a, p, n, renderer, content))
    marked = _insert_notes(marked, notes_by_block, refs)
    printed = doc.texts_without(INSERTION_CLASS)
    lede = renderer.lede(markdown)
    return SourceLinks(source.id, PackedHtml.of(marked), Paragraphs.of(texts), tuple(passages), tuple(quotes), tuple(found),
                       tuple(numbers), tuple(diags.items), lede, Paragraphs.of(printed) if printed != texts else None,
                       SourceDigests.of(found, texts, printed, lede))


def _anchor(locator: Locator, quote: str, prefix: str, suffix: str, source_id: str, path: str, line: int,
            diags: Diagnostics) -> Anchor | None:
    """Locate a quote; report a misquote with the closest passage, a repeat with a prefix to add."""
    result = locator.locate(quote, prefix, suffix)
    if isinstance(result, Anchor):
        return result
    short = quote if len(quote) <= 80 else quote[:77] + "..."
    if isinstance(result, NotFound):
        hint = (f"closest passage: \"{result.closest}\"" if result.closest
                else "copy the words exactly from the source page")
        diags.error(path, line, f"quote not found in source '{source_id}': \"{short}\"", hint)
    elif isinstance(result, Ambiguous):
        if result.prefix:
            hint = f"add prefix: \"{result.prefix}\" to choose the first"
        elif result.suffix:
            hint = f"add suffix: \"{result.suffix}\" to choose the first"
        else:
            hint = "quote a longer passage"
        diags.error(path, line, f"quote found {result.count} times in source '{source_id}': \"{short}\"", hint)
    return None


def _note_ref(a: Annotation, p: Passage, n: int, block_length: int) -> Span:
    """The note's number right after its passage (before the next character), linking to the note."""
    ref = f'<a class="note-ref" href="#note-{a.id}" id="ref-{a.id}" aria-label="Note {n}">{n}</a>'
    if p.end < block_length:
        return Span(p.block, p.end, p.end + 1, ref, "", avoid=frozenset({"a"}))
    return Span(p.block, p.end - 1, p.end, "", ref, avoid=frozenset({"a"}))


def _passage(source_id: str, texts: tuple[str, ...], where: Anchor, anchor: str) -> Passage:
    text = texts[where.block]
    return Passage(source_id, where.block, where.start, where.end, anchor, text[where.start:where.end],
                   text[max(0, where.start - _CONTEXT):where.start], text[where.end:where.end + _CONTEXT])


def _mentions(source_id: str, body_html: str, doc: Document, matcher: Matcher, actor_ids: set[str],
              diags: Diagnostics, path: str) -> list[MentionRef]:
    """Every mention in every paragraph: explicit markers first, then the aliases found."""
    explicit = _explicit_spans(body_html, doc)
    out = []
    for b, block in enumerate(doc.blocks):
        marked = [(s, e, actor) for (bb, s, e, actor) in explicit if bb == b]
        found = [m for m in matcher.find(block.text)
                 if not any(s < m.end and m.start < e for s, e, _ in marked)]
        found += [Mention(actor, s, e, block.text[s:e]) for s, e, actor in marked if actor in actor_ids]
        for m in sorted(found, key=lambda m: (m.start, m.end, m.actor)):
            begin, end, offset = _sentence(block.text, m.start)
            out.append(MentionRef(m.actor, source_id, b, m.start, m.end, begin, end, m.start - offset,
                                  explicit=any(s == m.start and e == m.end for s, e, _ in marked)))
    return out


def _explicit_spans(body_html: str, doc: Document) -> list[tuple[int, int, int, str]]:
    """(block, start, end, actor) of every [words]{@actor} marker, in the blocks' text offsets."""
    spans = []
    block_starts = [(m.start(), int(m.group(1)) - 1) for m in re.finditer(r'id="p-(\d+)"', body_html)]
    for m in _EXPLICIT_RE.finditer(body_html):
        containing = [b for pos, b in block_starts if pos < m.start()]
        if not containing:
            continue
        b = containing[-1]
        block_pos = next(pos for pos, bb in block_starts if bb == b)
        open_end = body_html.index(">", block_pos) + 1
        before = html.unescape(re.sub(r"<[^>]*>", "", body_html[open_end:m.start()]))
        close = body_html.index("</span>", m.end())
        words = html.unescape(re.sub(r"<[^>]*>", "", body_html[m.end():close]))
        if 0 <= b < len(doc.blocks) and doc.blocks[b].text[len(before):len(before) + len(words)] == words:
            spans.append((b, len(before), len(before) + len(words), m.group(1)))
    return spans


def _sentence(text: str, at: int) -> tuple[int, int, int]:
    """Where the sentence of text that holds offset at begins and ends (white space left out), and where
    the stretch it was cut from starts (the offset of its white space, if any)."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() > at:
            return (*_stripped(text, start, m.start()), start)
        start = m.end()
    return (*_stripped(text, start, len(text)), start)


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of text[start:end] with its white space at both ends left out (as str.strip)."""
    piece = text[start:end]
    begin = start + len(piece) - len(piece.lstrip())
    return begin, max(begin, start + len(piece.rstrip()))


_KIND_LABELS = {"context": "Context", "fact-check": "Fact-check", "definition": "Definition",
                "correction": "Correction", "comparison": "Comparison"}


def _note_html(a: Annotation, p: Passage, n: int, renderer: Renderer, content: Content) -> str:
    """One note: numbered, its kind labelled, announced with its passage, linked back to it."""
    exact = html.escape(p.exact if len(p.exact) <= 90 else p.exact[:87].rstrip() + "…")
    kind = _KIND_LABELS[a.kind]
    cites = "".join(_cite_html(c, content) for c in a.cites)
    actors = content.actor_names()
    actor_links = ", ".join(f'<a href="../actors/{x}.html">{html.escape(actors[x])}</a>' for x in a.actors if x in actors)
    return (
        f'<details class="note note--{a.kind}" id="note-{a.id}">'
        f'<summary><span class="note__num">{n}</span> <span class="note__kind">{kind}</span>'
        f'<span class="visually-hidden"> on “{exact}”</span></summary>'
        f'<div class="note__body">{renderer.html(a.note)}'
        + (f'<p class="note__cites">Sources: {cites}</p>' if cites else "")
        + (f'<p class="note__actors">Names: {actor_links}</p>' if actor_links else "")
        + f'<p class="note__back"><a href="#{p.anchor}">Back to the passage</a></p></div></details>'
    )


def _cite_html(c: Citation, content: Content) -> str:
    if c.source:
        s = content.source(c.source)
        key = quote_key(c.source, c.quote, c.prefix, c.suffix)
        label = html.escape(s.outlet if s else c.source)
        return (f'<span class="cite-item"><a href="{html.escape(c.source)}.html#{quote_anchor(key)}">{label}</a>: '
                f'“{html.escape(c.quote)}”</span> ')
    meta = ", ".join(x for x in (c.publisher, c.date) if x)
    return (f'<span class="cite-item"><a href="{html.escape(c.url)}">{html.escape(c.title)}</a>'
            + (f" ({html.escape(meta)})" if meta else "") + "</span> ")


_BLOCK_OPEN = re.compile(r'<(p|h[1-6]|li|dt|dd|td|th|pre)\b[^>]*\bid="p-(\d+)"[^>]*>')
_INLINE_HOSTS = {"li", "dt", "dd", "td", "th"}


def permalink(b: int) -> str:
    """A block's own link, last in it; empty, its mark drawn by CSS, so no page or index text gains a character."""
    return f'<a class="permalink" href="#p-{b + 1}" aria-label="Link to paragraph {b + 1}"></a>'


def _insert_notes(body: str, notes: dict[int, list[str]], refs: dict[int, list[str]]) -> str:
    """End every block with its leftover note numbers and its permalink; put its notes right after it
    (inside it for list items and cells)."""
    out, pos = [], 0
    for m in _BLOCK_OPEN.finditer(body):
        tag, b = m.group(1), int(m.group(2)) - 1
        close = body.index(f"</{tag}>", m.end())
        ending = "".join(refs.get(b, [])) + permalink(b)
        block_notes = "".join(notes.get(b, []))
        if tag in _INLINE_HOSTS or not block_notes and b not in refs:
            out.append(body[pos:close] + ending + block_notes + f"</{tag}>")
        else:
            out.append(body[pos:m.start()] + '<div class="annotated">' + body[m.start():close] + ending
                       + f"</{tag}>" + (f'<div class="notes">{block_notes}</div>' if block_notes else "") + "</div>")
        pos = close + len(f"</{tag}>")
    out.append(body[pos:])
    return "".join(out)
