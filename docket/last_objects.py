"""What one build gives the next in a long-lived process (serve): the same objects for what did not change.

A rebuild after one edit links and plans every source again. Nearly everything is made of the very
objects the last build used: the runtime's cache hands back the same source, body and lede for every
unchanged source, and a page maker that is not run again gives its last pages. For those, the last
build's link keys, source views, head meta and page keys are given again, the same objects, so
render finds their digests by identity (docket/incremental.py) instead of pickling 10,000 sources
and source pages and working out 15,000 heads again.

An entry is used only when each thing it was made from is the same object as then (held here, so no
id is reused); settings and dates are first made the same object while equal (`same`, `same_common`).
Anything else is made afresh. A new process starts empty and makes everything, as a build without
this memo does; an entry a build did not ask for is dropped when the next one begins.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import is_
from typing import Any, Callable


@dataclass
class LastObjects:
    common: dict[str, Any] | None = None                # the last plan's {site, nav}
    _made: dict[str, dict[Any, tuple[tuple[Any, ...], Any]]] = field(default_factory=dict, repr=False)
    _last: dict[str, dict[Any, tuple[tuple[Any, ...], Any]]] = field(default_factory=dict, repr=False)

    def begin(self) -> None:
        """A new build: what the last one made can be given again; what this one does not ask for is dropped."""
        self._last, self._made = self._made, {}

    def same_common(self, common: dict[str, Any]) -> dict[str, Any]:
        """common, or the last plan's when equal (the same settings and navigation): the same object again."""
        if self.common is not None and self.common == common:
            return self.common
        self.common = common
        return common

    def same(self, value: Any) -> Any:
        """value, or an equal one the last build used (a hashable value, e.g. a page's date): the same object again."""
        value = self._last.get("same", {}).get(value, ((), value))[1]
        self._made.setdefault("same", {})[value] = ((), value)
        return value

    def get(self, kind: str, key: Any, made_of: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        """make(), or what the last build made for kind and key from the same objects (each compared with `is`)."""
        last = self._last.get(kind, {}).get(key)
        if last is not None and len(last[0]) == len(made_of) and all(map(is_, last[0], made_of)):
            value = last[1]
        else:
            value = make()
        self._made.setdefault(kind, {})[key] = (made_of, value)
        return value
