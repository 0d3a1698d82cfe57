"""The same input gives byte-identical output, whatever PYTHONHASHSEED and the file system's listing order."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import REPO, snapshot

# Runs the CLI with os.scandir and os.listdir returning entries in reverse order, so any
# loader that trusts the file system's order instead of sorting shows up as a changed byte.
_REVERSED = """
import os, sys
_scandir, _listdir = os.scandir, os.listdir
class _Rev:
    def __init__(self, it): self.items = list(reversed(list(it))); it.close()
    def __iter__(self): return iter(self.items)
    def __enter__(self): return self
    def __exit__(self, *a): return False
    def close(self): pass
os.scandir = lambda p='.': _Rev(_scandir(p))
os.listdir = lambda p='.': list(reversed(_listdir(p)))
sys.path.insert(0, sys.argv[1])
from docket.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _build(out: Path, seed: str, reverse: bool) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    argv = ([sys.executable, "-c", _REVERSED, str(REPO)] if reverse else [sys.executable, "build.py"])
    done = subprocess.run([*argv, "build", "--out", str(out)], cwd=REPO, env=env, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    return snapshot(out)


def test_shipped_site_is_byte_identical_across_hash_seeds_and_listing_order(tmp_path: Path) -> None:
    first = _build(tmp_path / "a", "1", reverse=False)
    second = _build(tmp_path / "b", "4242", reverse=True)
    assert len(first) > 20
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
