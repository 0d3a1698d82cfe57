"""The timeline on built sites: the page (parsed), its exports, the must-show items, and it in Chromium."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser

import floor
from docket.dates import parse_date
from helpers import REPO, build, make_site

TIMELINE_YAML = """\
- id: bulletin-appears
  date: 2020-01-03
  title: The Bulletin appears
  summary: A second test source is *published*.
  kind: release
  actors: [example-bulletin]
  cites:
    - source: example-bulletin-2020-01-03
      quote: A source without a byline.
- id: gazette-reports
  date: 2020-01-02
  title: The Gazette reports
  summary: The test article appears.
  kind: report
  actors: [example-gazette, example-bulletin]
  cites:
    - source: example-gazette-2020-01-02
      quote: The first paragraph of the test article.
    - source: example-bulletin-2020-01-03
      quote: It says so in a note.
    - url: https://example.org/elsewhere
      title: An outside page
      publisher: Example Elsewhere
      date: 2020-01-04
- id: earlier
  date: 2019-11-30
  end: 2019-12-01
  approximate: true
  title: Something earlier
  summary: Known only roughly.
  kind: statement
  actors: [example-gazette]
  cites:
    - url: https://example.org/earlier
      title: Earlier
"""
ACTORS_YAML = """\
- id: example-gazette
  name: Example Gazette
  kind: media
- id: example-bulletin
  name: Example Bulletin
  kind: media
"""


class Tree(HTMLParser):
    """Every element's tag, attributes and text (its own and its descendants'), in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], list[str]]] = []
        self._open: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}, []))
        if tag not in ("meta", "link", "br", "hr", "img", "input", "circle", "rect", "line"):
            self._open.append(len(self.elements) - 1)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}, []))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self.elements[self._open.pop()][0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for i in self._open:
            self.elements[i][2].append(data)

    def find(self, tag: str = "", **attrs: str) -> list[tuple[str, dict[str, str], str]]:
        """Elements by tag and attributes (class_ matches one class among several)."""
        out = []
        for t, a, text in self.elements:
            if tag and t != tag:
                continue
            if all((v in a.get("class", "").split()) if k == "class_" else a.get(k) == v for k, v in attrs.items()):
                out.append((t, a, " ".join("".join(text).split())))
        return out


def parse(path: Path) -> Tree:
    tree = Tree()
    tree.feed(path.read_text(encoding="utf-8"))
    return tree


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("timeline")
    root = make_site(tmp / "site", {"content/timeline.yaml": TIMELINE_YAML, "content/actors.yaml": ACTORS_YAML})
    result = build(root, tmp / "out", "--strict")
    assert (result.code, result.err) == (0, "")
    return tmp / "out"


def test_page_lists_events_in_date_order_grouped_by_month(scratch: Path) -> None:
    page = parse(scratch / "timeline.html")
    assert [a["id"] for _, a, _ in page.find("li", class_="tl-event")] == ["earlier", "gazette-reports", "bulletin-appears"]
    assert [text for _, _, text in page.find("h2")] == ["November 2019", "January 2020"]
    assert [a["datetime"] for _, a, _ in page.find("time")] == ["2019-11-30", "2019-12-01", "2020-01-02", "2020-01-03",
                                                                "2020-01-03"]    # the last: the footer's, the latest
    whens = [text for _, _, text in page.find("p", class_="tl-event__when")]
    assert whens == ["About 30 November – 1 December 2019 Statement", "2 January 2020 Report", "3 January 2020 Release"]
    assert [t for _, _, t in page.find("h3")] == ["Something earlier", "The Gazette reports", "The Bulletin appears"]
    assert ("nav", "Timeline") in [("nav", t) for _, a, t in page.find("a") if a.get("href") == "timeline.html"]


def test_event_shows_summary_actors_citations_and_its_support(scratch: Path) -> None:
    page = parse(scratch / "timeline.html")
    tags = [(t, a) for t, a, _ in page.find()]
    start = tags.index(("li", next(a for t, a in tags if a.get("id") == "gazette-reports")))
    end = tags.index(("li", next(a for t, a in tags if a.get("id") == "bulletin-appears")))
    inner = Tree()
    inner.elements = page.elements[start:end]
    assert inner.find("li")[0][1]["data-actors"] == "example-gazette example-bulletin"
    assert inner.find("li")[0][1]["data-kind"] == "report"
    assert [t for _, _, t in inner.find("div", class_="tl-event__summary")] == ["The test article appears."]
    assert [(a["href"], t) for _, a, t in inner.find("a") if a["href"].startswith("actors/")] == [
        ("actors/example-gazette.html", "Example Gazette"), ("actors/example-bulletin.html", "Example Bulletin")]
    cites = [(a["href"].split("#")[0], t) for _, a, t in inner.find("a") if "tl-cite" not in a.get("class", "")
             and (a["href"].startswith("sources/") or a["href"].startswith("https:"))]
    assert cites == [("sources/example-gazette-2020-01-02.html", "“The first paragraph of the test article.”"),
                     ("sources/example-bulletin-2020-01-03.html", "“It says so in a note.”"),
                     ("https://example.org/elsewhere", "An outside page")]
    assert [t for _, _, t in inner.find("p", class_="tl-event__support")] == ["Supported by 2 sources of this site."]
    assert "Example Elsewhere, 4 January 2020" in [t for _, _, t in inner.find("span", class_="meta-note")]


def test_each_quote_links_to_its_highlighted_passage(scratch: Path) -> None:
    page = parse(scratch / "timeline.html")
    hrefs = [a["href"] for _, a, _ in page.find("a") if a["href"].startswith("sources/") and "#" in a["href"]]
    assert len(hrefs) == 3
    for href in hrefs:
        path, anchor = href.split("#")
        marks = parse(scratch / path).find("mark", id=anchor)
        assert [(a["class"]) for _, a, _ in marks] == ["cite"], href
    quoted = parse(scratch / "sources/example-gazette-2020-01-02.html").find("mark", class_="cite")
    assert [t for _, _, t in quoted] == ["The first paragraph of the test article."]


def test_overview_links_to_every_event_and_filter_waits_for_script(scratch: Path) -> None:
    page = parse(scratch / "timeline.html")
    assert sorted(a["href"] for _, a, _ in page.find("a", class_="tl-mark")) == [
        "#bulletin-appears", "#earlier", "#gazette-reports"]
    form = page.find("form", id="tl-filter")[0][1]
    assert "hidden" in form
    assert [a["value"] for _, a, _ in page.find("option")] == ["", "example-bulletin", "example-gazette",
                                                              "", "release", "report", "statement"]
    scripts = {p.relative_to(scratch).as_posix(): [a.get("src") for _, a, _ in parse(p).find("script")]
               for p in scratch.rglob("*.html")}
    assert {name for name, src in scripts.items() if "static/timeline.js" in src} == {"timeline.html"}


def test_actor_pages_list_their_events(scratch: Path) -> None:
    gazette = parse(scratch / "actors/example-gazette.html")
    assert [(a["href"], t) for _, a, t in gazette.find("a") if "timeline.html#" in a["href"]] == [
        ("../timeline.html#earlier", "Something earlier"), ("../timeline.html#gazette-reports", "The Gazette reports")]


def test_events_json_has_every_field_and_the_sources(scratch: Path) -> None:
    events = json.loads((scratch / "data/events.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in events] == ["earlier", "gazette-reports", "bulletin-appears"]
    assert events[1] == {
        "id": "gazette-reports", "date": "2020-01-02", "end": None, "approximate": False,
        "display_date": "2 January 2020", "title": "The Gazette reports", "summary": "The test article appears.",
        "kind": "report", "actors": ["example-gazette", "example-bulletin"],
        "cites": [
            {"source": "example-gazette-2020-01-02", "quote": "The first paragraph of the test article.",
             "href": events[1]["cites"][0]["href"]},
            {"source": "example-bulletin-2020-01-03", "quote": "It says so in a note.",
             "href": events[1]["cites"][1]["href"]},
            {"url": "https://example.org/elsewhere", "title": "An outside page", "publisher": "Example Elsewhere",
             "date": "2020-01-04"}],
        "sources": ["example-gazette-2020-01-02", "example-bulletin-2020-01-03"],
        "url": "timeline.html#gazette-reports",
    }
    assert events[1]["cites"][0]["href"].startswith("sources/example-gazette-2020-01-02.html#q-")
    assert (events[0]["end"], events[0]["approximate"], events[0]["sources"]) == ("2019-12-01", True, [])


def test_timelinejs_json_splits_dates_and_keeps_ids_groups_and_precision(scratch: Path) -> None:
    data = json.loads((scratch / "data/timeline.json").read_text(encoding="utf-8"))
    assert data["title"]["text"]["headline"] == "Test site: timeline"
    first = data["events"][0]
    assert (first["unique_id"], first["group"], first["display_date"]) == ("earlier", "statement",
                                                                           "About 30 November – 1 December 2019")
    assert first["start_date"] == {"year": 2019, "month": 11, "day": 30, "display_date": "30 November 2019"}
    assert first["end_date"] == {"year": 2019, "month": 12, "day": 1, "display_date": "1 December 2019"}
    assert first["text"]["headline"] == "Something earlier"
    assert [e["unique_id"] for e in data["events"]] == ["earlier", "gazette-reports", "bulletin-appears"]
    assert "end_date" not in data["events"][1]
    assert 'href="sources/example-gazette-2020-01-02.html#q-' in data["events"][1]["text"]["text"]


def test_no_timeline_file_means_no_timeline_page(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    assert build(root, tmp_path / "out").code == 0
    assert not (tmp_path / "out/timeline.html").exists()
    assert not (tmp_path / "out/data/events.json").exists()


# --- The shipped site: the must-show items ---------------------------------------------------

MUST_SHOW_DAYS = ("2014-11-24", "2014-12-16", "2014-12-17", "2014-12-19", "2014-12-24", "2014-12-25", "2015-01-02")


def test_shipped_events_cover_the_must_show_days(built_site: Path) -> None:
    events = json.loads((built_site / "data/events.json").read_text(encoding="utf-8"))
    days = {e["date"][:10] for e in events}
    assert [d for d in MUST_SHOW_DAYS if d not in days] == []
    assert all(e["cites"] for e in events)


def test_shipped_quotes_link_to_existing_highlighted_anchors(built_site: Path) -> None:
    page = parse(built_site / "timeline.html")
    hrefs = [a["href"] for _, a, _ in page.find("a") if a["href"].startswith("sources/")]
    events = json.loads((built_site / "data/events.json").read_text(encoding="utf-8"))
    assert len(hrefs) == sum(1 for e in events for c in e["cites"] if "source" in c) > 0
    sources: dict[str, Tree] = {}
    for href in hrefs:
        path, anchor = href.split("#")
        tree = sources.setdefault(path, parse(built_site / path))
        assert [a.get("class") for _, a, _ in tree.find(id=anchor)] == ["cite"], href
        assert tree.find(id=anchor)[0][0] == "mark", href


def test_shipped_timeline_is_in_date_order(built_site: Path) -> None:
    page = parse(built_site / "timeline.html")
    starts: list[tuple[str, str]] = []          # (event id, datetime of its first <time>)
    for tag, attrs, _ in page.elements:
        if tag == "li" and "tl-event" in attrs.get("class", "").split():
            starts.append((attrs["id"], ""))
        elif tag == "time" and starts and not starts[-1][1]:
            starts[-1] = (starts[-1][0], attrs["datetime"])
    keys = [parse_date(when)[0] for _, when in starts]
    assert None not in keys
    assert keys == sorted(keys)                 # PartialDate sorts chronologically
    events = json.loads((built_site / "data/events.json").read_text(encoding="utf-8"))
    assert [event_id for event_id, _ in starts] == [e["id"] for e in events]


# --- In Chromium -----------------------------------------------------------------------------------

def _visible_events(page: object) -> list[str]:
    return page.evaluate(  # type: ignore[attr-defined]
        "() => [...document.querySelectorAll('.tl-event')].filter(e => e.offsetParent !== null).map(e => e.id)")


def test_without_javascript_every_event_shows_and_no_filter(chromium_browser: Browser, built_site: Path) -> None:
    context = chromium_browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(floor.file_url(built_site / "timeline.html") + "#actor=fbi")
        events = json.loads((built_site / "data/events.json").read_text(encoding="utf-8"))
        assert _visible_events(page) == [e["id"] for e in events]
        assert not page.locator("#tl-filter").is_visible()
    finally:
        context.close()


def test_filter_by_actor_and_kind_lives_in_the_address(chromium_browser: Browser, built_site: Path) -> None:
    events = json.loads((built_site / "data/events.json").read_text(encoding="utf-8"))
    context = floor.new_context(chromium_browser)
    try:
        page = context.new_page()
        seen = floor.watch(page, built_site, "timeline.html")
        page.goto(floor.file_url(built_site / "timeline.html") + "#actor=barack-obama&kind=statement")
        want = [e["id"] for e in events if "barack-obama" in e["actors"] and e["kind"] == "statement"]
        assert len(want) >= 2
        assert _visible_events(page) == want
        assert page.locator("#tl-actor").input_value() == "barack-obama"
        assert page.locator("#tl-status").text_content() == (
            f"Showing {len(want)} of {len(events)} events (Barack Obama, statement).")
        assert page.locator("a.tl-mark--off").count() == len(events) - len(want)

        page.select_option("#tl-kind", "sanction")
        assert _visible_events(page) == [e["id"] for e in events
                                          if "barack-obama" in e["actors"] and e["kind"] == "sanction"]
        assert page.url.endswith("timeline.html#actor=barack-obama&kind=sanction")
        months = page.evaluate("() => [...document.querySelectorAll('.tl-month')].filter(m => !m.hidden).length")
        assert months == 1

        hidden = next(e["id"] for e in events if e["kind"] != "sanction")
        page.click(f'a.tl-mark[data-event="{hidden}"]')            # a dimmed mark clears the filter, then goes
        assert _visible_events(page) == [e["id"] for e in events]
        assert page.url.endswith(f"timeline.html#{hidden}")

        page.select_option("#tl-actor", "fbi")
        page.click("#tl-clear")
        assert _visible_events(page) == [e["id"] for e in events]
        assert page.url.endswith("timeline.html")

        page.goto(floor.file_url(built_site / "timeline.html") + "?kind=release")     # a shared query works too
        assert _visible_events(page) == [e["id"] for e in events if e["kind"] == "release"]
        assert seen.errors == [] and seen.outside == []
    finally:
        context.close()


TIMELINEJS = REPO / "tests/node_modules/@knight-lab/timelinejs/dist"
LOAD_JS = """(data) => new Promise((resolve, reject) => {
  const timeline = new TL.Timeline('timeline-embed', data, {hash_bookmark: false, font: null});
  timeline.on('loaded', () => resolve(timeline._storyslider._slides.map(s => s.data.unique_id)));
  setTimeout(() => reject(new Error('TimelineJS did not load')), 10000);
})"""


def test_timelinejs_loads_the_export_one_slide_per_event_plus_title(chromium_browser: Browser, built_site: Path,
                                                                      tmp_path: Path) -> None:
    if not (TIMELINEJS / "js/timeline.js").is_file():
        pytest.fail("tests/node_modules lacks @knight-lab/timelinejs: run make test-deps", pytrace=False)
    embed = tmp_path / "embed.html"
    embed.write_text(f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title>
<link rel="stylesheet" href="{(TIMELINEJS / 'css/timeline.css').as_uri()}">
<script src="{(TIMELINEJS / 'js/timeline.js').as_uri()}"></script></head>
<body><div id="timeline-embed" style="width: 900px; height: 600px"></div></body></html>""", encoding="utf-8")
    data = json.loads((built_site / "data/timeline.json").read_text(encoding="utf-8"))
    events = json.loads((built_site / "data/events.json").read_text(encoding="utf-8"))
    context = floor.new_context(chromium_browser)
    try:
        page = context.new_page()
        seen = floor.watch(page, tmp_path, "embed.html")
        page.goto(embed.as_uri())
        slides = page.evaluate(LOAD_JS, data)
        assert len(slides) == len(events) + 1
        assert slides[1:] == [e["id"] for e in events]
        assert page.locator(".tl-slide").count() == len(events) + 1
        assert seen.errors == [] and seen.outside == []
    finally:
        context.close()
