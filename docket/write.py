"""Publish atomically: write a temporary sibling folder, then swap it in."""

from __future__ import annotations

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
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        folders: set[Path] = {tmp}
        for url, data in files:
            target = tmp / url
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            target.write_bytes(data)
        if static.is_dir():
            shutil.copytree(static, tmp / "static", dirs_exist_ok=True)
        (tmp / MARKER).write_text(MARKER_TEXT)
        os.sync()       # the new site is durable before it replaces the old one (one call, not one per file)
        os.chmod(tmp, 0o755)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.rename(out, old / out.name)
            os.rename(tmp, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)

