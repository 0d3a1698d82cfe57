"""What a page maker read of the site: recorded while it runs, so its pages are reused while that stays the same.

A page maker (compare_pages.pages, actor_pages.actor_page, ...) is a function of the site: Tracked stands in
for the Site while it runs and notes every field and lookup it makes (`site.mentions`,
`site.body("x")`, `site.content.actors`, `site.content.source("x")`, ...). Sources are followed one
level further: of `site.content.sources` and `site.content.source(id)` only the fields the maker read
count (a headline, not the body), unless a source itself went into a page. The next build evaluates
the same reads on the new site; when their digest is unchanged the maker would produce the same
pages, so the earlier ones are used. No maker declares its inputs, so none can forget one. A read whose
value is costly to digest may be given a cheaper digest by the site (`Site.fingerprint`), one that
changes whenever the value does.
"""

from __future__ import annotations

import io
import pickle
from typing import Any, Callable, Sequence

from .cache import digest
from .link import MentionLine, MentionRef, Passage
from .model import Source
from .packed import PackedHtml

Read = tuple[str, str, tuple]           # ("site" or "content", field or method name, call arguments)
ALL = ("*",)                            # every field of a source


class _Recorder:
    """The reads of one run, in first-read order, each once, and the source fields read."""

    def __init__(self) -> None:
        self.reads: list[Read] = []
        self._seen: set[Any] = set()
        self.fields: set[str] = set()

    def note(self, read: Read) -> None:
        try:
            if read in self._seen:
                return
            self._seen.add(read)
        except TypeError:       # unhashable arguments: kept, perhaps twice
            pass
        self.reads.append(read)

    def final(self) -> tuple[Read, ...]:
        """The reads, with the source fields read named in the source reads."""
        fields = ALL if "*" in self.fields else tuple(sorted(self.fields))
        out = []
        for owner, name, args in self.reads:
            if owner == "content" and name == "sources":
                out.append(("sources", "", fields))
            elif owner == "content" and name == "source":
                out.append(("source", args[0], fields))
            else:
                out.append((owner, name, args))
        return tuple(out)


class _Proxy:
    """Delegates to the real object, noting each field read and each method call with its arguments."""

    def __init__(self, owner: str, real: Any, recorder: _Recorder) -> None:
        object.__setattr__(self, "_owner", owner)
        object.__setattr__(self, "_real", real)
        object.__setattr__(self, "_recorder", recorder)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._real, name)
        recorder = self._recorder
        if callable(value):
            def call(*args: Any) -> Any:
                recorder.note((self._owner, name, args))
                result = value(*args)
                if self._owner == "content" and name == "source" and result is not None:
                    return _Source(result, recorder)
                return result
            return call
        recorder.note((self._owner, name, ()))
        if self._owner == "content" and name == "sources":
            return tuple(_Source(s, recorder) for s in value)
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot set {name}: the site is read-only")


class _Source:
    """A source whose field reads are noted (the set of field names, for all sources at once)."""

    __slots__ = ("_real", "_recorder")

    def __init__(self, real: Any, recorder: _Recorder) -> None:
        object.__setattr__(self, "_real", real)
        object.__setattr__(self, "_recorder", recorder)

    def __getattr__(self, name: str) -> Any:
        self._recorder.fields.add(name if not name.startswith("__") else "*")
        return getattr(self._real, name)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot set {name}: the site is read-only")

    def __eq__(self, other: Any) -> bool:
        self._recorder.fields.add("*")
        return self._real == (other._real if isinstance(other, _Source) else other)

    def __hash__(self) -> int:
        self._recorder.fields.add("*")
        return hash(self._real)

    def __reduce__(self) -> Any:
        self._recorder.fields.add("*")
        return (_same, (self._real,))


def _same(x: Any) -> Any:
    return x


class Tracked(_Proxy):
    """A Site that records what is read of it (and of its content)."""

    def __init__(self, site: Any) -> None:
        super().__init__("site", site, _Recorder())
        object.__setattr__(self, "content", _Proxy("content", site.content, self._recorder))

    def settle(self, pages: list) -> tuple[tuple[Read, ...], list]:
        """The maker's reads and its pages with every source in them made real again (noting that the
        page holds the whole source)."""
        if self._recorder.fields or any(r[1] in ("sources", "source") for r in self._recorder.reads):
            pages = _without_proxies(pages)
        return self._recorder.final(), pages


# What settle keeps as it is, not copied: text, and the records loading and linking made before any maker
# ran, so none can hold a proxy (an actor page holds the site's own mentions, a page the site's strings).
_KEPT = frozenset({str, bytes, Source, MentionRef, MentionLine, Passage, PackedHtml})


def _without_proxies(value: Any) -> Any:
    """value with every source proxy in it replaced by the source itself (its fields noted as read): its
    containers copied, its text and the site's records shared with the site."""
    kept: list[Any] = []

    def keep(obj: Any) -> int | None:
        if type(obj) in _KEPT:
            kept.append(obj)
            return len(kept) - 1
        return None
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.persistent_id = keep        # type: ignore[method-assign]
    pickler.dump(value)
    unpickler = pickle.Unpickler(io.BytesIO(buffer.getvalue()))
    unpickler.persistent_load = kept.__getitem__        # type: ignore[method-assign]
    return unpickler.load()


def value_of(site: Any, read: Read) -> Any:
    """What the read gives on this site."""
    owner, name, args = read
    if owner in ("sources", "source"):
        wanted = site.content.sources if owner == "sources" else [site.content.source(name)]
        if args == ALL:
            return tuple(wanted)
        return tuple(None if s is None else tuple(getattr(s, f) for f in args) for s in wanted)
    attr = getattr(site if owner == "site" else site.content, name)
    return attr(*args) if callable(attr) else attr


def reads_digest(site: Any, reads: tuple[Read, ...], extra: Any, memo: dict[Read, str]) -> str:
    """One digest of extra and every read's value on site (memo: digests of reads already taken on it)."""
    parts = []
    fingerprint = getattr(site, "fingerprint", None)     # a cheaper digest of some of the site's lookups
    for read in reads:
        try:
            d = memo.get(read)
        except TypeError:
            d = None
        if d is None:
            owner, name, args = read
            d = (owner == "site" and fingerprint and fingerprint(name, args)) or digest(read, value_of(site, read))
            try:
                memo[read] = d
            except TypeError:
                pass
        parts.append(d)
    return digest(extra, *parts)


Maker = Callable[[Any, Any, dict], list]


def per_item(keys: Callable[[Any], Sequence[str]]) -> Callable[[Callable], Callable]:
    """Mark a page maker as made one item at a time: make(site, renderer, common, key) for each of keys(site).

    Each item's reads and pages are kept on their own, so an item is made again only when what it read
    changed (an actor's page when that actor's mentions did), not whenever anything the maker reads did."""
    def mark(make: Callable) -> Callable:
        make.keys = keys        # type: ignore[attr-defined]
        return make
    return mark


def memoized(make: Callable) -> Callable:
    """Mark a page maker as taking `memo=`, a docket.memo.Memo that keeps its costly pure steps across builds
    (None when it runs without a runtime: every step is done)."""
    make.memoized = True        # type: ignore[attr-defined]
    return make


def runs_apart(make: Callable) -> Callable:
    """Mark a page maker as taking `apart=`: a function it calls as apart(fn, *args) for its long pure step,
    which then runs in a process of its own beside the other makers (docket/workers.py, Apart). A
    maker called without it (one core, or no runtime) calls fn(*args) itself."""
    make.runs_apart = True      # type: ignore[attr-defined]
    return make


def items_of(makers: Sequence[Maker], site: Any) -> list[tuple[int, Any, tuple]]:
    """Every run a list of makers needs: (maker number, maker, its arguments after common), in order."""
    out: list[tuple[int, Any, tuple]] = []
    for n, make in enumerate(makers):
        keys = getattr(make, "keys", None)
        out.extend([(n, make, ())] if keys is None else [(n, make, (key,)) for key in keys(site)])
    return out
