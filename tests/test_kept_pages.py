"""A maker's pages kept in the cache: the same pages back, each view unpickled only when read beyond what every page is asked."""

from __future__ import annotations

import pickle

from docket.cache import digest
from docket.kept_pages import KeptPages, StoredView, stored, view_digest, whole
from docket.routes import Page

VIEW = {"title": "Kim Jong Un", "description": "Every mention.", "root": "../", "is_home": False,
        "actor": {"id": "kim-jong-un", "name": "Kim Jong Un"}, "json_ld": "{}",
        "mention_groups": [{"outlet": "Reuters", "mentions": ["a", "b"]}], "count": 2}


def _round_trip() -> tuple[Page, ...]:
    pages = KeptPages([Page("actors/kim-jong-un.html", "actor.html", VIEW), Page("data/actors.json", data=b"[]")])
    back = pickle.loads(pickle.dumps(pages, protocol=5))
    assert isinstance(back, KeptPages) and len(back) == 2
    return back


def test_kept_pages_come_back_equal_with_their_views_kept_whole() -> None:
    page, data = _round_trip()
    assert isinstance(page.view, StoredView) and not page.view.loaded
    assert (page.url, page.template, page.data) == ("actors/kim-jong-un.html", "actor.html", None)
    assert list(page.view) == list(VIEW) and len(page.view) == len(VIEW)
    assert dict(page.view) == VIEW and page.view.loaded
    assert view_digest(page.view) == digest(VIEW) == view_digest(VIEW)     # the dict's digest, whichever way it is kept
    assert data == Page("data/actors.json", data=b"[]")      # a data page as it was


def test_what_every_page_is_asked_leaves_the_view_unread_and_anything_else_reads_it() -> None:
    page, _ = _round_trip()
    view = page.view
    assert view["title"] == "Kim Jong Un" and view["actor"]["id"] == "kim-jong-un"
    assert view.get("is_home") is False and view.get("source") is None and "json_ld" in view and "nav" not in view
    assert not view.loaded
    try:
        view["nav"]
    except KeyError:
        pass
    else:
        raise AssertionError("a key the view does not have")
    assert not view.loaded
    assert view["mention_groups"][0]["mentions"] == ["a", "b"] and view.loaded
    assert page.context() == VIEW       # what the template sees


def test_a_stored_view_pickled_again_stays_its_pickle() -> None:
    page, _ = _round_trip()
    again = pickle.loads(pickle.dumps(page, protocol=5))
    assert isinstance(again.view, StoredView) and not again.view.loaded and dict(again.view) == VIEW
    assert not page.view.loaded         # pickling did not unpickle it


def test_a_view_is_kept_compressed() -> None:
    lines = [{"outlet": "Reuters", "before": f"In paragraph {k}, the studio said ", "name": "Sony",
              "after": " would not release the film."} for k in range(500)]
    view = {**VIEW, "mention_groups": [{"outlet": "Reuters", "mentions": lines}]}
    kept = pickle.dumps(KeptPages([Page("actors/sony.html", "actor.html", view)]), protocol=5)
    assert len(kept) < len(pickle.dumps(view, protocol=5)) / 4
    [page] = pickle.loads(kept)
    assert dict(page.view) == view


def test_a_makers_fresh_pages_are_kept_pickled_with_their_digest_and_rendered_without_keeping_the_view() -> None:
    data = Page("data/actors.json", data=b"[]")
    page, same = stored([Page("actors/kim-jong-un.html", "actor.html", VIEW), data])
    assert same is data and isinstance(page.view, StoredView) and page.view.digest == digest(VIEW)
    assert page.view["title"] == "Kim Jong Un" and not page.view.loaded
    assert whole(page.view) == VIEW and page.context() == VIEW and whole(VIEW) is VIEW
    assert not page.view.loaded         # a renderer does not keep the views it unpickled
    assert stored([page])[0].view is page.view      # kept already: not pickled again
    back = pickle.loads(pickle.dumps(page, protocol=5))
    assert back.view.digest == digest(VIEW) and not back.view.loaded
