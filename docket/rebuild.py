"""Incremental rebuild for the editing server: the same files `build` writes, redoing only what changed.

A thin layer over the pipeline: every rebuild loads and checks all content with `pipeline.load`
and plans every page with `routes.plan` (so diagnostics and cross-references are always whole),
then renders only the pages whose template input changed since the last good rebuild, and
writes only the files whose bytes changed. A page's input is its template name and view (or its
raw bytes), fingerprinted by pickling: a source's page and every page that lists or cites it
see their views change, the others do not. A change under layouts/ or to site.yaml renders all.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import jinja2

from .diagnostics import Diagnostic, Diagnostics
from .markup import Renderer
from .pipeline import _template_error, load
from .render import environment, render
from .routes import Page, plan
from .write import MARKER, MARKER_TEXT


@dataclass(frozen=True)
class Outcome:
    """One rebuild: whether the folder now holds the new site, and what it took."""

    ok: bool
    diagnostics: tuple[Diagnostic, ...]
    pages: int = 0          # pages (and raw files) the site has
    rendered: tuple[str, ...] = ()   # the pages rendered this time (the others were unchanged)
    written: int = 0        # files written or removed in the folder
    seconds: float = 0.0


def renders_all(changed: Sequence[str]) -> bool:
    """A layout or the site settings can change every page."""
    return any(p == "site.yaml" or p.startswith("layouts/") for p in changed)


def fingerprint(page: Page) -> bytes | None:
    """A digest of everything the page's bytes depend on, or None when it cannot be taken."""
    try:
        blob = pickle.dumps((page.template, page.view, page.data), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return None
    return hashlib.blake2b(blob, digest_size=20).digest()


def static_files(static: Path) -> dict[str, bytes]:
    """The static folder as `publish` copies it (hidden files too), keyed by output path."""
    if not static.is_dir():
        return {}
    return {"static/" + p.relative_to(static).as_posix(): p.read_bytes()
            for p in sorted(static.rglob("*")) if p.is_file()}


class Rebuilder:
    """Keeps one folder equal to what `build` would write for root, rebuild after rebuild."""

    def __init__(self, root: Path, folder: Path) -> None:
        self.root = root
        self.folder = folder
        self._memo: dict[str, tuple[bytes | None, bytes]] = {}   # url -> (fingerprint, bytes)
        self._written: dict[str, bytes] = {}                     # path in folder -> its bytes
        self._env: jinja2.Environment | None = None

    def rebuild(self, changed: Sequence[str] | None = None) -> Outcome:
        """Rebuild after the given changes (None: from scratch); on errors the folder is left as it was."""
        started = time.perf_counter()
        if changed is None or renders_all(changed):
            self._memo, self._env = {}, None
        diags = Diagnostics()
        site = load(self.root, diags)
        if site is None or diags.has_errors():
            return Outcome(False, tuple(diags.sorted()), seconds=time.perf_counter() - started)
        env = self._env or environment(self.root / "layouts")
        files: dict[str, bytes] = {}
        memo: dict[str, tuple[bytes | None, bytes]] = {}
        rendered: list[str] = []
        pages = plan(site, Renderer())
        for page in pages:
            key = fingerprint(page)
            old = self._memo.get(page.url)
            if key is not None and old is not None and old[0] == key:
                data = old[1]
            else:
                try:
                    data = render(env, page)
                except jinja2.TemplateError as exc:
                    _template_error(exc, self.root, page.url, diags)
                    return Outcome(False, tuple(diags.sorted()), seconds=time.perf_counter() - started)
                rendered.append(page.url)
            memo[page.url] = (key, data)
            files[page.url] = data
        files.update(static_files(self.root / "static"))
        files[MARKER] = MARKER_TEXT.encode("utf-8")
        written = self._sync(files)
        self._memo, self._env = memo, env
        return Outcome(True, tuple(diags.sorted()), len(pages), tuple(rendered), written, time.perf_counter() - started)

    def _sync(self, files: dict[str, bytes]) -> int:
        """Write each file whose bytes changed (one atomic rename each) and remove the ones gone."""
        count = 0
        for rel, data in files.items():
            old = self._written.get(rel)
            if old is data or old == data:
                continue
            target = self.folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.docket-new")
            tmp.write_bytes(data)
            os.replace(tmp, target)
            self._written[rel] = data
            count += 1
        for rel in sorted(self._written.keys() - files.keys()):
            (self.folder / rel).unlink(missing_ok=True)
            del self._written[rel]
            count += 1
            parent = (self.folder / rel).parent
            while parent != self.folder and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
        return count
