from __future__ import annotations

import html
import random

import pytest

from docket.htmltext import Block, Document, Placed, Span
from htmlcheck import check, marks_per_char, render

SNIPPETS = [
    "Plain paragraph.",
    "Sony said *it would not* release **The Interview** on [Christmas](https://example.com/a?b=1&c=2).",
    "AT&T and AT&amp;T, 3 < 4 > 2, \"quoted\" and 'single', &copy; &#169; &#xA9; &#8217; &nbsp;.",
    "# Title\n\n## Section *one*\n\nText under it.\n\n### Third `code & <tags>`",
    "- one\n- two *em*\n- three [link](http://x.org \"title & more\")",
    "1. first\n\n2. second, loose\n\n    indented paragraph",
    "> A quote with *emphasis*\n>\n> and a second paragraph",
    "Line one  \nline two after a hard break",
    "    code block with <html> & entities &amp;\n    second line",
    "Inline <span class=\"x\">html</span> and <!-- a comment --> here",
    "Text with a footnote.[^1]\n\n[^1]: The note & its text.",
    "| a | b |\n|---|---|\n| 1 & 2 | *3* |",
    "Ünïcödé — dashes – and “curly” ‘quotes’… and non\u00a0breaking",
    "<div markdown=\"1\">raw *div*</div>\n\nafter",
    "![an image](pic.png \"t\") between words",
]


@pytest.mark.parametrize("source", SNIPPETS)
def test_round_trip_is_byte_identical(source: str) -> None:
    rendered = render(source, ("footnotes", "tables", "md_in_html"))
    doc = Document.parse(rendered)
    assert doc.html() == rendered
    assert doc.with_spans([]) == rendered


def test_round_trip_of_odd_html() -> None:
    odd = ('<!DOCTYPE html>\n<?pi x?><p id="p-1" class=\'a\'>x<br>y<br/>z<img src=a alt="">'
           '</p><![CDATA[c]]><p id="p-2">un<b>closed</p>&amp stray</i> end & <')
    assert Document.parse(odd).html() == odd
    assert Document.parse("").html() == ""
    assert Document.parse("").blocks == ()


def test_blocks_are_elements_with_p_ids_and_their_unescaped_text() -> None:
    doc = Document.parse(render(
        "# Head *one*\n\nAT&amp;T &#8217; &lt;b&gt;\n\n- item\n\n> quoted *em*"))
    assert doc.blocks == (
        Block("p-1", "h1", "Head one"),
        Block("p-2", "p", "AT&T \u2019 <b>"),
        Block("p-3", "li", "item"),
        Block("p-4", "p", "quoted em"),
    )


def test_only_p_n_ids_make_blocks_and_nested_blocks_share_text() -> None:
    doc = Document.parse('<div id="intro"><p id="p-x">no</p></div>'
                         '<ul><li id="p-7">a <p id="p-8">b</p> c</li></ul><p>none</p>')
    assert [(b.id, b.text) for b in doc.blocks] == [("p-7", "a b c"), ("p-8", "b")]


def mark(block: int, start: int, end: int, name: str = "m", **kw: object) -> Span:
    return Span(block, start, end, f'<mark data-s="{name}">', "</mark>", **kw)  # type: ignore[arg-type]


def spans_html(source: str, spans: list[Span]) -> str:
    out = Document.parse(source).with_spans(spans)
    check(out)
    return out


P = '<p id="p-1">'


def test_span_in_plain_text() -> None:
    assert spans_html(P + "Sony cancelled the film.</p>", [mark(0, 5, 14)]) == (
        P + 'Sony <mark data-s="m">cancelled</mark> the film.</p>')


def test_span_covering_the_whole_block_stays_inside_it() -> None:
    assert spans_html(P + "All <em>of</em> it</p>", [mark(0, 0, 9)]) == (
        P + '<mark data-s="m">All <em>of</em> it</mark></p>')


@pytest.mark.parametrize("tag, attrs", [("em", ""), ("strong", ""), ("a", ' href="https://x.org/?a=1&amp;b=2"')])
def test_span_crossing_into_and_out_of_an_element(tag: str, attrs: str) -> None:
    source = f"{P}one two <{tag}{attrs}>three four</{tag}> five six</p>"
    # 'one two [three four] five six': from 'two' into the element, and out of it into 'five'
    assert spans_html(source, [mark(0, 4, 13)]) == (
        f'{P}one <mark data-s="m">two </mark><{tag}{attrs}><mark data-s="m">three</mark> four</{tag}>'
        " five six</p>")
    assert spans_html(source, [mark(0, 14, 23)]) == (
        f'{P}one two <{tag}{attrs}>three <mark data-s="m">four</mark></{tag}>'
        '<mark data-s="m"> five</mark> six</p>')
    # covering the element entirely: one piece around it
    assert spans_html(source, [mark(0, 4, 23)]) == (
        f'{P}one <mark data-s="m">two <{tag}{attrs}>three four</{tag}> five</mark> six</p>')


def test_span_entirely_inside_a_link() -> None:
    source = P + 'see <a href="u">the full statement</a> here</p>'
    assert spans_html(source, [mark(0, 8, 12)]) == (
        P + 'see <a href="u">the <mark data-s="m">full</mark> statement</a> here</p>')


def test_span_across_nested_elements_wraps_whole_elements_and_splits_at_the_rest() -> None:
    source = P + "a <em>b <strong>c d</strong> e</em> f</p>"
    # text: 'a b c d e f'; span 'c d e f' starts inside strong, ends in plain text
    assert spans_html(source, [mark(0, 4, 11)]) == (
        P + 'a <em>b <mark data-s="m"><strong>c d</strong> e</mark></em><mark data-s="m"> f</mark></p>')


def test_overlapping_spans_nest_contained_span_inside() -> None:
    source = P + "The company <em>cancelled</em> the release.</p>"
    # A = 'company cancelled the', B = 'cancelled' (inside A)
    out = spans_html(source, [mark(0, 12, 21, "b"), mark(0, 4, 25, "a")])
    assert out == (P + 'The <mark data-s="a">company <mark data-s="b"><em>cancelled</em></mark> the</mark>'
                   " release.</p>")


def test_crossing_spans_split_the_later_one() -> None:
    source = P + "one two three four five</p>"
    # A = 'two three', B = 'three four': B is closed at A's end and reopened
    out = spans_html(source, [mark(0, 4, 13, "a", once=' id="a1"'), mark(0, 8, 18, "b", once=' id="b1"')])
    assert out == (P + 'one <mark data-s="a" id="a1">two <mark data-s="b" id="b1">three</mark></mark>'
                   '<mark data-s="b"> four</mark> five</p>')


def test_two_spans_on_the_same_range_nest_in_input_order() -> None:
    source = P + "x <em>same</em> y</p>"
    out = spans_html(source, [mark(0, 2, 6, "first"), mark(0, 2, 6, "second")])
    assert out == P + 'x <mark data-s="first"><mark data-s="second"><em>same</em></mark></mark> y</p>'
    out = spans_html(source, [mark(0, 2, 6, "second"), mark(0, 2, 6, "first")])
    assert out == P + 'x <mark data-s="second"><mark data-s="first"><em>same</em></mark></mark> y</p>'


def test_entities_inside_the_range_keep_their_raw_form() -> None:
    source = P + "deal with AT&amp;T &#8217;s &lt;network&gt; &quot;ok&quot;</p>"
    doc = Document.parse(source)
    assert doc.blocks[0].text == "deal with AT&T \u2019s <network> \"ok\""
    out = spans_html(source, [mark(0, 10, 14), mark(0, 18, 27)])
    assert out == (P + 'deal with <mark data-s="m">AT&amp;T</mark> &#8217;s'
                   ' <mark data-s="m">&lt;network&gt;</mark> &quot;ok&quot;</p>')


def test_a_cut_inside_a_multi_character_reference_is_re_escaped() -> None:
    # '&ampx' is read by browsers (and html.unescape) as '&' + 'x': two characters, one reference
    source = P + "a&ampxb</p>"
    assert Document.parse(source).blocks[0].text == "a&xb"
    out = spans_html(source, [mark(0, 2, 4)])
    assert out == P + 'a&amp;<mark data-s="m">xb</mark></p>'
    assert html.unescape(out.replace('<mark data-s="m">', "").replace("</mark>", "")) == html.unescape(source)


def test_avoid_skips_the_pieces_inside_an_existing_link() -> None:
    source = P + 'North <a href="https://nk">Korea</a> denied it</p>'
    link = Span(0, 0, 12, '<a href="#nk">', "</a>", avoid=frozenset({"a"}), once=' id="m1"')
    placed = Document.parse(source).place([link])
    check(placed.html)
    assert placed == Placed(P + '<a href="#nk" id="m1">North </a><a href="https://nk">Korea</a>'
                            '<a href="#nk"> </a>denied it</p>', (2,))


def test_avoid_never_wraps_an_avoided_element_and_an_entirely_avoided_span_shows_nothing() -> None:
    source = P + 'see <a href="u">Sony</a></p>'
    link = Span(0, 4, 8, '<a href="#s">', "</a>", avoid=frozenset({"a"}))
    assert Document.parse(source).place([link]) == Placed(source, (0,))
    # a span that would have to contain an <a> whole is split around it
    wide = Span(0, 0, 8, '<a href="#s">', "</a>", avoid=frozenset({"A"}))
    assert spans_html(source, [wide]) == P + '<a href="#s">see </a><a href="u">Sony</a></p>'


def test_avoid_also_applies_to_earlier_spans_pieces() -> None:
    source = P + "Kim Jong Un spoke</p>"
    first = Span(0, 0, 11, '<a href="#kju">', "</a>", avoid=frozenset({"a"}))
    second = Span(0, 4, 11, '<a href="#jong">', "</a>", avoid=frozenset({"a"}))
    placed = Document.parse(source).place([first, second])
    assert placed == Placed(P + '<a href="#kju">Kim Jong Un</a> spoke</p>', (1, 0))


def test_once_goes_on_the_first_piece_only() -> None:
    source = P + "a <em>b c</em> d</p>"
    out = spans_html(source, [Span(0, 4, 7, '<mark class="n" title="x>y">', "</mark>", once=' id="a-1"')])
    assert out == (P + 'a <em>b <mark class="n" title="x>y" id="a-1">c</mark></em>'
                   '<mark class="n" title="x>y"> d</mark></p>')
    assert out.count('id="a-1"') == 1


def test_once_goes_before_a_self_closing_slash() -> None:
    out = spans_html(P + "ab</p>", [Span(0, 0, 1, '<span data-x="1"><wbr/>', "</span>", once=" id=q")])
    assert out == P + '<span data-x="1" id=q><wbr/>a</span>b</p>'


def test_empty_invalid_and_out_of_range_spans_are_ignored() -> None:
    source = P + "text</p>"
    doc = Document.parse(source)
    placed = doc.place([mark(0, 2, 2), mark(0, 3, 2), mark(0, -1, 2), mark(0, 2, 5), mark(1, 0, 1),
                        mark(-1, 0, 1)])
    assert placed == Placed(source, (0, 0, 0, 0, 0, 0))


def test_spans_stay_inside_their_block_in_list_items_and_headings() -> None:
    source = render("## Head *x*\n\n- first item\n- second *item*")
    doc = Document.parse(source)
    assert [b.text for b in doc.blocks] == ["Head x", "first item", "second item"]
    out = spans_html(source, [mark(0, 0, 6), mark(1, 6, 10), mark(2, 0, 11)])
    assert out == ('<h2 id="p-1"><mark data-s="m">Head <em>x</em></mark></h2>\n<ul>\n'
                   '<li id="p-2">first <mark data-s="m">item</mark></li>\n'
                   '<li id="p-3"><mark data-s="m">second <em>item</em></mark></li>\n</ul>')


def test_no_piece_on_white_space_between_paragraphs_of_a_loose_list_item() -> None:
    source = '<ul>\n<li id="p-1">\n<p>one</p>\n<p>two</p>\n</li>\n</ul>'
    doc = Document.parse(source)
    assert doc.blocks[0].text == "\none\ntwo\n"
    placed = doc.place([mark(0, 0, 9)])
    check(placed.html)
    assert placed == Placed('<ul>\n<li id="p-1">\n<p><mark data-s="m">one</mark></p>\n'
                            '<p><mark data-s="m">two</mark></p>\n</li>\n</ul>', (2,))


def test_empty_elements_inside_a_span_are_wrapped_but_not_at_its_edges() -> None:
    source = P + "a<br>b<img src=x alt=\"\"><!--c-->d</p>"
    assert spans_html(source, [mark(0, 0, 2)]) == P + '<mark data-s="m">a<br>b</mark><img src=x alt=""><!--c-->d</p>'
    assert spans_html(source, [mark(0, 1, 3)]) == P + 'a<br><mark data-s="m">b<img src=x alt=""><!--c-->d</mark></p>'


def test_output_is_deterministic_and_leaves_the_document_unchanged() -> None:
    source = render("One *two* three [four](u) five.")
    doc = Document.parse(source)
    spans = [mark(0, 2, 14, "a"), mark(0, 4, 22, "b"), mark(0, 0, 3, "c")]
    first = doc.with_spans(spans)
    assert doc.with_spans(spans) == first
    assert doc.html() == source
    assert Document.parse(source).with_spans(spans) == first


def _expected_marks(doc: Document, spans: list[Span], order: list[int],
                    in_link: list[bool]) -> list[tuple[str, ...]]:
    """For each char of the blocks' text, the spans that should cover it, outermost first."""
    expected: list[tuple[str, ...]] = []
    for b, block in enumerate(doc.blocks):
        for offset in range(len(block.text)):
            linked = in_link[len(expected)]      # inside a link of the source, or of a span
            covering: list[int] = []
            for i in order:
                if spans[i].block == b and spans[i].start <= offset < spans[i].end:
                    if not (linked and spans[i].avoid):
                        covering.append(i)
                        linked = linked or spans[i].open.startswith("<a")
            expected.append(tuple(str(i) for i in covering))
    return expected


@pytest.mark.parametrize("seed", range(60))
def test_random_spans_are_nested_cover_exactly_their_text_and_keep_it(seed: int) -> None:
    rng = random.Random(seed)
    words = ["Sony", "said", "AT&T", "<b>", "North", "Korea", "“The", "Interview”", "—", "it"]
    md = []
    for _ in range(rng.randint(1, 4)):
        para = []
        for _ in range(rng.randint(3, 12)):
            w = html.escape(rng.choice(words))
            kind = rng.random()
            para.append(f"*{w}*" if kind < 0.15 else f"**{w} {w}**" if kind < 0.25
                        else f"[{w}](u{rng.randint(0, 9)})" if kind < 0.35
                        else f"*a [**{w}** b](v)*" if kind < 0.4 else w)
        md.append(" ".join(para))
    source = render("\n\n".join(md))
    doc = Document.parse(source)
    spans = []
    for i in range(rng.randint(1, 6)):
        b = rng.randrange(len(doc.blocks))
        n = len(doc.blocks[b].text)
        start = rng.randrange(n)
        end = rng.randint(start + 1, n)
        if rng.random() < 0.3:      # a link that must not enter or wrap the source's own links
            spans.append(Span(b, start, end, f'<a data-s="{i}" href="#{i}">', "</a>",
                              avoid=frozenset({"a"}), once=f' id="s{i}"'))
        else:
            spans.append(Span(b, start, end, f'<mark data-s="{i}">', "</mark>", once=f' id="s{i}"'))
    placed = doc.place(spans)
    chars = [(c, m, link) for c, m, link in marks_per_char(placed.html) if c != "\n" or m]
    before = [(c, link) for c, _, link in marks_per_char(source) if c != "\n"]
    order = sorted(range(len(spans)), key=lambda i: (spans[i].block, spans[i].start, -spans[i].end, i))
    assert [(c, link) for c, _, link in chars] == before
    assert [m for _, m, _ in chars] == _expected_marks(doc, spans, order, [link for _, link in before])
    for i, count in enumerate(placed.pieces):
        assert placed.html.count(f'data-s="{i}"') == count
        assert placed.html.count(f' id="s{i}"') == (1 if count else 0)
        assert count >= 1 or spans[i].avoid
    reparsed = Document.parse(placed.html)
    assert [b.text for b in reparsed.blocks] == [b.text for b in doc.blocks]


def test_tokens_keep_the_raw_text_of_every_tag_text_run_and_comment() -> None:
    doc = Document.parse('<p id="p-1" >a &amp; &#8217;<b\nclass=x>b</b ><br/>c<!--x--></p>\n')
    assert [t.raw for t in doc.tokens] == [
        '<p id="p-1" >', "a &amp; &#8217;", "<b\nclass=x>", "b", "</b >", "<br/>", "c", "<!--x-->",
        "</p>", "\n"]
    assert doc.blocks == (Block("p-1", "p", "a & \u2019bc"),)


def test_texts_without_leaves_out_what_elements_of_a_class_hold() -> None:
    doc = Document.parse('<p id="p-1">The <span class="insertion">[studio]</span> said <em>so '
                         '<span class="x insertion"><b>[twice]</b></span></em>.</p>\n<p id="p-2">No insertion.</p>')
    assert [b.text for b in doc.blocks] == ["The [studio] said so [twice].", "No insertion."]
    assert doc.texts_without("insertion") == ("The said so.", "No insertion.")
    assert doc.texts_without("other") == ("The [studio] said so [twice].", "No insertion.")
    # the words around an insertion as they were before it was written
    for before, after in (("A [x] b.", "A b."), ("A [x], b.", "A, b."), ("[x] A b.", "A b."), ("A b [x]", "A b"),
                          ("A b [x].", "A b.")):
        marked = before.replace("[x]", '<span class="insertion">[x]</span>')
        assert Document.parse(f'<p id="p-1">{marked}</p>').texts_without("insertion") == (after,)
