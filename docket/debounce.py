"""Coalesce a burst of file changes into one rebuild (an editor's "save all", a git checkout)."""

from __future__ import annotations

import time
from typing import Callable, Iterable


class Debouncer:
    """Collects changed paths; a rebuild is due once they have been quiet for a moment.

    `quiet`: seconds without a new change before the burst counts as over. `longest`: a
    rebuild is due at most this long after the burst's first change, so an editor who never
    stops saving still sees pages update. The clock is injected so tests need no sleeping.
    """

    def __init__(self, quiet: float = 0.2, longest: float = 2.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.quiet = quiet
        self.longest = longest
        self._clock = clock
        self._pending: dict[str, None] = {}     # insertion-ordered set of changed paths
        self._first = 0.0
        self._last = 0.0

    def add(self, paths: Iterable[str]) -> None:
        """Record changes seen now; nothing is recorded for an empty batch."""
        new = [p for p in paths]
        if not new:
            return
        now = self._clock()
        if not self._pending:
            self._first = now
        self._last = now
        self._pending.update(dict.fromkeys(new))

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    def due(self) -> bool:
        """True when changes wait and the burst is over (or has lasted `longest`)."""
        if not self._pending:
            return False
        now = self._clock()
        return now - self._last >= self.quiet or now - self._first >= self.longest

    def take(self) -> tuple[str, ...]:
        """The changed paths, in the order first seen, and start afresh."""
        paths = tuple(self._pending)
        self._pending.clear()
        return paths
