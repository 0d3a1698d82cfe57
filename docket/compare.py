"""Find what sources share without an editor: quotations, verbatim runs and passages in other words.

Every step indexes first and compares only candidates, so the work grows with the number of words,
not with the number of pairs of sentences (bench/compare_bench.py):

- shared quotations: each distinct quoted phrase is looked up once, through the posting list of its
  rarest word, in every other source;
- verbatim runs: every run of `RUN_WORDS` words (a shingle) is hashed; the shingles whose hash two
  sources have are checked word for word and merged into maximal runs (union-find), without
  pairing occurrences;
- closely matching passages: sentences are paired through words that occur in at most
  `RARE_CAP` sentences, and through each of its `COMMON_KEYS` rarest commoner words only with the
  next `COMMON_WINDOW` sentences that use it; each sentence scores at most `MAX_CANDIDATES` of them (idf-weighted
  overlap), and is paired with at most `MATCHES_PER_SENTENCE` others; so the pairs scored and
  kept grow with the sentences, not with their square. The changed words are marked (difflib) only
  for the matches a page shows (`mark_changes`).
"""

from __future__ import annotations

import heapq
import html
import math
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import accumulate, chain, compress, count, repeat
from operator import add, getitem
from typing import Any

from .collector import paused

RUN_WORDS = 8           # a verbatim run counts from this many words
QUOTE_MIN_WORDS = 2     # a quoted phrase of one word is too common to mean anything
RARE_CAP = 64           # a word in more sentences than this pairs a sentence only with the next few that use it
COMMON_WINDOW = 8       # those few
COMMON_KEYS = 4         # the commoner words of a sentence that pair it so: its rarest
MAX_CANDIDATES = 16     # later sentences a sentence is scored against at most (those sharing the most rare words)
MATCHES_PER_SENTENCE = 4  # a sentence is shown beside at most this many others (the closest), one per source
MIN_SHARED = 3          # candidate sentences share at least this many rare words
MATCH_SCORE = 0.25      # idf-weighted overlap from which two sentences report the same thing
MIN_SENTENCE_WORDS = 5

_WORD = re.compile(r"[^\W_]+(?:['’‘\-][^\W_]+)*")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
_ONES = re.compile(rb"\x01+")  # stretches of flagged positions
_QUOTED = re.compile(r"“([^“”]+)”|\"([^\"]+)\"")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on
once only or other our out over own same she should so some such than that the their them then there these
they this those through to too under until up very was we were what when where which while who whom why will
with would you your said says say told tell tells
""".split())


@dataclass(frozen=True)
class Stream:
    """A source's words in reading order: each word folded, and its character offsets in its block.

    `first[b]` is the index of block b's first word (`first[-1]` the number of words), so the words of
    a stretch of a block are found by bisecting `starts` between first[b] and first[b + 1], and a
    word's block by bisecting `first`.
    """

    norms: tuple[str, ...]
    starts: Sequence[int]       # arrays of machine integers: a tenth of the memory of tuples of int objects
    ends: Sequence[int]
    first: Sequence[int]

    def block_of(self, i: int) -> int:
        """The block word i is in."""
        return bisect_right(self.first, i) - 1

    def span(self, block: int, lo: int, hi: int) -> tuple[int, int]:
        """The words (i, j) of a block that start within characters lo..hi."""
        a, b = self.first[block], self.first[block + 1]
        i = bisect_left(self.starts, lo, a, b)
        return i, bisect_left(self.starts, hi, i, b)


@dataclass(frozen=True)
class Occurrence:
    """Where a source prints shared words: from (block, start) to (end_block, end), and whether in quotation marks."""

    source: str
    block: int
    start: int
    end_block: int
    end: int
    text: str
    quoted: bool = False


@dataclass(frozen=True)
class SharedQuote:
    """Words that two or more sources print: a quotation (in quotation marks somewhere) or a verbatim run."""

    text: str
    words: int
    quoted: bool
    occurrences: tuple[Occurrence, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(o.source for o in self.occurrences)


@dataclass(frozen=True)
class Sentence:
    source: str
    block: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Match:
    """Two sentences of different sources that report the same thing (mark_changes shows how they differ)."""

    a: Sentence
    b: Sentence
    score: float


@dataclass(frozen=True)
class Matches:
    """What matching_passages found: the matches (all of them, or the closest few), and counts of all of them."""

    shown: tuple[Match, ...]        # in reading order of the first sentence, then of the second
    count: int                      # all the matches found, shown or not
    by_source: tuple[tuple[str, int], ...]  # (source, how many of all the matches it takes part in), sources in order
    candidates: int                 # sentence pairs scored: the cost of matching, for the bench


@dataclass(frozen=True)
class Found:
    quotations: tuple[SharedQuote, ...]
    matches: tuple[Match, ...]      # all of them, or the `shown` closest when compare() was given a limit
    candidates: int = 0             # sentence pairs scored: the cost of matching, for the bench
    match_count: int = 0            # all the matches found
    matched: tuple[tuple[str, int], ...] = ()   # (source, how many of all the matches it takes part in)


class _Memo(dict):  # type: ignore[type-arg]
    """A word -> f(word) table filled on first use: a corpus repeats its words, so each is worked out once."""

    def __init__(self, f: Callable[[str], Any]) -> None:
        super().__init__()
        self.f = f

    def __missing__(self, word: str) -> Any:
        value = self[word] = self.f(word)
        return value


def normalise(word: str) -> str:
    return word.lower().replace("’", "'").replace("‘", "'")


def stream(blocks: Sequence[str], fold: Mapping[str, str] | None = None) -> Stream:
    """Every word of a source's blocks, in reading order."""
    fold = fold if fold is not None else _Memo(normalise)
    norms: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    first = [0]
    for b, text in enumerate(blocks):
        # split by a capturing pattern: the text between words and the words, alternately; the running
        # sum of their lengths gives each word's start and end (no match object per word)
        parts = _WORD_SPLIT.split(text)
        found = parts[1::2]
        offsets = list(accumulate(map(len, parts)))
        norms += map(fold.__getitem__, found)
        starts += offsets[0:-1:2]
        ends += offsets[1::2]
        first.append(len(norms))
    return Stream(tuple(norms), array("i", starts), array("i", ends), array("i", first))


def compare(sources: Mapping[str, Sequence[str]], shown: int | None = None) -> Found:
    """Shared quotations, verbatim runs and matching passages across any number of sources.

    shown: keep only that many matches, the closest (see `closest`); the others are only counted. At
    10,000 sources there are about 215,000, and a page lists 200: the others took a hundred megabytes.

    Without cycle collection (docket/collector.py): comparing makes millions of small tuples, lists and
    dataclass instances and no reference cycles, and the collector would walk the live ones again and
    again (about a fifth of compare()'s time at 1,000 `stories` sources).

    A site's paragraphs (docket/packed.py) are read as they are, each decoded when it is read: as tuples
    of str beside them, the 10,000 sources' words took the comparison's process 110 MB more, for 0.4-1.1 s
    less (bench/RESULTS.md)."""
    with paused():
        return _compare(sources, shown)


def _compare(sources: Mapping[str, Sequence[str]], shown: int | None) -> Found:
    fold = _Memo(normalise)
    streams = {sid: stream(blocks, fold) for sid, blocks in sources.items()}
    order = {sid: k for k, sid in enumerate(sources)}
    quotations = shared_quotations(sources, streams)
    at, where = _by_block(quotations), _by_source(quotations)
    runs = [r for r in verbatim_runs(sources, streams) if not _covered(r, at, where)]
    shared = sorted(quotations + runs, key=lambda q: (-len(q.occurrences), -q.words, _first(q, order)))
    found = matching_passages(sources, streams, shown)
    return Found(tuple(shared), found.shown, found.candidates, found.count, found.by_source)


# --- shared quotations --------------------------------------------------------------------------

def shared_quotations(sources: Mapping[str, Sequence[str]], streams: Mapping[str, Stream]) -> list[SharedQuote]:
    """Phrases a source prints in quotation marks that at least one other source prints too."""
    quoted_ranges: dict[str, list[tuple[int, int]]] = defaultdict(list)
    phrases: dict[tuple[str, ...], None] = {}
    for sid, blocks in sources.items():
        st = streams[sid]
        for b, text in enumerate(blocks):
            for m in _QUOTED.finditer(text):
                i, j = st.span(b, *(m.span(1) if m.group(1) is not None else m.span(2)))
                if j - i < QUOTE_MIN_WORDS or _is_title(text, st.starts[i:j]):
                    continue
                quoted_ranges[sid].append((i, j))
                phrases.setdefault(st.norms[i:j])
    # each phrase is looked up through its rarest word (fewest occurrences in all sources, then first):
    # only those words' occurrences are listed
    counts = Counter(chain.from_iterable(st.norms for st in streams.values()))
    rarest = {phrase: min(range(len(phrase)), key=lambda r: (counts[phrase[r]], r)) for phrase in phrases}
    del counts
    keys = {phrase[rare] for phrase, rare in rarest.items()}
    postings: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for sid, st in streams.items():
        norms = st.norms
        for i in compress(range(len(norms)), map(keys.__contains__, norms)):
            postings[norms[i]].append((sid, i))
    order = {sid: k for k, sid in enumerate(sources)}
    out = []
    for phrase, rare in rarest.items():
        found: dict[str, tuple[int, int]] = {}
        for sid, k in postings[phrase[rare]]:
            i = k - rare
            if sid in found or i < 0:
                continue
            if streams[sid].norms[i:i + len(phrase)] == phrase:
                found[sid] = (i, i + len(phrase))
        if len(found) < 2:
            continue
        occ = tuple(_occurrence(sid, sources[sid], streams[sid], i, j,
                                any(a <= i and j <= b for a, b in quoted_ranges[sid]))
                    for sid, (i, j) in sorted(found.items(), key=lambda kv: order[kv[0]]))
        out.append(SharedQuote(occ[0].text if occ[0].quoted else next((o.text for o in occ if o.quoted), occ[0].text),
                               len(phrase), True, occ))
    return _drop_contained(out)


def _is_title(text: str, starts: Sequence[int]) -> bool:
    """Every word capitalised: a film's title or a name, not a quotation."""
    return all(text[i].isupper() or not text[i].isalpha() for i in starts)


def _by_block(quotes: Sequence[SharedQuote]) -> dict[tuple[str, int], list[int]]:
    """The quotes (by index) with an occurrence in each (source, block): the only ones a passage there can meet."""
    at: dict[tuple[str, int], list[int]] = defaultdict(list)
    for n, q in enumerate(quotes):
        for o in q.occurrences:
            for b in range(o.block, o.end_block + 1):
                if not at[(o.source, b)] or at[(o.source, b)][-1] != n:
                    at[(o.source, b)].append(n)
    return at


def _by_source(quotes: Sequence[SharedQuote]) -> list[dict[str, list[Occurrence]]]:
    """Each quote's occurrences by source: a passage is checked against its own source's only, not every source's."""
    out = []
    for q in quotes:
        where: dict[str, list[Occurrence]] = defaultdict(list)
        for o in q.occurrences:
            where[o.source].append(o)
        out.append(dict(where))
    return out


def _near(at: Mapping[tuple[str, int], list[int]], o: Occurrence) -> list[int]:
    """The quotes (by index) with an occurrence in a block of o's source that o spans, in their order."""
    return sorted({n for b in range(o.block, o.end_block + 1) for n in at.get((o.source, b), ())})


def _drop_contained(quotes: list[SharedQuote]) -> list[SharedQuote]:
    """A shared phrase inside a longer one printed by the same sources adds nothing."""
    at = _by_block(quotes)
    where = _by_source(quotes)
    keep = []
    for n, q in enumerate(quotes):
        sources = set(q.sources)
        inside = any(m != n and quotes[m].words > q.words and sources <= where[m].keys()
                     and all(_within(o, where[m][o.source]) for o in q.occurrences) for m in _near(at, q.occurrences[0]))
        if not inside:
            keep.append(q)
    return keep


def _within(o: Occurrence, same_source: Sequence[Occurrence]) -> bool:
    return any((p.block, p.start) <= (o.block, o.start) and (o.end_block, o.end) <= (p.end_block, p.end) for p in same_source)


# --- verbatim runs ------------------------------------------------------------------------------

def shared_values(arrays: Iterable[array], parts: int = 16) -> set[int]:
    """The values that two or more of the arrays (of 64-bit integers) hold.

    Worked out a range of values at a time, over each array's distinct values sorted: a set of every
    distinct value at once (2.1 million shingle hashes at 10,000 sources, each an int object) took
    200 MB; this takes about a third of that, for about 1.5 s more (bench/RESULTS.md).
    """
    distinct = [array("q", sorted(set(a))) for a in arrays]
    bounds = [-(1 << 63) + (k << 64) // parts for k in range(parts + 1)]
    again: set[int] = set()
    for lo, hi in zip(bounds, bounds[1:]):
        seen: set[int] = set()
        for values in distinct:
            mine = set(values[bisect_left(values, lo):bisect_left(values, hi)])
            again |= seen & mine
            seen |= mine
    return again


def verbatim_runs(sources: Mapping[str, Sequence[str]], streams: Mapping[str, Stream]) -> list[SharedQuote]:
    """Maximal runs of RUN_WORDS words or more that two or more sources print word for word.

    Each source's shingles (runs of RUN_WORDS words) are hashed into a compact array; a first pass
    keeps the hashes two sources have, and the stretches of consecutive such positions (segments)
    are the only words looked at again. Segments with the same words are worked out once: their
    shingles are checked word for word (a hash shared by chance splits a segment), and segments
    sharing a shingle are merged (union-find over distinct segments, not over occurrences).
    """
    hashes = {sid: array("q", map(hash, zip(*(st.norms[k:] for k in range(RUN_WORDS))))) for sid, st in streams.items()}
    again = shared_values(hashes.values())
    # candidate segments: (source, first word, words) for each stretch of positions whose hash another source has
    content_of: dict[tuple[str, ...], int] = {}        # a segment's words -> its content number
    contents: list[tuple[str, ...]] = []
    printers: list[str] = []        # each content's source when one source prints it, "" when more do
    candidates: list[tuple[str, int, int]] = []         # (source, first word, content)
    for sid, hs in hashes.items():
        norms = streams[sid].norms
        flags = bytes(map(again.__contains__, hs))
        for m in _ONES.finditer(flags):
            a, b = m.span()
            words = norms[a:b - 1 + RUN_WORDS]
            c = content_of.get(words)
            if c is None:
                c = content_of[words] = len(contents)
                contents.append(words)
                printers.append(sid)
            elif printers[c] != sid:
                printers[c] = ""
            candidates.append((sid, a, c))
    del hashes, again, content_of
    # each distinct shingle of those contents, with the sources printing it (first one, and whether more)
    shingle_id: dict[tuple[str, ...], int] = {}
    first_source: list[str] = []
    many: list[bool] = []
    ids_of: list[list[int]] = []
    for c, words in enumerate(contents):
        one = printers[c] or None
        ids = []
        for k in range(len(words) - RUN_WORDS + 1):
            sh = words[k:k + RUN_WORDS]
            n = shingle_id.get(sh)
            if n is None:
                n = shingle_id[sh] = len(first_source)
                first_source.append(one if one is not None else "")
                many.append(one is None)
            elif not many[n] and (one is None or first_source[n] != one):
                many[n] = True
            ids.append(n)
        ids_of.append(ids)
    del shingle_id, printers
    # each content's sub-runs of shingles two sources print: (first shingle, last shingle + 1)
    parent: list[int] = []                              # union-find over (content, sub-run) parts
    parts: list[list[tuple[int, int, int]]] = []        # per content: (first shingle, end shingle, part)
    owner: dict[int, int] = {}                          # shingle -> first part holding it

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # a component's root is its lowest part, whatever order its parts are joined in
    for ids in ids_of:
        mine = []
        for m in _ONES.finditer(bytes(map(many.__getitem__, ids))):
            start, end = m.span()
            p = len(parent)
            parent.append(p)
            mine.append((start, end, p))
            for q in set(map(owner.setdefault, ids[start:end], repeat(p))):
                if q != p:
                    x, y = find(p), find(q)
                    if x != y:
                        parent[max(x, y)] = min(x, y)
        parts.append(mine)
    del ids_of, owner
    # the segments in source order, then word order, each with its component; a group per component,
    # in the order of its first segment, holding each source's first segment in it
    groups: dict[int, dict[str, tuple[int, int]]] = {}
    for sid, a, c in candidates:
        for start, end, p in parts[c]:
            members = groups.setdefault(find(p), {})
            if sid not in members:
                members[sid] = (a + start, a + end - 1 + RUN_WORDS)
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        occ = tuple(_occurrence(sid, sources[sid], streams[sid], i, j, False) for sid, (i, j) in members.items())
        longest = max(occ, key=lambda o: len(o.text))
        out.append(SharedQuote(longest.text, len(_WORD.findall(longest.text)), False, occ))
    return out


def _covered(run: SharedQuote, at: Mapping[tuple[str, int], list[int]], where: Sequence[Mapping[str, list[Occurrence]]]) -> bool:
    """A verbatim run already shown as a shared quotation (the same words in the same sources)."""
    sources = set(run.sources)
    return any(sources <= where[m].keys() and all(_overlaps(o, where[m][o.source]) for o in run.occurrences)
               for m in _near(at, run.occurrences[0]))


def _overlaps(o: Occurrence, same_source: Sequence[Occurrence]) -> bool:
    return any((p.block, p.start) < (o.end_block, o.end) and (o.block, o.start) < (p.end_block, p.end) for p in same_source)


# --- matching passages --------------------------------------------------------------------------

def sentences(source: str, blocks: Sequence[str]) -> list[Sentence]:
    """Every sentence of every block, with its offsets in the block."""
    return [Sentence(source, b, start, end, text[start:end])
            for b, text in enumerate(blocks) for start, end in _sentence_spans(text)]


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of a block, white space around it left out."""
    out = []
    start = 0
    for m in [*_SENTENCE_END.finditer(text), None]:
        end = m.start() if m else len(text)
        piece = text[start:end]
        body = piece.lstrip()
        if body:
            out.append((start + len(piece) - len(body), start + len(piece.rstrip())))
        if m:
            start = m.end()
    return out


def stem(word: str) -> str:
    """A crude English stem, enough to meet 'canceled' and 'cancel', 'theaters' and 'theater'."""
    word = word.removesuffix("'s")
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: -len(suffix)] + keep
    return word


def content_stem(norm: str) -> str:
    """A folded word's stem if it carries content; '' for a stopword or a word of two letters or fewer."""
    return stem(norm) if norm not in STOPWORDS and len(norm) > 2 else ""


def content_words(text: str) -> frozenset[str]:
    return frozenset(filter(None, (content_stem(normalise(m.group())) for m in _WORD.finditer(text))))


def matching_passages(sources: Mapping[str, Sequence[str]], streams: Mapping[str, Stream] | None = None,
                      limit: int | None = None) -> Matches:
    """Pairs of sentences from different sources that say the same thing in other words.

    Sentences meet through words found in at most RARE_CAP sentences, and through each of their
    COMMON_KEYS rarest commoner words only the next COMMON_WINDOW sentences that use it (so copies of one text printed by hundreds
    of sources still meet their neighbours); each sentence scores at most MAX_CANDIDATES later
    sentences (those sharing the most words this way), so the pairs scored grow with the number
    of sentences, not with its square.

    Sentences are numbered in reading order (source by source, block by block), so a source's
    sentences are consecutive numbers and a later sentence of another source is one numbered from
    the end of its own source's; a Sentence is made only for those a match shows. With a limit, only
    the `limit` closest matches are made (`closest`); all of them are counted.
    """
    if streams is None:
        fold = _Memo(normalise)
        streams = {sid: stream(blocks, fold) for sid, blocks in sources.items()}
    content = _Memo(content_stem)
    # per sentence, in machine integers (a tenth of the memory of tuples of int objects): its source's number,
    # block, characters, words in its source's stream, and the number of the next source's first sentence
    sids = list(sources)
    src_of, block_of, start_of, end_of, lo_of, hi_of, ends = (array("i") for _ in range(7))
    words: list[tuple[str, ...]] = []                  # per sentence: its content words (until ranked below)
    for no, (sid, blocks) in enumerate(sources.items()):
        st = streams[sid]
        stems = tuple(map(content.__getitem__, st.norms))
        for b, text in enumerate(blocks):
            for start, end in _sentence_spans(text):
                i, j = st.span(b, start, end)
                src_of.append(no)
                block_of.append(b)
                start_of.append(start)
                end_of.append(end)
                lo_of.append(i)
                hi_of.append(j)
                words.append(tuple(frozenset(filter(None, stems[i:j]))))
        ends.extend(repeat(len(src_of), len(src_of) - len(ends)))
    df = Counter(chain.from_iterable(words))
    n = len(words)
    # every word ranked by (sentences using it, word): a sentence's rare words rank below `cap`, and its
    # COMMON_KEYS rarest commoner words are the next ones; a sentence keeps only its words' ranks, rarest first
    ranked = sorted(df)
    ranked.sort(key=df.__getitem__)                    # stable: by sentences using it, then by word
    idf = [math.log(1 + n / df[w]) for w in ranked]    # by rank
    rank_of = dict(zip(ranked, count())).__getitem__
    cap = sum(map(RARE_CAP.__ge__, df.values()))
    del ranked
    ranks: list[array[int]] = []
    for k in range(n):
        ranks.append(array("i", sorted(map(rank_of, words[k]))))
        words[k] = ()
    del words
    postings: list[array[int]] = [array("i") for _ in range(len(df))]   # by rank: the sentences using the word, in order
    postings_of = postings.__getitem__
    for i, rs in enumerate(ranks):
        any(map(array.append, map(postings_of, rs), repeat(i)))  # append i to each (append returns None: any runs through)
    fsum, idf_of = math.fsum, idf.__getitem__
    weight = [fsum(map(idf_of, rs)) for rs in ranks]
    long = [len(rs) >= MIN_SENTENCE_WORDS for rs in ranks]
    window, nones = repeat(COMMON_WINDOW), repeat(None)
    # the pairs that score, in machine numbers rather than a tuple each (665,000 at 10,000 sources): their
    # score negated, and i and j; appended with i ascending, and for each i with j ascending, so that a
    # stable sort by the negated score alone gives the order of (-score, i, j)
    negated, first, second = array("d"), array("i"), array("i")
    candidates = 0
    for i in compress(range(n), long):
        rs = ranks[i]
        ws = set(rs)
        k = bisect_left(rs, cap)
        e = ends[i]
        # a common word: only the next COMMON_WINDOW sentences that use it (those of this source are left
        # out below); a rare word: every sentence using it from the next source's first on
        plists = list(map(postings_of, rs[k:k + COMMON_KEYS]))
        after = list(map(bisect_right, plists, repeat(i)))
        met = chain.from_iterable(map(getitem, plists, map(slice, after, map(add, after, window))))
        if k:
            rare = list(map(postings_of, rs[:k]))
            met = chain(chain.from_iterable(map(getitem, rare, map(slice, map(bisect_left, rare, repeat(e)), nones))), met)
        shared = Counter(met)
        near = sorted([(-c, j) for j, c in shared.items() if c >= MIN_SHARED])
        tried = 0
        scoring = []
        for _, j in near:
            if j < e or not long[j]:
                continue
            if tried == MAX_CANDIDATES:
                break
            tried += 1
            other = ranks[j]
            # fsum: the same score whatever order the words are walked in
            score = 2 * fsum(map(idf_of, ws.intersection(other))) / (weight[i] + weight[j])
            if score >= MATCH_SCORE and (rs != other or _norms(streams, sids[src_of[i]], lo_of[i], hi_of[i])
                                         != _norms(streams, sids[src_of[j]], lo_of[j], hi_of[j])):
                scoring.append((j, score))
        scoring.sort()
        for j, score in scoring:
            negated.append(-score)
            first.append(i)
            second.append(j)
        candidates += tried
    m = len(sids)
    taken: set[int] = set()                             # i * m + a source whose sentence i is already shown beside
    beside = [0] * n                                   # how many sentences each is shown beside
    kept = []
    for k in sorted(range(len(negated)), key=negated.__getitem__):
        i, j = first[k], second[k]
        ti, tj = i * m + src_of[j], j * m + src_of[i]
        if ti in taken or tj in taken:
            continue
        if beside[i] >= MATCHES_PER_SENTENCE or beside[j] >= MATCHES_PER_SENTENCE:
            continue
        taken.add(ti)
        taken.add(tj)
        beside[i] += 1
        beside[j] += 1
        kept.append((i, j, round(-negated[k], 3)))
    del negated, first, second
    # in reading order of the first sentence, then of the second: the sentences' numbers
    kept.sort()
    per_source = Counter(src_of[i] for i, j, _ in kept) + Counter(src_of[j] for i, j, _ in kept)
    by_source = tuple((sids[no], per_source[no]) for no in sorted(per_source))
    total = len(kept)
    if limit is not None:
        kept = [kept[k] for k in closest([score for _, _, score in kept], limit)]
    made: dict[int, Sentence] = {}

    def sentence(i: int) -> Sentence:
        s = made.get(i)
        if s is None:
            sid, b, start, end = sids[src_of[i]], block_of[i], start_of[i], end_of[i]
            s = made[i] = Sentence(sid, b, start, end, sources[sid][b][start:end])
        return s

    return Matches(tuple(Match(sentence(i), sentence(j), score) for i, j, score in kept), total, by_source, candidates)


def closest(scores: Sequence[float], limit: int) -> list[int]:
    """The positions of the `limit` highest scores (of equal scores, the first), in order of position."""
    return sorted(heapq.nsmallest(limit, range(len(scores)), key=lambda k: (-scores[k], k)))


def mark_changes(a: str, b: str, fold: Mapping[str, str] | None = None) -> tuple[str, str]:
    """Both sentences as HTML, each word the other does not share at that place in <mark class="diff">."""
    fold = fold if fold is not None else _Memo(normalise)
    ta, tb = list(_WORD.finditer(a)), list(_WORD.finditer(b))
    sm = SequenceMatcher(None, [fold[m.group()] for m in ta], [fold[m.group()] for m in tb], autojunk=False)
    changed_a, changed_b = set(), set()
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "equal":
            changed_a.update(range(i1, i2))
            changed_b.update(range(j1, j2))
    return _marked(a, ta, changed_a), _marked(b, tb, changed_b)


def _marked(text: str, words: list[re.Match[str]], changed: set[int]) -> str:
    out, pos, k = [], 0, 0
    while k < len(words):
        if k not in changed:
            k += 1
            continue
        first = k
        while k + 1 < len(words) and k + 1 in changed:
            k += 1
        lo, hi = words[first].start(), words[k].end()
        out.append(html.escape(text[pos:lo], quote=False))
        out.append(f'<mark class="diff">{html.escape(text[lo:hi], quote=False)}</mark>')
        pos = hi
        k += 1
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


# --- helpers ------------------------------------------------------------------------------------

def _norms(streams: Mapping[str, Stream], sid: str, i: int, j: int) -> tuple[str, ...]:
    return streams[sid].norms[i:j]


def _occurrence(sid: str, blocks: Sequence[str], st: Stream, i: int, j: int, quoted: bool) -> Occurrence:
    """Words i..j of a source as an occurrence; across blocks, the pieces are joined by a space."""
    first, last = st.block_of(i), st.block_of(j - 1)
    start, end = st.starts[i], st.ends[j - 1]
    if first == last:
        text = blocks[first][start:end]
    else:
        pieces = [blocks[first][start:]]
        pieces += [blocks[b] for b in range(first + 1, last)]
        pieces.append(blocks[last][:end])
        text = " ".join(p.strip() for p in pieces)
    return Occurrence(sid, first, start, last, end, " ".join(text.split()), quoted)


def _first(q: SharedQuote, order: Mapping[str, int]) -> tuple[int, int, int]:
    o = q.occurrences[0]
    return (order[o.source], o.block, o.start)
