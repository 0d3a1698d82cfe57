"""Rebuild for the editing server: `build`'s own incremental path (pipeline.build with one kept Runtime).

The server keeps one Rebuilder, and so one Runtime (docket/incremental.py), for its whole life: its
cache holds every source's load, check and link result and every page's digest, so a rebuild after
an edit reloads and relinks only the changed files, renders only the pages whose view changed (a
source's page and the pages that list or cite it; every page after a layout or site.yaml change) and
writes only the files whose bytes changed. The folder always holds what `build` would write: on
errors nothing is written and the last good site stays.

On a big site, some page makers read every source's words (the comparison, the search index, the
actor pages) and take seconds. `rebuild(paths, defer=True)` after edits of existing sources only
leaves the pages of such slow makers as they were and names them in `Outcome.deferred`; the edited
source's page and everything else is up to date at once. The caller then calls `rebuild()` again
(a follow-up), which redoes the deferred makers; after it the folder is again exactly what `build`
writes. Small sites have no maker slow enough to defer: one rebuild does everything.

From `Runtime.first_from` sources (1,000), an edit of sources' bodies alone does less still: only the
edited sources' own pages are made, from the last good build's (docket/edited_page.py), and
`Outcome.partial` tells the caller that every other page waits for the follow-up.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from . import edited_page
from .diagnostics import Diagnostic, Diagnostics
from .incremental import Runtime
from .pipeline import build
from .workers import Interrupted


@dataclass(frozen=True)
class Outcome:
    """One rebuild: whether the folder now holds the new site, and what it took."""

    ok: bool
    diagnostics: tuple[Diagnostic, ...]
    pages: int = 0          # pages the site has (rendered from a template; raw copies not counted)
    rendered: tuple[str, ...] = ()   # the pages rendered this time (the others were unchanged)
    written: int = 0        # files written or removed in the folder
    seconds: float = 0.0
    deferred: tuple[str, ...] = ()   # page makers whose pages were left as they were (a follow-up redoes them)
    interrupted: bool = False        # stopped by the runtime's `interrupt` before writing anything
    # only the edited sources' own pages were made (docket/edited_page.py): every other page is as it was
    # until a follow-up
    partial: bool = False


class Rebuilder:
    """Keeps one folder equal to what `build` would write for root, rebuild after rebuild."""

    def __init__(self, root: Path, folder: Path, runtime: Runtime | None = None) -> None:
        self.root = root
        self.folder = folder
        self.runtime = runtime or Runtime.plain()

    def rebuild(self, changed: Sequence[str] | None = None, *, defer: bool = False) -> Outcome:
        """Rebuild after the given changes (None: the first build); on errors the folder is left as it was.

        What changed is found by content (the runtime's cache); `changed` tells the report, and with
        `defer` whether slow page makers may wait for a follow-up: only when every change is to a
        source or seed file (a source added or removed is found by the runtime and defers nothing).
        """
        started = time.perf_counter()
        rt = self.runtime
        rt.last_rendered, rt.last_written, rt.last_deferred = (), 0, ()     # as they stay when nothing changed
        rt.defer = bool(defer and changed and all(source_edit(p) for p in changed))
        base, rt.last_good = rt.last_good, None         # kept again by a good build
        if rt.defer and base is not None and len(base.job.content.sources) >= rt.first_from and base.target == self.folder:
            edited = edited_page.make(rt, base, changed)
            if edited is not None:
                rt.last_good, rt.defer = edited.base, False
                return Outcome(True, tuple(Diagnostics(list(edited.base.diagnostics)).sorted()), base.page_count,
                               edited.rendered, edited.written, time.perf_counter() - started, partial=True)
        diags = Diagnostics()
        try:
            result = build(self.root, diags, out=self.folder, runtime=rt)
        except Interrupted:
            if not changed:         # a follow-up: it changed nothing, the base still holds
                rt.last_good = base
            return Outcome(False, (), seconds=time.perf_counter() - started, interrupted=True)
        finally:
            rt.defer = False
        ok = not diags.has_errors() and (result.up_to_date or result.target is not None)
        if not ok:
            return Outcome(False, tuple(diags.sorted()), seconds=time.perf_counter() - started)
        return Outcome(True, tuple(diags.sorted()), rt.last_pages, rt.last_rendered, max(result.changed, 0),
                       time.perf_counter() - started, () if result.up_to_date else rt.last_deferred)


def source_edit(path: str) -> bool:
    """A change to a source's Markdown or to a seed: what slow page makers may catch up with later."""
    return (path.startswith("content/sources/") and path.endswith(".md")) or path.startswith("seeds/")
