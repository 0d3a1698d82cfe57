"""The same Markdown as a Hugo, an MkDocs and a Pelican project, for bench/run.py to build side by side.

Each peer gets every source's headline, date and body exactly as docket reads them, with its default
theme or, for Hugo (which ships none), three one-line layouts. MkDocs' navigation is limited to the
home page ("navigation off"): its default lists every page on every page, which is quadratic.
The peers run from bench/.peers-venv (bench/requirements-peers.txt), never from the project's .venv.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

PEERS_VENV = Path(__file__).resolve().parent / ".peers-venv"


@dataclass(frozen=True)
class Peer:
    name: str
    folder: Path
    command: tuple[str, ...]
    output: Path


def _sources(docket_root: Path) -> list[tuple[str, str, str, str]]:
    """(id, headline, published, body) of every generated source."""
    out = []
    for path in sorted((docket_root / "content" / "sources").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        headline = re.search(r'^headline: "(.*)"$', front, re.M).group(1)   # type: ignore[union-attr]
        published = re.search(r"^published: (\S+)$", front, re.M).group(1)  # type: ignore[union-attr]
        out.append((path.stem, headline, published, body.lstrip("\n")))
    return out


def layout(docket_root: Path, work: Path) -> list[Peer]:
    """Write the three peer projects under work/ from docket_root's sources; return how to build each."""
    bin_ = PEERS_VENV / "bin"
    sources = _sources(docket_root)
    peers = []

    hugo = work / "hugo"
    shutil.rmtree(hugo, ignore_errors=True)
    (hugo / "content" / "posts").mkdir(parents=True)
    (hugo / "layouts" / "_default").mkdir(parents=True)
    (hugo / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "bench"\nlanguageCode = "en"\n')
    (hugo / "layouts" / "_default" / "baseof.html").write_text(
        "<!doctype html><html lang=en><head><title>{{ .Title }}</title></head><body>{{ block \"main\" . }}{{ end }}"
        "</body></html>\n")
    (hugo / "layouts" / "_default" / "single.html").write_text(
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><time>{{ .Date.Format \"2006-01-02\" }}</time>{{ .Content }}{{ end }}\n")
    (hugo / "layouts" / "_default" / "list.html").write_text(
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">"
        "{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n")
    for sid, headline, published, body in sources:
        (hugo / "content" / "posts" / f"{sid}.md").write_text(
            f'---\ntitle: "{headline}"\ndate: {published}\n---\n\n{body}', encoding="utf-8")
    peers.append(Peer("Hugo", hugo, (str(bin_ / "hugo"), "--quiet", "--destination", "public"), hugo / "public"))

    mk = work / "mkdocs"
    shutil.rmtree(mk, ignore_errors=True)
    (mk / "docs").mkdir(parents=True)
    (mk / "mkdocs.yml").write_text("site_name: bench\nnav:\n  - index.md\n")
    (mk / "docs" / "index.md").write_text("# bench\n\nThe generated sources.\n")
    for sid, headline, published, body in sources:
        (mk / "docs" / f"{sid}.md").write_text(f"# {headline}\n\n{published}\n\n{body}", encoding="utf-8")
    peers.append(Peer("MkDocs", mk, (str(bin_ / "mkdocs"), "build", "--quiet", "--site-dir", "site"), mk / "site"))

    pel = work / "pelican"
    shutil.rmtree(pel, ignore_errors=True)
    (pel / "content").mkdir(parents=True)
    (pel / "pelicanconf.py").write_text(
        "AUTHOR = 'bench'\nSITENAME = 'bench'\nSITEURL = ''\nPATH = 'content'\nTIMEZONE = 'UTC'\n"
        "DEFAULT_LANG = 'en'\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\n"
        "AUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\nDEFAULT_PAGINATION = 10\n")
    for sid, headline, published, body in sources:
        (pel / "content" / f"{sid}.md").write_text(f"Title: {headline}\nDate: {published}\nSlug: {sid}\n\n{body}",
                                                   encoding="utf-8")
    peers.append(Peer("Pelican", pel, (str(bin_ / "pelican"), "content", "-s", "pelicanconf.py", "-o", "output", "-q"),
                      pel / "output"))
    return peers


def version(name: str) -> str:
    """The installed peer's version, for the results table."""
    import subprocess
    cmd = {"Hugo": [str(PEERS_VENV / "bin" / "hugo"), "version"],
           "MkDocs": [str(PEERS_VENV / "bin" / "mkdocs"), "--version"],
           "Pelican": [str(PEERS_VENV / "bin" / "pelican"), "--version"]}[name]
    try:
        found = re.search(r"\d+\.\d+(?:\.\d+)?", subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout)
    except (OSError, subprocess.SubprocessError):
        found = None
    return f"{name} {found.group(0)}" if found else f"{name} not installed"
