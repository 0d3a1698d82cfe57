"""A page maker's pages as the cache keeps them: each view pickled on its own, unpickled only when used.

A rebuild gives again the last pages of every maker whose reads did not change (docket/incremental.py):
after a one-source edit at 10,000 sources that is 5,000 actor pages, 130 MB pickled, and unpickling
every view took 2.8 s. Most of those pages are not rendered again (their key and their file are
unchanged), so a view stays one bytes object (StoredView) until something reads more of it than the
few entries every page is asked for before rendering (last_changed.stamp, site_meta.head): those are
kept at hand beside it. The pickle is compressed (zlib level 1): at 10,000 sources the 5,000 actor
pages' views are 153 MB pickled and 35 MB compressed, which a rebuild holds from its cache to its end;
compressing them all takes about 1 s, and a view is unpacked only when its page is rendered again.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from .collector import paused

# The entries of a view read for every page, rendered or not: last_changed.stamp (actor, source),
# site_meta.head and structured (title, description, is_home, root, source). Reading any other entry
# unpickles the whole view; only slower, never different.
AT_HAND = ("title", "description", "is_home", "root", "actor", "source")


class StoredView(Mapping[str, Any]):
    """A view (a template's dict) held as its pickle compressed, its keys and its AT_HAND entries; read-only like
    every view."""

    __slots__ = ("_blob", "_keys", "_at_hand", "_view")

    def __init__(self, blob: bytes, keys: tuple[str, ...], at_hand: dict[str, Any]) -> None:
        self._blob, self._keys, self._at_hand = blob, keys, at_hand
        self._view: dict[str, Any] | None = None

    @classmethod
    def of(cls, view: Mapping[str, Any]) -> "StoredView":
        if isinstance(view, StoredView):
            return view
        return cls(zlib.compress(pickle.dumps(view, protocol=5), 1), tuple(view),
                   {k: view[k] for k in AT_HAND if k in view})

    @property
    def loaded(self) -> bool:
        """Whether the whole view has been unpickled."""
        return self._view is not None

    def plain(self) -> dict[str, Any]:
        """The whole view as the dict it was made as (unpickled on the first call)."""
        if self._view is None:
            with paused():      # many small objects, no cycle
                self._view = pickle.loads(zlib.decompress(self._blob))
        return self._view

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
        return (StoredView, (self._blob, self._keys, self._at_hand))


class KeptPages(tuple):  # type: ignore[type-arg]
    """A maker's pages to put in the cache: a tuple of pages that pickles each rendered page's view as a
    StoredView, so unpickled it gives the same pages with views that are read only when needed. A
    view's pickle is made while the cache writes its shard, not before: nothing is held twice meanwhile."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (KeptPages, (tuple(replace(p, view=StoredView.of(p.view)) if p.template else p for p in self),))


def plain_view(view: Mapping[str, Any]) -> Any:
    """What a view's digest is taken of: the dict itself, whether kept as a StoredView or not."""
    return view.plain() if isinstance(view, StoredView) else view
