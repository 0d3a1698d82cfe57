"""Test helpers: Markdown rendered with block ids, and a strict well-formedness check."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown  # type: ignore[import-untyped]

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "param", "source", "track", "wbr"})
_BLOCK_TAGS = re.compile(r"<(p|h[1-6]|li)>")


def render(text: str, extensions: tuple[str, ...] = ()) -> str:
    """Markdown -> HTML with id="p-N" on every p, h1-h6 and li, numbered in document order."""
    counter = iter(range(1, 10_000))
    body = markdown.markdown(text, extensions=list(extensions))
    return _BLOCK_TAGS.sub(lambda m: f'<{m.group(1)} id="p-{next(counter)}">', body)


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []
        # (text, data-s values of the enclosing elements, whether inside an <a> without data-s)
        self.text_marks: list[tuple[str, tuple[str, ...], bool]] = []
        self.nested_links = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        if tag == "a" and any(t == "a" for t, _ in self.stack):
            self.nested_links += 1
        self.stack.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.errors.append(f"self-closing non-void <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"end tag for void </{tag}>")
        elif not self.stack:
            self.errors.append(f"</{tag}> with nothing open")
        elif self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1][0]}>")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        marks = tuple(a["data-s"] or "" for _, a in self.stack if "data-s" in a)
        in_link = any(t == "a" and "data-s" not in a for t, a in self.stack)
        self.text_marks.append((data, marks, in_link))


def check(html_text: str) -> _Checker:
    """Parse and fail on any end tag that does not match the innermost open element."""
    checker = _Checker()
    checker.feed(html_text)
    checker.close()
    assert checker.errors == [], checker.errors
    assert checker.stack == [], [t for t, _ in checker.stack]
    assert checker.nested_links == 0
    return checker


def marks_per_char(html_text: str) -> list[tuple[str, tuple[str, ...], bool]]:
    """Each text character, the data-s values around it (outermost first), whether in a link."""
    return [(c, marks, link) for text, marks, link in check(html_text).text_marks for c in text]
