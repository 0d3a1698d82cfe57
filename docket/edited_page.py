"""The edited source's page first: in the editing server, an edit of a source's body shows on its page at
once, before the rest of a big site is rebuilt.

A rebuild links and plans the whole site again. At 10,000 sources that takes seconds even when the slow
pages wait for a follow-up (deferring, docket/rebuild.py). But when every change is to the body of a
source the last good build had, its front matter unchanged, that source's page is the last build's page
with the new marked-up body (and lede): its date and head (docket/last_changed.py, docket/site_meta.py)
come from the front matter alone. The lede, the first paragraph's text, shows on the pages that list the
sources, which the follow-up makes. `make` loads, checks and links the edited sources only, as a build
does and through the same cache, makes their pages from the last build's, and writes them in place. The
caller then rebuilds the whole site (its follow-up), which finds those pages already written.

Whatever a build checks of one source's body is checked here: its loading and its fidelity to its seed,
its links, its [words]{@actor} markers, and the quotes of annotations and citations in it (linking). Any
other change, or an error, gives None: the caller rebuilds as usual, which reports it and keeps the last
good site.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import jinja2

from .diagnostics import Diagnostic
from .link import LinkJob
from .model import Source
from .render import render
from .routes import Page, source_page_view, source_url, source_view

if TYPE_CHECKING:
    from .incremental import Runtime

_SOURCE_FILE = re.compile(r"content/sources/([^/]+)\.md")


@dataclass(frozen=True)
class EditBase:
    """What the last good build leaves for the next edit of a source's body (Runtime.keep_base)."""

    root: Path
    target: Path
    job: LinkJob                    # that build's link job: its content (sources), actors, notes and citations by source
    shared: str                     # the digest of job.shared_inputs(), part of every link key
    env: jinja2.Environment
    common: dict[str, Any]          # the parts of every page's view that are the same (settings, navigation)
    pages: dict[str, Page]          # url -> that build's page of a source
    diagnostics: tuple[Diagnostic, ...]         # everything that build reported
    own: dict[str, tuple[Diagnostic, ...]]      # source id -> what loading and linking it reported (when anything)
    page_count: int                 # the pages rendered from a template the site has


@dataclass(frozen=True)
class Edited:
    """The edited sources' pages, written: the base the next edit starts from, with their diagnostics."""

    base: EditBase
    rendered: tuple[str, ...]
    written: int


def make(rt: Runtime, base: EditBase, changed: Sequence[str]) -> Edited | None:
    """Write the pages of the edited sources (changed: paths relative to the root) into base.target, or None
    when some change is not to an existing source's body alone, or a build would report an error."""
    made: list[tuple[str, str, bytes]] = []
    own = dict(base.own)
    diagnostics: Iterable[Diagnostic] = base.diagnostics
    for path in dict.fromkeys(changed):
        found = _SOURCE_FILE.fullmatch(path)
        old = base.job.content.source(found.group(1)) if found else None
        if old is None:
            return None
        source, reported = rt.load_one(base.root, base.root / path)
        if source is None or _errors(reported) or not _same_but_body(source, old):
            return None
        if any(actor not in base.job.actor_ids for actor, _ in source.actor_markers):
            return None         # an unknown actor: a build reports it
        linked = rt.link_one(base.job, base.shared, source)
        page = base.pages.get(source_url(source.id))
        view = source_view(source, linked.lede, base.job.renderer)
        if _errors(linked.diagnostics) or page is None or _but_lede(view) != _but_lede(page.view["source"]):
            return None
        page = replace(page, view=source_page_view(base.common, view, linked.body))
        try:
            data = render(base.env, page)
        except jinja2.TemplateError:
            return None         # a build reports it against the layout
        made.append((page.url, hashlib.sha256(data).hexdigest(), data))
        diagnostics = _swap(diagnostics, own.pop(source.id, ()), reported + linked.diagnostics)
        if reported or linked.diagnostics:
            own[source.id] = reported + linked.diagnostics
    written = rt.write_in_place(base.target, made)
    if written is None:
        return None
    return Edited(replace(base, diagnostics=tuple(diagnostics), own=own), tuple(url for url, _, _ in made), written)


def _errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)


def _but_lede(view: dict[str, Any]) -> dict[str, Any]:
    """A source's view without its lede, which neither its page's head nor its date reads."""
    return {k: v for k, v in view.items() if k != "lede"}


def _same_but_body(source: Source, old: Source) -> bool:
    """Whether source differs from old in its body alone (its Markdown and the markers in it)."""
    return replace(source, packed_body=old.packed_body, actor_markers=old.actor_markers) == old


def _swap(diagnostics: Iterable[Diagnostic], old: Iterable[Diagnostic], new: Iterable[Diagnostic]) -> list[Diagnostic]:
    """diagnostics without one of each of old, and with new."""
    left = Counter(old)
    out = []
    for d in diagnostics:
        if left[d]:
            left[d] -= 1
        else:
            out.append(d)
    return out + list(new)
