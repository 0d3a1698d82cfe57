"""The edited source's page first (docket/edited_page.py): on a big site, an edit of a source's body makes
that page alone, byte for byte what a clean build makes of it; the follow-up brings the rest. Anything
else, or anything a build reports as an error, goes the usual way. (The scratch site is small: the
runtime is told to treat it as big, first_from = 0.)"""

from __future__ import annotations

import io
from pathlib import Path

from docket.incremental import Runtime
from docket.rebuild import Outcome, Rebuilder
from docket.serve import report

from helpers import build, make_site, sha256, snapshot, watch_until_caught_up

TIMES = "example-times-2020-01-04"
TIMES_MD = f"content/sources/{TIMES}.md"
TIMES_PAGE = f"sources/{TIMES}.html"
GAZETTE_MD = "content/sources/example-gazette-2020-01-02.md"

# Test data, not journalism: an invented article on example.org, an actor, a note and an event quoting it.
SEED = ("Edited test article\n\n"
        "The Example Agency said on Monday that the report was final.\n\n"
        "Critics called the plan a bold step.\n\n"
        "The agency did not comment further.\n")
BODY = ("The Example Agency said on Monday that the report was final.\n\n"
        "Critics called the plan a bold step.\n\n"
        "The agency did not comment further.\n")
FRONT = f"""---
headline: Edited test article
outlet: Example Times
byline: Test Writer
published: 2020-01-04
url: https://example.org/times/edited
seed: {TIMES}.txt
sha256: {sha256(SEED)}
---

"""
FILES = {
    f"seeds/{TIMES}.txt": SEED,
    TIMES_MD: FRONT + BODY,
    "content/actors.yaml": "- id: example-agency\n  name: Example Agency\n  kind: government\n",
    f"content/annotations/{TIMES}.yaml": "- quote: a bold step\n  kind: context\n  note: A note on the plan.\n",
    "content/timeline.yaml": (f"- id: report\n  date: 2020-01-04\n  title: The report\n  kind: statement\n"
                              f"  summary: The agency's report.\n  cites:\n    - source: {TIMES}\n"
                              "      quote: the report was final\n"),
}


def _served(tmp_path: Path) -> tuple[Path, Path, Rebuilder]:
    root = make_site(tmp_path / "site", FILES)
    folder = tmp_path / "served"
    folder.mkdir()
    runtime = Runtime.plain()
    runtime.first_from = 0
    rebuilder = Rebuilder(root, folder, runtime)
    first = rebuilder.rebuild(None)
    assert first.ok and not first.diagnostics, first.diagnostics
    return root, folder, rebuilder


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")


def _clean(root: Path, folder: Path) -> Outcome:
    """A clean build of root into a new folder, by a Rebuilder of its own."""
    folder.mkdir()
    return Rebuilder(root, folder).rebuild(None)


def test_a_body_edit_makes_the_page_a_clean_build_makes_and_nothing_else(tmp_path: Path) -> None:
    root, folder, rebuilder = _served(tmp_path)
    before = snapshot(folder)
    _edit(root, TIMES_MD, "did not comment further.", "did not comment further. {++An editor adds this.++}")
    first = rebuilder.rebuild([TIMES_MD], defer=True)
    assert first.ok and first.partial, first
    assert (first.rendered, first.written, first.deferred, first.diagnostics) == ((TIMES_PAGE,), 1, (), ())
    clean = _clean(root, tmp_path / "clean")
    assert clean.ok
    now, after = snapshot(folder), snapshot(tmp_path / "clean")
    assert b"An editor adds this." in now[TIMES_PAGE]
    assert now[TIMES_PAGE] == after[TIMES_PAGE]
    assert {url for url in now if now[url] != before[url]} == {TIMES_PAGE}
    assert now.keys() == before.keys()
    assert {url for url in after if after[url] != before[url]} - {TIMES_PAGE}, "other pages show the edit too"

    follow_up = rebuilder.rebuild(())
    assert follow_up.ok and not follow_up.partial
    assert snapshot(folder) == after


def test_its_warnings_replace_the_sources_last_ones_and_the_others_stay(tmp_path: Path) -> None:
    root, folder, rebuilder = _served(tmp_path)
    _edit(root, GAZETTE_MD, "{++sic++}", "{++sic++} zanzibarquest")     # words not in the seed: a warning
    warned = rebuilder.rebuild([GAZETTE_MD], defer=True)
    assert warned.partial and [d.format() for d in warned.diagnostics] == [
        f"{GAZETTE_MD}:16: warning: words not in the seed seeds/example-gazette-2020-01-02.txt: 'zanzibarquest' "
        "(restore the seed's wording, or mark an editor's insertion as {++your words++})"]
    _edit(root, TIMES_MD, "The agency did", "The agency did zanzibarquest")
    both = rebuilder.rebuild([TIMES_MD], defer=True)
    assert both.partial
    assert both.diagnostics == _clean(root, tmp_path / "clean-1").diagnostics
    assert len(both.diagnostics) == 2
    _edit(root, GAZETTE_MD, "{++sic++} zanzibarquest", "{++sic++}")
    one = rebuilder.rebuild([GAZETTE_MD], defer=True)
    assert one.partial and [d.path for d in one.diagnostics] == [TIMES_MD]
    assert one.diagnostics == _clean(root, tmp_path / "clean-2").diagnostics
    assert rebuilder.rebuild(()).diagnostics == one.diagnostics


def test_edits_of_two_sources_make_both_pages(tmp_path: Path) -> None:
    root, folder, rebuilder = _served(tmp_path)
    _edit(root, TIMES_MD, "comment further.", "comment further. {++One.++}")
    _edit(root, GAZETTE_MD, "{++sic++}", "{++sic; two++}")
    both = rebuilder.rebuild([TIMES_MD, GAZETTE_MD], defer=True)
    assert both.partial and set(both.rendered) == {TIMES_PAGE, "sources/example-gazette-2020-01-02.html"}
    assert _clean(root, tmp_path / "clean").ok
    now, clean = snapshot(folder), snapshot(tmp_path / "clean")
    assert all(now[url] == clean[url] for url in both.rendered)


def _goes_the_usual_way(tmp_path: Path, rel: str, old: str, new: str) -> Outcome:
    root, folder, rebuilder = _served(tmp_path)
    _edit(root, rel, old, new)
    outcome = rebuilder.rebuild([rel], defer=True)
    assert not outcome.partial
    if outcome.ok:
        assert _clean(root, tmp_path / "clean").ok
        rebuilder.rebuild(())
        assert snapshot(folder) == snapshot(tmp_path / "clean")
    return outcome


def test_a_front_matter_edit_goes_the_usual_way(tmp_path: Path) -> None:
    assert _goes_the_usual_way(tmp_path, TIMES_MD, "headline: Edited test article", "headline: Edited test article (updated)").ok


def test_an_updated_day_goes_the_usual_way(tmp_path: Path) -> None:
    """The page's date changes with it, and the home page's."""
    assert _goes_the_usual_way(tmp_path, TIMES_MD, "published: 2020-01-04", "published: 2020-01-04\nupdated: 2020-02-01").ok


def test_an_edit_of_the_first_paragraph_makes_the_page_and_the_follow_up_the_lists_showing_its_lede(tmp_path: Path) -> None:
    root, folder, rebuilder = _served(tmp_path)
    before = snapshot(folder)
    _edit(root, TIMES_MD, "was final.", "was final. {++(A lede edit.)++}")
    first = rebuilder.rebuild([TIMES_MD], defer=True)
    assert first.ok and first.partial and first.rendered == (TIMES_PAGE,), first
    assert _clean(root, tmp_path / "clean").ok
    now, clean = snapshot(folder), snapshot(tmp_path / "clean")
    assert now[TIMES_PAGE] == clean[TIMES_PAGE] and b"(A lede edit.)" in now[TIMES_PAGE]
    assert {url for url in now if now[url] != before[url]} == {TIMES_PAGE}
    assert b"(A lede edit.)" in clean["index.html"] and b"(A lede edit.)" not in now["index.html"]
    rebuilder.rebuild(())
    assert snapshot(folder) == clean


def test_a_seed_edit_goes_the_usual_way(tmp_path: Path) -> None:
    outcome = _goes_the_usual_way(tmp_path, f"seeds/{TIMES}.txt", "did not comment", "did not comment at all")
    assert not outcome.ok       # the sha256 no longer matches: the usual rebuild reports it


def test_a_layout_edit_goes_the_usual_way(tmp_path: Path) -> None:
    root, folder, rebuilder = _served(tmp_path)
    _edit(root, "layouts/base.html", "</footer>", "</footer>\n<!-- edited -->")
    _edit(root, TIMES_MD, "comment further.", "comment further. {++One.++}")
    both = rebuilder.rebuild(["layouts/base.html", TIMES_MD], defer=True)
    assert both.ok and not both.partial and len(both.rendered) > 1


def test_a_small_site_goes_the_usual_way(tmp_path: Path) -> None:
    root, folder, rebuilder = _served(tmp_path)
    rebuilder.runtime.first_from = 1000
    _edit(root, TIMES_MD, "comment further.", "comment further. {++One.++}")
    assert not rebuilder.rebuild([TIMES_MD], defer=True).partial


def test_a_new_source_goes_the_usual_way(tmp_path: Path) -> None:
    root, folder, rebuilder = _served(tmp_path)
    copy = f"content/sources/{TIMES}-copy.md"
    (root / copy).write_text((root / TIMES_MD).read_text(encoding="utf-8"), encoding="utf-8")
    outcome = rebuilder.rebuild([copy], defer=True)
    assert not outcome.partial


def _refused(tmp_path: Path, old: str, new: str, expected: str) -> None:
    """An edit a build refuses: reported as the usual rebuild reports it, the folder left as it was."""
    root, folder, rebuilder = _served(tmp_path)
    before = snapshot(folder)
    _edit(root, TIMES_MD, old, new)
    outcome = rebuilder.rebuild([TIMES_MD], defer=True)
    assert not outcome.ok and not outcome.partial
    assert [d.format() for d in outcome.diagnostics if d.severity == "error"] == [expected]
    assert snapshot(folder) == before
    # the next edit, which mends it, is not made from the last good build alone: that build is not the last one
    _edit(root, TIMES_MD, new, old)
    mended = rebuilder.rebuild([TIMES_MD], defer=True)
    assert mended.ok and not mended.partial


def test_a_broken_note_quote_is_reported_and_nothing_written(tmp_path: Path) -> None:
    _refused(tmp_path, "a bold step", "a brave step",
             f"content/annotations/{TIMES}.yaml:1: error: quote not found in source '{TIMES}': \"a bold step\" "
             "(closest passage: \"a brave step.\")")


def test_a_broken_event_quote_is_reported_and_nothing_written(tmp_path: Path) -> None:
    _refused(tmp_path, "Critics called", "Critics called {++it, as the report was final,++}",
             f"content/timeline.yaml:8: error: quote found 2 times in source '{TIMES}': \"the report was final\" "
             "(add prefix: \"that\" to choose the first)")


def test_an_unknown_actor_is_reported_and_nothing_written(tmp_path: Path) -> None:
    _refused(tmp_path, "The agency did", "[The agency]{@example-agenci} did",
             f"{TIMES_MD}:15: error: unknown actor 'example-agenci' (did you mean 'example-agency'?)")


def test_a_refused_link_is_reported_and_nothing_written(tmp_path: Path) -> None:
    _refused(tmp_path, "The agency did", "[The agency](javascript:alert(1)) did",
             f"{TIMES_MD}:15: error: link to 'javascript:alert(1)' refused: 'javascript:' addresses can run script "
             "or hide content (link to an http(s) address or to a page of this site)")


def test_an_interrupted_follow_up_keeps_the_last_good_build_for_the_next_edit(tmp_path: Path) -> None:
    root, folder, rebuilder = _served(tmp_path)
    rebuilder.runtime.defer_after = 0.0
    _edit(root, TIMES_MD, "comment further.", "comment further. {++One.++}")
    assert rebuilder.rebuild([TIMES_MD], defer=True).partial
    rebuilder.runtime.interrupt = lambda: True
    assert rebuilder.rebuild(()).interrupted
    rebuilder.runtime.interrupt = None
    _edit(root, TIMES_MD, "{++One.++}", "{++Two.++}")
    again = rebuilder.rebuild([TIMES_MD], defer=True)
    assert again.partial and again.rendered == (TIMES_PAGE,)
    assert rebuilder.rebuild(()).ok
    assert _clean(root, tmp_path / "clean").ok
    assert snapshot(folder) == snapshot(tmp_path / "clean")


def test_the_terminal_says_the_other_pages_are_still_to_catch_up() -> None:
    out = io.StringIO()
    report(Outcome(True, (), 15008, (TIMES_PAGE,), 1, 0.03, partial=True), [TIMES_MD], out, io.StringIO())
    assert out.getvalue().rstrip().endswith(
        f"] rebuilt in 0.03 s after {TIMES_MD} changed: 1 of 15008 pages rendered, 1 files written; "
        "still to catch up: every other page")


def test_the_server_follows_the_edited_page_with_the_rest_by_itself(tmp_path: Path) -> None:
    root, folder, rebuilder = _served(tmp_path)
    lines = watch_until_caught_up(root, folder, rebuilder,
                                  lambda: _edit(root, TIMES_MD, "comment further.", "comment further. {++One.++}"))
    assert len(lines) == 2, lines
    assert lines[0].endswith(f"after {TIMES_MD} changed: 1 of {rebuilder.runtime.last_pages} pages rendered, "
                             "1 files written; still to catch up: every other page")
    assert "] caught up in" in lines[1]
    assert _clean(root, tmp_path / "clean").ok
    assert snapshot(folder) == snapshot(tmp_path / "clean")


def test_a_clean_build_still_builds_the_fixture(tmp_path: Path) -> None:
    """The fixture is a good site, so each refusal above is the edit's alone."""
    root = make_site(tmp_path / "site", FILES)
    assert build(root, tmp_path / "out").code == 0
