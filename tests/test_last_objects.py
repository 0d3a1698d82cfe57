"""LastObjects: what one plan gives the next, only for the very objects it was made from."""

from __future__ import annotations

from docket.last_objects import LastObjects


def test_a_value_is_given_again_only_when_every_part_is_the_same_object() -> None:
    memo = LastObjects()
    a, b = ["a"], ["b"]
    memo.begin()
    first = memo.get("view", "x", (a, b), lambda: {"n": 1})
    memo.begin()
    assert memo.get("view", "x", (a, b), lambda: {"n": 2}) is first
    memo.begin()
    assert memo.get("view", "x", (a, ["b"]), lambda: {"n": 3}) == {"n": 3}     # equal is not enough
    memo.begin()
    assert memo.get("view", "y", (a, ["b"]), lambda: {"n": 4}) == {"n": 4}     # another key
    memo.begin()
    memo.begin()
    assert memo.get("view", "y", (a, ["b"]), lambda: {"n": 5}) == {"n": 5}     # a plan that did not ask drops it


def test_equal_settings_and_dates_become_the_same_object_again() -> None:
    memo = LastObjects()
    memo.begin()
    common = memo.same_common({"site": ("config",), "nav": [1, 2]})
    day = memo.same(("2014-12-17",))
    memo.begin()
    assert memo.same_common({"site": ("config",), "nav": [1, 2]}) is common
    assert memo.same(("2014-12-17",)) is day
    changed = {"site": ("config",), "nav": [1]}
    assert memo.same_common(changed) is changed


def test_a_view_that_cannot_be_pickled_is_rendered_every_time_by_a_long_lived_runtime(tmp_path) -> None:
    """Its page has no key (incremental._page_key gives ''): the key given again must not digest it."""
    import jinja2
    from docket.diagnostics import Diagnostics
    from docket.incremental import Runtime
    from docket.routes import Page
    env = jinja2.Environment(loader=jinja2.DictLoader({"t.html": "<p>{{ title }}</p>"}))
    page = Page("a.html", "t.html", {"title": "A", "made_by": lambda: None})     # a lambda does not pickle
    rt = Runtime.plain()
    for _ in range(2):      # the second build finds the page's key (none) in the memo
        rt.last_objects.begin()
        diags = Diagnostics()
        files = rt.render(env, [page], tmp_path, tmp_path / "out", diags)
        assert diags.items == [] and files is not None
        assert rt.last_rendered == ("a.html",)
