"""The shipped comparison: compare.html's matrix, shared quotations and matched passages; data/claims.json."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from docket.anchor import fold

SOURCES = ("bostonglobe-2014-12-17", "readwrite-2014-12-17")


class _Page(HTMLParser):
    """Text of every element by id, and of every element by class (in order), plus every link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.by_id: dict[str, str] = {}
        self.by_class: dict[str, list[str]] = {}
        self.links: list[tuple[str, str]] = []        # (href, class)
        self._open: list[tuple[str, str, str]] = []    # (tag, id, classes)
        self._text: dict[int, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a":
            self.links.append((a.get("href", ""), a.get("class", "")))
        if tag in ("br", "img", "meta", "link", "input", "hr"):
            return
        self._open.append((tag, a.get("id", ""), a.get("class", "")))
        self._text[len(self._open)] = []

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            depth = len(self._open)
            t, ident, classes = self._open.pop()
            text = " ".join("".join(self._text.pop(depth)).split())
            if self._open:
                self._text[len(self._open)].append("".join(text) + " " if t in ("p", "li", "td", "th") else text)
            if ident:
                self.by_id[ident] = text
            for c in classes.split():
                self.by_class.setdefault(c, []).append(text)
            if t == tag:
                return

    def handle_data(self, data: str) -> None:
        if any("note-ref" in classes.split() for _, _, classes in self._open):
            return                                      # a note's number is not the source's words
        if self._open:
            self._text[len(self._open)].append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_claims_json_has_ten_claims_three_that_differ_and_every_quote_anchors(built_site: Path) -> None:
    claims = json.loads((built_site / "data/claims.json").read_text(encoding="utf-8"))
    assert len(claims) >= 10
    assert all(set(c) == {"id", "claim", "stances"} and set(c["stances"]) == set(SOURCES) for c in claims)
    differ = [c["id"] for c in claims if len({s["stance"] for s in c["stances"].values()}) > 1]
    assert len(differ) >= 3
    assert {"attribution-is-a-conclusion", "computer-used-against-south-korea", "film-triggered-attack",
            "evidence-called-weak"} <= set(differ)
    pages = {sid: parse(built_site / f"sources/{sid}.html") for sid in SOURCES}
    compare = parse(built_site / "compare.html")
    quote_links = [href for href, cls in compare.links if cls == "stance__quote"]
    quoted = [(sid, s["quote"]) for c in claims for sid, s in c["stances"].items() if s["quote"]]
    assert len(quote_links) == len(quoted)
    for (sid, quote), href in zip(quoted, quote_links):
        target, anchor = href.split("#")
        assert target == f"sources/{sid}.html"
        assert fold(" ".join(pages[sid].by_id[anchor].split()))[0] == fold(quote)[0], (sid, quote)


def test_compare_page_shows_the_matrix_with_stances_in_words(built_site: Path) -> None:
    page = parse(built_site / "compare.html")
    text = (built_site / "compare.html").read_text(encoding="utf-8")
    assert 'class="matrix-scroll" role="region" aria-labelledby="matrix-caption" tabindex="0"' in text
    assert page.by_id["matrix-caption"] == "Each source's stance on each claim, with its words"
    row = page.by_id["claim-attribution-is-a-conclusion"]
    assert "Stances differ" in row
    assert "Hedges “The evidence strongly suggests—though does not definitively prove—North Korea’s involvement.”" in row
    assert "Asserts “intelligence officials have concluded" in row
    assert "Not mentioned" in page.by_id["claim-film-triggered-attack"]
    labels = page.by_class["stance"]
    assert {"Asserts", "Hedges", "Not mentioned"} <= set(labels)
    claims = json.loads((built_site / "data/claims.json").read_text(encoding="utf-8"))
    assert len(page.by_class["stance-cell"]) == len(labels) == len(claims) * len(SOURCES)
    assert "Sony cancelled the release of The Interview on Wednesday." in " ".join(page.by_class["claim-list"])
    assert [h for h, c in page.links if h == "compare.html"]          # the nav links the page


def test_compare_page_finds_shared_quotations_and_matched_passages(built_site: Path) -> None:
    page = parse(built_site / "compare.html")
    shared = page.by_class["shared-quote__text"]
    assert any("Remember the 11th of September 2001" in q for q in shared)
    assert "“centrally involved”" in shared
    assert any("the world will be full of fear" in q for q in shared)
    matches = page.by_class["match"]
    assert len(matches) >= 2
    sides = page.by_class["match__side"]
    assert len(sides) == 2 * len(matches)
    assert all(("ReadWrite" in a) != ("ReadWrite" in b) for a, b in zip(sides[::2], sides[1::2]))
    assert any("Sony put the kibosh on release plans Wednesday" in s for s in sides)
    assert any("Sony dropped its plan to release the film" in s for s in sides)
    assert page.by_class["diff"], "changed words are marked"


def test_timeline_shows_how_many_sources_corroborate_each_event(built_site: Path) -> None:
    events = json.loads((built_site / "data/events.json").read_text(encoding="utf-8"))
    page = parse(built_site / "timeline.html")
    counts = [len(e["sources"]) for e in events]
    assert 2 in counts and 1 in counts                 # some events both sources report, some only one
    for e in events:
        assert len(set(e["sources"])) == len(e["sources"]) and set(e["sources"]) <= set(SOURCES)
        n = len(e["sources"])
        expected = (f"Supported by {n} source{'' if n == 1 else 's'} of this site." if n
                    else "Outside references only; no source of this site reports it.")
        assert expected in page.by_id[e["id"]], e["id"]
