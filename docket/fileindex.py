"""The sha256 of input files, re-read only when a file's size, time or inode changed (as git's index does)."""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from .cache import Cache

# A file changed within this many ns of being indexed could change again within the clock's resolution
# without its time moving ("racy git"): its digest is not remembered, so it is read again next time.
_RACY_NS = 2_000_000_000


@dataclass
class FileIndex:
    """Digests of files, remembered in the cache's 'stat' bucket under (path, size, mtime, inode)."""

    cache: Cache

    def digest(self, path: Path) -> str:
        """The file's sha256, or '' when it does not exist or is not a file."""
        try:
            st = os.stat(path)
        except OSError:
            return ""
        if not os.path.isfile(path):
            return ""
        key = self.cache.key("stat", str(path), st.st_size, st.st_mtime_ns, st.st_ino)
        known = self.cache.get("stat", key)
        if known is not None:
            return known
        try:
            data = path.read_bytes()
        except OSError:
            return ""
        value = hashlib.sha256(data).hexdigest()
        if time.time_ns() - st.st_mtime_ns > _RACY_NS:
            self.cache.put("stat", key, value)
        return value

    def tree(self, root: Path, names: tuple[str, ...]) -> list[tuple[str, str]]:
        """(relative path, digest) of every file under the named folders and files of root, sorted."""
        out = []
        for name in names:
            top = root / name
            if top.is_file():
                out.append((name, self.digest(top)))
                continue
            for path in sorted(top.rglob("*")) if top.is_dir() else []:
                if path.is_file():
                    out.append((path.relative_to(root).as_posix(), self.digest(path)))
        return sorted(out)
