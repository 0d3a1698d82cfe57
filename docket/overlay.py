"""The editing server's error panel: a failed rebuild's diagnostics, shown over the last good page."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Sequence

from .diagnostics import Diagnostic

PANEL_ID = "docket-errors"
CONTEXT = 2     # lines shown before and after the offending one

_STYLE = f"""
#{PANEL_ID}{{position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1.5rem;
background:#fff;color:#1a1a1a;font:16px/1.5 system-ui,sans-serif;border-top:.5rem solid #b00020}}
#{PANEL_ID} h2{{margin:0 0 .5rem;font-size:1.4rem;color:#8a0018}}
#{PANEL_ID} section{{margin:1rem 0;padding:.75rem 1rem;border:1px solid #ccc;border-left:.35rem solid #b00020}}
#{PANEL_ID} .where{{font:bold 1rem/1.4 ui-monospace,monospace;margin:0;overflow-wrap:anywhere}}
#{PANEL_ID} .message{{margin:.25rem 0}}
#{PANEL_ID} .hint{{margin:.25rem 0;color:#444}}
#{PANEL_ID} pre{{margin:.5rem 0 0;padding:.5rem;background:#f4f4f4;overflow-x:auto;font:14px/1.45 ui-monospace,monospace}}
#{PANEL_ID} pre mark{{background:#ffe0e4;color:inherit;font-weight:bold}}
@media (prefers-color-scheme:dark){{#{PANEL_ID}{{background:#161616;color:#eee}}
#{PANEL_ID} h2{{color:#ff8a9a}}#{PANEL_ID} .hint{{color:#bbb}}#{PANEL_ID} pre{{background:#262626}}
#{PANEL_ID} pre mark{{background:#5a1620}}}}
"""


def excerpt(root: Path, diagnostic: Diagnostic, context: int = CONTEXT) -> list[tuple[int, str, bool]]:
    """The offending line with its neighbours as (number, text, is_offending); [] when there is none."""
    if diagnostic.line <= 0:
        return []
    path = (root / diagnostic.path).resolve()
    if not path.is_relative_to(root.resolve()) or not path.is_file():
        return []
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    if diagnostic.line > len(lines) + 1:      # one past the end: an error at the end of the file
        return []
    first = max(1, diagnostic.line - context)
    last = min(len(lines), diagnostic.line + context)
    return [(n, lines[n - 1], n == diagnostic.line) for n in range(first, last + 1)]


def panel(root: Path, diagnostics: Sequence[Diagnostic], has_site: bool) -> str:
    """The panel's HTML: each error and warning with where it is and the lines around it."""
    shown = [d for d in diagnostics if d.severity != "note"]
    errors = sum(1 for d in shown if d.severity == "error")
    behind = ("The page underneath is the last version that built." if has_site
              else "No version of the site has built yet.")
    parts = [f'<div id="{PANEL_ID}" role="alertdialog" aria-modal="true" aria-labelledby="{PANEL_ID}-title">',
             f"<style>{_STYLE}</style>",
             f'<h2 id="{PANEL_ID}-title">The site could not be rebuilt: {errors} error{"s" if errors != 1 else ""}</h2>',
             f"<p>Fix the file named below and save it: this page reloads by itself. {behind}</p>"]
    for d in shown:
        where = d.path + (f":{d.line}" if d.line else "") + (f":{d.column}" if d.line and d.column else "")
        parts.append(f'<section class="{d.severity}"><p class="where">{html.escape(where)}: {d.severity}</p>')
        parts.append(f'<p class="message">{html.escape(d.message)}</p>')
        if d.hint:
            parts.append(f'<p class="hint">{html.escape(d.hint)}</p>')
        lines = excerpt(root, d)
        if lines:
            width = len(str(lines[-1][0]))
            rows = []
            for n, text, bad in lines:
                row = html.escape(f"{'>' if bad else ' '} {n:>{width}} | {text}")
                rows.append((f"<mark>{row}</mark>" if bad else row) + "\n")
            parts.append(f'<pre aria-label="{html.escape(d.path)} around line {d.line}">{"".join(rows)}</pre>')
        parts.append("</section>")
    parts.append("</div>")
    return "\n".join(parts)


_BODY_OPEN = re.compile(rb"<body\b[^>]*>", re.I)


def inject(page: bytes, panel_html: str) -> bytes:
    """The page with the panel as the first thing in its body (or at its end when it has no body tag)."""
    data = panel_html.encode("utf-8")
    m = _BODY_OPEN.search(page)
    if m is None:
        return page + data
    return page[:m.end()] + b"\n" + data + page[m.end():]


def error_page(panel_html: str) -> bytes:
    """What every address shows while no version of the site has built yet."""
    return ("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>Build failed · docket</title>\n</head>\n<body>\n" + panel_html + "\n</body>\n</html>\n"
            ).encode("utf-8")
