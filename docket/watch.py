"""What the editing server watches, and which of those files changed between two looks."""

from __future__ import annotations

import os
from pathlib import Path

# Everything a build reads, relative to the project root.
WATCHED = ("content", "seeds", "layouts", "static", "site.yaml")

Snapshot = dict[str, tuple[int, int, int]]     # path relative to root -> (mtime in ns, size, inode)


def editor_litter(name: str) -> bool:
    """Editors' swap, backup and lock files: saving makes them, no build reads them."""
    return (name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp", ".part"))
            or name == "4913")      # vim's probe file


def snapshot(root: Path, watched: tuple[str, ...] = WATCHED) -> Snapshot:
    """The modification time, size and inode of every watched file, hidden and litter files left out."""
    seen: Snapshot = {}
    for top in watched:
        start = root / top
        if start.is_file():
            _add(seen, root, start)
            continue
        for folder, dirs, files in os.walk(start):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not editor_litter(name):
                    _add(seen, root, Path(folder) / name)
    return seen


def _add(seen: Snapshot, root: Path, path: Path) -> None:
    try:
        st = path.stat()
    except OSError:
        return      # removed while we looked: the next look reports it
    seen[path.relative_to(root).as_posix()] = (st.st_mtime_ns, st.st_size, st.st_ino)


def changed(before: Snapshot, after: Snapshot) -> list[str]:
    """Paths added, modified or removed, sorted."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
