"""ordered_map gives what a plain map gives, in order, whichever process did the work, and fails loudly."""

from __future__ import annotations

import gc
import os
import time

import pytest

from docket.workers import Apart, Interrupted, ordered_map


def _times(context: int, x: int) -> tuple[int, int]:
    time.sleep(0.0005)          # long enough for the worker to start before the parent has done it all
    return context * x, os.getpid()


def _fail_at_700(context: int, x: int) -> int:
    if x == 700:
        raise ValueError("x is 700")
    return x


def _worker_dies(parent: int, x: int) -> int:
    if os.getpid() != parent:
        os._exit(3)
    time.sleep(0.001)
    return x


def _frozen(context: None, x: int) -> tuple[int, int]:
    time.sleep(0.0005)
    return gc.get_freeze_count(), os.getpid()


def test_a_worker_leaves_what_it_inherited_out_of_its_cycle_collections() -> None:
    # A collection walking the parent's objects would write to them, copying their memory into the worker.
    inherited = [{"n": n} for n in range(20_000)]
    out = ordered_map(_frozen, None, list(range(400)), 2)
    in_worker = [count for count, pid in out if pid != os.getpid()]
    assert in_worker, "a worker did some of the work"
    assert min(in_worker) >= len(inherited)
    assert len(inherited) == 20_000


def test_the_same_results_in_order_with_the_parent_and_a_worker_both_working() -> None:
    seen: list[int] = []
    out = ordered_map(_times, 3, list(range(1000)), 2, seen.append)
    assert [value for value, _ in out] == [3 * x for x in range(1000)]
    assert sum(seen) == 1000                                    # progress for every item
    assert {pid for _, pid in out} - {os.getpid()}, "a worker did some of the work"
    assert os.getpid() in {pid for _, pid in out}, "the parent did some of the work"


def test_a_few_long_tasks_one_at_a_time() -> None:
    out = ordered_map(_times, 2, [5, 4, 3], 2, min_items=2, chunk=1)
    assert [value for value, _ in out] == [10, 8, 6]


def test_one_core_or_few_items_is_a_plain_map() -> None:
    assert [v for v, pid in ordered_map(_times, 1, list(range(10)), 2)] == list(range(10))
    assert {pid for _, pid in ordered_map(_times, 1, list(range(100)), 1)} == {os.getpid()}


def test_an_exception_in_a_worker_or_the_parent_is_raised() -> None:
    with pytest.raises(ValueError, match="x is 700"):
        ordered_map(_fail_at_700, 0, list(range(1000)), 2)


def test_a_worker_that_dies_fails_the_map_rather_than_losing_items() -> None:
    with pytest.raises(RuntimeError, match="stopped without finishing"):
        ordered_map(_worker_dies, os.getpid(), list(range(1000)), 2)


def test_workers_first_leaves_the_first_items_to_a_worker() -> None:
    # the page makers: the slowest first, whose memory goes back to the system when its worker exits
    for _ in range(3):
        out = ordered_map(_times, 1, [4, 3, 2, 1], 2, min_items=2, chunk=1, workers_first=True)
        assert [value for value, _ in out] == [4, 3, 2, 1]
        assert out[0][1] != os.getpid()


def test_apart_runs_a_function_in_a_process_of_its_own_and_raises_what_it_raised() -> None:
    apart = Apart()
    assert apart(os.getpid) != os.getpid()
    assert apart(sorted, [3, 1, 2]) == [1, 2, 3]
    with pytest.raises(ValueError, match="invalid literal"):
        apart(int, "x")
    assert apart(print, "printed, not given back") is None      # what it prints goes to stderr


def test_apart_closed_ends_the_process_it_waits_on_and_starts_no_other() -> None:
    import threading
    apart = Apart()
    outcome: list[BaseException] = []

    def wait() -> None:
        try:
            apart(time.sleep, 60)
        except BaseException as exc:  # noqa: BLE001
            outcome.append(exc)
    thread = threading.Thread(target=wait)
    started = time.monotonic()
    thread.start()
    time.sleep(1.0)                 # the process is running (a spawned interpreter starts in well under that)
    apart.close()
    thread.join(timeout=20)
    assert not thread.is_alive() and time.monotonic() - started < 20
    assert [type(e) for e in outcome] == [Interrupted]
    with pytest.raises(Interrupted):
        apart(os.getpid)


def test_apart_works_from_any_script_and_never_runs_it_again() -> None:
    # multiprocessing's "spawn" runs the caller's main script again in the child: a script read from stdin
    # (or any script without a main guard) failed there, or would have built again
    import subprocess
    import sys
    from helpers import REPO
    script = ("import sys\nsys.path.insert(0, '.')\nprint('ran', flush=True)\n"
              "from docket.workers import Apart\nprint(Apart()(sorted, [2, 3, 1]))\n")
    done = subprocess.run([sys.executable, "-"], input=script, cwd=REPO, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "ran\n[1, 2, 3]\n", "")


_released: list[int] = []


def _released_before(context: int, x: int) -> int:
    return len(_released)


def test_the_parent_gives_free_memory_back_before_it_forks_its_workers(monkeypatch) -> None:
    import docket.workers as workers
    monkeypatch.setattr(workers, "release_free_memory", lambda: _released.append(os.getpid()))
    out = ordered_map(_released_before, 0, list(range(200)), jobs=2)
    assert _released == [os.getpid()] and out == [1] * 200      # once, here, and before any worker began
    _released.clear()
    assert ordered_map(_released_before, 0, list(range(200)), jobs=1) == [0] * 200      # no fork: nothing to do
