"""Coalesce a burst of file changes into at most two rebuilds (an editor's "save all", a git checkout)."""

from __future__ import annotations

import time
from typing import Callable, Iterable


class Debouncer:
    """Collects changed paths and says when a rebuild is due.

    A change after a calm spell (no rebuild taken for `calm` seconds) is due as soon as the files
    have stood still for `settle` seconds: a single save shows at once. Changes that follow within
    the calm spell wait until the burst is over: `quiet` seconds without a new change, or at most
    `longest` seconds after the burst's first change, so an editor who never stops saving still sees
    pages update. A burst therefore gives one rebuild for its first files and one for the rest.
    The clock is injected so tests need no sleeping.
    """

    def __init__(self, quiet: float = 0.2, longest: float = 2.0, *, settle: float = 0.03, calm: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.quiet = quiet
        self.longest = longest
        self.settle = settle
        self.calm = calm
        self._clock = clock
        self._pending: dict[str, None] = {}     # insertion-ordered set of changed paths
        self._first = 0.0
        self._last = 0.0
        self._taken = float("-inf")             # when the last rebuild was taken
        self._leading = False                   # the pending changes came after a calm spell

    def add(self, paths: Iterable[str]) -> None:
        """Record changes seen now; nothing is recorded for an empty batch."""
        new = [p for p in paths]
        if not new:
            return
        now = self._clock()
        if not self._pending:
            self._first = now
            self._leading = now - self._taken >= self.calm
        self._last = now
        self._pending.update(dict.fromkeys(new))

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    @property
    def paths(self) -> tuple[str, ...]:
        """The changed paths waiting, in the order first seen (take() empties them)."""
        return tuple(self._pending)

    def wait(self) -> float:
        """Seconds until the waiting changes are due if no other change comes (0.0: due now or nothing waits)."""
        if not self._pending:
            return 0.0
        wait = self.settle if self._leading else self.quiet
        return max(0.0, min(self._last + wait, self._first + self.longest) - self._clock())

    def due(self) -> bool:
        """True when changes wait and either they came after a calm spell and have settled, or the
        burst is over (or has lasted `longest`)."""
        if not self._pending:
            return False
        now = self._clock()
        wait = self.settle if self._leading else self.quiet
        return now - self._last >= wait or now - self._first >= self.longest

    def take(self) -> tuple[str, ...]:
        """The changed paths, in the order first seen, and start afresh."""
        paths = self.paths
        self._pending.clear()
        self._taken = self._clock()
        return paths
