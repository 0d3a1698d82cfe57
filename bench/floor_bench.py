#!/usr/bin/env python3
"""Time each page-floor check on a built site (or a synthetic one), to keep `make test` quick.

Usage: .venv/bin/python bench/floor_bench.py [SITE_FOLDER] [--pages N]
Without a folder it writes N (default 15) article-sized pages in a scratch folder.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import floor  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><style>body {{ max-width: 40rem; margin: auto; padding: 1rem; font: 1rem/1.5 sans-serif; }}
@media (prefers-color-scheme: dark) {{ body {{ color: #eee; background: #111; }} a {{ color: #8ab4f8; }} }}</style></head>
<body><header><nav aria-label="Site"><ul>{nav}</ul></nav></header><main><h1>{title}</h1>{body}</main></body></html>"""


def synthetic_site(root: Path, pages: int) -> Path:
    """Write `pages` pages, a third of them one folder down, each ~150 paragraphs long."""
    names = [("index.html" if i == 0 else f"p{i}.html" if i % 3 else f"sub/p{i}.html") for i in range(pages)]
    (root / "sub").mkdir(parents=True, exist_ok=True)
    for name in names:
        up = "../" * name.count("/")
        nav = "".join(f'<li><a href="{up}{other}">{other}</a></li>' for other in names[:8])
        body = "".join(
            f'<p id="p{n}">Paragraph {n} with <a href="{up}index.html#p{n}">a link</a> and some words.</p>'
            for n in range(150)
        )
        (root / name).write_text(PAGE.format(title=name, nav=nav, body=body), encoding="utf-8")
    return root


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds taken by one call, and its result."""
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def main() -> None:
    """Print one row per check: seconds and number of findings."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", nargs="?", type=Path)
    parser.add_argument("--pages", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site or synthetic_site(Path(scratch), args.pages)
        rows = [("pages", 0.0, len(floor.html_pages(site)))]
        for name, check in (("nu_errors", floor.nu_errors), ("broken_links", floor.broken_links)):
            seconds, findings = timed(lambda check=check: check(site))
            rows.append((name, seconds, len(findings)))
        with sync_playwright() as playwright:
            seconds, browser = timed(lambda: floor.launch_chromium(playwright))
            rows.append(("launch_chromium", seconds, 0))
            seconds, found = timed(lambda: floor.browse_site(browser, site))
            rows.append(("browse_site (4 checks)", seconds, sum(len(v) for v in vars(found).values())))
            seconds, findings = timed(lambda: floor.file_navigation(browser, site))
            rows.append(("file_navigation", seconds, len(findings)))
            browser.close()
    print(f"{'check':<24} {'seconds':>8} {'findings':>9}")
    for name, seconds, count in rows:
        print(f"{name:<24} {seconds:>8.2f} {count:>9}")


if __name__ == "__main__":
    main()
