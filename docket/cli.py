"""Command line: build, check, serve, import; exit 0 ok, 1 content errors, 2 usage errors."""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path
from typing import TextIO

from . import __version__
from .diagnostics import Diagnostics


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build.py", description="docket: build a documentary microsite from "
                                "sources, annotations, actors and a timeline.")
    p.add_argument("--version", action="version", version=f"docket {__version__}")
    p.add_argument("--root", default=".", help="the project folder (default: the current folder)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    b = sub.add_parser("build", help="build the site (the default command)",
                       description="Load, check and write the site to the output folder, replacing it atomically.")
    b.add_argument("--out", metavar="DIR", help="output folder (default: 'output' in site.yaml, _site)")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    _speed_options(b)
    c = sub.add_parser("check", help="validate everything, write nothing",
                       description="Load and validate all content; print errors, warnings and notes "
                                   "(omitted passages, names no actor covers); write nothing.")
    c.add_argument("--strict", action="store_true", help="treat warnings as errors")
    s = sub.add_parser("serve", help="build, serve and rebuild on every change (live reload)",
                       description="Build the site, serve it on http://HOST:PORT and rebuild when content changes.")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    s.add_argument("--open", action="store_true", help="open the site in a browser")
    i = sub.add_parser("import", help="turn a raw text or HTML source into content/sources/<id>.md",
                       description="Copy FILE byte for byte into seeds/ and write content/sources/<id>.md "
                                   "from it, printing what was dropped as page boilerplate. Never overwrites.")
    i.add_argument("file", metavar="FILE", help="a plain-text or saved HTML page")
    i.add_argument("--id", dest="source_id", help="the source's id (default: from the file name)")
    return p


def _speed_options(p: argparse.ArgumentParser) -> None:
    """Options of how a build runs (never of what it produces: the output is the same with any of them)."""
    p.add_argument("--jobs", "-j", type=_positive, metavar="N", help="processes to use (default: every core)")
    p.add_argument("--no-cache", action="store_true", help="ignore and do not write the cache in .docket-cache/")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar (none is shown off a terminal anyway)")
    p.add_argument("--verbose", "-v", action="store_true", help="print the time each stage of the build takes")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


_COMMANDS = frozenset({"build", "check", "serve", "import"})


def _with_default_command(argv: list[str]) -> list[str]:
    """Insert 'build' after the global options when no command is named, so `--root X` builds."""
    i = 0
    while i < len(argv) and argv[i].startswith("--root"):
        i += 2 if argv[i] == "--root" else 1
    if i < len(argv) and (argv[i] in _COMMANDS or argv[i] in ("-h", "--help", "--version")
                          or not argv[i].startswith("-")):
        return argv
    return [*argv[:i], "build", *argv[i:]]


def _parse(argv: list[str], out: TextIO, err: TextIO) -> argparse.Namespace | int:
    """The parsed arguments, or the exit code argparse chose (help: 0, usage error: 2)."""
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            return _parser().parse_args(_with_default_command(argv))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2


def main(argv: list[str], stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run one command; return the process exit code (usage and help are written to the given streams)."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    args = _parse(argv, out, err)
    if isinstance(args, int):
        return args
    root = Path(args.root).resolve()
    diags = Diagnostics()
    if args.command == "build":
        from .incremental import Runtime
        from .pipeline import build
        from .progress import Reporter
        started = time.perf_counter()
        runtime = Runtime.for_root(root, jobs=args.jobs, use_cache=not args.no_cache,
                                   report=Reporter(err, quiet=args.quiet, verbose=args.verbose))
        result = build(root, diags, out=Path(args.out) if args.out else None, strict=args.strict, runtime=runtime)
        diags.print(err, notes=False)
        if diags.has_errors(args.strict) or (result.site is None and not result.up_to_date):
            err.write("build failed; the previous site was left as it was\n")
            return 1
        target = args.out or (result.site.content.config.output if result.site else str(result.target))
        how = ""
        if result.up_to_date:
            how = " (nothing changed)"
        elif 0 <= result.changed < result.written:
            how = f" ({result.changed} written, the others unchanged)"
        out.write(f"built {result.written} files into {target} in {time.perf_counter() - started:.2f} s{how}\n")
        return 0
    if args.command == "check":
        from .pipeline import load
        site = load(root, diags, list_omissions=True)
        diags.print(err)
        if diags.has_errors(args.strict) or site is None:
            return 1
        out.write(f"checked {len(site.content.sources)} sources: no errors\n")
        return 0
    if args.command == "import":
        from .importer import run_import
        ok = run_import(Path(args.file), args.source_id, root, out, diags)
        diags.print(err)
        return 0 if ok and not diags.has_errors() else 1
    if args.command == "serve":
        from .serve import serve
        return serve(root, args.host, args.port, args.open, out, err)
    return 2
