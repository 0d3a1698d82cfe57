"""The timeline's overview: one row per month that has events, a mark per event, drawn as inline SVG."""

from __future__ import annotations

import calendar
import html
from dataclasses import dataclass

from .dates import PartialDate, parse_date
from .model import Event

WIDTH = 420                 # viewBox units; the figure scales to its column
LABEL_W = 64                # month names on the left
PLOT_X, PLOT_W = 70, 340
STEP = 12                   # vertical distance between stacked marks
R = 4.5


@dataclass(frozen=True)
class _Row:
    key: tuple[int, int]    # (year, month); month 0 for a row of a whole year
    slots: int              # days in the month, or 12 months for a year row

    @property
    def label(self) -> str:
        year, month = self.key
        return f"{calendar.month_abbr[month]} {year}" if month else str(year)


def _date(text: str) -> PartialDate:
    d, _ = parse_date(text)
    assert d is not None, text
    return d


def _slot(row: _Row, d: PartialDate) -> int | None:
    """Where a date falls in a row (0-based day, or month in a year row); None if not known that precisely."""
    unit = d.day if row.key[1] else d.month
    return unit - 1 if unit else None


def _slot_range(row: _Row, event: Event) -> tuple[int, int]:
    """First and last slot of the row the event covers; a vaguer date covers the whole row."""
    first = _slot(row, _date(event.date))
    if first is None:
        return 0, row.slots - 1
    last = first
    if event.end:
        end = _date(event.end)
        end_key = (end.year, end.month if row.key[1] else 0)
        if end_key > row.key:
            last = row.slots - 1
        elif end_key == row.key:
            at = _slot(row, end)
            last = max(first, row.slots - 1 if at is None else at)
    return first, last


def _months_between(a: tuple[int, int], b: tuple[int, int]) -> int:
    return (b[0] - a[0]) * 12 + (b[1] - a[1])


def _gap_text(months: int) -> str:
    years, rest = divmod(months, 12)
    parts = ([f"{years} year{'s' if years != 1 else ''}"] if years else []) + \
            ([f"{rest} month{'s' if rest != 1 else ''}"] if rest else [])
    return " ".join(parts) + " later"


def overview_svg(events: list[Event], dates: dict[str, str]) -> str:
    """Events (already in date order) as marks on month rows; each mark links to its event."""
    rows: list[_Row] = []
    placed: dict[tuple[int, int], list[tuple[Event, int, int, int]]] = {}
    for e in events:
        d = _date(e.date)
        key = (d.year, d.month)
        if not rows or rows[-1].key != key:
            rows.append(_Row(key, calendar.monthrange(d.year, d.month)[1] if d.month else 12))
            placed[key] = []
        row = rows[-1]
        first, last = _slot_range(row, e)
        level = 0
        while any(lv == level and not (last < f or l < first) for _, f, l, lv in placed[key]):
            level += 1
        placed[key].append((e, first, last, level))

    parts: list[str] = []
    y = 0
    previous: tuple[int, int] | None = None
    for row in rows:
        if previous is not None and not (previous[1] and row.key[1] and _months_between(previous, row.key) == 1):
            y += 16
            gap = _gap_text(_months_between(previous, row.key)) if previous[1] and row.key[1] else "later"
            parts.append(f'<text class="tl-ov__gap" x="{PLOT_X}" y="{y}">… {gap}</text>')
        previous = row.key
        levels = 1 + max(lv for _, _, _, lv in placed[row.key])
        base = y + 10 + levels * STEP
        slot = PLOT_W / row.slots
        parts.append(f'<text class="tl-ov__label" x="0" y="{base}">{row.label}</text>')
        parts.append(f'<line class="tl-ov__axis" x1="{PLOT_X}" y1="{base + 2}" x2="{PLOT_X + PLOT_W}" y2="{base + 2}"/>')
        ticks = (1, 10, 20, row.slots) if row.key[1] else (1, 6, 12)
        for t in ticks:
            x = PLOT_X + (t - 0.5) * slot
            label = str(t) if row.key[1] else calendar.month_abbr[t]
            parts.append(f'<text class="tl-ov__tick" x="{x:.1f}" y="{base + 15}" text-anchor="middle">{label}</text>')
        for e, first, last, level in placed[row.key]:
            cy = base - 4 - level * STEP
            x1, x2 = PLOT_X + (first + 0.5) * slot, PLOT_X + (last + 0.5) * slot
            name = html.escape(f"{dates[e.id]}: {e.title}")
            classes = f"tl-mark tl-mark--{e.kind}" + (" tl-mark--approx" if e.approximate else "")
            if last > first:
                shape = (f'<rect x="{x1 - R:.1f}" y="{cy - R:.1f}" width="{x2 - x1 + 2 * R:.1f}" height="{2 * R}" '
                         f'rx="{R}"/>')
            else:
                shape = f'<circle cx="{x1:.1f}" cy="{cy:.1f}" r="{R}"/>'
            parts.append(f'<a class="{classes}" href="#{e.id}" data-event="{e.id}" aria-label="{name}">'
                         f'<title>{name}</title>{shape}</a>')
        y = base + 20
    height = y + 2
    return (f'<svg class="tl-ov" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
            f'role="group" aria-label="Overview: where the events fall, one row per month">'
            + "".join(parts) + "</svg>")
