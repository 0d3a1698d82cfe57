"""Edit-to-rebuilt time of the editing server, on the Sony site and on a generated 1,000-source site.

Run: .venv/bin/python bench/serve_bench.py [--sizes 1000] [--edits 3] [--work DIR]

For each site (a copy of this repository's Sony site, then bench/corpus.py's generated corpus
for each size) it prints one row:

  first build   the server's initial build (load, check, plan, render and write every page)
  rebuild       in-process `Rebuilder.rebuild(paths, defer=True)`, as the server calls it, after an
                editor's insertion in one source's last paragraph: median of --edits edits, wall
                clock and (in brackets) this process's CPU time, which a busy machine inflates less,
                with the pages it rendered and files it wrote
  follow-up     on a big site that rebuild leaves the slow cross-source pages (comparison, search
                index, actor pages, ...) as they were, and from 1,000 sources it makes the edited
                source's page alone (docket/edited_page.py); the server's follow-up rebuild brings
                the others up to date: its median time, in process ("-": nothing was left for it)
  edit-to-page  end to end with a real `build.py serve` process: from the save to the first HTTP
                response of the source's page that shows the edit (polled every 10 ms); this adds
                the time the watcher takes to see the save (at once with the system's notices,
                docket/wake.py; else at its next look at every file), the 0.03 s it waits for the
                file to stand still (a lone save; later saves of a burst wait 0.2 s), and serving.
                Median of --edits edits.
  caught up     end to end: from the save to the server's "caught up" line, when the whole site
                again equals what `build` writes ("-": nothing was deferred, the page time is it)
  target        the issues': under 0.3 s for the Sony site, under 1 s for 1,000 sources (save to page); at
                10,000, issue 9's one-source edit under 0.5 s

The generated site is bench/corpus.py's (the one bench/run.py times): N sources of news prose naming
invented actors, N/2 actors, N events citing the sources, notes on a tenth of them; never published.

The load average before and after is printed: the numbers are only as quiet as the machine was.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
from docket.rebuild import Rebuilder  # noqa: E402

TARGETS = {"Sony site": 0.3}
_EDIT_RE = re.compile(r" \{\+\+edit \d+\+\+\}$")


@dataclass(frozen=True)
class Row:
    site: str
    sources: int
    pages: int
    first: float
    rebuild: float
    cpu: float
    rendered: int
    written: int
    follow_up: float | None
    end_to_end: float
    caught_up: float | None
    target: float


def edit(path: Path, k: int) -> str:
    """An editor's insertion at the end of the source's last paragraph (faithful: no warning); its text."""
    text = _EDIT_RE.sub("", path.read_text(encoding="utf-8").rstrip("\n"))
    path.write_text(text + f" {{++edit {k}++}}\n", encoding="utf-8")
    return f"[edit {k}]"


def edited_source(root: Path) -> Path:
    sources = sorted((root / "content" / "sources").glob("*.md"))
    return sources[len(sources) // 2]


def in_process(root: Path, edits: int) -> tuple[float, int, float, float, int, int, float | None]:
    """First build time, page count, the median rebuild after one edit (wall and CPU) with what it redid,
    and the median follow-up (None when nothing was deferred)."""
    with tempfile.TemporaryDirectory(prefix="serve-bench-") as folder:
        rebuilder = Rebuilder(root, Path(folder))
        first = rebuilder.rebuild(None)
        if not first.ok:
            raise SystemExit("the site does not build:\n" + "\n".join(d.format() for d in first.diagnostics))
        source = edited_source(root)
        times, cpu, rendered, written, follow = [], [], 0, 0, []
        for k in range(edits):
            edit(source, k)
            started = time.process_time()
            outcome = rebuilder.rebuild([source.relative_to(root).as_posix()], defer=True)
            cpu.append(time.process_time() - started)
            assert outcome.ok, outcome.diagnostics
            times.append(outcome.seconds)
            rendered, written = len(outcome.rendered), outcome.written
            if outcome.deferred or outcome.partial:
                caught = rebuilder.rebuild(())
                assert caught.ok and not caught.deferred, caught.diagnostics
                follow.append(caught.seconds)
        return (first.seconds, first.pages, statistics.median(times), statistics.median(cpu), rendered, written,
                statistics.median(follow) if follow else None)


def end_to_end(root: Path, edits: int) -> tuple[float, float | None]:
    """Median time from a save to the served page showing it, with a real server process, and to the
    server's "caught up" line (None when it never deferred anything)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, str(REPO / "build.py"), "--root", str(root), "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(proc.stdout or []), daemon=True).start()
    try:
        deadline = time.monotonic() + 600
        while not any(line.startswith("serving ") for line in lines):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the server did not start")
            time.sleep(0.05)
        source = edited_source(root)
        url = f"http://127.0.0.1:{port}/sources/{source.stem}.html"
        times, caught = [], []
        for k in range(100, 100 + edits):
            time.sleep(1.5)             # let the previous rebuild and the watcher settle
            seen = len(lines)
            started = time.perf_counter()
            marker = edit(source, k).encode()
            while True:
                with urllib.request.urlopen(url, timeout=60) as response:
                    if marker in response.read():
                        break
                time.sleep(0.01)
            times.append(time.perf_counter() - started)
            while not any("] rebuilt in" in line for line in lines[seen:]):
                time.sleep(0.01)        # the edit's rebuild line
            if any("] rebuilt in" in line and "still to catch up" in line for line in lines[seen:]):
                while not any("] caught up in" in line for line in lines[seen:]):
                    if time.perf_counter() - started > 600:
                        raise SystemExit("the server never caught up")
                    time.sleep(0.01)
                caught.append(time.perf_counter() - started)
        return statistics.median(times), (statistics.median(caught) if caught else None)
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def measure(name: str, root: Path, edits: int, target: float) -> Row:
    sources = len(list((root / "content" / "sources").glob("*.md")))
    first, pages, rebuild, cpu, rendered, written, follow_up = in_process(root, edits)
    page, caught_up = end_to_end(root, edits)
    return Row(name, sources, pages, first, rebuild, cpu, rendered, written, follow_up, page, caught_up, target)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000", help="generated corpus sizes, comma-separated (default 1000)")
    parser.add_argument("--edits", type=int, default=3, help="edits timed per site (default 3)")
    parser.add_argument("--work", help="where to write the sites (default: a temporary folder)")
    args = parser.parse_args()
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="serve-bench-"))
    before = load()
    rows = []
    sony = work / "sony"
    if sony.exists():
        shutil.rmtree(sony)
    sony.mkdir(parents=True)
    for name in ("site.yaml", "content", "seeds", "layouts", "static"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, sony / name)
    rows.append(measure("Sony site", sony, args.edits, TARGETS["Sony site"]))
    for size in (int(s) for s in args.sizes.split(",") if s):
        root = work / f"generated-{size}"
        corpus.write_corpus(root, size)
        rows.append(measure(f"generated {size:,}", root, args.edits, 1.0 if size <= 1000 else 0.5))
    print(f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; load average before: {before}, "
          f"after: {load()}")
    print()
    print("| site | sources | pages | first build s | rebuild after one edit s (CPU s) | rendered / written | "
          "follow-up s | edit-to-page s (end to end) | caught up s (end to end) | target s | met |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        met = "yes" if r.end_to_end < r.target else "no"
        print(f"| {r.site} | {r.sources:,} | {r.pages:,} | {r.first:.2f} | {r.rebuild:.2f} ({r.cpu:.2f}) | {r.rendered} / {r.written} "
              f"| {_opt(r.follow_up)} | {r.end_to_end:.2f} | {_opt(r.caught_up)} | {r.target:.1f} | {met} |")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


def _opt(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.2f}"


if __name__ == "__main__":
    main()
