"""Publish atomically: write a temporary sibling folder, then swap it in (one atomic exchange where the system has one)."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

MARKER = ".docket-site"
MARKER_TEXT = "This folder is written by docket; a build replaces it whole.\n"


def refuse_reason(out: Path) -> str:
    """Why out may not be replaced (it holds something that is not a docket site), or ''."""
    if out.exists() and not out.is_dir():
        return f"{out} exists and is not a folder"
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        return f"{out} exists and is not a site docket built; refusing to replace it"
    return ""


def publish(files: Iterable[tuple[str, bytes]], static: Path, out: Path) -> None:
    """Write every file and the static folder to a sibling, then rename it into place."""
    tmp = stage(out)
    try:
        folders: set[Path] = {tmp}
        for url, data in files:
            write_into(tmp, url, data, folders)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finish(tmp, static, out)


def stage(out: Path) -> Path:
    """A new, empty folder beside out, where a whole new site is written before finish() swaps it in."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))


def write_into(folder: Path, url: str, data: bytes, folders: set[Path]) -> None:
    """One file of a staged site (folders: those known to exist already, added to)."""
    target = folder / url
    if target.parent not in folders:
        target.parent.mkdir(parents=True, exist_ok=True)    # exist_ok: another process may make it too
        folders.add(target.parent)
    target.write_bytes(data)


def finish(tmp: Path, static: Path, out: Path) -> None:
    """Add the static folder and the marker to a staged site, make it durable and swap it in for out."""
    out = out.resolve()
    try:
        if static.is_dir():
            shutil.copytree(static, tmp / "static", dirs_exist_ok=True)
        (tmp / MARKER).write_text(MARKER_TEXT)
        os.sync()       # the new site is durable before it replaces the old one (one call, not one per file)
        os.chmod(tmp, 0o755)
        if not out.exists():
            os.rename(tmp, out)
        elif exchange(tmp, out):
            pass                # tmp now holds the old site, removed below
        else:
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.rename(out, old / out.name)      # a kill between these two renames leaves the old site in `old`
            os.rename(tmp, out)
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2 RENAME_EXCHANGE), so no moment is without a
    site; False, touching nothing, where the system or file system cannot (then publish uses two renames)."""
    import ctypes           # only here: most builds on other systems never need it

    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))

