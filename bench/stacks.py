"""Summarise a py-spy raw (collapsed) profile: total and self share of the busiest functions.

Run: bench/.peers-venv/bin/py-spy record -f raw -o prof.txt -- .venv/bin/python build.py build
     .venv/bin/python bench/stacks.py prof.txt [--top 30]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("profile")
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args()
    total: Counter[str] = Counter()
    own: Counter[str] = Counter()
    samples = 0
    for line in open(args.profile, encoding="utf-8"):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        n = int(count)
        samples += n
        frames = [re.sub(r" \(([^)]*/)?([^/)]+)\)", r" (\2)", f) for f in stack.split(";")]
        frames = [re.sub(r":\d+\)$", ")", f) for f in frames]
        for f in set(frames):
            total[f] += n
        own[frames[-1]] += n
    print(f"{samples} samples")
    print(f"{'total %':>8} {'self %':>7}  function")
    for f, n in total.most_common(args.top):
        print(f"{100 * n / samples:8.1f} {100 * own[f] / samples:7.1f}  {f}")
    print("\nbusiest by self time:")
    for f, n in own.most_common(args.top):
        print(f"{100 * n / samples:8.1f}  {f}")


if __name__ == "__main__":
    main()
