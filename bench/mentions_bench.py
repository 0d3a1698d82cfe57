"""Benchmark of actor matching at scale: 5,000 actors, 10,000 sources of ~600 words, all generated.

Run: .venv/bin/python bench/mentions_bench.py [--actors N] [--sources N] [--words N] [--compare N]

Prints one table: loading and validating actors.yaml, building the matcher (Aho-Corasick, the
engine docket uses), finding every mention, the capitalised-name notes, peak memory; and, on the
first --compare sources, the same search done with one compiled `re` alternation (longest alias
first), the alternative the engine was chosen against, and on ten times as many a prefix-trie
`re` (case-sensitive aliases only). Each must agree with the matcher mention for mention.
Everything is generated from a fixed seed, so two runs search the same text.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docket.content.actors import load_actors  # noqa: E402
from docket.diagnostics import Diagnostics  # noqa: E402
from docket.mentions import Matcher, Mention, capitalised_unknowns, fold  # noqa: E402
from docket.model import Actor  # noqa: E402

SEED = 20141217
ONSETS = ["b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "kr", "l", "m", "n", "p", "pr", "qu",
          "r", "s", "sh", "st", "t", "tr", "v", "w", "z"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y"]
CODAS = ["", "", "n", "r", "l", "s", "th", "x", "nd", "rk", "m", "v"]
FIRST_NAMES = ["Ana", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jamal", "Kofi", "Lena",
               "Marta", "Nikhil", "Olga", "Pedro", "Quinn", "Rosa", "Sami", "Tomas", "Uma", "Viktor", "Wen", "Yara"]
COMPANY_SUFFIXES = ["Holdings", "Pictures", "Systems", "Networks", "Entertainment", "Labs", "Group", "Industries"]
FILLER = """officials said the attack on the company network was more serious than first thought and that
investigators were still looking at how the hackers gained access to computers servers and email of staff
the release of the film was delayed after threats against theaters and the studio said it would review its
options while analysts warned of further damage to the industry government sources described evidence that
pointed to a state sponsor but declined to give details on record because the matter remained classified
executives met with lawyers on the question of liability for leaked data including salaries and medical files
critics argued the decision set a precedent for censorship while others praised caution in the face of risk
the statement came hours after a message was posted online warning of violence at screenings across the country
security experts noted that similar malware had been used before in attacks on banks and broadcasters""".split()
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
PLACES = ["Harbor City", "Port Elms", "Lake Verona", "Mount Cassel"]   # capitalised names no actor covers


def make_actors(count: int, rng: random.Random) -> tuple[Actor, ...]:
    """Invented actors of every kind, each with 2-3 aliases, some sharing prefixes, some case-insensitive."""
    stems: set[str] = set()

    def stem() -> str:
        while True:
            word = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(rng.choice((2, 3)))) + rng.choice(CODAS)
            word = word.capitalize()
            if word not in stems and len(word) >= 5:
                stems.add(word)
                return word

    actors = []
    for i in range(count):
        base = stem()
        roll = i % 20
        ignore: tuple[str, ...] = ()
        if roll < 8:
            kind, name = "person", f"{rng.choice(FIRST_NAMES)} {base}"
            aliases = (name, base) if i % 3 else (name, base, f"{name[0]}. {base}")
        elif roll < 13:
            kind, name = "company", f"{base} {rng.choice(COMPANY_SUFFIXES)}"
            acronym = (base[:2] + name.split()[1][0]).upper() + str(i)
            aliases = (name, base, f"{name} International") if i % 2 else (name, base, acronym)
            ignore = (acronym,) if not i % 2 else ()
        elif roll < 15:
            kind, name = "organisation", f"{base} Institute"
            aliases = (name, f"the {base} Institute for Policy")
        elif roll < 16:
            kind, name = "government", f"Ministry of {base}"
            aliases = (name, f"the {base} ministry")
        elif roll < 17:
            kind, name = "state", f"{base}ia"
            aliases = (name, f"{base}ian", f"the {base}ian government")
        elif roll < 19:
            kind, name = "media", f"The {base} Post"
            aliases = (name, f"{base} Post")
        else:
            kind, name = "group", f"{base} Collective"
            aliases = (name, f"the {base} hackers")
        actors.append(Actor(id=f"actor-{i}", path="content/actors.yaml", line=0, name=name, kind=kind,
                            aliases=aliases, ignore_case=ignore))
    return tuple(actors)


def make_sources(actors: tuple[Actor, ...], count: int, words: int, rng: random.Random) -> tuple[tuple[str, ...], int]:
    """News-like paragraphs of filler with actor aliases (some possessive, some curly) and a few place names."""
    weights = [1 / (rank + 1) for rank in range(len(actors))]      # a few actors in many sources, most in few
    sources, planted = [], 0
    for _ in range(count):
        cast = rng.choices(actors, weights=weights, k=12)
        paragraphs, paragraph, total = [], [], 0
        while total < words:
            length = rng.randint(10, 22)
            sentence = rng.choices(FILLER, k=length)
            total += length
            if rng.random() < 0.55:
                actor = rng.choice(cast)
                alias = rng.choice(actor.aliases)
                if alias in actor.ignore_case and rng.random() < 0.5:
                    alias = alias.lower()
                if rng.random() < 0.2:
                    alias += rng.choice(("'s", "\u2019s"))
                sentence.insert(rng.randint(1, length - 1), alias)
                planted += 1
            if rng.random() < 0.1:
                sentence.insert(rng.randint(1, length - 1), f"on {rng.choice(WEEKDAYS)} in {rng.choice(PLACES)}")
            text = " ".join(sentence)
            paragraph.append(text[0].upper() + text[1:] + ".")
            if len(paragraph) >= rng.randint(3, 5):
                paragraphs.append(" ".join(paragraph))
                paragraph = []
        paragraphs.append(" ".join(paragraph))
        sources.append("\n\n".join(p for p in paragraphs if p))
    return tuple(sources), planted


def actors_yaml(actors: tuple[Actor, ...]) -> str:
    """The generated actors written as a content/actors.yaml, to time the loader too."""
    lines = []
    for a in actors:
        lines += [f"- id: {a.id}", f"  name: \"{a.name}\"", f"  kind: {a.kind}",
                  "  aliases: [" + ", ".join(f"\"{x}\"" for x in a.aliases) + "]"]
        if a.ignore_case:
            lines.append("  ignore_case: [" + ", ".join(f"\"{x}\"" for x in a.ignore_case) + "]")
        lines.append(f"  summary: Invented actor number {a.id[6:]}, for the benchmark.")
    return "\n".join(lines) + "\n"


class RegexMatcher:
    """The alternative measured against Aho-Corasick: one compiled alternation, longest alias first."""

    def __init__(self, actors: tuple[Actor, ...]) -> None:
        exact: dict[str, tuple[str, str]] = {}
        loose: dict[str, tuple[str, str]] = {}
        branches: dict[str, str] = {}
        for actor in actors:
            ignore = {fold(" ".join(a.split())) for a in actor.ignore_case}
            for alias in (actor.name, *actor.aliases):
                folded = fold(" ".join(alias.split()))
                if folded in ignore:
                    loose.setdefault(folded.lower(), (actor.id, alias))
                    branches.setdefault(folded, f"(?i:{re.escape(folded)})")
                else:
                    exact.setdefault(folded, (actor.id, alias))
                    branches.setdefault(folded, re.escape(folded))
        ordered = sorted(branches, key=lambda a: (-len(a), a))
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(branches[a] for a in ordered) + r")(?!\w)")
        self.exact, self.loose = exact, loose

    def find(self, text: str) -> list[Mention]:
        folded = fold(text)
        out = []
        for m in self.pattern.finditer(folded):
            hit = self.exact.get(m.group()) or self.loose[m.group().lower()]
            out.append(Mention(hit[0], m.start(), m.end(), hit[1]))
        return out


def ahocorasick_version() -> str:
    from importlib.metadata import version
    return version("pyahocorasick")


class TrieRegexMatcher:
    """A second `re` design: the aliases factored into a prefix trie, so sre need not try every branch.

    It handles case-sensitive aliases only (an ignore_case alias would need a second trie whose
    hits compete with the first), so it is compared with a Matcher built without ignore_case.
    """

    def __init__(self, actors: tuple[Actor, ...]) -> None:
        self.owner: dict[str, tuple[str, str]] = {}
        trie: dict[str, dict] = {}
        for actor in actors:
            for alias in (actor.name, *actor.aliases):
                folded = fold(" ".join(alias.split()))
                self.owner.setdefault(folded, (actor.id, alias))
                node = trie
                for char in folded:
                    node = node.setdefault(char, {})
                node[""] = {}
        self.pattern = re.compile(r"(?<!\w)(?:" + self._emit(trie) + r")(?!\w)")

    def _emit(self, node: dict[str, dict]) -> str:
        branches = [re.escape(char) + self._emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body      # greedy: the longer alias is tried first

    def find(self, text: str) -> list[Mention]:
        out = []
        for m in self.pattern.finditer(fold(text)):
            actor_id, alias = self.owner[m.group()]
            out.append(Mention(actor_id, m.start(), m.end(), alias))
        return out


def timed(fn, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=5000)
    parser.add_argument("--sources", type=int, default=10000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--compare", type=int, default=100, help="sources searched with the regex alternative too")
    parser.add_argument("--notes", type=int, default=1000, help="sources scanned for capitalised unknown names")
    args = parser.parse_args()

    actors = make_actors(args.actors, random.Random(SEED))
    (sources, planted), gen_time = timed(make_sources, actors, args.sources, args.words, random.Random(SEED + 1))
    words = sum(len(s.split()) for s in sources)
    chars = sum(len(s) for s in sources)
    rows: list[tuple[str, str]] = []
    rows.append(("actors / aliases", f"{len(actors):,} / {sum(len(a.aliases) for a in actors):,}"))
    rows.append(("sources / words / MB", f"{len(sources):,} / {words:,} / {chars / 1e6:.1f}"))
    rows.append(("generating the corpus", f"{gen_time:.2f} s"))

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "actors.yaml"
        path.write_text(actors_yaml(actors), encoding="utf-8")
        diags = Diagnostics()
        loaded, load_time = timed(load_actors, path, "content/actors.yaml", diags)
    assert len(loaded) == len(actors) and not diags.items, diags.items[:3]
    rows.append(("load + validate actors.yaml", f"{load_time:.2f} s"))

    matcher, build_time = timed(Matcher.build, loaded)
    automaton_size = matcher.automaton.get_stats()["total_size"] if matcher.automaton else 0
    tracemalloc.start()
    Matcher.build(loaded)                 # again, traced: tracemalloc slows allocation, so not timed
    build_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rows.append(("Matcher.build (Aho-Corasick)", f"{build_time * 1000:.0f} ms, {matcher.aliases:,} aliases"))
    rows.append(("  memory: traced peak / automaton", f"{build_peak / 1e6:.1f} MB / {automaton_size / 1e6:.1f} MB"))

    found = 0
    start = time.perf_counter()
    for text in sources:
        found += len(matcher.find(text))
    find_time = time.perf_counter() - start
    rows.append(("find, all sources", f"{find_time:.2f} s ({find_time / len(sources) * 1000:.2f} ms a source)"))
    rows.append(("mentions found / planted", f"{found:,} / {planted:,}"))
    rows.append(("mentions per second", f"{found / find_time:,.0f}"))
    rows.append(("text searched per second", f"{chars / find_time / 1e6:.1f} MB"))

    sample = sources[: args.notes]
    notes, notes_time = timed(lambda: sum(len(capitalised_unknowns(t, matcher)) for t in sample))
    rows.append((f"capitalised_unknowns, {len(sample):,} sources", f"{notes_time:.2f} s, {notes:,} names"))

    if args.compare:
        sample = sources[: args.compare]
        regex, regex_build = timed(RegexMatcher, actors)
        rows.append(("re alternation: compile", f"{regex_build * 1000:.0f} ms"))
        ac_results, ac_time = timed(lambda: [matcher.find(t) for t in sample])
        re_results, re_time = timed(lambda: [regex.find(t) for t in sample])
        same = "identical" if ac_results == re_results else "DIFFERENT"
        rows.append((f"find, {len(sample):,} sources: Aho-Corasick", f"{ac_time * 1000:.0f} ms"))
        rows.append((f"find, {len(sample):,} sources: re alternation", f"{re_time * 1000:.0f} ms "
                     f"({re_time / ac_time:.0f}x slower; results {same})"))
        rows.append(("  re alternation, all sources (projected)", f"{re_time / len(sample) * len(sources):.0f} s"))
        plain = tuple(replace(a, ignore_case=()) for a in actors)
        trie, trie_build = timed(TrieRegexMatcher, plain)
        plain_matcher, plain_build = timed(Matcher.build, plain)
        sample = sources[: args.compare * 10]
        ac_results, ac_time = timed(lambda: [plain_matcher.find(t) for t in sample])
        trie_results, trie_time = timed(lambda: [trie.find(t) for t in sample])
        same = "identical" if ac_results == trie_results else "DIFFERENT"
        rows.append(("case-sensitive aliases only: build AC / re trie", f"{plain_build * 1000:.0f} ms / "
                     f"{trie_build * 1000:.0f} ms"))
        rows.append((f"  find, {len(sample):,} sources: AC / re trie", f"{ac_time * 1000:.0f} ms / {trie_time * 1000:.0f} ms "
                     f"(results {same})"))

    rows.append(("peak resident memory (whole run)", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"))
    rows.append(("python / pyahocorasick", f"{sys.version.split()[0]} / {ahocorasick_version()}"))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  {'-' * 40}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
