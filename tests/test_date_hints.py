"""`check` notes dates the sources name that no timeline event covers, weekdays resolved from publication."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from docket.date_hints import covers, find_dates, note_uncovered_dates
from docket.dates import parse_date
from docket.diagnostics import Diagnostics
from docket.model import Event, Source
from docket.packed import PackedText
from helpers import build, check, make_site, sha256

WEDNESDAY = dt.date(2014, 12, 17)


def found(text: str, published: dt.date = WEDNESDAY) -> list[tuple[str, str, bool]]:
    return [(m.words, m.date.iso(), m.inferred) for m in find_dates(text, published)]


@pytest.mark.parametrize("text, date", [
    ("threats levied on Tuesday", "2014-12-16"),          # the example
    ("Sony on Wednesday canceled", "2014-12-17"),         # the publication day itself
    ("a statement on Thursday", "2014-12-11"),            # the latest Thursday before
    ("as she said yesterday", "2014-12-16"),
    ("Today Sony canceled", "2014-12-17"),
])
def test_relative_days_resolve_against_the_publication_date(text: str, date: str) -> None:
    assert [d for _, d, inferred in found(text) if inferred] == [date]


@pytest.mark.parametrize("text, words, date, inferred", [
    ("released on Dec. 25, “the world", "Dec. 25", "2014-12-25", True),
    ("the attacks of September 11, 2001.", "September 11, 2001", "2001-09-11", False),
    ("Remember the 11th of September 2001.", "11th of September 2001", "2001-09-11", False),
    ("on 2 January 2015 the order", "2 January 2015", "2015-01-02", False),
    ("since September 2001", "September 2001", "2001-09", False),
    ("Sept. 6", "Sept. 6", "2014-09-06", True),
])
def test_written_dates(text: str, words: str, date: str, inferred: bool) -> None:
    assert found(text) == [(words, date, inferred)]


@pytest.mark.parametrize("text", ["USA Today reported", "February 30 is no day", "May we", "the 25 theaters"])
def test_what_is_not_a_date(text: str) -> None:
    assert found(text) == []


def event(date: str, end: str = "") -> Event:
    return Event(id="e", path="content/timeline.yaml", line=1, date=date, end=end, title="T", kind="report")


@pytest.mark.parametrize("start, end, day, yes", [
    ("2014-12-17", "", "2014-12-17", True),
    ("2014-12-17", "", "2014-12-16", False),
    ("2014-12-16", "2014-12-17", "2014-12-17", True),
    ("2014-12", "", "2014-12-25", True),                   # a month-long event covers its days
    ("2014-12-17", "", "2014-12", True),                   # a day covers a mention of its month
    ("2014", "", "2014-09-11", True),
    ("2014-12-22T16:15Z", "", "2014-12-22", True),
])
def test_covers(start: str, end: str, day: str, yes: bool) -> None:
    date = parse_date(day)[0]
    assert date is not None
    assert covers(event(start, end), date) is yes


def source(body: str) -> Source:
    return Source(id="s", path="content/sources/s.md", headline="H", outlet="O", published="2014-12-17", url="",
                  seed="s.txt", sha256="", packed_body=PackedText.of(body), body_line=10)


def test_one_note_per_uncovered_date_at_its_first_line() -> None:
    diags = Diagnostics()
    body = "It began on Tuesday.\n\nOn Wednesday, the [premiere]{@sony} went.\n\nAgain on Tuesday, and on Dec. 25.\n"
    note_uncovered_dates([source(body)], (event("2014-12-17"),), diags)
    assert [d.format() for d in diags.sorted()] == [
        "content/sources/s.md:10: note: 'Tuesday' is 16 December 2014 (reckoned from the publication date, "
        "17 December 2014); no timeline event covers that date "
        "(if something happened then, add an event to content/timeline.yaml)",
        "content/sources/s.md:14: note: 'Dec. 25' is 25 December 2014 (reckoned from the publication date, "
        "17 December 2014); no timeline event covers that date "
        "(if something happened then, add an event to content/timeline.yaml)",
    ]


def test_no_timeline_means_no_date_notes() -> None:
    diags = Diagnostics()
    note_uncovered_dates([source("On Tuesday.")], (), diags)
    assert diags.items == []


SEED = "A dated test headline\n\nIt happened on Friday, the post says.\n"
POST = f"""\
---
headline: A dated test headline
outlet: Example Post
byline: Test Writer
published: 2020-01-06
url: https://example.org/post
seed: example-post-2020-01-06.txt
sha256: {sha256(SEED)}
---

It happened on Friday, the post says {{++on Sunday++}}.
"""


def test_check_prints_the_notes_and_build_does_not(tmp_path: Path) -> None:
    timeline = ("- id: e\n  date: 2020-01-02\n  title: T\n  summary: S\n  kind: report\n"
                "  cites: [{url: 'https://example.org/', title: X}]\n")
    root = make_site(tmp_path / "site", {"content/timeline.yaml": timeline, "seeds/example-post-2020-01-06.txt": SEED,
                                         "content/sources/example-post-2020-01-06.md": POST})
    result = check(root)
    assert result.code == 0
    notes = [line for line in result.err_lines if "timeline event" in line]
    assert notes == ["content/sources/example-post-2020-01-06.md:11: note: 'Friday' is 3 January 2020 (reckoned from "
                     "the publication date, 6 January 2020); no timeline event covers that date (if something "
                     "happened then, add an event to content/timeline.yaml)"]     # not the editor's 'Sunday'
    built = build(root, tmp_path / "out")
    assert (built.code, built.err) == (0, "")
