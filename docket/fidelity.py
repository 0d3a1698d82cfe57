"""Faithfulness: every word of a source page must come from its seed, in order."""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostics
from .markup import INSERTION_RE
from .model import Source

_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_MARKUP_RES = (
    re.compile(r"\]\([^)]*\)"),          # link targets
    re.compile(r"\]\[[^\]\n]*\]"),         # reference link labels [text][label]
    re.compile(r"\]\{@[^}]*\}"),          # explicit actor markers [text]{@id}
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.M),   # reference definitions
    re.compile(r"<[^>\n]+>"),            # inline HTML tags
)


@dataclass(frozen=True)
class Word:
    text: str
    line: int


def words(text: str, first_line: int = 1) -> list[Word]:
    """Words with their line numbers; quotes folded so ’ and ' compare equal."""
    texts, lines = _words(text, first_line)
    return [Word(t, n) for t, n in zip(texts, lines)]


def _words(text: str, first_line: int = 1) -> tuple[list[str], list[int]]:
    """words() as two lists, texts and line numbers: no object per word (a source has thousands)."""
    texts: list[str] = []
    lines: list[int] = []
    for n, line in enumerate(text.split("\n"), start=first_line):
        found = _WORD_RE.findall(html.unescape(line).replace("’", "'"))
        if found:
            texts += found
            lines += [n] * len(found)
    return texts, lines


def _opcodes(seed: list[str], page: list[str], autojunk: bool) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes of seed -> page; computed directly when the page is one unbroken run of the seed
    (the common case: the seed is the page plus boilerplate around it), which gives the same opcodes."""
    if page and not autojunk:
        at = ("\0" + "\0".join(seed) + "\0").find("\0" + "\0".join(page) + "\0")
        if at >= 0:
            i = ("\0" + "\0".join(seed))[:at + 1].count("\0") - 1
            k = len(page)
            return ([("delete", 0, i, 0, 0)] if i else []) + [("equal", i, i + k, 0, k)] + \
                ([("delete", i + k, len(seed), k, k)] if i + k < len(seed) else [])
    return difflib.SequenceMatcher(None, seed, page, autojunk=autojunk).get_opcodes()


def _strip_markup(body: str) -> str:
    """Remove Markdown syntax that is not the source's words; keep line structure."""
    body = INSERTION_RE.sub(lambda m: "\n" * m.group(0).count("\n"), body)
    for pattern in _MARKUP_RES:
        body = pattern.sub(lambda m: "\n" * m.group(0).count("\n"), body)
    return body


@dataclass(frozen=True)
class Omission:
    """A run of the seed's words that the page leaves out."""

    seed_line: int
    count: int
    preview: str


def compare(source: Source, seed_text: str, diags: Diagnostics) -> list[Omission]:
    """Warn for every word not in the seed; return what the page leaves out of the seed."""
    page, page_lines = _words(source.headline)
    page_lines = [source.line_of("headline")] * len(page_lines)
    body, body_lines = _words(_strip_markup(source.body), source.body_line)
    page += body
    page_lines += body_lines
    seed, seed_lines = _words(seed_text)
    omissions = []
    added: dict[int, list[str]] = {}
    for tag, i1, i2, j1, j2 in _opcodes(seed, page, len(seed) > 20000):
        if tag in ("replace", "insert"):
            for j in range(j1, j2):
                added.setdefault(page_lines[j], []).append(page[j])
        if tag in ("replace", "delete"):
            run = seed[i1:i2]
            preview = " ".join(run[:12]) + (" …" if len(run) > 12 else "")
            omissions.append(Omission(seed_lines[i1], len(run), preview))
    for line, texts in sorted(added.items()):
        shown = " ".join(texts[:10]) + (" …" if len(texts) > 10 else "")
        diags.warning(source.path, line, f"words not in the seed seeds/{source.seed}: '{shown}'",
                      "restore the seed's wording, or mark an editor's insertion as {++your words++}")
    return omissions


def check_source(root: Path, source: Source, diags: Diagnostics, *, list_omissions: bool) -> None:
    """Compare a source with its seed; with list_omissions, note what was left out."""
    seed_bytes = (root / "seeds" / source.seed).read_bytes()
    seed_text = seed_bytes.decode("utf-8", errors="replace")
    if source.seed.endswith((".html", ".htm")):
        seed_text = html.unescape(re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", seed_text, flags=re.S | re.I))
    for o in compare(source, seed_text, diags):
        if list_omissions:
            diags.note(f"seeds/{source.seed}", o.seed_line, f"omitted from {source.path}: {o.count} word(s): '{o.preview}'",
                       "page boilerplate may be left out; make sure no sentence of the article is")
