"""A page maker's pages as the cache keeps them: each view pickled on its own, unpickled only when used.

A rebuild gives again the last pages of every maker whose reads did not change (docket/incremental.py):
after a one-source edit at 10,000 sources that is 5,000 actor pages, 130 MB pickled, and unpickling
every view took 2.8 s. Most of those pages are not rendered again (their key and their file are
unchanged), so a view stays one bytes object (StoredView) until something reads more of it than the
few entries every page is asked for before rendering (last_changed.stamp, site_meta.head): those are
kept at hand beside it. The pickle is compressed (zlib level 1): at 10,000 sources the 5,000 actor
pages' views are 153 MB pickled and 35 MB compressed, which a rebuild holds from its cache to its end;
compressing them all takes about 1 s, and a view is unpacked only when its page is rendered again.

A build keeps the pages a maker has just made the same way (`stored`, in the process that made them): at
10,000 sources the actor pages' views as objects took the parent some 300 MB until the end of the build,
and a forked renderer copied the memory of every view it read (reference counts), 500 MB more at the
peak. A StoredView carries its digest, taken of the pickle it keeps, so a page's key needs no unpickling,
and a renderer unpickles each view for its page alone (`whole`) and lets it go after.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from .cache import canonical_pickle, digest
from .collector import paused

# The entries of a view read for every page, rendered or not: last_changed.stamp (actor, source),
# site_meta.head and structured (title, description, is_home, root, source). Reading any other entry
# unpickles the whole view; only slower, never different.
AT_HAND = ("title", "description", "is_home", "root", "actor", "source")


class StoredView(Mapping[str, Any]):
    """A view (a template's dict) held as its pickle compressed, its keys, its AT_HAND entries and its digest
    (cache.digest of the dict); read-only like every view."""

    __slots__ = ("_blob", "_keys", "_at_hand", "_view", "digest")

    def __init__(self, blob: bytes, keys: tuple[str, ...], at_hand: dict[str, Any], digest: str) -> None:
        self._blob, self._keys, self._at_hand, self.digest = blob, keys, at_hand, digest
        self._view: dict[str, Any] | None = None

    @classmethod
    def of(cls, view: Mapping[str, Any]) -> "StoredView":
        if isinstance(view, StoredView):
            return view
        data = canonical_pickle(view)       # what digest(view) hashes: one pickling gives both
        return cls(zlib.compress(data, 1), tuple(view), {k: view[k] for k in AT_HAND if k in view}, digest(data))

    @property
    def loaded(self) -> bool:
        """Whether the whole view has been unpickled."""
        return self._view is not None

    def plain(self) -> dict[str, Any]:
        """The whole view as the dict it was made as (unpickled on the first call)."""
        if self._view is None:
            self._view = self.fresh()
        return self._view

    def fresh(self) -> dict[str, Any]:
        """The whole view, unpickled anew and not kept (unless plain() already holds it)."""
        if self._view is not None:
            return self._view
        with paused():      # many small objects, no cycle
            return pickle.loads(zlib.decompress(self._blob))

    def __getitem__(self, key: str) -> Any:
        if key in self._at_hand:
            return self._at_hand[key]
        if key not in self._keys:
            raise KeyError(key)
        return self.plain()[key]

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __reduce__(self) -> tuple[Any, ...]:
        return (StoredView, (self._blob, self._keys, self._at_hand, self.digest))


class KeptPages(tuple):  # type: ignore[type-arg]
    """A maker's pages to put in the cache: a tuple of pages that pickles each rendered page's view as a
    StoredView, so unpickled it gives the same pages with views that are read only when needed. A
    view's pickle is made while the cache writes its shard, not before: nothing is held twice meanwhile (a
    maker's fresh pages are kept so already, `stored`)."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (KeptPages, (tuple(stored(self)),))


def stored(pages: Iterable[Any]) -> list[Any]:
    """pages with each rendered page's view kept as a StoredView."""
    return [replace(p, view=StoredView.of(p.view)) if p.template else p for p in pages]


def whole(view: Mapping[str, Any]) -> dict[str, Any]:
    """What a template is given of a view: a StoredView unpickled for this once, any other view itself."""
    return view.fresh() if isinstance(view, StoredView) else view      # type: ignore[return-value]


def view_digest(view: Mapping[str, Any]) -> str:
    """digest(view), of the dict itself whether it is kept as a StoredView or not."""
    return view.digest if isinstance(view, StoredView) else digest(view)
