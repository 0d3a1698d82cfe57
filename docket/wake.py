"""The editing server's wake-up: the operating system says which watched file changed (inotify on Linux,
through the watchdog package), and the watcher looks at that file at once.

Without it a save is found by the watcher's next look at every watched file, which takes 0.1 s at
10,000 sources and comes twice that later, so 0.1-0.4 s after the save. The looks go on all the same:
they are what finds every change (a folder moved in whole, a change the system did not report); a
wake-up only finds one sooner. Where the system gives no notices (watchdog would only poll) or cannot
watch (too many watches, say), there are only the looks.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from .watch import editor_litter

# What changes a file's bytes or its presence; not what only reads it ("opened", "closed_no_write"): every
# build reads the content.
_CHANGES = frozenset({"modified", "created", "deleted", "moved", "closed"})


class Wake:
    """Calls notify(path relative to root) from a thread of its own for every change the system reports
    in the watched files and folders of root (hidden and editors' litter files left out)."""

    def __init__(self, root: Path, watched: tuple[str, ...], notify: Callable[[str], None]) -> None:
        self.root = os.fspath(root)
        self.watched = watched
        self.notify = notify
        self._observer: Any = None

    def start(self) -> bool:
        """Start watching; False (and nothing started) when the system cannot."""
        if Observer is PollingObserver:         # no notices here, only another look at every file
            return False
        observer = Observer()
        try:
            for top in self.watched:
                path = os.path.join(self.root, top)
                if os.path.isdir(path):
                    observer.schedule(_Handler(self), path, recursive=True)
                elif os.path.isfile(path):      # a file: its folder, which reports its files' changes
                    observer.schedule(_Handler(self), os.path.dirname(path) or ".", recursive=False)
            observer.daemon = True
            observer.start()
        except OSError:             # e.g. the system's limit of watches reached
            observer.stop()
            return False
        self._observer = observer
        return True

    @property
    def running(self) -> bool:
        return self._observer is not None and self._observer.is_alive()

    def stop(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
            self._observer = None

    def relative(self, path: str) -> str:
        """path relative to root when it is one the watcher looks at (as watch.snapshot does), else ''."""
        rel = os.path.relpath(path, self.root).replace(os.sep, "/")
        parts = rel.split("/")
        if parts[0] not in self.watched:        # outside root ("..") too
            return ""
        if any(p.startswith(".") for p in parts[:-1]) or editor_litter(parts[-1]):
            return ""
        return rel


class _Handler(FileSystemEventHandler):
    """watchdog's events -> Wake.notify, for the changes of the files the watcher looks at."""

    def __init__(self, wake: Wake) -> None:
        super().__init__()
        self.wake = wake

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in _CHANGES and not event.is_directory:
            for path in (event.src_path, event.dest_path):
                rel = self.wake.relative(os.fsdecode(path)) if path else ""
                if rel:
                    self.wake.notify(rel)
