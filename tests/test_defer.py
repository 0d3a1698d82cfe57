"""On a big site a source edit first rebuilds all but the slow cross-source pages, then a follow-up
catches up: the edited page is there at once, and after the follow-up the folder is exactly a clean build."""

from __future__ import annotations

import io
from pathlib import Path

from docket.incremental import Runtime
from docket.rebuild import Outcome, Rebuilder
from docket.serve import maker_label, report

from helpers import build, make_site, snapshot, watch_until_caught_up

GAZETTE = "content/sources/example-gazette-2020-01-02.md"
GAZETTE_PAGE = "sources/example-gazette-2020-01-02.html"
WORD = "zanzibarquest"      # a word no other file has: where it shows, the edit has reached


def _edit(root: Path, old: str, new: str) -> None:
    path = root / GAZETTE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8", newline="")


def _showing(folder: Path) -> set[str]:
    return {url for url, data in snapshot(folder).items() if WORD.encode() in data}


def _deferring(tmp_path: Path) -> tuple[Path, Path, Rebuilder]:
    """A scratch site served by a Rebuilder whose runtime counts every page maker as slow."""
    root = make_site(tmp_path / "site")
    folder = tmp_path / "served"
    folder.mkdir()
    runtime = Runtime.plain()
    runtime.defer_after = 0.0
    rebuilder = Rebuilder(root, folder, runtime)
    assert rebuilder.rebuild(None).ok
    return root, folder, rebuilder


def test_a_source_edit_defers_the_slow_pages_and_the_follow_up_equals_a_clean_build(tmp_path: Path) -> None:
    root, folder, rebuilder = _deferring(tmp_path)
    clean = tmp_path / "clean-before"
    assert build(root, clean).code == 0

    _edit(root, "{++sic++}", "{++sic++} " + WORD)
    first = rebuilder.rebuild([GAZETTE], defer=True)
    assert first.ok, first.diagnostics
    assert {"docket.compare_pages.pages", "docket.search_page.pages", "docket.actor_pages.index_page",
            "docket.timeline_pages.pages", "docket.feed.pages"} <= set(first.deferred)
    assert GAZETTE_PAGE in first.rendered
    # The edited page shows the edit; the search index does not yet: it is the one from before the edit.
    assert GAZETTE_PAGE in _showing(folder)
    after = tmp_path / "clean-after"
    assert build(root, after).code == 0
    indexed = _showing(after) - {GAZETTE_PAGE, "sources/example-gazette-2020-01-02.txt"}
    assert indexed, "the search index of a clean build holds the new word"
    assert not indexed & _showing(folder)
    assert all(snapshot(folder)[url] == snapshot(clean)[url] for url in indexed)

    follow_up = rebuilder.rebuild(())
    assert follow_up.ok and follow_up.deferred == ()
    assert snapshot(folder) == snapshot(after)


def test_nothing_is_deferred_without_defer_or_for_other_changes(tmp_path: Path) -> None:
    root, folder, rebuilder = _deferring(tmp_path)
    _edit(root, "{++sic++}", "{++sic++} " + WORD)
    plain = rebuilder.rebuild([GAZETTE])
    assert plain.ok and plain.deferred == ()
    out = tmp_path / "clean-1"
    assert build(root, out).code == 0
    assert snapshot(folder) == snapshot(out)

    # A layout or another content file changes what every maker shows: nothing waits.
    (root / "layouts/base.html").write_text((root / "layouts/base.html").read_text(encoding="utf-8")
                                            .replace("</footer>", "</footer>\n<!-- edited -->"), encoding="utf-8")
    layout = rebuilder.rebuild(["layouts/base.html"], defer=True)
    assert layout.ok and layout.deferred == ()
    mixed = rebuilder.rebuild([GAZETTE, "content/actors.yaml"], defer=True)
    assert mixed.ok and mixed.deferred == ()


def test_a_removed_source_defers_nothing(tmp_path: Path) -> None:
    """Stale pages could link to the removed source's page: the runtime sees the sources changed."""
    root, folder, rebuilder = _deferring(tmp_path)
    (root / GAZETTE).unlink()
    (root / "seeds/example-gazette-2020-01-02.txt").unlink()
    removed = rebuilder.rebuild([GAZETTE, "seeds/example-gazette-2020-01-02.txt"], defer=True)
    assert removed.ok, removed.diagnostics
    assert removed.deferred == ()
    out = tmp_path / "clean"
    assert build(root, out).code == 0
    assert snapshot(folder) == snapshot(out)


def test_the_terminal_names_what_is_still_to_catch_up_and_when_it_has() -> None:
    out, err = io.StringIO(), io.StringIO()
    report(Outcome(True, (), 1500, ("sources/a.html",), 1, 0.42,
                   ("docket.compare_pages.pages", "docket.search_page.pages")), [GAZETTE], out, err)
    report(Outcome(True, (), 1500, ("compare.html", "search.html"), 3, 6.5), (), out, err)
    first, second = out.getvalue().splitlines()
    assert first.endswith(f"] rebuilt in 0.42 s after {GAZETTE} changed: 1 of 1500 pages rendered, 1 files written; "
                          "still to catch up: compare pages, search page")
    assert second.endswith("] caught up in 6.50 s: 2 of 1500 pages rendered, 3 files written")
    assert maker_label("docket.actor_pages.pages") == "actor pages"


def test_the_server_follows_a_deferring_rebuild_with_a_follow_up_by_itself(tmp_path: Path) -> None:
    """RebuildWatcher on a tornado loop, as `serve` runs it: one save, then the follow-up with no save."""
    root, folder, rebuilder = _deferring(tmp_path)
    lines = watch_until_caught_up(root, folder, rebuilder, lambda: _edit(root, "{++sic++}", "{++sic++} " + WORD))
    assert len(lines) == 2, lines
    assert f"after {GAZETTE} changed" in lines[0] and "still to catch up: " in lines[0]
    assert "] caught up in" in lines[1]
    clean = tmp_path / "clean"
    assert build(root, clean).code == 0
    assert snapshot(folder) == snapshot(clean)


def test_a_follow_up_stops_between_page_makers_when_told_and_writes_nothing(tmp_path: Path) -> None:
    root, folder, rebuilder = _deferring(tmp_path)
    _edit(root, "{++sic++}", "{++sic++} " + WORD)
    assert rebuilder.rebuild([GAZETTE], defer=True).deferred
    before = snapshot(folder)
    asked: list[int] = []
    rebuilder.runtime.interrupt = lambda: not asked.append(1)     # a change is waiting: stop at the first maker
    stopped = rebuilder.rebuild(())
    assert stopped.interrupted and not stopped.ok and stopped.diagnostics == ()
    assert len(asked) == 1
    assert snapshot(folder) == before                       # nothing written
    out = io.StringIO()
    report(stopped, (), out, io.StringIO())
    assert out.getvalue().rstrip().endswith("catching up stopped after "
                                            f"{stopped.seconds:.2f} s: a file changed meanwhile")
    rebuilder.runtime.interrupt = None
    caught = rebuilder.rebuild(())
    assert caught.ok and not caught.interrupted
    clean = tmp_path / "clean"
    assert build(root, clean).code == 0
    assert snapshot(folder) == snapshot(clean)
