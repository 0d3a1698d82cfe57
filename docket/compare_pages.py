"""compare.html (what each source says, where they agree and differ) and data/claims.json."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Callable

from .content.claims import STANCES
from .link import Site, quote_anchor, quote_key
from .markup import Renderer
from .model import Claim, Source, Stance
from .reads import runs_apart

STANCE_LABELS = {"asserts": "Asserts", "hedges": "Hedges", "disputes": "Disputes", "not-mentioned": "Not mentioned"}
STANCE_VERBS = {"asserts": "asserts", "hedges": "hedges", "disputes": "disputes", "not-mentioned": "does not mention"}
MIN_SOURCES = 2
SHOWN = 200     # compare.html lists at most this many shared quotations and matched passages (the page stays readable)


def ordered_sources(site: Site) -> list[Source]:
    """The sources in the site's reading order (date, outlet, id): one matrix column each."""
    return sorted(site.content.sources, key=lambda s: (s.published, s.outlet, s.id))


def stance_of(claim: Claim, source_id: str) -> Stance:
    """A source's stance on a claim; a source the claim does not list has not mentioned it."""
    return next((s for s in claim.stances if s.source == source_id), Stance(source=source_id, stance="not-mentioned"))


def reporters(claim: Claim) -> list[str]:
    """The sources that carry a claim at all (any stance but not-mentioned)."""
    return [s.source for s in claim.stances if s.stance != "not-mentioned"]


def stances_differ(claim: Claim, source_ids: list[str]) -> bool:
    return len({stance_of(claim, sid).stance for sid in source_ids}) > 1


def claims_json(site: Site) -> bytes:
    """data/claims.json: [{id, claim, stances: {<source-id>: {stance, quote}}}], every source in every claim."""
    ids = [s.id for s in ordered_sources(site)]
    data = [{"id": c.id, "claim": c.claim,
             "stances": {sid: {"stance": stance_of(c, sid).stance, "quote": stance_of(c, sid).quote} for sid in ids}}
            for c in site.content.claims]
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


@runs_apart
def pages(site: Site, renderer: Renderer, common: dict[str, Any], apart: Callable[..., Any] | None = None) -> list[Any]:
    """compare.html when there are two sources or more; data/claims.json when there are claims (apart: how
    to run the comparison itself, docket/reads.py)."""
    from .routes import Page
    out = []
    sources = ordered_sources(site)
    if len(sources) >= MIN_SOURCES:
        out.append(Page("compare.html", "compare.html", {**common, **compare_view(site, renderer, sources, apart)}))
    if site.content.claims:
        out.append(Page("data/claims.json", data=claims_json(site)))
    return out


def compare_view(site: Site, renderer: Renderer, sources: list[Source],
                 apart: Callable[..., Any] | None = None) -> dict[str, Any]:
    """Everything compare.html shows, as plain values."""
    from .compare import compare
    claims = site.content.claims
    ids = [s.id for s in sources]
    outlets = {s.id: s.outlet for s in sources}
    columns = [{"id": s.id, "outlet": s.outlet, "headline": s.headline, "url": f"sources/{s.id}.html"} for s in sources]
    rows = []
    for c in claims:
        cells = []
        for sid in ids:
            st = stance_of(c, sid)
            href = ""
            if st.quote:
                href = f"sources/{sid}.html#{quote_anchor(quote_key(sid, st.quote, st.prefix, st.suffix))}"
            cells.append({"source": sid, "outlet": outlets[sid], "stance": st.stance,
                          "label": STANCE_LABELS[st.stance], "quote": st.quote, "href": href})
        rows.append({"id": c.id, "anchor": f"claim-{c.id}", "claim": c.claim, "cells": cells,
                     "note": renderer.inline(c.note) if c.note else "", "differ": stances_differ(c, ids),
                     "reporters": [outlets[r] for r in reporters(c) if r in outlets]})
    everyone = [r for r, c in zip(rows, claims) if set(ids) <= set(reporters(c))]
    only_one = []
    for sid in ids:
        mine = [r for r, c in zip(rows, claims) if reporters(c) == [sid]]
        if mine:
            only_one.append({"outlet": outlets[sid], "claims": mine})
    # the sources' words, not the editor's; only the matches the page lists are kept, the others counted
    words = {s.id: site.printed_words(s.id) for s in sources}
    found = apart(compare, words, SHOWN) if apart is not None else compare(words, SHOWN)
    quoting = Counter(sid for q in found.quotations for sid in set(q.sources))
    matching = dict(found.matched)
    summaries = []
    for s in sources:
        counts: Counter[str] = Counter(stance_of(c, s.id).stance for c in claims)
        summaries.append({
            "id": s.id, "outlet": s.outlet, "headline": s.headline, "url": f"sources/{s.id}.html",
            "counts": [{"stance": k, "verb": STANCE_VERBS[k], "count": counts[k]} for k in STANCES if counts[k]],
            "only": sum(1 for c in claims if reporters(c) == [s.id]),
            "differs": sum(1 for c in claims if s.id in reporters(c) and stances_differ(c, ids)),
            "shared_quotes": quoting[s.id],
            "matches": matching.get(s.id, 0),
        })
    return {
        "url": "compare.html", "root": "", "title": "Compare the sources",
        "description": f"What the {len(sources)} sources say, claim by claim: where they agree, where they differ, "
                       "and the words they share.",
        "columns": columns, "rows": rows, "everyone": everyone, "only_one": only_one,
        "differ_count": sum(1 for r in rows if r["differ"]), "summaries": summaries,
        "quotations": [_quotation_view(q, outlets) for q in found.quotations[:SHOWN]],
        "quotation_count": len(found.quotations),
        "matches": [_match_view(m, outlets) for m in found.matches],
        "match_count": found.match_count,
    }


def _quotation_view(q: Any, outlets: dict[str, str]) -> dict[str, Any]:
    return {"text": q.text, "words": q.words, "quoted": q.quoted,
            "occurrences": [{"outlet": outlets[o.source], "href": f"sources/{o.source}.html#p-{o.block + 1}",
                             "paragraph": o.block + 1, "text": o.text, "quoted": o.quoted} for o in q.occurrences]}


def _match_view(m: Any, outlets: dict[str, str]) -> dict[str, Any]:
    from .compare import mark_changes
    return {"score": round(100 * m.score),
            "sides": [{"outlet": outlets[side.source], "href": f"sources/{side.source}.html#p-{side.block + 1}",
                       "paragraph": side.block + 1, "html": html_}
                      for side, html_ in zip((m.a, m.b), mark_changes(m.a.text, m.b.text))]}
