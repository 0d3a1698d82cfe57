"""Search records -> the index as small .js data files, split by term prefix so a query loads only what it needs.

The files are loaded by <script> tags (not fetched), so search works from file://. Each one assigns
into `window.docketSearch`: `manifest`, `t<n>` a shard of terms, `d<n>` a chunk of records.

- Terms are folded (NFKD, marks dropped, lower case) the same way static/search.js folds a query,
  so "Pyongyang" finds "Pyŏngyang" and the other way round.
- Shards are runs of the sorted terms of about `shard_bytes` each; the manifest keeps each one's
  key (the shortest prefix of its first term that sorts after the shard before). A query term
  loads the shard it sorts into and the next ones whose key starts with it: nothing else.
  One very common term may be a shard of its own, bigger than the budget.
- Postings are `doc.weight` pairs with the doc ids delta-coded in base 36; weight 1 is left out.
- Records are stored in chunks of `chunk` consecutive ids; only the chunks of shown results load.

The postings are made in blocks of records (`blocks`: cut after the records of about one source in
BLOCK_UNITS, chosen by the digest of its address, so an edit moves no other block's bounds), each
encoded on its own and then joined. With a memo (docket/memo.py) a block whose records did not change
is not made again: an edit to one source redoes one block's words, not the whole site's.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .search_docs import SearchDoc

if TYPE_CHECKING:
    from .memo import Memo

NAME_WEIGHT = 6
TEXT_CAP = 3
MIN_PREFIX = 2          # a one-letter query term matches whole words only
SHARD_BYTES = 24_000
CHUNK = 8
BLOCK_UNITS = 256       # a block of postings ends after about one page (source, actor, event...) in this many
_WORD = re.compile(r"[^\W_]+")
# Words too common to find anything by, left out of English sites' indexes (and dropped from queries).
STOP_EN = ("a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it",
           "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "with")
KIND_LABELS = {"actor": "Actor", "source": "Source", "paragraph": "Source", "event": "Event",
               "claim": "Claim", "note": "Note"}
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def fold(text: str) -> str:
    """Lower case without accents: what both the index and the query are compared in."""
    text = unicodedata.normalize("NFKD", text)
    if not text.isascii():      # drop the marks (categories M*): looked up once per distinct character
        marks = {ord(c): None for c in set(text) if unicodedata.category(c).startswith("M")}
        if marks:
            text = text.translate(marks)
    return text.lower()


def terms(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return _WORD.findall(fold(text))


def b36(n: int) -> str:
    if n < len(_B36_SMALL):
        return _B36_SMALL[n]
    out = []
    while n:
        n, r = divmod(n, 36)
        out.append(_BASE36[r])
    return "".join(reversed(out))


# Every gap and weight below 36 * 36 written once: most postings are small gaps, and an index has millions.
_B36_SMALL = tuple(_BASE36[n] for n in range(36)) + tuple(_BASE36[n // 36] + _BASE36[n % 36]
                                                        for n in range(36, 36 * 36))


@dataclass(frozen=True)
class IndexFiles:
    """The index as files (path under the site -> bytes), and figures for the benchmark."""

    files: tuple[tuple[str, bytes], ...]
    docs: int
    terms: int
    shards: int


def weights(docs: list[SearchDoc], stop: frozenset[str]) -> dict[str, dict[int, int]]:
    """term -> {doc id: weight}: title and names words weigh most, body words by count (capped)."""
    postings: dict[str, dict[int, int]] = defaultdict(dict)
    for i, doc in enumerate(docs):
        w: dict[str, int] = {t: min(n, TEXT_CAP) for t, n in Counter(terms(doc.text)).items()}
        for t in set(terms(doc.names)):
            w[t] = w.get(t, 0) + NAME_WEIGHT
        for t in set(terms(doc.title)) if doc.title_weight else ():
            w[t] = w.get(t, 0) + doc.title_weight
        for t, n in w.items():
            if t not in stop:
                postings[t][i] = n
    return postings


def encode(posting: dict[int, int]) -> str:
    """'3,1k.9,2' : doc ids as base-36 gaps, '.weight' when not 1."""
    return _gaps(sorted(posting.items()), 0)


def _gaps(pairs: list[tuple[int, int]], last: int) -> str:
    """(doc, weight) pairs in doc order as base-36 gaps from last, then from each other, '.weight' when not 1."""
    out = []
    small = _B36_SMALL
    for doc, weight in pairs:
        gap = doc - last
        text = small[gap] if gap < 1296 else b36(gap)
        out.append(text if weight == 1 else f"{text}.{b36(weight)}")
        last = doc
    return ",".join(out)


Segment = tuple[int, int, int, str]     # a term's postings in one block: first doc, its weight, last doc, the rest encoded


def segments(posting: dict[str, dict[int, int]]) -> dict[str, Segment]:
    """A block's postings (doc ids counted from the block's first record) ready to be joined to the others'."""
    out = {}
    for term, docs in posting.items():
        pairs = sorted(docs.items())
        (first, weight), last = pairs[0], pairs[-1][0]
        out[term] = (first, weight, last, _gaps(pairs[1:], first))
    return out


def join(parts: list[tuple[int, dict[str, Segment]]]) -> dict[str, str]:
    """term -> its encoded posting, from each block's segments (with the id of the block's first record)."""
    pieces: dict[str, list[str]] = defaultdict(list)
    last: dict[str, int] = {}
    small = _B36_SMALL
    for base, block in parts:
        for term, (first, weight, end, rest) in block.items():
            gap = base + first - last.get(term, 0)
            head = small[gap] if gap < 1296 else b36(gap)
            out = pieces[term]
            out.append(head if weight == 1 else f"{head}.{b36(weight)}")
            if rest:
                out.append(rest)
            last[term] = base + end
    return {term: ",".join(out) for term, out in pieces.items()}


def blocks(docs: list[SearchDoc], units: int = BLOCK_UNITS) -> list[tuple[int, int]]:
    """(start, end) of each block of records: a block ends with the last record of a page (a source's
    paragraphs are one) whose address's CRC-32 is a multiple of units, so where blocks end depends only
    on the pages there, not on how many records come before."""
    out, start = [], 0
    pages = [_unit(doc) for doc in docs]
    for i, page in enumerate(pages):
        if i + 1 == len(pages) or (pages[i + 1] != page and zlib.crc32(page.encode("utf-8")) % units == 0):
            out.append((start, i + 1))
            start = i + 1
    return out


def _unit(doc: SearchDoc) -> str:
    return doc.url.partition("#")[0] if doc.kind == "paragraph" else doc.url


def postings(docs: list[SearchDoc], stop: frozenset[str], memo: "Memo | None" = None,
             units: int = BLOCK_UNITS) -> dict[str, str]:
    """term -> its encoded posting, made block by block (a block's from the memo while its records are the same)."""
    parts = []
    for start, end in blocks(docs, units):
        block = docs[start:end]

        def make(block: list[SearchDoc] = block) -> dict[str, Segment]:
            return segments(weights(block, stop))
        if memo is None:
            parts.append((start, make()))
        else:
            inputs = (sorted(stop), [(d.text, d.names, d.title, d.title_weight) for d in block])
            parts.append((start, memo.get("search postings", inputs, make)))
    return join(parts)


def pack(encoded: dict[str, str], budget: int) -> list[tuple[str, list[str]]]:
    """Sorted terms cut into shards of about `budget` bytes: (key, terms), where key is the shortest
    prefix of the shard's first term that sorts after the previous shard's last (the first key is '')."""
    shards: list[tuple[str, list[str]]] = []
    current: list[str] = []
    size = 0
    for term in sorted(encoded):
        cost = len(term) + len(encoded[term]) + 6
        if current and size + cost > budget:
            shards.append(("", current))
            current, size = [], 0
        current.append(term)
        size += cost
    if current:
        shards.append(("", current))
    out = []
    for n, (_, names) in enumerate(shards):
        key = ""
        if n:
            before, first = shards[n - 1][1][-1], names[0]
            key = next(first[:k] for k in range(1, len(first) + 1) if first[:k] > before)
        out.append((key, names))
    return out


def _js(name: str, data: object) -> bytes:
    """A data file: one assignment, so a <script> tag loads it from file:// as well as from a server."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).replace("</", "<\\/")
    return f"(window.docketSearch=window.docketSearch||{{}})[{json.dumps(name)}]={text};\n".encode("utf-8")


def build(docs: list[SearchDoc], language: str = "en", *, shard_bytes: int = SHARD_BYTES,
          chunk: int = CHUNK, folder: str = "search", memo: "Memo | None" = None,
          units: int = BLOCK_UNITS) -> IndexFiles:
    """The manifest, the term shards and the record chunks."""
    stop = frozenset(STOP_EN) if language.lower().startswith("en") else frozenset()
    encoded = postings(docs, stop, memo, units)
    shards = pack(encoded, shard_bytes)
    keys = [key for key, _ in shards]
    files = [(f"{folder}/t{n}.js", _js(f"t{n}", {t: encoded[t] for t in names})) for n, (_, names) in enumerate(shards)]
    for n in range(0, len(docs), chunk):
        files.append((f"{folder}/d{n // chunk}.js", _js(f"d{n // chunk}", [
            [d.kind, d.url, d.title, d.label, d.text] for d in docs[n:n + chunk]])))
    manifest = {"v": 1, "docs": len(docs), "chunk": chunk, "shards": keys, "stop": sorted(stop),
                "min": MIN_PREFIX, "kinds": KIND_LABELS}
    files.insert(0, (f"{folder}/manifest.js", _js("manifest", manifest)))
    return IndexFiles(tuple(files), len(docs), len(encoded), len(keys))
