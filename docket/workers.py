"""Ordered parallel map over forked worker processes; the same results, in the same order, as a plain map."""

from __future__ import annotations

import os
from typing import Any, Callable, Sequence

# Below this many items a pool costs more than it saves (forking, and sending results back).
MIN_PARALLEL = 48

# What a forked worker runs: set once in each child by _start (the pool's initializer), so the
# large, partly unpicklable context travels by fork, not by pickle. The parent never sets it.
_JOB: tuple[Callable[[Any, Any], Any], Any] | None = None


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:      # not on Linux
        return os.cpu_count() or 1


def ordered_map(fn: Callable[[Any, Any], Any], context: Any, items: Sequence[Any], jobs: int,
                progress: Callable[[int], None] | None = None, *, min_items: int = MIN_PARALLEL,
                chunk: int | None = None) -> list[Any]:
    """[fn(context, item) for item in items], spread over jobs processes when there are min_items or more
    (a few long tasks, such as page makers: min_items=2, chunk=1, the longest first)."""
    done = progress or (lambda n: None)
    if jobs <= 1 or len(items) < max(2, min_items) or not hasattr(os, "fork"):
        out = []
        for item in items:
            out.append(fn(context, item))
            done(1)
        return out
    import multiprocessing      # here, not at the top: a small site never pays for importing it
    ctx = multiprocessing.get_context("fork")
    if chunk is None:
        chunk = max(1, min(64, len(items) // (jobs * 8)))
    with ctx.Pool(min(jobs, len(items)), initializer=_start, initargs=(fn, context)) as pool:
        out = []
        for result in pool.imap(_call, items, chunksize=chunk):
            out.append(result)
            done(1)
        return out


def _start(fn: Callable[[Any, Any], Any], context: Any) -> None:
    global _JOB
    _JOB = (fn, context)


def _call(item: Any) -> Any:
    assert _JOB is not None
    fn, context = _JOB
    return fn(context, item)
