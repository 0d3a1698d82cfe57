"""Annotations on a scratch site: passages highlighted and numbered, notes labelled and linked both ways,
overlaps and passages inside emphasis or links still valid HTML, and the W3C Web Annotation export."""

from __future__ import annotations

import copy as copy_module
import json
import re
from pathlib import Path

import lxml.html
import pytest

import floor
from docket.diagnostics import Diagnostics
from docket.markup import Renderer, plain_text
from docket.yamlread import parse as parse_yaml
from helpers import FIXTURES, REPO, build, make_site, sha256

SOURCE = "example-times-2020-01-04"
PAGE = f"sources/{SOURCE}.html"

# Test data, not journalism: an invented article on example.org with quotes, dashes, emphasis and a link.
SEED = ("Annotated test article\n\n"
        "The “Example Agency” said on Monday that the report — the second this year — was final. "
        "The report was final, it said.\n\n"
        "Critics at the Example Agency called the plan “a bold step” and said the plan would go ahead.\n")
BODY = ("The “Example Agency” said on Monday that the report — the second this year — was *final*. "
        "The report was final, it said.\n\n"
        "Critics at [the Example Agency](https://example.org/agency) called *the plan “a bold step”* "
        "and said the plan would go ahead.\n")
SOURCE_MD = f"""---
headline: Annotated test article
outlet: Example Times
byline: Test Writer
published: 2020-01-04
url: https://example.org/times/annotated
seed: {SOURCE}.txt
sha256: {sha256(SEED)}
---

{BODY}"""
ACTORS = """\
- id: example-agency
  name: Example Agency
  kind: government
  summary: An invented agency of the test site.
"""
# id suffix -> (kind label, the passage's words, the note's words)
NOTES_YAML = """\
- quote: '"Example Agency" said on Monday that the report - the second this year - was final'
  kind: definition
  note: Spans straight quotes, dashes and emphasis.
- quote: the second this year
  kind: context
  note: Inside the first passage.
- quote: was final. The report was final
  kind: comparison
  note: Crosses the end of the first passage.
- quote: the plan
  prefix: 'said '
  kind: fact-check
  note: The second plan, told apart by its prefix.
- quote: “a bold step”
  kind: correction
  note: Inside emphasis.
  cites:
    - source: example-times-2020-01-04
      quote: report was final
      prefix: 'The '
- quote: Example Agency
  prefix: 'at the '
  kind: context
  note: Inside a link.
  actors: [example-agency]
  cites:
    - url: https://example.org/agency/about
      title: About the agency
      publisher: Example Agency
      date: 2020-01-01
"""
EXPECTED = {  # annotation id suffix -> (number on the page, kind label, passage, note)
    1: (1, "Definition", "“Example Agency” said on Monday that the report — the second this year — was final",
        "Spans straight quotes, dashes and emphasis."),
    2: (2, "Context", "the second this year", "Inside the first passage."),
    3: (3, "Comparison", "was final. The report was final", "Crosses the end of the first passage."),
    6: (4, "Context", "Example Agency", "Inside a link."),
    5: (5, "Correction", "“a bold step”", "Inside emphasis."),
    4: (6, "Fact-check", "the plan", "The second plan, told apart by its prefix."),
}
MOTIVATION = {"Definition": "describing", "Context": "commenting", "Comparison": "commenting",
              "Correction": "editing", "Fact-check": "assessing"}
FILES = {f"seeds/{SOURCE}.txt": SEED, f"content/sources/{SOURCE}.md": SOURCE_MD, "content/actors.yaml": ACTORS,
         f"content/annotations/{SOURCE}.yaml": NOTES_YAML}


def fold(text: str) -> str:
    return " ".join(text.split())


def text_of(element: lxml.html.HtmlElement) -> str:
    """An element's words without the note numbers and notes inside it: what the source says."""
    copy = copy_module.deepcopy(element)
    for node in copy.xpath('.//a[@class="note-ref"] | .//details[contains(@class, "note")]'):
        node.drop_tree()        # keeps the text that follows it
    return fold(copy.text_content())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("annotated") / "site", FILES)
    out = root.parent / "out"
    result = build(root, out)
    assert (result.code, result.err) == (0, ""), result.err
    return out


@pytest.fixture(scope="module")
def page(site: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / PAGE).read_text(encoding="utf-8"))


def test_each_passage_is_highlighted_numbered_and_linked_to_its_labelled_note(page: lxml.html.HtmlElement) -> None:
    for suffix, (number, label, passage, note_text) in EXPECTED.items():
        aid = f"{SOURCE}-{suffix}"
        mark = page.get_element_by_id(f"passage-{aid}")
        assert mark.tag == "mark" and "passage" in mark.get("class", "").split()
        refs = page.xpath(f'//a[@class="note-ref"][@href="#note-{aid}"]')
        assert [(r.text, r.get("aria-label"), r.get("id")) for r in refs] == [(str(number), f"Note {number}", f"ref-{aid}")]
        note = page.get_element_by_id(f"note-{aid}")
        assert note.tag == "details"
        summary = note.find("summary")
        assert summary.find_class("note__num")[0].text == str(number)
        assert summary.find_class("note__kind")[0].text == label
        # the note is announced with its passage: the summary names the words it is about
        assert fold(summary.find_class("visually-hidden")[0].text_content()) == f"on “{passage}”"
        assert note_text in fold(note.text_content())
        back = note.xpath('.//p[@class="note__back"]/a')
        assert [b.get("href") for b in back] == [f"#passage-{aid}"]


def test_passages_hold_the_sources_words_even_across_emphasis_and_overlaps(page: lxml.html.HtmlElement) -> None:
    for suffix in (1, 2, 4, 5, 6):
        assert text_of(page.get_element_by_id(f"passage-{SOURCE}-{suffix}")) == EXPECTED[suffix][2]
    crossing = page.find_class("passage--comparison")      # split in two pieces where it crosses passage 1
    assert len(crossing) == 2 and crossing[0].get("id") == f"passage-{SOURCE}-3"
    assert fold(" ".join(text_of(m) for m in crossing)).replace(" .", ".") == EXPECTED[3][2]
    inner = page.get_element_by_id(f"passage-{SOURCE}-2")
    assert inner.getparent().get("id") == f"passage-{SOURCE}-1"                      # nested, not crossed
    assert page.get_element_by_id(f"passage-{SOURCE}-5").getparent().tag == "em"      # inside emphasis
    link = page.get_element_by_id(f"passage-{SOURCE}-6").getparent()
    assert (link.tag, link.get("href")) == ("a", "https://example.org/agency")        # inside the source's link
    assert not page.xpath("//a//a")                                                    # no link in a link


def test_overlapping_and_nested_passages_give_valid_html(site: Path) -> None:
    assert floor.nu_errors(site) == []


def test_notes_show_their_actors_and_citations_and_cited_quotes_are_anchored(page: lxml.html.HtmlElement) -> None:
    linked = page.get_element_by_id(f"note-{SOURCE}-6")
    assert [a.get("href") for a in linked.xpath('.//p[@class="note__actors"]/a')] == ["../actors/example-agency.html"]
    outside = linked.xpath('.//p[@class="note__cites"]//a')
    assert [(a.get("href"), a.text) for a in outside] == [("https://example.org/agency/about", "About the agency")]
    assert "(Example Agency, 2020-01-01)" in linked.find_class("note__cites")[0].text_content()
    quoting = page.get_element_by_id(f"note-{SOURCE}-5").xpath('.//p[@class="note__cites"]//a')
    assert len(quoting) == 1
    target = quoting[0].get("href")
    assert target.startswith(f"{SOURCE}.html#q-")
    cited = page.get_element_by_id(target.split("#")[1])
    assert (cited.tag, cited.get("class"), text_of(cited)) == ("mark", "cite", "report was final")


def test_actor_page_lists_the_notes_that_name_the_actor(site: Path) -> None:
    actor = lxml.html.fromstring((site / "actors/example-agency.html").read_text(encoding="utf-8"))
    notes = actor.get_element_by_id("notes").getparent()
    assert [a.get("href") for a in notes.xpath(".//li/a")] == [f"../sources/{PAGE.split('/')[1]}#note-{SOURCE}-6"]
    assert "Inside a link." in notes.text_content()


def test_web_annotation_export(site: Path, page: lxml.html.HtmlElement) -> None:
    data = json.loads((site / "data/annotations.jsonld").read_text(encoding="utf-8"))
    assert (data["@context"], data["type"], data["total"]) == ("http://www.w3.org/ns/anno.jsonld",
                                                              "AnnotationCollection", 6)
    items = data["first"]["items"]
    article = text_of(page.find_class("source-body")[0])
    for suffix, (_, label, passage, note_text) in EXPECTED.items():
        item = next(i for i in items if i["id"].endswith(f"#note-{SOURCE}-{suffix}"))
        assert item["type"] == "Annotation" and item["motivation"] == MOTIVATION[label]
        assert item["body"]["type"] == "TextualBody" and item["body"]["format"] == "text/html"
        assert f"<p>{note_text}</p>" == item["body"]["value"]
        assert item["target"]["source"] == f"../{PAGE}"
        quote = next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")
        assert quote["exact"] == passage
        assert fold(quote["prefix"] + quote["exact"] + quote["suffix"]) in article


def test_web_annotation_targets_are_absolute_with_a_base_url(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", FILES, base_url="https://example.org/site/")
    assert build(root, tmp_path / "out").code == 0
    data = json.loads((tmp_path / "out/data/annotations.jsonld").read_text(encoding="utf-8"))
    assert data["id"] == "https://example.org/site/data/annotations.jsonld"
    assert {i["target"]["source"] for i in data["first"]["items"]} == {f"https://example.org/site/{PAGE}"}


def test_misquote_and_repeat_fixtures_exist_with_their_hints() -> None:
    cases = {"annotation-misquote": r'yaml:4: error: quote not found .*\(closest passage: "The first paragraph of',
             "annotation-repeated-quote": r'yaml:1: error: quote found 2 times .*\(add prefix: "first"',
             "actor-duplicate-id": r"actors.yaml:7: error: duplicate actor id",
             "actor-shared-alias": r"actors.yaml:10: error: alias 'the Gazette' is claimed by both",
             "actor-unknown-id": r"yaml:4: error: unknown actor 'example-gazete' \(did you mean 'example-gazette'\?\)",
             "actor-unknown-id-in-marker": r"\.md:12: error: unknown actor 'example-gazete' \(did you mean"}
    for case, pattern in cases.items():
        first = (FIXTURES / "invalid" / case / "expected.txt").read_text(encoding="utf-8").splitlines()[0]
        assert re.search(pattern, first), (case, first)


# --- the shipped site ------------------------------------------------------------------------

SHIPPED = ("bostonglobe-2014-12-17", "readwrite-2014-12-17")


def test_shipped_export_has_at_least_12_notes_whose_exact_words_are_on_their_pages(built_site: Path) -> None:
    data = json.loads((built_site / "data/annotations.jsonld").read_text(encoding="utf-8"))
    items = data["first"]["items"]
    assert data["total"] == len(items) >= 12
    pages = {s: text_of(lxml.html.fromstring((built_site / f"sources/{s}.html").read_text(encoding="utf-8"))
                        .find_class("source-body")[0]) for s in SHIPPED}
    per_source = {s: 0 for s in SHIPPED}
    for item in items:
        source = re.fullmatch(r"\.\./sources/([a-z0-9-]+)\.html", item["target"]["source"]).group(1)
        per_source[source] += 1
        quote = next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")
        assert fold(quote["exact"]) in pages[source], quote["exact"]
        assert fold(quote["prefix"] + quote["exact"] + quote["suffix"]) in pages[source]
        assert item["motivation"] in {"commenting", "assessing", "describing", "editing"}
    assert min(per_source.values()) >= 5, per_source


def test_shipped_notes_are_on_their_pages_and_linked_both_ways(built_site: Path) -> None:
    renderer = Renderer()
    items = json.loads((built_site / "data/annotations.jsonld").read_text(encoding="utf-8"))["first"]["items"]
    exact = {i["id"].split("#note-")[1]: next(s["exact"] for s in i["target"]["selector"] if "exact" in s)
             for i in items}
    for source in SHIPPED:
        page = lxml.html.fromstring((built_site / f"sources/{source}.html").read_text(encoding="utf-8"))
        notes = parse_yaml((REPO / f"content/annotations/{source}.yaml").read_text(encoding="utf-8"), "x", Diagnostics())
        assert len(notes) >= 5
        for i, note in enumerate(notes, start=1):
            aid = f"{source}-{i}"
            box = page.get_element_by_id(f"note-{aid}")
            assert fold(plain_text(renderer.html(note["note"]))) in fold(box.find_class("note__body")[0].text_content())
            assert box.find_class("note__kind")[0].text_content().lower() == note["kind"]
            [ref] = page.xpath(f'//a[@class="note-ref"][@href="#note-{aid}"]')
            assert ref.text == box.find_class("note__num")[0].text
            [back] = box.xpath('.//p[@class="note__back"]/a')
            passage = page.get_element_by_id(back.get("href")[1:])
            assert passage.tag == "mark"
            shown = text_of(passage)          # the passage's first piece: all of it unless it crosses another
            assert shown and fold(exact[aid]).startswith(shown), (aid, shown)
