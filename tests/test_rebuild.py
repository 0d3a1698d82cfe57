"""The editing server's incremental rebuild writes exactly what a full `build` writes, redoing less."""

from __future__ import annotations

from pathlib import Path

from docket.rebuild import Rebuilder

from helpers import GAZETTE_MD, build, make_site, served, snapshot

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
    rebuilder = served(root, folder)
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
    rebuilder = served(root, folder)
    _edit(root, "layouts/base.html", "</footer>", "</footer>\n{{ missing_name }}")
    failed = rebuilder.rebuild(["layouts/base.html"])
    assert not failed.ok
    assert failed.diagnostics[0].path == "layouts/base.html" and failed.diagnostics[0].line > 0


SONY_FILES = ("site.yaml", "content", "seeds", "layouts", "static")
GLOBE_PAGE = "sources/bostonglobe-2014-12-17.html"
READWRITE_PAGE = "sources/readwrite-2014-12-17.html"


def _sony(root: Path) -> Path:
    """A copy of this repository's Sony site: actors, timeline, claims and notes linked by id."""
    import shutil
    from helpers import REPO
    root.mkdir(parents=True)
    for name in SONY_FILES:
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    return root


def test_edits_that_change_what_links_to_a_source_rebuild_exactly_the_pages_that_show_it(tmp_path: Path) -> None:
    """An actor alias, an event's citation and a claim's quote: each reaches every page it touches, and
    the folder equals a clean build after each; pages that show nothing of the change are not rendered."""
    root = _sony(tmp_path / "site")
    folder = tmp_path / "served"
    rebuilder = served(root, folder)

    # An alias dropped: the mentions it made go from both sources' pages and from the actor's page.
    _edit(root, "content/actors.yaml", "aliases: [Kim Jong Un, Kim]", "aliases: [Kim Jong Un]")
    alias = rebuilder.rebuild(["content/actors.yaml"])
    assert alias.ok, alias.diagnostics
    assert {"actors/kim-jong-un.html"} <= set(alias.rendered)
    assert "timeline.html" not in alias.rendered and "compare.html" not in alias.rendered
    _same_as_build(root, folder, tmp_path, "alias")

    # A citation added to an event: the Globe's page marks the quote, the timeline cites it; ReadWrite's
    # page shows nothing of it.
    quote = "far more destructive than any seen before on US soil"
    _edit(root, "content/timeline.yaml",
          "  cites:\n    - source: bostonglobe-2014-12-17\n      quote: US intelligence officials have concluded that",
          f"  cites:\n    - source: bostonglobe-2014-12-17\n      quote: {quote}\n"
          "    - source: bostonglobe-2014-12-17\n      quote: US intelligence officials have concluded that")
    cited = rebuilder.rebuild(["content/timeline.yaml"])
    assert cited.ok, cited.diagnostics
    assert {GLOBE_PAGE, "timeline.html"} <= set(cited.rendered)
    assert READWRITE_PAGE not in cited.rendered and "compare.html" not in cited.rendered
    assert quote in (folder / "timeline.html").read_text(encoding="utf-8")
    _same_as_build(root, folder, tmp_path, "cited")

    # A claim quoting fewer words: the comparison and the Globe's page (its marked quotation) change.
    _edit(root, "content/claims.yaml",
          "      quote: US intelligence officials have concluded that the North Korean government was “centrally "
          "involved” in the recent attacks on Sony Pictures’ computers",
          "      quote: the North Korean government was “centrally involved” in the recent attacks")
    claim = rebuilder.rebuild(["content/claims.yaml"])
    assert claim.ok, claim.diagnostics
    assert {GLOBE_PAGE, "compare.html"} <= set(claim.rendered)
    assert READWRITE_PAGE not in claim.rendered and "timeline.html" not in claim.rendered
    _same_as_build(root, folder, tmp_path, "claim")

    # The same three kinds of edit undone at once, built by a new process each time (the cache on disk).
    from docket.incremental import Runtime
    for rel in ("content/actors.yaml", "content/timeline.yaml", "content/claims.yaml"):
        (root / rel).write_bytes((_sony(tmp_path / f"fresh-{rel.split('/')[1]}") / rel).read_bytes())
    disk = Rebuilder(root, folder, Runtime.for_root(root, jobs=1))
    assert disk.rebuild(None).ok
    _same_as_build(root, folder, tmp_path, "undone")
