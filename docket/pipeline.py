"""The straight build: load everything, link it, plan the pages, render, then write."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import jinja2

from . import config as config_mod
from .collector import frozen
from .content.actors import check_refs, load_actors
from .content.annotations import load_annotations
from .content.claims import load_claims
from .content.pages import load_pages
from .content.sources import load_sources, source_paths
from .content.timeline import load_timeline
from .date_hints import note_uncovered_dates
from .diagnostics import Diagnostics
from .fidelity import check_source
from .incremental import Runtime, UpToDate
from .link import Site, resolve
from .markup import Renderer
from .name_hints import note_unlisted_names
from .model import Content
from .render import environment
from .routes import plan
from .safelinks import check_links, check_source_links
from .write import refuse_reason


@dataclass(frozen=True)
class Result:
    """What a run produced: the linked site (None when loading failed or nothing changed) and the files built."""

    site: Site | None
    written: int = 0            # files of the site (all of them, whether or not their bytes had to be rewritten)
    changed: int = -1           # files whose bytes were written (-1: all, a full build)
    up_to_date: bool = False    # nothing changed since the last build: nothing was loaded or written
    target: Path | None = None


def load(root: Path, diags: Diagnostics, *, list_omissions: bool = False, runtime: Runtime | None = None) -> Site | None:
    """Load, validate and link all content; None when the configuration itself is unusable."""
    config = config_mod.load(root, diags)
    if config is None:
        return None
    if runtime is not None:
        with runtime.report.stage("load and check sources"):
            sources = runtime.load_sources(root, diags, list_omissions)
    else:
        sources = load_sources(root, diags)
        for source in sources:
            check_source(root, source, diags, list_omissions=list_omissions)
            check_source_links(source, root, diags)
    ids = {s.id for s in sources}

    def loaded(name: str, inputs: tuple[str, ...], extra: Any, fn: Callable[[Diagnostics], Any]) -> Any:
        """A content loader's result, from the runtime's cache while the files it reads are unchanged."""
        return fn(diags) if runtime is None else runtime.loaded(name, root, inputs, extra, diags, fn)

    actor_errors = diags.count("error")
    actors = loaded("actors", ("content/actors.yaml",), None,
                    lambda d: load_actors(root / "content" / "actors.yaml", "content/actors.yaml", d))
    actors_failed = not actors and diags.count("error") > actor_errors
    annotations = loaded("annotations", ("content/annotations",), sorted(ids), lambda d: load_annotations(root, ids, d))
    refs = [(a, n.path, n.actors_line or n.line) for n in annotations for a in n.actors]
    events = loaded("timeline", ("content/timeline.yaml",), None, lambda d: load_timeline(root, d))
    refs += [(a, e.path, line) for e in events for a, line in zip(e.actors, e.actor_lines)]
    refs += [(actor, s.path, line) for s in sources for actor, line in s.actor_markers]
    check_refs(refs, actors, diags)
    # A source or actor file that failed is reported once, not again at every reference to what it defines.
    failed = {f"source:{p.stem}" for p in source_paths(root)} - {f"source:{s.id}" for s in sources}
    if actors_failed:
        failed |= {f"actor:{ref}" for ref, _, _ in refs}
    pages = loaded("pages", ("content/pages",), None, lambda d: load_pages(root, d))
    claims = loaded("claims", ("content/claims.yaml",), sorted(ids), lambda d: load_claims(root, ids, d))
    content = Content(config=config, sources=sources, pages=pages, annotations=annotations,
                      actors=actors, events=events, claims=claims)
    check_links(content, root, diags)
    if list_omissions:
        if not actors_failed:       # with no actor list, every name would look unlisted
            note_unlisted_names(sources, actors, diags)
        note_uncovered_dates(sources, events, diags)
    if runtime is None:
        site = resolve(content, Renderer(), diags)
    else:
        with runtime.report.stage("link"):
            site = resolve(content, Renderer(), diags, runtime.linker(), runtime.matcher(content.actors))
    diags.drop_consequences(failed)
    return site


def build(root: Path, diags: Diagnostics, *, out: Path | None = None, strict: bool = False,
          runtime: Runtime | None = None) -> Result:
    """Build the site into out (default: site.yaml's output); write nothing if anything is wrong.

    runtime (docket/incremental.py) caches and spreads the work; keep one across calls to rebuild
    incrementally (the live-reload server does). Without one, a plain one-core build.
    """
    rt = runtime or Runtime.plain()
    quick = _up_to_date(root, out, strict, rt)
    if quick is not None:
        diags.extend(quick[0].diagnostics)
        return Result(None, quick[0].count, 0, True, quick[1])
    # The cycle collector leaves alone what is alive: a server's last site and cache while this one
    # loads, then the loaded site and cache to the end (docket/collector.py).
    rt.last_objects.begin()
    with frozen() as freeze:
        site = load(root, diags, runtime=rt)
        if site is None or diags.has_errors(strict):
            return Result(site)
        target = out if out is not None else root / site.content.config.output
        reason = refuse_reason(target)
        if reason:
            diags.error(str(target), 0, reason, "choose an empty folder or one docket built, with --out")
            return Result(site)
        freeze()
        with rt.report.stage("plan"):
            env = environment(root / "layouts")
            pages = plan(site, Renderer(), rt.maker_runner(), rt.last_objects)
        with rt.report.stage("render"):
            files = rt.render(env, pages, root, target, diags)
        if files is None:
            return Result(site)
        with rt.report.stage("write"):
            rt.publish(files, root / "static", target)
        with rt.report.stage("save cache"):
            rt.remember(root, target, strict, diags, len(files), tuple(s.id for s in site.content.sources))
        rt.keep_base(root, target, env, pages, diags)
    return Result(site, len(files), rt.last_written, False, target)


def _up_to_date(root: Path, out: Path | None, strict: bool, rt: Runtime) -> tuple[UpToDate, Path] | None:
    """The last build's record when no input changed and its output is intact (only with a persistent cache)."""
    if not rt.cache.persistent or rt.watched:
        return None
    with rt.report.stage("up-to-date check"):
        scratch = Diagnostics()
        config = config_mod.load(root, scratch)
        if config is None or scratch.items:
            return None
        target = out if out is not None else root / config.output
        known = rt.up_to_date(root, target, strict)
        rt.cache.save()
    return (known, out if out is not None else Path(config.output)) if known is not None else None


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
