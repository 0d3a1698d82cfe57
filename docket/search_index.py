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
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from .search_docs import SearchDoc

NAME_WEIGHT = 6
TEXT_CAP = 3
MIN_PREFIX = 2          # a one-letter query term matches whole words only
SHARD_BYTES = 24_000
CHUNK = 8
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
    out, last = [], 0
    small = _B36_SMALL
    for doc in sorted(posting):
        weight, gap = posting[doc], doc - last
        text = small[gap] if gap < 1296 else b36(gap)
        out.append(text if weight == 1 else f"{text}.{b36(weight)}")
        last = doc
    return ",".join(out)


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
          chunk: int = CHUNK, folder: str = "search") -> IndexFiles:
    """The manifest, the term shards and the record chunks."""
    stop = frozenset(STOP_EN) if language.lower().startswith("en") else frozenset()
    encoded = {t: encode(p) for t, p in weights(docs, stop).items()}
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
