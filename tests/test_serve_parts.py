"""The editing server's parts that need no server: the error panel, path lookup, bind warnings."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from docket import serve
from docket.debounce import Debouncer
from docket.diagnostics import Diagnostic
from docket.overlay import PANEL_ID, error_page, excerpt, inject, panel
from docket.serve import describe, host_warning, locate
from docket.rebuild import Rebuilder
from docket.watch import changed, snapshot

from helpers import make_site



def test_excerpt_is_the_line_and_its_neighbours(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("one\ntwo\nthree\nfour\nfive\nsix\n", encoding="utf-8")
    assert excerpt(tmp_path, Diagnostic("a.yaml", 4)) == [(2, "two", False), (3, "three", False), (4, "four", True),
                                                          (5, "five", False), (6, "six", False)]
    assert excerpt(tmp_path, Diagnostic("a.yaml", 1)) == [(1, "one", True), (2, "two", False), (3, "three", False)]
    assert excerpt(tmp_path, Diagnostic("a.yaml", 7)) == [(5, "five", False), (6, "six", False)]   # end of file
    assert excerpt(tmp_path, Diagnostic("a.yaml", 0)) == []
    assert excerpt(tmp_path, Diagnostic("missing.yaml", 2)) == []
    assert excerpt(tmp_path / "sub", Diagnostic("../a.yaml", 2)) == []     # never a file outside the project


def test_panel_escapes_and_marks_the_offending_line(tmp_path: Path) -> None:
    (tmp_path / "n.yaml").write_text("- quote: <b>\n  note: [x\n", encoding="utf-8")
    html = panel(tmp_path, [Diagnostic("n.yaml", 2, 9, "error", "bad <list>", "close it"),
                            Diagnostic("n.yaml", 1, 0, "note", "not shown")], has_site=True)
    assert html.startswith(f'<div id="{PANEL_ID}" role="alertdialog"')
    assert "1 error</h2>" in html and "not shown" not in html
    assert '<p class="where">n.yaml:2:9: error</p>' in html
    assert '<p class="message">bad &lt;list&gt;</p>' in html and '<p class="hint">close it</p>' in html
    assert "  1 | - quote: &lt;b&gt;\n<mark>&gt; 2 |   note: [x</mark>\n" in html
    assert "last version that built" in html


def test_inject_puts_the_panel_first_in_the_body() -> None:
    assert inject(b"<html><head></head><body class='x'>\n<p>page</p></body></html>", "<div>P</div>") == \
        b"<html><head></head><body class='x'>\n<div>P</div>\n<p>page</p></body></html>"
    assert inject(b"<p>no body tag</p>", "<div>P</div>") == b"<p>no body tag</p><div>P</div>"
    page = error_page("<div>P</div>").decode()
    assert "<head>" in page and "</head>" in page and "<body>\n<div>P</div>" in page


def test_locate_stays_in_the_folder(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "index.html").write_text("home")
    (tmp_path / "sources" / "a.html").write_text("a")
    (tmp_path / "sources" / ".a.html.docket-new").write_text("half")
    assert locate(tmp_path, "") == tmp_path / "index.html"
    assert locate(tmp_path, "sources/a.html") == tmp_path / "sources" / "a.html"
    assert locate(tmp_path, "sources/../index.html") is None
    assert locate(tmp_path, "../etc/passwd") is None
    assert locate(tmp_path, "sources/.a.html.docket-new") is None
    assert locate(tmp_path, "sources/") is None and locate(tmp_path, "nope.html") is None


def test_host_warning() -> None:
    assert host_warning("127.0.0.1") == "" and host_warning("localhost") == "" and host_warning("::1") == ""
    assert host_warning("0.0.0.0") == ("warning: listening on 0.0.0.0: anyone on the network can read this site "
                                       "(use --host 127.0.0.1 to keep it on this machine)\n")


def test_describe_and_changed(tmp_path: Path) -> None:
    assert describe(["a", "b"]) == "a, b"
    assert describe(["a", "b", "c", "d", "e"]) == "a, b, c and 2 more"
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("a")
    (tmp_path / "content" / ".a.md.swp").write_text("litter")
    (tmp_path / "site.yaml").write_text("title: x\n")
    before = snapshot(tmp_path)
    assert sorted(before) == ["content/a.md", "site.yaml"]
    (tmp_path / "content" / "a.md").write_text("longer")
    (tmp_path / "content" / "b.md").write_text("b")
    (tmp_path / "site.yaml").unlink()
    (tmp_path / "content" / "b.md~").write_text("backup")
    assert changed(before, snapshot(tmp_path)) == ["content/a.md", "content/b.md", "site.yaml"]


def test_a_change_is_rebuilt_once_its_files_stood_still_without_another_whole_look(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The watcher's settle(): a look at the changed files alone (a whole look takes 0.1 s at 10,000 sources)."""
    root = make_site(tmp_path / "site")
    gazette = "content/sources/example-gazette-2020-01-02.md"
    clock = _Clock()
    watcher = serve.RebuildWatcher(root, Rebuilder(root, tmp_path / "out"), serve.ServeState(tmp_path / "out", root),
                                   io.StringIO(), io.StringIO(), Debouncer(clock=clock))
    started: list[tuple[tuple[str, ...], bool]] = []
    monkeypatch.setattr(watcher, "start_rebuild", lambda paths, defer: started.append((paths, defer)))
    monkeypatch.setattr(watcher, "_settle_soon", lambda: None)      # settle() is called by hand here
    try:
        path = root / gazette
        path.write_text(path.read_text(encoding="utf-8") + "\nOne.\n", encoding="utf-8")
        watcher.tick()                              # the whole look sees it; it has not stood still yet
        assert watcher.debouncer.paths == (gazette,) and not started

        def no_whole_look(*args: object) -> None:
            raise AssertionError("a whole look")
        monkeypatch.setattr(serve, "snapshot", no_whole_look)
        clock.now += 0.02
        path.write_text(path.read_text(encoding="utf-8") + "Two.\n", encoding="utf-8")
        clock.now += 0.02
        watcher.settle()                            # changed again meanwhile: it waits
        assert watcher.debouncer.paths == (gazette,) and not started
        clock.now += 0.03
        watcher.settle()
        assert started == [((gazette,), True)] and not watcher.debouncer.pending
    finally:
        watcher.close()


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_first_build_forks_workers_only_while_no_other_thread_runs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fork copies one thread only: the server's first build may use every core before its threads start."""
    root = make_site(tmp_path / "site")
    rebuilder = Rebuilder(root, tmp_path / "out")
    seen: list[int] = []
    run = rebuilder.rebuild
    monkeypatch.setattr(rebuilder, "rebuild", lambda *a, **k: (seen.append(rebuilder.runtime.jobs), run(*a, **k))[1])
    watcher = serve.RebuildWatcher(root, rebuilder, serve.ServeState(tmp_path / "out", root),
                                   io.StringIO(), io.StringIO())
    try:
        (tmp_path / "out").mkdir()
        monkeypatch.setattr(serve.threading, "active_count", lambda: 1)
        assert watcher.first_build().ok
        monkeypatch.setattr(serve.threading, "active_count", lambda: 2)
        assert watcher.first_build().ok
        assert seen == [serve.default_jobs(), 1] and rebuilder.runtime.jobs == 1
    finally:
        watcher.close()
