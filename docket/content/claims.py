"""content/claims.yaml -> Claim records: one neutral sentence and each source's stance, shown by its words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics, did_you_mean
from ..fields import Field, check_mapping, value_type_name
from ..ids import ID_RE, slugify
from ..model import Claim, Stance
from ..yamlread import YamlList, YamlMap, decode, parse

PATH = "content/claims.yaml"
STANCES = ("asserts", "hedges", "disputes", "not-mentioned")
FIELDS = (Field("id", required=True), Field("claim", required=True), Field("stances", (dict,), required=True),
          Field("note"))
STANCE_FIELDS = (Field("stance", required=True), Field("quote"), Field("prefix"), Field("suffix"))


def load_claims(root: Path, source_ids: set[str], diags: Diagnostics) -> tuple[Claim, ...]:
    """The claims of content/claims.yaml in file order; a missing file means no comparison matrix."""
    path = root / PATH
    if not path.is_file():
        return ()
    text = decode(path.read_bytes(), PATH, diags)
    return parse_claims(text, PATH, source_ids, diags) if text is not None else ()


def parse_claims(text: str, rel: str, source_ids: set[str], diags: Diagnostics) -> tuple[Claim, ...]:
    """Validate claims YAML text; every problem is reported, every usable claim kept."""
    data = parse(text, rel, diags)
    if data is None:
        return ()
    if not isinstance(data, YamlList):
        diags.error(rel, getattr(data, "line", 1), f"the claims file must be a list of claims, not {value_type_name(data)}",
                    "start each claim with '- id: ...' on a new line")
        return ()
    claims: list[Claim] = []
    first_line: dict[str, int] = {}
    for i, item in enumerate(data):
        claim = _claim(item, data.line_of(i), rel, source_ids, diags)
        if claim is None:
            continue
        if claim.id in first_line:
            diags.error(rel, claim.line, f"duplicate claim id '{claim.id}'", f"first used on line {first_line[claim.id]}")
            continue
        first_line[claim.id] = claim.line
        claims.append(claim)
    return tuple(claims)


def _claim(item: Any, line: int, rel: str, source_ids: set[str], diags: Diagnostics) -> Claim | None:
    named = isinstance(item, YamlMap) and isinstance(item.get("id"), str)
    m = check_mapping(item, FIELDS, rel, line, f"claim '{item['id'].strip()}'" if named else "a claim", diags)
    if m is None:
        return None
    claim_id = m["id"].strip()
    ok = _check_id(claim_id, m.line_of("id"), rel, diags)
    if not m["claim"].strip():
        diags.error(rel, m.line_of("claim"), "'claim' must not be empty", "write one neutral sentence")
        ok = False
    stances = []
    for source in m["stances"]:
        stance = _stance(m["stances"], source, rel, source_ids, diags)
        if stance is None:
            ok = False
        else:
            stances.append(stance)
    if ok and not any(s.quote for s in stances):
        diags.error(rel, m.line_of("stances"), f"claim '{claim_id}' has no source that reports it",
                    "give at least one source a stance with the 'quote' that shows it")
        ok = False
    if not ok:
        return None
    return Claim(id=claim_id, path=rel, line=m.line_of("id"), claim=" ".join(m["claim"].split()),
                 stances=tuple(stances), note=(m.get("note") or "").strip())


def _stance(stances: YamlMap, source: str, rel: str, source_ids: set[str], diags: Diagnostics) -> Stance | None:
    """One source's stance; an unknown source, stance or a stance without its quote is reported."""
    key_line = stances.line_of(source)
    if source not in source_ids:
        diags.error(rel, key_line, f"unknown source '{source}'",
                    did_you_mean(source, source_ids) or "use a file name in content/sources/, without .md",
                    about=f"source:{source}")
        return None
    m = check_mapping(stances[source], STANCE_FIELDS, rel, key_line, f"the stance of '{source}'", diags)
    if m is None:
        return None
    stance = m["stance"].strip()
    if stance not in STANCES:
        diags.error(rel, m.line_of("stance"), f"unknown stance '{stance}'",
                    did_you_mean(stance, STANCES) or "use one of " + ", ".join(STANCES))
        return None
    quote = (m.get("quote") or "").strip()
    if stance == "not-mentioned" and quote:
        diags.error(rel, m.line_of("quote"), f"source '{source}' is 'not-mentioned' but has a quote",
                    "remove the quote, or choose the stance the quote shows")
        return None
    if stance != "not-mentioned" and not quote:
        diags.error(rel, m.line_of("stance"), f"stance '{stance}' of source '{source}' has no quote",
                    "add 'quote:' with the source's exact words that show it")
        return None
    return Stance(source=source, stance=stance, quote=quote, prefix=m.get("prefix") or "",
                  suffix=m.get("suffix") or "", line=m.line_of("quote") if quote else m.line_of("stance"))


def _check_id(claim_id: str, line: int, rel: str, diags: Diagnostics) -> bool:
    if not ID_RE.fullmatch(claim_id):
        hint = "use lower-case letters, digits and hyphens"
        suggestion = slugify(claim_id)
        if suggestion and ID_RE.fullmatch(suggestion):
            hint += f", e.g. '{suggestion}'"
        diags.error(rel, line, f"bad claim id '{claim_id}'", hint)
        return False
    return True
