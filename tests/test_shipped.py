"""The shipped Sony site: complete, deterministic, faithful to its seeds, and clean under `check`."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import REPO, build, check, snapshot

SOURCES = ("bostonglobe-2014-12-17", "readwrite-2014-12-17")

# Paragraphs of each seed that are page furniture, not the article (each entry starts a paragraph).
BOILERPLATE = {
    "bostonglobe-2014-12-17": ("scorecardresearch Skip to main content",),
    "readwrite-2014-12-17": (
        "Home U.S. Intelligence Implicates North Korea In Sony Hack",
        "See also: Latest Message From Sony Attackers Puts Suspicion On North Korea",
        "See also: “Stop Sharing Our Humiliating Emails!” Sony Lawyer Demands",
        "Lead image courtesy of Sony",
        "About ReadWrite’s Editorial Process",
        "The ReadWrite Editorial policy involves closely monitoring the tech industry",
        "Get the biggest tech headlines of the day delivered to your inbox",
        "By signing up, you agree to our Terms and Privacy Policy.",
        "Tech News",
        "Explore the latest in tech with our Tech News.",
        "In-Depth Tech Stories",
        "Explore tech impact in In-Depth Stories.",
        "Expert Reviews",
        "Empower decisions with Expert Reviews",
    ),
}
ARTICLE_PARAGRAPHS = {"bostonglobe-2014-12-17": 10, "readwrite-2014-12-17": 14}   # headline included
NEVER_ON_A_SOURCE_PAGE = ("See also:", "About ReadWrite’s Editorial Process", "scorecardresearch",
                          "Get the biggest tech headlines", "Lead image courtesy")


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Page(HTMLParser):
    """The text of a source page's h1 and body, all its text, and every id in order."""

    def __init__(self) -> None:
        super().__init__()
        self.article: list[str] = []
        self.text: list[str] = []
        self.ids: list[str] = []
        self._stack: list[bool] = []     # per open element: is it (inside) the headline or the body?
        self._skip = 0                   # depth inside a note or note number

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if tag in ("meta", "link", "br", "hr", "img", "input"):
            return
        classes = (a.get("class") or "").split()
        if "note-ref" in classes or "note" in classes or (self._skip and tag != "br"):
            self._skip += 1     # an editor's note or its number: not the article's words
        inside = bool(self._stack and self._stack[-1]) or tag == "h1" or "source-body" in classes
        self._stack.append(inside)

    def handle_endtag(self, tag: str) -> None:
        if self._stack:
            self._stack.pop()
        if self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._stack and self._stack[-1] and not self._skip:
            self.article.append(data)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("shipped") / "site"
    result = build(REPO, out)
    assert (result.code, result.err) == (0, ""), result.err
    return out


def test_every_page_is_built(site: Path) -> None:
    files = set(snapshot(site))
    expected = {"index.html", "sources.html", "about.html", "404.html"}
    expected |= {f"sources/{s}.html" for s in SOURCES} | {f"sources/{s}.txt" for s in SOURCES}
    assert expected <= files
    for source in SOURCES:
        assert (site / f"sources/{source}.txt").read_bytes() == (REPO / f"seeds/{source}.txt").read_bytes()


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    result = build(REPO, tmp_path / "again")
    assert result.code == 0
    assert snapshot(tmp_path / "again") == snapshot(site)


@pytest.mark.parametrize("source", SOURCES)
def test_source_page_carries_every_sentence_of_the_article(site: Path, source: str) -> None:
    seed = (REPO / f"seeds/{source}.txt").read_text(encoding="utf-8")
    paragraphs = [fold(p) for p in re.split(r"\n\s*\n", seed) if p.strip()]
    boilerplate = BOILERPLATE[source]
    for start in boilerplate:
        assert any(p.startswith(start) for p in paragraphs), f"boilerplate list is stale: {start!r}"
    article = [p for p in paragraphs if not p.startswith(boilerplate)]
    assert len(article) == ARTICLE_PARAGRAPHS[source]
    page = _parse(site / f"sources/{source}.html")
    text = fold("".join(page.article))
    missing = [p for p in article if p not in text]
    assert missing == []


@pytest.mark.parametrize("source", SOURCES)
def test_source_page_has_no_boilerplate(site: Path, source: str) -> None:
    text = fold("".join(_parse(site / f"sources/{source}.html").text))
    assert [b for b in NEVER_ON_A_SOURCE_PAGE if b in text] == []


@pytest.mark.parametrize("source", SOURCES)
def test_paragraph_anchors_are_numbered_and_unique(site: Path, source: str) -> None:
    page = _parse(site / f"sources/{source}.html")
    anchors = [i for i in page.ids if re.fullmatch(r"p-\d+", i)]
    assert len(anchors) >= ARTICLE_PARAGRAPHS[source] - 1
    assert anchors == [f"p-{n}" for n in range(1, len(anchors) + 1)]
    assert len(page.ids) == len(set(page.ids))


def test_check_on_the_shipped_content_is_clean() -> None:
    result = check(REPO)
    assert (result.code, result.out) == (0, "checked 2 sources: no errors\n")
    assert [line for line in result.err_lines if ": note: " not in line] == []
