"""The cache: equal values give equal digests, whatever objects they share; what other code wrote is dropped."""

from __future__ import annotations

import pickle

from docket.cache import digest


def test_a_digest_does_not_depend_on_which_objects_a_value_shares() -> None:
    word = "".join(["cen", "trally"])
    shared = (word, word, [word, word])                 # one string object, four times
    rebuilt = pickle.loads(pickle.dumps(("centrally", "".join(["centr", "ally"]),
                                         ["".join(["c", "entrally"]), "centrally"])))
    assert shared == rebuilt and digest(shared) == digest(rebuilt)
    assert digest(shared) != digest((word, word, [word, "other"]))


def test_a_value_that_refers_to_itself_still_has_a_digest() -> None:
    loop: list = [1]
    loop.append(loop)
    assert digest(loop) == digest(loop) and len(digest(loop)) == 64


def test_a_cache_other_code_wrote_is_removed_unread_and_one_this_code_wrote_is_kept(tmp_path, monkeypatch) -> None:
    import docket.cache as cache_mod
    from docket.cache import Cache
    folder = tmp_path / ".docket-cache"
    monkeypatch.setattr(cache_mod, "code_salt", lambda: "old")
    old = Cache.open(folder)
    old.put("link", old.key("a"), "stale")
    old.save()
    assert (folder / "code").read_text() == "old" and list((folder / "link").iterdir())
    same = Cache.open(folder)
    assert same.get("link", same.key("a")) == "stale"        # the same code keeps what it wrote
    monkeypatch.setattr(cache_mod, "code_salt", lambda: "new")
    new = Cache.open(folder)
    assert not (folder / "link").exists() and (folder / "code").read_text() == "new"
    assert new.get("link", new.key("a")) is None and new.get("link", old.key("a")) is None
