"""Fast builds give the same bytes: parallel = one core, cached rebuild = clean build, caches invalidated by inputs."""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path
from types import SimpleNamespace

from docket.diagnostics import Diagnostics
from docket.incremental import Runtime
from docket.pipeline import Result, build
from docket.workers import MIN_PARALLEL

from helpers import ABOUT_MD, GAZETTE_MD, REPO, make_site, run, snapshot


def _corpus(root: Path, n: int) -> Path:
    """bench/corpus.py's generated project of n sources (actors, events, annotations included)."""
    spec = importlib.util.spec_from_file_location("bench_corpus", REPO / "bench" / "corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_corpus", module)      # its dataclasses look their module up there
    spec.loader.exec_module(module)
    module.write_corpus(root, n)
    return root


def _build(root: Path, out: Path, runtime: Runtime) -> Result:
    diags = Diagnostics()
    result = build(root, diags, out=out, runtime=runtime)
    assert not diags.has_errors(), [d.format() for d in diags.items]
    return result


def _clean(root: Path, out: Path) -> dict[str, bytes]:
    """What a one-core build without any cache writes."""
    _build(root, out, Runtime.plain())
    return snapshot(out)


def test_a_parallel_build_writes_the_same_bytes_as_a_one_core_build(tmp_path: Path, monkeypatch) -> None:
    from docket.workers import Apart
    apart: list[tuple[str, int]] = []
    real_call = Apart.__call__

    def call(self: Apart, fn, *args):
        result = real_call(self, fn, *args)
        apart.append((fn.__name__, len(result.matches)))
        return result
    monkeypatch.setattr(Apart, "__call__", call)
    root = _corpus(tmp_path / "corpus", MIN_PARALLEL + 12)
    parallel = Runtime.for_root(root, jobs=2, use_cache=False)
    assert parallel.apart_from > MIN_PARALLEL + 12
    parallel.apart_from = MIN_PARALLEL          # as a large site does
    _build(root, tmp_path / "two", parallel)
    monkeypatch.undo()
    one = snapshot(tmp_path / "two")
    [(name, matches)] = apart       # the comparison ran in a process of its own, and found matches there
    assert name == "compare" and matches > 0
    assert len([u for u in one if u.startswith("sources/") and u.endswith(".html")]) == MIN_PARALLEL + 12
    assert one == _clean(root, tmp_path / "one")
    _build(root, tmp_path / "forked", Runtime.for_root(root, jobs=2, use_cache=False))   # a smaller site: forks only
    assert snapshot(tmp_path / "forked") == one and len(apart) == 1


def _apart_maker(site, renderer, common, apart=None) -> list:
    from docket.routes import Page
    return [Page("apart", view={"renderer": id(renderer), "worked": apart(len, "four") if apart else None})]


_apart_maker.runs_apart = True      # type: ignore[attr-defined]


def _plain_maker(site, renderer, common) -> list:
    from docket.routes import Page
    return [Page("here", view={"renderer": id(renderer), "worked": None})]


def test_a_maker_run_apart_gets_a_renderer_of_its_own_while_the_others_run_here() -> None:
    from docket.incremental import _beside
    from docket.markup import Renderer
    site, renderer = SimpleNamespace(content=SimpleNamespace()), Renderer()
    items = [(0, _plain_maker, ()), (1, _apart_maker, ()), (2, _plain_maker, ())]
    ran = _beside((site, renderer, {}, None), items, {1}, None)
    pages = [result[1] for result in ran]
    assert [p[0].url for p in pages] == ["here", "apart", "here"]
    used = [p[0].view["renderer"] for p in pages]
    assert used[0] == used[2] == id(renderer) != used[1]   # Markdown is not shared between threads
    assert pages[1][0].view["worked"] == 4                  # len("four"), worked out in a process of its own


def test_the_memory_the_other_makers_freed_is_given_back_while_the_maker_apart_still_runs(monkeypatch) -> None:
    import threading

    from docket import incremental
    from docket.markup import Renderer
    released = threading.Event()
    monkeypatch.setattr(incremental, "release_free_memory", released.set)

    def waits(site, renderer, common, apart=None) -> list:      # done only once the memory was given back
        from docket.routes import Page
        return [Page("waited", view={"released": released.wait(timeout=30)})]
    waits.runs_apart = True     # type: ignore[attr-defined]
    site = SimpleNamespace(content=SimpleNamespace())
    ran = incremental._beside((site, Renderer(), {}, None), [(0, waits, ()), (1, _plain_maker, ())], {0}, None)
    assert ran[0][1][0].view["released"] is True and ran[1][1][0].url == "here"


def test_the_memory_a_long_maker_freed_is_given_back_before_the_next_one_runs(monkeypatch) -> None:
    from docket import incremental
    from docket.markup import Renderer
    from docket.routes import Page
    events: list[str] = []
    monkeypatch.setattr(incremental, "release_free_memory", lambda: events.append("released"))

    def maker(name: str, seconds: float):       # type: ignore[no-untyped-def]
        def make(site, renderer, common) -> list:
            time.sleep(seconds)
            events.append(name)
            return [Page(name, view={})]
        return make
    site = SimpleNamespace(content=SimpleNamespace())
    items = [(0, _apart_maker, ()), (1, maker("long", 0.2), ()), (2, maker("quick", 0.0), ()), (3, maker("last", 0.0), ())]
    ran = incremental._beside((site, Renderer(), {}, None), items, {0}, None, release_after=0.1)
    assert [r[1][0].url for r in ran] == ["apart", "long", "quick", "last"]
    # after the long one at once, not after a quick one; and once more before waiting on the one apart
    assert events == ["long", "released", "quick", "last", "released"]


def test_a_cached_rebuild_after_edits_equals_a_clean_build_and_rewrites_only_changed_files(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    out = tmp_path / "out"
    first = _build(root, out, Runtime.for_root(root, jobs=1))
    assert first.changed == -1 or first.changed >= first.written
    before = {p.relative_to(out).as_posix(): os.stat(p).st_ino for p in out.rglob("*") if p.is_file()}
    source = sorted((root / "content" / "sources").glob("*.md"))[0]
    source.write_text(source.read_text(encoding="utf-8").rstrip("\n") + " {++an editor's words++}\n", encoding="utf-8")
    again = _build(root, out, Runtime.for_root(root, jobs=1))    # a new process: the cache comes from disk
    assert again.changed > 0
    assert snapshot(out) == _clean(root, tmp_path / "clean")
    assert "[an editor's words]" in (out / "sources" / f"{source.stem}.html").read_text(encoding="utf-8")
    after = {p.relative_to(out).as_posix(): os.stat(p).st_ino for p in out.rglob("*") if p.is_file()}
    assert set(after) == set(before)


def test_a_rebuild_with_nothing_changed_writes_nothing_and_repeats_the_warnings(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    source = sorted((root / "content" / "sources").glob("*.md"))[0]
    source.write_text(source.read_text(encoding="utf-8").rstrip("\n") + " unfaithful\n", encoding="utf-8")
    out = tmp_path / "out"
    first_diags, again_diags = Diagnostics(), Diagnostics()
    build(root, first_diags, out=out, runtime=Runtime.for_root(root, jobs=1))
    files = snapshot(out)
    again = build(root, again_diags, out=out, runtime=Runtime.for_root(root, jobs=1))
    assert again.up_to_date and again.changed == 0
    assert snapshot(out) == files
    assert [d.format() for d in again_diags.sorted()] == [d.format() for d in first_diags.sorted()]
    assert any("unfaithful" in d.message for d in again_diags.items)


def test_a_hand_edited_or_added_output_file_is_put_back(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    out = tmp_path / "out"
    _build(root, out, Runtime.for_root(root, jobs=1))
    (out / "index.html").write_text("edited by hand", encoding="utf-8")
    (out / "stray.html").write_text("added by hand", encoding="utf-8")
    result = _build(root, out, Runtime.for_root(root, jobs=1))
    assert not result.up_to_date and result.changed > 0
    assert snapshot(out) == _clean(root, tmp_path / "clean")


def test_a_layout_change_invalidates_the_rendered_pages(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    out = tmp_path / "out"
    _build(root, out, Runtime.for_root(root, jobs=1))
    layout = root / "layouts" / "base.html"
    layout.write_text(layout.read_text(encoding="utf-8").replace("</body>", "<!-- layout v2 --></body>"),
                      encoding="utf-8")
    _build(root, out, Runtime.for_root(root, jobs=1))
    assert "<!-- layout v2 -->" in (out / "index.html").read_text(encoding="utf-8")
    assert snapshot(out) == _clean(root, tmp_path / "clean")


def test_a_config_change_invalidates_every_page(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    out = tmp_path / "out"
    _build(root, out, Runtime.for_root(root, jobs=1))
    make_site(root, title="A renamed site")
    result = _build(root, out, Runtime.for_root(root, jobs=1))
    pages = [u for u in snapshot(out) if u.endswith(".html")]
    assert all("A renamed site" in (out / u).read_text(encoding="utf-8") for u in pages)
    assert result.changed >= len(pages)
    assert snapshot(out) == _clean(root, tmp_path / "clean")


def _replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_edits_to_notes_events_and_actors_each_reach_every_page_they_touch(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "corpus", 12)
    out = tmp_path / "out"
    _build(root, out, Runtime.for_root(root, jobs=1))
    content = root / "content"
    first_name = (content / "actors.yaml").read_text(encoding="utf-8").split('name: "', 1)[1].split('"', 1)[0]
    edits = [(content / "annotations" / "gen-00001.yaml", "A generated note", "An edited note"),
             (content / "timeline.yaml", "A generated event", "An edited event"),
             (content / "actors.yaml", f'name: "{first_name}"', 'name: "Renamed Actor"')]
    for n, (path, old, new) in enumerate(edits):      # one at a time: each must invalidate what it touches
        _replace_in(path, old, new)
        _build(root, out, Runtime.for_root(root, jobs=1))
        built = snapshot(out)
        assert any(new.split('"')[-2 if '"' in new else 0].encode() in data for data in built.values())
        assert built == _clean(root, tmp_path / f"clean-{n}")


def test_build_options_verbose_times_each_stage_and_no_bar_off_a_terminal(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    out = tmp_path / "out"
    first = run("--root", str(root), "build", "--out", str(out), "--verbose", "--jobs", "2")
    assert first.code == 0, first.err
    stages = [line.split()[0] for line in first.err_lines if not line.startswith("    ")]
    assert stages == ["up-to-date", "load", "link", "plan", "render", "write", "save"]
    # under plan, each page maker that ran, with its time (a first build runs them all; this site has no
    # actor, so no actor's page is made)
    assert _makers_run(first.err_lines) == ["actor_pages.export", "actor_pages.index_page", "annotation_export",
                                            "compare_pages", "feed", "search_page", "timeline_pages"]
    assert all(line.endswith(" s") for line in first.err_lines) and "\r" not in first.err
    again = run("--root", str(root), "build", "--out", str(out), "--quiet")
    assert (again.code, again.err) == (0, "")
    assert again.out.endswith(" s (nothing changed)\n")
    clean = run("--root", str(root), "build", "--out", str(tmp_path / "clean"), "--no-cache", "--jobs", "1")
    assert clean.code == 0 and snapshot(tmp_path / "clean") == snapshot(out)
    assert run("--root", str(root), "build", "--jobs", "0").code == 2


def test_a_serve_session_keeps_builds_no_change_record_and_forgets_its_own_folder(tmp_path: Path) -> None:
    """serve shares build's cache: its rebuilds must not cost the next `build` its no-change check, and the
    record of its private folder goes with the folder."""
    from docket.cache import Cache
    from docket.rebuild import Rebuilder
    from docket.update import read_manifest

    root = make_site(tmp_path / "site")
    out = tmp_path / "out"
    _build(root, out, Runtime.for_root(root, jobs=1))
    folder = tmp_path / "served"
    folder.mkdir()
    runtime = Runtime.for_root(root, jobs=1, watched=True)
    assert Rebuilder(root, folder, runtime).rebuild(None).ok
    assert read_manifest(Cache.open(root / ".docket-cache"), folder) is not None
    runtime.forget_output(folder)
    assert read_manifest(Cache.open(root / ".docket-cache"), folder) is None
    again = _build(root, out, Runtime.for_root(root, jobs=1))
    assert again.up_to_date and again.changed == 0


def _makers_run(err_lines: list[str]) -> list[str]:
    """The page makers --verbose lists under plan: those that ran (the others' last pages were reused)."""
    names = [line.split()[0] for line in err_lines]
    at = names.index("plan")
    return sorted(line.split()[0] for line in err_lines[at + 1:] if line.startswith("    "))


def test_page_makers_run_again_only_when_what_they_read_changed(tmp_path: Path) -> None:
    root, out = make_site(tmp_path / "site"), tmp_path / "out"
    assert run("--root", str(root), "build", "--out", str(out)).code == 0
    make_site(root, {"content/pages/about.md": ABOUT_MD.replace("as received", "exactly as received")})
    about = run("--root", str(root), "build", "--out", str(out), "--verbose")
    assert about.code == 0 and _makers_run(about.err_lines) == []     # no maker reads the free pages
    assert b"exactly as received" in (out / "about.html").read_bytes()
    make_site(root, {"content/sources/example-gazette-2020-01-02.md":
                     GAZETTE_MD.replace("{++sic++}", "{++sic, an edit++}")})
    edited = run("--root", str(root), "build", "--out", str(out), "--verbose")
    assert edited.code == 0
    # the insertion shows on the page and in the search index; the comparison reads only the sources' own words
    assert "search_page" in _makers_run(edited.err_lines)
    assert not {"compare_pages", "annotation_export"} & set(_makers_run(edited.err_lines))
    assert snapshot(out) == _clean(root, tmp_path / "clean")


def test_an_edit_makes_again_only_the_pages_of_the_actors_named_where_it_is(tmp_path: Path) -> None:
    root, out = _corpus(tmp_path / "site", 60), tmp_path / "out"
    assert run("--root", str(root), "build", "--out", str(out)).code == 0
    path = sorted((root / "content" / "sources").glob("*.md"))[7]
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + " {++an edit++}\n", encoding="utf-8")
    edited = run("--root", str(root), "build", "--out", str(out), "--verbose")
    assert edited.code == 0
    line = next(line for line in edited.err_lines if line.split()[0] == "actor_pages.actor_page")
    ran, of = map(int, line.rsplit("(", 1)[1].rstrip(")").split(" of "))
    assert of == 30 and 0 < ran <= 5       # the actors named in the edited paragraph, not all 30
    assert not {"actor_pages.index_page", "actor_pages.export"} & set(_makers_run(edited.err_lines))
    assert snapshot(out) == _clean(root, tmp_path / "clean")


def test_fingerprints_change_when_the_values_do_and_only_then(tmp_path: Path) -> None:
    from docket.pipeline import load
    root = _corpus(tmp_path / "site", 20)
    before = load(root, Diagnostics())
    path = sorted((root / "content" / "sources").glob("*.md"))[7]
    edited_id = path.stem
    named_there = {m.actor for m in before.mentions if m.source == edited_id}
    newcomer = next(a for a in before.content.actors if a.id not in named_there and before.mentions_of(a.id))
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f" {{++{newcomer.name} too++}}\n", encoding="utf-8")
    after = load(root, Diagnostics())
    assert newcomer.id in {m.actor for m in after.mentions if m.source == edited_id}
    for lookup in ("mentions_of", "named_beside"):
        for a in before.content.actors:
            old, new = before.fingerprint(lookup, (a.id,)), after.fingerprint(lookup, (a.id,))
            assert old is not None and new is not None
            if getattr(before, lookup)(a.id) != getattr(after, lookup)(a.id):
                assert old != new, (lookup, a.id)
            if a.id not in named_there | {newcomer.id}:
                assert old == new, (lookup, a.id)       # not named in the edited source: nothing to redo
        assert before.fingerprint(lookup, (newcomer.id,)) != after.fingerprint(lookup, (newcomer.id,))
    for lookup in ("paragraphs", "printed_words", "lede"):       # one source's own: exactly when the value changes
        for source in before.content.sources:
            old, new = before.fingerprint(lookup, (source.id,)), after.fingerprint(lookup, (source.id,))
            assert old is not None and (old != new) == (getattr(before, lookup)(source.id) != getattr(after, lookup)(source.id))
    assert before.fingerprint("paragraphs", (edited_id,)) != after.fingerprint("paragraphs", (edited_id,))
    assert before.fingerprint("printed_words", (edited_id,)) == after.fingerprint("printed_words", (edited_id,))
    assert before.fingerprint("mention_summary", ()) is None


def _digested_views(monkeypatch) -> list[dict]:
    """The dicts pickled for a digest from now on: a view's digest is taken of its pickle, whether when a
    maker's pages are kept (docket/kept_pages.py) or at render."""
    import docket.cache
    import docket.kept_pages
    views: list[dict] = []
    real = docket.cache.canonical_pickle

    def counting(value):
        if isinstance(value, dict):
            views.append(value)
        return real(value)
    monkeypatch.setattr(docket.cache, "canonical_pickle", counting)
    monkeypatch.setattr(docket.kept_pages, "canonical_pickle", counting)
    return views


def test_a_rebuild_knows_the_digests_of_the_views_of_the_pages_it_reuses(tmp_path: Path, monkeypatch) -> None:
    root, out = _corpus(tmp_path / "site", 60), tmp_path / "out"
    _build(root, out, Runtime.for_root(root, jobs=1))
    path = sorted((root / "content" / "sources").glob("*.md"))[7]
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + " {++an edit++}\n", encoding="utf-8")
    views = _digested_views(monkeypatch)
    _build(root, out, Runtime.for_root(root, jobs=1))      # a new process's runtime: nothing in memory
    actors = [v for v in views if "actor" in v and "mention_groups" in v]
    assert len([v for v in views if "source" in v]) >= 60     # the source pages are not made by page makers
    assert 0 < len(actors) <= 5          # of 30 actor pages, only those made again are digested
    monkeypatch.undo()
    assert snapshot(out) == _clean(root, tmp_path / "clean")


def test_a_rebuild_reads_the_views_of_the_pages_it_reuses_only_to_render_them(tmp_path: Path, monkeypatch) -> None:
    from docket.kept_pages import StoredView
    root, out = _corpus(tmp_path / "site", 60), tmp_path / "out"
    _build(root, out, Runtime.for_root(root, jobs=1))
    path = sorted((root / "content" / "sources").glob("*.md"))[7]
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + " {++an edit++}\n", encoding="utf-8")
    made, read = [], []
    real_init, real_plain = StoredView.__init__, StoredView.plain

    def init(self, *args):
        made.append(self)
        real_init(self, *args)

    def plain(self):
        read.append(self)
        return real_plain(self)
    monkeypatch.setattr(StoredView, "__init__", init)
    monkeypatch.setattr(StoredView, "plain", plain)
    rebuilt = _build(root, out, Runtime.for_root(root, jobs=1))      # a new process's runtime: pages from the cache
    monkeypatch.undo()
    actors = [v for v in made if "mention_groups" in v]
    assert len(actors) >= 25            # of 30 actor pages, those not made again come back from the cache...
    assert not [v for v in actors if v.loaded] and not read     # ...and none is unpickled: none is rendered again
    assert 0 < rebuilt.changed <= 6    # the edited source's page and the few that show it
    assert snapshot(out) == _clean(root, tmp_path / "clean")


def test_a_makers_pages_share_the_sites_mentions_sources_and_text_instead_of_copies(tmp_path: Path) -> None:
    # At 10,000 sources an actor page's copies of its mentions came to 600 MB (bench/RESULTS.md).
    from docket import actor_pages
    from docket.markup import Renderer
    from docket.pipeline import load
    from docket.reads import ALL, Tracked
    root = _corpus(tmp_path / "site", 30)
    site = load(root, Diagnostics())
    assert site is not None
    actor = max(site.content.actors, key=lambda a: len(site.mentions_of(a.id)))
    tracked = Tracked(site)
    _, [page] = tracked.settle(actor_pages.actor_page(tracked, Renderer(), {}, actor.id))
    lines = [line for group in page.view["mention_groups"] for line in group["mentions"]]
    assert len(lines) == len(site.mentions_of(actor.id)) > 1
    assert sorted(id(line.ref) for line in lines) == sorted(id(m) for m in site.mentions_of(actor.id))
    first = lines[0].ref
    paragraph = site.paragraphs(first.source)[first.block]
    assert lines[0].text == paragraph       # the paragraph, decoded once for all its lines (docket/packed.py)
    by_paragraph: dict[tuple[str, int], set[int]] = {}
    for line in lines:
        by_paragraph.setdefault((line.ref.source, line.ref.block), set()).add(id(line.text))
    assert all(len(texts) == 1 for texts in by_paragraph.values())
    assert lines[0].before + lines[0].name + lines[0].after == paragraph[first.sentence_from:first.sentence_to]
    assert lines[0].href == f"../sources/{first.source}.html#p-{first.block + 1}" and lines[0].paragraph == first.block + 1

    tracked = Tracked(site)
    source_id = site.content.sources[3].id
    reads, [settled] = tracked.settle([{"source": tracked.content.source(source_id), "body": tracked.body(source_id)}])
    assert settled["source"] is site.content.source(source_id)     # the proxy gone, the source itself, not a copy
    assert settled["body"] is site.body(source_id)
    assert ("source", source_id, ALL) in reads                      # a whole source went into a page


def test_a_rebuild_unpacks_the_markdown_of_the_edited_source_alone(tmp_path: Path, monkeypatch) -> None:
    """A source's Markdown is held compressed (docket/packed.py): a rebuild must not unpack every source's."""
    from docket.packed import PackedText
    root, out = _corpus(tmp_path / "site", 30), tmp_path / "out"
    rt = Runtime.for_root(root, jobs=1)
    _build(root, out, rt)
    path = sorted((root / "content" / "sources").glob("*.md"))[4]
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + " {++an edit++}\n", encoding="utf-8")
    unpacked: list[str] = []
    real_str = PackedText.__str__

    def counting(self: PackedText) -> str:
        text = real_str(self)
        if type(self) is PackedText:
            unpacked.append(text)
        return text
    monkeypatch.setattr(PackedText, "__str__", counting)
    _build(root, out, rt)
    monkeypatch.undo()
    assert unpacked and all("{++an edit++}" in text for text in unpacked)


def test_a_long_lived_runtime_digests_and_heads_again_only_the_pages_an_edit_changed(tmp_path: Path, monkeypatch) -> None:
    """serve keeps one Runtime: after an edit, every other source page is the same view object as before
    (docket/last_objects.py), so its digest, meta and page key are not worked out again."""
    import docket.incremental as incremental
    import docket.site_meta as site_meta
    root, out = _corpus(tmp_path / "site", 60), tmp_path / "out"
    hour_ago = time.time() - 3600       # files written just now are read again each time (docket/fileindex.py)
    for file in root.rglob("*"):
        os.utime(file, (hour_ago, hour_ago))
    rt = Runtime.for_root(root, jobs=1)
    _build(root, out, rt)
    path = sorted((root / "content" / "sources").glob("*.md"))[7]
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + " {++an edit++}\n", encoding="utf-8")
    views = _digested_views(monkeypatch)
    heads: list[str] = []
    real_head = site_meta.head

    def counting_head(site, page):
        heads.append(page.url)
        return real_head(site, page)
    keys: list[str] = []
    real_key = rt.cache.key

    def counting_key(*parts):
        keys.append(parts[0])
        return real_key(*parts)
    monkeypatch.setattr(site_meta, "head", counting_head)
    monkeypatch.setattr(rt.cache, "key", counting_key)
    built: list[object] = []
    real_build = incremental.Matcher.build
    monkeypatch.setattr(incremental.Matcher, "build", lambda actors: built.append(actors) or real_build(actors))
    _build(root, out, rt)
    assert built == []      # the actors are the same: so is their automaton
    edited = f"sources/{path.stem}.html"
    assert [v["url"] for v in views if "source" in v] == [edited]       # of 60 source pages
    # meta again for the edited source's page, the pages listing it, and the pages the makers made again
    assert edited in heads and rt.last_pages > 90
    assert {u for u in heads if not u.startswith("actors/")} <= {edited, "index.html", "about.html", "sources.html",
                                                                   "search.html"}
    assert keys.count("source") == keys.count("link") == 1          # the edited source's load and link keys
    monkeypatch.undo()
    assert snapshot(out) == _clean(root, tmp_path / "clean")
