"""content/sources/<id>.md -> Source records, checked against their seeds."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from ..dates import FORMS, parse_date
from ..diagnostics import Diagnostics
from ..fields import Field, check_mapping, updated_day
from ..ids import id_problem, slugify
from ..mentions import explicit_markers
from ..model import Source
from ..packed import PackedText
from ..yamlread import read_text
from .frontmatter import split

FIELDS = (
    Field("headline", (str,), required=True),
    Field("outlet", (str,), required=True),
    Field("outlet_url", (str,)),
    Field("byline", (str,), required=True),
    Field("byline_note", (str,)),
    Field("published", (str, int), required=True),
    Field("published_note", (str,)),
    Field("url", (str,), required=True),
    Field("seed", (str,), required=True),
    Field("sha256", (str,), required=True),
    Field("language", (str,)),
    Field("notes", (str,)),
    Field("updated", (str, int)),
)
_URL_RE = re.compile(r"^https?://\S+$")


def load_sources(root: Path, diags: Diagnostics) -> tuple[Source, ...]:
    """Every content/sources/*.md in name order; broken ones are reported and skipped."""
    sources = []
    for path in source_paths(root):
        source = load_source(root, path, diags)
        if source is not None:
            sources.append(source)
    return tuple(sources)


def source_paths(root: Path) -> list[Path]:
    """The source files, in name order."""
    folder = root / "content" / "sources"
    if not folder.is_dir():
        return []
    # Hidden files are editors' lock and system files (.#a.md, ._a.md), never content. os.scandir and
    # names, not Path.glob and Path objects: a server looks at 10,000 names on every rebuild.
    with os.scandir(folder) as entries:
        names = sorted(e.name for e in entries if e.name.endswith(".md") and not e.name.startswith("."))
    return [folder / name for name in names]


def load_source(root: Path, path: Path, diags: Diagnostics) -> Source | None:
    """One source file, or None after reporting why it cannot be used."""
    rel = path.relative_to(root).as_posix()
    problem = id_problem(path.stem)
    if problem:
        suggestion = slugify(path.stem)
        if id_problem(suggestion):
            suggestion += "-source"
        diags.error(rel, 0, f"{problem} (the file name is the source's id)",
                    f"rename the file to {suggestion}.md")
        return None
    text = read_text(path, rel, diags)
    if text is None:
        return None
    doc = split(text, rel, diags)
    if doc is None or doc.meta is None:
        return None
    meta = check_mapping(doc.meta, FIELDS, rel, 2, "the front matter", diags)
    if meta is None:
        return None
    ok = True
    published, why = parse_date(meta["published"])
    if published is not None and published.precision != "day":
        why = (f"'{meta['published']}' gives a time; the day alone is wanted" if published.precision == "time"
               else f"'{meta['published']}' gives only the {published.precision}")
    if why:
        diags.error(rel, meta.line_of("published"), f"bad date in 'published': {why.removesuffix(f' ({FORMS})')}",
                    "write the publication day as YYYY-MM-DD")
        ok = False
    updated, day_ok = updated_day(meta, rel, diags, "this source's page")
    ok = ok and day_ok
    if published is not None and updated is not None and updated < published:
        diags.error(rel, meta.line_of("updated"), f"'updated' ({updated.iso()}) is before 'published' ({published.iso()})",
                    "'updated' is the day the page last changed, on or after the publication day")
        ok = False
    for key in ("url", "outlet_url"):
        value = meta.get(key) or ""
        if value and not _URL_RE.match(value):
            diags.error(rel, meta.line_of(key), f"'{key}' must be an http(s) address, not '{value}'",
                        "copy the address from the browser's address bar")
            ok = False
    for key in ("headline", "outlet", "seed"):
        if not meta[key].strip():
            diags.error(rel, meta.line_of(key), f"'{key}' is empty", f"write the source's {key}")
            ok = False
    if not meta["byline"].strip() and not (meta.get("byline_note") or "").strip():
        diags.error(rel, meta.line_of("byline"), "the byline is empty and no 'byline_note' says why",
                    "write the byline, or say in byline_note why it is not known; never invent one")
        ok = False
    seed_name = meta["seed"].strip()
    seed = root / "seeds" / seed_name
    if "/" in seed_name or "\\" in seed_name or seed_name.startswith("."):
        diags.error(rel, meta.line_of("seed"), f"seed '{seed_name}' must be a file name inside seeds/",
                    "write just the file name, such as readwrite-2014-12-17.txt")
        ok = False
    elif not seed.is_file():
        diags.error(rel, meta.line_of("seed"), f"seed file 'seeds/{seed_name}' not found",
                    "import the original with `python build.py import FILE`")
        ok = False
    else:
        digest = hashlib.sha256(seed.read_bytes()).hexdigest()
        if digest != meta["sha256"].strip().lower():
            diags.error(rel, meta.line_of("sha256"), f"sha256 does not match seeds/{seed_name}",
                        f"seeds are never edited; if the front matter is wrong, its sha256 is {digest}")
            ok = False
    if not ok or published is None:
        return None
    return Source(
        id=path.stem, path=rel, headline=meta["headline"].strip(), outlet=meta["outlet"].strip(),
        published=published.iso(), url=meta["url"].strip(), seed=seed_name, sha256=meta["sha256"].strip().lower(),
        packed_body=PackedText.of(doc.body), body_line=doc.body_line, byline=meta["byline"].strip(),
        byline_note=(meta.get("byline_note") or "").strip(), published_note=(meta.get("published_note") or "").strip(),
        outlet_url=(meta.get("outlet_url") or "").strip(), language=(meta.get("language") or "en").strip(),
        notes=(meta.get("notes") or "").strip(), updated=updated.iso() if updated else "",
        front_lines=tuple(sorted(meta.key_lines.items())),
        actor_markers=tuple((actor, line) for _, actor, line in explicit_markers(doc.body, doc.body_line)),
    )
