"""The editing server's incremental rebuild writes exactly what a full `build` writes, redoing less."""

from __future__ import annotations

from pathlib import Path

from docket.rebuild import Rebuilder

from helpers import GAZETTE_MD, build, make_site, snapshot

GAZETTE = "content/sources/example-gazette-2020-01-02.md"
GAZETTE_PAGE = "sources/example-gazette-2020-01-02.html"
BULLETIN_PAGE = "sources/example-bulletin-2020-01-03.html"


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8", newline="")


def _same_as_build(root: Path, folder: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    done = build(root, out)
    assert done.code == 0, done.err
    assert snapshot(folder) == snapshot(out)


def test_rebuilds_equal_a_full_build_after_each_change(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    folder = tmp_path / "served"
    folder.mkdir()
    rebuilder = Rebuilder(root, folder)

    first = rebuilder.rebuild(None)
    assert first.ok and len(first.rendered) == first.pages
    _same_as_build(root, folder, tmp_path, "full-0")

    # The source's last paragraph: its own page changes; the other source's page and the 404 do not.
    _edit(root, GAZETTE, "{++sic++}", "{++checked++}")
    edit = rebuilder.rebuild([GAZETTE])
    assert edit.ok, edit.diagnostics
    assert GAZETTE_PAGE in edit.rendered
    assert BULLETIN_PAGE not in edit.rendered and "404.html" not in edit.rendered
    assert len(edit.rendered) < edit.pages
    _same_as_build(root, folder, tmp_path, "full-1")

    # The headline is listed elsewhere: every page that shows it is redone, and still nothing more.
    _edit(root, GAZETTE, 'headline: "A “quoted” test headline"', 'headline: "A changed test headline"')
    listed = rebuilder.rebuild([GAZETTE])
    assert listed.ok, listed.diagnostics
    assert {GAZETTE_PAGE, "sources.html"} <= set(listed.rendered)
    assert BULLETIN_PAGE not in listed.rendered
    _same_as_build(root, folder, tmp_path, "full-2")

    # A layout or site.yaml change renders every page.
    _edit(root, "layouts/base.html", "</footer>", "</footer>\n<!-- edited -->")
    layout = rebuilder.rebuild(["layouts/base.html"])
    assert layout.ok and len(layout.rendered) == layout.pages
    _same_as_build(root, folder, tmp_path, "full-3")
    _edit(root, "site.yaml", "title: Test site", "title: Renamed site")
    settings = rebuilder.rebuild(["site.yaml"])
    assert settings.ok and len(settings.rendered) == settings.pages
    _same_as_build(root, folder, tmp_path, "full-4")

    # A removed source's files go; static files follow their folder.
    (root / GAZETTE).unlink()
    (root / "seeds/example-gazette-2020-01-02.txt").unlink()
    (root / "static/extra.css").write_text("p {}\n", encoding="utf-8")
    removed = rebuilder.rebuild([GAZETTE, "static/extra.css"])
    assert removed.ok, removed.diagnostics
    assert not (folder / GAZETTE_PAGE).exists()
    _same_as_build(root, folder, tmp_path, "full-5")

    # Nothing changed: nothing rendered, nothing written.
    again = rebuilder.rebuild(["content/pages/about.md"])
    assert again.ok and again.rendered == () and again.written == 0


def test_a_failed_rebuild_leaves_the_folder_and_reports(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    folder = tmp_path / "served"
    folder.mkdir()
    rebuilder = Rebuilder(root, folder)
    assert rebuilder.rebuild(None).ok
    before = snapshot(folder)
    (root / GAZETTE).write_text(GAZETTE_MD.replace("published: 2020-01-02", "published: [2020"), encoding="utf-8")
    failed = rebuilder.rebuild([GAZETTE])
    assert not failed.ok
    assert [d.format() for d in failed.diagnostics if d.severity == "error"][0].startswith(f"{GAZETTE}:7:")
    assert snapshot(folder) == before
    (root / GAZETTE).write_text(GAZETTE_MD.replace("{++sic++}", "{++fixed++}"), encoding="utf-8")
    fixed = rebuilder.rebuild([GAZETTE])
    assert fixed.ok and "[fixed]" in (folder / GAZETTE_PAGE).read_text(encoding="utf-8")
    _same_as_build(root, folder, tmp_path, "full")


def test_a_broken_layout_is_a_diagnostic(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    folder = tmp_path / "served"
    folder.mkdir()
    rebuilder = Rebuilder(root, folder)
    assert rebuilder.rebuild(None).ok
    _edit(root, "layouts/base.html", "</footer>", "</footer>\n{{ missing_name }}")
    failed = rebuilder.rebuild(["layouts/base.html"])
    assert not failed.ok
    assert failed.diagnostics[0].path == "layouts/base.html" and failed.diagnostics[0].line > 0
