"""Notes in a real browser, without JavaScript: in the margin at 1280 px, inline and expandable at
360 px, and numbered beside their text when printed."""

from __future__ import annotations

from playwright.sync_api import Page


def boxes(page: Page) -> list[dict]:
    """For every note: its number, whether its body shows, and where it and its paragraph are."""
    return page.eval_on_selector_all("details.note", """notes => notes.map(n => {
        const body = n.querySelector('.note__body').getBoundingClientRect();
        const para = n.closest('.annotated').firstElementChild.getBoundingClientRect();
        return {num: n.querySelector('.note__num').textContent, open: n.open,
                shown: body.height > 0 && n.querySelector('.note__body').checkVisibility({visibilityProperty: true}),
                left: n.getBoundingClientRect().left, right: n.getBoundingClientRect().right,
                top: n.getBoundingClientRect().top, paraRight: para.right, paraBottom: para.bottom,
                numShown: n.querySelector('.note__num').checkVisibility({visibilityProperty: true}),
                back: getComputedStyle(n.querySelector('.note__back')).display};
    })""")


def test_wide_screen_shows_every_note_in_the_margin_beside_its_paragraph(open_without_js) -> None:
    page = open_without_js(1280)
    notes = boxes(page)
    assert [n["num"] for n in notes] == [str(i) for i in range(1, len(notes) + 1)] and len(notes) >= 5
    for n in notes:
        assert n["shown"] and not n["open"], n                  # readable without opening anything
        assert n["left"] >= n["paraRight"], n                   # to the right of the paragraph's text
        assert n["right"] <= 1280
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    gaps = page.eval_on_selector_all(".source-body > .annotated > :first-child, .source-body > :is(p, blockquote)", """blocks => blocks.slice(1).map(
        (b, i) => b.getBoundingClientRect().top - blocks[i].getBoundingClientRect().bottom)""")
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.source-body p')).lineHeight)")
    assert gaps and max(gaps) <= 2 * line, gaps                 # a long note never opens a gap in the text


def test_narrow_screen_shows_notes_inline_and_expandable_by_keyboard(open_without_js) -> None:
    page = open_without_js(360)
    notes = boxes(page)
    for n in notes:
        assert not n["shown"], n                                # folded under its summary
        assert n["top"] >= n["paraBottom"] - 1, n               # below its paragraph, not beside it
        assert n["right"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    first = page.locator("details.note summary").first
    first.focus()
    page.keyboard.press("Enter")
    assert boxes(page)[0]["shown"] and boxes(page)[0]["open"]
    assert page.locator("details.note .note__body").first.is_visible()


def test_print_layout_numbers_every_note_and_shows_its_text(open_without_js) -> None:
    page = open_without_js(600)                                 # narrow: on screen the notes are folded
    assert not any(n["shown"] for n in boxes(page))
    page.emulate_media(media="print")
    notes = boxes(page)
    assert [n["num"] for n in notes] == [str(i) for i in range(1, len(notes) + 1)]
    for n in notes:
        assert n["shown"] and n["numShown"] and n["back"] == "none", n   # number and text printed, "back" not
    refs = page.eval_on_selector_all("a.note-ref", "rs => rs.map(r => r.textContent)")
    assert sorted(refs, key=int) == [n["num"] for n in notes]
