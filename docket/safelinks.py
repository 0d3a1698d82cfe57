"""Refuse, with file and line, Markdown links a browser would run as script or load as inline data."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator

import markdown
from markdown.extensions.tables import TableExtension

from .diagnostics import Diagnostics
from .model import Content, Source

REFUSED_SCHEMES = ("javascript", "vbscript", "data")
# Attributes that hold an address a browser follows or loads (HTML, SVG and MathML).
_URL_ATTRS = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "background", "data",
                        "codebase", "cite", "longdesc", "srcset", "lowsrc", "dynsrc", "manifest", "ping"})
# Browsers drop ASCII tab and newline anywhere in a URL and leading controls and spaces: 'java\tscript:' runs.
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


def refused_scheme(url: str) -> str:
    """'javascript', 'vbscript' or 'data' when url would use that scheme in a browser, else ''."""
    m = _SCHEME.match(_IGNORED.sub("", html.unescape(url)).lower())
    return m.group(1) if m and m.group(1) in REFUSED_SCHEMES else ""


class _Addresses(HTMLParser):
    """Every address-holding attribute value of an HTML fragment (entities already decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls.extend(v for k, v in attrs if v and k.lower() in _URL_ATTRS)

    handle_startendtag = handle_starttag


def refused_links(text: str) -> list[tuple[str, str]]:
    """(scheme, address) of every refused link in Markdown text: links, images, autolinks and raw HTML."""
    folded = _IGNORED.sub("", html.unescape(text.replace("\\", ""))).lower()
    if not any(f"{scheme}:" in folded for scheme in REFUSED_SCHEMES):
        return []           # the common case, and a cheap one: no second Markdown pass
    converted = markdown.Markdown(extensions=[TableExtension()]).convert(text)
    parser = _Addresses()
    parser.feed(converted)
    parser.close()
    return [(scheme, url) for url in parser.urls if (scheme := refused_scheme(url))]


def check_links(content: Content, root: Path, diags: Diagnostics) -> None:
    """Report every refused link in the Markdown texts of the content but the sources' (check_source_links)."""
    _report(_markdown_texts(content), root, diags)


def check_source_links(source: Source, root: Path, diags: Diagnostics) -> None:
    """Report every refused link in a source's body and notes (with its loading, so it is cached with it)."""
    _report(_source_texts(source), root, diags)


def _report(texts: Iterable[tuple[str, int, str]], root: Path, diags: Diagnostics) -> None:
    """Each refused link of each (file, first line, Markdown) at the line that holds it."""
    files: dict[str, list[str]] = {}
    for path, line, text in texts:
        for scheme, url in refused_links(text):
            shown = url if len(url) <= 60 else url[:57] + "..."
            diags.error(path, _line_of(root, path, line, scheme, files),
                        f"link to '{shown}' refused: '{scheme}:' addresses can run script or hide content",
                        "link to an http(s) address or to a page of this site")


def _source_texts(s: Source) -> Iterator[tuple[str, int, str]]:
    yield s.path, s.body_line, s.body
    if s.notes:
        yield s.path, s.line_of("notes"), s.notes


def _markdown_texts(content: Content) -> Iterator[tuple[str, int, str]]:
    """(file, first line, Markdown) of every text an editor writes as Markdown, but the sources'."""
    for p in content.pages:
        yield p.path, p.body_line, p.body
    for a in content.annotations:
        yield a.path, a.line, a.note
    for actor in content.actors:
        if actor.summary:
            yield actor.path, actor.line, actor.summary
    for e in content.events:
        if e.summary:
            yield e.path, e.line, e.summary
    for c in content.claims:
        if c.note:
            yield c.path, c.line, c.note


def _line_of(root: Path, path: str, start: int, scheme: str, files: dict[str, list[str]]) -> int:
    """The first line at or after start whose text, as a browser reads a URL, holds 'scheme:'."""
    if path not in files:
        try:
            files[path] = (root / path).read_text(encoding="utf-8-sig", errors="replace").splitlines()
        except OSError:
            files[path] = []
    for n, line in enumerate(files[path][max(start, 1) - 1:], start=max(start, 1)):
        if f"{scheme}:" in _IGNORED.sub("", html.unescape(line)).lower():
            return n
    return start
