"""Links a browser would run as script are refused, however they are spelt; ordinary links pass."""

from __future__ import annotations

import pytest

from docket.safelinks import refused_links, refused_scheme


@pytest.mark.parametrize("url, scheme", [
    ("javascript:alert(1)", "javascript"),
    ("JaVaScRiPt:alert(1)", "javascript"),
    (" \tjava\nscript:alert(1)", "javascript"),
    ("&#106;avascript:alert(1)", "javascript"),
    ("&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)", "javascript"),
    ("java&#x09;script:alert(1)", "javascript"),
    ("\x01javascript:alert(1)", "javascript"),
    ("vbscript:msgbox(1)", "vbscript"),
    ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data"),
    ("https://example.org/javascript:x", ""),
    ("sources.html#javascript:x", ""),
    ("mailto:editor@example.org", ""),
    ("", ""),
])
def test_refused_scheme(url: str, scheme: str) -> None:
    assert refused_scheme(url) == scheme


def test_every_markdown_link_form_is_seen() -> None:
    text = ("[a](javascript:alert(1)) ![b](data:image/png;base64,AAAA)\n\n"
            "[c][r] <a href='&#106;avascript:alert(2)'>d</a> <svg><a xlink:href=\"javascript:alert(3)\">e</a></svg>\n\n"
            "[r]: JAVASCRIPT:alert(4)\n")
    assert refused_links(text) == [
        ("javascript", "javascript:alert(1)"), ("data", "data:image/png;base64,AAAA"),
        ("javascript", "JAVASCRIPT:alert(4)"), ("javascript", "javascript:alert(2)"),
        ("javascript", "javascript:alert(3)")]


def test_words_and_code_are_not_links() -> None:
    assert refused_links("The data: a `javascript:alert(1)` sample, and [a page](https://example.org/).\n") == []
