"""The golden sites: building the minimal scratch site gives exactly the files in tests/golden/, and
building it with every kind of content (tests/fixtures/golden-full/) those in tests/golden-full/.

To accept a deliberate change of the output, regenerate the golden files and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
    git diff tests/golden/ tests/golden-full/

static/ is not kept in tests/golden/ (it would only repeat the repository's static/ folder); the
test checks instead that the built static/ is byte for byte the repository's static/.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

from helpers import FIXTURES, REPO, build, make_site, overlay, snapshot

GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_FULL = Path(__file__).resolve().parent / "golden-full"


def _diff(name: str, want: bytes, got: bytes) -> str:
    return "".join(difflib.unified_diff(want.decode("utf-8", "replace").splitlines(True),
                                        got.decode("utf-8", "replace").splitlines(True),
                                        f"golden/{name}", f"built/{name}"))


def test_golden_site(tmp_path: Path) -> None:
    _same_as_golden(make_site(tmp_path / "site"), tmp_path / "out", GOLDEN)


def test_golden_site_with_every_kind_of_page(tmp_path: Path) -> None:
    """The minimal site with actors, notes, a timeline, a claim and base_url (sitemap, canonical links)."""
    root = make_site(tmp_path / "site", base_url="https://example.org/test-site/")
    overlay(root, FIXTURES / "golden-full")
    _same_as_golden(root, tmp_path / "out", GOLDEN_FULL)


def _same_as_golden(root: Path, out: Path, golden_folder: Path) -> None:
    result = build(root, out, "--strict")
    assert (result.code, result.err) == (0, ""), result.err
    built = snapshot(out)
    static = {name: data for name, data in built.items() if name.startswith("static/")}
    assert static == {f"static/{name}": data for name, data in snapshot(REPO / "static").items()}
    pages = {name: data for name, data in built.items() if not name.startswith("static/")}

    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(golden_folder, ignore_errors=True)
        for name, data in pages.items():
            (golden_folder / name).parent.mkdir(parents=True, exist_ok=True)
            (golden_folder / name).write_bytes(data)

    golden = snapshot(golden_folder)
    assert sorted(pages) == sorted(golden)
    diffs = [_diff(name, golden[name], data) for name, data in pages.items() if golden[name] != data]
    assert not diffs, "\n".join(diffs) + "\n(if the change is intended: UPDATE_GOLDEN=1, then review git diff)"
