"""The in-place update of a built site: only changed files written, and none before all are staged."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from docket import update
from docket.diagnostics import Diagnostics
from docket.incremental import Runtime
from docket.pipeline import build

from helpers import make_site, snapshot

GAZETTE = "content/sources/example-gazette-2020-01-02.md"
GAZETTE_PAGE = "sources/example-gazette-2020-01-02.html"


def _build(root: Path, out: Path) -> None:
    diags = Diagnostics()
    build(root, diags, out=out, runtime=Runtime.for_root(root, jobs=1))
    assert not diags.has_errors(), [d.format() for d in diags.items]


def _edit(root: Path) -> None:
    path = root / GAZETTE
    path.write_text(path.read_text(encoding="utf-8").replace("{++sic++}", "{++staged++}"), encoding="utf-8")


def test_an_edit_replaces_only_the_changed_files_in_place(tmp_path: Path) -> None:
    root, out = make_site(tmp_path / "site"), tmp_path / "out"
    _build(root, out)
    before = {p.relative_to(out).as_posix(): os.stat(p).st_ino for p in out.rglob("*") if p.is_file()}
    _edit(root)
    _build(root, out)
    after = {p.relative_to(out).as_posix(): os.stat(p).st_ino for p in out.rglob("*") if p.is_file()}
    replaced = sorted(url for url in after if after[url] != before.get(url))
    assert GAZETTE_PAGE in replaced and "index.html" not in replaced and "404.html" not in replaced
    assert "[staged]" in (out / GAZETTE_PAGE).read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.new-")] == []   # the staging folder went


def test_a_failure_while_staging_leaves_the_site_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, out = make_site(tmp_path / "site"), tmp_path / "out"
    _build(root, out)
    before = snapshot(out)
    _edit(root)

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(update.os, "fsync", full_disk)
    with pytest.raises(OSError):
        _build(root, out)
    assert snapshot(out) == before
    monkeypatch.undo()
    _build(root, out)
    assert "[staged]" in (out / GAZETTE_PAGE).read_text(encoding="utf-8")
