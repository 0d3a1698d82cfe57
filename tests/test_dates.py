"""Dates as editors write them: parsed exactly, never made more precise than written."""

from __future__ import annotations

import pytest

from docket.dates import PartialDate, parse_date


@pytest.mark.parametrize("text, iso, precision, human", [
    ("2014", "2014", "year", "2014"),
    (2014, "2014", "year", "2014"),
    ("2014-12", "2014-12", "month", "December 2014"),
    ("2014-12-17", "2014-12-17", "day", "17 December 2014"),
    (" 2014-12-17 ", "2014-12-17", "day", "17 December 2014"),
    ("2014-02-28", "2014-02-28", "day", "28 February 2014"),
    ("2016-02-29", "2016-02-29", "day", "29 February 2016"),
    ("2014-12-17T10:00", "2014-12-17T10:00", "time", "17 December 2014, 10:00"),
    ("2014-12-17 10:00", "2014-12-17T10:00", "time", "17 December 2014, 10:00"),
    ("2014-12-17T10:00-08:00", "2014-12-17T10:00-08:00", "time", "17 December 2014, 10:00 (UTC-08:00)"),
    ("2014-12-17T10:00+0100", "2014-12-17T10:00+01:00", "time", "17 December 2014, 10:00 (UTC+01:00)"),
    ("2014-12-17T23:59:30Z", "2014-12-17T23:59:30Z", "time", "17 December 2014, 23:59 UTC"),
    ("2014-12-17T00:00", "2014-12-17T00:00", "time", "17 December 2014, 00:00"),
])
def test_valid_dates(text: object, iso: str, precision: str, human: str) -> None:
    date, why = parse_date(text)
    assert why == ""
    assert date is not None
    assert (date.iso(), date.precision, date.human()) == (iso, precision, human)


@pytest.mark.parametrize("value, why", [
    ("2014-02-30", "'2014-02-30' is not a real date: day is out of range for month"),
    ("2015-02-29", "'2015-02-29' is not a real date: day is out of range for month"),
    ("2014-13", "'2014-13' is not a real date: month must be in 1..12"),
    ("2014-00", "'2014-00' is not a real date: month must be in 1..12"),
    ("2014-12-17T24:00", "'2014-12-17T24:00' is not a real date: time is out of range"),
    ("2014-12-17T10:60", "'2014-12-17T10:60' is not a real date: time is out of range"),
    ("yesterday", "'yesterday' is not a date (write 2014, 2014-12, 2014-12-17 or 2014-12-17T10:00-08:00)"),
    ("17/12/2014", "'17/12/2014' is not a date (write 2014, 2014-12, 2014-12-17 or 2014-12-17T10:00-08:00)"),
    ("2014-12-7", "'2014-12-7' is not a date (write 2014, 2014-12, 2014-12-17 or 2014-12-17T10:00-08:00)"),
    ("", "'' is not a date (write 2014, 2014-12, 2014-12-17 or 2014-12-17T10:00-08:00)"),
    (None, "a date must be written like 2014-12-17"),
    (True, "a date must be written like 2014-12-17"),
    (2014.5, "a date must be written like 2014-12-17"),
    (["2014"], "a date must be written like 2014-12-17"),
])
def test_invalid_dates(value: object, why: str) -> None:
    assert parse_date(value) == (None, why)


def test_partial_dates_sort_chronologically_less_precise_first() -> None:
    texts = ["2014-12-17T10:00", "2015", "2014-12-17", "2014", "2014-12", "2014-12-16T23:00", "2014-11-30"]
    dates = [parse_date(t)[0] for t in texts]
    assert all(d is not None for d in dates)
    ordered = sorted(dates, key=lambda d: d.sort_key())   # type: ignore[union-attr]
    assert [d.iso() for d in ordered] == ["2014", "2014-11-30", "2014-12", "2014-12-16T23:00", "2014-12-17",
                                          "2014-12-17T10:00", "2015"]
    assert sorted(dates) == ordered   # the dataclass order agrees


def test_record_is_frozen() -> None:
    date = PartialDate(2014, 12, 17)
    with pytest.raises(AttributeError):
        date.year = 2015  # type: ignore[misc]
