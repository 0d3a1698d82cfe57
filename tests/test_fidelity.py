"""Fidelity: every word of a source page comes from its seed, in order; insertions are marked."""

from __future__ import annotations

from pathlib import Path

from docket.diagnostics import Diagnostics
from docket.fidelity import Omission, Word, check_source, compare, words
from docket.model import Source
from docket.packed import PackedText

HINT = "(restore the seed's wording, or mark an editor's insertion as {++your words++})"


def _source(body: str, headline: str = "The headline", seed: str = "s.txt") -> Source:
    return Source(id="s", path="content/sources/s.md", headline=headline, outlet="O", published="2020-01-02",
                  url="https://example.org/", seed=seed, sha256="", packed_body=PackedText.of(body), body_line=10,
                  front_lines=(("headline", 2),))


def _compare(body: str, seed: str, headline: str = "The headline") -> tuple[list[Omission], list[str]]:
    diags = Diagnostics()
    omissions = compare(_source(body, headline), seed, diags)
    return omissions, [d.format() for d in diags.items]


def test_words_fold_apostrophes_and_keep_lines() -> None:
    assert words("It’s a “test” — U.S. 2,000 don't\n&amp; café_x", 3) == [
        Word("It's", 3), Word("a", 3), Word("test", 3), Word("U", 3), Word("S", 3), Word("2", 3), Word("000", 3),
        Word("don't", 3), Word("café", 4), Word("x", 4)]


def test_identical_text_is_silent() -> None:
    seed = "The headline\n\nOne “two” three.\n\nFour—five.\n"
    assert _compare("One \"two\" three.\n\n> Four -- five.", seed) == ([], [])


def test_markdown_syntax_is_not_counted_as_words() -> None:
    seed = "The headline\n\nRead the report here and the note.\n"
    body = ("Read *the* [report](https://example.org/report-2014) **here** and the [note][n].\n\n"
            "[n]: https://example.org/notes\n\n<span class=\"x\">and</span> [the]{@actor-id}")
    omissions, problems = _compare(body, seed + "and the\n")
    assert (omissions, problems) == ([], [])


def test_a_changed_word_warns_on_its_line_and_is_an_omission() -> None:
    omissions, problems = _compare("one\n\nzwei three", "The headline one two three")
    assert omissions == [Omission(1, 1, "two")]
    assert problems == [f"content/sources/s.md:12: warning: words not in the seed seeds/s.txt: 'zwei' {HINT}"]


def test_a_headline_word_warns_on_the_headline_line() -> None:
    _, problems = _compare("one two", "The headline one two", headline="The new headline")
    assert problems == [f"content/sources/s.md:2: warning: words not in the seed seeds/s.txt: 'new' {HINT}"]


def test_added_words_are_grouped_per_line_and_cut_after_ten() -> None:
    body = "a b c d e f g h i j k l\n\nx and y"
    _, problems = _compare(body, "The headline x y")
    assert problems == [
        f"content/sources/s.md:10: warning: words not in the seed seeds/s.txt: 'a b c d e f g h i j …' {HINT}",
        f"content/sources/s.md:12: warning: words not in the seed seeds/s.txt: 'and' {HINT}",
    ]


def test_words_out_of_order_warn() -> None:
    omissions, problems = _compare("second first", "The headline first second")
    assert problems == [f"content/sources/s.md:10: warning: words not in the seed seeds/s.txt: 'second' {HINT}"]
    assert omissions == [Omission(1, 1, "second")]


def test_editors_insertions_are_not_warned_even_across_lines() -> None:
    body = "one {++(sic)++} two {++and a\nlonger note++} three"
    assert _compare(body, "The headline one two three") == ([], [])


def test_omissions_name_their_seed_line_and_preview_twelve_words() -> None:
    seed = "Menu Home Subscribe\nThe headline\nKept words.\n\nSee also: one two three four five six seven eight nine ten eleven\n"
    omissions, problems = _compare("Kept words.", seed)
    assert problems == []
    assert omissions == [
        Omission(1, 3, "Menu Home Subscribe"),
        Omission(5, 13, "See also one two three four five six seven eight nine ten …"),
    ]


def test_check_source_notes_omissions_only_when_asked(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds/s.txt").write_text("Menu\n\nThe headline\n\nBody text.\n", encoding="utf-8")
    source = _source("Body text.")
    diags = Diagnostics()
    check_source(tmp_path, source, diags, list_omissions=False)
    assert diags.items == []
    check_source(tmp_path, source, diags, list_omissions=True)
    assert [d.format() for d in diags.items] == [
        "seeds/s.txt:1: note: omitted from content/sources/s.md: 1 word(s): 'Menu' "
        "(page boilerplate may be left out; make sure no sentence of the article is)"]


def test_html_seeds_are_compared_by_their_text(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds/s.html").write_text(
        "<html><head><style>p { x: y }</style><script>var a = 1;</script></head>"
        "<body><h1>The headline</h1><p>Caf&eacute; &amp; <b>bar</b> it&rsquo;s</p></body></html>", encoding="utf-8")
    diags = Diagnostics()
    check_source(tmp_path, _source("Café & bar it's", seed="s.html"), diags, list_omissions=True)
    assert diags.items == []
