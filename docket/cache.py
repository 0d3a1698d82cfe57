"""A persistent, content-addressed cache (.docket-cache/): results keyed by the digest of their inputs.

Every key is a digest of the inputs a result was computed from, salted with docket's version and
the bytes of its own code, so an entry can never be stale: it is either found for exactly these
inputs or not found. Each bucket (one kind of result) is split into shards, pickled files written
atomically, so a one-file edit rewrites a few small shards, not the whole cache. Entries not used by
a build are dropped when it saves, so the cache holds one build's worth of results.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from . import __version__
from .collector import paused

SHARDS = 64
_MISSING = object()


def digest(*parts: Any) -> str:
    """A hex sha256 of the parts: bytes and str as they are, anything else pickled (protocol 5)."""
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, bytes):
            data = part
        elif isinstance(part, str):
            data = part.encode("utf-8")
        else:
            data = canonical_pickle(part)
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def canonical_pickle(value: Any) -> bytes:
    """value pickled without the memo, so equal values give equal bytes whichever objects they share (a
    value rebuilt from the cache shares its strings differently from one just computed); a value that
    refers to itself is pickled as usual."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    try:
        pickler.dump(value)
    except ValueError:
        return pickle.dumps(value, protocol=5)
    return buffer.getvalue()


def code_salt() -> str:
    """docket's version and the digest of its own source: a code change invalidates every entry."""
    here = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    for path in sorted(here.rglob("*.py")):
        h.update(path.relative_to(here).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


@dataclass
class _Bucket:
    shards: dict[int, dict[str, Any]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    dirty: set[int] = field(default_factory=set)


@dataclass
class Cache:
    """Buckets of key -> value, loaded lazily from folder and saved by save(); disabled: never hits."""

    folder: Path | None
    salt: str = ""
    _buckets: dict[str, _Bucket] = field(default_factory=dict, repr=False)

    @classmethod
    def open(cls, folder: Path | None) -> "Cache":
        """The cache in folder (None: an in-memory one that forgets at exit, as --no-cache wants)."""
        cache = cls(folder, code_salt())
        cache._forget_other_code()
        return cache

    def _forget_other_code(self) -> None:
        """Remove what other code (another version of docket) left in the folder: every key is salted with the
        code, so none of its entries can be found, but a shard is read whole, stale entries too. After an
        upgrade at 10,000 sources they took 330 MB more memory, and seconds to read, until the first save."""
        if self.folder is None:
            return
        mark = self.folder / "code"
        try:
            if mark.read_text(encoding="utf-8") == self.salt:
                return
        except OSError:
            pass
        try:
            if self.folder.is_dir():
                for child in self.folder.iterdir():
                    if child.is_dir():
                        shutil.rmtree(child, ignore_errors=True)
            self.folder.mkdir(parents=True, exist_ok=True)
            mark.write_text(self.salt, encoding="utf-8")
        except OSError:             # a cache that cannot be cleared only costs speed
            pass

    @property
    def persistent(self) -> bool:
        return self.folder is not None

    def key(self, *parts: Any) -> str:
        return digest(self.salt, *parts)

    def get(self, bucket: str, key: str, default: Any = None) -> Any:
        b = self._bucket(bucket)
        value = self._shard(bucket, b, key).get(key, _MISSING)
        if value is _MISSING:
            return default
        b.used.add(key)
        return value

    def put(self, bucket: str, key: str, value: Any) -> None:
        b = self._bucket(bucket)
        shard = self._shard(bucket, b, key)
        b.used.add(key)
        if shard.get(key, _MISSING) is not value:
            shard[key] = value
            b.dirty.add(_shard_of(key))

    def keep(self, bucket: str, keys: Iterable[str]) -> None:
        """Count keys as used by this build (found by another process) without reading them here."""
        self._bucket(bucket).used.update(keys)

    def discard(self, bucket: str, key: str) -> None:
        """Drop one entry (saved by the next save)."""
        b = self._bucket(bucket)
        shard = self._shard(bucket, b, key)
        b.used.discard(key)
        if shard.pop(key, _MISSING) is not _MISSING:
            b.dirty.add(_shard_of(key))

    def forget_unused(self, bucket: str, *, unread_too: bool = True) -> None:
        """Drop the entries of bucket this build did not use (call once a build has touched all it needs).

        unread_too=False prunes only the shards this build read: one it never read holds nothing it
        used, and reading it only to prune it can cost more than the disk it frees (for a bucket whose
        keys never name a stale result, whatever stays there is harmless)."""
        b = self._bucket(bucket)
        numbers = range(SHARDS) if unread_too else sorted(b.shards)
        for n in numbers:
            shard = self._shard(bucket, b, f"{n:02x}")
            stale = [k for k in shard if k not in b.used]
            for k in stale:
                del shard[k]
            if stale:
                b.dirty.add(n)

    def save(self) -> None:
        """Write every changed shard atomically; a failure to write only costs speed next time."""
        if self.folder is None:
            return
        for name, b in self._buckets.items():
            for n in sorted(b.dirty):
                path = self.folder / name / f"{n:02x}.pickle"
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
                    with os.fdopen(fd, "wb") as fh:
                        pickle.dump(b.shards[n], fh, protocol=5)
                    os.replace(tmp, path)
                except OSError:
                    continue
            b.dirty.clear()
            b.used.clear()

    def _bucket(self, name: str) -> _Bucket:
        if name not in self._buckets:
            self._buckets[name] = _Bucket()
        return self._buckets[name]

    def _shard(self, name: str, b: _Bucket, key: str) -> dict[str, Any]:
        n = _shard_of(key)
        if n not in b.shards:
            b.shards[n] = self._read(name, n)
        return b.shards[n]

    def _read(self, name: str, n: int) -> dict[str, Any]:
        if self.folder is None:
            return {}
        path = self.folder / name / f"{n:02x}.pickle"
        try:
            with open(path, "rb") as fh, paused():      # a shard is many small objects and no cycle
                data = pickle.load(fh)
        except FileNotFoundError:
            return {}
        except Exception:           # a torn or foreign file: start that shard afresh
            return {}
        return data if isinstance(data, dict) else {}


def _shard_of(key: str) -> int:
    return int(key[:2], 16) % SHARDS
