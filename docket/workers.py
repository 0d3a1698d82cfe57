"""Ordered parallel map over forked worker processes; the same results, in the same order, as a plain map.

The parent process works too: with jobs = 2 there is one worker beside it, not two, so one copy
less of whatever pages of memory a worker touches (each forked worker shares the parent's memory
until it writes to it, and Python writes to every object it uses, if only its reference count).
Items are never pickled: the workers get them, and the large, partly unpicklable context, by fork.
Only results travel back, pickled. Parent and workers take chunks of items in order from one
shared counter, so a slow chunk does not hold the others up.

Also here: Apart, which runs one long pure step in a new interpreter instead of a fork, and
release_free_memory, which gives the allocator's free memory back to the system.
"""

from __future__ import annotations

import ctypes
import gc
import os
import pickle
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

# Below this many items a worker costs more than it saves (forking, and sending results back).
MIN_PARALLEL = 48


class Interrupted(Exception):
    """ordered_map stopped before its end because `stop` said so."""


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:      # not on Linux
        return os.cpu_count() or 1


def ordered_map(fn: Callable[[Any, Any], Any], context: Any, items: Sequence[Any], jobs: int,
                progress: Callable[[int], None] | None = None, *, min_items: int = MIN_PARALLEL,
                chunk: int | None = None, stop: Callable[[], bool] | None = None,
                workers_first: bool = False) -> list[Any]:
    """[fn(context, item) for item in items], spread over jobs processes (this one included) when there
    are min_items or more (a few long tasks, such as page makers: min_items=2, chunk=1, the longest first).

    stop, on one core: asked before each item; when it says True, Interrupted is raised instead.
    workers_first: the workers take the first chunks, this process the next. For the largest tasks
    first: the memory a task takes for a while is given back to the system when its worker exits,
    where this process, which lives on, would keep it in its heap.
    """
    done = progress or (lambda n: None)
    if jobs <= 1 or len(items) < max(2, min_items) or not hasattr(os, "fork"):
        out = []
        for item in items:
            if stop is not None and stop():
                raise Interrupted
            out.append(fn(context, item))
            done(1)
        return out
    import multiprocessing      # here, not at the top: a small site never pays for importing it
    from multiprocessing.connection import wait
    release_free_memory()       # the workers then share none of what this process freed and still holds
    ctx = multiprocessing.get_context("fork")
    if chunk is None:
        chunk = max(1, min(64, len(items) // (jobs * 8)))
    claim = ctx.Value("i", 0)
    results: list[list[Any] | None] = [None] * -(-len(items) // chunk)
    readers, workers = [], []
    for _ in range(min(jobs, len(results)) - 1):
        reader, writer = ctx.Pipe(duplex=False)
        worker = ctx.Process(target=_work, args=(fn, context, items, chunk, claim, writer), daemon=True)
        worker.start()
        writer.close()
        readers.append(reader)
        workers.append(worker)
    if workers_first:
        _until_claimed(claim, len(workers), workers)
    try:
        for k, part in _chunks(fn, context, items, chunk, claim):
            results[k] = part
            done(len(part))
            _collect([r for r in readers if r.poll()], results, done, readers)
        while readers:
            ready = wait(readers, timeout=1.0)
            if not ready and not any(w.is_alive() for w in workers):
                raise RuntimeError("a build worker stopped without finishing its work")
            _collect(ready, results, done, readers)
    finally:
        for worker in workers:
            worker.join(timeout=5)
            if worker.is_alive():
                worker.terminate()
                worker.join()
    if any(part is None for part in results):
        raise RuntimeError("a build worker stopped without finishing its work")
    return [result for part in results for result in (part or ())]


def _until_claimed(claim: Any, count: int, workers: list[Any], patience: float = 5.0) -> None:
    """Wait until the workers have taken the first count chunks (or one has stopped, or patience ran out)."""
    deadline = time.monotonic() + patience
    while claim.value < count and time.monotonic() < deadline and all(w.is_alive() for w in workers):
        time.sleep(0.001)


def _chunks(fn: Callable[[Any, Any], Any], context: Any, items: Sequence[Any], chunk: int,
            claim: Any) -> Iterator[tuple[int, list[Any]]]:
    """(k, the results of chunk k) for each chunk this process takes, until none is left (parent and workers)."""
    count = -(-len(items) // chunk)
    while True:
        with claim.get_lock():
            k = claim.value
            if k >= count:
                return
            claim.value = k + 1
        yield k, [fn(context, item) for item in items[k * chunk:(k + 1) * chunk]]


def _collect(ready: list[Any], results: list[list[Any] | None], done: Callable[[int], None],
             readers: list[Any]) -> None:
    """Take what the workers sent: (chunk, its results); (-1, an exception) on failure; None when finished."""
    for reader in ready:
        try:
            message = reader.recv()
        except EOFError:            # the worker is gone; its chunks, if it had any, are missing
            message = None
        if message is None:
            readers.remove(reader)
            reader.close()
            continue
        k, value = message
        if k < 0:
            raise value
        results[k] = value
        done(len(value))


def _work(fn: Callable[[Any, Any], Any], context: Any, items: Sequence[Any], chunk: int, claim: Any,
          writer: Any) -> None:
    """A worker: take chunks until none is left, sending each one's results; then say it has finished.

    What it inherited is left out of its cycle collections (gc.freeze moves the lists, touching no object):
    a collection writes to every object it walks, which would copy into the worker every page of memory
    the parent's objects sit on (at 10,000 sources, a gigabyte of pages' views when rendering)."""
    gc.freeze()
    try:
        for message in _chunks(fn, context, items, chunk, claim):
            writer.send(message)
    except BaseException as exc:   # noqa: BLE001 - handed to the parent, which raises it
        try:
            writer.send((-1, exc))
        except Exception:           # an exception that cannot be pickled
            writer.send((-1, RuntimeError(f"{type(exc).__name__}: {exc}")))
    writer.send(None)
    writer.close()


class Apart:
    """Runs a pure function of picklable arguments in a process of its own, a new interpreter (not a fork).

    For one long step beside the rest of a build: the comparison of every source's words. A forked
    worker shares the parent's pages until either writes to one, and both write to every object they
    touch (its reference count), so at 10,000 sources a fork doing the comparison held a copy of most of
    the site's pages besides the comparison's own half gigabyte. A new interpreter holds only its
    arguments and what it makes, and gives it all back when it ends. It is started as
    `python -c` with this package on its path, not by multiprocessing's "spawn", which runs the
    caller's main script again in the child (a script without a main guard would build again there).

    Call it from a thread: the thread waits on the process without holding the GIL. close() ends the
    processes still running and refuses new ones (a build interrupted).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[bytes]] = set()
        self._closed = False

    def __call__(self, fn: Callable[..., Any], *args: Any) -> Any:
        path = os.pathsep.join([str(Path(__file__).resolve().parent.parent), *filter(None, [os.environ.get("PYTHONPATH")])])
        # The arguments go through a file, written at once: fed through a pipe a few kilobytes at a time,
        # or pickled straight into a file, this thread had to win the GIL back for each piece (53 MB at
        # 10,000 sources took 18 s, then 4.5 s, while this process made the other pages; now 0.4 s).
        payload = pickle.dumps((fn, args), protocol=pickle.HIGHEST_PROTOCOL)
        with tempfile.TemporaryFile() as given:
            given.write(payload)        # one write (its pickle made in memory first: one release of the GIL)
            del payload
            given.flush()
            given.seek(0)
            with self._lock:
                if self._closed:
                    raise Interrupted
                process = subprocess.Popen([sys.executable, "-c", "from docket.workers import _apart; _apart()"],
                                           stdin=given, stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": path})
                self._running.add(process)
            try:
                with process:
                    out = process.stdout.read() if process.stdout else b""
            finally:
                with self._lock:
                    self._running.discard(process)
        if process.returncode != 0 or not out:
            if self._closed:
                raise Interrupted
            raise RuntimeError(f"a build worker stopped without finishing its work (exit {process.returncode})")
        ok, value = pickle.loads(out)
        if not ok:
            raise value
        return value

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for process in self._running:
                process.terminate()


def _apart() -> None:
    """The other interpreter: (fn, args) from stdin, (True, fn(*args)) or (False, the exception) to stdout."""
    fn, args = pickle.loads(sys.stdin.buffer.read())
    result, sys.stdout = sys.stdout.buffer, sys.stderr      # whatever fn prints does not reach the result
    try:
        message = pickle.dumps((True, fn(*args)), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException as exc:    # noqa: BLE001 - handed to the caller, which raises it
        try:
            message = pickle.dumps((False, exc), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:           # an exception that cannot be pickled
            message = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
    result.write(message)
    result.flush()


def release_free_memory() -> None:
    """Give the C allocator's free memory back to the system (glibc's malloc_trim; elsewhere, nothing).

    What a page maker made for a while is freed when it ends, but the allocator keeps the memory for
    later: a process that then waits on another one holds it through that one's peak. After the search
    index at 10,000 sources that was 69 MB (933 -> 864 MB, in 7 ms), while the comparison ran apart."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):       # no C library to ask, or not glibc
        pass
