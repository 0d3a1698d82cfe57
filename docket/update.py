"""Bring a published site up to date in place: write only the files whose bytes changed, remove the rest.

The manifest of the last build (url -> digest, size, mtime, inode) is kept in the cache, not in the
site. A file is trusted to hold its recorded bytes only while its size, time and inode are the
recorded ones; anything else in the folder (a file edited or added by hand) is rewritten or removed,
so the folder ends byte for byte as a clean build would leave it. The changed files are written and
flushed beside the output first, then each is renamed over its old version (an atomic replace); the
build writes nothing before every page has rendered.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .cache import Cache
from .write import MARKER

Entry = tuple[str, int, int, int]       # digest, size, mtime_ns, inode


@dataclass
class Manifest:
    """What the last build of target wrote, checked lazily against the folder as it is now."""

    target: Path
    entries: dict[str, Entry]
    private: bool = False       # a folder only docket writes (serve's): trusted as recorded, never scanned
    _scan: dict[str, os.stat_result] | None = field(default=None, repr=False)

    def scan(self) -> dict[str, os.stat_result]:
        """Every file now in the folder (but the marker), by url."""
        if self._scan is None:
            found: dict[str, os.stat_result] = {}
            _walk(os.fspath(self.target), "", found)
            found.pop(MARKER, None)
            self._scan = found
        return self._scan

    def files(self) -> set[str]:
        """The urls of the files now in the folder."""
        return set(self.entries) if self.private else set(self.scan())

    def trusted(self) -> dict[str, str]:
        """url -> digest of the files that are still exactly as the last build left them."""
        if self.private:
            return {url: entry[0] for url, entry in self.entries.items()}
        scan = self.scan()
        out = {}
        for url, (d, size, mtime, ino) in self.entries.items():
            st = scan.get(url)
            if st is not None and (st.st_size, st.st_mtime_ns, st.st_ino) == (size, mtime, ino):
                out[url] = d
        return out

    def trusted_digest(self, url: str) -> str | None:
        """trusted().get(url), for one file: its stat alone is looked at."""
        entry = self.entries.get(url)
        if entry is None or self.private:
            return entry[0] if entry is not None else None
        try:
            st = os.stat(self.target / url)
        except OSError:
            return None
        return entry[0] if (st.st_size, st.st_mtime_ns, st.st_ino) == entry[1:] else None

    def intact(self) -> bool:
        """The folder holds exactly the last build's files, untouched."""
        return self.folder_is_ours() and len(self.trusted()) == len(self.entries) == len(self.scan())

    def folder_is_ours(self) -> bool:
        return (self.target / MARKER).is_file()


def _walk(folder: str, prefix: str, found: dict[str, os.stat_result]) -> None:
    """Each file under folder (hidden ones too) by its path from the top, with os.scandir: tens of
    thousands of files are looked at on every build."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        url = prefix + entry.name
        try:
            if entry.is_dir():
                _walk(entry.path, url + "/", found)
            else:
                found[url] = entry.stat()
        except OSError:
            continue


def _key(cache: Cache, target: Path) -> str:
    return cache.key("manifest", str(target.resolve()))


def read_manifest(cache: Cache, target: Path, private: bool = False) -> Manifest | None:
    """The manifest of the last build into target, when the cache has one and the folder exists
    (private: only docket writes the folder, so its files are not looked at)."""
    entries = cache.get("manifest", _key(cache, target))
    if entries is None or not target.is_dir():
        return None
    return Manifest(target, dict(entries), private)


def forget(cache: Cache, target: Path) -> None:
    """Drop the manifest of target (a folder about to be removed, such as serve's)."""
    cache.discard("manifest", _key(cache, target))


def record(cache: Cache, target: Path, files: list[tuple[str, str]]) -> None:
    """Remember (url, digest) of a fresh build of target, with each file's stat as it is now."""
    entries = {}
    for url, d in files:
        st = os.stat(target / url)
        entries[url] = (d, st.st_size, st.st_mtime_ns, st.st_ino)
    cache.put("manifest", _key(cache, target), entries)


def apply(cache: Cache, manifest: Manifest, files: list, statics: list[tuple[str, Path]]) -> int | None:
    """Write the changed files of files (Rendered) and statics (url, path), remove the others; return how many
    files were written or removed, or None (nothing touched) when the change cannot be made in place.

    The changed files are first written, flushed to disk, into a folder beside the output (named like
    write.publish's, so a build killed meanwhile leaves the old site and the same litter); only then are
    they renamed into the output one by one, and the files no longer built removed.
    """
    target = manifest.target
    trusted = manifest.trusted()
    wanted: list[tuple[str, str, bytes | None]] = [(f.url, f.digest, f.data) for f in files]
    for url, path in statics:
        data = path.read_bytes()
        wanted.append((url, hashlib.sha256(data).hexdigest(), data))
    keep = {url for url, _, _ in wanted}
    todo = [(url, d, data) for url, d, data in wanted if trusted.get(url) != d]
    if any(data is None for _, _, data in todo):
        return None         # a file the output no longer holds as recorded, and no bytes for it
    stale = sorted(manifest.files() - keep)
    if any(_blocked(target, url, keep) for url, _, _ in todo):
        return None         # a file where a folder is, or the other way round: the whole site is rewritten
    entries: dict[str, Entry] = {url: manifest.entries[url] for url in keep if url in trusted}
    _write(target, todo, entries, lambda: _remove(target, stale))
    if stale:
        _prune(target, stale)
    cache.put("manifest", _key(cache, target), entries)
    return len(todo) + len(stale)


def put(cache: Cache, manifest: Manifest, files: list[tuple[str, str, bytes]]) -> int:
    """Write the files (url, digest, bytes) whose recorded digest differs into the manifest's folder, as apply
    does, and record them; every other file stays as it is. Returns how many were written."""
    todo = [(url, d, data) for url, d, data in files if manifest.trusted_digest(url) != d]
    if todo:
        entries = dict(manifest.entries)
        _write(manifest.target, todo, entries, lambda: None)
        cache.put("manifest", _key(cache, manifest.target), entries)
    return len(todo)


def _write(target: Path, todo: list[tuple[str, str, bytes | None]], entries: dict[str, Entry],
           between: Callable[[], object]) -> None:
    """Write each file (url, digest, bytes) flushed to disk into a folder beside target, call between(), then
    rename each into target, recording it in entries."""
    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent)) if todo else None
    try:
        staged = []
        for n, (url, d, data) in enumerate(todo):
            assert stage is not None and data is not None
            path = stage / str(n)
            with open(path, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            staged.append((url, d, path))
        between()
        for url, d, path in staged:
            dest = target / url
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, dest)
            st = os.stat(dest)
            entries[url] = (d, st.st_size, st.st_mtime_ns, st.st_ino)
    finally:
        if stage is not None:
            shutil.rmtree(stage, ignore_errors=True)


def _remove(target: Path, urls: list[str]) -> None:
    for url in urls:
        try:
            os.unlink(target / url)
        except OSError:
            continue


def _blocked(target: Path, url: str, keep: set[str]) -> bool:
    """url cannot simply be renamed into target: a folder stands at its place or a kept file at a parent's."""
    if (target / url).is_dir():
        return True
    parts = url.split("/")
    return any("/".join(parts[:i]) in keep or (target / "/".join(parts[:i])).is_file() for i in range(1, len(parts)))


def _prune(target: Path, removed: list[str]) -> None:
    """Remove the folders the removed files leave empty."""
    folders = {(target / url).parent for url in removed}
    for folder in sorted(folders, key=lambda p: -len(p.parts)):
        while folder != target and folder.is_relative_to(target):
            try:
                folder.rmdir()          # only empty folders go
            except OSError:
                break
            folder = folder.parent
