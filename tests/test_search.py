"""Search: the index (folding, postings, shards by prefix) and search.html in Chromium from file://."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

import floor
from docket.cache import Cache
from docket.memo import Memo
from docket.search_docs import SearchDoc
from docket.search_index import b36, blocks, build, encode, fold, pack, terms
from helpers import REPO

READWRITE = "sources/readwrite-2014-12-17.html"


def test_fold_drops_accents_and_case() -> None:
    assert fold("Pyŏngyang ÉTÉ Straße") == "pyongyang ete straße"
    assert terms("Kim Jong-un’s “Interview”, 2014") == ["kim", "jong", "un", "s", "interview", "2014"]


def test_postings_are_base36_gaps_with_weights() -> None:
    assert b36(0) == "0" and b36(35) == "z" and b36(36) == "10"
    assert encode({3: 1, 40: 9, 41: 1}) == "3,11.9,1"


def test_pack_keeps_small_indexes_whole_and_cuts_big_ones_at_short_keys() -> None:
    encoded = {"kim": "0", "kibosh": "1", "korea": "2", "sony": "3"}
    assert pack(encoded, 10_000) == [("", ["kibosh", "kim", "korea", "sony"])]
    assert pack(encoded, 25) == [("", ["kibosh", "kim"]), ("ko", ["korea", "sony"])]
    assert pack({"kibosh": "1", "kim": "0", "kimono": "2"}, 14) == [("", ["kibosh"]), ("kim", ["kim"]),
                                                                      ("kimo", ["kimono"])]


def _data(files: dict[str, bytes], name: str) -> object:
    text = files[f"search/{name}.js"].decode("utf-8")
    prefix = f'(window.docketSearch=window.docketSearch||{{}})["{name}"]='
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix):-2])


def test_index_files_rank_titles_above_text_and_chunk_records() -> None:
    docs = [SearchDoc("actor", "actors/kim.html", "Kim Jong Un", "North Korea's leader."),
            SearchDoc("paragraph", "sources/a.html#p-2", "A headline", "Kim said the film was an act of war.",
                      "Outlet, paragraph 2", title_weight=0)]
    index = build(docs, "en", chunk=1)
    files = dict(index.files)
    assert sorted(files) == ["search/d0.js", "search/d1.js", "search/manifest.js", "search/t0.js"]
    manifest = _data(files, "manifest")
    assert manifest["docs"] == 2 and manifest["shards"] == [""] and "the" in manifest["stop"]
    shard = _data(files, "t0")
    assert shard["kim"] == "0.8,1"           # the actor's title word weighs 8, the paragraph's 1
    assert "headline" not in shard and "the" not in shard
    assert _data(files, "d1") == [["paragraph", "sources/a.html#p-2", "A headline", "Outlet, paragraph 2",
                                   "Kim said the film was an act of war."]]


def test_big_index_is_split_so_each_shard_fits() -> None:
    docs = [SearchDoc("paragraph", f"s.html#p-{n}", "", f"word{n} w{n % 7}x common", title_weight=0)
            for n in range(3000)]
    index = build(docs, "en", shard_bytes=4000)
    files = dict(index.files)
    keys = _data(files, "manifest")["shards"]
    assert index.shards == len(keys) > 10
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    for n in range(len(keys)):
        shard = _data(files, f"t{n}")
        assert len(files[f"search/t{n}.js"]) < 4000 + 200 or len(shard) == 1   # one common word may be alone
        assert all(term >= keys[n] and (n + 1 == len(keys) or term < keys[n + 1]) for term in shard)


def _sony_docs() -> list[SearchDoc]:
    from docket.diagnostics import Diagnostics
    from docket.markup import Renderer
    from docket.pipeline import load
    from docket.search_docs import collect
    site = load(REPO, Diagnostics())
    assert site is not None
    return collect(site, Renderer())


def test_a_paragraphs_record_is_its_text_with_white_space_made_single() -> None:
    from docket.diagnostics import Diagnostics
    from docket.markup import Renderer
    from docket.pipeline import load
    from docket.search_docs import paragraph_docs
    site = load(REPO, Diagnostics())
    assert site is not None
    texts = {f"sources/{s.id}.html#p-{n}": text for s in site.content.sources
             for n, text in enumerate(site.paragraphs(s.id), start=1)}
    docs = paragraph_docs(site, Renderer())
    assert len(docs) == len([t for t in texts.values() if t.strip()]) > 20
    for doc in docs:
        text = texts[doc.url]
        assert doc.text == " ".join(text.split())


def test_postings_made_in_blocks_join_into_the_same_index() -> None:
    docs = _sony_docs() + [SearchDoc("paragraph", f"sources/s{n // 5}.html#p-{n % 5 + 1}", "", f"word{n} kim {n}",
                                     title_weight=0) for n in range(3000)]     # gaps of 1,296 and more too
    whole = build(docs, "en", units=2 ** 40)        # no address's CRC-32 is a multiple: one block
    assert blocks(docs, 2 ** 40) == [(0, len(docs))]
    for units in (1, 2, 3, 16):
        cut = blocks(docs, units)
        assert len(cut) > 10 and cut[0][0] == 0 and cut[-1][1] == len(docs)
        assert all(a[1] == b[0] for a, b in zip(cut, cut[1:]))
        assert not any(docs[end - 1].url.partition("#")[0] == docs[end].url.partition("#")[0]
                       for _, end in cut[:-1] if docs[end].kind == "paragraph")   # a source's paragraphs stay together
        assert build(docs, "en", units=units).files == whole.files


def test_with_a_memo_an_edit_makes_again_only_the_postings_of_its_block() -> None:
    docs = _sony_docs() + [SearchDoc("paragraph", f"sources/s{n // 5}.html#p-{n % 5 + 1}", "", f"word{n} kim",
                                     title_weight=0) for n in range(2000)]
    memo = Memo(Cache.open(None))
    assert build(docs, "en", memo=memo, units=16).files == build(docs, "en", units=16).files
    made = len(memo.made)
    assert made == len(blocks(docs, 16)) > 10
    edited = list(docs)
    edited[1500] = dataclasses.replace(docs[1500], text="Zymurgy in an edited paragraph")
    again = Memo(memo.cache)
    for key, value in memo.made.items():        # what the first build kept
        memo.cache.put("memo", key, value)
    index = build(edited, "en", memo=again, units=16)
    assert index.files == build(edited, "en", units=16).files
    assert len(again.made) == 1 and len(again.used) == made - 1
    assert b"\"zymurgy\"" not in b"".join(data for _, data in build(docs, "en").files)
    assert b"\"zymurgy\"" in b"".join(data for _, data in index.files)


def test_every_result_links_to_a_page_and_anchor_that_exist(built_site: Path) -> None:
    names: dict[Path, set[str]] = {}
    manifest = _load(built_site, "manifest")
    urls = [doc[1] for n in range(-(-manifest["docs"] // manifest["chunk"])) for doc in _load(built_site, f"d{n}")]
    assert len(urls) == manifest["docs"] > 0
    for url in urls:
        path, _, fragment = url.partition("#")
        target = built_site / path
        assert target.is_file(), url
        if fragment:
            names.setdefault(target, floor.scan_page(target).names)
            assert fragment in names[target], url


def _load(site: Path, name: str) -> object:
    return _data({f"search/{name}.js": (site / "search" / f"{name}.js").read_bytes()}, name)


# --- In the browser, from file:// ------------------------------------------------------------


@pytest.fixture()
def tab(chromium_browser: Browser) -> Page:
    context = floor.new_context(chromium_browser)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def _results(page: Page, query: str) -> list[dict[str, str]]:
    page.fill("#search-q", query)
    page.wait_for_function("q => document.querySelector('[data-search-status]').textContent.includes(q)", arg=query)
    return page.eval_on_selector_all(".search-result", """items => items.map(li => ({
        href: li.querySelector('a').getAttribute('href'), text: li.textContent,
        marks: [...li.querySelectorAll('mark')].map(m => m.textContent)}))""")


def test_kim_lists_the_actor_page_first(tab: Page, built_site: Path) -> None:
    tab.goto((built_site / "search.html").as_uri())
    assert tab.is_hidden("[data-search-nojs]")
    found = _results(tab, "Kim")
    assert found[0]["href"] == (built_site / "actors/kim-jong-un.html").as_uri()
    assert "Kim" in found[0]["marks"]
    assert re.fullmatch(r"\d+ results for “Kim”\.", tab.inner_text("[data-search-status]"))
    assert tab.get_attribute("[data-search-status]", "aria-live") == "polite"


def test_kibosh_links_to_the_readwrite_paragraph(tab: Page, built_site: Path) -> None:
    tab.goto((built_site / "search.html").as_uri())
    found = _results(tab, "KIBOS")              # a prefix, in capitals
    paragraphs = [f for f in found if "#p-" in f["href"]]
    assert paragraphs, found
    href = paragraphs[0]["href"]
    assert href.startswith((built_site / READWRITE).as_uri() + "#p-")
    anchor = href.split("#")[1]
    page_html = (built_site / READWRITE).read_text(encoding="utf-8")
    paragraph = re.search(rf'<p id="{anchor}">(.*?)</p>', page_html, re.S)
    assert paragraph and "kibosh" in paragraph.group(1)
    assert paragraphs[0]["marks"] == ["kibosh"]


def test_accents_in_the_query_are_ignored(tab: Page, built_site: Path) -> None:
    tab.goto((built_site / "search.html").as_uri())
    assert [f["href"] for f in _results(tab, "kïbösh")] == [f["href"] for f in _results(tab, "kibosh")]


def test_keyboard_slash_focuses_arrows_move_enter_opens(tab: Page, built_site: Path) -> None:
    tab.goto((built_site / "index.html").as_uri())
    tab.keyboard.press("/")
    assert tab.evaluate("document.activeElement.id") == "site-search-q"
    tab.keyboard.type("kibosh")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")             # the header's plain form: search.html?q=kibosh
    assert tab.url.endswith("search.html?q=kibosh")
    tab.wait_for_selector(".search-result")
    tab.keyboard.press("/")
    assert tab.evaluate("document.activeElement.id") == "search-q"
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("ArrowDown")
    second = tab.evaluate("document.activeElement.href")
    assert second == tab.eval_on_selector_all(".search-result__link", "a => a[1].href")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url == second


def test_the_index_loads_on_first_use_only(tab: Page, built_site: Path) -> None:
    loaded: list[str] = []
    tab.on("request", lambda r: loaded.append(r.url.rsplit("/", 2)[-2]))
    tab.goto((built_site / "actors.html").as_uri())
    tab.goto((built_site / "search.html").as_uri())
    tab.wait_for_load_state("load")
    assert "search" not in loaded
    _results(tab, "kibosh")
    assert "search" in loaded


def test_without_javascript_the_page_says_so_and_links_the_indexes(chromium_browser: Browser, built_site: Path) -> None:
    context = chromium_browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((built_site / "search.html").as_uri())
        assert "needs JavaScript" in page.inner_text("[data-search-nojs]")
        links = page.eval_on_selector_all("[data-search-nojs] a", "a => a.map(x => x.getAttribute('href'))")
        assert {"sources.html", "actors.html"} <= set(links)
    finally:
        context.close()
