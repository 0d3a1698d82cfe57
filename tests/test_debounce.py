"""The Debouncer turns a burst of saves into at most two rebuilds and a lone save into one at once; its clock
is injected, so nothing sleeps."""

from __future__ import annotations

from docket.debounce import Debouncer


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_nothing_due_without_changes() -> None:
    clock = Clock()
    d = Debouncer(quiet=0.2, longest=2.0, clock=clock)
    d.add([])
    clock.now += 10
    assert not d.pending and not d.due()
    assert d.take() == ()


def test_a_lone_save_is_due_once_it_has_settled() -> None:
    clock = Clock()
    d = Debouncer(quiet=0.2, longest=2.0, settle=0.03, calm=1.0, clock=clock)
    d.add(["content/a.md"])
    assert d.pending and not d.due()
    clock.now += 0.02
    assert not d.due()
    clock.now += 0.01
    assert d.due()
    assert d.take() == ("content/a.md",)
    assert not d.pending and not d.due()


def test_a_save_soon_after_a_rebuild_waits_for_the_burst_to_be_quiet() -> None:
    clock = Clock()
    d = Debouncer(quiet=0.2, longest=2.0, settle=0.03, calm=1.0, clock=clock)
    d.add(["content/a.md"])
    clock.now += 0.03
    assert d.take() == ("content/a.md",)
    clock.now += 0.5                    # within the calm spell: part of the same burst
    d.add(["content/b.md"])
    clock.now += 0.19
    assert not d.due()
    clock.now += 0.01
    assert d.due()
    assert d.take() == ("content/b.md",)
    clock.now += 1.5                    # a calm spell later: at once again
    d.add(["content/c.md"])
    clock.now += 0.03
    assert d.due()


def test_twenty_saves_in_one_second_give_two_rebuilds() -> None:
    """A save every 50 ms, polled every 10 ms as the server would: the first save at once, the rest after the burst."""
    clock = Clock()
    d = Debouncer(quiet=0.2, longest=2.0, settle=0.03, calm=1.0, clock=clock)
    rebuilds: list[tuple[float, tuple[str, ...]]] = []
    saves = {round(i * 0.05, 3): f"content/sources/s{i % 3}.md" for i in range(20)}
    for tick in range(300):                                   # 3 s of polling
        t = round(tick * 0.01, 3)
        clock.now = 100.0 + t
        d.add([saves[t]] if t in saves else [])
        if d.due():
            rebuilds.append((t, d.take()))
    assert rebuilds == [(0.03, ("content/sources/s0.md",)),
                        (1.15, ("content/sources/s1.md", "content/sources/s2.md", "content/sources/s0.md"))]


def test_endless_saving_still_rebuilds_every_longest_seconds() -> None:
    clock = Clock()
    d = Debouncer(quiet=0.2, longest=1.0, settle=0.03, calm=1.0, clock=clock)
    fired = []
    for tick in range(250):                                   # a save every 100 ms for 2.5 s
        clock.now = 100.0 + tick * 0.01
        if tick % 10 == 0:
            d.add(["static/style.css"])
        if d.due():
            fired.append(round(clock.now - 100.0, 2))
            d.take()
    assert fired == [0.03, 1.1, 2.2]         # the first save at once, then every `longest`


def test_paths_keep_first_seen_order_without_repeats() -> None:
    clock = Clock()
    d = Debouncer(clock=clock)
    d.add(["b", "a"])
    d.add(["a", "c", "b"])
    assert d.take() == ("b", "a", "c")


def test_save_all_of_ten_files_within_twenty_ms_gives_one_rebuild() -> None:
    """An editor's "save all": every file seen by the next look or two, one rebuild for all of them."""
    clock = Clock()
    d = Debouncer(quiet=0.2, longest=2.0, settle=0.03, calm=1.0, clock=clock)
    written = {round(i * 0.002, 3): f"content/sources/s{i}.md" for i in range(10)}    # 10 files in 20 ms
    rebuilds = []
    for tick in range(40):                                    # the server looks every 50 ms, from t = 0.01
        t = round(0.01 + tick * 0.05, 3)
        clock.now = 100.0 + t
        d.add([path for when, path in written.items() if t - 0.05 < when <= t])
        if d.due():
            rebuilds.append(d.take())
    assert rebuilds == [tuple(written.values())]


def test_wait_says_when_the_waiting_changes_fall_due() -> None:
    clock = Clock()
    d = Debouncer(quiet=0.2, longest=2.0, settle=0.03, calm=1.0, clock=clock)
    assert d.wait() == 0.0 and d.paths == ()
    d.add(["content/a.md"])                     # after a calm spell: due once it has settled
    assert abs(d.wait() - 0.03) < 1e-9 and d.paths == ("content/a.md",)
    clock.now += 0.03
    assert d.wait() == 0.0 and d.due()
    d.take()
    clock.now += 0.1                            # soon after a rebuild: due when the burst is quiet
    d.add(["content/b.md"])
    clock.now += 0.05
    assert abs(d.wait() - 0.15) < 1e-9
    for _ in range(30):                         # a save every 0.1 s: due at the latest `longest` after the first
        clock.now += 0.1
        d.add(["content/b.md"])
    assert d.wait() == 0.0 and d.due()
