"""Text held compressed until it is used: a source's Markdown, and its marked-up body until its page is rendered.

A build keeps every source's Markdown and marked-up body from loading and linking to the end: at
10,000 sources 157 MB and 163 MB of text as Python holds it (two bytes a character once a curly
quote is in it), and 25 MB and 30 MB compressed. zlib level 1 takes 0.8 s of CPU over all the bodies,
spread with the loading and linking, and gives them back in 0.3 s. Jinja's `|safe` and autoescaping
take a PackedHtml through `__html__`.

A source's paragraph texts (what quotes are anchored in, mentions found in, the search index and the
comparison read) are kept as UTF-8, not compressed, each decoded when it is read (`Paragraphs`): at
10,000 sources 163 MB as Python strs, 52 MB so.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate
from typing import Any, overload


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


class Paragraphs(Sequence[str]):
    """A source's paragraph texts, read like a tuple of str: held as one UTF-8 string of bytes and where each
    paragraph ends in it, a paragraph decoded each time it is read. Equal to another of its class, or to a
    tuple, with the same texts."""

    __slots__ = ("data", "ends")

    def __init__(self, data: bytes, ends: array) -> None:
        self.data, self.ends = data, ends

    @classmethod
    def of(cls, texts: Iterable[str]) -> "Paragraphs":
        encoded = [text.encode("utf-8") for text in texts]
        return cls(b"".join(encoded), array("q", accumulate(map(len, encoded))))

    def __len__(self) -> int:
        return len(self.ends)

    @overload
    def __getitem__(self, k: int) -> str: ...

    @overload
    def __getitem__(self, k: slice) -> tuple[str, ...]: ...

    def __getitem__(self, k: int | slice) -> str | tuple[str, ...]:
        if isinstance(k, slice):
            return tuple(self)[k]
        n = len(self.ends)
        if k < 0:
            k += n
        if not 0 <= k < n:
            raise IndexError("paragraph index out of range")
        return self.data[self.ends[k - 1] if k else 0:self.ends[k]].decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        start = 0
        for end in self.ends:
            yield self.data[start:end].decode("utf-8")
            start = end

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Paragraphs):
            return self.data == other.data and self.ends == other.ends
        if isinstance(other, tuple):
            return tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))        # as the equal tuple's

    def __repr__(self) -> str:
        return f"{type(self).__name__}.of({tuple(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.data, self.ends))
