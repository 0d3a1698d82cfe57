"""Actor mentions: find every alias of every actor in a text, plus the editor's explicit markers.

Matching rules (Matcher.find):

- leftmost-longest, non-overlapping: "Sony Pictures Entertainment" is one mention, not "Sony";
- an alias matches only as whole words: neither neighbour of the span may be a letter, digit or
  '_', so "Sony" is not found in "Sonya" and "U.S." not in "U.S.A."; a possessive is counted and
  left outside the span ("Sony's", "Sony’s" give a mention of "Sony");
- case-sensitive, except the aliases an actor lists under ignore_case;
- curly and straight apostrophes and quotes are the same, so are the hyphen variants, and any white
  space character (a line break, a no-break space) matches the space between an alias's words. Every
  fold maps one character to one, so offsets always point into the text given; a run of two spaces
  inside a name does not match.

Run find() on text, not on Markdown or HTML source: inside a link target or an attribute a
case-insensitive alias would be found too.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

import ahocorasick

from .model import Actor

_FOLDS = tuple({
    **{"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201b": "'", "\u2032": "'", "\u201a": "'",
       "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
       "\u2010": "-", "\u2011": "-", "\u2012": "-"},
    **{chr(c): " " for c in range(0x3001) if chr(c).isspace() and chr(c) != " "},
}.items())


def fold(text: str) -> str:
    """The text with apostrophes, quotes, hyphens and white space folded one character to one (offsets hold)."""
    for char, plain in _FOLDS:          # replace() per present character: 30x faster than str.translate here
        if char in text:
            text = text.replace(char, plain)
    return text


@dataclass(frozen=True)
class Mention:
    """One place where a text names an actor: text[start:end] is the words, alias the actor's alias matched."""

    actor: str
    start: int
    end: int
    alias: str


@dataclass(frozen=True)
class _Entry:
    folded: str         # the alias after the one-to-one folds, compared for case-sensitive aliases
    actor: str
    ignore_case: bool
    alias: str          # as written in actors.yaml


@dataclass(frozen=True)
class Matcher:
    """Every alias of every actor in one Aho-Corasick automaton, built once per site and reused for every text."""

    automaton: ahocorasick.Automaton | None
    aliases: int

    @classmethod
    def build(cls, actors: Iterable[Actor]) -> Matcher:
        """Compile the aliases; where two actors claim the same alias (an error of actors.yaml) the first wins."""
        entries: dict[str, list[_Entry]] = {}
        taken: set[tuple[str, bool]] = set()
        for actor in actors:
            ignore = {_fold(a) for a in actor.ignore_case}
            for alias in (actor.name, *actor.aliases, *actor.ignore_case):
                folded = _fold(alias)
                if not folded.strip():
                    continue
                ic = folded in ignore
                mark = (_lower(folded) if ic else folded, ic)
                if mark in taken:
                    continue
                taken.add(mark)
                entries.setdefault(_lower(folded), []).append(_Entry(folded, actor.id, ic, alias))
        if not entries:
            return cls(None, 0)
        automaton = ahocorasick.Automaton()
        for key, items in entries.items():
            automaton.add_word(key, (len(key), tuple(items)))
        automaton.make_automaton()
        return cls(automaton, sum(len(v) for v in entries.values()))

    def find(self, text: str) -> list[Mention]:
        """Every mention in the text, in order, none overlapping another."""
        if self.automaton is None or not text:
            return []
        folded = fold(text)
        size = len(folded)
        best: dict[int, tuple[int, _Entry]] = {}
        for last, (length, items) in self.automaton.iter(_lower(folded)):
            end = last + 1
            start = end - length
            if (start and _is_word(folded[start - 1])) or (end < size and _is_word(folded[end])):
                continue
            for item in items:
                if item.ignore_case or folded[start:end] == item.folded:
                    if start not in best or best[start][0] < end:
                        best[start] = (end, item)
                    break
        mentions: list[Mention] = []
        reached = 0
        for start in sorted(best):
            end, item = best[start]
            if start >= reached:
                mentions.append(Mention(item.actor, start, end, item.alias))
                reached = end
        return mentions


def _fold(text: str) -> str:
    """Apostrophes, quotes, hyphens and white space folded one character to one; alias words single-spaced."""
    return fold(" ".join(text.split()))


def _lower(text: str) -> str:
    """Lower case without changing the length, so offsets found in it hold in the original."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low.replace("\u03c2", "\u03c3")      # final sigma depends on context: fold it away


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


# --- explicit markers -------------------------------------------------------------------------

_MARKER = re.compile(r"(?<!\\)\[([^\[\]\n]+(?:\n[^\[\]\n]+)*)\]\{@([^{}\n]*)\}")


def explicit_markers(markdown: str, first_line: int = 1) -> list[tuple[str, str, int]]:
    """(text, actor id, line) of every explicit marker, so loaders can check the ids with check_refs.

    An editor ties a phrase no alias should match to an actor by writing, in a source's Markdown,
    `[the North]{@north-korea}`: the words in brackets, then `{@` the actor id `}`, with no space
    between `]` and `{`. The words may wrap onto the next line but not span a blank line or hold
    brackets; `\\[` escapes the marker. first_line is the file line on which the Markdown starts.
    """
    if "]{@" not in markdown:
        return []           # most sources have none; a plain search is far cheaper than the pattern
    return [(" ".join(m.group(1).split()), m.group(2).strip(), first_line + markdown.count("\n", 0, m.start()))
            for m in _MARKER.finditer(markdown)]


def strip_markers(markdown: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The Markdown with every marker replaced by its words, and (start, end, actor id) of those words in it."""
    parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    length = 0
    pos = 0
    for m in _MARKER.finditer(markdown):
        before = markdown[pos:m.start()]
        words = m.group(1)
        parts += [before, words]
        length += len(before)
        spans.append((length, length + len(words), m.group(2).strip()))
        length += len(words)
        pos = m.end()
    parts.append(markdown[pos:])
    return "".join(parts), spans


def with_explicit(mentions: Iterable[Mention], spans: Iterable[tuple[int, int, str]], text: str) -> list[Mention]:
    """Found mentions merged with the editor's explicit ones, which win wherever the two overlap."""
    explicit = [Mention(actor, start, end, text[start:end]) for start, end, actor in spans]
    kept = [m for m in mentions if not any(m.start < e.end and e.start < m.end for e in explicit)]
    return sorted(kept + explicit, key=lambda m: (m.start, m.end))


# --- capitalised names no actor covers -------------------------------------------------------

def _char_class(test: Callable[[str], bool]) -> str:
    """A regex character class body of every BMP character passing the test, as ranges."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x10000):
        if test(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


_CAPITALISED = re.compile(r"(?<![\w'’&.-])[" + _char_class(str.isupper) + r"](?:[^\W_]|[-'’&.](?=[^\W_]))*")
_WORD = re.compile(r"[^\W_](?:[^\W_]|[-'’&.](?=[^\W_]))*")
_CONNECTED = re.compile(r" (?:(?:of|the|de|del|der|den|van|von|la|le|du|da|al|bin) )+")
_SENTENCE_END = frozenset(".!?:;")
_ABBREVIATIONS = frozenset({"Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt",
                            "Prof", "Inc", "Corp", "Co", "Ltd", "No", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
                            "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"})
STOPWORDS = frozenset("""
    A An The And But Or Nor So Yet For If Then Than As At By In Into On Onto Of Off Out Over Up Down To From With
    Without About Above After Against Along Among Around Before Behind Below Beneath Beside Between Beyond During
    Except Inside Near Since Through Throughout Toward Towards Under Until Unlike Upon Via Within Whether While
    When Where Whereas Which Who Whom Whose Why What How However Although Though Because Unless Also Even Still
    Just Only Not No Yes It Its It's He His Him She Her Hers They Their Them We Our Us You Your I Me My Mine
    This That These Those There Here Some Many Most Much More Few Several All Any Each Every Both Either
    Neither Other Others Another Such One Two Three Four Five Six Seven Eight Nine Ten First Second Third Last
    Next Now Tonight Yesterday Tomorrow Meanwhile Instead Indeed Perhaps Please See Read Watch Mr Mrs Ms Dr Sir
    Madam President Vice Senator Sen Rep Representative Gov Governor Secretary Minister Prime Gen Prof
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
""".split())


def capitalised_unknowns(text: str, matcher: Matcher,
                         explicit: Sequence[tuple[int, int, str]] = ()) -> list[tuple[str, int]]:
    """Capitalised names (one word or several) that no alias or explicit marker covers, with their offsets.

    Hints for `check` ("names no actor covers"), not errors. A name is a run of capitalised words
    joined by single spaces or by 'of', 'the', 'de', ... on one line; stopwords (The, But, weekdays,
    months, titles, ...) split a run and are dropped; a lone word that opens a sentence or a line
    is skipped, as is every title-case line without a full stop (a headline); a possessive's 's is left out; the dot of
    "U.S." or "Dec." is kept and does not end the sentence. explicit: spans from strip_markers.
    """
    mentions = with_explicit(matcher.find(text), explicit, text)
    starts = [m.start for m in mentions]
    headline: dict[int, bool] = {}
    found: list[tuple[str, int]] = []
    for run, opens in _runs(text):
        line_start = text.rfind("\n", 0, run[0][0]) + 1
        if line_start not in headline:
            line_end = text.find("\n", line_start)
            headline[line_start] = _is_title_case(text[line_start:line_end if line_end >= 0 else len(text)])
        if headline[line_start]:
            continue
        for piece, first in _split_stopwords(run):
            if len(piece) == 1 and first and opens:
                continue
            if all(_covered(start, end, mentions, starts) for start, end, _ in piece):
                continue
            start, end = piece[0][0], piece[-1][1]
            found.append((text[start:end], start))
    return found


def _runs(text: str) -> Iterable[tuple[list[tuple[int, int, str]], bool]]:
    """Runs of capitalised words (start, end, word) joined by a space or connectors, and whether each opens a sentence."""
    run: list[tuple[int, int, str]] = []
    for m in _CAPITALISED.finditer(text):
        start, end, word = m.start(), m.end(), m.group()
        if text.startswith(".", end) and ("." in word or len(word) == 1 or word in _ABBREVIATIONS):
            end, word = end + 1, word + "."
        elif len(word) > 2 and word.endswith(("'s", "’s")):
            end, word = end - 2, word[:-2]
        if run:
            gap = text[run[-1][1]:start]
            if gap == " " or gap == "\u00a0" or _CONNECTED.fullmatch(gap):
                run.append((start, end, word))
                continue
            yield run, _opens(text, run[0][0])
        run = [(start, end, word)]
    if run:
        yield run, _opens(text, run[0][0])


def _opens(text: str, start: int) -> bool:
    """Whether the word at start is the first of its sentence or line: only punctuation and spaces lead back to one."""
    i = start - 1
    while i >= 0 and not text[i].isalnum():
        char = text[i]
        if char == "\n" or char in "!?:;":
            return True
        if char == ".":
            j = i
            while j > 0 and (text[j - 1].isalnum() or text[j - 1] == "."):
                j -= 1
            before = text[j:i]
            return not ("." in before or (len(before) == 1 and before.isupper()) or before in _ABBREVIATIONS)
        i -= 1
    return i < 0


def _is_title_case(line: str) -> bool:
    """A headline or heading: no full stop at the end, and most words of four letters or more capitalised."""
    if line.rstrip().rstrip("\"'”’)").endswith((".", "!", "?")):
        return False
    long_words = [w for w in _WORD.findall(line) if len(w) >= 4 and w[0].isalpha()]
    return len(long_words) >= 2 and sum(w[0].isupper() for w in long_words) >= 0.75 * len(long_words)


def _split_stopwords(run: list[tuple[int, int, str]]) -> Iterable[tuple[list[tuple[int, int, str]], bool]]:
    """Pieces of a run between stopwords, each with whether it starts at the run's first word."""
    piece: list[tuple[int, int, str]] = []
    first = True
    for index, word in enumerate(run):
        if word[2].rstrip(".") in STOPWORDS:
            if piece:
                yield piece, first
            piece, first = [], False
        else:
            if not piece:
                first = index == 0
            piece.append(word)
    if piece:
        yield piece, first


def _covered(start: int, end: int, mentions: list[Mention], starts: list[int]) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and mentions[i].end >= end
