"""Anchor an editor's quote (W3C TextQuoteSelector) in a source's text blocks, forgiving typography.

Matching is exact and case-sensitive on *folded* text (see `fold`), inside one block (paragraph).
A quote that is missing gets the closest passage of the source, for the editor's hint; a quote that
occurs more than once gets the shortest prefix that would make it unique.

Closest passage, and why difflib: both candidates were measured on a generated 5 MB source
(7,200 paragraphs, 750,000 words). Scoring every paragraph, rapidfuzz's `partial_ratio` needs
~50 ms per misquote of 60 characters and ~900 ms per misquote of 200 characters, so a prefilter
is needed whatever the scorer. With the prefilter used here (every occurrence of a quote word in
the source votes, by rarity, for the word where the quote would start; only the 32 best starts
are scored, a word longer and shorter too) rapidfuzz took 0.5-5 ms and difflib's SequenceMatcher
10-25 ms per misquote (bench/anchor_bench.py). A misquote is a content error that stops the
build, so a few milliseconds more per error do not matter, while a compiled dependency does: the
standard library wins. The same word index makes exact lookups cheap once many quotes have been
anchored in one large source (see `Locator`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher, get_close_matches
from itertools import accumulate, compress

__all__ = ["Anchor", "NotFound", "Ambiguous", "Locator", "fold", "locate"]


@dataclass(frozen=True)
class Anchor:
    """Where a quote is: offsets into the ORIGINAL text of blocks[block], end exclusive."""

    block: int
    start: int
    end: int


@dataclass(frozen=True)
class NotFound:
    """The quote is not in the source; `closest` is the most similar passage (original text).

    `block` is -1 and `closest` '' when nothing is similar (or the quote is empty); `score` is the
    similarity of `closest` to the folded quote, from 0.0 to 1.0 (difflib ratio).
    """

    closest: str
    block: int
    score: float


@dataclass(frozen=True)
class Ambiguous:
    """The quote (with the given prefix/suffix) occurs `count` times.

    `prefix` is the shortest run of whole words taken right before the first occurrence (original
    text) that makes it unique; '' when no prefix can. Then `suffix` holds the shortest run of
    words right after the first occurrence that does, or '' when neither can.
    """

    count: int
    prefix: str
    suffix: str = ""


# --- folding -------------------------------------------------------------------------------

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2039\u203a"      # ‘ ’ ‚ ‛ ′ ‹ ›
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"      # “ ” „ ‟ ″ « »
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"             # ‐ ‑ ‒ – — ― −
_TABLE: dict[str, str] = {
    **{c: "'" for c in _SINGLE_QUOTES},
    **{c: '"' for c in _DOUBLE_QUOTES},
    **{c: "-" for c in _DASHES},
    "\u2026": "...",                                                # … (editors type three dots)
}
# Invisible characters that only affect line breaking or are encoding debris: soft hyphen,
# zero-width space, word joiner, byte order mark.
_REMOVED = "\u00ad\u200b\u2060\ufeff"
# Combining marks (the common blocks): a letter followed by them is composed (NFC), so a quote
# typed as 'é' matches a source that spells it 'e' + U+0301, and the other way round.
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_HAS_COMBINING = re.compile(f"[{_COMBINING}]")
# Alternatives, in this order: a run of white space and invisible characters that holds at least
# one invisible one (-> ' ' if it holds white space, else ''); a white space run that is not a
# lone ASCII space (-> ' '); a quote, dash or ellipsis (-> _TABLE); a letter + combining marks.
_PLAIN_PARTS = (
    rf"(?P<rm>[\s{_REMOVED}]*[{_REMOVED}][\s{_REMOVED}]*)"
    r"|(?P<ws>[^\S ]\s*| \s+)"
    rf"|(?P<tr>[{''.join(_TABLE)}])"
)
_SPECIAL = re.compile(_PLAIN_PARTS)
_SPECIAL_COMBINING = re.compile(_PLAIN_PARTS + rf"|(?P<nfc>[^\s{_REMOVED}][{_COMBINING}]+)")
_WORD = re.compile(r"[^ \n]+")
_SEPARATOR = re.compile(r"[ \n]")
_RUNS = re.compile(r"[ \n]+")


@dataclass(frozen=True)
class _Map:
    """Folded offset -> original offsets, stored sparsely: one entry per replaced stretch."""

    keys: tuple[int, ...]                       # folded offset where each replacement starts
    spans: tuple[tuple[int, int, int], ...]     # its (original start, original end, folded length)

    def _find(self, i: int) -> tuple[int, int]:
        """Original [start, end) of folded char i."""
        k = bisect_right(self.keys, i) - 1
        if k < 0:
            return i, i + 1
        key = self.keys[k]
        start, end, length = self.spans[k]
        if i < key + length:
            return start, end
        start = end + (i - key - length)
        return start, start + 1

    def start(self, i: int) -> int:
        return self._find(i)[0]

    def end(self, i: int) -> int:
        return self._find(i)[1]


def _fold(text: str) -> tuple[str, _Map]:
    """Fold `text` and say where each folded char comes from."""
    pattern = _SPECIAL_COMBINING if _HAS_COMBINING.search(text) else _SPECIAL
    out: list[str] = []
    keys: list[int] = []
    spans: list[tuple[int, int, int]] = []
    pos = 0
    length = 0
    for m in pattern.finditer(text):
        a, b = m.span()
        if a > pos:
            out.append(text[pos:a])
            length += a - pos
        kind = m.lastgroup
        if kind == "rm":
            rep = " " if any(c.isspace() for c in m.group()) else ""
        elif kind == "ws":
            rep = " "
        elif kind == "tr":
            rep = _TABLE[text[a]]
        else:
            rep = unicodedata.normalize("NFC", m.group())
        out.append(rep)
        keys.append(length)
        spans.append((a, b, len(rep)))
        length += len(rep)
        pos = b
    out.append(text[pos:])
    return "".join(out), _Map(tuple(keys), tuple(spans))


_REMOVE_RUNS = re.compile(f"[{_REMOVED}]+")
_WHITE_RUNS = re.compile(r"[^\S ]\s*| \s+")


def _fold_text(text: str) -> str:
    """The folded text alone, quickly (C-level passes); the same result as _fold(text)[0]."""
    if _HAS_COMBINING.search(text):
        return _fold(text)[0]
    for char, rep in _TABLE.items():
        if char in text:
            text = text.replace(char, rep)
    # Removing invisible chars first joins the white space around them into one run, as _fold's
    # 'rm' alternative does; none of the replaced chars is white space or invisible.
    return _WHITE_RUNS.sub(" ", _REMOVE_RUNS.sub("", text))


def fold(text: str) -> tuple[str, list[int]]:
    """Normalise typography so a quote typed by an editor matches the source's spelling.

    Returns the folded text and, for each folded character, the index in `text` of the character
    it comes from, plus a sentinel len(text). Folding: every white space run (incl. NBSP, narrow
    and thin spaces, line breaks) -> ' '; curly quotes, primes and guillemets -> ' or "; dashes and
    minus -> '-'; '…' -> '...'; soft hyphens and zero-width spaces removed; letters followed by
    combining marks composed (NFC). Case is kept. Leading and trailing spaces are NOT stripped
    here (`Locator.locate` strips the quote).
    """
    folded, where = _fold(text)
    return folded, [*(where.start(i) for i in range(len(folded))), len(text)]


# --- locating ------------------------------------------------------------------------------

# Exact lookups scan the whole source with str.find (~1.2 ms per 5 MB). After this many scans of
# one source, building its word index (~0.5 s per 5 MB) has paid for itself.
_INDEX_AFTER_SCANS = 200
_MAX_SUGGESTED_WORDS = 40       # a longer prefix is no help to an editor
_CANDIDATES = 32                # windows scored with difflib per misquote
_VOTE_BUDGET = 30_000           # postings read per misquote, rarest words first


@dataclass(frozen=True)
class _Index:
    """Word index of the joined folded text: word -> word numbers, word number -> char offset."""

    postings: dict[str, list[int]]
    positions: array[int]
    block_first_word: array[int]   # per block, the number of its first word


class Locator:
    """Anchor many quotes in one source: blocks are folded once, a word index is built lazily."""

    __slots__ = ("_blocks", "_folded", "_joined", "_offsets", "_maps", "_index", "_scans")

    def __init__(self, blocks: Sequence[str]) -> None:
        self._blocks: tuple[str, ...] = tuple(blocks)
        self._folded: tuple[str, ...] = tuple(_fold_text(b) for b in self._blocks)
        # Blocks joined with '\n', which folded text never holds: a quote (no '\n') found in the
        # joined text never crosses blocks, and prefixes/suffixes may reach into the next block.
        self._joined = "\n".join(self._folded)
        offsets: list[int] = []
        pos = 0
        for f in self._folded:
            offsets.append(pos)
            pos += len(f) + 1
        self._offsets = offsets
        self._maps: dict[int, _Map] = {}
        self._index: _Index | None = None
        self._scans = 0

    @property
    def blocks(self) -> tuple[str, ...]:
        return self._blocks

    def locate(self, quote: str, prefix: str = "", suffix: str = "") -> Anchor | NotFound | Ambiguous:
        """Find the one place `quote` (narrowed by prefix/suffix) occurs, or say why not."""
        q = _fold_text(quote).strip(" ")
        if not q:
            return NotFound("", -1, 0.0)
        p = _fold_text(prefix).strip(" ")
        s = _fold_text(suffix).strip(" ")
        found = self._occurrences(q)
        if not found:
            return self.closest(q)
        by_suffix = [o for o in found if self._has_suffix(o + len(q), s)]
        chosen = [o for o in by_suffix if self._has_prefix(o, p)]
        if len(chosen) == 1:
            return self._anchor(chosen[0], len(q))
        if not chosen:
            # The quote is there but not in the context the editor gave: show the real context.
            return self.closest(" ".join(x for x in (p, q, s) if x))
        return self._ambiguous(chosen, by_suffix, found, len(q), p)

    def closest(self, text: str) -> NotFound:
        """The passage of the source most similar to `text`, as original text of one block."""
        q = " ".join(_fold_text(text).split())
        if not q:
            return NotFound("", -1, 0.0)
        index = self._ensure_index()
        tokens = q.split(" ")
        votes = self._votes(tokens, index)
        if not votes:
            return NotFound("", -1, 0.0)
        # A dropped or added word shifts the later words' votes by one: count the neighbours too.
        smoothed = {s: v + votes.get(s - 1, 0.0) + votes.get(s + 1, 0.0) for s, v in votes.items()}
        ranked = sorted(smoothed.items(), key=lambda kv: (-kv[1], kv[0]))[:_CANDIDATES]
        n = len(tokens)
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(q)
        best: tuple[float, int, int] = (-1.0, 0, 0)     # (ratio, first word, end word)
        for start, _ in ranked:                          # a word more or less: a slip's usual size
            for length in (n, n + 1, n - 1):
                cand = self._score_window(matcher, index, start, length, best[0])
                best = max(best, cand, key=_by_score)
        _, first, end = best
        for d_start in (-1, 1):                          # refine: shift the best by one word
            for length in (end - first - 1, end - first, end - first + 1):
                cand = self._score_window(matcher, index, first + d_start, length, best[0])
                best = max(best, cand, key=_by_score)
        ratio, first, end = best
        if ratio < 0:
            return NotFound("", -1, 0.0)
        block = bisect_right(self._offsets, index.positions[first]) - 1
        a = index.positions[first] - self._offsets[block]
        b = self._word_end(index, end - 1) - self._offsets[block]
        where = self._map(block)
        return NotFound(self._blocks[block][where.start(a):where.end(b - 1)], block, round(ratio, 4))

    # --- exact search ----------------------------------------------------------------------

    def _occurrences(self, q: str) -> list[int]:
        """Every start of `q` in the joined folded text (overlapping ones too), ascending."""
        tokens = q.split(" ")
        if len(tokens) >= 3:
            if self._index is None:
                self._scans += 1
                if self._scans > _INDEX_AFTER_SCANS:
                    self._ensure_index()
            if self._index is not None:
                return self._indexed_occurrences(q, tokens, self._index)
        found: list[int] = []
        pos = self._joined.find(q)
        while pos != -1:
            found.append(pos)
            pos = self._joined.find(q, pos + 1)
        return found

    def _indexed_occurrences(self, q: str, tokens: list[str], index: _Index) -> list[int]:
        """Exact lookup through the rarest interior word, which is a whole word wherever q is."""
        offset = len(tokens[0]) + 1
        best_offset, best_posting = 0, None
        for tok in tokens[1:-1]:
            posting = index.postings.get(tok, [])
            if best_posting is None or len(posting) < len(best_posting):
                best_offset, best_posting = offset, posting
            offset += len(tok) + 1
        found: list[int] = []
        for word in best_posting or ():
            start = index.positions[word] - best_offset
            if start >= 0 and self._joined.startswith(q, start):
                found.append(start)
        return found

    def _anchor(self, pos: int, length: int) -> Anchor:
        block = bisect_right(self._offsets, pos) - 1
        local = pos - self._offsets[block]
        where = self._map(block)
        return Anchor(block, where.start(local), where.end(local + length - 1))

    def _map(self, block: int) -> _Map:
        """Folded-to-original offsets of one block, computed when first needed."""
        cached = self._maps.get(block)
        if cached is None:
            cached = self._maps[block] = _fold(self._blocks[block])[1]
        return cached

    # --- prefix and suffix -----------------------------------------------------------------

    def _before(self, pos: int, need: int) -> str:
        """At least `need` chars of the folded text before pos (runs collapsed, right-stripped)."""
        span = need + 8
        while True:
            lo = max(0, pos - span)
            text = _RUNS.sub(" ", self._joined[lo:pos]).rstrip(" ")
            if len(text) >= need or lo == 0:
                return text
            span *= 2

    def _after(self, pos: int, need: int) -> str:
        """At least `need` chars of the folded text after pos (runs collapsed, left-stripped)."""
        span = need + 8
        while True:
            hi = min(len(self._joined), pos + span)
            text = _RUNS.sub(" ", self._joined[pos:hi]).lstrip(" ")
            if len(text) >= need or hi == len(self._joined):
                return text
            span *= 2

    def _has_prefix(self, pos: int, prefix: str) -> bool:
        return not prefix or self._before(pos, len(prefix)).endswith(prefix)

    def _has_suffix(self, pos: int, suffix: str) -> bool:
        return not suffix or self._after(pos, len(suffix)).startswith(suffix)

    def _ambiguous(self, chosen: list[int], by_suffix: list[int], found: list[int],
                   length: int, prefix: str) -> Ambiguous:
        """Suggest the fewest words before (else after) the first occurrence that single it out."""
        first = chosen[0]
        suggested = self._suggest(first, by_suffix, backwards=True)
        if suggested:
            return Ambiguous(len(chosen), suggested)
        pool = [o for o in found if self._has_prefix(o, prefix)]
        return Ambiguous(len(chosen), "", self._suggest(first, pool, backwards=False, length=length))

    def _suggest(self, first: int, pool: list[int], backwards: bool, length: int = 0) -> str:
        """Grow a context one word at a time until only `first` in `pool` has it."""
        joined = self._joined
        survivors = pool
        edge = first if backwards else first + length
        cursor = edge
        for _ in range(_MAX_SUGGESTED_WORDS):
            previous = cursor
            if backwards:
                while cursor > 0 and joined[cursor - 1] in " \n":
                    cursor -= 1
                while cursor > 0 and joined[cursor - 1] not in " \n":
                    cursor -= 1
            else:
                while cursor < len(joined) and joined[cursor] in " \n":
                    cursor += 1
                while cursor < len(joined) and joined[cursor] not in " \n":
                    cursor += 1
            if cursor == previous:              # no more text on that side
                return ""
            lo, hi = (cursor, edge) if backwards else (edge, cursor)
            context = _RUNS.sub(" ", joined[lo:hi]).strip(" ")
            if not context:
                continue
            if backwards:
                survivors = [o for o in survivors if self._has_prefix(o, context)]
            else:
                survivors = [o for o in survivors if self._has_suffix(o + length, context)]
            if survivors == [first]:
                return self._original(lo, hi)
        return ""

    def _original(self, lo: int, hi: int) -> str:
        """The original text behind joined folded text [lo, hi); blocks joined by a space."""
        pieces: list[str] = []
        block = bisect_right(self._offsets, lo) - 1
        while block < len(self._blocks) and self._offsets[block] < hi:
            base = self._offsets[block]
            a = max(lo, base) - base
            b = min(hi, base + len(self._folded[block])) - base
            if b > a:
                where = self._map(block)
                pieces.append(self._blocks[block][where.start(a):where.end(b - 1)].strip())
            block += 1
        return " ".join(p for p in pieces if p)

    # --- closest passage -------------------------------------------------------------------

    def _ensure_index(self) -> _Index:
        if self._index is None:
            pieces = _SEPARATOR.split(self._joined)
            starts = accumulate(map(len, pieces), lambda total, n: total + n + 1, initial=0)
            positions = array("l", compress(starts, map(bool, pieces)))
            postings: dict[str, list[int]] = {}
            for number, word in enumerate(filter(None, pieces)):
                posting = postings.get(word)
                if posting is None:
                    postings[word] = [number]
                else:
                    posting.append(number)
            first_word = array("l", (bisect_left(positions, offset) for offset in self._offsets))
            self._index = _Index(postings, positions, first_word)
        return self._index

    def _votes(self, tokens: list[str], index: _Index) -> dict[int, float]:
        """Each occurrence of a quote word votes, by rarity, for where the quote would start."""
        where: dict[str, list[int]] = {}
        for j, tok in enumerate(tokens):
            where.setdefault(tok, []).append(j)
        known = {t: index.postings[t] for t in where if t in index.postings}
        if not known:
            # Every word misspelt: stand in the closest known word for the longest few.
            for tok in sorted(where, key=lambda t: (-len(t), t))[:3]:
                close = get_close_matches(tok, index.postings.keys(), n=1, cutoff=0.75)
                if close:
                    known[tok] = index.postings[close[0]]
        total = max(1, len(index.positions))
        votes: dict[int, float] = {}
        budget = _VOTE_BUDGET
        for tok in sorted(known, key=lambda t: (len(known[t]), t)):
            posting = known[tok]
            if len(posting) > budget and votes:
                break
            budget -= len(posting)
            weight = math.log(1 + total / len(posting))
            for word in posting:
                for j in where[tok]:
                    start = word - j
                    votes[start] = votes.get(start, 0.0) + weight
        return votes

    def _score_window(self, matcher: SequenceMatcher[str], index: _Index, first: int,
                      length: int, floor: float) -> tuple[float, int, int]:
        """difflib ratio of the `length` words from `first`, kept inside one block."""
        total = len(index.positions)
        if length < 1 or total == 0:
            return (-1.0, 0, 0)
        middle = min(max(first + length // 2, 0), total - 1)
        block = bisect_right(self._offsets, index.positions[middle]) - 1
        lo = index.block_first_word[block]
        hi = index.block_first_word[block + 1] if block + 1 < len(self._offsets) else total
        first, end = max(first, lo), min(first + length, hi)
        if end <= first:
            return (-1.0, 0, 0)
        text = self._joined[index.positions[first]:self._word_end(index, end - 1)]
        matcher.set_seq1(text)
        if matcher.real_quick_ratio() <= floor or matcher.quick_ratio() <= floor:
            return (-1.0, 0, 0)
        return (matcher.ratio(), first, end)

    def _word_end(self, index: _Index, word: int) -> int:
        m = _WORD.match(self._joined, index.positions[word])
        assert m is not None
        return m.end()


def _by_score(candidate: tuple[float, int, int]) -> tuple[float, int]:
    """Highest ratio first; on a tie the earlier passage (deterministic)."""
    return (candidate[0], -candidate[1])


def locate(blocks: Sequence[str], quote: str, prefix: str = "",
           suffix: str = "") -> Anchor | NotFound | Ambiguous:
    """Anchor one quote; use a `Locator` to anchor many in the same source."""
    return Locator(blocks).locate(quote, prefix, suffix)
