"""The editing server's wake-up (docket/wake.py): the system's notice of a changed file makes the watcher
look at that file at once, between its looks at every file."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest

from docket import serve
from docket.rebuild import Rebuilder
from docket.wake import Wake
from docket.watch import WATCHED

from helpers import make_site

GAZETTE = "content/sources/example-gazette-2020-01-02.md"


def test_only_the_files_a_look_would_see_are_named(tmp_path: Path) -> None:
    wake = Wake(tmp_path, WATCHED, lambda rel: None)
    assert wake.relative(str(tmp_path / "content/sources/a.md")) == "content/sources/a.md"
    assert wake.relative(str(tmp_path / "site.yaml")) == "site.yaml"
    assert wake.relative(str(tmp_path / "layouts/base.html")) == "layouts/base.html"
    for ignored in ("README.md", "_site/index.html", ".docket-cache/x/00.pickle", "content/.hidden/a.md",
                    "content/sources/.a.md.swp", "content/sources/a.md~", "content/sources/4913"):
        assert wake.relative(str(tmp_path / ignored)) == "", ignored
    assert wake.relative(str(tmp_path.parent / "elsewhere.md")) == ""


def test_the_system_names_a_saved_file(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    named: list[str] = []
    arrived = threading.Event()

    def notify(rel: str) -> None:
        named.append(rel)
        if {"site.yaml", GAZETTE} <= set(named):
            arrived.set()       # two folders' watches: their notices come in no set order
    wake = Wake(root, WATCHED, notify)
    assert wake.start()
    try:
        (root / "content/sources/.gazette.swp").write_text("litter", encoding="utf-8")
        (root / "notes.txt").write_text("not watched", encoding="utf-8")
        (root / "site.yaml").write_text((root / "site.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        (root / GAZETTE).write_text((root / GAZETTE).read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert arrived.wait(10), named
    finally:
        wake.stop()
    assert set(named) == {"site.yaml", GAZETTE}


def test_a_notice_puts_the_changed_file_before_the_debouncer_and_no_other(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_site(tmp_path / "site")
    watcher = serve.RebuildWatcher(root, Rebuilder(root, tmp_path / "out"), serve.ServeState(tmp_path / "out", root),
                                   io.StringIO(), io.StringIO())
    monkeypatch.setattr(watcher, "_settle_soon", lambda: None)
    try:
        watcher.wake(GAZETTE)                       # told of a change that is not there: nothing waits
        assert not watcher.debouncer.pending
        (root / GAZETTE).write_text((root / GAZETTE).read_text(encoding="utf-8") + "\n", encoding="utf-8")
        watcher.wake(GAZETTE)
        assert watcher.debouncer.paths == (GAZETTE,)
        watcher.tick()                              # the next whole look knows it already
        assert watcher.debouncer.paths == (GAZETTE,)
    finally:
        watcher.close()


def test_the_looks_at_every_file_come_less_often_while_the_system_sends_notices(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    watcher = serve.RebuildWatcher(root, Rebuilder(root, tmp_path / "out"), serve.ServeState(tmp_path / "out", root),
                                   io.StringIO(), io.StringIO())
    try:
        assert watcher.pause(0.001) == serve.POLL          # a small site: every POLL seconds
        assert watcher.pause(0.1) == pytest.approx(0.2)     # a look of 0.1 s (10,000 sources): a third of a core
        watcher._wake = Wake(root, WATCHED, lambda rel: None)
        assert watcher._wake.start()
        assert watcher.pause(0.1) == pytest.approx(1.0)     # notices come: a look a second is enough
        watcher._wake.stop()
        assert watcher.pause(0.1) == pytest.approx(0.2)
    finally:
        watcher.close()
