"""A build killed (SIGKILL) while it writes leaves the previous site exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from helpers import REPO, build, make_site, snapshot

# Runs the CLI with a pause after the fifth file the build writes, after saying so in a flag file:
# the test then kills the process in the middle of writing the new site.
_PAUSING = """
import pathlib, sys, time
flag = pathlib.Path(sys.argv[1])
_write, count = pathlib.Path.write_bytes, [0]
def write_bytes(self, data):
    n = _write(self, data)
    count[0] += 1
    if count[0] == 5:
        flag.write_text("writing")
        time.sleep(600)
    return n
pathlib.Path.write_bytes = write_bytes
sys.path.insert(0, sys.argv[2])
from docket.cli import main
sys.exit(main(sys.argv[3:]))
"""


def test_sigkill_mid_write_leaves_the_previous_site(tmp_path: Path) -> None:
    root, out, flag = make_site(tmp_path / "site"), tmp_path / "out", tmp_path / "flag"
    assert build(root, out).code == 0
    before = snapshot(out)
    make_site(root, title="A new title")
    proc = subprocess.Popen([sys.executable, "-c", _PAUSING, str(flag), str(REPO), "--root", str(root), "build",
                             "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not flag.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert flag.exists(), proc.communicate(timeout=5)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    assert snapshot(out) == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.new-")]
    assert len(leftovers) == 1          # the half-written site, beside the output, never in it

    again = build(root, out)            # the next build simply works
    assert again.code == 0
    assert "A new title" in (out / "index.html").read_text(encoding="utf-8")
