"""FileIndex: a file's sha256, read again only when its size, time or inode changed."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from docket.cache import Cache
from docket.fileindex import FileIndex


def _old(path: Path, text: str, seconds_ago: int = 3600) -> None:
    path.write_text(text, encoding="utf-8")
    then = time.time() - seconds_ago
    os.utime(path, (then, then))


def test_a_file_is_read_once_while_it_is_unchanged_and_again_when_it_changes(tmp_path: Path, monkeypatch) -> None:
    cache = Cache.open(tmp_path / "cache")
    index = FileIndex(cache)
    path = tmp_path / "a.md"
    _old(path, "one")
    reads: list[str] = []
    real = open

    def counting(name, *args, **kwargs):
        if os.fspath(name) == str(path):
            reads.append(os.fspath(name))
        return real(name, *args, **kwargs)
    monkeypatch.setattr("builtins.open", counting)
    keys: list[tuple] = []
    real_key = cache.key
    monkeypatch.setattr(cache, "key", lambda *parts: keys.append(parts) or real_key(*parts))
    assert index.digest(path) == hashlib.sha256(b"one").hexdigest()
    assert index.digest(path) == index.digest(str(path)) == hashlib.sha256(b"one").hexdigest()
    assert reads == [str(path)] and len(keys) == 1      # later asks: one stat, nothing read or digested
    _old(path, "two", 1800)
    assert index.digest(path) == hashlib.sha256(b"two").hexdigest()
    assert reads == [str(path)] * 2 and len(keys) == 2
    monkeypatch.undo()
    assert index.digest(tmp_path / "missing.md") == "" and index.digest(tmp_path) == ""


def test_a_file_changed_just_now_is_read_every_time(tmp_path: Path, monkeypatch) -> None:
    index = FileIndex(Cache.open(None))
    path = tmp_path / "a.md"
    path.write_text("fresh", encoding="utf-8")
    reads: list[str] = []
    real = open
    monkeypatch.setattr("builtins.open", lambda name, *a, **k: reads.append(os.fspath(name)) or real(name, *a, **k))
    index.digest(path), index.digest(path)
    assert reads == [str(path)] * 2         # its time may not move on the next change (racy git)


def test_digests_found_in_memory_stay_in_the_saved_cache(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "cache"
    path = tmp_path / "a.md"
    _old(path, "one")
    cache = Cache.open(folder)
    index = FileIndex(cache)
    for _ in range(3):      # three builds of a long-lived process: the later ones find the digest in memory
        index.digest(path)
        cache.forget_unused("stat", unread_too=False)
        cache.save()
    reads: list[str] = []
    real = open
    monkeypatch.setattr("builtins.open", lambda name, *a, **k: (
        reads.append(os.fspath(name)) if os.fspath(name) == str(path) else None) or real(name, *a, **k))
    assert FileIndex(Cache.open(folder)).digest(path) == hashlib.sha256(b"one").hexdigest()
    assert reads == []      # a new process finds it in the cache the server saved
