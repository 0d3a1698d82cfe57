"""What a long build tells the editor: a progress bar on a terminal, and each stage's time with --verbose."""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from typing import Callable, Iterator, TextIO

_MIN_BAR = 200          # a bar for fewer items than this would only flicker


@dataclass
class Reporter:
    """Writes to stream (stderr): a bar when it is a terminal and not quiet; stage times when verbose."""

    stream: TextIO | None = None
    quiet: bool = False
    verbose: bool = False
    times: list[tuple[str, float]] = field(default_factory=list)
    _details: list[str] = field(default_factory=list, repr=False)     # printed under the stage they belong to

    @property
    def bar_shown(self) -> bool:
        return bool(self.stream is not None and not self.quiet and self.stream.isatty())

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time one stage of the build; print it at once with --verbose."""
        started = time.perf_counter()
        try:
            yield
        finally:
            seconds = time.perf_counter() - started
            self.times.append((name, seconds))
            if self.verbose and self.stream is not None:
                self.stream.write(f"  {name:<28} {seconds:7.3f} s\n" + "".join(self._details))
                self.stream.flush()
            self._details.clear()

    def detail(self, name: str, seconds: float, note: str = "") -> None:
        """With --verbose, a part of the current stage and its time, printed under the stage's line."""
        if self.verbose:
            self._details.append(f"    {name:<26} {seconds:7.3f} s" + (f"  ({note})" if note else "") + "\n")

    def bar(self, label: str, total: int) -> Callable[[int], None]:
        """A callback to advance a bar of total steps; a no-op when no bar is shown."""
        if not self.bar_shown or total < _MIN_BAR:
            return lambda n: None
        stream = self.stream
        assert stream is not None
        done = [0]
        last = [-1]

        def advance(n: int) -> None:
            done[0] += n
            percent = 100 * done[0] // total
            if percent != last[0]:
                last[0] = percent
                filled = percent * 30 // 100
                stream.write(f"\r{label:<10} [{'#' * filled}{'.' * (30 - filled)}] {done[0]}/{total}")
                if done[0] >= total:
                    stream.write("\r" + " " * (52 + len(str(total)) * 2) + "\r")
                stream.flush()
        return advance
