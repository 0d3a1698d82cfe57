"""Paragraph permalinks: every block of a source ends with a link to itself, shown only while its
block is pointed at or the link has focus, reachable by keyboard, and present in no text the site
derives from its sources (search index, feed, JSON-LD, annotation export)."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

SOURCE = "readwrite-2014-12-17"


def test_every_block_of_a_source_ends_with_its_own_link(built_site: Path) -> None:
    doc = lxml.html.parse(str(built_site / f"sources/{SOURCE}.html")).getroot()
    blocks = doc.xpath('//div[@class="source-body"]//*[starts-with(@id, "p-")]')
    assert len(blocks) >= 10
    for block in blocks:
        n = block.get("id").removeprefix("p-")
        links = block.xpath('a[@class="permalink"]')
        assert [(a.get("href"), a.get("aria-label"), a.text_content()) for a in links] == \
            [(f"#p-{n}", f"Link to paragraph {n}", "")], lxml.html.tostring(block)
        # last in its block but for the notes that sit inside list items and cells
        assert all(e.tag == "details" for e in links[0].itersiblings()), lxml.html.tostring(block)
    assert len(doc.xpath('//a[@class="permalink"]')) == len(blocks)


def test_the_mark_is_drawn_by_css_so_no_derived_text_carries_it(built_site: Path) -> None:
    css = (built_site / "static/style.css").read_text(encoding="utf-8")
    assert '.permalink::after { content: "\\00B6"' in css
    for path in sorted(built_site.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".js", ".xml", ".jsonld", ".json", ".txt"}:
            assert "\u00b6" not in path.read_text(encoding="utf-8"), path
            assert "Link to paragraph" not in path.read_text(encoding="utf-8") or path.suffix == ".html", path



_STATE = """a => ({href: a.getAttribute('href'), block: a.parentElement.id, focused: document.activeElement === a,
    opacity: getComputedStyle(a).opacity, mark: getComputedStyle(a, '::after').content,
    width: a.getBoundingClientRect().width, right: a.getBoundingClientRect().right,
    column: document.querySelector('.source-body').getBoundingClientRect().right})"""


@pytest.mark.parametrize("width", [1280, 360])
def test_tab_reaches_each_permalink_which_shows_only_while_focused(open_without_js, width: int) -> None:
    page = open_without_js(width)
    links = page.locator(".source-body a.permalink")
    assert all(float(s["opacity"]) == 0 for s in links.evaluate_all(f"as => as.map({_STATE})"))
    page.locator(".source-meta a").last.focus()
    seen = []
    for _ in range(60):                                 # Tab through the article, as a keyboard reader does
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('permalink')"):
            state = page.evaluate(f"({_STATE})(document.activeElement)")
            seen.append(state)
            assert state["focused"] and state["href"] == "#" + state["block"], state
            assert float(state["opacity"]) == 1 and state["mark"].startswith('"\u00b6"'), state
            assert state["width"] > 0 and state["right"] <= state["column"] + 1, state   # in the text, not the notes
            others = links.evaluate_all(f"as => as.filter(a => a !== document.activeElement).map({_STATE})")
            assert all(float(s["opacity"]) == 0 for s in others)
            if len(seen) == 3:
                break
    assert [s["block"] for s in seen] == ["p-1", "p-2", "p-3"]
    page.keyboard.press("Enter")                        # following it goes to its paragraph
    assert page.evaluate("location.hash") == "#p-3"
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_pointing_at_a_paragraph_shows_its_permalink_only(open_without_js) -> None:
    page = open_without_js(1280)
    page.hover("#p-2")
    shown = page.eval_on_selector_all(".source-body a.permalink", "as => as.filter(a => getComputedStyle(a).opacity === '1')"
                                      ".map(a => a.getAttribute('href'))")
    assert shown == ["#p-2"]
