"""Results of a page maker's costly pure steps, kept across builds by the digest of what they are made from.

A maker marked `memoized` (docket/reads.py) is given a Memo as `memo=`: `memo.get(name, inputs, make)`
is make(), or the result an earlier build had for the same name and inputs. A maker that runs
again after a small change (the search index, after one source's edit) then redoes only the steps
whose inputs changed. The maker still runs whenever what it read changed: the memo only saves work
inside it, never decides whether it runs. Without a runtime (routes.run_plainly) the maker gets no
memo and does every step.

A Memo may live in a worker process: it reads the cache as it was when the worker was forked and
keeps what it made and used, for the parent to put into its own cache (`kept`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from .cache import Cache

BUCKET = "memo"


@dataclass
class Memo:
    cache: Cache
    made: dict[str, Any] = field(default_factory=dict)     # key -> a result computed in this run
    used: set[str] = field(default_factory=set)            # keys found in the cache

    def get(self, name: str, inputs: Any, make: Callable[[], Any]) -> Any:
        """make(), or its result for the same name and inputs in an earlier build (or earlier in this one)."""
        key = self.cache.key(BUCKET, name, inputs)
        if key in self.made:
            return self.made[key]
        found = self.cache.get(BUCKET, key)
        if found is not None:
            self.used.add(key)
            return found
        value = self.made[key] = make()
        return value

    @property
    def kept(self) -> tuple[dict[str, Any], frozenset[str]]:
        """What to keep: the results made here, and the keys of those reused."""
        return self.made, frozenset(self.used)


def keep(cache: Cache, kept: tuple[dict[str, Any], frozenset[str]]) -> None:
    """Put a Memo's results (perhaps from a worker) into cache, and keep those it reused from pruning."""
    made, used = kept
    for key, value in made.items():
        cache.put(BUCKET, key, value)
    cache.keep(BUCKET, used)
