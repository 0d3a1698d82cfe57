"""`serve`: build, then serve the output folder on localhost (live reload comes with its issue)."""

from __future__ import annotations

import functools
import http.server
import webbrowser
from pathlib import Path
from typing import TextIO

from .diagnostics import Diagnostics
from .pipeline import build


def serve(root: Path, host: str, port: int, open_browser: bool, out: TextIO, err: TextIO) -> int:
    """Build once and serve the result until Ctrl-C; the last good site stays served on errors."""
    diags = Diagnostics()
    result = build(root, diags)
    diags.print(err, notes=False)
    if result.site is None:
        return 1
    folder = root / result.site.content.config.output
    if not folder.is_dir():
        err.write("no site to serve yet: fix the errors above and run again\n")
        return 1
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.write(f"warning: listening on {host}: the site is reachable from the network\n")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        err.write(f"error: cannot listen on {host}:{port}: {exc.strerror} (is another server running? "
                  f"try --port {port + 1})\n")
        return 1
    url = f"http://{host}:{port}/"
    out.write(f"serving {folder} on {url} (Ctrl-C to stop)\n")
    if open_browser:
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        out.write("stopped\n")
    finally:
        server.server_close()
    return 0
