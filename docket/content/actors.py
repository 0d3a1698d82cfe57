"""Load content/actors.yaml: the people, organisations and states the sources name, with their aliases."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable

from ..ids import ID_RE, RESERVED_IDS
from ..ids import slugify as slug
from ..diagnostics import Diagnostics, did_you_mean
from ..fields import Field, as_str_list, check_mapping, value_type_name
from ..model import Actor, Link
from ..yamlread import YamlList, YamlMap, parse, read_text

KINDS = ("person", "organisation", "company", "government", "state", "media", "group")

ACTOR_FIELDS = (
    Field("id", required=True),
    Field("name", required=True),
    Field("kind", required=True),
    Field("aliases", (list,)),
    Field("ignore_case", (list,)),
    Field("summary"),
    Field("links", (list,)),
)
LINK_FIELDS = (Field("title", required=True), Field("url", required=True))

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201b": "'", "\u2032": "'"})


def load_actors(path: Path, rel: str, diags: Diagnostics) -> tuple[Actor, ...]:
    """Read and validate the actor file; a missing file simply means no actors yet."""
    if not path.exists():
        return ()
    text = read_text(path, rel, diags)
    if text is None:
        return ()
    return parse_actors(text, rel, diags)


def parse_actors(text: str, rel: str, diags: Diagnostics) -> tuple[Actor, ...]:
    """Validate actor YAML text; every problem is reported, every usable actor is kept."""
    data = parse(text, rel, diags)
    if data is None:                      # empty file, or a syntax error already reported
        return ()
    if not isinstance(data, YamlList):
        diags.error(rel, getattr(data, "line", 1), f"the actor file must be a list of actors, not {value_type_name(data)}",
                    "start each actor with '- id: ...' on a new line")
        return ()
    actors: list[Actor] = []
    first_line: dict[str, int] = {}
    claims = _AliasClaims(rel, diags)
    for index, entry in enumerate(data):
        actor = _actor(entry, data.line_of(index), rel, diags)
        if actor is None:
            continue
        if actor.id in first_line:
            diags.error(rel, _line(entry, "id"), f"duplicate actor id '{actor.id}'",
                        f"first defined on line {first_line[actor.id]}")
            continue
        first_line[actor.id] = _line(entry, "id")
        claims.claim(actor, entry)
        actors.append(actor)
    return tuple(actors)


def check_refs(ids: Iterable[tuple[str, str, int]], actors: Iterable[Actor], diags: Diagnostics) -> None:
    """Report every reference (actor id, path, line) to an actor that actors.yaml does not define."""
    known = {a.id for a in actors}
    for ref, path, line in ids:
        if ref not in known:
            hint = did_you_mean(ref, known) or "actors are defined in content/actors.yaml"
            diags.error(path, line, f"unknown actor '{ref}'", hint, about=f"actor:{ref}")


def alias_key(alias: str) -> str:
    """The form under which two aliases count as the same: one space between words, straight apostrophes."""
    return " ".join(alias.translate(_APOSTROPHES).split())


def _line(entry: Any, key: str) -> int:
    return entry.line_of(key) if isinstance(entry, YamlMap) else 0


def _actor(entry: Any, line: int, rel: str, diags: Diagnostics) -> Actor | None:
    """One actor from one list entry, or None when its id, name or kind is unusable."""
    if check_mapping(entry, ACTOR_FIELDS, rel, line, "actor", diags) is None and not isinstance(entry, YamlMap):
        return None
    good = {f.name: entry[f.name] for f in ACTOR_FIELDS if f.name in entry and _usable(entry[f.name], f)}
    actor_id, name, kind = good.get("id"), good.get("name"), good.get("kind")
    ok = True
    if isinstance(actor_id, str):
        ok = _check_id(actor_id, entry.line_of("id"), rel, diags) and ok
    if isinstance(name, str) and not name.strip():
        diags.error(rel, entry.line_of("name"), "'name' must not be empty", "write the name most sources use")
        ok = False
    if isinstance(kind, str) and kind not in KINDS:
        hint = did_you_mean(kind, KINDS) or "allowed kinds: " + ", ".join(KINDS)
        diags.error(rel, entry.line_of("kind"), f"unknown actor kind '{kind}'", hint)
        ok = False
    links = _links(good.get("links"), rel, diags)
    if not (ok and isinstance(actor_id, str) and isinstance(name, str) and isinstance(kind, str)):
        return None
    name = " ".join(name.split())
    aliases = [name] + as_str_list(good.get("aliases"), rel, entry.line_of("aliases"), "'aliases'", diags)
    ignore_case = as_str_list(good.get("ignore_case"), rel, entry.line_of("ignore_case"), "'ignore_case'", diags)
    return Actor(
        id=actor_id, path=rel, line=entry.line, name=name, kind=kind,
        aliases=_unique(aliases + ignore_case), ignore_case=_unique(ignore_case),
        summary=good.get("summary", "").strip(), links=links,
    )


def _usable(value: Any, field: Field) -> bool:
    """Whether a value has its field's type, so a half-broken actor still loads (no cascade of 'unknown actor')."""
    return isinstance(value, YamlList) if list in field.types else isinstance(value, str)


def _check_id(actor_id: str, line: int, rel: str, diags: Diagnostics) -> bool:
    if not ID_RE.fullmatch(actor_id):
        suggestion = slug(actor_id)
        hint = "use lower-case letters, digits and hyphens"
        if suggestion and ID_RE.fullmatch(suggestion):
            hint += f", e.g. '{suggestion}'"
        diags.error(rel, line, f"bad actor id '{actor_id}'", hint)
        return False
    if actor_id in RESERVED_IDS:
        diags.error(rel, line, f"actor id '{actor_id}' is reserved",
                    f"actors/{actor_id}.html is a page of its own; choose another id")
        return False
    return True


def _links(value: Any, rel: str, diags: Diagnostics) -> tuple[Link, ...]:
    """Outside links as (title, url), refusing anything but web addresses (no javascript: or data:)."""
    if not isinstance(value, YamlList):
        return ()
    links = []
    for index, item in enumerate(value):
        link = check_mapping(item, LINK_FIELDS, rel, value.line_of(index), "link", diags)
        if link is None:
            continue
        url = link["url"].strip()
        if not re.match(r"https?://[^\s/]", url, re.IGNORECASE):
            diags.error(rel, link.line_of("url"), f"link url '{url}' must start with http:// or https://",
                        "write the full web address, e.g. https://www.wikidata.org/wiki/Q423")
            continue
        links.append(Link(title=link["title"].strip(), url=url))
    return tuple(links)


def _unique(items: list[str]) -> tuple[str, ...]:
    """Aliases in first-seen order, with repeats (same words, same apostrophes once folded) dropped."""
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(alias_key(item), " ".join(item.split()))
    return tuple(seen.values())


class _AliasClaims:
    """Which actor claimed which alias first, so one alias cannot name two actors."""

    def __init__(self, rel: str, diags: Diagnostics) -> None:
        self.rel, self.diags = rel, diags
        self.exact: dict[str, str] = {}        # alias key -> actor id, for every alias
        self.lower: dict[str, str] = {}        # lower-cased alias key -> actor id, for every alias
        self.lower_ic: dict[str, str] = {}     # lower-cased alias key -> actor id, for ignore_case aliases only

    def claim(self, actor: Actor, entry: YamlMap) -> None:
        ignore = {alias_key(a) for a in actor.ignore_case}
        for alias in actor.aliases:
            key = alias_key(alias)
            low = key.lower()
            other = self.exact.get(key) or self.lower_ic.get(low) or (self.lower.get(low) if key in ignore else None)
            if other and other != actor.id:
                self.diags.error(self.rel, self._alias_line(alias, entry),
                                 f"alias '{alias}' is claimed by both '{other}' and '{actor.id}'",
                                 "an alias must name one actor; tie ambiguous passages with [text]{@actor-id}")
                continue
            self.exact.setdefault(key, actor.id)
            self.lower.setdefault(low, actor.id)
            if key in ignore:
                self.lower_ic.setdefault(low, actor.id)

    @staticmethod
    def _alias_line(alias: str, entry: YamlMap) -> int:
        """The line where the entry spells this alias: its name, an aliases item or an ignore_case item."""
        key = alias_key(alias)
        for field in ("aliases", "ignore_case"):
            items = entry.get(field)
            if isinstance(items, YamlList):
                for index, item in enumerate(items):
                    if isinstance(item, str) and alias_key(item) == key:
                        return items.line_of(index)
        return entry.line_of("name")
