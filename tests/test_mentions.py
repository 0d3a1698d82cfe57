"""Actor mentions: alias matching rules, explicit markers and capitalised names no actor covers."""

from __future__ import annotations

import random
import re

from docket.mentions import (Matcher, Mention, capitalised_unknowns, explicit_markers, fold, strip_markers,
                             with_explicit)
from docket.model import Actor


def actor(actor_id: str, name: str, *aliases: str, ignore_case: tuple[str, ...] = ()) -> Actor:
    return Actor(actor_id, "content/actors.yaml", 1, name, "group", (name, *aliases, *ignore_case), ignore_case)


SONY = actor("sony", "Sony")
SPE = actor("sony-pictures", "Sony Pictures Entertainment", "Sony Pictures")
NK = actor("north-korea", "North Korea", "North Korean", "the North Korean government")
US = actor("united-states", "United States", "U.S.", "US")
AMC = actor("amc", "AMC Theatres", "AMC Theaters", "AMC")


def spans(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    """(actor, words) of each mention: what a reader would check."""
    return [(m.actor, text[m.start:m.end]) for m in matcher.find(text)]


def test_longest_alias_wins_at_a_position() -> None:
    matcher = Matcher.build([SONY, SPE])
    text = "Sony Pictures Entertainment said Sony Pictures and Sony agreed."
    assert matcher.find(text) == [
        Mention("sony-pictures", 0, 27, "Sony Pictures Entertainment"),
        Mention("sony-pictures", 33, 46, "Sony Pictures"),
        Mention("sony", 51, 55, "Sony"),
    ]


def test_leftmost_match_wins_over_a_longer_overlapping_one() -> None:
    matcher = Matcher.build([NK, actor("korea-times", "Korea Times")])
    assert spans(matcher, "North Korea Times") == [("north-korea", "North Korea")]
    assert spans(matcher, "the Korea Times and North Korea") == [("korea-times", "Korea Times"),
                                                                   ("north-korea", "North Korea")]


def test_multi_word_alias_starting_with_lower_case() -> None:
    matcher = Matcher.build([NK])
    assert matcher.find("Officials say the North Korean government denied it.") == [
        Mention("north-korea", 14, 41, "the North Korean government")]


def test_possessive_with_straight_and_curly_apostrophe_is_counted_but_not_in_the_span() -> None:
    matcher = Matcher.build([SONY, SPE])
    assert matcher.find("Sony's offices") == [Mention("sony", 0, 4, "Sony")]
    assert matcher.find("Sony\u2019s offices") == [Mention("sony", 0, 4, "Sony")]
    assert matcher.find("at Sony Pictures\u2019 computers") == [Mention("sony-pictures", 3, 16, "Sony Pictures")]


def test_case_sensitive_unless_the_alias_is_listed_in_ignore_case() -> None:
    plain = Matcher.build([SONY])
    assert spans(plain, "All the world will denounce the SONY. sony. Sony.") == [("sony", "Sony")]
    loose = Matcher.build([actor("sony", "Sony", ignore_case=("SONY",))])
    assert loose.find("the SONY, sony and Sony") == [
        Mention("sony", 4, 8, "SONY"), Mention("sony", 10, 14, "SONY"), Mention("sony", 19, 23, "Sony")]


def test_ignore_case_alias_is_matched_even_when_longer_than_a_case_sensitive_one() -> None:
    matcher = Matcher.build([SONY, actor("spe", "Sony Pictures", ignore_case=("sony pictures",))])
    assert spans(matcher, "SONY PICTURES and Sony") == [("spe", "SONY PICTURES"), ("sony", "Sony")]


def test_word_boundaries() -> None:
    matcher = Matcher.build([SONY, AMC])
    assert matcher.find("Sonya, Sony2, Sony_x, xSony, iSony and ÉSony are not Sony.") == [
        Mention("sony", 53, 57, "Sony")]
    assert spans(matcher, "(Sony) \"Sony\" Sony-backed anti-Sony") == [("sony", "Sony")] * 4


def test_two_spellings_as_two_aliases_and_fallback_to_a_shorter_alias() -> None:
    matcher = Matcher.build([AMC])
    assert spans(matcher, "AMC Theaters, AMC Theatres, AMC Theatresque") == [
        ("amc", "AMC Theaters"), ("amc", "AMC Theatres"), ("amc", "AMC")]
    assert [m.alias for m in matcher.find("AMC Theaters")] == ["AMC Theaters"]


def test_alias_ending_in_a_dot() -> None:
    matcher = Matcher.build([US])
    text = "The U.S. said so. Made in the U.S.\nU.S.-led talks; not U.S.A. nor U.S nor US-style"
    assert spans(matcher, text) == [("united-states", "U.S.")] * 3 + [("united-states", "US")]
    assert [m.start for m in matcher.find(text)] == [4, 30, 35, 74]


def test_white_space_in_text_matches_the_space_of_an_alias() -> None:
    matcher = Matcher.build([NK])
    assert matcher.find("in North\nKorea and North\u00a0Korea but not North  Korea") == [
        Mention("north-korea", 3, 14, "North Korea"), Mention("north-korea", 19, 30, "North Korea")]


def test_apostrophes_inside_aliases_are_folded_both_ways() -> None:
    matcher = Matcher.build([actor("ci", "Côte d’Ivoire"), actor("ob", "O'Brien")])
    assert spans(matcher, "Côte d'Ivoire and O\u2019Brien") == [("ci", "Côte d'Ivoire"), ("ob", "O\u2019Brien")]


def test_no_actors_finds_nothing() -> None:
    assert Matcher.build([]).find("Sony") == []
    assert Matcher.build([SONY]).find("") == []


def test_alias_claimed_twice_goes_to_the_first_actor() -> None:
    matcher = Matcher.build([SONY, actor("other", "Sony")])
    assert spans(matcher, "Sony") == [("sony", "Sony")]


def test_fold_keeps_length() -> None:
    text = "Sony\u2019s \u201cInterview\u201d\u00a0\u2011 x\n"
    assert fold(text) == "Sony's \"Interview\" - x "
    assert len(fold(text)) == len(text)


class _Oracle:
    """The rules written as one regex alternation, longest first: slow, but obviously right."""

    def __init__(self, actors: list[Actor]) -> None:
        alternatives: dict[str, str] = {}
        self.exact: dict[str, tuple[str, str]] = {}
        self.loose: dict[str, tuple[str, str]] = {}
        for a in actors:
            for alias in a.aliases:
                if alias in a.ignore_case:
                    self.loose.setdefault(alias.lower(), (a.id, alias))
                    alternatives.setdefault(alias, f"(?i:{re.escape(alias)})")
                else:
                    self.exact.setdefault(alias, (a.id, alias))
                    alternatives.setdefault(alias, re.escape(alias))
        ordered = sorted(alternatives, key=len, reverse=True)
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives[a] for a in ordered) + r")(?!\w)")

    def find(self, text: str) -> list[Mention]:
        out = []
        for m in self.pattern.finditer(text):
            actor_id, alias = self.exact.get(m.group()) or self.loose[m.group().lower()]
            out.append(Mention(actor_id, m.start(), m.end(), alias))
        return out


def test_matcher_agrees_with_a_regex_oracle_on_random_text() -> None:
    actors = [SONY, SPE, NK, US, AMC, actor("kim", "Kim Jong Un", "Kim"), actor("cia", "CIA", ignore_case=("Cia",)),
              actor("the-north", "the North Korea", ignore_case=("the north korea",))]
    pieces = ["Sony", "SONY", "sony", "Sonya", "Pictures", "Entertainment", "North", "Korea", "Korean", "the",
              "government", "U.S.", "U.S", "US", "A.", "AMC", "Theatres", "Theaters", "Kim", "Jong", "Un", "CIA",
              "cia", "ciA", "'s", "\u2019s", ",", ".", "-", "x", "2", "_"]
    rng = random.Random(1217)
    oracle, matcher = _Oracle(actors), Matcher.build(actors)
    for _ in range(400):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", " ", " ", "\n"]) for _ in range(rng.randint(1, 30)))
        assert matcher.find(text) == oracle.find(fold(text).replace("\n", " ")), text


# --- explicit markers --------------------------------------------------------------------------

MARKED = "Talks with [the North]{@north-korea} stalled;\n[Pyongyang]{@north-korea} said [the\nstudio]{@sony} lied."


def test_explicit_markers_give_text_id_and_line() -> None:
    assert explicit_markers(MARKED) == [("the North", "north-korea", 1), ("Pyongyang", "north-korea", 2),
                                        ("the studio", "sony", 2)]
    assert explicit_markers(MARKED, first_line=9)[1] == ("Pyongyang", "north-korea", 10)


def test_explicit_markers_ignore_escapes_links_and_blank_lines_and_keep_bad_ids_for_checking() -> None:
    text = "\\[no]{@a} [link](http://x) [a\n\nb]{@c} [ok]{@North Korea } [empty]{@}"
    assert explicit_markers(text) == [("ok", "North Korea", 3), ("empty", "", 3)]


def test_strip_markers_leaves_the_words_and_their_offsets() -> None:
    stripped, found = strip_markers(MARKED)
    assert stripped == "Talks with the North stalled;\nPyongyang said the\nstudio lied."
    assert found == [(11, 20, "north-korea"), (30, 39, "north-korea"), (45, 55, "sony")]
    assert [stripped[s:e] for s, e, _ in found] == ["the North", "Pyongyang", "the\nstudio"]


def test_strip_markers_without_markers_is_identity() -> None:
    assert strip_markers("No [link] here.") == ("No [link] here.", [])


def test_explicit_mentions_win_over_overlapping_found_ones() -> None:
    stripped, found = strip_markers("[Sony Pictures]{@sony} and Sony Pictures")
    mentions = Matcher.build([SPE]).find(stripped)
    assert with_explicit(mentions, found, stripped) == [Mention("sony", 0, 13, "Sony Pictures"),
                                                        Mention("sony-pictures", 18, 31, "Sony Pictures")]


# --- capitalised names no actor covers ---------------------------------------------------------

def unknowns(text: str, *actors: Actor) -> list[tuple[str, int]]:
    return capitalised_unknowns(text, Matcher.build(actors))


def test_single_word_skipped_at_sentence_start_but_reported_elsewhere() -> None:
    assert unknowns("Japan argued. Officials said Japan argued.") == [("Japan", 29)]
    assert unknowns("WASHINGTON \u2014 US officials said") == [("US", 13)]


def test_multi_word_names_reported_even_at_sentence_start() -> None:
    assert unknowns("Regal Entertainment and Carmike Cinemas agreed.") == [("Regal Entertainment", 0),
                                                                            ("Carmike Cinemas", 24)]


def test_stopwords_split_and_are_dropped() -> None:
    text = "Sony on Wednesday said. The White House and Sony said on Wednesday that But Obama left in December."
    assert unknowns(text, SONY) == [("White House", 28), ("Obama", 76)]


def test_connectors_join_and_possessives_are_left_out() -> None:
    text = "the Department of Homeland Security said Obama\u2019s aides and Kim Jong Un's envoy met"
    assert unknowns(text) == [("Department of Homeland Security", 4), ("Obama", 41),
                              ("Kim Jong Un", 59)]


def test_names_covered_by_aliases_or_markers_are_not_reported() -> None:
    text = "Officials in North Korea and the U.S. blamed Sony. The aides of Kim left."
    assert unknowns(text, NK, US, SONY) == [("Kim", 64)]
    stripped, found = strip_markers("Officials said [Kim]{@kim-jong-un} left.")
    assert capitalised_unknowns(stripped, Matcher.build([]), found) == []


def test_partly_covered_name_is_reported_whole() -> None:
    text = "a letter to Sony Pictures Entertainment staff"
    assert unknowns(text, actor("spe", "Sony Pictures")) == [("Sony Pictures Entertainment", 12)]


def test_abbreviation_dot_does_not_end_the_sentence() -> None:
    assert unknowns("the U.S. Cyber Command said on Dec. 17 that Sony left.") == [
        ("U.S. Cyber Command", 4), ("Sony", 44)]
    assert unknowns("sent to the U.S. Homeland staff", US) == [("U.S. Homeland", 12)]


def test_headline_lines_are_skipped() -> None:
    text = "US Intelligence Implicates North Korea In Sony Hack\nthe hack of Sony was blamed on Pyongyang."
    assert unknowns(text) == [("Sony", 64), ("Pyongyang", 83)]


def test_a_mention_pickles_whole_and_small() -> None:
    """MentionRef and MentionLine pickle as calls with every field (__reduce__): a field added later and left out
    of it would come back wrong; and they have no __dict__ (430,000 of them at 10,000 sources)."""
    import dataclasses
    import pickle
    from docket.link import MentionLine, MentionRef
    values = {f.name: (f"v{n}" if f.type == "str" else True if f.type == "bool" else n + 1)
              for n, f in enumerate(dataclasses.fields(MentionRef))}
    ref = MentionRef(**values)
    assert dataclasses.asdict(pickle.loads(pickle.dumps(ref))) == values
    # A line holds its paragraph's text; pickled, only its sentence, and it shows the same words
    paragraph = "Sony said so. The studio’s hackers struck on Monday. Nobody paid."
    ref = MentionRef("hackers", "s", 0, 27, 34, 14, 52, 13)
    line = MentionLine(ref, paragraph, ref.sentence_from)
    assert (line.sentence, line.before, line.name, line.after) == (
        "The studio’s hackers struck on Monday.", "The studio’s ", "hackers", " struck on Monday.")
    again = pickle.loads(pickle.dumps(line))
    assert again == line and hash(again) == hash(line) and again.text == line.sentence
    assert (again.before, again.name, again.after, again.href, again.paragraph) == (
        line.before, line.name, line.after, "../sources/s.html#p-1", 1)
    assert line != MentionLine(ref, paragraph.replace("Monday", "Sunday"), ref.sentence_from)
    assert not hasattr(ref, "__dict__") and not hasattr(line, "__dict__")
