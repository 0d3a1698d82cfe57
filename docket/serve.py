"""`serve`: build into a private folder, serve it with live reload, rebuild on every change.

Built on the livereload package: its Server (tornado) serves the pages, injects its script into
each HTML response (so the script never reaches a file) and tells open pages to reload over its
websocket. Its own watcher rebuilds once per changed task on every 0.8 s poll and then throttles
reloads, which gives rebuild storms on a burst of saves and lost reloads on quick edits; here the
watcher only feeds a Debouncer, one rebuild runs at a time in a worker thread, and every finished
rebuild reloads every open page, which shows the error panel while the last rebuild failed. Between
its looks at every file, the system's notice of a change (docket/wake.py) makes it look at once at
the file named, and a change due to have settled is looked at again alone (settle).
Each rebuild is `build`'s incremental one (docket/rebuild.py): the same code path, cache and bytes.
On a big site an edit of a source first rebuilds all but the slowest cross-source pages (comparison,
search index, actor pages), so the edited page shows at once, then at once a follow-up brings those
up to date and reloads the pages again; until then they show the site as it was before the edit.
From 1,000 sources, an edit of a source's body alone first makes only that source's page
(docket/edited_page.py), and the follow-up all the others.
"""

from __future__ import annotations

import concurrent.futures
import errno
import logging
import mimetypes
import shutil
import signal
import socket
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence, TextIO

from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from tornado import web
from tornado.ioloop import IOLoop

from . import overlay
from .debounce import Debouncer
from .diagnostics import Diagnostic
from .incremental import Runtime
from .rebuild import Outcome, Rebuilder
from .wake import Wake
from .watch import WATCHED, changed, restat, snapshot
from .workers import default_jobs

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
POLL = 0.05         # seconds between two looks at the watched files (more when a look is slow)


@dataclass
class ServeState:
    """What the handlers serve: the folder, whether it holds a site yet, and the error panel if any."""

    folder: Path
    root: Path
    has_site: bool = False
    panel: str = ""

    def update(self, outcome: Outcome) -> None:
        self.has_site = self.has_site or outcome.ok
        self.panel = "" if outcome.ok else overlay.panel(self.root, outcome.diagnostics, self.has_site)


def content_type(name: str) -> str:
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind.endswith(("json", "xml", "javascript")):
        kind += "; charset=utf-8"
    return kind


def locate(folder: Path, path: str) -> Path | None:
    """The file a URL path names inside folder (a folder's index.html), or None."""
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if any(p == ".." or p.endswith(".docket-new") for p in parts):
        return None
    target = folder.joinpath(*parts)
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


class SiteHandler(web.RequestHandler):
    """Serves the folder as it is now; HTML gets the error panel while the last rebuild failed."""

    def initialize(self, state: ServeState) -> None:
        self.state = state

    def compute_etag(self) -> None:
        return None

    def get(self, path: str) -> None:
        state = self.state
        self.set_header("Cache-Control", "no-store")
        if not state.has_site:
            self.set_status(503)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.write(overlay.error_page(state.panel))
            return
        target = locate(state.folder, path)
        if target is None:
            self.set_status(404)
            target = locate(state.folder, "404.html")
        try:
            data = target.read_bytes() if target is not None else b"Not found\n"
        except OSError:     # replaced or removed by the rebuild between the look and the read
            self.set_status(404)
            data = b"Not found\n"
        kind = content_type(target.name if target is not None else "404.txt")
        if state.panel and kind.startswith("text/html"):
            data = overlay.inject(data, state.panel)
        self.set_header("Content-Type", kind)
        self.write(data)


class DocketServer(Server):
    """livereload's Server, serving the private folder through SiteHandler and logging only problems."""

    def __init__(self, state: ServeState, watcher: Watcher, err: TextIO) -> None:
        super().__init__(watcher=watcher)
        self.state = state
        self.err = err

    def get_web_handlers(self, script: bytes) -> list[Any]:
        return [(r"/(.*)", SiteHandler, {"state": self.state})]

    def _setup_logging(self) -> None:
        channel = logging.StreamHandler(self.err)
        channel.setLevel(logging.WARNING)
        for name in ("livereload", "tornado"):
            logger = logging.getLogger(name)
            logger.setLevel(logging.WARNING)
            logger.addHandler(channel)
        logging.getLogger("tornado.access").setLevel(logging.CRITICAL)    # one line per request is noise here


class RebuildWatcher(Watcher):
    """livereload's watcher made to coalesce: poll, debounce, one rebuild at a time, then reload pages."""

    def __init__(self, root: Path, rebuilder: Rebuilder, state: ServeState, out: TextIO, err: TextIO,
                 debouncer: Debouncer | None = None) -> None:
        super().__init__()
        self.root = root
        self.rebuilder = rebuilder
        self.state = state
        self.out = out
        self.err = err
        self.debouncer = debouncer or Debouncer()
        self._seen = snapshot(root)
        self._busy = False
        self._settling = False      # a settle() is due on the loop
        self._wake: Wake | None = None
        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="docket-rebuild")

    def watched(self) -> tuple[str, ...]:
        return tuple(self._tasks) or WATCHED

    def start(self, callback: Any) -> bool:
        """Poll on our own timer (livereload's is 0.8 s), and look at once at each file the system says
        changed (docket/wake.py); True tells livereload not to poll itself."""
        loop = IOLoop.current()
        loop.call_later(POLL, self.poll)
        self._wake = Wake(self.root, self.watched(), lambda rel: loop.add_callback(self.wake, rel))
        self._wake.start()
        return True

    def poll(self) -> None:
        """Look, then look again after pause(the look's time). No look while a rebuild runs: it would
        only slow the rebuild down (the next look finds every change made meanwhile)."""
        started = time.perf_counter()
        try:
            if not self._busy:
                self.tick()
        finally:
            IOLoop.current().call_later(self.pause(time.perf_counter() - started), self.poll)
            self._settle_soon()

    def pause(self, look: float) -> float:
        """Seconds until the next look at every file: POLL, or on a big site twice the look's time, so that
        watching takes at most a third of a core; ten times while the system's notices come (wake.py),
        which find a save at once: the looks are then only for what they miss."""
        return max(POLL, (10 if self._wake is not None and self._wake.running else 2) * look)

    def _settle_soon(self) -> None:
        if self.debouncer.pending and not self._busy and not self._settling:
            self._settling = True
            IOLoop.current().call_later(self.debouncer.wait(), self.settle)

    def settle(self) -> None:
        """Look again at the changed files alone once they are due to have stood still, and rebuild if they
        have: a look at every watched file takes 0.1 s at 10,000 sources, and the next one comes
        0.2-1 s later (pause). (Other files changed meanwhile are found by a notice or the next look.)"""
        self._settling = False
        if self._busy or not self.debouncer.pending:
            return
        self._look_at(self.debouncer.paths)
        if self.debouncer.due():
            self.start_rebuild(self.debouncer.take(), defer=True)
        else:
            self._settle_soon()

    def wake(self, path: str) -> None:
        """The system says path (relative to the root) changed: look at it alone now. While a rebuild runs,
        the next whole look after it finds the change."""
        if not self._busy:
            self._look_at((path,))
            self._settle_soon()

    def _look_at(self, paths: Sequence[str]) -> None:
        """Look at these files alone, as a whole look would, and pass on those that changed."""
        now = restat(self.root, paths)
        moved = [p for p in paths if now.get(p) != self._seen.get(p)]
        for p in moved:
            if p in now:
                self._seen[p] = now[p]
            else:
                self._seen.pop(p, None)
        self.debouncer.add(moved)

    def examine(self) -> tuple[None, None]:
        return None, None       # livereload's own change handling is never used

    def first_build(self) -> Outcome:
        """The first build, on every core when no other thread runs yet (none of the server's has started),
        as `build`: forking is safe then. The rebuilds after run in a thread beside the server's, on one."""
        rt = self.rebuilder.runtime
        rt.jobs = default_jobs() if threading.active_count() == 1 else 1
        try:
            outcome = self.run(None)
        finally:
            rt.jobs = 1
        self.state.update(outcome)
        return outcome

    def run(self, paths: Sequence[str] | None, defer: bool = False) -> Outcome:
        """One rebuild; a bug in docket is reported like a content error so the server stays up."""
        try:
            return self.rebuilder.rebuild(paths, defer=defer)
        except Exception as exc:  # noqa: BLE001 - the editor must keep a working server
            traceback.print_exc(file=self.err)
            return Outcome(False, (Diagnostic("docket", 0, 0, "error", f"internal error: {type(exc).__name__}: {exc}",
                                              "a bug in docket, not in the content; the traceback is in the terminal"),))

    def tick(self) -> None:
        now = snapshot(self.root, self.watched())
        self.debouncer.add(changed(self._seen, now))
        self._seen = now
        if self._busy or not self.debouncer.due():
            return
        self.start_rebuild(self.debouncer.take(), defer=True)

    def start_rebuild(self, paths: tuple[str, ...], defer: bool) -> None:
        """Run one rebuild in the worker thread; `done` follows on the server's loop (paths=(): a follow-up,
        which stops between page makers as soon as a watched file has changed, so a save need not wait)."""
        self._busy = True
        self.rebuilder.runtime.interrupt = None if paths else self.changes_waiting
        future = self._executor.submit(self.run, paths, defer)
        IOLoop.current().add_future(future, lambda f: self.done(paths, f.result()))

    def changes_waiting(self) -> bool:
        """Whether a watched file changed since the last look (asked from the rebuild's thread while the
        loop does not look: see poll)."""
        return bool(changed(self._seen, snapshot(self.root, self.watched())))

    def done(self, paths: Sequence[str], outcome: Outcome) -> None:
        """Report the rebuild, switch what is served, reload every open page, and catch up with deferred pages."""
        self._busy = False
        if outcome.interrupted:     # a follow-up a new change cut short: the next look rebuilds, then follows up
            report(outcome, paths, self.out, self.err)
            return
        was_ok = not self.state.panel
        self.state.update(outcome)
        report(outcome, paths, self.out, self.err)
        if outcome.ok and (outcome.deferred or outcome.partial) and not self.debouncer.pending:
            self.start_rebuild((), defer=False)     # the next change, if one comes first, defers them again
        if outcome.ok and was_ok and outcome.written == 0:
            return      # nothing any page shows has changed
        css_only = outcome.ok and was_ok and bool(paths) and all(p.startswith("static/") and p.endswith(".css")
                                                                 for p in paths)
        LiveReloadHandler.reload_waiters(paths[0] if css_only else "*")

    def close(self) -> None:
        if self._wake is not None:
            self._wake.stop()
        self._executor.shutdown(wait=True, cancel_futures=True)


def describe(paths: Sequence[str], shown: int = 3) -> str:
    """'a, b, c and 2 more': what changed, short enough for one line."""
    text = ", ".join(paths[:shown])
    return text + (f" and {len(paths) - shown} more" if len(paths) > shown else "")


def report(outcome: Outcome, paths: Sequence[str] | None, out: TextIO, err: TextIO) -> None:
    """One line per rebuild on out (time, what changed, what was redone); the diagnostics on err."""
    stamp = time.strftime("%H:%M:%S")
    cause = f" after {describe(paths)} changed" if paths else ""
    if outcome.interrupted:
        out.write(f"[{stamp}] catching up stopped after {outcome.seconds:.2f} s: a file changed meanwhile\n")
        out.flush()
        return
    if paths is not None and not paths and outcome.ok:      # a follow-up
        out.write(f"[{stamp}] caught up in {outcome.seconds:.2f} s: {len(outcome.rendered)} of {outcome.pages} "
                  f"pages rendered, {outcome.written} files written\n")
        out.flush()
        return
    for d in outcome.diagnostics:
        if d.severity != "note":
            err.write(d.format() + "\n")
    err.flush()
    again = paths is not None
    if outcome.ok:
        later = ("; still to catch up: every other page" if outcome.partial else
                 f"; still to catch up: {', '.join(dict.fromkeys(maker_label(m) for m in outcome.deferred))}"
                 if outcome.deferred else "")
        out.write(f"[{stamp}] {'rebuilt' if again else 'built'} in {outcome.seconds:.2f} s{cause}: "
                  f"{len(outcome.rendered)} of {outcome.pages} pages rendered, {outcome.written} files written{later}\n")
    else:
        errors = sum(1 for d in outcome.diagnostics if d.severity == "error")
        behind = "over the last good site" if again else "instead of the site until they are fixed"
        out.write(f"[{stamp}] {'rebuild' if again else 'build'} failed in {outcome.seconds:.2f} s{cause}: "
                  f"{errors} error(s); the browser shows them {behind}\n")
    out.flush()


def maker_label(name: str) -> str:
    """'docket.compare_pages.pages' -> 'compare pages': a page maker as the terminal names it."""
    module = name.rsplit(".", 2)[-2] if name.count(".") >= 2 else name
    return module.replace("_", " ")


def host_warning(host: str) -> str:
    """A warning when the server will be reachable from other machines, else ''."""
    if host in LOCAL_HOSTS:
        return ""
    return (f"warning: listening on {host}: anyone on the network can read this site "
            "(use --host 127.0.0.1 to keep it on this machine)\n")


def listen_problem(host: str, port: int) -> str:
    """Why the server cannot listen on host:port (a clear sentence), or ''."""
    where = f"{host}:{port}"
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return f"error: cannot listen on {where}: {exc.strerror} (give an address of this machine, e.g. --host 127.0.0.1)"
    for family, kind, proto, _, address in infos:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
            except OSError as exc:
                return listen_message(host, port, exc)
    return ""


def listen_message(host: str, port: int, exc: OSError) -> str:
    where = f"{host}:{port}"
    if exc.errno == errno.EADDRINUSE:
        return (f"error: cannot listen on {where}: port {port} is already in use, perhaps by another "
                f"`serve` (stop that one, or choose another port: --port {port + 1})")
    if exc.errno == errno.EACCES:
        return f"error: cannot listen on {where}: permission denied (ports below 1024 need privileges; try --port 8000)"
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"error: cannot listen on {where}: {host} is not an address of this machine (try --host 127.0.0.1)"
    return f"error: cannot listen on {where}: {exc.strerror or exc}"


def _stop_on_sigterm() -> None:
    """`kill` stops the server the way Ctrl-C does: cleanly, with its folder removed."""
    def handler(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, handler)


def serve(root: Path, host: str, port: int, open_browser: bool, out: TextIO, err: TextIO) -> int:
    """Build, serve with live reload and rebuild on every change until Ctrl-C; 1 when it cannot listen."""
    if not 1 <= port <= 65535:
        err.write(f"error: port {port} is out of range (choose one from 1 to 65535, e.g. --port 8000)\n")
        return 2
    err.write(host_warning(host))
    problem = listen_problem(host, port)
    if problem:
        err.write(problem + "\n")
        return 1
    folder = Path(tempfile.mkdtemp(prefix="docket-serve-"))
    state = ServeState(folder, root)
    # `build`'s own incremental path and cache (.docket-cache/): a first build after a `build` reuses its
    # work, and each rebuild redoes only what changed. One core: the rebuild thread does not fork (the first
    # build, before any thread, uses every core: RebuildWatcher.first_build). The watcher says when
    # something changed, so the whole-tree no-change check is left out.
    rebuilder = Rebuilder(root, folder, Runtime.for_root(root, jobs=1, watched=True))
    watcher = RebuildWatcher(root, rebuilder, state, out, err)
    code = 0
    try:
        _stop_on_sigterm()
        outcome = watcher.first_build()
        report(outcome, None, out, err)
        server = DocketServer(state, watcher, err)
        for name in WATCHED:
            server.watch(name)
        url = f"http://{host}:{port}/" if ":" not in host else f"http://[{host}]:{port}/"
        out.write(f"serving {root} on {url} with live reload; edit and save, the open pages follow "
                  "(Ctrl-C to stop)\n")
        out.flush()
        server.serve(port=port, host=host, debug=False, restart_delay=0,
                     open_url_delay=0.3 if open_browser else None)
    except KeyboardInterrupt:
        pass
    except OSError as exc:      # lost the port between the probe and the listen
        err.write(listen_message(host, port, exc) + "\n")
        code = 1
    finally:
        watcher.close()
        rebuilder.runtime.forget_output(folder)     # its folder goes: so does the cache's record of it
        shutil.rmtree(folder, ignore_errors=True)
    out.write("stopped\n")
    out.flush()
    return code
