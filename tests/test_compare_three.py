"""Three generated sources: compare.html's matrix and matching scale past two sources.

The texts are test data, not journalism: invented outlets on example.org reporting an invented
bridge closure. Each source is built from sentences some of which the others share word for word,
in other words, or not at all, so every kind of finding has a known right answer:

- a quotation all three print ("a grave and deliberate failure of maintenance"), one only A and B
  print ("entirely without precedent"), and one only C prints (not shared);
- a verbatim run of twelve words that only B and C print, outside quotation marks (and, by design
  of the closure sentences, one of eight words that A and C print);
- passages in other words: the closure (A, B and C, three pairs), the water warning (A and C only).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser

import floor
from docket.compare_pages import SHOWN
from helpers import build, make_site, sha256
from test_compare_site import parse

A, B, C = "alpha-wire-2020-03-01", "beta-post-2020-03-02", "gamma-news-2020-03-03"
OUTLETS = {A: "Alpha Wire", B: "Beta Post", C: "Gamma News"}

QUOTE_ALL = "a grave and deliberate failure of maintenance"
QUOTE_AB = "entirely without precedent"
RUN_BC = "The committee will publish its full findings before the end of March"

CLOSURE = {
    A: "The council closed the northern bridge on Tuesday after engineers found deep cracks in two supports.",
    B: "On Tuesday the council shut the northern bridge when engineers discovered deep cracks in two supports.",
    C: "Engineers found deep cracks in two supports, and the council closed the northern bridge on Tuesday evening.",
}
WATER = {
    A: "Residents of the harbour district were told to boil their drinking water until further notice.",
    C: "Harbour district residents must boil drinking water until further notice, the utility said.",
}
GRAVE = {
    A: f"The mayor called the cracks “{QUOTE_ALL}” and “{QUOTE_AB}” in the city’s history.",
    B: f"Officials described it as \"{QUOTE_ALL}\" at a briefing.",
    C: f"A union leader spoke of “{QUOTE_ALL}” outside the town hall.",
}
PARAGRAPHS = {
    A: [f"{CLOSURE[A]} {GRAVE[A]}",
        WATER[A] + " Ferries will run every twenty minutes from the old pier.",
        "A spokeswoman for the transport agency declined to give a date for reopening."],
    B: [f"{CLOSURE[B]} {GRAVE[B]}",
        f"One councillor said the damage was “{QUOTE_AB}” for a bridge of its age.",
        f"{RUN_BC}, a clerk said. Traffic was diverted through the western tunnel."],
    C: [f"{CLOSURE[C]} {GRAVE[C]}",
        WATER[C] + " Schools in the district will stay open.",
        f"{RUN_BC}. The inspection firm said it had warned of “hairline fractures last spring” in a letter."],
}
DATES = {A: "2020-03-01", B: "2020-03-02", C: "2020-03-03"}

CLAIMS = f"""\
- id: bridge-closed
  claim: The council closed the northern bridge.
  stances:
    {A}:
      stance: asserts
      quote: The council closed the northern bridge on Tuesday
    {B}:
      stance: asserts
      quote: the council shut the northern bridge
    {C}:
      stance: asserts
      quote: the council closed the northern bridge on Tuesday evening
- id: failure-of-maintenance
  claim: The cracks come from poor maintenance.
  stances:
    {A}:
      stance: hedges
      quote: The mayor called the cracks “{QUOTE_ALL}”
    {B}:
      stance: asserts
      quote: Officials described it as "{QUOTE_ALL}"
    {C}:
      stance: disputes
      quote: The inspection firm said it had warned of “hairline fractures last spring”
- id: boil-water
  claim: Residents of the harbour district must boil their water.
  stances:
    {A}:
      stance: asserts
      quote: {WATER[A]}
    {B}:
      stance: not-mentioned
    {C}:
      stance: asserts
      quote: Harbour district residents must boil drinking water until further notice
- id: tunnel-diversion
  claim: Traffic was diverted through the western tunnel.
  stances:
    {B}:
      stance: asserts
      quote: Traffic was diverted through the western tunnel.
"""


def source_files(sid: str, paragraphs: list[str] | None = None) -> dict[str, str]:
    paragraphs = PARAGRAPHS[sid] if paragraphs is None else paragraphs
    headline = f"{OUTLETS[sid]} reports the bridge closure"
    seed = headline + "\n\n" + "\n\n".join(paragraphs) + "\n"
    front = (f"---\nheadline: {headline}\noutlet: {OUTLETS[sid]}\nbyline: Test Writer\npublished: {DATES[sid]}\n"
             f"url: https://example.org/{sid}\nseed: {sid}.txt\nsha256: {sha256(seed)}\n---\n\n")
    return {f"content/sources/{sid}.md": front + "\n\n".join(paragraphs) + "\n", f"seeds/{sid}.txt": seed}


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("three")
    files: dict[str, str | None] = {"content/sources/example-gazette-2020-01-02.md": None,
                                    "content/sources/example-bulletin-2020-01-03.md": None,
                                    "content/claims.yaml": CLAIMS}
    for sid in (A, B, C):
        files.update(source_files(sid))
    root, out = make_site(base / "site", files), base / "out"
    result = build(root, out)
    assert (result.code, result.err) == (0, "")
    return out


def test_the_matrix_has_one_column_per_source_and_every_stance_in_words(three: Path) -> None:
    page = parse(three / "compare.html")
    text = (three / "compare.html").read_text(encoding="utf-8")
    head = text.split("<thead>")[1].split("</thead>")[0]
    assert head.count('<th scope="col">') == 4                       # the claim, then one per source
    assert [h for h in re.findall(r'href="([^"]+)"', head)] == [f"sources/{sid}.html" for sid in (A, B, C)]
    cells = page.by_class["stance"]
    assert len(page.by_class["stance-cell"]) == len(cells) == 4 * 3
    assert cells == ["Asserts", "Asserts", "Asserts",
                     "Hedges", "Asserts", "Disputes",
                     "Asserts", "Not mentioned", "Asserts",
                     "Not mentioned", "Asserts", "Not mentioned"]
    row = page.by_id["claim-failure-of-maintenance"]
    assert "Stances differ" in row
    assert f"Hedges “The mayor called the cracks “{QUOTE_ALL}”” Asserts “Officials described it as \"{QUOTE_ALL}\"”" in row
    assert "Disputes “The inspection firm said it had warned of “hairline fractures last spring””" in row
    assert "Stances differ" not in page.by_id["claim-bridge-closed"]
    quote_links = [href for href, cls in page.links if cls == "stance__quote"]
    assert [h.split("#")[0] for h in quote_links] == [f"sources/{s}.html" for s in (A, B, C, A, B, C, A, C, B)]
    assert page.by_id["agreement"] == "Reported by all, and by one only"
    agreement = text.split('id="agreement"')[1].split("</section>")[0]
    assert "<h3>Only Beta Post reports</h3>" in agreement
    assert agreement.count('href="#claim-') == 3                     # two by all, one by Beta Post only
    claims = json.loads((three / "data/claims.json").read_text(encoding="utf-8"))
    assert [set(c["stances"]) for c in claims] == [{A, B, C}] * 4
    assert claims[2]["stances"][B] == {"stance": "not-mentioned", "quote": ""}


def test_shared_quotations_name_which_of_the_three_print_them(three: Path) -> None:
    page = parse(three / "compare.html")
    shared = list(zip(page.by_class["shared-quote__text"], page.by_class["shared-quote__meta"],
                      page.by_class["shared-quote__where"]))
    assert shared == [                                     # the most widely printed first, then the longest
        (f"“{QUOTE_ALL}”", "7 words, a quotation, printed by 3 sources:",
         "Alpha Wire, paragraph 1 (in quotation marks) Beta Post, paragraph 1 (in quotation marks) "
         "Gamma News, paragraph 1 (in quotation marks)"),
        (f"“{RUN_BC}”", "12 words, a verbatim run, printed by 2 sources:", "Beta Post, paragraph 3 Gamma News, paragraph 3"),
        ("“The council closed the northern bridge on Tuesday”", "8 words, a verbatim run, printed by 2 sources:",
         "Alpha Wire, paragraph 1 Gamma News, paragraph 1"),
        (f"“{QUOTE_AB}”", "3 words, a quotation, printed by 2 sources:",
         "Alpha Wire, paragraph 1 (in quotation marks) Beta Post, paragraph 2 (in quotation marks)"),
    ]
    where = [href for href, _ in page.links if href.startswith("sources/") and "#p-" in href]
    assert f"sources/{B}.html#p-2" in where and f"sources/{C}.html#p-3" in where


def test_matched_passages_pair_the_right_sources_side_by_side(three: Path) -> None:
    page = parse(three / "compare.html")
    sides = page.by_class["match__side"]
    assert len(sides) == 2 * len(page.by_class["match"])
    sentence = re.compile(r"(.*) (Alpha Wire|Beta Post|Gamma News), paragraph (\d)")
    pairs = [(sentence.fullmatch(a).groups(), sentence.fullmatch(b).groups())  # type: ignore[union-attr]
             for a, b in zip(sides[::2], sides[1::2])]
    assert pairs == [                                       # in reading order of the first side; unrelated ones absent
        ((CLOSURE[A], "Alpha Wire", "1"), (CLOSURE[B], "Beta Post", "1")),
        ((CLOSURE[A], "Alpha Wire", "1"), (CLOSURE[C], "Gamma News", "1")),
        ((GRAVE[A], "Alpha Wire", "1"), (GRAVE[B], "Beta Post", "1")),
        ((GRAVE[A], "Alpha Wire", "1"), (GRAVE[C], "Gamma News", "1")),
        ((WATER[A], "Alpha Wire", "2"), (WATER[C], "Gamma News", "2")),
        ((CLOSURE[B], "Beta Post", "1"), (CLOSURE[C], "Gamma News", "1")),
        ((GRAVE[B], "Beta Post", "1"), (GRAVE[C], "Gamma News", "1")),
        ((RUN_BC + ", a clerk said.", "Beta Post", "3"), (RUN_BC + ".", "Gamma News", "3")),
    ]
    matched = (three / "compare.html").read_text(encoding="utf-8").split('id="matched-passages"')[1]
    assert ('<blockquote>The council <mark class="diff">closed</mark> the northern bridge <mark class="diff">on Tuesday '
            'after</mark> engineers <mark class="diff">found</mark> deep cracks in two supports.</blockquote>') in matched
    assert ('<blockquote><mark class="diff">On Tuesday</mark> the council <mark class="diff">shut</mark> the northern '
            'bridge <mark class="diff">when</mark> engineers <mark class="diff">discovered</mark> deep cracks in two '
            'supports.</blockquote>') in matched
    assert "spokeswoman" not in matched and "Ferries" not in matched
    summaries = page.by_class["source-summary"]
    assert [s.split(":")[0] for s in summaries] == ["Alpha Wire", "Beta Post", "Gamma News"]
    assert [s.split("It prints ")[1] for s in summaries] == [
        "3 shared quotations and 5 passages another source reports in other words.",
        "3 shared quotations and 5 passages another source reports in other words.",
        "3 shared quotations and 6 passages another source reports in other words."]


def test_the_three_source_site_holds_the_page_floor(three: Path, chromium_browser: Browser) -> None:
    assert floor.nu_errors(three) == []
    assert floor.broken_links(three) == []
    context = floor.new_context(chromium_browser)
    try:
        page = context.new_page()
        seen = floor.watch(page, three, "compare.html")
        page.goto(floor.file_url(three / "compare.html"), wait_until="load")
        assert floor.axe_violations(page, "compare.html", floor.AXE_JS.read_text(encoding="utf-8")) == []
        assert floor.sideways_scroll(page, "compare.html") == []
        page.goto("about:blank")
        seen.detach(page)
        assert (seen.outside, seen.errors) == ([], [])
    finally:
        context.close()


def test_past_the_listing_limit_the_page_lists_the_most_printed_and_the_closest(tmp_path: Path) -> None:
    def word(k: int, part: int) -> str:
        return "zu" + "".join("bdfgklmnprtv"[int(d)] for d in f"{k:03d}{part}") + "o"
    n = SHOWN + 5
    alpha = [f"The {word(k, 1)} council closed the {word(k, 2)} bridge after {word(k, 3)} engineers found "
             f"“{word(k, 4)} {word(k, 5)} cracks” in {word(k, 6)} supports." for k in range(n)]
    beta = [f"The {word(k, 1)} council shut the {word(k, 2)} bridge when {word(k, 3)} engineers discovered "
            f"“{word(k, 4)} {word(k, 5)} cracks” in {word(k, 6)} supports." for k in range(n)]
    files: dict[str, str | None] = {"content/sources/example-gazette-2020-01-02.md": None,
                                    "content/sources/example-bulletin-2020-01-03.md": None}
    files.update(source_files(A, alpha))
    files.update(source_files(B, beta))
    out = tmp_path / "out"
    result = build(make_site(tmp_path / "site", files), out)
    assert (result.code, result.err) == (0, "")
    page = parse(out / "compare.html")
    assert len(page.by_class["shared-quote"]) == len(page.by_class["match"]) == SHOWN
    text = " ".join((out / "compare.html").read_text(encoding="utf-8").split())
    assert f"The {SHOWN} most widely printed of {n} are listed." in text
    assert f"The {SHOWN} closest of {n} are listed." in text
    assert f"It prints {n} shared quotations and {n} passages another source reports in other words." in text


def test_an_editors_insertion_is_not_a_word_the_sources_share(tmp_path: Path) -> None:
    # B's copy of the run shared with C carries an editor's insertion in its middle: the run is still
    # found whole (the source printed those words in a row), the editor's words are not shown as
    # anything a source printed, and adding such an insertion does not make the comparison run again.
    files: dict[str, str | None] = {"content/sources/example-gazette-2020-01-02.md": None,
                                    "content/sources/example-bulletin-2020-01-03.md": None}
    for sid in (A, B, C):
        files.update(source_files(sid))
    root, out = make_site(tmp_path / "site", files), tmp_path / "out"
    assert build(root, out).code == 0
    before = (out / "compare.html").read_bytes()
    md = root / "content" / "sources" / f"{B}.md"
    md.write_text(md.read_text(encoding="utf-8").replace("The committee will", "The committee {++of inquiry++} will"),
                  encoding="utf-8")
    again = build(root, out, "--verbose")
    assert (again.code, [line for line in again.err_lines if "warning" in line]) == (0, [])
    assert "compare_pages" not in [line.split()[0] for line in again.err_lines]     # reused, not run again
    assert "[of inquiry]" in (out / "sources" / f"{B}.html").read_text(encoding="utf-8")   # shown on B's page
    assert (out / "compare.html").read_bytes() == before
    clean = build(root, tmp_path / "clean", "--no-cache")
    assert clean.code == 0 and (tmp_path / "clean" / "compare.html").read_bytes() == before
    page = parse(out / "compare.html")
    assert f"“{RUN_BC}”" in page.by_class["shared-quote__text"]
    assert "inquiry" not in (out / "compare.html").read_text(encoding="utf-8")
