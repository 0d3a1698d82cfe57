"""The text model of a rendered source body, and markup inserted around text ranges of it.

Annotations, citations and actor mentions are anchored on the *text* of a source's blocks (the
elements with id="p-N"); this module gives that text and puts highlights and links back into the
HTML without disturbing anything else: untouched parts re-serialise byte-identically, and inserted
markup is split into properly nested pieces wherever it crosses an element boundary.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["Block", "Document", "Placed", "Span"]

_BLOCK_ID = re.compile(r"p-[0-9]+")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link",
                   "meta", "param", "source", "track", "wbr"})
_RAW_TEXT = frozenset({"script", "style"})
# Elements an inserted piece may wrap whole; any other element is entered, never wrapped.
_PHRASING = frozenset({"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn",
                       "em", "i", "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span",
                       "strong", "sub", "sup", "time", "u", "var", "wbr"})
# Elements whose own text can only be inter-element white space: no piece goes directly in them.
_NO_TEXT = frozenset({"colgroup", "datalist", "dl", "head", "hgroup", "html", "menu", "ol",
                      "optgroup", "picture", "select", "table", "tbody", "tfoot", "thead", "tr",
                      "ul"})
# Elements whose white space is always text (not layout between blocks).
_TEXT_HOSTS = _PHRASING | frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dt",
                                     "caption", "figcaption", "legend", "summary", "label"})
# html.unescape's own pattern (html._charref): splitting text between its matches keeps each
# piece's raw HTML meaning exactly the same text.
_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
_TAG_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")


@dataclass(frozen=True)
class Block:
    """A text block: an element with id="p-N" and the text of all its text nodes, unescaped."""

    id: str
    tag: str
    text: str


@dataclass(frozen=True)
class Span:
    """Markup to put around text [start, end) of doc.blocks[block].

    `avoid`: tag names the span must neither enter nor wrap (text inside them is left out);
    `once`: attributes (e.g. ' id="a-1"') added to the first piece's opening tag only.
    """

    block: int
    start: int
    end: int
    open: str
    close: str
    avoid: frozenset[str] = frozenset()
    once: str = ""


@dataclass(frozen=True)
class Placed:
    """The HTML with spans inserted; pieces[i] is how many pieces span i became (0: not shown)."""

    html: str
    pieces: tuple[int, ...]


# --- tokens --------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Start:
    raw: str
    tag: str
    attrs: tuple[tuple[str, str | None], ...]
    empty: bool                 # void element or self-closing syntax: no end tag follows


@dataclass(frozen=True)
class _End:
    raw: str
    tag: str


@dataclass(frozen=True)
class _Text:
    raw: str
    text: str


@dataclass(frozen=True)
class _Other:
    raw: str                    # comment, doctype, processing instruction, CDATA


_Token = _Start | _End | _Text | _Other


class _Tokeniser(HTMLParser):
    """Records where each token starts; the raw text is then sliced from the source."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.events: list[tuple[int, str, str, tuple[tuple[str, str | None], ...]]] = []
        self._line_starts = [0]

    def run(self, source: str) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.feed(source)
        self.close()

    def _pos(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append((self._pos(), "start", tag, tuple(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append((self._pos(), "empty", tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.events.append((self._pos(), "end", tag, ()))

    def handle_data(self, data: str) -> None:
        if data:
            self.events.append((self._pos(), "text", "", ()))

    def handle_entityref(self, name: str) -> None:
        self.events.append((self._pos(), "text", "", ()))

    def handle_charref(self, name: str) -> None:
        self.events.append((self._pos(), "text", "", ()))

    def handle_comment(self, data: str) -> None:
        self.events.append((self._pos(), "other", "", ()))

    def handle_decl(self, decl: str) -> None:
        self.events.append((self._pos(), "other", "", ()))

    def handle_pi(self, data: str) -> None:
        self.events.append((self._pos(), "other", "", ()))

    def unknown_decl(self, data: str) -> None:
        self.events.append((self._pos(), "other", "", ()))


def _tokenise(source: str) -> tuple[_Token, ...]:
    """Tokens whose raw texts concatenate to exactly `source`."""
    parser = _Tokeniser()
    try:
        parser.run(source)
    except Exception:       # html.parser is lenient; this only guards against its rare asserts
        return (_Other(source),) if source else ()
    events = parser.events
    tokens: list[_Token] = []
    if events and events[0][0] > 0:
        tokens.append(_Other(source[:events[0][0]]))
    elif not events and source:
        tokens.append(_Other(source))
    raw_text = False
    i = 0
    while i < len(events):
        pos, kind, tag, attrs = events[i]
        j = i + 1
        if kind == "text":          # data and character references form one text token
            while j < len(events) and events[j][1] == "text":
                j += 1
        end = events[j][0] if j < len(events) else len(source)
        raw = source[pos:end]
        if kind == "text":
            tokens.append(_Text(raw, raw if raw_text else html.unescape(raw)))
        elif kind == "start":
            tokens.append(_Start(raw, tag, attrs, tag in _VOID))
            raw_text = tag in _RAW_TEXT
        elif kind == "empty":
            tokens.append(_Start(raw, tag, attrs, True))
        elif kind == "end":
            tokens.append(_End(raw, tag))
            raw_text = False
        else:
            tokens.append(_Other(raw))
        i = j
    return tuple(tokens)


# --- the document --------------------------------------------------------------------------

@dataclass(frozen=True)
class Document:
    """A parsed HTML fragment: its tokens and its text blocks (immutable; render as often as needed)."""

    tokens: tuple[_Token, ...]
    blocks: tuple[Block, ...]
    block_tokens: tuple[int, ...] = field(repr=False)   # index of each block's start tag
    block_offsets: tuple[int, ...] = field(repr=False)  # document text offset of each block

    @staticmethod
    def parse(source: str) -> Document:
        """Tokenise HTML produced by Python-Markdown (then sanitised); never raises."""
        tokens = _tokenise(source)
        stack: list[tuple[str, int]] = []       # (tag, block number or -1)
        texts: list[list[str]] = []
        found: list[tuple[str, str, int, int]] = []     # (id, tag, token index, text offset)
        offset = 0
        for index, token in enumerate(tokens):
            if isinstance(token, _Start) and not token.empty:
                ident = dict(token.attrs).get("id") or ""
                number = -1
                if _BLOCK_ID.fullmatch(ident):
                    number = len(found)
                    found.append((ident, token.tag, index, offset))
                    texts.append([])
                stack.append((token.tag, number))
            elif isinstance(token, _End):
                _close(stack, token.tag)
            elif isinstance(token, _Text):
                for _, number in stack:
                    if number >= 0:
                        texts[number].append(token.text)
                offset += len(token.text)
        blocks = tuple(Block(ident, tag, "".join(parts))
                       for (ident, tag, _, _), parts in zip(found, texts))
        return Document(tokens, blocks, tuple(f[2] for f in found), tuple(f[3] for f in found))

    def html(self) -> str:
        """The document re-serialised: byte-identical to what was parsed."""
        return "".join(token.raw for token in self.tokens)

    def with_spans(self, spans: Sequence[Span]) -> str:
        """The HTML with every span's markup inserted as properly nested pieces."""
        return self.place(spans).html

    def place(self, spans: Sequence[Span]) -> Placed:
        """Like with_spans, also saying how many pieces each span became (0: not shown)."""
        root, elements = _build_tree(self.tokens)
        pieces = [0] * len(spans)
        order = sorted(
            (i for i, sp in enumerate(spans) if self._valid(sp)),
            key=lambda i: (self.block_offsets[spans[i].block] + spans[i].start,
                           -(self.block_offsets[spans[i].block] + spans[i].end), i))
        for i in order:
            span = spans[i]
            element = elements[self.block_tokens[span.block]]
            avoid = frozenset(tag.lower() for tag in span.avoid)
            if any(node.tags & avoid for node in _ancestry(element)):
                continue
            placer = _Placer(span, avoid)
            placer.place(element, 0)
            pieces[i] = placer.count
        out: list[str] = []
        _serialise(root, out)
        return Placed("".join(out), tuple(pieces))

    def texts_without(self, class_name: str) -> tuple[str, ...]:
        """Each block's text leaving out what elements of class class_name hold (an editor's insertions), with the
        white space around each as if it had never been written ('said [so], then' -> 'said, then')."""
        number_at = {token: n for n, token in enumerate(self.block_tokens)}
        texts: list[list[str | None]] = [[] for _ in self.blocks]     # None: something left out here
        stack: list[tuple[str, int, bool]] = []     # (tag, block number or -1, inside a left-out element)
        for index, token in enumerate(self.tokens):
            if isinstance(token, _Start) and not token.empty:
                classes = (dict(token.attrs).get("class") or "").split()
                stack.append((token.tag, number_at.get(index, -1),
                              bool(stack and stack[-1][2]) or class_name in classes))
            elif isinstance(token, _End):
                _close(stack, token.tag)
            elif isinstance(token, _Text):
                left_out = bool(stack and stack[-1][2])
                for _, number, _ in stack:
                    if number >= 0:
                        texts[number].append(None if left_out else token.text)
        return tuple(_closed_up(parts) for parts in texts)

    def _valid(self, span: Span) -> bool:
        return (0 <= span.block < len(self.blocks)
                and 0 <= span.start < span.end <= len(self.blocks[span.block].text))


def _close(stack: list, tag: str) -> None:
    """An end tag: the open elements (tag first in each entry) down to the innermost one named tag are closed;
    nothing when no such element is open (a stray end tag)."""
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth][0] == tag:
            del stack[depth:]
            return


def _closed_up(parts: Sequence[str | None]) -> str:
    """Texts joined where None marks a gap: the space before a gap goes when a space, a punctuation mark or the
    block's end follows it, and the space after a gap at the block's start goes."""
    out: list[str] = []
    gap = False
    for part in parts:
        if part is None:
            gap = True
            continue
        if gap and part:
            if not out:
                part = part.lstrip()
            elif part[0].isspace() or not part[0].isalnum():
                out[-1] = out[-1].rstrip()
            gap = False
        out.append(part)
    if gap and out:
        out[-1] = out[-1].rstrip()
    return "".join(out)


# --- the tree used while inserting ---------------------------------------------------------

class _Node:
    __slots__ = ("raw", "text", "_positions")

    def __init__(self, raw: str, text: str) -> None:
        self.raw = raw
        self.text = text                # '' for anything but text
        self._positions: list[int] | None = None

    def split(self, lo: int, hi: int) -> tuple[_Node | None, _Node, _Node | None]:
        """Cut a text node at text offsets lo and hi, keeping each piece's raw HTML if possible."""
        def piece(a: int, b: int) -> _Node | None:
            if a == b:
                return None
            positions = self._raw_positions()
            ra, rb = positions[a], positions[b]
            if ra >= 0 and rb >= 0:
                return _Node(self.raw[ra:rb], self.text[a:b])
            return _Node(html.escape(self.text[a:b], quote=False), self.text[a:b])

        middle = piece(lo, hi)
        assert middle is not None
        return piece(0, lo), middle, piece(hi, len(self.text))

    def _raw_positions(self) -> list[int]:
        """For each text offset, the raw offset it starts at; -1 inside a multi-char reference."""
        if self._positions is None:
            positions: list[int] = []
            pos = 0
            for m in _CHARREF.finditer(self.raw):
                positions.extend(range(pos, m.start()))
                expanded = html.unescape(m.group())
                positions.append(m.start())
                positions.extend([-1] * (len(expanded) - 1))
                pos = m.end()
            positions.extend(range(pos, len(self.raw) + 1))
            self._positions = positions
        return self._positions


class _Element:
    __slots__ = ("tag", "tags", "open", "close", "children", "length", "parent", "inserted")

    def __init__(self, tag: str, open_raw: str, parent: _Element | None,
                 inserted: bool = False, tags: frozenset[str] | None = None) -> None:
        self.tag = tag
        self.tags = tags if tags is not None else frozenset({tag})
        self.open = open_raw
        self.close = ""
        self.children: list[_Element | _Node] = []
        self.length = 0
        self.parent = parent
        self.inserted = inserted


def _build_tree(tokens: Sequence[_Token]) -> tuple[_Element, dict[int, _Element]]:
    """A fresh tree of the tokens; elements by the index of their start tag."""
    root = _Element("#root", "", None)
    stack = [root]
    elements: dict[int, _Element] = {}
    for index, token in enumerate(tokens):
        parent = stack[-1]
        if isinstance(token, _Start) and not token.empty:
            element = _Element(token.tag, token.raw, parent)
            parent.children.append(element)
            elements[index] = element
            stack.append(element)
        elif isinstance(token, _End):
            for depth in range(len(stack) - 1, 0, -1):
                if stack[depth].tag == token.tag:
                    stack[depth].close = token.raw
                    del stack[depth:]
                    break
            else:
                parent.children.append(_Node(token.raw, ""))
        elif isinstance(token, _Start):     # void or self-closing: an element with no content
            element = _Element(token.tag, token.raw, parent)
            parent.children.append(element)
        elif isinstance(token, _Text):
            parent.children.append(_Node(token.raw, token.text))
        else:
            parent.children.append(_Node(token.raw, ""))
    _measure(root)
    return root, elements


def _measure(element: _Element) -> int:
    """Store each element's text length (wrapping never changes it, so it is computed once)."""
    total = 0
    for child in element.children:
        total += _measure(child) if isinstance(child, _Element) else len(child.text)
    element.length = total
    return total


def _size(node: _Element | _Node) -> int:
    return node.length if isinstance(node, _Element) else len(node.text)


def _ancestry(element: _Element) -> list[_Element]:
    chain: list[_Element] = []
    node: _Element | None = element
    while node is not None:
        chain.append(node)
        node = node.parent
    return chain


def _contains(element: _Element, tags: frozenset[str]) -> bool:
    """Whether a descendant has one of `tags` or is an inserted piece."""
    return any(isinstance(c, _Element) and (c.inserted or c.tags & tags or _contains(c, tags))
               for c in element.children)


def _serialise(element: _Element, out: list[str]) -> None:
    out.append(element.open)
    for child in element.children:
        if isinstance(child, _Element):
            _serialise(child, out)
        else:
            out.append(child.raw)
    out.append(element.close)


def _with_once(open_raw: str, once: str) -> str:
    """Put `once` at the end of the first tag of open_raw (before '>' or '/>')."""
    quote = ""
    for i, c in enumerate(open_raw):
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == ">":
            cut = i - 1 if i > 0 and open_raw[i - 1] == "/" else i
            return open_raw[:cut] + once + open_raw[cut:]
    return open_raw + once


class _Placer:
    """Inserts one span's pieces under a block element, left to right."""

    def __init__(self, span: Span, avoid: frozenset[str]) -> None:
        self.span = span
        self.avoid = avoid
        names = [m.group(1).lower() for m in _TAG_NAME.finditer(span.open)]
        self.tag = names[0] if names else "span"
        self.tags = frozenset(names) or frozenset({"span"})
        self.count = 0

    def place(self, element: _Element, base: int) -> None:
        """Wrap the covered runs of element's children; enter children covered only in part."""
        s, e = self.span.start, self.span.end
        result: list[_Element | _Node] = []
        run: list[_Element | _Node] = []
        pos = base
        for child in element.children:
            a = pos
            b = pos + _size(child)
            pos = b
            if a == b:
                # No text (comment, <br>, <img>, empty element): inside a piece only between text.
                if run and s < a < e and self._wrappable(child):
                    run.append(child)
                else:
                    self._flush(element, run, result)
                    result.append(child)
            elif b <= s or a >= e:
                self._flush(element, run, result)
                result.append(child)
            elif isinstance(child, _Node):
                left, middle, right = child.split(max(a, s) - a, min(b, e) - a)
                if left is not None:
                    self._flush(element, run, result)
                    result.append(left)
                run.append(middle)
                if right is not None:
                    self._flush(element, run, result)
                    result.append(right)
            elif child.tags & self.avoid:
                self._flush(element, run, result)
                result.append(child)
            elif s <= a and b <= e and self._wrappable(child):
                run.append(child)
            else:
                self._flush(element, run, result)
                self.place(child, a)
                result.append(child)
        self._flush(element, run, result)
        element.children = result

    def _wrappable(self, node: _Element | _Node) -> bool:
        if isinstance(node, _Node):
            return True
        # Earlier spans' pieces (and elements holding any) are entered, never wrapped, so an
        # earlier span is always outside a later one wherever both cover the same text.
        return (not node.inserted and node.tag in _PHRASING
                and not node.tags & self.avoid and not _contains(node, self.avoid))

    def _flush(self, parent: _Element, run: list[_Element | _Node],
               result: list[_Element | _Node]) -> None:
        if not run:
            return
        trailing: list[_Element | _Node] = []
        while run and _size(run[-1]) == 0:
            trailing.insert(0, run.pop())
        if run and self._allowed(parent, run):
            first = self.count == 0
            piece = _Element(self.tag, _with_once(self.span.open, self.span.once) if first
                             else self.span.open, parent, inserted=True, tags=self.tags)
            piece.close = self.span.close
            piece.children = list(run)
            piece.length = sum(_size(node) for node in run)
            for node in run:
                if isinstance(node, _Element):
                    node.parent = piece
            result.append(piece)
            self.count += 1
        else:
            result.extend(run)
        result.extend(trailing)
        run.clear()

    def _allowed(self, parent: _Element, run: list[_Element | _Node]) -> bool:
        """No piece where only inter-element white space may stand (e.g. in <ul>, between <p>s)."""
        if parent.tag in _NO_TEXT:
            return False
        if parent.inserted or parent.tag in _TEXT_HOSTS:
            return True
        if any(isinstance(n, _Element) or n.text.strip() for n in run):
            return True
        return not any(isinstance(c, _Element) and c.tag not in _PHRASING and not c.inserted
                       for c in parent.children)
