"""Bring a published site up to date in place: write only the files whose bytes changed, remove the rest.

The manifest of the last build (url -> digest, size, mtime, inode) is kept in the cache, not in the
site. A file is trusted to hold its recorded bytes only while its size, time and inode are the
recorded ones; anything else in the folder (a file edited or added by hand) is rewritten or removed,
so the folder ends byte for byte as a clean build would leave it. Each file is replaced atomically
(a temporary sibling renamed over it); the build writes nothing before every page has rendered.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Cache
from .write import MARKER

Entry = tuple[str, int, int, int]       # digest, size, mtime_ns, inode


@dataclass
class Manifest:
    """What the last build of target wrote, checked lazily against the folder as it is now."""

    target: Path
    entries: dict[str, Entry]
    _scan: dict[str, os.stat_result] | None = field(default=None, repr=False)

    def scan(self) -> dict[str, os.stat_result]:
        """Every file now in the folder (but the marker), by url."""
        if self._scan is None:
            found: dict[str, os.stat_result] = {}
            for path in self.target.rglob("*"):
                url = path.relative_to(self.target).as_posix()
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                if url != MARKER and not path.is_dir():
                    found[url] = st
            self._scan = found
        return self._scan

    def trusted(self) -> dict[str, str]:
        """url -> digest of the files that are still exactly as the last build left them."""
        scan = self.scan()
        out = {}
        for url, (d, size, mtime, ino) in self.entries.items():
            st = scan.get(url)
            if st is not None and (st.st_size, st.st_mtime_ns, st.st_ino) == (size, mtime, ino):
                out[url] = d
        return out

    def intact(self) -> bool:
        """The folder holds exactly the last build's files, untouched."""
        return self.folder_is_ours() and len(self.trusted()) == len(self.entries) == len(self.scan())

    def folder_is_ours(self) -> bool:
        return (self.target / MARKER).is_file()


def _key(cache: Cache, target: Path) -> str:
    return cache.key("manifest", str(target.resolve()))


def read_manifest(cache: Cache, target: Path) -> Manifest | None:
    """The manifest of the last build into target, when the cache has one and the folder exists."""
    entries = cache.get("manifest", _key(cache, target))
    if entries is None or not target.is_dir():
        return None
    return Manifest(target, dict(entries))


def record(cache: Cache, target: Path, files: list[tuple[str, str]]) -> None:
    """Remember (url, digest) of a fresh build of target, with each file's stat as it is now."""
    entries = {}
    for url, d in files:
        st = os.stat(target / url)
        entries[url] = (d, st.st_size, st.st_mtime_ns, st.st_ino)
    cache.put("manifest", _key(cache, target), entries)


def apply(cache: Cache, manifest: Manifest, files: list, statics: list[tuple[str, Path]]) -> int:
    """Write the changed files of files (Rendered) and statics (url, path), remove the others; return how many were written."""
    import hashlib
    trusted = manifest.trusted()
    entries: dict[str, Entry] = {}
    written = 0
    wanted: list[tuple[str, str, bytes | None]] = [(f.url, f.digest, f.data) for f in files]
    for url, path in statics:
        data = path.read_bytes()
        wanted.append((url, hashlib.sha256(data).hexdigest(), data))
    for url, d, data in wanted:
        if trusted.get(url) == d:
            entries[url] = manifest.entries[url]
            continue
        if data is None:
            raise RuntimeError(f"{url}: no bytes for a file the output does not hold")
        st = _replace(manifest.target / url, data)
        entries[url] = (d, st.st_size, st.st_mtime_ns, st.st_ino)
        written += 1
    keep = set(entries)
    for url in sorted(set(manifest.scan()) - keep):
        try:
            os.unlink(manifest.target / url)
        except OSError:
            continue
    for folder in sorted((p for p in manifest.target.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        try:
            folder.rmdir()          # only empty folders go
        except OSError:
            pass
    cache.put("manifest", _key(cache, manifest.target), entries)
    return written


def _replace(path: Path, data: bytes) -> os.stat_result:
    """Write path atomically: a temporary sibling, flushed to disk, renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.new-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return os.stat(path)
