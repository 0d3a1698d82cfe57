"""Shared test helpers (plain functions, no fixtures): scratch sites, CLI runs, folder snapshots."""

from __future__ import annotations

import hashlib
import io
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from docket.cli import main
from docket.rebuild import Rebuilder

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# The minimal site's texts are test data, not journalism: an invented outlet on example.org.
SEED_GAZETTE = (
    "A “quoted” test headline\n"
    "\n"
    "The first paragraph of the test article. It isn’t long.\n"
    "\n"
    "A quoted block, as the article printed it.\n"
    "\n"
    "The last paragraph, with\u00a0a non-breaking space.\n"
)
SEED_BULLETIN = (
    "Second test headline\n"
    "\n"
    "A source without a byline. It says so in a note.\n"
    "\n"
    "- first item\n"
    "- second item\n"
)

SITE_YAML = """\
title: Test site
description: A minimal site for docket's tests.
language: en
output: _site
"""

INDEX_MD = """\
---
title: Home
description: The home page of the test site.
---

# Test site

This is the *home* page. Read [the sources](sources.html).
"""

ABOUT_MD = """\
---
title: About
description: How the test site is made.
---

## Method

Every source is shown as received.
"""


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


GAZETTE_MD = f"""\
---
headline: "A “quoted” test headline"
outlet: Example Gazette
outlet_url: https://example.org/
byline: Test Writer
published: 2020-01-02
url: https://example.org/news/test-article
seed: example-gazette-2020-01-02.txt
sha256: {sha256(SEED_GAZETTE)}
---

The first paragraph of the test article. It isn’t long.

> A quoted block, as the article printed it.

The last paragraph, with\u00a0a non-breaking space {{++sic++}}.
"""

BULLETIN_MD = f"""\
---
headline: Second test headline
outlet: Example Bulletin
byline: ""
byline_note: The page names no author.
published: 2020-01-03
url: https://example.org/bulletin/second
seed: example-bulletin-2020-01-03.txt
sha256: {sha256(SEED_BULLETIN)}
---

A source without a byline. It says so in a note.

- first item
- second item
"""

MINIMAL_FILES: dict[str, str] = {
    "site.yaml": SITE_YAML,
    "content/pages/index.md": INDEX_MD,
    "content/pages/about.md": ABOUT_MD,
    "content/sources/example-gazette-2020-01-02.md": GAZETTE_MD,
    "content/sources/example-bulletin-2020-01-03.md": BULLETIN_MD,
    "seeds/example-gazette-2020-01-02.txt": SEED_GAZETTE,
    "seeds/example-bulletin-2020-01-03.txt": SEED_BULLETIN,
}


def make_site(root: Path, files: Mapping[str, str | bytes | None] | None = None, **site: str) -> Path:
    """Write the minimal valid project into root; files add, replace (text/bytes) or remove (None) paths.

    Keyword arguments replace top-level keys of site.yaml (for example title="X").
    """
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "layouts", root / "layouts", dirs_exist_ok=True)
    shutil.copytree(REPO / "static", root / "static", dirs_exist_ok=True)
    texts: dict[str, str | bytes | None] = dict(MINIMAL_FILES)
    if site:
        lines = [ln for ln in SITE_YAML.splitlines() if ln.split(":", 1)[0] not in site]
        lines += [f"{key}: {value}" for key, value in site.items()]
        texts["site.yaml"] = "\n".join(lines) + "\n"
    texts.update(files or {})
    for rel, data in texts.items():
        path = root / rel
        if data is None:
            if path.exists():
                path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8", newline="")
    return root


def overlay(root: Path, fixture: Path) -> None:
    """Copy a fixture folder over a site; 'remove.txt' lists paths to delete; expected*.txt are skipped."""
    for path in sorted(fixture.rglob("*")):
        rel = path.relative_to(fixture).as_posix()
        if path.is_dir() or rel.startswith("expected") or rel == "remove.txt":
            continue
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    remove = fixture / "remove.txt"
    if remove.is_file():
        for rel in remove.read_text(encoding="utf-8").split():
            (root / rel).unlink()


@dataclass(frozen=True)
class Run:
    """What one CLI run returned and printed."""

    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def run(*argv: str) -> Run:
    """Call docket's CLI in-process, capturing its streams and its exit code (main never exits)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return Run(code, out.getvalue(), err.getvalue())


def build(root: Path, out: Path, *extra: str) -> Run:
    return run("--root", str(root), "build", "--out", str(out), *extra)


def check(root: Path, *extra: str) -> Run:
    return run("--root", str(root), "check", *extra)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder (hidden ones too) by relative path, for byte-for-byte comparison."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def served(root: Path, folder: Path) -> Rebuilder:
    """A live-reload Rebuilder serving root into the new folder, after a first full rebuild that succeeded."""
    folder.mkdir()
    rebuilder = Rebuilder(root, folder)
    assert rebuilder.rebuild(None).ok
    return rebuilder


def watch_until_caught_up(root: Path, folder: Path, rebuilder: Rebuilder, edit: Callable[[], None],
                          seconds: float = 30) -> list[str]:
    """serve's RebuildWatcher on a tornado loop, in a thread of its own as the server has: edit() once the
    watcher has looked, then its looks until it prints that it caught up (or seconds have passed); the
    lines it printed."""
    import asyncio
    import threading

    from tornado.ioloop import IOLoop

    from docket.serve import RebuildWatcher, ServeState

    out = io.StringIO()
    watcher = RebuildWatcher(root, rebuilder, ServeState(folder, root, has_site=True), out, io.StringIO())
    edit()

    async def until_caught_up() -> None:
        for _ in range(int(seconds / 0.05)):
            watcher.tick()
            if "] caught up in" in out.getvalue():
                return
            await asyncio.sleep(0.05)

    def serve_loop() -> None:
        """A loop of its own (the browser tests' loop may be this thread's)."""
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            IOLoop.current().run_sync(until_caught_up)
        finally:
            loop.close()

    thread = threading.Thread(target=serve_loop)
    try:
        thread.start()
        thread.join(timeout=seconds * 2)
    finally:
        watcher.close()
    return out.getvalue().splitlines()
