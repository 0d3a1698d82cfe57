"""The actor index: matching on a scratch site, and on the shipped site every actor the sources name,
every mention of North Korea, first mentions linked, actor pages, the index and data/actors.json."""

from __future__ import annotations

import copy
import json
import re
from collections import defaultdict
from pathlib import Path

import lxml.html
import pytest

from docket.content.actors import load_actors
from docket.diagnostics import Diagnostics
from helpers import REPO, build, check, make_site, sha256

SOURCES = ("bostonglobe-2014-12-17", "readwrite-2014-12-17")
SCHEMA_TYPES = {"person": "Person", "state": "Country", "government": "GovernmentOrganization",
                "company": "Corporation", "media": "NewsMediaOrganization", "organisation": "Organization",
                "group": "Organization"}
KIND_ORDER = ("state", "government", "person", "company", "organisation", "media", "group")
# Capitalised words of the sources that name no person, organisation or state: the film's title
# ("The Interview"), and nationals and citizens rather than their states.
NOT_ACTORS = {"Interview", "Japanese", "Americans"}


def fold(text: str) -> str:
    return " ".join(text.split())


def parse(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_text(encoding="utf-8"))


def words(element: lxml.html.HtmlElement) -> str:
    """The source's words in an element: without the editor's notes and note numbers."""
    element = copy.deepcopy(element)
    for node in element.xpath('.//a[@class="note-ref"] | .//details[contains(@class, "note")]'):
        node.drop_tree()
    return fold(element.text_content())


def mentions_on(page: lxml.html.HtmlElement) -> list[tuple[str, str, str]]:
    """(paragraph link, highlighted words, sentence) of every mention listed on an actor page."""
    out = []
    for li in page.xpath('//ol[@class="mention-list"]/li'):
        link = li.find_class("mention-list__link")[0]
        sentence = fold(li.text_content()).removesuffix(fold(link.text_content())).strip()
        out.append((link.get("href"), li.find_class("mention")[0].text_content(), sentence))
    return out


# --- matching, on a scratch site -------------------------------------------------------------

# Test data, not journalism: invented sentences on an invented outlet.
SEED = ("Matching test article\n\n"
        "Sony Pictures Entertainment said on Monday that Sony’s staff and SONY fans, and even sony, would see the "
        "film. Sonya Smith, a regal visitor, said Regal would not. The country agreed, and Sony Pictures said so.\n\n"
        "Sony spoke again.\n")
BODY = ("Sony Pictures Entertainment said on Monday that Sony’s staff and SONY fans, and even sony, would see the "
        "film. Sonya Smith, a regal visitor, said Regal would not. [The country]{@north-korea} agreed, and Sony "
        "Pictures said so.\n\nSony spoke again.\n")
MATCH_FILES = {
    "seeds/example-wire-2020-01-05.txt": SEED,
    "content/sources/example-wire-2020-01-05.md": f"""---
headline: Matching test article
outlet: Example Wire
byline: Test Writer
published: 2020-01-05
url: https://example.org/wire/matching
seed: example-wire-2020-01-05.txt
sha256: {sha256(SEED)}
---

{BODY}""",
    "content/actors.yaml": """\
- id: sony-pictures
  name: Sony Pictures Entertainment
  kind: company
  aliases: [Sony Pictures, Sony]
  ignore_case: [SONY]
- id: regal
  name: Regal Entertainment
  kind: company
  aliases: [Regal]
- id: north-korea
  name: North Korea
  kind: state
""",
}


@pytest.fixture(scope="module")
def matched(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("matching") / "site", MATCH_FILES)
    result = build(root, root.parent / "out")
    assert (result.code, result.err) == (0, ""), result.err
    return root.parent / "out"


def test_longest_alias_possessive_case_word_boundary_and_explicit_marker(matched: Path) -> None:
    exported = {a["id"]: a for a in json.loads((matched / "data/actors.json").read_text(encoding="utf-8"))}
    sony = [m[1] for m in mentions_on(parse(matched / "actors/sony-pictures.html"))]
    # the longest alias wins; "Sony’s" counts, without the 's; SONY is case-insensitive; "Sonya" is not Sony
    assert sony == ["Sony Pictures Entertainment", "Sony", "SONY", "sony", "Sony Pictures", "Sony"]
    assert [m[1] for m in mentions_on(parse(matched / "actors/regal.html"))] == ["Regal"]   # not "a regal visitor"
    marked = mentions_on(parse(matched / "actors/north-korea.html"))
    assert [(m[0], m[1]) for m in marked] == [("../sources/example-wire-2020-01-05.html#p-1", "The country")]
    assert {k: (v["mentions"], v["sources"]) for k, v in exported.items()} == {
        "sony-pictures": (6, ["example-wire-2020-01-05"]), "regal": (1, ["example-wire-2020-01-05"]),
        "north-korea": (1, ["example-wire-2020-01-05"])}


def test_first_mention_of_each_actor_in_each_paragraph_links_to_its_page(matched: Path) -> None:
    page = parse(matched / "sources/example-wire-2020-01-05.html")
    links = [(a.get("href"), a.text_content()) for a in page.get_element_by_id("p-1").xpath('.//a[@class="actor"]')]
    assert links == [("../actors/sony-pictures.html", "Sony Pictures Entertainment"),
                     ("../actors/regal.html", "Regal"), ("../actors/north-korea.html", "The country")]
    second = page.get_element_by_id("p-2").xpath('.//a[@class="actor"]')
    assert [(a.get("href"), a.text_content()) for a in second] == [("../actors/sony-pictures.html", "Sony")]


# --- the shipped site ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def exported(built_site: Path) -> dict[str, dict]:
    return {a["id"]: a for a in json.loads((built_site / "data/actors.json").read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def articles(built_site: Path) -> dict[str, lxml.html.HtmlElement]:
    return {s: parse(built_site / f"sources/{s}.html") for s in SOURCES}


def test_actors_json_lists_every_actor_the_sources_name_with_its_page(
        built_site: Path, exported: dict[str, dict], articles: dict[str, lxml.html.HtmlElement]) -> None:
    actors = load_actors(REPO / "content/actors.yaml", "content/actors.yaml", Diagnostics())
    texts = {s: words(page.find_class("source-body")[0]) for s, page in articles.items()}
    found = []          # (source, start, end, actor id) of every alias anywhere in the articles' words
    for actor in actors:
        for alias in actor.aliases:
            flags = re.IGNORECASE if alias in actor.ignore_case else 0
            pattern = re.compile(r"(?<!\w)" + re.escape(alias).replace(r"\ ", r"\s+") + r"(?!\w)", flags)
            found += [(s, m.start(), m.end(), actor.id) for s, text in texts.items() for m in pattern.finditer(text)]
    # an alias inside a longer one of another actor ("Obama" in "Obama administration") names only the longer
    kept = [f for f in found if not any(g[0] == f[0] and g[1] <= f[1] and f[2] <= g[2] and g[2] - g[1] > f[2] - f[1]
                                        and g[3] != f[3] for g in found)]
    named_somewhere = 0
    for actor in actors:
        named_in = {s for s, _, _, a in kept if a == actor.id}
        named_in |= {s for s, page in articles.items() if page.xpath(f'//span[@data-actor="{actor.id}"]')}
        entry = exported[actor.id]
        assert set(entry["sources"]) == named_in, actor.id
        assert (entry["mentions"] > 0) == bool(named_in), actor.id
        assert (entry["name"], entry["kind"], entry["url"]) == (actor.name, actor.kind, f"actors/{actor.id}.html")
        assert parse(built_site / entry["url"]).find(".//h1").text_content() == actor.name
        named_somewhere += bool(named_in)
    assert set(exported) == {a.id for a in actors} and named_somewhere >= 20
    # and no capitalised name in the sources is left without an actor, except those that name none
    unlisted = {re.search(r"note: '(.+)' is not an alias", line).group(1)
                for line in check(REPO).err_lines if "is not an alias of any actor" in line}
    assert unlisted == NOT_ACTORS


def test_north_korea_page_lists_every_mention_in_both_sources(
        built_site: Path, exported: dict[str, dict], articles: dict[str, lxml.html.HtmlElement]) -> None:
    page = parse(built_site / "actors/north-korea.html")
    listed = mentions_on(page)
    # independently: every "North Korea…" in the articles' words, and every phrase an editor tied to it
    expected = sum(len(re.findall(r"\bNorth Korea", words(a.find_class("source-body")[0]))) for a in articles.values())
    expected += sum(len(a.xpath('//span[@data-actor="north-korea"]')) for a in articles.values())
    assert expected >= 12
    assert len(listed) == expected == exported["north-korea"]["mentions"]
    assert fold(page.get_element_by_id("mentions").text_content()) == f"Mentions ({expected})"
    assert {h.get("href") for h in page.xpath("//h3/a")} == {f"../sources/{s}.html" for s in SOURCES}
    for href, name, sentence in listed:
        source, paragraph = re.fullmatch(r"\.\./sources/([a-z0-9-]+)\.html#(p-\d+)", href).groups()
        text = words(articles[source].get_element_by_id(paragraph))
        assert name in sentence and sentence in text, (href, sentence)
        assert name.startswith(("North Korea", "the North", "the country"))


def test_first_mention_of_each_actor_in_each_paragraph_is_linked_on_the_shipped_pages(
        built_site: Path, exported: dict[str, dict], articles: dict[str, lxml.html.HtmlElement]) -> None:
    in_paragraph: dict[str, set[str]] = defaultdict(set)
    for actor_id in exported:
        for href, _, _ in mentions_on(parse(built_site / f"actors/{actor_id}.html")):
            in_paragraph[href.removeprefix("../sources/")].add(f"../actors/{actor_id}.html")
    assert in_paragraph
    for source, page in articles.items():
        for paragraph in page.xpath('//div[@class="source-body"]//*[starts-with(@id, "p-")]'):
            links = [a.get("href") for a in paragraph.xpath('.//a[@class="actor"]')]
            assert len(links) == len(set(links))
            assert set(links) == in_paragraph.get(f"{source}.html#{paragraph.get('id')}", set())


def test_actor_pages_show_kind_summary_links_co_actors_and_schema_org_type(
        built_site: Path, exported: dict[str, dict]) -> None:
    actors = {a.id: a for a in load_actors(REPO / "content/actors.yaml", "content/actors.yaml", Diagnostics())}
    paragraphs = {a: {m[0] for m in mentions_on(parse(built_site / f"actors/{a}.html"))} for a in exported}
    for actor_id, entry in exported.items():
        page = parse(built_site / entry["url"])
        actor = actors[actor_id]
        ld = json.loads(page.xpath('//script[@type="application/ld+json"]')[0].text)
        assert (ld["@context"], ld["@type"], ld["name"]) == ("https://schema.org", SCHEMA_TYPES[actor.kind], actor.name)
        assert ld.get("sameAs", []) == [link.url for link in actor.links]
        assert page.find_class("kicker")[0].text_content()
        assert [a.get("href") for a in page.xpath('//ul[@class="inline-list"][1]/li/a')][:len(actor.links)] == \
            [link.url for link in actor.links]
        if actor.summary:
            assert fold(actor.summary.replace('"', "")) in fold(page.find_class("prose")[0].text_content()).replace('"', "")
        shared = {other: len(paragraphs[actor_id] & p) for other, p in paragraphs.items() if other != actor_id}
        shared = {k: v for k, v in shared.items() if v}
        together = page.xpath('//h2[@id="together"]/following-sibling::ul[1]/li')
        shown = {li.find("a").get("href").removesuffix(".html"): int(re.search(r"\((\d+)\)", li.text_content()).group(1))
                 for li in together}
        assert len(shown) == min(10, len(shared))
        assert all(shared[k] == v for k, v in shown.items()), actor_id
        assert all(v <= min(shown.values()) for k, v in shared.items() if k not in shown)


def test_index_is_grouped_by_kind_sorted_with_counts_and_bars_and_needs_no_script(
        built_site: Path, exported: dict[str, dict]) -> None:
    page = parse(built_site / "actors.html")
    assert not page.xpath("//script[not(@type='application/ld+json') and not(@src='static/search.js')]")
    groups = page.find_class("actor-group")
    kinds = [g.find(".//h2").get("id").removeprefix("kind-") for g in groups]
    assert kinds == [k for k in KIND_ORDER if any(a["kind"] == k for a in exported.values())]
    most = max(a["mentions"] for a in exported.values())
    seen = []
    for group, kind in zip(groups, kinds):
        names = [a.text_content() for a in group.find_class("actor-list__name")]
        assert names == sorted(names, key=str.casefold)
        for li in group.xpath('.//ul[@class="actor-list"]/li'):
            actor_id = li.find_class("actor-list__name")[0].get("href").removeprefix("actors/").removesuffix(".html")
            entry = exported[actor_id]
            assert entry["kind"] == kind
            count = entry["mentions"]
            assert li.find_class("actor-list__count")[0].text_content() == f"{count} mention{'' if count == 1 else 's'}"
            fill = li.find_class("bar__fill")[0].get("class").split()[1]
            assert fill == f"bar__fill--{round(round(100 * count / most) / 5) * 5}"
            seen.append(actor_id)
    assert sorted(seen) == sorted(exported)
