"""content/timeline.yaml -> Event records: dated, cited, with their actors (anchored later, in link)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..dates import FORMS, PartialDate, parse_date
from ..diagnostics import Diagnostics, did_you_mean
from ..fields import Field, as_str_list, check_mapping, value_type_name
from ..ids import ID_RE, slugify
from ..model import Event
from ..yamlread import YamlList, YamlMap, parse, read_text
from .citations import load_cites

PATH = "content/timeline.yaml"
KINDS = ("attack", "leak", "threat", "statement", "decision", "report", "release", "outage", "sanction", "charge")
FIELDS = (
    Field("id", required=True), Field("date", (str, int), required=True), Field("end", (str, int)),
    Field("approximate", (bool,)), Field("title", required=True), Field("summary", required=True),
    Field("kind", required=True), Field("actors", (list,)), Field("cites", (list,)),
)
# Ids the timeline page uses for itself; an event's id is its anchor on that page.
RESERVED_PREFIXES = ("month-", "tl-")
RESERVED = frozenset({"main", "overview", "events"})


def load_timeline(root: Path, diags: Diagnostics) -> tuple[Event, ...]:
    """The events of content/timeline.yaml in file order; a missing file means no timeline."""
    path = root / PATH
    if not path.exists():
        return ()
    text = read_text(path, PATH, diags)
    return parse_timeline(text, PATH, diags) if text is not None else ()


def parse_timeline(text: str, rel: str, diags: Diagnostics) -> tuple[Event, ...]:
    """Validate timeline YAML text; every problem is reported, every usable event kept."""
    data = parse(text, rel, diags)
    if data is None:
        return ()
    if not isinstance(data, YamlList):
        diags.error(rel, getattr(data, "line", 1), f"the timeline must be a list of events, not {value_type_name(data)}",
                    "start each event with '- id: ...' on a new line")
        return ()
    events: list[Event] = []
    first_line: dict[str, int] = {}
    for i, item in enumerate(data):
        event = _event(item, data.line_of(i), rel, diags)
        if event is None:
            continue
        if event.id in first_line:
            diags.error(rel, event.line, f"duplicate event id '{event.id}'", f"first used on line {first_line[event.id]}")
            continue
        first_line[event.id] = event.line
        events.append(event)
    return tuple(events)


def _event(item: Any, line: int, rel: str, diags: Diagnostics) -> Event | None:
    named = isinstance(item, YamlMap) and isinstance(item.get("id"), str)
    m = check_mapping(item, FIELDS, rel, line, f"event '{item['id'].strip()}'" if named else "an event", diags)
    if m is None:
        return None
    ok = _check_id(m["id"].strip(), m.line_of("id"), rel, diags)
    start = _date(m, "date", rel, diags)
    end = _date(m, "end", rel, diags) if m.get("end") is not None else None
    if start is not None and end is not None and ends_before(start, end):
        diags.error(rel, m.line_of("end"), f"event '{m['id'].strip()}' ends ({end.iso()}) before it starts ({start.iso()})",
                    "check the order of 'date' and 'end'")
        ok = False
    kind = m["kind"].strip()
    if kind not in KINDS:
        diags.error(rel, m.line_of("kind"), f"unknown event kind '{kind}'",
                    did_you_mean(kind, KINDS) or "use one of " + ", ".join(KINDS))
        ok = False
    for key in ("title", "summary"):
        if not m[key].strip():
            diags.error(rel, m.line_of(key), f"'{key}' must not be empty", "write a short sentence")
            ok = False
    cites = load_cites(m.get("cites"), rel, m.line_of("cites"), diags)
    if not m.get("cites"):
        diags.error(rel, m.line_of("cites"), f"event '{m['id'].strip()}' cites nothing",
                    "add at least one citation: '- source: <id>' with 'quote:', or '- url: ...' with 'title:'")
        ok = False
    actors = as_str_list(m.get("actors"), rel, m.line_of("actors"), "'actors'", diags)
    if not ok or start is None or (m.get("end") is not None and end is None):
        return None
    return Event(id=m["id"].strip(), path=rel, line=m.line_of("id"), date=start.iso(), title=" ".join(m["title"].split()),
                 kind=kind, summary=m["summary"].strip(), end=end.iso() if end else "",
                 approximate=bool(m.get("approximate", False)), actors=tuple(actors), cites=cites,
                 actor_lines=_item_lines(m.get("actors"), m.line_of("actors")))


def _item_lines(value: Any, line: int) -> tuple[int, ...]:
    """The line of each item of a list, for diagnostics about one actor of an event."""
    if isinstance(value, YamlList):
        return tuple(value.line_of(i) for i in range(len(value)) if isinstance(value[i], str) and value[i].strip())
    return ()


def _check_id(event_id: str, line: int, rel: str, diags: Diagnostics) -> bool:
    if not ID_RE.fullmatch(event_id):
        hint = "use lower-case letters, digits and hyphens"
        suggestion = slugify(event_id)
        if suggestion and ID_RE.fullmatch(suggestion):
            hint += f", e.g. '{suggestion}'"
        diags.error(rel, line, f"bad event id '{event_id}'", hint)
        return False
    if event_id in RESERVED or event_id.startswith(RESERVED_PREFIXES):
        diags.error(rel, line, f"event id '{event_id}' is reserved",
                    "the timeline page uses it for itself; choose another id")
        return False
    return True


def _date(m: YamlMap, key: str, rel: str, diags: Diagnostics) -> PartialDate | None:
    date, why = parse_date(m[key])
    if date is None:
        diags.error(rel, m.line_of(key), f"bad date in '{key}': {why.replace(f' ({FORMS})', '')}", FORMS)
        return None
    if date.precision == "time" and not date.zone:
        diags.error(rel, m.line_of(key), f"bad date in '{key}': '{m[key]}' has a time but no time zone",
                    f"add the zone, e.g. {date.iso()}-08:00 or {date.iso()}Z")
        return None
    return date


def ends_before(start: PartialDate, end: PartialDate) -> bool:
    """True when end is surely earlier than start, compared at the precision both dates have."""
    if start.precision == "time" and end.precision == "time":
        return _instant(end) < _instant(start)
    depth = min(_depth(start), _depth(end), 3)
    return end.sort_key()[:depth] < start.sort_key()[:depth]


def _depth(d: PartialDate) -> int:
    return {"year": 1, "month": 2, "day": 3, "time": 4}[d.precision]


def _instant(d: PartialDate) -> dt.datetime:
    zone = "+00:00" if d.zone == "Z" else d.zone
    return dt.datetime.fromisoformat(f"{d.year:04d}-{d.month:02d}-{d.day:02d}T{d.hour:02d}:{d.minute:02d}:{d.second:02d}{zone}")
