"""feed.xml, sitemap.xml, robots.txt and the metadata of every page, with and without base_url."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from helpers import REPO, build, make_site

BASE = "https://example.org/sony/"
XSD = Path(__file__).resolve().parent / "schemas" / "sitemap.xsd"


class _Head(HTMLParser):
    """A page's <link>, <meta> and JSON-LD blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []
        self.metas: dict[str, str] = {}
        self.json_ld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link":
            self.links.append(a)
        elif tag == "meta" and ("property" in a or "name" in a):
            self.metas[a.get("property") or a["name"]] = a.get("content", "")
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_ld = False if tag == "script" else self._in_ld

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.json_ld[-1] += data


def head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def shipped_with_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped site built with a base_url, from a copy of the project."""
    root = tmp_path_factory.mktemp("based") / "project"
    for name in ("content", "seeds", "layouts", "static"):
        shutil.copytree(REPO / name, root / name)
    site_yaml = (REPO / "site.yaml").read_text(encoding="utf-8")
    (root / "site.yaml").write_text(site_yaml + f"base_url: {BASE}\n", encoding="utf-8")
    out = root.parent / "out"
    result = build(root, out)
    assert result.code == 0, result.err
    return out


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_feed_has_an_entry_per_source_and_event(built_site: Path) -> None:
    from docket.diagnostics import Diagnostics
    from docket.pipeline import load
    site = load(REPO, Diagnostics())
    assert site is not None
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    links = sorted(e.link for e in feed.entries)
    want = sorted([f"sources/{s.id}.html" for s in site.content.sources]
                  + [f"timeline.html#{e.id}" for e in site.content.events])
    assert links == want and len(site.content.sources) == 2
    readwrite = next(e for e in feed.entries if e.link == "sources/readwrite-2014-12-17.html")
    assert readwrite.title == "U.S. Intelligence Implicates North Korea In Sony Hack"
    assert readwrite.published == "2014-12-17T00:00:00Z"
    assert all(e.id.startswith("urn:uuid:") for e in feed.entries)      # no address claimed
    assert len({e.id for e in feed.entries}) == len(feed.entries)


def test_without_base_url_nothing_claims_an_address(built_site: Path) -> None:
    assert not (built_site / "sitemap.xml").exists()
    assert (built_site / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
    for page in _pages(built_site):
        h = head(built_site / page)
        assert not any(link.get("rel") == "canonical" for link in h.links), page
        assert "og:url" not in h.metas and "og:image" not in h.metas, page
        feed_link = next(link for link in h.links if link.get("type") == "application/atom+xml")
        assert not feed_link["href"].startswith("http"), page
        assert "example.org" not in "".join(h.json_ld), page


def test_every_page_has_title_description_cards_and_json_ld(built_site: Path) -> None:
    for page in _pages(built_site):
        text = (built_site / page).read_text(encoding="utf-8")
        h = head(built_site / page)
        assert "<title>" in text and h.metas.get("description"), page
        for key in ("og:title", "og:description", "og:type", "og:site_name", "twitter:card", "twitter:title"):
            assert h.metas.get(key), (page, key)
        assert any(link.get("rel") == "icon" and link["href"].endswith("static/favicon.svg") for link in h.links)
        assert len(h.json_ld) == 1, page
        data = json.loads(h.json_ld[0])
        assert data["@context"] == "https://schema.org" and data["@type"], page


def test_json_ld_types_by_page(built_site: Path) -> None:
    def ld(page: str) -> dict:
        return json.loads(head(built_site / page).json_ld[0])
    article = ld("sources/readwrite-2014-12-17.html")
    assert article["@type"] == "NewsArticle"
    assert article["isBasedOn"] == "https://readwrite.com/us-intelligence-north-korea-hacked-sony/"
    assert article["datePublished"] == "2014-12-17" and article["publisher"]["name"] == "ReadWrite"
    assert "author" not in article                       # the byline is not known: none is invented
    assert ld("actors/kim-jong-un.html")["@type"] == "Person"
    assert ld("actors/north-korea.html")["@type"] == "Country"
    assert ld("index.html")["@type"] == "WebSite"
    sources = ld("sources.html")["mainEntity"]
    assert sources["@type"] == "ItemList" and sources["numberOfItems"] == 2
    if (built_site / "timeline.html").exists():
        timeline = ld("timeline.html")
        assert "ItemList" in json.dumps(timeline)


def test_with_base_url_sitemap_validates_and_lists_every_page(shipped_with_base: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    doc = etree.parse(str(shipped_with_base / "sitemap.xml"))
    assert schema.validate(doc), schema.error_log
    locs = doc.findall(".//{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    listed = sorted(loc.text for loc in locs)
    want = sorted(BASE if p == "index.html" else BASE + p for p in _pages(shipped_with_base) if p != "404.html")
    assert listed == want and len(want) > 10
    assert (shipped_with_base / "robots.txt").read_text().endswith(f"Sitemap: {BASE}sitemap.xml\n")


def test_with_base_url_pages_are_absolute_where_readers_need_it(shipped_with_base: Path) -> None:
    for page in _pages(shipped_with_base):
        h = head(shipped_with_base / page)
        url = BASE if page == "index.html" else BASE + page
        assert [link["href"] for link in h.links if link.get("rel") == "canonical"] == [url], page
        assert h.metas["og:url"] == url and h.metas["og:image"] == BASE + "static/card.png", page
        assert h.metas["twitter:card"] == "summary_large_image"
        assert next(link for link in h.links if link.get("type") == "application/atom+xml")["href"] == BASE + "feed.xml"
        data = json.loads(h.json_ld[0])
        assert data.get("url", url) == url, page
    assert (shipped_with_base / "static" / "card.png").is_file()
    feed = feedparser.parse((shipped_with_base / "feed.xml").read_bytes())
    assert not feed.bozo
    assert feed.feed.links[-1].href == BASE + "feed.xml"
    assert all(e.link.startswith(BASE) and e.id.startswith(BASE) for e in feed.entries)


def test_feed_of_a_scratch_site_is_deterministic(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", author="Test Editor")
    first, second = tmp_path / "a", tmp_path / "b"
    assert build(root, first).code == 0 and build(root, second).code == 0
    assert (first / "feed.xml").read_bytes() == (second / "feed.xml").read_bytes()
    feed = feedparser.parse((first / "feed.xml").read_bytes())
    assert feed.feed.author == "Test Editor" and feed.feed.updated == "2020-01-03T00:00:00Z"
    assert [e.title for e in feed.entries] == ["Second test headline", "A “quoted” test headline"]
    assert feed.entries[1].author == "Test Writer"
