"""Large inputs stay linear: a 5 MB source, 2,000 annotations on one source, 5,000 actors (times, not a test).

Run: .venv/bin/python bench/large_inputs.py   Prints seconds for `check` (load, validate, link) at
a quarter, a half and the full size of each input; linear growth shows as time roughly doubling.
"all bytes" counts the Markdown and its seed (the 5 MB source has a 5 MB seed beside it).
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from docket.diagnostics import Diagnostics  # noqa: E402
from docket.pipeline import load  # noqa: E402
from helpers import make_site  # noqa: E402

PARAGRAPH = ("Paragraph {n} of a long test article says that the studio in test city {n} met on day {n} "
             "and that witness {n} spoke to reporter {n} about the files.")


def _source(paragraphs: int) -> dict[str, str]:
    seed = "A long test article\n\n" + "\n\n".join(PARAGRAPH.format(n=n) for n in range(paragraphs)) + "\n"
    body = "\n\n".join(PARAGRAPH.format(n=n) for n in range(paragraphs)) + "\n"
    md = ("---\nheadline: A long test article\noutlet: Example Gazette\nbyline: Test Writer\npublished: 2020-01-05\n"
          "url: https://example.org/long\nseed: example-long-2020-01-05.txt\n"
          f"sha256: {hashlib.sha256(seed.encode()).hexdigest()}\n---\n\n{body}")
    return {"seeds/example-long-2020-01-05.txt": seed, "content/sources/example-long-2020-01-05.md": md}


def _annotations(count: int) -> dict[str, str]:
    files = _source(max(count, 10))
    files["content/annotations/example-long-2020-01-05.yaml"] = "".join(
        f"- quote: witness {n} spoke to reporter {n}\n  kind: context\n  note: Note {n}.\n" for n in range(count))
    return files


def _actors(count: int) -> dict[str, str]:
    files = _source(2000)
    files["content/actors.yaml"] = "".join(
        f"- id: actor-{n}\n  name: Witness {n}\n  kind: person\n  aliases: [reporter {n}]\n" for n in range(count))
    return files


def _time(files: dict[str, str]) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as d:
        root = make_site(Path(d) / "site", files)
        diags = Diagnostics()
        started = time.perf_counter()
        site = load(root, diags)
        took = time.perf_counter() - started
        errors = [x.format() for x in diags.items if x.severity == "error"]
        assert site is not None and not errors, errors[:3]
        return took, sum(len(v.encode()) for v in files.values())


def main() -> None:
    full_paragraphs = 5_000_000 // len(PARAGRAPH.format(n=10_000))
    rows = [("source size", _source, [full_paragraphs // 4, full_paragraphs // 2, full_paragraphs]),
            ("annotations on one source", _annotations, [500, 1000, 2000]),
            ("actors", _actors, [1250, 2500, 5000])]
    _time(_annotations(50))          # warm up imports and caches, so the first row is not inflated
    print(f"{'input':28} {'n':>8} {'all bytes':>10} {'check s':>8} {'s per 1k':>9}")
    for label, make, sizes in rows:
        for n in sizes:
            took, size = _time(make(n))
            print(f"{label:28} {n:>8} {size:>10} {took:>8.2f} {1000 * took / n:>9.4f}")


if __name__ == "__main__":
    main()
