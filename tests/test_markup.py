"""Markup: Markdown to safe HTML, numbered paragraphs for anchors, visible editor's insertions."""

from __future__ import annotations

from docket.markup import INSERTION_RE, Renderer, plain_text, sanitize

INS = '<span class="insertion" title="editor\'s insertion">'


def test_free_text_markdown() -> None:
    r = Renderer()
    assert r.html("# Title\n\nSome *text* and [a link](about.html).") == (
        '<h1>Title</h1>\n<p>Some <em>text</em> and <a href="about.html">a link</a>.</p>')
    assert r.html("|a|b|\n|-|-|\n|1|2|").startswith("<table>\n<thead>")
    assert r.html("1. one\n2. two") == "<ol>\n<li>one</li>\n<li>two</li>\n</ol>"


def test_source_body_numbers_every_text_block_in_reading_order() -> None:
    body = "# H\n\nOne.\n\n> Two.\n>\n> Three.\n\n- four\n- five\n\n|a|\n|-|\n|six|\n\nSeven."
    assert Renderer().source_body(body) == (
        '<h1 id="p-1">H</h1>\n<p id="p-2">One.</p>\n<blockquote>\n<p id="p-3">Two.</p>\n<p id="p-4">Three.</p>\n'
        '</blockquote>\n<ul>\n<li id="p-5">four</li>\n<li id="p-6">five</li>\n</ul>\n<table>\n<thead>\n<tr>\n'
        '<th id="p-7">a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td id="p-8">six</td>\n</tr>\n</tbody>\n</table>\n'
        '<p id="p-9">Seven.</p>')


def test_a_list_item_holding_paragraphs_numbers_the_paragraphs() -> None:
    assert Renderer().source_body("- one\n\n- two") == (
        '<ul>\n<li>\n<p id="p-1">one</p>\n</li>\n<li>\n<p id="p-2">two</p>\n</li>\n</ul>')


def test_raw_html_blocks_take_no_paragraph_number() -> None:
    assert Renderer().source_body("One.\n\n<!-- an ad was here -->\n\n<script>x()</script>\n\nTwo.") == (
        '<p id="p-1">One.</p>\n\n\n\n\n<p id="p-2">Two.</p>')


def test_renderer_is_reset_between_documents() -> None:
    r = Renderer()
    assert r.source_body("a\n\nb") == '<p id="p-1">a</p>\n<p id="p-2">b</p>'
    assert r.source_body("c") == '<p id="p-1">c</p>'
    assert r.html("[x][r]\n\n[r]: https://example.org/") == '<p><a href="https://example.org/">x</a></p>'
    assert r.html("[x][r]") == "<p>[x][r]</p>"


def test_insertion_renders_in_brackets_with_inner_markdown_escaped() -> None:
    r = Renderer()
    assert r.html("a {++*new* & <b>words</b>++} b") == (
        f"<p>a {INS}[<em>new</em> &amp; <b>words</b>]</span> b</p>")
    assert r.source_body("a {++x\ny++} b") == f'<p id="p-1">a {INS}[x\ny]</span> b</p>'
    assert r.html("`{++code++}`") == "<p><code>{++code++}</code></p>"
    assert INSERTION_RE.findall("{++a++} and {++b++}") == ["a", "b"]


def test_unsafe_html_is_removed() -> None:
    r = Renderer()
    assert r.html("<script>alert(1)</script>\n\nok") == "\n\n<p>ok</p>"
    assert r.html("[x](javascript:alert(1))") == "<p><a>x</a></p>"
    assert r.html('<a href="https://e.org" onclick="x()" style="color:red">l</a>') == (
        '<p><a href="https://e.org">l</a></p>')
    assert r.html('<img src="https://tracker.example/x.gif"> <iframe src="https://e.org"></iframe>t') == "<p> t</p>"
    assert sanitize('<p id="p-1" class="c" lang="fr" data-x="1">x</p>') == '<p id="p-1" class="c" lang="fr">x</p>'
    assert sanitize('<a href="mailto:a@example.org">m</a>') == '<a href="mailto:a@example.org">m</a>'


def test_inline() -> None:
    r = Renderer()
    assert r.inline("*a* b") == "<em>a</em> b"
    assert r.inline("a\n\nb") == "<p>a</p>\n<p>b</p>"


def test_plain_text() -> None:
    assert plain_text("<p>a &amp; <b>b</b>\n c</p><p>d</p>") == "a & b c d"
