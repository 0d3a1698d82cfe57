"""content/timeline.yaml: what loads, the exact diagnostics, and the date arithmetic the page relies on."""

from __future__ import annotations

from pathlib import Path

import pytest

from docket.content.timeline import ends_before, load_timeline, parse_timeline
from docket.dates import parse_date
from docket.diagnostics import Diagnostics
from docket.model import Citation, Event
from docket.timeline_pages import chronological, display_date, month_anchor, month_label, source_ids
from docket.timeline_svg import overview_svg
from helpers import FIXTURES

REL = "content/timeline.yaml"


def load(text: str) -> tuple[tuple[Event, ...], list[str]]:
    diags = Diagnostics()
    events = parse_timeline(text, REL, diags)
    return events, [d.format() for d in diags.sorted()]


def event(**fields: object) -> Event:
    base: dict[str, object] = {"id": "e", "path": REL, "line": 1, "date": "2014-12-17", "title": "T", "kind": "report"}
    base.update(fields)
    return Event(**base)  # type: ignore[arg-type]


def test_missing_file_is_no_timeline(tmp_path: Path) -> None:
    diags = Diagnostics()
    assert load_timeline(tmp_path, diags) == ()
    assert diags.items == []


def test_full_event_loads_every_field() -> None:
    events, diags = load("""\
- id: premiere-cancelled
  date: 2014-12-16
  end: 2014-12-17
  approximate: true
  title: The  premiere is cancelled
  kind: decision
  summary: |
    Reports *differ*.
  actors: [sony-pictures, carmike]
  cites:
    - source: readwrite-2014-12-17
      quote: Sony Pictures canned the premiere
    - url: https://example.org/report
      title: A report
      publisher: Example
      date: 2014-12-17
""")
    assert diags == []
    assert events == (Event(
        id="premiere-cancelled", path=REL, line=1, date="2014-12-16", end="2014-12-17", approximate=True,
        title="The premiere is cancelled", kind="decision", summary="Reports *differ*.",
        actors=("sony-pictures", "carmike"), actor_lines=(9, 9),
        cites=(Citation(REL, 12, source="readwrite-2014-12-17", quote="Sony Pictures canned the premiere"),
               Citation(REL, 13, url="https://example.org/report", title="A report", publisher="Example",
                        date="2014-12-17"))),)


@pytest.mark.parametrize("written, stored", [
    ("2014", "2014"), ("2014-12", "2014-12"), ("2014-12-17", "2014-12-17"),
    ("2014-12-22T16:15Z", "2014-12-22T16:15Z"), ("'2014-12-17T10:00-0800'", "2014-12-17T10:00-08:00"),
])
def test_dates_keep_their_precision(written: str, stored: str) -> None:
    events, diags = load(f"- id: e\n  date: {written}\n  title: T\n  summary: S\n  kind: report\n"
                         "  cites: [{url: 'https://example.org/', title: X}]\n")
    assert diags == []
    assert [e.date for e in events] == [stored]


def test_every_broken_event_is_reported_and_the_good_ones_kept() -> None:
    events, diags = load("""\
- id: good
  date: 2014-12-17
  title: Good
  summary: S
  kind: report
  cites: [{url: 'https://example.org/', title: X}]
- id: bad
  date: 2014-12-32
  title: Bad
  summary: S
  kind: reprot
  cites: []
- just text
""")
    assert [e.id for e in events] == ["good"]
    assert diags == [
        "content/timeline.yaml:8: error: bad date in 'date': '2014-12-32' is not a real date: day is out of range "
        "for month (write 2014, 2014-12, 2014-12-17 or 2014-12-17T10:00-08:00)",
        "content/timeline.yaml:11: error: unknown event kind 'reprot' (did you mean 'report'?)",
        "content/timeline.yaml:12: error: event 'bad' cites nothing (add at least one citation: '- source: <id>' "
        "with 'quote:', or '- url: ...' with 'title:')",
        "content/timeline.yaml:13: error: an event must be a mapping of 'key: value' lines, not text "
        "(see the README's content guide for the format)",
    ]


@pytest.mark.parametrize("start, end, before", [
    ("2014-12-17", "2014-12-16", True),
    ("2014-12-17", "2014-12-17", False),
    ("2014-12-16", "2014-12", False),          # the month holds the day
    ("2014-12", "2014-11-30", True),
    ("2014", "2014-01-01", False),
    ("2015-01-02", "2014", True),
    ("2014-12-22T10:00-08:00", "2014-12-22T17:00Z", True),   # 09:00 in Los Angeles
    ("2014-12-22T10:00-08:00", "2014-12-22T19:00+01:00", False),
    ("2014-12-22T10:00Z", "2014-12-22", False),
])
def test_ends_before_compares_at_the_common_precision(start: str, end: str, before: bool) -> None:
    a, b = parse_date(start)[0], parse_date(end)[0]
    assert a is not None and b is not None
    assert ends_before(a, b) is before


def test_chronological_by_date_then_file_order() -> None:
    events = (event(id="late", date="2015-01-02"), event(id="b", date="2014-12-17"), event(id="month", date="2014-12"),
              event(id="a", date="2014-12-17"), event(id="year", date="2014"))
    assert [e.id for e in chronological(events)] == ["year", "month", "b", "a", "late"]


@pytest.mark.parametrize("fields, text", [
    ({"date": "2014-12-17"}, "17 December 2014"),
    ({"date": "2014-11-27", "approximate": True}, "About 27 November 2014"),
    ({"date": "2014-12-16", "end": "2014-12-17"}, "16–17 December 2014"),
    ({"date": "2014-11-30", "end": "2014-12-02"}, "30 November – 2 December 2014"),
    ({"date": "2014-12", "end": "2015-01"}, "December 2014 – January 2015"),
    ({"date": "2014"}, "2014"),
    ({"date": "2014-12-22T16:15Z"}, "22 December 2014, 16:15 UTC"),
])
def test_display_date_honours_precision(fields: dict[str, object], text: str) -> None:
    assert display_date(event(**fields)) == text


def test_month_groups_are_named_and_anchored() -> None:
    assert (month_label((2014, 12)), month_anchor((2014, 12))) == ("December 2014", "month-2014-12")
    assert (month_label((2014, 0)), month_anchor((2014, 0))) == ("2014", "month-2014")


def test_source_ids_are_distinct_and_ignore_outside_references() -> None:
    e = event(cites=(Citation(REL, 1, source="b", quote="x"), Citation(REL, 2, url="https://example.org/", title="t"),
                     Citation(REL, 3, source="a", quote="y"), Citation(REL, 4, source="b", quote="z")))
    assert source_ids(e) == ["b", "a"]


def test_overview_has_one_linked_mark_per_event_and_names_the_gap() -> None:
    events = [event(id="one", date="2014-11-24"), event(id="two", date="2014-12-16", end="2014-12-17"),
              event(id="three", date="2014-12-17"), event(id="four", date="2018-09-06", approximate=True)]
    svg = overview_svg(events, {e.id: display_date(e) for e in events})
    for e in events:
        assert svg.count(f'href="#{e.id}"') == 1
    assert svg.count("<circle") == 3 and svg.count("<rect") == 1      # the two-day event is a bar
    assert "… 3 years 9 months later" in svg
    assert 'class="tl-mark tl-mark--report tl-mark--approx"' in svg
    assert 'aria-label="16–17 December 2014: T"' in svg


TIMELINE_FIXTURES = ("timeline-bad-date", "timeline-bad-date-word", "timeline-time-without-zone",
                     "timeline-end-before-start", "timeline-unknown-actor", "timeline-missing-cites",
                     "timeline-empty-cites", "timeline-quote-not-found", "timeline-unknown-source",
                     "timeline-duplicate-id", "timeline-unknown-key", "timeline-unknown-kind", "timeline-bad-id",
                     "timeline-reserved-id", "timeline-missing-title", "timeline-not-a-list",
                     "timeline-approximate-not-bool")


def test_each_timeline_diagnostic_has_an_invalid_fixture() -> None:
    """tests/test_invalid.py runs them; this keeps one per message from disappearing."""
    for name in TIMELINE_FIXTURES:
        assert (FIXTURES / "invalid" / name / "content" / "timeline.yaml").is_file(), name
