"""Line rules that separate an article from the page furniture copied along with it."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Every rule below is about how web pages are built, never about one story: a rule that
# names words of one article would silently break on the next one.

_WORD = re.compile(r"\S+")
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
_SPACE = re.compile(r"\s+")

_TRACKER = re.compile(
    r"scorecardresearch|skip to (?:the )?(?:main )?(?:content|navigation|search)|googletagmanager|"
    r"google-analytics|doubleclick\.net|quantserve|chartbeat|enable javascript|"
    r"your browser does not support", re.IGNORECASE)
_AD_MARKER = re.compile(
    r"(?:advertisement|advertising|sponsored(?: content)?|ad|story continues below(?: advertisement)?|"
    r"continue reading(?: (?:the|this) (?:main )?(?:story|article))?(?: below)?)",
    re.IGNORECASE)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\))?\s*\d{4})|\ball rights reserved\b",
                        re.IGNORECASE)
_SEE_ALSO = re.compile(
    r"^(?:see also|related|related (?:stories|story|articles?|coverage|content|reading|links?|posts?)|"
    r"read more|read also|also read|read next|more on this(?: story)?|recommended(?: reading)?|"
    r"further reading|you may also like|more from [^:]{1,40})\s*[:：]", re.IGNORECASE)
_CREDIT = re.compile(
    r"^(?:(?:lead|top|main|header|featured|feature|cover|hero|banner) )?"
    r"(?:image|photo|photograph|picture|illustration|video|graphic)s?(?: credits?)?"
    r"\s*(?::|courtesy(?: of)?\b|by\b|via\b|©|source\b)", re.IGNORECASE)
_SIGN_UP = re.compile(
    r"^(?:get|receive|have|sign up to get|subscribe to get)\b.{0,100}\b(?:delivered|sent|straight)\b.{0,40}\binbox\b|"
    r"^(?:sign up|subscribe)\b.{0,80}\b(?:newsletters?|inbox|e-?mails?|updates|alerts)\b|"
    r"^by (?:signing up|subscribing|clicking|entering your e-?mail|registering)\b|"
    r"^enter your e-?mail\b|^unsubscribe(?: here| now)?\W*$|\bunsubscribe (?:at )?any ?time\b|"
    r"^(?:thanks|thank you) for (?:signing up|subscribing)\b", re.IGNORECASE)
_FOOTER_HEADING = re.compile(
    r"^about (?:the )?.{0,60}?(?:editorial|ethics|fact[- ]?checking|corrections) "
    r"(?:process|policy|policies|standards|guidelines)$|"
    r"^(?:our )?(?:editorial|ethics|corrections) (?:process|policy|policies|standards|guidelines)$|"
    r"^about the (?:authors?|writers?|reporters?|contributors?)$", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*[›»]\s*|\s+[>|/]\s+")
_HOME = re.compile(r"^home\b\s*[›»>|/:\-–—]?\s*", re.IGNORECASE)

# Characters that make Markdown read a paragraph as something else when they open it.
_MD_BLOCK_START = re.compile(
    r"^(?:#|>|[-+*](?:\s|$)|\d+[.)](?:\s|$)|\[[^\]]*\]:|\*\[|!!!|\{:|"
    r"([-*_])(?:\s*\1){2,}\s*$)")

_FOOTER_BLOCKS = ("newsletter sign-up", "editorial-policy or author footer")
# '<' opening something Markdown would pass through as HTML (a tag, a comment, an autolink).
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
HEADLINE_MAX_WORDS = 25
SHORT_ITEM_WORDS = 5


@dataclass(frozen=True)
class Unit:
    """One paragraph of the input: the lines it spans, its text and how far it is indented."""

    first: int                  # 1-based line in the input text
    last: int
    text: str
    indent: int = 0


@dataclass(frozen=True)
class Dropped:
    """A paragraph left out of the article, with the rule that left it out, for the editor's review."""

    first: int
    last: int
    reason: str
    text: str

    def lines(self) -> str:
        return f"line {self.first}" if self.first == self.last else f"lines {self.first}-{self.last}"


@dataclass(frozen=True)
class Cleaned:
    """The article found in a page: its headline, its paragraphs as Markdown, and what was left out."""

    headline: str
    headline_line: int          # 0 when no headline was found
    paragraphs: tuple[str, ...]
    dropped: tuple[Dropped, ...]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def has_sentence(text: str) -> bool:
    """Whether a paragraph reads as running text rather than as a menu item or a title."""
    found = words(text)
    if not found:
        return False
    if _TERMINAL.search(text.strip()):
        return True
    # A long run of words with several lower-case ones is prose that merely lacks its full
    # stop; menus and titles are short or capitalise every word.
    lower = sum(1 for w in found if w[0].islower())
    return len(found) >= 8 and lower >= 3


def split_plain(text: str) -> list[Unit]:
    """Paragraphs of plain text: one per line, or one per block when the text is hard-wrapped."""
    lines = text.split("\n")
    runs: list[list[int]] = []
    current: list[int] = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            current.append(number)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    longest = max((len(lines[n - 1].rstrip()) for run in runs for n in run), default=0)
    wrapped = longest <= 100 and any(len(run) > 1 for run in runs)
    units: list[Unit] = []
    for run in runs:
        groups = [run] if wrapped else [[n] for n in run]
        for group in groups:
            first_line = lines[group[0] - 1]
            joined = " ".join(lines[n - 1].strip() for n in group)
            indent = len(first_line.expandtabs(4)) - len(first_line.expandtabs(4).lstrip())
            units.append(Unit(group[0], group[-1], _SPACE.sub(" ", joined).strip(), indent))
    return units


def split_markdown(text: str) -> list[Unit]:
    """Blocks of Markdown text (as trafilatura writes it), kept verbatim: lists stay lists."""
    units: list[Unit] = []
    block: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n") + [""], start=1):
        if line.strip():
            block.append((number, line.rstrip()))
        elif block:
            units.append(Unit(block[0][0], block[-1][0], "\n".join(line for _, line in block)))
            block = []
    return units


def plain_of_markdown(text: str) -> str:
    """The words of a Markdown block without its markup, so rules read text, not syntax."""
    text = re.sub(r"^\s*(?:#{1,6}\s*|>\s*|[-+*]\s+|\d+\.\s+)", "", text)
    text = re.sub(r"\\(.)", r"\1", text)
    return _SPACE.sub(" ", text.replace("**", "").replace("__", "")).strip()


def escape_block_start(paragraph: str) -> str:
    """Escape what would make Markdown hide or restyle the words: a block marker at the start, a tag."""
    paragraph = _TAG_START.sub("&lt;", paragraph)
    if _MD_BLOCK_START.match(paragraph):
        digits = re.match(r"\d+", paragraph)
        if digits:
            return paragraph[: digits.end()] + "\\" + paragraph[digits.end():]
        return "\\" + paragraph
    return paragraph


def _is_breadcrumb(text: str) -> bool:
    """Short items joined by › » > | / separators, like 'Home › World › Asia'."""
    items = [item.strip() for item in _SEPARATOR.split(text)]
    if len(items) < 2 or any(not item for item in items):
        return False
    if _TERMINAL.search(text.strip()) or len(words(text)) > 25:
        return False
    return all(len(words(item)) <= SHORT_ITEM_WORDS for item in items[:-1]) and len(words(items[-1])) <= 15


def _pattern_reason(text: str) -> str:
    """The boilerplate rule a paragraph falls under on its own, or '' when it looks like article text."""
    count = len(words(text))
    if _TRACKER.search(text) and count <= 15:
        return "tracker or accessibility text"
    if _AD_MARKER.fullmatch(text.strip(" .:-–—")):
        return "advertisement marker"
    if _COPYRIGHT.search(text) and count <= 25:
        return "copyright footer"
    if _SEE_ALSO.match(text) and count <= 30:
        return "see-also link"
    if _CREDIT.match(text) and count <= 15 and not _TERMINAL.search(text):
        return "image credit"
    if _SIGN_UP.search(text) and count <= 40:
        return "newsletter sign-up"
    if _FOOTER_HEADING.match(text.rstrip(" :")) and count <= 10:
        return "editorial-policy or author footer"
    if _is_breadcrumb(text):
        return "breadcrumb or navigation"
    return ""


def _same(a: str, b: str) -> bool:
    return _SPACE.sub(" ", a).strip().casefold() == _SPACE.sub(" ", b).strip().casefold()


def clean(text: str, *, markdown: bool = False, title: str = "") -> Cleaned:
    """Find the article in TEXT; plain text gets every rule, trafilatura's Markdown the textual ones."""
    units = split_markdown(text) if markdown else split_plain(text)
    plain = [plain_of_markdown(u.text) if markdown else u.text for u in units]
    reasons = _pattern_pass(units, plain)
    kept = [i for i, reason in enumerate(reasons) if not reason]

    if len(kept) > 1 and _home_breadcrumb(plain[kept[0]], plain[kept[1]]):
        reasons[kept.pop(0)] = "breadcrumb (Home and the headline)"
    headline, headline_line = (title, 0) if markdown else ("", 0)
    if kept and _is_headline(units[kept[0]], plain[kept[0]], markdown, title):
        headline, headline_line = plain[kept[0]], units[kept[0]].first
        reasons[kept.pop(0)] = "headline"

    if not markdown:
        _drop_teasers(kept, reasons, plain)
        # Past the last paragraph that reads as prose, what is left is menus and link lists.
        sentences = [i for i in kept if has_sentence(plain[i])]
        end = sentences[-1] if sentences else -1
        for i in kept[:]:
            if i > end:
                reasons[i] = "no sentence after the article body (navigation)"
                kept.remove(i)

    paragraphs = tuple(units[i].text if markdown else escape_block_start(units[i].text) for i in kept)
    dropped = tuple(Dropped(u.first, u.last, reasons[i], plain[i])
                    for i, u in enumerate(units) if reasons[i] and reasons[i] != "headline")
    return Cleaned(headline, headline_line, paragraphs, dropped)


def _drop_teasers(kept: list[int], reasons: list[str], plain: list[str]) -> None:
    """After a sign-up or policy footer, title + blurb pairs running to the end are a list of links."""
    footer = next((i for i, reason in enumerate(reasons) if reason in _FOOTER_BLOCKS), None)
    if footer is None:
        return
    after = [i for i in kept if i > footer]
    if len(after) < 4 or len(after) % 2:
        return
    for title, blurb in zip(after[::2], after[1::2]):
        if has_sentence(plain[title]) or len(words(plain[title])) > 10 or not has_sentence(plain[blurb]):
            return
    for i in after:
        reasons[i] = "title and blurb list after the footer"
        kept.remove(i)


def _home_breadcrumb(first: str, following: str) -> bool:
    """'Home' alone, or 'Home' followed by (the start of) the headline that comes next."""
    match = _HOME.match(first)
    if not match:
        return False
    rest = first[match.end():].rstrip(".… ").casefold()
    return not rest or _SPACE.sub(" ", following).casefold().startswith(_SPACE.sub(" ", rest))


def _is_headline(unit: Unit, text: str, markdown: bool, title: str) -> bool:
    """The first paragraph is the headline when it is title-sized (in Markdown: the h1 or the page title)."""
    if len(words(text)) > HEADLINE_MAX_WORDS:
        return False
    if not markdown:
        return True
    return unit.text.startswith("# ") or (bool(title) and _same(text, title))


def _pattern_pass(units: list[Unit], plain: list[str]) -> list[str]:
    """Apply the rules that need no knowledge of where the article ends, with their block continuations."""
    reasons = [""] * len(units)
    indents = [u.indent for u in units]
    body_indent = max(sorted(set(indents)), key=indents.count, default=0)
    block = ""                  # the open block: sign-up, footer, see-also
    block_indent = 0
    owed = 0                    # paragraphs a footer heading still takes with it
    for i, unit in enumerate(units):
        text = plain[i]
        if block:
            # Indented deeper than the block's first line (and than the article's own paragraphs):
            # the widget's content, as a browser's copy of nested boxes shows it.
            deeper = unit.indent > block_indent and unit.indent != body_indent
            if block == "newsletter sign-up" and (deeper or _SIGN_UP.search(text)):
                reasons[i] = block
                continue
            if block == "editorial-policy or author footer" and (owed or deeper):
                owed = 0
                reasons[i] = block
                continue
            if block == "see-also link" and not has_sentence(text) and len(words(text)) <= 15:
                reasons[i] = block
                continue
            block = ""
        reason = _pattern_reason(text)
        reasons[i] = reason
        if reason in ("newsletter sign-up", "editorial-policy or author footer"):
            block, block_indent, owed = reason, unit.indent, 1
        elif reason == "see-also link" and not re.sub(r"^[^:：]*[:：]", "", text).strip():
            block, block_indent = reason, unit.indent
    return reasons
