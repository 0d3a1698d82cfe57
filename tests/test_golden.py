"""The golden site: building the minimal scratch site gives exactly the files in tests/golden/.

To accept a deliberate change of the output, regenerate the golden files and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
    git diff tests/golden/

static/ is not kept in tests/golden/ (it would only repeat the repository's static/ folder); the
test checks instead that the built static/ is byte for byte the repository's static/.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

from helpers import REPO, build, make_site, snapshot

GOLDEN = Path(__file__).resolve().parent / "golden"


def _diff(name: str, want: bytes, got: bytes) -> str:
    return "".join(difflib.unified_diff(want.decode("utf-8", "replace").splitlines(True),
                                        got.decode("utf-8", "replace").splitlines(True),
                                        f"golden/{name}", f"built/{name}"))


def test_golden_site(tmp_path: Path) -> None:
    root, out = make_site(tmp_path / "site"), tmp_path / "out"
    result = build(root, out, "--strict")
    assert (result.code, result.err) == (0, ""), result.err
    built = snapshot(out)
    static = {name: data for name, data in built.items() if name.startswith("static/")}
    assert static == {f"static/{name}": data for name, data in snapshot(REPO / "static").items()}
    pages = {name: data for name, data in built.items() if not name.startswith("static/")}

    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, data in pages.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)

    golden = snapshot(GOLDEN)
    assert sorted(pages) == sorted(golden)
    diffs = [_diff(name, golden[name], data) for name, data in pages.items() if golden[name] != data]
    assert not diffs, "\n".join(diffs) + "\n(if the change is intended: UPDATE_GOLDEN=1, then review git diff)"
