"""docket/compare.py on small made-up texts: shared quotations, verbatim runs, close matches, the caps, determinism.

The sentences are test data, not journalism.
"""

from __future__ import annotations

import os
from collections import Counter
import subprocess
import sys

from docket.compare import (COMMON_WINDOW, MATCHES_PER_SENTENCE, MAX_CANDIDATES, RARE_CAP, RUN_WORDS, closest, compare, mark_changes, matching_passages,
                            sentences, shared_values, stream)
from helpers import REPO


def quotes(found):  # type: ignore[no-untyped-def]
    return [(q.text, q.words, q.quoted, [(o.source, o.block, o.quoted) for o in q.occurrences]) for q in found.quotations]


def test_a_quotation_in_curly_marks_meets_the_same_words_in_straight_ones() -> None:
    found = compare({"a": ("Officials said the government was “centrally involved” in the attack.",),
                     "b": ('Sources said the state was "centrally involved" in it.',)})
    assert quotes(found) == [("centrally involved", 2, True, [("a", 0, True), ("b", 0, True)])]


def test_apostrophes_and_case_are_folded_and_an_unquoted_printing_counts() -> None:
    found = compare({"a": ("Intro.", "He called it “the studio’s worst week” on Monday."),
                     "b": ("Critics agree The Studio's Worst Week was the talk of the town.",)})
    assert quotes(found) == [("the studio’s worst week", 4, True, [("a", 1, True), ("b", 0, False)])]
    assert found.quotations[0].occurrences[1].text == "The Studio's Worst Week"


def test_one_word_quotes_titles_and_quotes_one_source_prints_are_not_shared() -> None:
    found = compare({"a": ("It was “bad”, said the film “The Interview” and “only here” too.",),
                     "b": ("It was bad, said The Interview, but not only there.",)})
    assert quotes(found) == []


def test_a_quotation_inside_a_longer_shared_one_is_listed_once() -> None:
    found = compare({"a": ("The mayor spoke of “a grave and deliberate failure” and of a “deliberate failure”.",),
                     "b": ('A union spoke of "a grave and deliberate failure" on Monday.',)})
    assert [q.text for q in found.quotations] == ["a grave and deliberate failure"]


def test_a_verbatim_run_counts_from_eight_words_and_is_kept_whole() -> None:
    eight = "the committee will publish its findings next spring"
    assert len(eight.split()) == RUN_WORDS
    found = compare({"a": (f"A clerk said {eight}.",), "b": (f"Then {eight}, officials said.",)})
    assert quotes(found) == [(eight, 8, False, [("a", 0, False), ("b", 0, False)])]
    seven = "the committee will publish its findings soon"
    assert quotes(compare({"a": (f"A clerk said {seven}.",), "b": (f"Then {seven}, officials said.",)})) == []
    longer = "We recommend you to keep yourself distant from the places at that time"
    found = compare({"a": ("Intro.", f"The message read: {longer}. More followed."),
                     "b": (f"It warned: {longer}!",)})
    assert quotes(found) == [(longer, 13, False, [("a", 1, False), ("b", 0, False)])]


def test_the_values_two_arrays_hold_are_found_over_the_whole_range_and_repeats_in_one_do_not_count() -> None:
    from array import array
    low, high = -(1 << 63), (1 << 63) - 1
    arrays = [array("q", [low, 5, 5, high, -7]), array("q", [9, 9, 9]), array("q", [high, 0, -7, 1 << 40]),
              array("q", [low, 1 << 40]), array("q", [])]
    expected = {low, high, -7, 1 << 40}
    for parts in (1, 2, 16, 64):         # the ranges' edges fall between and on the values
        assert shared_values(arrays, parts) == expected
    assert shared_values([array("q", [3, 3])]) == set()


def test_a_sites_paragraphs_are_compared_as_they_are_held_with_the_same_findings_as_tuples() -> None:
    from docket.packed import Paragraphs
    texts = {"a": ("Officials said the government was “centrally involved” in the attack on the studio.",
                   "The studio cancelled the release of the film on Wednesday after the threats."),
             "b": ("Sources said the state was \"centrally involved\" in it.",
                   "The studio cancelled the release of the film on Wednesday after the threats, sources said.")}
    held = compare({sid: Paragraphs.of(blocks) for sid, blocks in texts.items()})
    assert held == compare(texts) and quotes(held)       # not decoded into tuples first (memory), same findings


def test_a_verbatim_run_across_paragraphs_joins_their_words() -> None:
    found = compare({"a": ("Remember the 11th of September 2001.", "We recommend you to keep yourself distant."),
                     "b": ("It said: Remember the 11th of September 2001. We recommend you to keep yourself distant.",)})
    [q] = found.quotations
    assert (q.text, q.words) == ("Remember the 11th of September 2001. We recommend you to keep yourself distant", 13)
    assert [(o.source, o.block, o.end_block) for o in q.occurrences] == [("a", 0, 1), ("b", 0, 0)]


def test_a_run_inside_a_quotation_is_shown_once_as_the_quotation() -> None:
    words = "the world will be full of fear and dread tonight"
    found = compare({"a": (f"The hackers wrote “{words}” in a note.",), "b": (f'They wrote "{words}" on the site.',)})
    assert quotes(found) == [(words, 10, True, [("a", 0, True), ("b", 0, True)])]


def test_the_most_widely_printed_comes_first_then_the_longest() -> None:
    found = compare({"a": ("They said “entirely without precedent” and “grave and deliberate failure”.",),
                     "b": ("It was “grave and deliberate failure”, they said.",),
                     "c": ("Some called it “entirely without precedent” and “grave and deliberate failure”.",)})
    assert [(q.text, q.sources) for q in found.quotations] == [
        ("grave and deliberate failure", ("a", "b", "c")), ("entirely without precedent", ("a", "c"))]


def test_close_sentences_are_matched_with_the_changed_words_marked() -> None:
    a = "The council closed the northern bridge on Tuesday after engineers found deep cracks in two supports."
    b = "On Tuesday the council shut the northern bridge when engineers discovered deep cracks in two supports."
    found = compare({"x": ("An unrelated opening line about the weather in spring.", a), "y": (b,)})
    [m] = found.matches
    assert (m.a.source, m.a.block, m.a.text, m.b.source, m.b.block, m.b.text) == ("x", 1, a, "y", 0, b)
    assert 0.25 <= m.score <= 1
    a_html, b_html = mark_changes(m.a.text, m.b.text)
    assert a_html == ('The council <mark class="diff">closed</mark> the northern bridge <mark class="diff">on Tuesday '
                        'after</mark> engineers <mark class="diff">found</mark> deep cracks in two supports.')
    assert b_html == ('<mark class="diff">On Tuesday</mark> the council <mark class="diff">shut</mark> the northern '
                        'bridge <mark class="diff">when</mark> engineers <mark class="diff">discovered</mark> deep '
                        'cracks in two supports.')


def test_marked_changes_are_escaped() -> None:
    assert mark_changes("Tom & Jerry <b> won", "Tom & Jerry <b> lost") == (
        'Tom &amp; Jerry &lt;b&gt; <mark class="diff">won</mark>', 'Tom &amp; Jerry &lt;b&gt; <mark class="diff">lost</mark>')


def test_unrelated_sentences_and_sentences_of_one_source_are_not_matched() -> None:
    found = compare({"x": ("The council closed the northern bridge after engineers found cracks in its supports.",
                           "The council shut the northern bridge when engineers discovered cracks in the supports."),
                     "y": ("Ferries will run every twenty minutes from the old pier until the summer season.",)})
    assert found.matches == ()
    assert found.candidates == 0


def test_the_same_sentence_word_for_word_is_a_run_not_a_match() -> None:
    text = "The council closed the northern bridge after engineers found cracks in its supports."
    found = compare({"x": (text,), "y": (text.replace("The", "the", 1),)})
    assert found.matches == ()
    assert [q.quoted for q in found.quotations] == [False]


def test_each_sentence_is_matched_once_per_other_source() -> None:
    base = "The council closed the northern bridge on Tuesday after engineers found deep cracks in two supports"
    found = compare({"x": (base + ".", base + " yesterday."), "y": (base.replace("closed", "shut") + " today.",)})
    assert [(m.a.source, m.a.block, m.b.source) for m in found.matches] == [("x", 0, "y")]


def test_scored_pairs_stay_below_a_fixed_number_per_sentence_as_sources_grow() -> None:
    line = "Engineers from the {} agency found deep cracks in two supports of the northern bridge on Tuesday morning."
    names = [f"zorbla{k}" for k in range(60)]
    for n in (5, 20, 60):
        found = compare({f"s{k}": (line.format(names[k]),) for k in range(n)})
        assert found.candidates <= MAX_CANDIDATES * n
        assert found.candidates == sum(min(MAX_CANDIDATES, n - 1 - k) for k in range(n))
        assert len(found.matches) <= found.candidates
        shown = Counter(s for m in found.matches for s in (m.a.source, m.b.source))
        assert max(shown.values()) == min(MATCHES_PER_SENTENCE, n - 1)
    assert RARE_CAP >= 60                          # every word of these sentences was rare enough to pair them


def test_a_word_in_more_sentences_than_the_cap_pairs_only_the_next_few_that_use_it() -> None:
    filler = tuple(f"Residents of district {k} were told to boil water said engineers at the bridge." for k in range(RARE_CAP))
    found = matching_passages({"x": ("Engineers at the bridge told residents to boil water.",), "y": filler})
    assert found.candidates == COMMON_WINDOW         # every word is in 65 sentences: only the next few are scored
    assert [(m.a.source, m.b.source, m.b.block) for m in found.shown] == [("x", "y", 0)]
    assert (found.count, found.by_source) == (1, (("x", 1), ("y", 1)))


def test_copies_of_one_text_in_many_sources_still_meet_their_neighbours() -> None:
    line = "Engineers found deep cracks in two supports of the northern bridge, {} said on Tuesday morning."
    n = RARE_CAP + 16
    found = compare({f"s{k:03d}": (line.format(f"Zorblax{k}"),) for k in range(n)})
    assert found.candidates <= COMMON_WINDOW * n
    shown = Counter(s for m in found.matches for s in (m.a.source, m.b.source))
    assert set(shown) == {f"s{k:03d}" for k in range(n)}          # every copy is matched with another
    assert max(shown.values()) <= MATCHES_PER_SENTENCE


def test_given_a_limit_only_the_closest_matches_are_kept_and_all_are_counted() -> None:
    line = "Engineers found {} cracks in two supports of the northern bridge, {} said on Tuesday morning."
    depth = ("deep", "long", "thin", "wide", "new")
    sources = {f"s{k:02d}": (line.format(depth[k % 5], f"Zorblax{k}"), "The ferry runs at noon.") for k in range(30)}
    whole = compare(sources)
    few = compare(sources, shown=7)
    assert len(whole.matches) > 7 and len({m.score for m in whole.matches}) > 1
    ranked = sorted(range(len(whole.matches)), key=lambda k: (-whole.matches[k].score, k))[:7]
    assert few.matches == tuple(whole.matches[k] for k in sorted(ranked))
    assert few.match_count == whole.match_count == len(whole.matches)
    every = Counter(s for m in whole.matches for s in (m.a.source, m.b.source))
    assert dict(few.matched) == dict(whole.matched) == every
    assert [s for s, _ in few.matched] == sorted(every)                  # in the order the sources were given
    assert (few.quotations, few.candidates) == (whole.quotations, whole.candidates)


def test_streams_and_sentences_keep_offsets_into_their_blocks() -> None:
    st = stream(("One two.", "Three’s four-five six"))
    assert st.norms == ("one", "two", "three's", "four-five", "six")
    assert tuple(map(tuple, (st.starts, st.ends, st.first))) == ((0, 4, 0, 8, 18), (3, 7, 7, 17, 21), (0, 2, 5))
    assert [st.block_of(i) for i in range(5)] == [0, 0, 1, 1, 1]
    assert [stream(("a b", "", "c")).block_of(i) for i in range(3)] == [0, 0, 2]     # an empty block holds no word
    assert st.span(1, 0, 17) == (2, 4)
    assert [(s.block, s.start, s.end, s.text) for s in sentences("x", ("First one. “Second” one! third", " Last. "))] == [
        (0, 0, 10, "First one."), (0, 11, 30, "“Second” one! third"), (1, 1, 6, "Last.")]


def test_the_findings_do_not_depend_on_the_process() -> None:
    script = ("import sys; sys.path[:0] = ['tests', '.']\n"
              "from test_compare_three import PARAGRAPHS\n"
              "from docket.compare import compare\n"
              "print(repr(compare({k: tuple(v) for k, v in PARAGRAPHS.items()})))\n")
    runs = [subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")]
    assert runs[0] == runs[1] == runs[2]
    assert "grave and deliberate" in runs[0] and "Match(" in runs[0]


def test_the_page_keeps_the_closest_matches_in_reading_order() -> None:
    scores = (0.3, 0.9, 0.3, 0.5, 0.9)
    assert closest(scores, 3) == [1, 3, 4]
    assert closest(scores, 4) == [0, 1, 3, 4]
    assert closest(scores, 10) == [0, 1, 2, 3, 4]
    assert closest(scores, 0) == closest((), 3) == []
