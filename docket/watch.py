"""What the editing server watches, and which of those files changed between two looks."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

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
    base = str(root)
    for top in watched:
        path = os.path.join(base, top)
        if os.path.isdir(path):
            _scan(seen, path, top)
        elif os.path.isfile(path):
            _add(seen, path, top)
    return seen


def restat(root: Path, paths: Iterable[str]) -> Snapshot:
    """What snapshot gives for the given paths alone (relative to root; those gone are left out)."""
    seen: Snapshot = {}
    for rel in paths:
        _add(seen, os.path.join(root, rel), rel)
    return seen


def _scan(seen: Snapshot, folder: str, rel: str) -> None:
    """Walk one folder with os.scandir: a poll every tenth of a second must stay cheap."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return      # removed while we looked: the next look reports it
    for entry in entries:
        name = entry.name
        if entry.is_dir(follow_symlinks=True):
            if not name.startswith("."):
                _scan(seen, entry.path, f"{rel}/{name}")
        elif not editor_litter(name):
            _add(seen, entry.path, f"{rel}/{name}")


def _add(seen: Snapshot, path: str, rel: str) -> None:
    try:
        st = os.stat(path)
    except OSError:
        return
    seen[rel] = (st.st_mtime_ns, st.st_size, st.st_ino)


def changed(before: Snapshot, after: Snapshot) -> list[str]:
    """Paths added, modified or removed, sorted."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
