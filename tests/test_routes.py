"""Routes: every file of the site in a fixed order, with relative links that work from file://."""

from __future__ import annotations

from pathlib import Path

import pytest

from docket.diagnostics import Diagnostics
from docket.link import Site
from docket.markup import Renderer
from docket.pipeline import load
from docket.routes import clip, plan, rel, root_of, source_url

from helpers import GAZETTE_MD, SEED_GAZETTE, make_site, sha256


def _site(tmp_path: Path, files: dict[str, str | None] | None = None) -> Site:
    root = make_site(tmp_path, files)
    diags = Diagnostics()
    site = load(root, diags)
    assert diags.items == []
    assert site is not None
    return site


@pytest.mark.parametrize("url, prefix", [("index.html", ""), ("sources/a.html", "../"), ("a/b/c.html", "../../")])
def test_root_of(url: str, prefix: str) -> None:
    assert root_of(url) == prefix


@pytest.mark.parametrize("from_url, to_url, link", [
    ("index.html", "sources/a.html", "sources/a.html"),
    ("sources/a.html", "sources/b.html", "b.html"),
    ("sources/a.html", "index.html", "../index.html"),
    ("sources/a.html", "actors/x.html", "../actors/x.html"),
    ("index.html", "index.html", "index.html"),
])
def test_rel(from_url: str, to_url: str, link: str) -> None:
    assert rel(from_url, to_url) == link


def test_source_url() -> None:
    assert source_url("readwrite-2014-12-17") == "sources/readwrite-2014-12-17.html"


def test_plan_lists_every_file_in_a_fixed_order(tmp_path: Path) -> None:
    pages = plan(_site(tmp_path), Renderer())
    assert [(p.url, p.template) for p in pages] == [
        ("about.html", "page.html"),
        ("index.html", "page.html"),
        ("sources.html", "sources.html"),
        ("sources/example-gazette-2020-01-02.html", "source.html"),
        ("sources/example-gazette-2020-01-02.txt", ""),
        ("sources/example-bulletin-2020-01-03.html", "source.html"),
        ("sources/example-bulletin-2020-01-03.txt", ""),
        ("compare.html", "compare.html"),
        ("search.html", "search.html"),
        ("search/manifest.js", ""),
        ("search/t0.js", ""),
        ("search/d0.js", ""),
        ("feed.xml", ""),
        ("404.html", "404.html"),
        ("robots.txt", ""),
    ]
    by_url = {p.url: p for p in pages}
    seed = by_url["sources/example-gazette-2020-01-02.txt"]
    assert seed.data is None and seed.copy is not None     # read only when it must be written
    assert seed.copy.read() == SEED_GAZETTE.encode("utf-8")
    assert seed.copy.sha256 == sha256(SEED_GAZETTE)
    assert [p.data for p in pages if p.template] == [None] * 8
    nav = [(n.url, n.label) for n in by_url["index.html"].view["nav"]]
    assert nav == [("index.html", "Story"), ("sources.html", "Sources"), ("compare.html", "Compare"),
                   ("about.html", "About")]
    assert by_url["index.html"].view["is_home"] is True and by_url["about.html"].view["is_home"] is False
    assert by_url["sources/example-gazette-2020-01-02.html"].view["root"] == "../"


def test_sources_are_listed_by_date(tmp_path: Path) -> None:
    early = GAZETTE_MD.replace("published: 2020-01-02", "published: 2020-01-04")
    pages = plan(_site(tmp_path, {"content/sources/example-gazette-2020-01-02.md": early}), Renderer())
    sources = pages[2].view["sources"]
    assert [s["id"] for s in sources] == ["example-bulletin-2020-01-03", "example-gazette-2020-01-02"]


def test_no_about_page_no_about_link(tmp_path: Path) -> None:
    pages = plan(_site(tmp_path, {"content/pages/about.md": None}), Renderer())
    assert "about.html" not in [p.url for p in pages]
    assert [n.label for n in pages[0].view["nav"]] == ["Story", "Sources", "Compare"]


def test_one_source_has_nothing_to_compare(tmp_path: Path) -> None:
    pages = plan(_site(tmp_path, {"content/sources/example-gazette-2020-01-02.md": None}), Renderer())
    assert "compare.html" not in [p.url for p in pages]
    assert "Compare" not in [n.label for n in pages[0].view["nav"]]


def test_source_view(tmp_path: Path) -> None:
    pages = plan(_site(tmp_path), Renderer())
    view = next(p for p in pages if p.url == "sources/example-gazette-2020-01-02.html").view["source"]
    assert {k: view[k] for k in ("id", "url", "txt_url", "published", "published_human", "description", "lede")} == {
        "id": "example-gazette-2020-01-02", "url": "sources/example-gazette-2020-01-02.html",
        "txt_url": "sources/example-gazette-2020-01-02.txt", "published": "2020-01-02",
        "published_human": "2 January 2020",
        "description": "Example Gazette, 2 January 2020: A “quoted” test headline",
        "lede": "The first paragraph of the test article. It isn’t long.",
    }


def test_long_ledes_are_cut_between_words(tmp_path: Path) -> None:
    first, long = "The first paragraph of the test article. It isn’t long.", ("word " * 100).strip()
    seed = SEED_GAZETTE.replace(first, long)
    md = GAZETTE_MD.replace(first, long).replace(sha256(SEED_GAZETTE), sha256(seed))
    pages = plan(_site(tmp_path, {"content/sources/example-gazette-2020-01-02.md": md,
                                  "seeds/example-gazette-2020-01-02.txt": seed}), Renderer())
    lede = pages[1].view["sources"][0]["lede"]
    assert lede == "word " * 59 + "word…"
    assert len(lede) <= 300


@pytest.mark.parametrize("text, limit, clipped", [
    ("short", 10, "short"),
    ("exactly ten", 11, "exactly ten"),
    ("one two three", 10, "one two…"),
    ("one, two three", 8, "one…"),
    ("unbreakable", 5, "unbr…"),
])
def test_clip(text: str, limit: int, clipped: str) -> None:
    assert clip(text, limit) == clipped
    assert len(clip(text, limit)) <= limit


def test_a_seed_changed_while_building_is_not_published(tmp_path: Path) -> None:
    """A seed is read when it is written, not when planned: bytes that are no longer the ones the source's
    sha256 names (changed after the source was checked) stop the build, and nothing is written."""
    import jinja2
    from docket.incremental import Runtime
    root = tmp_path / "site"
    pages = plan(_site(root), Renderer())
    (root / "seeds" / "example-gazette-2020-01-02.txt").write_text(SEED_GAZETTE + "Edited.\n", encoding="utf-8")
    diags = Diagnostics()
    target = tmp_path / "out"
    rt = Runtime.plain()
    assert rt.render(jinja2.Environment(loader=jinja2.FileSystemLoader(str(root / "layouts"))), pages, root,
                     target, diags) is None
    assert [d.format() for d in diags.items] == [
        "seeds/example-gazette-2020-01-02.txt: error: changed or went away while the site was being built: its "
        f"sha256 is no longer {sha256(SEED_GAZETTE)[:12]}..., the one its source gives (seeds are never edited; "
        "build again to check it)"]
    assert not target.exists() and not list(tmp_path.glob(".out*"))
