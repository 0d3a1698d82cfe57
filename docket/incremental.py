"""How a build runs fast: per-source work cached by content and spread over cores, only changed files written.

A Runtime is the strategy pipeline.build follows. Runtime.plain() (the default of the Python API) uses
one core and a cache that lives only as long as the Runtime; the command line uses Runtime.for_root(),
which keeps the cache in .docket-cache/ and uses every core. A long-lived process (the live-reload
server) keeps one Runtime and calls pipeline.build(root, diags, runtime=rt) on every change: the
unchanged sources are neither re-read, re-linked nor re-rendered, and only the changed files are written.
Every result is the same, byte for byte, whichever way it was produced.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import jinja2

from .cache import Cache, digest
from .content.sources import load_source, source_paths
from .diagnostics import Diagnostic, Diagnostics
from .edited_page import EditBase
from .fidelity import check_source
from .fileindex import FileIndex
from .kept_pages import KeptPages, stored, view_digest as kept_view_digest
from .last_objects import LastObjects
from .link import LinkAll, LinkJob, SourceLinks, link_source
from .memo import Memo, keep
from .mentions import Matcher
from .model import Actor, Source
from .progress import Reporter
from .reads import Maker, Tracked, items_of, reads_digest
from .routes import Copy, Page
from .safelinks import check_source_links
from .update import Manifest, apply, forget, put, read_manifest, record
from .workers import MIN_PARALLEL, Apart, Interrupted, default_jobs, ordered_map, release_free_memory
from .write import finish, publish, stage, write_into

CACHE_DIR = ".docket-cache"
# The page makers that read every source's words, slowest first (bench/RESULTS.md): a first build,
# which has no times of its own yet, starts them first.
_USUALLY_SLOWEST = ("docket.compare_pages", "docket.search_page", "docket.actor_pages", "docket.timeline_pages")
INPUTS = ("site.yaml", "content", "seeds", "layouts", "static")   # everything a build reads from the project
_SEED_RE = re.compile(r"""^seed:\s*["']?([^"'\n]*?)["']?\s*$""", re.M)


@dataclass(frozen=True)
class Rendered:
    """One output file: its digest, and its bytes unless the file already in the output has them."""

    url: str
    digest: str
    data: bytes | None


@dataclass(frozen=True)
class UpToDate:
    """What an earlier, identical build produced: its warnings and notes, and how many files it built."""

    diagnostics: tuple[Diagnostic, ...]
    count: int


@dataclass(frozen=True)
class _Loaded:
    source: Source | None
    diagnostics: tuple[Diagnostic, ...]
    seeds: tuple[tuple[str, str], ...]      # (seed file name, its digest) the result depends on


@dataclass
class Runtime:
    """The cache, the number of processes and the reporter one build (or a server's many builds) uses."""

    cache: Cache
    jobs: int = 1
    report: Reporter = field(default_factory=Reporter)
    files: FileIndex = field(init=False)
    last_written: int = 0               # files whose bytes the last publish wrote (or removed)
    last_rendered: tuple[str, ...] = ()  # the pages the last render had to render (the others were unchanged)
    last_pages: int = 0                 # the pages (rendered from a template) the last render had
    # The caller (serve) watches the inputs and alone writes the output folder, a private one: no
    # whole-tree no-change check, and the folder's files are not looked at before each rebuild.
    watched: bool = False
    # Deferring slow page makers (serve): on a build with `defer` set whose sources are the same ones as
    # the last build's, a maker whose last run took at least `defer_after` seconds gives its last pages
    # unchecked and is named in `last_deferred`; the caller then builds again without `defer` (serve's
    # follow-up), which brings those pages up to date. The edited source's own page is never deferred.
    defer: bool = False
    defer_after: float = 0.05
    # From this many sources, with two cores or more, a maker marked runs_apart (the comparison) runs its long
    # step in a process of its own while this one makes the others one after the other (docket/workers.py,
    # Apart): it keeps the peak memory down where that matters. Below, the makers are spread over forked
    # workers: at 100 sources running apart made the cold build 0.3-0.5 s slower (bench/RESULTS.md).
    apart_from: int = 1000
    last_deferred: tuple[str, ...] = ()
    # The edited source's page first (serve, docket/edited_page.py): from this many sources, a rebuild with
    # `defer` after edits of sources' bodies alone makes only their pages, and the follow-up all the rest.
    first_from: int = 1000
    # What the last good build leaves for that (keep_base); rebuild.Rebuilder drops it when a build fails.
    last_good: EditBase | None = None
    # Asked between page makers on one core (serve's follow-up, when a new change may be waiting):
    # True stops the build there with workers.Interrupted, before anything is written.
    interrupt: Callable[[], bool] | None = None
    _source_ids: tuple[str, ...] | None = field(default=None, repr=False)
    _views: dict[int, tuple[dict, str]] = field(default_factory=dict, repr=False)     # id -> (view, its digest)
    # What the last build made (keys, views, pages), given again for the same objects (docket/last_objects.py).
    last_objects: LastObjects = field(default_factory=LastObjects, repr=False)
    _manifests: dict[Path, Manifest | None] = field(default_factory=dict, repr=False)
    _staged: Path | None = field(default=None, repr=False)     # a new site render wrote, for publish to swap in
    _job: tuple[LinkJob, str] | None = field(default=None, repr=False)     # this build's link job, its shared digest
    # source id -> what loading and linking that source reported, this build (only the sources with any)
    _own: dict[str, tuple[Diagnostic, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.files = FileIndex(self.cache)

    def manifest(self, target: Path) -> Manifest | None:
        """The last build's manifest of target, read and checked against the folder once per build."""
        if target not in self._manifests:
            self._manifests[target] = read_manifest(self.cache, target, self.watched)
        return self._manifests[target]

    @classmethod
    def plain(cls) -> "Runtime":
        return cls(Cache.open(None))

    @classmethod
    def for_root(cls, root: Path, *, jobs: int | None = None, use_cache: bool = True,
                 report: Reporter | None = None, watched: bool = False) -> "Runtime":
        """The command line's runtime: .docket-cache/ in the project (unless --no-cache), every core."""
        rt = cls(Cache.open(root / CACHE_DIR if use_cache else None), jobs or default_jobs(), report or Reporter())
        rt.watched = watched
        return rt

    # -- the no-change check -------------------------------------------------------------------

    def inputs_key(self, root: Path, target: Path, strict: bool) -> str:
        return self.cache.key("build", self.files.tree(root, INPUTS), str(target.resolve()), strict)

    def up_to_date(self, root: Path, target: Path, strict: bool) -> UpToDate | None:
        """The record of the last build when no input changed since and its output is still intact."""
        known = self.cache.get("build", self.inputs_key(root, target, strict))
        if known is None:
            return None
        manifest = self.manifest(target)
        return known if manifest is not None and manifest.intact() else None

    def remember(self, root: Path, target: Path, strict: bool, diags: Diagnostics, count: int,
                 source_ids: tuple[str, ...] = ()) -> None:
        """Record a successful build (of the sources source_ids), prune what it did not use, and save the cache."""
        self._source_ids = source_ids
        if not self.watched:
            # Every shard: an old record must not pass for this output. serve (watched) writes only its
            # private folder, so the records of `build`'s outputs stay true and are kept.
            self.cache.put("build", self.inputs_key(root, target, strict), UpToDate(tuple(diags.items), count))
            self.cache.forget_unused("build")
        for bucket in ("sources", "loaded", "link", "plan", "made", "memo", "page", "stat"):
            self.cache.forget_unused(bucket, unread_too=False)      # content-keyed: what stays is never wrong
        self.cache.save()
        self._manifests.clear()

    def keep_base(self, root: Path, target: Path, env: jinja2.Environment, pages: list[Page], diags: Diagnostics) -> None:
        """Keep what this good build leaves for a later edit of a source's body (docket/edited_page.py)."""
        if self._job is None or self.last_objects.common is None:
            self.last_good = None
            return
        (job, shared), self._job = self._job, None
        self.last_good = EditBase(root, target, job, shared, env, self.last_objects.common,
                                  {p.url: p for p in pages if p.template == "source.html"},
                                  tuple(diags.items), dict(self._own), self.last_pages)

    def write_in_place(self, target: Path, files: list[tuple[str, str, bytes]]) -> int | None:
        """Write files (url, digest, bytes) into the folder the last build wrote, in place, leaving its other files
        as they are (update.put); how many were written, or None when the folder is not one this cache knows."""
        manifest = self.manifest(target)
        if manifest is None or not manifest.folder_is_ours():
            return None
        self._manifests.pop(target, None)
        return put(self.cache, manifest, files)

    def forget_output(self, target: Path) -> None:
        """Drop what the cache knows of target's files and save (serve, before it removes its folder)."""
        forget(self.cache, target)
        self._manifests.pop(target, None)
        self.cache.save()

    # -- loading and linking -------------------------------------------------------------------

    def load_sources(self, root: Path, diags: Diagnostics, list_omissions: bool) -> tuple[Source, ...]:
        """load_source, check_source and check_source_links for every source file, from the cache when
        file and seed are unchanged."""
        paths = source_paths(root)
        results: list[_Loaded | None] = []
        keys = []
        seeds = os.path.join(root, "seeds")
        for path in paths:      # names and strings, not Path objects: a server does this for 10,000 sources a rebuild
            rel, file = f"content/sources/{path.name}", self.files.digest(path)
            key = self.last_objects.get("source key", rel, (file, list_omissions),     # the same digest object: unchanged
                                        lambda: self.cache.key("source", rel, file, list_omissions))
            keys.append(key)
            results.append(self._loaded_hit(key, seeds))
        missing = [i for i, r in enumerate(results) if r is None]
        bar = self.report.bar("loading", len(missing))
        computed = ordered_map(_load_one, (root, list_omissions), [paths[i] for i in missing], self.jobs, bar)
        for i, one in zip(missing, computed):
            results[i] = self._keep_loaded(root, keys[i], one)
        out = []
        self._own = {}
        for r in results:
            assert r is not None
            diags.extend(r.diagnostics)
            if r.source is not None:
                out.append(r.source)
                if r.diagnostics:
                    self._own[r.source.id] = r.diagnostics
        return tuple(out)

    def load_one(self, root: Path, path: Path) -> tuple[Source | None, tuple[Diagnostic, ...]]:
        """One source file loaded and checked as load_sources does for a build, which lists no omissions
        (from the cache when file and seed are unchanged): the source (None when it cannot be loaded) and
        what was reported."""
        key = self.cache.key("source", f"content/sources/{path.name}", self.files.digest(path), False)
        hit = self._loaded_hit(key, os.path.join(root, "seeds")) or self._keep_loaded(root, key, _load_one((root, False), path))
        return hit.source, hit.diagnostics

    def _loaded_hit(self, key: str, seeds: str) -> _Loaded | None:
        """A source's cached loading, unless a seed it read has changed since."""
        hit = self.cache.get("sources", key)
        if hit is not None and any(self.files.digest(os.path.join(seeds, name)) != d for name, d in hit.seeds):
            return None
        return hit

    def _keep_loaded(self, root: Path, key: str, one: tuple[Source | None, tuple[Diagnostic, ...], tuple[str, ...]]
                     ) -> _Loaded:
        source, found, names = one
        loaded = _Loaded(source, found, tuple((n, self.files.digest(root / "seeds" / n)) for n in names))
        self.cache.put("sources", key, loaded)
        return loaded

    def loaded(self, name: str, root: Path, inputs: tuple[str, ...], extra: Any, diags: Diagnostics,
               load: Callable[[Diagnostics], Any]) -> Any:
        """load(diags) (a content loader), or its result and diagnostics of an earlier build when the files
        it reads (inputs: files and folders of root) and extra are the same."""
        key = self.cache.key("loaded", name, self.files.tree(root, inputs), extra)
        hit = self.cache.get("loaded", key)
        if hit is None:
            found = Diagnostics()
            hit = (load(found), tuple(found.items))
            self.cache.put("loaded", key, hit)
        diags.extend(hit[1])
        return hit[0]

    def matcher(self, actors: tuple[Actor, ...]) -> Matcher:
        """The actors' automaton: the last build's while the actors are the same records (serve)."""
        return self.last_objects.get("matcher", "", (actors,), lambda: Matcher.build(actors))

    def linker(self) -> LinkAll:
        """A link_all for link.resolve: each source linked once per distinct input, over every core."""
        def link_all(job: LinkJob, sources: tuple[Source, ...]) -> list[SourceLinks]:
            # the same source, annotations and citations as the last build's (serve): the same key, not digested again
            shared = self.last_objects.same(digest(job.shared_inputs()))
            self._job = (job, shared)
            keys = [self.last_objects.get("link key", s.id, (shared, *job.records(s)),
                                          lambda s=s: self.cache.key("link", shared, job.inputs(s))) for s in sources]
            results: list[SourceLinks | None] = [self.cache.get("link", k) for k in keys]
            missing = [i for i, r in enumerate(results) if r is None]
            bar = self.report.bar("linking", len(missing))
            for i, linked in zip(missing, ordered_map(link_source, job, [sources[i] for i in missing], self.jobs, bar)):
                self.cache.put("link", keys[i], linked)
                results[i] = linked
            for r in results:
                if r is not None and r.diagnostics:
                    self._own[r.source] = self._own.get(r.source, ()) + r.diagnostics
            return [r for r in results if r is not None]
        return link_all

    def link_one(self, job: LinkJob, shared: str, source: Source) -> SourceLinks:
        """One source linked as link_all links it (from the cache when its inputs are unchanged)."""
        key = self.cache.key("link", shared, job.inputs(source))
        linked = self.cache.get("link", key)
        if linked is None:
            linked = link_source(job, source)
            self.cache.put("link", key, linked)
        return linked

    # -- planning ------------------------------------------------------------------------------

    def maker_runner(self) -> Callable[[list[Maker], Any, Any, dict], list[list]]:
        """A way for routes.plan to run the page makers: each one's last pages again while what it read is
        unchanged, the others spread over the cores (one maker, or one item of a per_item maker, to a
        process at a time, the slowest first).

        A maker's (or item's) pages are kept with the reads it made (docket/reads.py) and the seconds it
        took; a build whose site gives the same values for those reads (and the same common view parts)
        reuses them without running it. With `defer` (see the class), a slow maker's last pages are given
        without that check. Run in a worker, a maker's reads and pages come back pickled, equal to
        what it would have made here.
        """
        may_defer = self.defer and self._source_ids is not None

        def run_all(makers: list[Maker], site: Any, renderer: Any, common: dict) -> list[list]:
            taken: dict = {}      # digests of reads already taken on this site
            items = items_of(makers, site)      # a maker marked per_item runs once per item, each kept on its own
            keys = [self.cache.key("maker", make.__module__, make.__qualname__, *args) for _, make, args in items]
            # (reads, their digest, seconds) in "plan"; the pages, often large, in "made": read only when reused
            known = [self.cache.get("plan", key) for key in keys]
            slow = self._slow_makers(items, known, site) if may_defer else set()
            results: list[list | None] = [None] * len(items)
            deferred: dict[int, None] = {}
            todo: list[int] = []
            for j, ((n, make, args), key, last_run) in enumerate(zip(items, keys, known)):
                if n in slow:
                    last = self.cache.get("made", key)
                    if last is not None:
                        deferred[n] = None
                        results[j] = list(last)
                        continue
                try:
                    if last_run is not None and reads_digest(site, last_run[0], common, taken) == last_run[1]:
                        last = self.cache.get("made", key)
                        if last is not None:
                            results[j] = list(last)
                            continue
                except (pickle.PicklingError, TypeError, AttributeError):     # something that cannot be digested
                    results[j] = make(site, renderer, common, *args)
                    continue
                todo.append(j)
            self.last_deferred = tuple(f"{makers[n].__module__}.{makers[n].__qualname__}" for n in deferred)
            # The slowest first, so the others fill the other cores meanwhile: by the seconds each took
            # last time, else (a first build) by what usually takes longest. Only the order of work.
            todo.sort(key=lambda j: (-(known[j][2] if known[j] is not None else 0.0), _slowness(items[j][1])))
            jobs = self.jobs if len(site.content.sources) >= MIN_PARALLEL else 1
            context = (site, renderer, common, self.cache)
            apart = ([j for j in todo if getattr(items[j][1], "runs_apart", False)]
                     if jobs > 1 and len(site.content.sources) >= self.apart_from else [])
            if apart:
                ran = _beside(context, [items[j] for j in todo], {todo.index(j) for j in apart}, self.interrupt)
            else:
                # a worker makes the slowest, whose memory is given back when the worker exits
                ran = ordered_map(_make_tracked, context, [items[j] for j in todo],
                                  jobs, min_items=2, chunk=1, stop=self.interrupt, workers_first=True)
            spent: dict[int, list[float]] = {}
            for j, result in zip(todo, ran):
                n, make, args = items[j]
                if result is None:      # its pages or reads cannot be pickled: made here, never kept
                    results[j] = make(site, renderer, common, *args)
                    continue
                reads, pages, seconds, kept = result
                if kept is not None:
                    keep(self.cache, kept)
                spent.setdefault(n, []).append(seconds)
                try:
                    read = reads_digest(site, reads, common, taken)
                    self.cache.put("plan", keys[j], (reads, read, seconds))
                    self.cache.put("made", keys[j], KeptPages(pages))      # views read only when used
                except (pickle.PicklingError, TypeError, AttributeError):
                    pass
                results[j] = pages
            total = Counter(n for n, _, _ in items)
            for n in sorted(spent):
                make = makers[n]
                name = make.__module__.rpartition(".")[2] + ("" if make.__qualname__ == "pages" else f".{make.__qualname__}")
                self.report.detail(name, sum(spent[n]), f"{len(spent[n])} of {total[n]}" if hasattr(make, "keys") else "")
            made: list[list] = [[] for _ in makers]
            for (n, _, _), pages in zip(items, results):
                made[n].extend(pages or [])
            return made
        return run_all

    def _slow_makers(self, items: list[tuple[int, Any, tuple]], known: list[Any], site: Any) -> set[int]:
        """The makers (by number) a deferring build gives their last pages unchecked: every item of theirs made
        before, all together taking defer_after seconds or more, on a site with the last build's sources."""
        if self._source_ids != tuple(s.id for s in site.content.sources):
            return set()
        spent: dict[int, float] = {}
        missing: set[int] = set()
        for (n, _, _), last_run in zip(items, known):
            if last_run is None:
                missing.add(n)
            else:
                spent[n] = spent.get(n, 0.0) + last_run[2]
        return {n for n, seconds in spent.items() if n not in missing and seconds >= self.defer_after}

    # -- rendering and writing -----------------------------------------------------------------

    def render(self, env: jinja2.Environment, pages: list[Page], root: Path, target: Path,
               diags: Diagnostics) -> list[Rendered] | None:
        """Every page's bytes, or only its digest when the output already holds them; None on a layout error.

        A page is rendered again only when its key (layouts, template, view) is new or the file the output
        holds is not the one its last rendering wrote: a one-source edit renders that source's page and the
        pages whose views show something of it, and nothing else.
        """
        manifest = self.manifest(target)
        ours = manifest is not None and manifest.folder_is_ours()
        trusted = manifest.trusted() if ours else {}
        # Nothing in the output can be kept (a first build, or a folder this cache did not record): each
        # page is written into a new site beside it by the process that renders it, and only its digest
        # comes back, so no page's bytes are held here; publish swaps that site in.
        staged = None if ours else stage(target)
        try:
            out = self._render(env, pages, root, digest(self.files.tree(root, ("layouts",))), trusted, staged, diags)
        except BaseException:
            if staged is not None:
                shutil.rmtree(staged, ignore_errors=True)
            raise
        if out is None and staged is not None:
            shutil.rmtree(staged, ignore_errors=True)
        self._staged = staged if out is not None else None
        return out

    def _render(self, env: jinja2.Environment, pages: list[Page], root: Path, layouts: str, trusted: dict[str, str],
                staged: Path | None, diags: Diagnostics) -> list[Rendered] | None:
        # A view is digested once per object: a page maker not run again gives the same view objects
        # as the last build (views are never changed once made), so their digests are the last ones.
        known_views, views = self._views, {}

        def view_digest(view: dict) -> str:
            hit = known_views.get(id(view))
            d = hit[1] if hit is not None and hit[0] is view else kept_view_digest(view)
            views[id(view)] = (view, d)
            return d

        memo = self.last_objects
        layouts = memo.same(layouts)
        folders: set[Path] = set()
        out: list[Rendered | None] = []
        todo: list[tuple[int, Page, str]] = []
        for i, page in enumerate(pages):
            if not page.template:
                data = page.data
                d = page.copy.sha256 if page.copy is not None else memo.get(      # a page given again: its bytes too
                    "data digest", page.url, (page,), lambda data=data: hashlib.sha256(data or b"").hexdigest())
                if staged is None and trusted.get(page.url) == d:
                    out.append(Rendered(page.url, d, None))
                    continue
                if page.copy is not None:
                    data = page.copy.read()
                    if data is None:
                        _copy_changed(page.copy, root, diags)
                        return None
                if staged is not None:
                    write_into(staged, page.url, data or b"", folders)
                out.append(Rendered(page.url, d, None if staged is not None else data))
                continue
            key = memo.get("page key", page.url, (page, layouts),     # the same page (site_meta.finish) and layouts
                           lambda page=page: _page_key(self.cache, layouts, page, view_digest))
            if key and id(page.view) not in views:      # a key given again: its view's digest is still the one known
                view_digest(page.view)
            known = self.cache.get("page", key) if key else None
            if known is not None and trusted.get(page.url) == known:
                out.append(Rendered(page.url, known, None))
            else:
                out.append(None)
                todo.append((i, page, key))
        bar = self.report.bar("rendering", len(todo))
        # each process keeps its own set of the folders it made (the set is copied into a worker when it forks)
        done = ordered_map(_render_one, (env, root, staged, folders), [p for _, p, _ in todo], self.jobs, bar)
        for (i, page, key), result in zip(todo, done):
            if isinstance(result, tuple):
                diags.extend(result)
                return None
            d = result if isinstance(result, str) else hashlib.sha256(result).hexdigest()
            if key:
                self.cache.put("page", key, d)
            out[i] = Rendered(page.url, d, None if isinstance(result, str) else result)
        self._views = views
        self.last_rendered = tuple(page.url for _, page, _ in todo)
        self.last_pages = sum(1 for page in pages if page.template)
        return [r for r in out if r is not None]

    def publish(self, files: list[Rendered], static: Path, target: Path) -> None:
        """Write only the files whose bytes changed when the output is one this cache knows; else swap in a new one.

        A few changed files are staged beside the output and renamed into it (update.apply); when most
        files change, or the output is not one this cache recorded, the whole site is written beside it
        and swapped in (write.publish). Either way a build killed while writing leaves the old site.
        """
        manifest = self.manifest(target)
        self._manifests.clear()
        staged, self._staged = self._staged, None
        statics = [(f"static/{p.relative_to(static).as_posix()}", p) for p in sorted(static.rglob("*")) if p.is_file()] \
            if static.is_dir() else []
        fresh = sum(1 for f in files if f.data is not None)
        if staged is not None:          # render wrote the whole site beside the output
            finish(staged, static, target)
        else:
            if manifest is not None and manifest.folder_is_ours() and fresh * 2 <= len(files):
                written = apply(self.cache, manifest, files, statics)
                if written is not None:
                    self.last_written = written
                    return
            publish([(f.url, f.data if f.data is not None else (target / f.url).read_bytes()) for f in files],
                    static, target)
        self.last_written = len(files) + len(statics)
        record(self.cache, target, [(f.url, f.digest) for f in files]
               + [(url, hashlib.sha256(p.read_bytes()).hexdigest()) for url, p in statics])


def _load_one(context: tuple[Path, bool], path: Path) -> tuple[Source | None, tuple[Diagnostic, ...], tuple[str, ...]]:
    root, list_omissions = context
    found = Diagnostics()
    source = load_source(root, path, found)
    if source is not None:
        check_source(root, source, found, list_omissions=list_omissions)
        check_source_links(source, root, found)
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        text = ""
    names = {m.group(1).strip() for m in _SEED_RE.finditer(text)} | ({source.seed} if source else set())
    return source, tuple(found.items), tuple(sorted(n for n in names if n and "/" not in n and "\\" not in n))


def _copy_changed(copy: Copy, root: Path, diags: Diagnostics) -> None:
    try:
        name = copy.path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        name = str(copy.path)
    diags.error(name, 0, f"changed or went away while the site was being built: its sha256 is no longer "
                f"{copy.sha256[:12]}..., the one its source gives", "seeds are never edited; build again to check it")


def _page_key(cache: Cache, layouts: str, page: Page, view_digest: Callable[[dict], str]) -> str:
    """The key of a page's rendering: layouts, template, view, date and meta; '' when they cannot be digested."""
    try:
        return cache.key("page", layouts, page.url, page.template, view_digest(page.view), page.changed, page.meta)
    except Exception:       # a view that cannot be pickled is simply rendered every time
        return ""


def _beside(context: tuple[Any, Any, dict, Cache], items: list[tuple[int, Maker, tuple]], apart: set[int],
            stop: Callable[[], bool] | None, release_after: float = 1.0) -> list[tuple | None]:
    """[_make_tracked(context, item) for item in items], the makers marked runs_apart (by position) each in a
    thread of this process that runs its long step in a process of its own (workers.Apart), the others
    here meanwhile, one after the other; stop is asked before each of those. Each thread has a Markdown
    renderer of its own: a converter keeps its state while it converts, so two threads cannot share one.

    After a maker that took release_after seconds or more here, the memory it freed is given back to the
    system at once (workers.release_free_memory, a few milliseconds), not when the last one ends: at
    10,000 sources the search index's (the parent went 739 -> 612 MB) was otherwise held through the
    comparison's peak."""
    from concurrent.futures import ThreadPoolExecutor
    runner = Apart()
    site, renderer, common, cache = context
    with ThreadPoolExecutor(max_workers=len(apart), thread_name_prefix="docket-apart") as pool:
        started = {k: pool.submit(_make_tracked, (site, type(renderer)(), common, cache), items[k], runner)
                   for k in sorted(apart)}
        here: dict[int, tuple | None] = {}
        try:
            for k, item in enumerate(items):
                if k not in started:
                    if stop is not None and stop():
                        raise Interrupted
                    started_at = time.perf_counter()
                    here[k] = _make_tracked(context, item)
                    if time.perf_counter() - started_at >= release_after:
                        release_free_memory()
            release_free_memory()       # before waiting through the other process's peak
            return [started[k].result() if k in started else here[k] for k in range(len(items))]
        except BaseException:
            runner.close()          # the threads' processes end, and so the threads
            raise


def _make_tracked(context: tuple[Any, Any, dict, Cache], item: tuple[int, Maker, tuple],
                  apart: Apart | None = None) -> tuple | None:
    """A page maker's (or one item's) reads, pages, seconds and what its memo kept (docket/memo.py), run on a
    site that records what it reads (None when something it read or made cannot be pickled). apart: how a
    maker marked runs_apart runs its long step (without: here)."""
    site, renderer, common, cache = context
    _, make, args = item
    started = time.perf_counter()
    tracked = Tracked(site)
    memo = Memo(cache) if getattr(make, "memoized", False) else None
    extra: dict[str, Any] = {"memo": memo} if memo else {}
    if apart is not None and getattr(make, "runs_apart", False):
        extra["apart"] = apart
    try:
        reads, pages = tracked.settle(make(tracked, renderer, common, *args, **extra))
        pages = stored(pages)       # each view pickled, with its digest, here: see docket/kept_pages.py
    except (pickle.PicklingError, TypeError, AttributeError):
        return None
    return reads, pages, time.perf_counter() - started, memo.kept if memo else None


def _slowness(make: Maker) -> int:
    """Where a maker comes among those that usually take longest (a first build's order of work)."""
    return _USUALLY_SLOWEST.index(make.__module__) if make.__module__ in _USUALLY_SLOWEST else len(_USUALLY_SLOWEST)


def _render_one(context: tuple[jinja2.Environment, Path, Path | None, set[Path]],
                page: Page) -> bytes | str | tuple[Diagnostic, ...]:
    """A page's bytes; with a staged folder, written there and only its digest given back; diagnostics on a layout error."""
    from .pipeline import _template_error
    from .render import render
    env, root, staged, folders = context
    try:
        data = render(env, page)
    except jinja2.TemplateError as exc:
        found = Diagnostics()
        _template_error(exc, root, page.url, found)
        return tuple(found.items)
    if staged is None:
        return data
    write_into(staged, page.url, data, folders)
    return hashlib.sha256(data).hexdigest()


def describe(written: int, total: int) -> str:
    """' (K written, the rest unchanged)' for a rebuild that did not write everything."""
    return "" if written >= total else f" ({written} written, {total - written} unchanged)"

