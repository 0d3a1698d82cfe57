"""Atomic publishing: a site is replaced whole or not at all, and never over someone else's folder."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

import docket.write
from docket.write import MARKER, exchange, publish, refuse_reason

from helpers import build, make_site, snapshot

MARKER_TEXT = b"This folder is written by docket; a build replaces it whole.\n"


def _static(tmp_path: Path) -> Path:
    static = tmp_path / "static"
    static.mkdir()
    (static / "style.css").write_text("body {}\n")
    return static


def test_refuse_reason(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert refuse_reason(out) == ""
    out.mkdir()
    assert refuse_reason(out) == ""
    (out / "notes.txt").write_text("mine")
    assert refuse_reason(out) == f"{out} exists and is not a site docket built; refusing to replace it"
    (out / MARKER).write_text("")
    assert refuse_reason(out) == ""
    file = tmp_path / "file"
    file.write_text("x")
    assert refuse_reason(file) == f"{file} exists and is not a folder"


def test_publish_writes_pages_static_and_marker(tmp_path: Path) -> None:
    out = tmp_path / "site" / "out"
    publish([("index.html", b"<p>home</p>"), ("sources/a.txt", b"seed")], _static(tmp_path), out)
    assert snapshot(out) == {MARKER: MARKER_TEXT, "index.html": b"<p>home</p>", "sources/a.txt": b"seed",
                             "static/style.css": b"body {}\n"}
    assert sorted(p.name for p in out.parent.iterdir()) == ["out"]
    assert out.stat().st_mode & 0o777 == 0o755


def test_publish_replaces_the_whole_site(tmp_path: Path) -> None:
    out, static = tmp_path / "out", _static(tmp_path)
    publish([("index.html", b"1"), ("sources/old.html", b"old")], static, out)
    publish([("index.html", b"2")], static, out)
    assert snapshot(out) == {MARKER: MARKER_TEXT, "index.html": b"2", "static/style.css": b"body {}\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "static"]


def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_bytes(b"from a")
    (b / "y").write_bytes(b"from b")
    if not exchange(a, b):          # a system or file system without RENAME_EXCHANGE: nothing was touched
        assert snapshot(a) == {"x": b"from a"} and snapshot(b) == {"y": b"from b"}
        pytest.skip("renameat2(RENAME_EXCHANGE) is not available here")
    assert snapshot(a) == {"y": b"from b"} and snapshot(b) == {"x": b"from a"}
    with pytest.raises(FileNotFoundError):
        exchange(a, tmp_path / "missing")


def test_publish_swaps_the_new_site_in_with_the_exchange(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def spy(a: Path, b: Path) -> bool:
        calls.append((a.parent, b))
        return exchange(a, b)

    monkeypatch.setattr(docket.write, "exchange", spy)
    out, static = tmp_path / "out", _static(tmp_path)
    publish([("index.html", b"1")], static, out)
    assert calls == []                                          # nothing to swap with: a plain rename
    publish([("index.html", b"2")], static, out)
    assert calls == [(tmp_path, out.resolve())]
    assert snapshot(out)["index.html"] == b"2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "static"]


def test_publish_without_an_atomic_exchange_still_replaces_the_whole_site(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docket.write, "exchange", lambda a, b: False)
    out, static = tmp_path / "out", _static(tmp_path)
    publish([("index.html", b"1"), ("sources/old.html", b"old")], static, out)
    publish([("index.html", b"2")], static, out)
    assert snapshot(out) == {MARKER: MARKER_TEXT, "index.html": b"2", "static/style.css": b"body {}\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "static"]


def test_publish_failing_half_way_leaves_the_old_site(tmp_path: Path) -> None:
    out, static = tmp_path / "out", _static(tmp_path)
    publish([("index.html", b"1")], static, out)
    before = snapshot(out)

    def files() -> Iterator[tuple[str, bytes]]:
        yield "index.html", b"2"
        raise RuntimeError("render failed")

    with pytest.raises(RuntimeError, match="render failed"):
        publish(files(), static, out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "static"]


def test_failed_build_leaves_the_previous_site(tmp_path: Path) -> None:
    root, out = make_site(tmp_path / "site"), tmp_path / "out"
    assert build(root, out).code == 0
    before = snapshot(out)
    (root / "content/pages/about.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    result = build(root, out)
    assert result.code == 1
    assert result.err_lines[-1] == "build failed; the previous site was left as it was"
    assert snapshot(out) == before


def test_files_that_no_longer_belong_are_gone_after_a_rebuild(tmp_path: Path) -> None:
    root, out = make_site(tmp_path / "site"), tmp_path / "out"
    assert build(root, out).code == 0
    gone = {"sources/example-gazette-2020-01-02.html", "sources/example-gazette-2020-01-02.txt"}
    assert gone <= set(snapshot(out))
    (root / "content/sources/example-gazette-2020-01-02.md").unlink()
    (root / "content/pages/about.md").unlink()
    result = build(root, out)
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith(f"built 11 files into {out} in ")
    assert sorted(snapshot(out)) == [MARKER, "404.html", "feed.xml", "index.html", "robots.txt", "search.html",
                                     "search/d0.js", "search/manifest.js", "search/t0.js", "sources.html",
                                     "sources/example-bulletin-2020-01-03.html",
                                     "sources/example-bulletin-2020-01-03.txt", "static/card.png",
                                     "static/favicon.svg", "static/search.js", "static/style.css",
                                     "static/timeline.js"]


def test_a_folder_docket_did_not_build_is_refused_and_left_alone(tmp_path: Path) -> None:
    root, out = make_site(tmp_path / "site"), tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"precious")
    (out / "drafts").mkdir()
    (out / "drafts/a.md").write_text("draft")
    before = snapshot(out)
    result = build(root, out)
    assert (result.code, result.out) == (1, "")
    assert result.err_lines == [
        f"{out}: error: {out} exists and is not a site docket built; refusing to replace it "
        "(choose an empty folder or one docket built, with --out)",
        "1 error(s), 0 warning(s)",
        "build failed; the previous site was left as it was",
    ]
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "site"]


def test_a_file_in_the_way_is_refused(tmp_path: Path) -> None:
    root, out = make_site(tmp_path / "site"), tmp_path / "out.html"
    out.write_text("mine")
    result = build(root, out)
    assert result.code == 1
    assert result.err_lines[0] == (f"{out}: error: {out} exists and is not a folder "
                                   "(choose an empty folder or one docket built, with --out)")
    assert out.read_text() == "mine"


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    root, out = make_site(tmp_path / "site"), tmp_path / "empty"
    out.mkdir()
    assert build(root, out).code == 0
    assert (out / "index.html").is_file()
