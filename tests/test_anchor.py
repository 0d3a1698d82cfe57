from __future__ import annotations

import random

import pytest

import docket.anchor as anchor_module
from docket.anchor import Ambiguous, Anchor, Locator, NotFound, _fold, _fold_text, fold, locate
from docket.htmltext import Document
from htmlcheck import render

# Paragraphs copied verbatim from seeds/readwrite-2014-12-17.txt and seeds/bostonglobe-2014-12-17.txt
RW1 = ("Just as Sony Pictures canned the premiere of The Interview, the film that triggered its "
       "now-infamous cyber attack, U.S. intelligence sources told The New York Times Wednesday "
       "that North Korea was indeed \u201ccentrally involved\u201d in the hack.")
RW2 = ("North Korean leader Kim Jong Un previously denied responsibility, but unnamed \u201csenior "
       "administration officials\u201d now tell The Times they have reason to believe the country "
       "was behind the exploit: Data forensics unearthed a computer that had been previously used "
       "in cyberattacks on South Korea. The evidence strongly suggests\u2014though does not "
       "definitively prove\u2014North Korea\u2019s involvement.")
BG1 = ("WASHINGTON \u2014 US intelligence officials have concluded that the North Korean government "
       "was \u201ccentrally involved\u201d in the recent attacks on Sony Pictures\u2019 computers, a "
       "determination reached just as Sony on Wednesday canceled its release of the comedy "
       "\u201cThe Interview,\u201d which is based on a plot to assassinate Kim Jong Un, the North "
       "Korean leader.")
BLOCKS = [RW1, RW2, BG1]


def found_text(blocks: list[str], result: object) -> str:
    assert isinstance(result, Anchor), result
    return blocks[result.block][result.start:result.end]


# --- fold ----------------------------------------------------------------------------------

def test_fold_normalises_space_quotes_dashes_and_keeps_case() -> None:
    text = "A\u00a0\u202f\u2009b\n\n\tC \u2018d\u2019 \u201ce\u201d \u201ef\u201f \u2032\u2033 \u00abg\u00bb \u2039h\u203a"
    assert fold(text)[0] == "A b C 'd' \"e\" \"f\" '\" \"g\" 'h'"
    dashes = "1\u20102\u20113\u20124\u20135\u20146\u20157\u22128--9"
    assert fold(dashes)[0] == "1-2-3-4-5-6-7-8--9"
    assert fold("co\u00adop\u200beration\u2026")[0] == "cooperation..."
    assert fold("  lead and trail  ") == (" lead and trail ", [0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18])


def test_fold_map_points_every_folded_char_at_its_origin() -> None:
    text = "a \u00a0b\u00adc\u2014d e\u0301 \u2026!"
    folded, where = fold(text)
    assert folded == "a bc-d \u00e9 ...!"
    assert where == [0, 1, 3, 5, 6, 7, 8, 9, 11, 12, 12, 12, 13, 14]
    assert len(where) == len(folded) + 1 and where[-1] == len(text)


def test_soft_hyphen_or_invisible_chars_next_to_spaces_collapse_into_one_space() -> None:
    assert fold("a \u00ad b\u200b \u00a0c")[0] == "a b c"


@pytest.mark.parametrize("seed", range(40))
def test_fold_map_is_monotonic_and_both_folds_agree_on_random_text(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = "ab \u00a0\n\t\u2019\u201c\u2014\u00ad\u200b\u2026-'\""
    if seed % 2:
        alphabet += "e\u0301\u0327"
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200)))
    folded, where = fold(text)
    assert _fold_text(text) == folded
    full, sparse = _fold(text)
    assert full == folded
    starts = [sparse.start(i) for i in range(len(folded))]
    ends = [sparse.end(i) for i in range(len(folded))]
    assert starts == where[:-1] and where[-1] == len(text)
    assert all(a < b <= len(text) for a, b in zip(starts, ends))
    assert all(x <= y for x, y in zip(where, where[1:]))
    assert "  " not in folded
    # each folded char comes from the fold of the original text it maps to
    for i, c in enumerate(folded):
        assert c in fold(text[starts[i]:ends[i]])[0]


# --- exact anchoring -----------------------------------------------------------------------

def test_straight_quotes_match_curly_ones_and_back() -> None:
    result = locate(BLOCKS, 'North Korea was indeed "centrally involved" in the hack')
    assert found_text(BLOCKS, result) == "North Korea was indeed \u201ccentrally involved\u201d in the hack"
    assert result == Anchor(0, RW1.index("North Korea was"), RW1.index(" in the hack") + 12)
    straight = ["the \"plain\" and 'single' ones"]
    assert found_text(straight, locate(straight, "\u201cplain\u201d and \u2018single\u2019")) == "\"plain\" and 'single'"


def test_hyphen_matches_em_dash_and_apostrophe_matches_right_quote() -> None:
    result = locate(BLOCKS, "suggests-though does not definitively prove-North Korea's involvement")
    assert found_text(BLOCKS, result) == (
        "suggests\u2014though does not definitively prove\u2014North Korea\u2019s involvement")
    assert isinstance(locate(BLOCKS, "WASHINGTON - US intelligence"), Anchor)
    assert isinstance(locate(BLOCKS, "WASHINGTON -- US intelligence"), NotFound)


def test_nbsp_line_breaks_and_extra_spaces_in_the_quote_or_the_source() -> None:
    quote = "  Data forensics\n   unearthed a\u00a0computer\r\nthat had been  "
    assert found_text(BLOCKS, locate(BLOCKS, quote)) == "Data forensics unearthed a computer that had been"
    blocks = ["about 10\u00a0000\u202fpeople, said\n the   report"]
    assert found_text(blocks, locate(blocks, "10 000 people, said the report")) == (
        "10\u00a0000\u202fpeople, said\n the   report")


def test_quote_spanning_emphasis_in_rendered_markdown() -> None:
    doc = Document.parse(render("Intro.\n\nThe film *that triggered* its **now-infamous** cyber attack."))
    blocks = [b.text for b in doc.blocks]
    assert blocks == ["Intro.", "The film that triggered its now-infamous cyber attack."]
    result = locate(blocks, "film that triggered its now-infamous cyber")
    assert result == Anchor(1, 4, 46)
    assert found_text(blocks, result) == "film that triggered its now-infamous cyber"


def test_case_is_significant() -> None:
    assert isinstance(locate(BLOCKS, "north korean leader Kim"), NotFound)
    assert isinstance(locate(BLOCKS, "North Korean leader Kim"), Anchor)


def test_accents_and_offsets_map_back_exactly() -> None:
    blocks = ["Le président a déclaré\u00a0: «\u00a0ça suffit\u00a0» — fin.", "Über naïve Zoë"]
    result = locate(blocks, 'déclaré : " ça suffit " - fin')
    assert found_text(blocks, result) == "déclaré\u00a0: «\u00a0ça suffit\u00a0» — fin"
    assert result == Anchor(0, 15, 44)
    assert found_text(blocks, locate(blocks, "naïve Zoë")) == "naïve Zoë"


def test_decomposed_accents_match_composed_ones_both_ways() -> None:
    decomposed = ["Cafe\u0301 de\u0301ja\u0300 vu"]
    result = locate(decomposed, "Café déjà")
    assert found_text(decomposed, result) == "Cafe\u0301 de\u0301ja\u0300"
    composed = ["Café déjà vu"]
    assert found_text(composed, locate(composed, "de\u0301ja\u0300 vu")) == "déjà vu"


def test_soft_hyphens_in_the_source_are_ignored_and_excluded_at_the_edges() -> None:
    blocks = ["an extra\u00ad\u00adordinary claim\u00ad"]
    assert found_text(blocks, locate(blocks, "extraordinary claim")) == "extra\u00ad\u00adordinary claim"


def test_ellipsis_typed_as_three_dots() -> None:
    blocks = ["It said\u2026 nothing."]
    assert found_text(blocks, locate(blocks, "said... nothing")) == "said\u2026 nothing"


def test_quote_may_not_cross_blocks() -> None:
    result = locate(BLOCKS, "in the hack. North Korean leader Kim Jong Un")
    assert isinstance(result, NotFound)
    assert result.closest in ("North Korean leader Kim Jong Un", "in the hack.")


# --- repeated quotes -----------------------------------------------------------------------

REPEATS = ["He said no. She said no. They said no.", "And the board said no."]


def test_repeated_quote_is_ambiguous_with_the_shortest_prefix_suggested() -> None:
    assert locate(REPEATS, "said no") == Ambiguous(4, "He")
    assert locate(REPEATS, "no.") == Ambiguous(4, "He said")


def test_the_suggested_prefix_anchors_the_first_occurrence() -> None:
    for quote in ("said no", "no.", "no", "said"):
        result = locate(REPEATS, quote)
        assert isinstance(result, Ambiguous)
        anchored = locate(REPEATS, quote, prefix=result.prefix)
        assert isinstance(anchored, Anchor)
        assert anchored.block == 0 and REPEATS[0].index(fold(quote)[0]) == anchored.start


def test_prefix_or_suffix_picks_one_occurrence_tolerating_space_and_typography() -> None:
    assert locate(REPEATS, "said no", prefix="She ") == Anchor(0, 16, 23)
    assert locate(REPEATS, "said no", prefix="  She") == Anchor(0, 16, 23)
    assert locate(REPEATS, "said no", prefix="board") == Anchor(1, 14, 21)
    assert locate(REPEATS, "said", suffix=" no. They") == Anchor(0, 16, 20)
    assert locate(REPEATS, "said no", prefix="They", suffix=".") == Anchor(0, 30, 37)
    curly = ["\u201cYes,\u201d he said. \u201cYes,\u201d she said."]
    assert locate(curly, "Yes", prefix='"', suffix='," she') == Anchor(0, 17, 20)


def test_prefix_reaches_into_the_previous_block() -> None:
    blocks = ["It ended.", "said no to it", "Then it began.", "said no again"]
    assert locate(blocks, "said no") == Ambiguous(2, "ended.")
    assert locate(blocks, "said no", prefix="began.") == Anchor(3, 0, 7)
    assert locate(blocks, "said no", suffix="again") == Anchor(3, 0, 7)


def test_a_prefix_that_still_leaves_several_is_ambiguous() -> None:
    blocks = ["I said no. You said no. I said no."]
    assert locate(blocks, "said no", prefix="I") == Ambiguous(2, "", ". You")
    # no prefix can single out the first occurrence (nothing differs before it), a suffix can
    assert locate(blocks, "said no") == Ambiguous(3, "", ". You")


def test_context_may_come_from_the_next_block_and_is_limited_to_40_words() -> None:
    assert locate(["same words", "same words"], "same words") == Ambiguous(2, "", "same")
    paragraph = " ".join(f"w{i}" for i in range(45))
    assert locate([paragraph, paragraph], "w0 w1") == Ambiguous(2, "", "")


def test_overlapping_occurrences_count() -> None:
    assert locate(["aaa"], "aa") == Ambiguous(2, "", "a")
    assert locate(["aaa"], "aa", prefix="a") == Anchor(0, 1, 3)


def test_a_wrong_prefix_is_not_found_and_shows_the_real_context() -> None:
    result = locate(REPEATS, "said no", prefix="We")
    assert isinstance(result, NotFound)
    assert result.block == 0 and result.closest.endswith("said no.")


# --- not found -----------------------------------------------------------------------------

def test_not_found_gives_the_closest_passage_in_original_text() -> None:
    result = locate(BLOCKS, "Data forensics uncovered a computer that was previously used in cyber-attacks on South Korea")
    assert isinstance(result, NotFound)
    assert result.block == 1
    assert result.closest == ("Data forensics unearthed a computer that had been previously used in "
                              "cyberattacks on South Korea.")
    assert 0.8 < result.score < 1.0


def test_closest_passage_keeps_the_sources_typography() -> None:
    result = locate(BLOCKS, 'was "centrally involved" in the recent attack on Sony Pictures')
    assert isinstance(result, NotFound)
    assert (result.block, result.closest) == (
        2, "was \u201ccentrally involved\u201d in the recent attacks on Sony Pictures\u2019")


def test_every_word_misspelt_still_finds_a_passage() -> None:
    result = locate(BLOCKS, "forensicks unearthd")
    assert isinstance(result, NotFound)
    assert result.block == 1 and "forensics unearthed" in result.closest


def test_nothing_similar_gives_an_empty_closest() -> None:
    assert locate(BLOCKS, "zzzz qqqq") == NotFound("", -1, 0.0)


def test_empty_and_blank_quotes_are_not_found() -> None:
    assert locate(BLOCKS, "") == NotFound("", -1, 0.0)
    assert locate(BLOCKS, " \n\u00a0") == NotFound("", -1, 0.0)
    assert locate([], "anything") == NotFound("", -1, 0.0)


def test_quote_longer_than_the_block() -> None:
    blocks = ["Short one.", "Sony canceled the release."]
    result = locate(blocks, "Sony canceled the release on Wednesday after threats")
    assert isinstance(result, NotFound)
    assert (result.block, result.closest) == (1, "Sony canceled the release.")


# --- the Locator ---------------------------------------------------------------------------

def test_locator_gives_the_same_answers_as_locate() -> None:
    locator = Locator(BLOCKS + REPEATS)
    for quote, prefix in (("Kim Jong Un", ""), ("said no", ""), ("said no", "She"), ("nope nope", "")):
        assert locator.locate(quote, prefix) == locate(BLOCKS + REPEATS, quote, prefix)
    assert locator.blocks == tuple(BLOCKS + REPEATS)


def test_the_word_index_finds_exactly_what_scanning_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(3)
    words = ["Sony", "said", "no", "North", "Korea", "the", "film", "\u201cthe", "Interview\u201d"]
    blocks = [" ".join(rng.choice(words) for _ in range(rng.randint(5, 40))) for _ in range(60)]
    quotes = []
    for _ in range(300):
        b = rng.randrange(len(blocks))
        start = rng.randrange(len(blocks[b]) - 3)
        quotes.append(blocks[b][start:start + rng.randint(3, 40)])
    monkeypatch.setattr(anchor_module, "_INDEX_AFTER_SCANS", 10**9)
    scanning = Locator(blocks)
    expected = [scanning.locate(q) for q in quotes]
    monkeypatch.setattr(anchor_module, "_INDEX_AFTER_SCANS", 0)
    indexed = Locator(blocks)
    assert [indexed.locate(q) for q in quotes] == expected
    assert indexed._index is not None and scanning._index is None
    assert sum(isinstance(r, Anchor) for r in expected) > 50
    assert sum(isinstance(r, Ambiguous) for r in expected) > 50
