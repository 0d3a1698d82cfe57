"""docket/packed.py: text and HTML held compressed give back the same text, compare and pickle by it."""

import pickle

import jinja2

from docket.packed import PackedHtml, PackedText, Paragraphs

HTML = '<p id="p-1">The studio’s “worst week” &amp; <a class="actor" href="../actors/sony.html">Sony</a></p>'


def test_it_gives_back_the_html_it_was_made_of_and_holds_it_smaller() -> None:
    packed = PackedHtml.of(HTML * 50)
    assert str(packed) == packed.__html__() == HTML * 50
    assert len(packed.data) < len((HTML * 50).encode("utf-8")) / 10


def test_a_template_shows_it_as_html_with_safe_and_when_autoescaping() -> None:
    env = jinja2.Environment(autoescape=True)
    packed = PackedHtml.of(HTML)
    assert env.from_string("{{ body|safe }}").render(body=packed) == HTML
    assert env.from_string("{{ body }}").render(body=packed) == HTML


def test_it_is_equal_hashed_and_pickled_by_its_html() -> None:
    a, b = PackedHtml.of(HTML), PackedHtml(PackedHtml.of(HTML).data)
    assert a == b and hash(a) == hash(b) and a != PackedHtml.of(HTML + " ") and a != HTML
    assert a != PackedText.of(HTML) and str(PackedText.of(HTML)) == HTML
    again = pickle.loads(pickle.dumps(a, protocol=5))
    assert again == a and again.data == a.data and str(again) == HTML


def test_paragraphs_read_like_the_tuple_of_their_texts_and_are_held_as_utf8() -> None:
    texts = ("Sony said “hacked”.", "", "The studio’s film — cancelled.", "Plain words.")
    kept = Paragraphs.of(texts)
    assert tuple(kept) == texts and list(kept) == list(texts) and len(kept) == 4
    assert [kept[k] for k in range(4)] == list(texts) and kept[-1] == texts[-1] and kept[-4] == texts[0]
    assert kept[1:3] == texts[1:3] and kept[::-1] == texts[::-1]
    for wrong in (4, -5):
        try:
            kept[wrong]
        except IndexError:
            pass
        else:
            raise AssertionError(f"index {wrong} is out of range")
    assert kept.data == "".join(texts).encode("utf-8") and len(kept.data) < sum(len(t) * 2 for t in texts)
    assert kept == texts and kept == Paragraphs.of(texts) and kept != Paragraphs.of(texts[:3]) and kept != texts[:3]
    assert hash(kept) == hash(texts) and "Plain words." in kept and kept.index("") == 1
    back = pickle.loads(pickle.dumps(kept, protocol=5))
    assert isinstance(back, Paragraphs) and back == kept and tuple(back) == texts
    assert tuple(Paragraphs.of(())) == () and len(Paragraphs.of(())) == 0
