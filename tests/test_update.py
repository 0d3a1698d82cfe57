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


def test_put_writes_the_given_files_whose_bytes_changed_and_leaves_the_others(tmp_path: Path) -> None:
    root, out = make_site(tmp_path / "site"), tmp_path / "out"
    rt = Runtime.for_root(root, jobs=1)
    diags = Diagnostics()
    build(root, diags, out=out, runtime=rt)
    manifest = rt.manifest(out)
    assert manifest is not None and not manifest.private
    before = snapshot(out)
    page = before[GAZETTE_PAGE]
    (out / "about.html").write_bytes(b"edited by hand")          # no longer trusted: written again
    files = [(GAZETTE_PAGE, update.hashlib.sha256(b"new").hexdigest(), b"new"),
             ("about.html", update.hashlib.sha256(before["about.html"]).hexdigest(), before["about.html"]),
             ("index.html", update.hashlib.sha256(before["index.html"]).hexdigest(), before["index.html"])]
    assert update.put(rt.cache, manifest, files) == 2
    after = snapshot(out)
    assert after[GAZETTE_PAGE] == b"new" != page
    assert after == {**before, GAZETTE_PAGE: b"new"}
    recorded = update.read_manifest(rt.cache, out)
    assert recorded is not None and recorded.trusted() == {**manifest.trusted(), "about.html": files[1][1],
                                                           GAZETTE_PAGE: files[0][1]}
