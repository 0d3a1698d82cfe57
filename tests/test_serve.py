"""`build.py serve` end to end: one server process on a scratch site, driven by headless Chromium.

The tests run in file order on one server: the browser follows an edit, an error and its fix;
a burst of saves is counted; the served files are compared with `build`'s; Ctrl-C ends it last.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, expect

from docket.overlay import PANEL_ID

from helpers import REPO, build, check, make_site, run, snapshot

GAZETTE = "content/sources/example-gazette-2020-01-02.md"
GAZETTE_PAGE = "sources/example-gazette-2020-01-02.html"
NOTES = "content/annotations/example-gazette-2020-01-02.yaml"
BROKEN_NOTES = """\
- quote: The first paragraph of the test article.
  kind: context
  note: [an unclosed list
  actors: []
"""
GOOD_NOTES = """\
- quote: The first paragraph of the test article.
  kind: context
  note: A note written while the server ran.
"""
LIVERELOAD_SCRIPT = re.compile(rb'<script type="text/javascript">\(function\(\)\{var s=document\.createElement'
                               rb'\("script"\);.*?livereload\.js\?port=.*?</script>')
REBUILD_LINE = re.compile(r"^\[\d\d:\d\d:\d\d\] (rebuilt|rebuild failed) ")
WITHIN = 3000       # ms: the bound for the browser to show a change, an error or a fix


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Served:
    """A running `serve` process and everything it printed so far."""

    root: Path
    port: int
    proc: subprocess.Popen[str]
    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def rebuilds(self) -> int:
        return sum(1 for line in self.out if REBUILD_LINE.match(line))

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url + quote(path), timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()


def _drain(stream: object, lines: list[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        lines.append(line.rstrip("\n"))


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8", newline="")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = make_site(tmp_path_factory.mktemp("serve") / "site")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "build.py", "--root", str(root), "serve", "--port", str(port)],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    server = Served(root, port, proc)
    for stream, lines in ((proc.stdout, server.out), (proc.stderr, server.err)):
        threading.Thread(target=_drain, args=(stream, lines), daemon=True).start()
    deadline = time.monotonic() + 60
    while not any(line.startswith("serving ") for line in server.out):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"serve did not start (exit {proc.poll()}):\n" + "\n".join(server.out + server.err))
        time.sleep(0.05)
    yield server
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def test_listens_on_loopback_only_by_default(served: Served) -> None:
    """The listening socket's address, as the kernel lists it, is 127.0.0.1 and nothing else."""
    listening = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, port = local.split(":")
            if state == "0A" and int(port, 16) == served.port:
                listening.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]) if len(address) == 8 else address)
    assert listening == {"127.0.0.1"}
    assert f"on {served.url} with live reload" in "\n".join(served.out)


class LiveReloadFrames:
    """Counts the 'info' handshakes livereload.js sends: after one, the page gets reload messages."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.sent: list[str] = []
        page.on("websocket", lambda ws: ws.on("framesent", lambda payload: self.sent.append(str(payload))))

    def connected(self) -> int:
        return sum(1 for frame in self.sent if '"command":"info"' in frame.replace(" ", ""))

    def wait_for(self, count: int) -> None:
        deadline = time.monotonic() + 10
        while self.connected() < count:
            assert time.monotonic() < deadline, f"live reload did not connect: {self.sent}"
            self.page.wait_for_timeout(20)      # Playwright delivers events while it waits
        self.page.wait_for_timeout(100)         # the server registers the page just after the handshake


def test_browser_follows_an_edit_an_error_and_its_fix(served: Served, chromium_browser: Browser) -> None:
    page = chromium_browser.new_page()
    try:
        frames = LiveReloadFrames(page)
        page.goto(served.url + GAZETTE_PAGE)
        frames.wait_for(1)
        main = page.locator("main")
        panel = page.locator(f"#{PANEL_ID}")
        expect(main).to_contain_text("[sic]")

        # An edit of the source's Markdown shows on the open page.
        edit(served.root, GAZETTE, "{++sic++}", "{++checked live++}")
        expect(main).to_contain_text("[checked live]", timeout=WITHIN)
        frames.wait_for(2)

        # A YAML error shows over the page with its file, line, message and lines.
        (served.root / NOTES).parent.mkdir(exist_ok=True)
        (served.root / NOTES).write_text(BROKEN_NOTES, encoding="utf-8")
        expected = [line for line in check(served.root).err_lines if ": error: " in line][0]
        where, message = expected.split(": error: ", 1)
        assert where.startswith(f"{NOTES}:3:") or where.startswith(f"{NOTES}:4:"), expected
        expect(panel.locator(".where")).to_have_text(f"{where}: error", timeout=WITHIN)
        expect(panel.locator(".message")).to_have_text(message.split(" (")[0])
        line = int(where.split(":")[1])
        expect(panel.locator("pre mark")).to_contain_text(f"{line} | {BROKEN_NOTES.splitlines()[line - 1]}")
        expect(main).to_contain_text("[checked live]")      # the last good page is underneath
        frames.wait_for(3)

        # The fix brings the page back by itself.
        (served.root / NOTES).write_text(GOOD_NOTES, encoding="utf-8")
        expect(panel).to_have_count(0, timeout=WITHIN)
        expect(main).to_contain_text("A note written while the server ran.")
    finally:
        page.close()
    assert any("rebuild failed" in line and NOTES in line for line in served.out)
    assert expected in served.err


def test_twenty_saves_within_one_second_give_at_most_two_rebuilds(served: Served) -> None:
    before = served.rebuilds()
    started = time.monotonic()
    for n in range(20):
        time.sleep(max(0.0, started + n * 0.045 - time.monotonic()))
        edit(served.root, GAZETTE, "{++checked live++}" if n == 0 else f"{{++burst {n - 1}++}}", f"{{++burst {n}++}}")
    assert time.monotonic() - started < 1.0
    deadline = time.monotonic() + 10
    while b"[burst 19]" not in served.get(GAZETTE_PAGE)[1]:
        assert time.monotonic() < deadline, "the last save never reached the served page"
        time.sleep(0.05)
    time.sleep(1.0)     # any late rebuild would be counted too
    assert 1 <= served.rebuilds() - before <= 2, served.out[-5:]


def test_served_site_is_the_build_plus_the_live_reload_script(served: Served, tmp_path: Path) -> None:
    out = tmp_path / "built"
    done = build(served.root, out)
    assert done.code == 0, done.err
    files = {rel: data for rel, data in snapshot(out).items() if not rel.startswith(".")}
    assert len(files) > 10
    for rel, data in files.items():
        assert b"livereload" not in data, rel
        status, body = served.get(rel)
        assert status == 200, rel
        if rel.endswith(".html"):
            assert len(LIVERELOAD_SCRIPT.findall(body)) == 1, rel
            body = LIVERELOAD_SCRIPT.sub(b"", body)
        assert body == data, rel
    status, body = served.get("no-such-page.html")
    assert status == 404 and LIVERELOAD_SCRIPT.sub(b"", body) == files["404.html"]


def test_ctrl_c_stops_cleanly_with_no_process_left(served: Served) -> None:
    served.proc.send_signal(signal.SIGINT)
    assert served.proc.wait(timeout=15) == 0
    time.sleep(0.2)     # let the reader threads take the last lines
    assert served.out[-1] == "stopped"
    assert "Traceback" not in "\n".join(served.err)
    with pytest.raises(ProcessLookupError):
        os.killpg(served.proc.pid, 0)       # nothing is left in the server's process group
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)    # closed connections may linger; listeners may not
        s.bind(("127.0.0.1", served.port))                          # its port is free again


def test_a_busy_port_is_a_clear_message(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run("--root", str(root), "serve", "--port", str(port))
    assert done.code == 1
    assert done.err_lines == [f"error: cannot listen on 127.0.0.1:{port}: port {port} is already in use, perhaps "
                              f"by another `serve` (stop that one, or choose another port: --port {port + 1})"]
    assert done.out == ""
