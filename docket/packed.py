"""HTML held compressed until a template shows it.

A site keeps every source's marked-up body from linking until its page is rendered: at 10,000 sources
that is 163 MB of text as Python holds it (two bytes a character once a curly quote is in it), and
30 MB compressed (zlib level 1: 0.8 s of CPU over all of them, spread with the linking, and 0.3 s to
give them back at rendering). Jinja's `|safe` and autoescaping take it through `__html__`.
"""

from __future__ import annotations

import zlib
from typing import Any


class PackedHtml:
    """A piece of HTML, compressed; equal to another when the HTML is, shown as the HTML."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data            # the HTML, UTF-8, zlib-compressed

    @classmethod
    def of(cls, html: str) -> "PackedHtml":
        return cls(zlib.compress(html.encode("utf-8"), 1))

    def __html__(self) -> str:
        return zlib.decompress(self.data).decode("utf-8")

    __str__ = __html__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PackedHtml) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __repr__(self) -> str:
        return f"PackedHtml.of({str(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (PackedHtml, (self.data,))
