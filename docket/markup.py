"""Markdown -> safe HTML: Python-Markdown for the syntax, nh3's allow-list for raw HTML."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
import markdown.util
import nh3
from markdown.extensions import Extension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

# An editor's insertion in a source's words, as CriticMarkup writes an addition: {++words++}.
INSERTION_RE = re.compile(r"\{\+\+(.+?)\+\+\}", re.S)
INSERTION_CLASS = "insertion"       # the class of the element an insertion becomes

_TAGS = {"a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "dl", "dt", "em", "h1", "h2", "h3", "h4",
         "h5", "h6", "hr", "i", "ins", "li", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup",
         "table", "tbody", "td", "th", "thead", "tr", "ul", "mark"}
_ATTRS = {"*": {"id", "class", "title", "lang"}, "a": {"href"}, "span": {"data-actor"}, "td": {"align"}, "th": {"align"}}
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "pre")


class _InsertionPattern(InlineProcessor):
    """{++words++} -> <span class="insertion">[words]</span>, visibly an editor's."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # noqa: N802
        el = etree.Element("span", {"class": INSERTION_CLASS, "title": "editor's insertion"})
        el.text = "[" + m.group(1) + "]"
        return el, m.start(0), m.end(0)


# An editor's explicit tie of words to an actor: [the North]{@north-korea} (see docket/mentions.py).
ACTOR_MARKER_RE = re.compile(r"\[([^\[\]]+)\]\{@([a-z0-9][a-z0-9-]*)\}")


class _ActorMarkerPattern(InlineProcessor):
    """[words]{@actor} -> <span class="actor-ref" data-actor="actor">words</span>, found later as a mention."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:  # noqa: N802
        el = etree.Element("span", {"class": "actor-ref", "data-actor": m.group(2)})
        el.text = m.group(1)
        return el, m.start(0), m.end(0)


class _ParagraphIds(Treeprocessor):
    """Number every text block p-1, p-2, ... in reading order, for deep links and anchoring."""

    def run(self, root: etree.Element) -> None:
        n = 0
        for el in root.iter():
            if el.tag in _BLOCK_TAGS and not any(child.tag in ("p", "ul", "ol", "blockquote") for child in el):
                if el.tag == "p" and not len(el) and markdown.util.HTML_PLACEHOLDER_RE.fullmatch((el.text or "").strip()):
                    continue    # a raw HTML block (a comment, say): not a paragraph of the source
                n += 1
                el.set("id", f"p-{n}")


class _Docket(Extension):
    def __init__(self, paragraph_ids: bool) -> None:
        super().__init__()
        self.paragraph_ids = paragraph_ids

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        md.inlinePatterns.register(_InsertionPattern(INSERTION_RE.pattern, md), "docket-insertion", 180)
        md.inlinePatterns.register(_ActorMarkerPattern(ACTOR_MARKER_RE.pattern, md), "docket-actor", 175)
        if self.paragraph_ids:
            md.treeprocessors.register(_ParagraphIds(md), "docket-paragraph-ids", 0)


class Renderer:
    """One Markdown converter per kind of text, reused (reset between documents).

    html() remembers what it converted: a build renders the same summary or lede for several pages
    (timeline, feed, search, actor pages), and Markdown is the slowest step of a build.
    """

    def __init__(self) -> None:
        self._converted: dict[str, str] = {}
        # Extension objects, not names: a name is looked up among every installed package's entry points.
        self._plain = markdown.Markdown(extensions=[SaneListExtension(), TableExtension(), _Docket(False)])
        self._numbered = markdown.Markdown(extensions=[SaneListExtension(), TableExtension(), _Docket(True)])

    def html(self, text: str) -> str:
        """Notes, summaries and free pages."""
        html = self._converted.get(text)
        if html is None:
            self._plain.reset()
            html = self._converted[text] = sanitize(self._plain.convert(text))
        return html

    def lede(self, body: str) -> str:
        """The plain text of a body's first paragraph, for descriptions, lists and the feed."""
        return plain_text(self.html(body.strip().split("\n\n")[0]))

    def inline(self, text: str) -> str:
        """One line of Markdown without the surrounding <p>."""
        html = self.html(text)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return html

    def source_body(self, text: str) -> str:
        """A source's body, every text block numbered p-1, p-2, ..."""
        self._numbered.reset()
        return sanitize(self._numbered.convert(text))


def sanitize(html: str) -> str:
    """Keep only the allow-listed tags, attributes and URL schemes (no script, no javascript:)."""
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRS, url_schemes={"http", "https", "mailto"},
                     link_rel=None, strip_comments=True)


def plain_text(html: str) -> str:
    """Text of an HTML fragment, for descriptions and search."""
    import html as html_lib
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", html))).strip()
