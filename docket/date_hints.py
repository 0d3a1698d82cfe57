"""Editor help for `check`: dates the sources mention that no timeline event covers."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterable

from .dates import PartialDate, parse_date
from .diagnostics import Diagnostics
from .markup import INSERTION_RE
from .mentions import strip_markers
from .model import Event, Source

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted((re.escape(m.capitalize()) for m in _MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_PATTERNS = (
    re.compile(rf"\b{_MONTH} {_DAY}(?:, {_YEAR})?\b"),                    # December 25, 2014 / Dec. 25
    re.compile(rf"\b{_DAY} (?:of )?{_MONTH}(?: {_YEAR})?\b"),              # 25 December 2014 / 11th of September 2001
    re.compile(rf"\b{_MONTH} {_YEAR}\b"),                                # September 2001
    re.compile(r"\b(?P<weekday>" + "|".join(calendar.day_name) + r")\b"),   # on Tuesday
    # 'today' and 'yesterday', capitalised only at a sentence's start (not 'USA Today')
    re.compile(r"(?P<relative>(?:^|(?<=[.!?] )|(?<=[.!?][”\"] ))(?:Yesterday|Today)\b|\b(?:yesterday|today)\b)", re.M),
)


@dataclass(frozen=True)
class DateMention:
    """A date a source's text names, resolved to the calendar."""

    words: str                  # as the source writes it
    offset: int                 # in the text searched
    date: PartialDate
    inferred: bool              # resolved against the publication date (a weekday, 'yesterday', a missing year)


def find_dates(text: str, published: dt.date) -> list[DateMention]:
    """Every date named in text, in order; weekdays are the latest such day on or before publication."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            mention = _resolve(m, published)
            if mention is not None:
                found.append(mention)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.offset)


def _resolve(m: re.Match[str], published: dt.date) -> DateMention | None:
    groups = m.groupdict()
    if groups.get("weekday"):
        back = (published.weekday() - _WEEKDAYS[groups["weekday"].lower()]) % 7
        return _mention(m, published - dt.timedelta(days=back), True)
    if groups.get("relative"):
        return _mention(m, published - dt.timedelta(days=groups["relative"].lower() == "yesterday"), True)
    month = _MONTHS[groups["month"].lower()]
    year = int(groups["year"]) if groups.get("year") else published.year
    if not groups.get("day"):
        return DateMention(m.group(0), m.start(), PartialDate(year, month), False)
    try:
        day = dt.date(year, month, int(groups["day"]))
    except ValueError:
        return None
    return _mention(m, day, not groups.get("year"))


def _mention(m: re.Match[str], day: dt.date, inferred: bool) -> DateMention:
    return DateMention(m.group(0), m.start(), PartialDate(day.year, day.month, day.day), inferred)


def covers(event: Event, date: PartialDate) -> bool:
    """Whether the event's span (start to end, each at its own precision) includes the date."""
    start = parse_date(event.date)[0]
    end = parse_date(event.end)[0] if event.end else start
    assert start is not None and end is not None
    depth = 2 if not date.day else 3
    return _first(start, depth) <= date.sort_key()[:depth] <= _last(end, depth)


def _first(d: PartialDate, depth: int) -> tuple[int, ...]:
    return (d.year, d.month or 1, d.day or 1)[:depth]


def _last(d: PartialDate, depth: int) -> tuple[int, ...]:
    month = d.month or 12
    return (d.year, month, d.day or calendar.monthrange(d.year, month)[1])[:depth]


def note_uncovered_dates(sources: Iterable[Source], events: tuple[Event, ...], diags: Diagnostics) -> None:
    """One note per date and source, at its first mention; nothing when the site has no timeline."""
    if not events:
        return
    for source in sources:
        published = parse_date(source.published)[0]
        if published is None or not published.day:
            continue
        text, _ = strip_markers(source.body)
        text = INSERTION_RE.sub(lambda m: re.sub(r"\S", " ", m.group(0)), text)     # the editor's words, not the source's
        seen: set[PartialDate] = set()
        for mention in find_dates(text, dt.date(published.year, published.month, published.day)):
            if mention.date in seen or any(covers(e, mention.date) for e in events):
                continue
            seen.add(mention.date)
            line = source.body_line + text.count("\n", 0, mention.offset)
            how = f" (reckoned from the publication date, {published.human()})" if mention.inferred else ""
            diags.note(source.path, line, f"'{mention.words}' is {mention.date.human()}{how}; no timeline event "
                       "covers that date", "if something happened then, add an event to content/timeline.yaml")
