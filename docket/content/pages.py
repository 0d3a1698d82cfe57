"""content/pages/*.md -> FreePage records (the story, the method, ...)."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostics
from ..fields import Field, check_mapping, updated_day
from ..ids import ID_RE, slugify
from ..model import FreePage
from ..yamlread import read_text
from .frontmatter import split

FIELDS = (Field("title", (str,), required=True), Field("description", (str,), required=True),
          Field("updated", (str, int)))
# Page names the site's own pages use; a free page may not take them.
TAKEN = frozenset({"sources", "timeline", "actors", "compare", "search", "404", "feed", "sitemap", "robots"})


def load_pages(root: Path, diags: Diagnostics) -> tuple[FreePage, ...]:
    """Every content/pages/*.md in name order; index.md is required."""
    folder = root / "content" / "pages"
    pages = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        if path.name.startswith("."):
            continue    # editors' lock and system files (.#index.md, ._index.md), never content
        rel = path.relative_to(root).as_posix()
        if not ID_RE.match(path.stem) or path.stem in TAKEN:
            diags.error(rel, 0, f"'{path.stem}' cannot be a page name",
                        f"rename it, for example to {slugify(path.stem)}-page.md")
            continue
        text = read_text(path, rel, diags)
        doc = split(text, rel, diags) if text is not None else None
        meta = check_mapping(doc.meta, FIELDS, rel, 2, "the front matter", diags) if doc and doc.meta is not None else None
        if doc is None or meta is None:
            continue
        updated, day_ok = updated_day(meta, rel, diags, "this page")
        if not day_ok:
            continue
        pages.append(FreePage(path.stem, rel, meta["title"].strip(), meta["description"].strip(), doc.body, doc.body_line,
                              updated.iso() if updated else ""))
    if not any(p.id == "index" for p in pages) and not any(d.path.startswith("content/pages/index") for d in diags.items):
        diags.error("content/pages/index.md", 0, "the home page is missing", "write content/pages/index.md")
    return tuple(pages)
