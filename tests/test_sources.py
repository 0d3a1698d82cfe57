"""Source and page loading: records built from front matter, checked against their seeds."""

from __future__ import annotations

from pathlib import Path

from docket.content.frontmatter import split
from docket.content.pages import load_pages
from docket.content.sources import load_source, load_sources
from docket.diagnostics import Diagnostics
from docket.model import FreePage, Source
from docket.packed import PackedText

from helpers import BULLETIN_MD, GAZETTE_MD, SEED_BULLETIN, SEED_GAZETTE, make_site, sha256

GAZETTE = "content/sources/example-gazette-2020-01-02.md"
BULLETIN = "content/sources/example-bulletin-2020-01-03.md"


def _messages(diags: Diagnostics) -> list[str]:
    return [d.format() for d in diags.items]


def test_load_sources_in_file_name_order(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    diags = Diagnostics()
    sources = load_sources(root, diags)
    assert _messages(diags) == []
    assert [s.id for s in sources] == ["example-bulletin-2020-01-03", "example-gazette-2020-01-02"]


def test_source_record(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    diags = Diagnostics()
    source = load_source(root, root / GAZETTE, diags)
    assert _messages(diags) == []
    assert source == Source(
        id="example-gazette-2020-01-02", path=GAZETTE, headline="A “quoted” test headline",
        outlet="Example Gazette", published="2020-01-02", url="https://example.org/news/test-article",
        seed="example-gazette-2020-01-02.txt", sha256=sha256(SEED_GAZETTE), packed_body=PackedText.of(GAZETTE_MD.split("---\n", 2)[2]),
        body_line=11, byline="Test Writer", outlet_url="https://example.org/", language="en",
        front_lines=(("byline", 5), ("headline", 2), ("outlet", 3), ("outlet_url", 4), ("published", 6),
                     ("seed", 8), ("sha256", 9), ("url", 7)),
    )
    assert (source.line_of("seed"), source.line_of("notes")) == (8, 1)


def test_optional_fields_are_kept_stripped(tmp_path: Path) -> None:
    md = BULLETIN_MD.replace("byline_note: The page names no author.\n",
                             "byline_note: ' The page names no author. '\npublished_note: From the address.\n"
                             "language: fr\nnotes: An *editor's* note.\n")
    md = md.replace("sha256: " + sha256(SEED_BULLETIN), "sha256: " + sha256(SEED_BULLETIN).upper())
    root = make_site(tmp_path, {BULLETIN: md})
    diags = Diagnostics()
    source = load_source(root, root / BULLETIN, diags)
    assert _messages(diags) == []
    assert source is not None
    assert (source.byline, source.byline_note, source.published_note, source.language, source.notes) == (
        "", "The page names no author.", "From the address.", "fr", "An *editor's* note.")
    assert source.sha256 == sha256(SEED_BULLETIN)       # upper-case hex is accepted and kept lower-case


def test_a_broken_source_is_skipped_and_the_others_load(tmp_path: Path) -> None:
    root = make_site(tmp_path, {GAZETTE: GAZETTE_MD.replace("published: 2020-01-02", "published: 2020-02-30")})
    diags = Diagnostics()
    sources = load_sources(root, diags)
    assert [s.id for s in sources] == ["example-bulletin-2020-01-03"]
    assert _messages(diags) == [
        f"{GAZETTE}:6: error: bad date in 'published': '2020-02-30' is not a real date: day is out of range "
        "for month (write the publication day as YYYY-MM-DD)"]


def test_every_problem_of_one_source_is_reported(tmp_path: Path) -> None:
    md = (BULLETIN_MD.replace("url: https://example.org/bulletin/second", "url: example.org")
          .replace("published: 2020-01-03", "published: 2020")
          .replace("byline_note: The page names no author.\n", "")
          .replace("seed: example-bulletin-2020-01-03.txt", "seed: missing.txt"))
    root = make_site(tmp_path, {BULLETIN: md})
    diags = Diagnostics()
    assert load_source(root, root / BULLETIN, diags) is None
    assert _messages(diags) == [
        f"{BULLETIN}:5: error: bad date in 'published': '2020' gives only the year (write the publication day as YYYY-MM-DD)",
        f"{BULLETIN}:6: error: 'url' must be an http(s) address, not 'example.org' "
        "(copy the address from the browser's address bar)",
        f"{BULLETIN}:4: error: the byline is empty and no 'byline_note' says why "
        "(write the byline, or say in byline_note why it is not known; never invent one)",
        f"{BULLETIN}:7: error: seed file 'seeds/missing.txt' not found "
        "(import the original with `python build.py import FILE`)",
    ]


def test_no_sources_folder_means_no_sources(tmp_path: Path) -> None:
    diags = Diagnostics()
    assert load_sources(tmp_path, diags) == ()
    assert diags.items == []


def test_pages(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"content/pages/notes.txt": "not a page"})
    diags = Diagnostics()
    pages = load_pages(root, diags)
    assert _messages(diags) == []
    assert pages == (
        FreePage("about", "content/pages/about.md", "About", "How the test site is made.",
                 "\n## Method\n\nEvery source is shown as received.\n", 5),
        FreePage("index", "content/pages/index.md", "Home", "The home page of the test site.",
                 "\n# Test site\n\nThis is the *home* page. Read [the sources](sources.html).\n", 5),
    )


def test_page_names_that_are_taken_or_invalid(tmp_path: Path) -> None:
    page = "---\ntitle: T\ndescription: D\n---\n"
    root = make_site(tmp_path, {"content/pages/timeline.md": page, "content/pages/Method Notes.md": page})
    diags = Diagnostics()
    assert [p.id for p in load_pages(root, diags)] == ["about", "index"]
    assert _messages(diags) == [
        "content/pages/Method Notes.md: error: 'Method Notes' cannot be a page name "
        "(rename it, for example to method-notes-page.md)",
        "content/pages/timeline.md: error: 'timeline' cannot be a page name (rename it, for example to timeline-page.md)",
    ]


def test_missing_home_page_is_reported_once(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"content/pages/index.md": None})
    diags = Diagnostics()
    load_pages(root, diags)
    assert _messages(diags) == [
        "content/pages/index.md: error: the home page is missing (write content/pages/index.md)"]
    root = make_site(tmp_path, {"content/pages/index.md": "---\ntitle: T\n---\n"})
    diags = Diagnostics()
    load_pages(root, diags)
    assert _messages(diags) == [
        "content/pages/index.md:2: error: the front matter is missing 'description' (add 'description:' (text))"]


def test_front_matter_split_keeps_body_lines() -> None:
    diags = Diagnostics()
    doc = split("---\na: 1\nb: 2\n---\nbody\n---\nmore\n", "x.md", diags)
    assert diags.items == []
    assert doc is not None and doc.meta is not None
    assert (dict(doc.meta), doc.meta.line_of("b"), doc.body, doc.body_line) == (
        {"a": 1, "b": 2}, 3, "body\n---\nmore\n", 5)
    doc = split("---\na: 1\n...\nbody", "x.md", diags)
    assert doc is not None and doc.body == "body"


def test_hidden_files_are_not_content(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"content/sources/._example-gazette-2020-01-02.md": b"\x00\x05\x16\x07",
                                "content/pages/._about.md": b"\x00\x05\x16\x07"})
    (root / "content/sources/.#example-bulletin-2020-01-03.md").symlink_to("editor@host.1234")
    diags = Diagnostics()
    assert [s.id for s in load_sources(root, diags)] == ["example-bulletin-2020-01-03", "example-gazette-2020-01-02"]
    assert [p.id for p in load_pages(root, diags)] == ["about", "index"]
    assert diags.items == []
