"""The straight build: load everything, link it, plan the pages, render, then write."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import config as config_mod
from .content.actors import check_refs, load_actors
from .content.annotations import load_annotations
from .content.claims import load_claims
from .content.pages import load_pages
from .content.sources import load_sources
from .content.timeline import load_timeline
from .date_hints import note_uncovered_dates
from .diagnostics import Diagnostics
from .fidelity import check_source
from .link import Site, resolve
from .markup import Renderer
from .name_hints import note_unlisted_names
from .mentions import explicit_markers
from .model import Content
from .render import environment, render
from .routes import plan
from .safelinks import check_links
from .write import publish, refuse_reason


@dataclass(frozen=True)
class Result:
    """What a run produced: the linked site (None when loading failed) and the files written."""

    site: Site | None
    written: int = 0


def load(root: Path, diags: Diagnostics, *, list_omissions: bool = False) -> Site | None:
    """Load, validate and link all content; None when the configuration itself is unusable."""
    config = config_mod.load(root, diags)
    if config is None:
        return None
    sources = load_sources(root, diags)
    for source in sources:
        check_source(root, source, diags, list_omissions=list_omissions)
    actors = load_actors(root / "content" / "actors.yaml", "content/actors.yaml", diags)
    annotations = load_annotations(root, {s.id for s in sources}, diags)
    refs = [(a, n.path, n.actors_line or n.line) for n in annotations for a in n.actors]
    events = load_timeline(root, diags)
    refs += [(a, e.path, line) for e in events for a, line in zip(e.actors, e.actor_lines)]
    refs += [(actor, s.path, line) for s in sources
             for _, actor, line in explicit_markers(s.body, s.body_line)]
    check_refs(refs, actors, diags)
    content = Content(config=config, sources=sources, pages=load_pages(root, diags), annotations=annotations,
                      actors=actors, events=events, claims=load_claims(root, {s.id for s in sources}, diags))
    check_links(content, root, diags)
    if list_omissions:
        note_unlisted_names(sources, actors, diags)
        note_uncovered_dates(sources, events, diags)
    return resolve(content, Renderer(), diags)


def build(root: Path, diags: Diagnostics, *, out: Path | None = None, strict: bool = False) -> Result:
    """Build the site into out (default: site.yaml's output); write nothing if anything is wrong."""
    site = load(root, diags)
    if site is None or diags.has_errors(strict):
        return Result(site)
    target = out if out is not None else root / site.content.config.output
    reason = refuse_reason(target)
    if reason:
        diags.error(str(target), 0, reason, "choose an empty folder or one docket built, with --out")
        return Result(site)
    env = environment(root / "layouts")
    pages = plan(site, Renderer())
    files = []
    for page in pages:
        try:
            files.append((page.url, render(env, page)))
        except jinja2.TemplateError as exc:
            _template_error(exc, root, page.url, diags)
            return Result(site)
    publish(files, root / "static", target)
    return Result(site, len(files))


def _template_error(exc: jinja2.TemplateError, root: Path, url: str, diags: Diagnostics) -> None:
    """A broken layout is reported against its file and line, like a content mistake, not as a traceback."""
    layouts = (root / "layouts").resolve()
    path, line = "layouts", 0
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        path, line = exc.filename, exc.lineno
    else:
        for frame, lineno in traceback.walk_tb(exc.__traceback__):
            if Path(frame.f_code.co_filename).resolve().is_relative_to(layouts):
                path, line = frame.f_code.co_filename, lineno
    try:
        path = Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        pass
    if isinstance(exc, jinja2.TemplateNotFound):
        message = f"layout '{exc.name}' not found (needed for {url})"
    else:
        message = f"cannot render {url}: {' '.join((exc.message or type(exc).__name__).split())}"
    diags.error(path, line, message, "the layout is at fault, not the content")
