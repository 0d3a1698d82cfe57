"""How docket.compare grows with the number of sources: time, sentence pairs scored, findings.

    .venv/bin/python bench/compare_bench.py [2 10 100 1000]

Two generated corpora, both from bench/corpus.py's generator (the seed articles' sentences,
reshuffled, with invented names; timing only, never published):

  build    bench/corpus.py's sources as they are: every source prints the same 30 seed sentences
           in its own order with its own names. The corpus bench/run.py builds; the worst case
           for shared quotations and verbatim runs, which every pair of sources has.
  stories  the same generator, but five sources to a story: each story swaps 75% of the seeds'
           content words for invented words of its own, and each of its sources drops a sentence
           in ten and rewords one content word in eight, keeping the rest. Sources of a story
           share quotations, runs and close sentences; sources of different stories share only
           the seeds' common words, as different news stories do.

The blocks are made as a build makes them (Markdown rendered, then split into blocks), then
only `compare()` is timed, best of three runs, wall clock and CPU time of the process. "all pairs" is the number of
pairs of sentences of different sources (what comparing every sentence with every other would
score); "scored" is what compare() scored. The growth column is the exponent k in CPU time ~ N^k
between one size and the next (1: linear, 2: quadratic). The load average is printed with the
table: the figures are only as quiet as the machine was.
"""

from __future__ import annotations

import math
import os
import random
import re
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]

import corpus  # noqa: E402
from docket.compare import STOPWORDS, Found, compare, sentences  # noqa: E402
from docket.htmltext import Document  # noqa: E402
from docket.markup import Renderer  # noqa: E402

STORY_SOURCES = 5
_WORD = re.compile(r"(?<![\w’'])([a-z]{4,})(?![\w’'])")


def invented(rng: random.Random, taken: set[str]) -> str:
    """A new lower-case word from bench/corpus.py's syllables."""
    while True:
        word = "".join(rng.choice(corpus.ONSETS) + rng.choice(corpus.VOWELS) for _ in range(rng.choice((2, 3))))
        word += rng.choice(corpus.CODAS)
        if word not in taken and len(word) >= 5:
            taken.add(word)
            return word


def build_corpus(n: int) -> dict[str, tuple[str, ...]]:
    """bench/corpus.py's sources, paragraphs as a build sees them."""
    rng = random.Random(corpus.SEED * 1_000_003 + n)
    seed = corpus.seed_sentences()
    actors = corpus.make_actors(max(1, n // 2), rng)
    return {s.id: s.paragraphs for s in (corpus.make_source(i, seed, actors, rng) for i in range(n))}


def stories_corpus(n: int) -> dict[str, tuple[str, ...]]:
    """Five sources to a story, each story with its own words, each source with its own edits."""
    rng = random.Random(corpus.SEED * 7 + n)
    seed = corpus.seed_sentences()
    vocab = sorted({w for s in seed for w in _WORD.findall(s) if w not in STOPWORDS})
    actors = corpus.make_actors(max(1, n // 2), rng)
    taken: set[str] = set(vocab)
    out: dict[str, tuple[str, ...]] = {}
    story_sentences: list[str] = []
    for i in range(n):
        if i % STORY_SOURCES == 0:
            swap = {w: invented(rng, taken) for w in vocab if rng.random() < 0.75}
            story_sentences = [_WORD.sub(lambda m: swap.get(m.group(1), m.group(1)), s) for s in seed]
            story_words = sorted(set(swap.values()))
        source = corpus.make_source(i, story_sentences, actors, rng)
        paragraphs = []
        for para in source.paragraphs:
            kept = []
            for line in para.split("\n"):
                sents = [s for s in corpus._SENTENCE_RE.split(line) if rng.random() >= 0.1 or line.startswith(">")]
                sents = [_WORD.sub(lambda m: rng.choice(story_words) if rng.random() < 0.125 else m.group(1), s)
                         for s in sents]
                kept.append(" ".join(sents) or line)
            paragraphs.append("\n".join(kept))
        out[source.id] = tuple(paragraphs)
    return out


def as_blocks(paragraphs: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Each source's Markdown rendered and split into blocks, as docket's link step does."""
    renderer = Renderer()
    return {sid: tuple(b.text for b in Document.parse(renderer.source_body("\n\n".join(paras))).blocks)
            for sid, paras in paragraphs.items()}


def timed(blocks: dict[str, tuple[str, ...]], repeats: int) -> tuple[float, float, Found]:
    """Best wall-clock and best CPU seconds of `repeats` runs (CPU time minds other jobs on the cores less)."""
    wall, cpu, found = math.inf, math.inf, None
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        found = compare(blocks)
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    assert found is not None
    return wall, cpu, found


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [2, 10, 100, 1000]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'corpus':8} {'sources':>7} {'sentences':>9} {'words':>9} {'seconds':>8} {'cpu s':>8} {'growth':>6} "
          f"{'all pairs':>12} {'scored':>8} {'per sent.':>9} {'quotations':>10} {'matches':>8}")
    for name, make in (("build", build_corpus), ("stories", stories_corpus)):
        last: tuple[int, float] | None = None
        for n in sizes:
            blocks = as_blocks(make(n))
            per_source = [len(sentences(sid, b)) for sid, b in blocks.items()]
            total = sum(per_source)
            all_pairs = (total * total - sum(k * k for k in per_source)) // 2
            words = sum(len(re.findall(r"\w+", t)) for b in blocks.values() for t in b)
            seconds, cpu, found = timed(blocks, 3)
            growth = f"{math.log(cpu / last[1]) / math.log(n / last[0]):.2f}" if last else ""
            print(f"{name:8} {n:>7} {total:>9} {words:>9} {seconds:>8.3f} {cpu:>8.3f} {growth:>6} {all_pairs:>12,} "
                  f"{found.candidates:>8,} {found.candidates / total:>9.2f} {len(found.quotations):>10} "
                  f"{len(found.matches):>8}")
            last = (n, cpu)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
