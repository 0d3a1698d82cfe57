"""Search index size at 100, 1,000 and 10,000 generated sources, and what one query loads.

    .venv/bin/python bench/search_bench.py [100 1000 10000]

Each generated source is a headline and 12 paragraphs of ~60 words drawn from the two seeds'
own words (so common words are as common as in real reporting), with one word in 15 a made-up
rare word from a pool that grows with the site (names, places, numbers: the words that make an
index grow). The records go through the same docket.search_index.build as a real build. The
"query" columns replay static/search.js's choice of files for a query and add their sizes: the
manifest, the shards the words sort into, and the record chunks of the first 20 results.
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docket.search_docs import SearchDoc  # noqa: E402
from docket.search_index import CHUNK, MIN_PREFIX, STOP_EN, build, terms, weights  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHOWN = 20


def seed_words() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted((REPO / "seeds").iterdir()))
    return re.findall(r"[A-Za-z][A-Za-z'’-]*", re.sub(r"<[^>]+>", " ", text))


def generate(n: int, rng: random.Random) -> list[SearchDoc]:
    words = seed_words()
    rare = ["".join(rng.choice("bcdfghjklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4)))
            for _ in range(20 * n)]
    docs = []
    for s in range(n):
        headline = " ".join(rng.choice(words) for _ in range(8)).capitalize()
        url = f"sources/generated-{s}.html"
        docs.append(SearchDoc("source", url, headline, f"Outlet {s % 50}, 17 December 2014", f"Outlet {s % 50}"))
        for p in range(1, 13):
            text = " ".join(rng.choice(rare) if rng.random() < 1 / 15 else rng.choice(words) for _ in range(60))
            docs.append(SearchDoc("paragraph", f"{url}#p-{p}", headline, text, f"Outlet {s % 50}, paragraph {p}",
                                  title_weight=0))
    return docs


def loaded(files: dict[str, bytes], keys: list[str], ranked: list[int], query: str, chunk: int) -> int:
    """Bytes static/search.js loads for a query: manifest, its shards, the shown results' chunks."""
    need = set()
    for q in terms(query):
        at = 0
        while at + 1 < len(keys) and keys[at + 1] <= q:
            at += 1
        need.add(at)
        at += 1
        while len(q) >= MIN_PREFIX and at < len(keys) and keys[at].startswith(q):
            need.add(at)
            at += 1
    chunks = {doc // chunk for doc in ranked[:SHOWN]}
    return (len(files["search/manifest.js"]) + sum(len(files[f"search/t{n}.js"]) for n in need)
            + sum(len(files[f"search/d{c}.js"]) for c in chunks))


def ranked(docs: list[SearchDoc], query: str) -> list[int]:
    """Doc ids that contain every query word (as a prefix), by weight: enough to know which chunks load."""
    postings = weights(docs, frozenset(STOP_EN))
    total: dict[int, int] | None = None
    for q in terms(query):
        hits: dict[int, int] = {}
        for term, p in postings.items():
            if term.startswith(q):
                for doc, w in p.items():
                    hits[doc] = max(hits.get(doc, 0), w)
        total = hits if total is None else {d: total[d] + w for d, w in hits.items() if d in total}
    return sorted(total or {}, key=lambda d: (-(total or {})[d], d))


def main(sizes: list[int]) -> None:
    rng = random.Random(2014)
    print("| sources | records | terms | shards | index, all files | per source | manifest | largest shard "
          "| query 'kibosh' loads | query 'sony' loads | build |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        docs = generate(n, rng)
        docs[len(docs) // 2] = SearchDoc("paragraph", "sources/x.html#p-3", "x", "Sony put the kibosh on it",
                                         title_weight=0)
        start = time.perf_counter()
        index = build(docs, "en")
        took = time.perf_counter() - start
        files = dict(index.files)
        keys = manifest_keys(files)
        total = sum(len(b) for b in files.values())
        shard_sizes = [len(b) for name, b in files.items() if name.startswith("search/t")]
        cells = [f"{n:,}", f"{index.docs:,}", f"{index.terms:,}", f"{index.shards:,}", kb(total), kb(total / n),
                 kb(len(files["search/manifest.js"])), kb(max(shard_sizes))]
        for query in ("kibosh", "sony"):
            cells.append(kb(loaded(files, keys, ranked(docs, query), query, CHUNK)))
        cells.append(f"{took:.1f} s")
        print("| " + " | ".join(cells) + " |", flush=True)


def manifest_keys(files: dict[str, bytes]) -> list[str]:
    text = files["search/manifest.js"].decode("utf-8")
    return json.loads(text[text.index("]=") + 2:-2])["shards"]


def kb(size: float) -> str:
    return f"{size / 1024:,.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:,.1f} MB"


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 10000])
