"""Deterministic benchmark corpus: N sources, ~N/2 actors, up to N events (2 MB of YAML), notes on a tenth of sources.

Run: .venv/bin/python bench/corpus.py N DIR [--seed S]

The prose is the two seed articles' sentences (content/sources/*.md of this repository), shuffled
into new paragraphs, with the names of the story's actors replaced by invented ones, so every
source reads like news and names actors the matcher must find. Each source gets its own seed
file (the same words as plain text, plus page boilerplate) and the seed's sha256, so docket's
loader, fidelity check, anchoring, mentions and timeline all run as on real content. Outlets,
names and events are invented and say so (the site's title is "generated benchmark corpus"):
the corpus is for timing only and is never published.

Everything comes from one random.Random(seed), so the same N and seed give byte-identical files.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = 20141217
TIMELINE_BYTES = 1_990_000      # under docket's limit for one YAML file (docket/yamlread.py MAX_BYTES, 2 MB)

# Names in the seed articles that the generator swaps for invented actors' aliases (longest first).
SWAPPED = ["Sony Pictures Entertainment", "Department of Homeland Security", "Regal Entertainment", "Carmike Cinemas",
           "The New York Times", "Obama administration", "AMC Theatres", "AMC Theaters", "Sony Pictures",
           "North Korea", "Kim Jong Un", "White House", "Saudi Arabia", "South Korea", "Cinemark", "Japan", "Sony"]
_SWAP_RE = re.compile(r"\b(" + "|".join(re.escape(s) for s in SWAPPED) + r")\b")
_MARKUP_RE = re.compile(r"\[([^\[\]]+)\](?:\([^)]*\)|\{@[^}]*\})|\{\+\+.*?\+\+\}")
_SENTENCE_RE = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“\"])")

ONSETS = ["b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "kr", "l", "m", "n", "p", "pr",
          "r", "s", "sh", "st", "t", "tr", "v", "w", "z"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"]
CODAS = ["", "", "n", "r", "l", "s", "th", "nd", "rk", "m", "v"]
FIRST_NAMES = ["Ana", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jamal", "Kofi", "Lena",
               "Marta", "Nikhil", "Olga", "Pedro", "Quinn", "Rosa", "Sami", "Tomas", "Uma", "Viktor", "Wen", "Yara"]
KINDS = [("person", 8), ("company", 5), ("organisation", 2), ("government", 2), ("state", 1), ("media", 1), ("group", 1)]
SUFFIXES = {"company": ["Pictures", "Systems", "Networks", "Entertainment", "Cinemas", "Holdings"],
            "organisation": ["Institute", "Foundation", "Association"], "government": ["Ministry", "Agency", "Bureau"],
            "state": ["Republic"], "media": ["Gazette", "Herald", "Tribune"], "group": ["Collective", "Circle"]}
EVENT_KINDS = ["attack", "leak", "report", "statement", "threat", "decision", "release", "sanction"]
ANNOTATION_KINDS = ["context", "fact-check", "definition", "correction"]
OUTLETS = ["Harbor Daily", "The Elms Courier", "Verona Wire", "Cassel Evening Post", "North Shore Ledger",
           "The Midland Record", "Bayside Bulletin", "Ridgeway Times"]


@dataclass(frozen=True)
class GenActor:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class GenSource:
    id: str
    headline: str
    outlet: str
    published: date
    paragraphs: tuple[str, ...]
    quotable: tuple[str, ...]       # sentences found exactly once in this source
    actors: tuple[str, ...]         # ids of the actors it names


def seed_sentences() -> list[str]:
    """The sentences of the seed articles' bodies, in order (blockquote lines are sentences too)."""
    out = []
    for path in sorted((REPO / "content" / "sources").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        body = _MARKUP_RE.sub(lambda m: m.group(1) or "", body)      # the words only: no links, markers, insertions
        for para in body.split("\n\n"):
            para = " ".join(line.removeprefix(">").strip() for line in para.strip().splitlines()).strip()
            out += [s for s in _SENTENCE_RE.split(para) if len(s.split()) >= 4]
    return out


def make_actors(count: int, rng: random.Random) -> list[GenActor]:
    """Invented actors of every kind, each with 2-3 aliases; stems are unique so no alias is shared."""
    stems: set[str] = set()

    def stem() -> str:
        while True:
            word = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(rng.choice((2, 3)))) + rng.choice(CODAS)
            word = word.capitalize()
            if word not in stems and len(word) >= 5:
                stems.add(word)
                return word

    kinds = [k for k, w in KINDS for _ in range(w)]
    actors = []
    for i in range(count):
        base, kind = stem(), kinds[i % len(kinds)]
        if kind == "person":
            name = f"{rng.choice(FIRST_NAMES)} {base}"
            aliases: tuple[str, ...] = (name, base)
        else:
            name = f"{base} {rng.choice(SUFFIXES[kind])}"
            aliases = (name, base) if i % 3 else (name, base, (base[:3] + name.split()[1][0]).upper() + str(i))
        actors.append(GenActor(f"{base.lower()}-{i}", name, kind, aliases))
    return actors


def make_source(i: int, sentences: list[str], actors: list[GenActor], rng: random.Random) -> GenSource:
    """One article of about 4.5 KB: ten paragraphs of seed sentences naming invented actors."""
    cast = rng.sample(actors, min(len(actors), 6))
    named: set[str] = set()

    def swap(m: re.Match[str]) -> str:
        actor = rng.choice(cast)
        named.add(actor.id)
        return rng.choice(actor.aliases)

    order = rng.sample(sentences, len(sentences))      # each seed sentence once per source, shuffled
    paragraphs = []
    for p in range(10):
        picked = [_SWAP_RE.sub(swap, s) for s in order[3 * p:3 * p + 3]]
        if not picked:
            break
        if p == 4 and i % 4 == 0:
            paragraphs.append("\n>\n".join("> " + s for s in picked))    # a quoted statement, as in ReadWrite
        else:
            paragraphs.append(" ".join(picked))
    text = "\n".join(paragraphs)
    quotable = tuple(sorted({s for para in paragraphs for s in _SENTENCE_RE.split(para.replace("> ", "").replace("\n>\n", " "))
                             if "\n" not in s and ">" not in s and len(s) > 40 and text.count(s) == 1}))
    lead = cast[0]
    headline = f"{lead.name} at the centre of new claims over the studio attack ({i + 1})"
    published = date(2014, 11, 1) + timedelta(days=rng.randrange(150))
    return GenSource(f"gen-{i + 1:05d}", headline, rng.choice(OUTLETS), published, tuple(paragraphs), quotable,
                     tuple(sorted(named)))


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_corpus(root: Path, n: int, seed: int = SEED) -> dict[str, int]:
    """Write a complete docket project for n sources into root (emptied first); return its counts."""
    rng = random.Random(seed * 1_000_003 + n)
    if root.exists():
        shutil.rmtree(root)
    for sub in ("seeds", "content/sources", "content/annotations", "content/pages"):
        (root / sub).mkdir(parents=True)
    for name in ("layouts", "static"):
        shutil.copytree(REPO / name, root / name)
    (root / "site.yaml").write_text(
        f'title: "docket benchmark corpus ({n} sources, generated)"\n'
        "description: >-\n  Invented outlets, names and events around the seed articles' sentences, for timing "
        "the build only.\nlanguage: en\noutput: _site\n", encoding="utf-8")
    (root / "content/pages/index.md").write_text(
        "---\ntitle: Benchmark corpus\ndescription: A generated corpus for timing docket.\n---\n\n"
        f"This site holds {n} generated sources. Start with [the sources](sources.html).\n", encoding="utf-8")
    (root / "content/pages/about.md").write_text(
        "---\ntitle: About this corpus\ndescription: How the benchmark corpus is generated.\n---\n\n"
        "Generated by `bench/corpus.py` from the seed articles' sentences; names and outlets are invented.\n",
        encoding="utf-8")
    sentences = seed_sentences()
    actors = make_actors(max(1, n // 2), rng)
    lines = ["# Generated by bench/corpus.py: invented actors for timing only."]
    for a in actors:
        lines += [f"- id: {a.id}", f"  name: {_q(a.name)}", f"  kind: {a.kind}",
                  "  aliases: [" + ", ".join(_q(x) for x in a.aliases) + "]",
                  f"  summary: {_q(f'An invented {a.kind} of the benchmark corpus.')}"]
    (root / "content/actors.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    sources = [make_source(i, sentences, actors, rng) for i in range(n)]
    annotations = 0
    for s in sources:
        seed_text = (f"Home | {s.outlet}\n\n{s.headline}\n\n"
                     + "\n\n".join(p.replace("> ", "").replace("\n>\n", "\n\n") for p in s.paragraphs)
                     + "\n\nSee also: more from this outlet\nSubscribe to our newsletter\n")
        seed_bytes = seed_text.encode("utf-8")
        (root / "seeds" / f"{s.id}.txt").write_bytes(seed_bytes)
        front = ["---", f"headline: {_q(s.headline)}", f"outlet: {_q(s.outlet)}", 'byline: ""',
                 "byline_note: Generated source; it has no author.", f"published: {s.published.isoformat()}",
                 f"url: https://news.example/{s.id}", f"seed: {s.id}.txt",
                 f"sha256: {hashlib.sha256(seed_bytes).hexdigest()}", "---", "", ""]
        (root / "content/sources" / f"{s.id}.md").write_text("\n".join(front) + "\n\n".join(s.paragraphs) + "\n",
                                                             encoding="utf-8")
    for k, s in enumerate(sources):
        if k % 10 or not s.quotable:
            continue
        notes = []
        for quote in rng.sample(s.quotable, min(3, len(s.quotable))):
            notes += [f"- quote: {_q(quote)}", f"  kind: {rng.choice(ANNOTATION_KINDS)}",
                      f"  note: {_q('A generated note on this passage; the ' + rng.choice(sentences)[:60].rstrip() + '...')}"]
            if s.actors:
                notes.append(f"  actors: [{rng.choice(s.actors)}]")
            annotations += 1
        (root / "content/annotations" / f"{s.id}.yaml").write_text("\n".join(notes) + "\n", encoding="utf-8")
    events = ["# Generated by bench/corpus.py: invented events for timing only."]
    citable = [s for s in sources if s.quotable]
    size, written = 0, 0
    for e in range(n):
        before = len(events)
        s = citable[e % len(citable)] if citable else None
        day = date(2014, 11, 1) + timedelta(days=rng.randrange(150))
        cast = rng.sample(actors, min(2, len(actors)))
        events += [f"- id: event-{e + 1:05d}", f"  date: {day.isoformat()}",
                   f"  title: {_q(f'{cast[0].name} and {cast[-1].name}: development {e + 1}')}",
                   f"  kind: {EVENT_KINDS[e % len(EVENT_KINDS)]}",
                   f"  summary: {_q('A generated event of the benchmark corpus.')}",
                   "  actors: [" + ", ".join(a.id for a in cast) + "]"]
        if s is not None:
            events += ["  cites:", f"    - source: {s.id}", f"      quote: {_q(rng.choice(s.quotable))}"]
        size += sum(len(line.encode("utf-8")) + 1 for line in events[before:])
        if size > TIMELINE_BYTES:       # docket refuses a YAML file over 2 MB: the timeline stops short of n
            del events[before:]
            break
        written += 1
    (root / "content/timeline.yaml").write_text("\n".join(events) + "\n", encoding="utf-8")
    return {"sources": n, "actors": len(actors), "events": written, "annotations": annotations,
            "body_bytes": sum(len("\n\n".join(s.paragraphs).encode("utf-8")) for s in sources)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="number of sources")
    ap.add_argument("dir", type=Path, help="project folder to (re)create")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()
    counts = write_corpus(args.dir, args.n, args.seed)
    print(" ".join(f"{k}={v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
