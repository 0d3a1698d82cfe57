"""Text held compressed until it is used: a source's Markdown, and its marked-up body until its page is rendered.

A build keeps every source's Markdown and marked-up body from loading and linking to the end: at
10,000 sources 157 MB and 163 MB of text as Python holds it (two bytes a character once a curly
quote is in it), and 25 MB and 30 MB compressed. zlib level 1 takes 0.8 s of CPU over all the bodies,
spread with the loading and linking, and gives them back in 0.3 s. Jinja's `|safe` and autoescaping
take a PackedHtml through `__html__`.
"""

from __future__ import annotations

import zlib
from typing import Any


class PackedText:
    """A text, compressed; str() gives it back. Equal to another of its class when the texts are."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data            # the text, UTF-8, zlib-compressed

    @classmethod
    def of(cls, text: str) -> Any:
        return cls(zlib.compress(text.encode("utf-8"), 1))

    def __str__(self) -> str:
        return zlib.decompress(self.data).decode("utf-8")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and (other.data == self.data or str(self) == str(other))

    def __hash__(self) -> int:
        return hash(str(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}.of({str(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.data,))


class PackedHtml(PackedText):
    """A piece of HTML, compressed; a template shows it as the HTML."""

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)
