"""docket/packed.py: text and HTML held compressed give back the same text, compare and pickle by it."""

import pickle

import jinja2

from docket.packed import PackedHtml, PackedText

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
