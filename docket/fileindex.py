"""The sha256 of input files, re-read only when a file's size, time or inode changed (as git's index does)."""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Cache

# A file changed within this many ns of being indexed could change again within the clock's resolution
# without its time moving ("racy git"): its digest is not remembered, so it is read again next time.
_RACY_NS = 2_000_000_000


@dataclass
class FileIndex:
    """Digests of files, remembered in the cache's 'stat' bucket under (path, size, mtime, inode), and in
    memory for a process that asks again (serve: every rebuild asks for every source and seed)."""

    cache: Cache
    # file name -> ((size, mtime, inode), its key in the 'stat' bucket, its digest)
    _known: dict[str, tuple[tuple[int, int, int], str, str]] = field(default_factory=dict, repr=False)

    def digest(self, path: Path | str) -> str:
        """The file's sha256, or '' when it does not exist or is not a file."""
        name = os.fspath(path)
        try:
            st = os.stat(name)
        except OSError:
            return ""
        if not stat.S_ISREG(st.st_mode):
            return ""
        signature = (st.st_size, st.st_mtime_ns, st.st_ino)
        here = self._known.get(name)
        if here is not None and here[0] == signature:
            self.cache.keep("stat", (here[1],))     # still in use: kept when the cache prunes
            return here[2]
        key = self.cache.key("stat", f"{name}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}")
        known = self.cache.get("stat", key)
        if known is None:
            try:
                with open(name, "rb") as fh:
                    data = fh.read()
            except OSError:
                return ""
            known = hashlib.sha256(data).hexdigest()
            if time.time_ns() - st.st_mtime_ns <= _RACY_NS:
                return known            # changed just now: read again next time
            self.cache.put("stat", key, known)
        self._known[name] = (signature, key, known)
        return known

    def tree(self, root: Path, names: tuple[str, ...]) -> list[tuple[str, str]]:
        """(relative path, digest) of every file under the named folders and files of root, sorted."""
        out: list[tuple[str, str]] = []
        for name in names:
            top = os.path.join(root, name)
            if os.path.isfile(top):
                out.append((name, self.digest(top)))
            elif os.path.isdir(top):
                self._walk(top, name, out)
        return sorted(out)

    def _walk(self, folder: str, rel: str, out: list[tuple[str, str]]) -> None:
        """Every file under folder (hidden ones too), with os.scandir: no Path object per file."""
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            if entry.is_dir():
                self._walk(entry.path, f"{rel}/{entry.name}", out)
            elif entry.is_file():
                out.append((f"{rel}/{entry.name}", self.digest(entry.path)))
