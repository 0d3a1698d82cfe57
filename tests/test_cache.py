"""The cache's digests: equal values give equal digests, whatever objects they happen to share."""

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
