"""Dates as editors write them: 2014, 2014-12, 2014-12-17, or with a time and zone."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

FORMS = "write 2014, 2014-12, 2014-12-17 or 2014-12-17T10:00-08:00"
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?)?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to a year, a month, a day or a minute; sorts chronologically."""

    year: int
    month: int = 0
    day: int = 0
    hour: int = -1
    minute: int = 0
    second: int = 0
    zone: str = ""

    @property
    def precision(self) -> str:
        if self.hour >= 0:
            return "time"
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """The value for <time datetime>: as precise as known, never more."""
        if not self.month:
            return f"{self.year:04d}"
        if not self.day:
            return f"{self.year:04d}-{self.month:02d}"
        text = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.hour >= 0:
            text += f"T{self.hour:02d}:{self.minute:02d}"
            if self.second:
                text += f":{self.second:02d}"
            text += self.zone
        return text

    def sort_key(self) -> tuple[int, int, int, int, int, int]:
        return (self.year, self.month, self.day, self.hour, self.minute, self.second)

    def human(self) -> str:
        """'17 December 2014', 'December 2014', '2014', or with the time."""
        if not self.month:
            return str(self.year)
        month = dt.date(2000, self.month, 1).strftime("%B")
        if not self.day:
            return f"{month} {self.year}"
        text = f"{self.day} {month} {self.year}"
        if self.hour >= 0:
            text += f", {self.hour:02d}:{self.minute:02d}"
            if self.zone:
                text += f" (UTC{self.zone})" if self.zone != "Z" else " UTC"
        return text


def parse_date(value: object) -> tuple[PartialDate | None, str]:
    """(date, '') or (None, why it is not a date)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None, "a date must be written like 2014-12-17"
    m = _DATE_RE.match(value.strip())
    if not m:
        return None, f"'{value}' is not a date ({FORMS})"
    year, month, day, hour, minute, second, zone = m.groups()
    try:
        if day:
            dt.date(int(year), int(month), int(day))
        elif month and not 1 <= int(month) <= 12:
            raise ValueError("month must be in 1..12")
        if hour and not (0 <= int(hour) < 24 and 0 <= int(minute) < 60 and 0 <= int(second or 0) < 60):
            raise ValueError("time is out of range")
    except ValueError as exc:
        return None, f"'{value}' is not a real date: {exc}"
    if zone and zone != "Z" and ":" not in zone:
        zone = zone[:3] + ":" + zone[3:]
    return PartialDate(int(year), int(month or 0), int(day or 0), int(hour) if hour else -1,
                       int(minute or 0), int(second or 0), zone or ""), ""


def parse_day(value: object) -> tuple[PartialDate | None, str]:
    """(date, '') for a day written YYYY-MM-DD, or (None, why not): a year, a month or a time is refused."""
    date, why = parse_date(value)
    if date is not None and date.precision != "day":
        return None, (f"'{value}' gives a time; the day alone is wanted" if date.precision == "time"
                      else f"'{value}' gives only the {date.precision}")
    return date, why.removesuffix(f" ({FORMS})")
