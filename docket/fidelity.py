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
    out = []
    for n, line in enumerate(text.split("\n"), start=first_line):
        for m in _WORD_RE.finditer(html.unescape(line).replace("’", "'")):
            out.append(Word(m.group(0), n))
    return out


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
    page = [Word(w.text, source.line_of("headline")) for w in words(source.headline)]
    page += words(_strip_markup(source.body), source.body_line)
    seed = words(seed_text)
    matcher = difflib.SequenceMatcher(None, [w.text for w in seed], [w.text for w in page], autojunk=len(seed) > 20000)
    omissions = []
    added: dict[int, list[str]] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            for w in page[j1:j2]:
                added.setdefault(w.line, []).append(w.text)
        if tag in ("replace", "delete"):
            run = seed[i1:i2]
            preview = " ".join(w.text for w in run[:12]) + (" …" if len(run) > 12 else "")
            omissions.append(Omission(run[0].line, len(run), preview))
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
