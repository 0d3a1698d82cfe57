"""content/claims.yaml: what loads, and the exact diagnostic for each mistake (loader and anchoring)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docket.content.claims import parse_claims
from docket.diagnostics import Diagnostics
from docket.model import Claim, Stance
from helpers import build, check, make_site

REL = "content/claims.yaml"
SOURCES = {"example-gazette-2020-01-02", "example-bulletin-2020-01-03"}
GAZ, BUL = "example-gazette-2020-01-02", "example-bulletin-2020-01-03"


def load(text: str) -> tuple[tuple[Claim, ...], list[str]]:
    diags = Diagnostics()
    claims = parse_claims(text, REL, SOURCES, diags)
    return claims, [d.format() for d in diags.sorted()]


GOOD = f"""\
- id: first-paragraph
  claim: The article has a first paragraph.
  note: Both *say* so.
  stances:
    {GAZ}:
      stance: asserts
      quote: The first paragraph of the test article.
    {BUL}:
      stance: not-mentioned
- id: no-byline
  claim: The bulletin has no byline.
  stances:
    {BUL}:
      stance: hedges
      quote: A source without a byline
      prefix: ""
"""


def test_claims_load_in_file_order_with_their_stances() -> None:
    claims, diags = load(GOOD)
    assert diags == []
    assert claims == (
        Claim(id="first-paragraph", path=REL, line=1, claim="The article has a first paragraph.", note="Both *say* so.",
              stances=(Stance(GAZ, "asserts", "The first paragraph of the test article.", line=7),
                       Stance(BUL, "not-mentioned", line=9))),
        Claim(id="no-byline", path=REL, line=10, claim="The bulletin has no byline.",
              stances=(Stance(BUL, "hedges", "A source without a byline", line=15),)),
    )


def _one(stances: str, head: str = "- id: c\n  claim: A claim.\n") -> str:
    return head + "  stances:\n" + stances


ERRORS = [
    pytest.param("id: c\n", "content/claims.yaml:1: error: the claims file must be a list of claims, not a mapping "
                 "(start each claim with '- id: ...' on a new line)", id="not-a-list"),
    pytest.param(_one(f"    {GAZ}: {{stance: asserts, quote: x}}\n", head="- claim: A claim.\n"),
                 "content/claims.yaml:1: error: a claim is missing 'id' (add 'id:' (text))", id="missing-id"),
    pytest.param("- id: c\n  claim: A claim.\n",
                 "content/claims.yaml:1: error: claim 'c' is missing 'stances' (add 'stances:' (a mapping))",
                 id="missing-stances"),
    pytest.param(_one(f"    {GAZ}: {{stance: asserts, quote: x}}\n", head="- id: c\n  claim: A claim.\n  stance: x\n"),
                 "content/claims.yaml:3: error: unknown key 'stance' in claim 'c' (did you mean 'stances'?)",
                 id="unknown-key"),
    pytest.param(_one(f"    {GAZ}: {{stance: asserts, quote: x}}\n", head="- id: Claim One\n  claim: A claim.\n"),
                 "content/claims.yaml:1: error: bad claim id 'Claim One' "
                 "(use lower-case letters, digits and hyphens, e.g. 'claim-one')", id="bad-id"),
    pytest.param(_one("    example-gazete-2020-01-02: {stance: asserts, quote: x}\n"),
                 "content/claims.yaml:4: error: unknown source 'example-gazete-2020-01-02' "
                 "(did you mean 'example-gazette-2020-01-02'?)", id="unknown-source"),
    pytest.param(_one(f"    {GAZ}:\n      stance: assert\n      quote: x\n"),
                 "content/claims.yaml:5: error: unknown stance 'assert' (did you mean 'asserts'?)", id="bad-stance"),
    pytest.param(_one(f"    {GAZ}:\n      stance: asserts\n"),
                 f"content/claims.yaml:5: error: stance 'asserts' of source '{GAZ}' has no quote "
                 "(add 'quote:' with the source's exact words that show it)", id="stance-without-quote"),
    pytest.param(_one(f"    {GAZ}:\n      stance: not-mentioned\n      quote: x\n"),
                 f"content/claims.yaml:6: error: source '{GAZ}' is 'not-mentioned' but has a quote "
                 "(remove the quote, or choose the stance the quote shows)", id="not-mentioned-with-quote"),
    pytest.param(_one(f"    {GAZ}: {{stance: not-mentioned}}\n"),
                 "content/claims.yaml:3: error: claim 'c' has no source that reports it "
                 "(give at least one source a stance with the 'quote' that shows it)", id="nobody-reports-it"),
    pytest.param(_one(f"    {GAZ}: asserts\n"),
                 f"content/claims.yaml:4: error: the stance of '{GAZ}' must be a mapping of 'key: value' lines, "
                 "not text (see the README's content guide for the format)", id="stance-not-mapping"),
    pytest.param(_one(f"    {GAZ}: {{stance: asserts, quote: x}}\n") + _one(f"    {GAZ}: {{stance: asserts, quote: y}}\n"),
                 "content/claims.yaml:5: error: duplicate claim id 'c' (first used on line 1)", id="duplicate-id"),
    pytest.param(_one(f"    {GAZ}: {{stance: asserts, quote: x}}\n", head="- id: c\n  claim: ' '\n"),
                 "content/claims.yaml:2: error: 'claim' must not be empty (write one neutral sentence)", id="empty-claim"),
]


@pytest.mark.parametrize("text, line", ERRORS)
def test_each_mistake_has_its_diagnostic(text: str, line: str) -> None:
    claims, diags = load(text)
    assert diags == [line]


def test_a_good_claim_survives_a_broken_one() -> None:
    claims, diags = load(_one(f"    {GAZ}: {{stance: asert, quote: x}}\n")
                         + _one(f"    {GAZ}: {{stance: asserts, quote: x}}\n", head="- id: d\n  claim: Another.\n"))
    assert [c.id for c in claims] == ["d"]
    assert len(diags) == 1


def _site(tmp_path: Path, claims: str) -> Path:
    return make_site(tmp_path / "site", {"content/claims.yaml": claims})


def test_misquote_is_reported_at_its_line_with_the_closest_passage(tmp_path: Path) -> None:
    root = _site(tmp_path, _one(f"    {GAZ}:\n      stance: asserts\n      quote: The first paragraph of the test articles.\n"))
    result = check(root)
    assert result.code == 1
    assert result.err_lines == [
        f"content/claims.yaml:6: error: quote not found in source '{GAZ}': \"The first paragraph of the test articles.\" "
        "(closest passage: \"The first paragraph of the test article.\")",
        "1 error(s), 0 warning(s)",
    ]


def test_claims_are_anchored_highlighted_and_exported(tmp_path: Path) -> None:
    root = _site(tmp_path, GOOD)
    out = tmp_path / "out"
    result = build(root, out)
    assert (result.code, result.err) == (0, "")
    data = json.loads((out / "data/claims.json").read_text(encoding="utf-8"))
    assert data == [
        {"id": "first-paragraph", "claim": "The article has a first paragraph.",
         "stances": {GAZ: {"stance": "asserts", "quote": "The first paragraph of the test article."},
                     BUL: {"stance": "not-mentioned", "quote": ""}}},
        {"id": "no-byline", "claim": "The bulletin has no byline.",
         "stances": {GAZ: {"stance": "not-mentioned", "quote": ""},
                     BUL: {"stance": "hedges", "quote": "A source without a byline"}}},
    ]
    compare = (out / "compare.html").read_text(encoding="utf-8")
    page = (out / f"sources/{GAZ}.html").read_text(encoding="utf-8")
    href = compare.split('class="stance__quote" href="')[1].split('"')[0]
    target, anchor = href.split("#")
    assert target == f"sources/{GAZ}.html"
    assert f'<mark class="cite" id="{anchor}">The first paragraph of the test article.</mark>' in page
