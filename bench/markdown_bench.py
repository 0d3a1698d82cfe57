"""Markdown libraries on docket's content: throughput on one core and how often their HTML equals Python-Markdown's.

Run (the alternatives are for this measurement only, never docket's dependencies):
    python3 -m venv /tmp/mdvenv && /tmp/mdvenv/bin/pip install markdown==3.11.3 nh3==0.3.8 \\
        markdown-it-py==4.3.0 mistune==3.4.0 cmarkgfm==2025.10.22
    .venv/bin/python bench/corpus.py 1000 /tmp/md1000
    /tmp/mdvenv/bin/python bench/markdown_bench.py /tmp/md1000 [--repeat 3]

Every library renders the body of every source (front matter cut off) with tables on, then the
same nh3 allow-list docket uses cleans the HTML. "equal" counts the bodies whose cleaned HTML is
byte-identical to Python-Markdown's (sane_lists + tables, docket's own inline extensions left out
because the others do not have them); "equal text" compares after collapsing whitespace between
tags. A library that differs on many bodies cannot replace Python-Markdown without changing pages.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import Callable

import nh3

_TAGS = {"a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "dl", "dt", "em", "h1", "h2", "h3", "h4",
         "h5", "h6", "hr", "i", "ins", "li", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup",
         "table", "tbody", "td", "th", "thead", "tr", "ul", "mark"}
_ATTRS = {"*": {"id", "class", "title", "lang"}, "a": {"href"}, "span": {"data-actor"}, "td": {"align"}, "th": {"align"}}


def clean(html: str) -> str:
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRS, url_schemes={"http", "https", "mailto"},
                     link_rel=None, strip_comments=True)


def bodies(root: Path) -> list[str]:
    out = []
    for path in sorted((root / "content" / "sources").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            text = text.split("\n---\n", 1)[1]
        out.append(text)
    return out


def renderers() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {}
    import markdown
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension
    md = markdown.Markdown(extensions=[SaneListExtension(), TableExtension()])

    def python_markdown(text: str) -> str:
        md.reset()
        return md.convert(text)
    found[f"Python-Markdown {markdown.__version__}"] = python_markdown
    try:
        import markdown_it
        mdit = markdown_it.MarkdownIt("commonmark", {"typographer": False}).enable("table")
        found[f"markdown-it-py {markdown_it.__version__}"] = mdit.render
    except ImportError:
        pass
    try:
        import mistune
        found[f"mistune {mistune.__version__}"] = mistune.create_markdown(escape=False, plugins=["table"])
    except ImportError:
        pass
    try:
        import cmarkgfm
        from cmarkgfm.cmark import Options
        found["cmarkgfm"] = lambda text: cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)
    except ImportError:
        pass
    return found


def squash(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path, help="a project written by bench/corpus.py")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    texts = bodies(args.corpus)
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(f"{len(texts)} bodies, {size / 1e6:.1f} MB; best of {args.repeat}; Python {sys.version.split()[0]}")
    libs = renderers()
    reference: list[str] = []
    print("| library | s (render only) | MB/s | s (render + nh3) | equal | equal text |")
    print("|---|---|---|---|---|---|")
    for name, render in libs.items():
        best = best_clean = float("inf")
        for _ in range(args.repeat):
            started = time.perf_counter()
            raw = [render(t) for t in texts]
            mid = time.perf_counter()
            cleaned = [clean(h) for h in raw]
            end = time.perf_counter()
            best, best_clean = min(best, mid - started), min(best_clean, end - started)
        if not reference:
            reference = cleaned
        equal = sum(a == b for a, b in zip(reference, cleaned))
        equal_text = sum(squash(a) == squash(b) for a, b in zip(reference, cleaned))
        print(f"| {name} | {best:.2f} | {size / 1e6 / best:.1f} | {best_clean:.2f} | {equal}/{len(texts)} "
              f"| {equal_text}/{len(texts)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
