"""Site -> the list of files to write: pages (template + view), raw copies and static files."""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .dates import parse_date
from .kept_pages import whole
from .last_objects import LastObjects
from .link import Site
from .markup import Renderer
from .reads import Maker, items_of


@dataclass(frozen=True)
class Copy:
    """A file published as it is (a source's seed), known by the sha256 its source declares (checked
    when the source loaded): read only when the output does not already hold those bytes."""

    path: Path
    sha256: str

    def read(self) -> bytes | None:
        """The file's bytes; None when it cannot be read or no longer has its sha256 (changed since it was checked)."""
        try:
            data = self.path.read_bytes()
        except OSError:
            return None
        return data if hashlib.sha256(data).hexdigest() == self.sha256 else None


@dataclass(frozen=True)
class Page:
    """One output file: rendered from a template with a view, given as bytes, or copied from a file.

    `changed` (docket/last_changed.py) and `meta` (docket/site_meta.py) are added to every rendered
    page after planning, beside its view rather than copied into it: a page maker's view stays the
    same object from one build to the next while the maker is not run again.
    """

    url: str
    template: str = ""
    view: dict[str, Any] = field(default_factory=dict)
    data: bytes | None = None
    copy: Copy | None = None
    changed: Any = None             # last_changed.Changed, or None when the content carries no date
    meta: dict[str, Any] | None = None

    def context(self) -> dict[str, Any]:
        """What the template sees: the view, with `changed` and `meta` when the page has them."""
        extra = {"changed": self.changed} if self.changed is not None else {}
        if self.meta is not None:
            extra["meta"] = self.meta
        view = whole(self.view)     # a view kept pickled (docket/kept_pages.py) is unpickled for this once
        return {**view, **extra} if extra else view


@dataclass(frozen=True)
class NavItem:
    url: str
    label: str


def root_of(url: str) -> str:
    """The relative prefix from a page back to the site's root ('' or '../')."""
    depth = url.count("/")
    return "../" * depth


def rel(from_url: str, to_url: str) -> str:
    """A relative link between two pages of the site, so it works from file:// and any sub-path."""
    base = posixpath.dirname(from_url)
    return posixpath.relpath(to_url, base or ".")


def source_url(source_id: str) -> str:
    return f"sources/{source_id}.html"


MakerRunner = Callable[[list[Maker], Site, Renderer, dict[str, Any]], list[list["Page"]]]


def plan(site: Site, renderer: Renderer, run: MakerRunner | None = None, memo: LastObjects | None = None) -> list[Page]:
    """Every file of the site, in a fixed order (run: how to run the page makers, e.g. reusing their last
    pages, spread over cores; it gives each maker's pages in the makers' order; memo: the same objects as
    the last build for what did not change, docket/last_objects.py)."""
    memo = memo or LastObjects()
    content = site.content
    pages_by_id = {p.id: p for p in content.pages}
    nav = [NavItem("index.html", "Story"), NavItem("sources.html", "Sources")]
    if content.events:
        nav.append(NavItem("timeline.html", "Timeline"))
    if content.actors:
        nav.append(NavItem("actors.html", "Actors"))
    if len(content.sources) >= 2:
        nav.append(NavItem("compare.html", "Compare"))
    if "about" in pages_by_id:
        nav.append(NavItem("about.html", "About"))
    common = memo.same_common({"site": content.config, "nav": nav})
    out: list[Page] = []

    sources = sorted(content.sources, key=lambda s: (s.published, s.outlet, s.id))
    views = [memo.get("source view", s.id, (s, site.lede(s.id)),
                      lambda s=s: source_view(s, lede(site, s, renderer), renderer)) for s in sources]
    source_views = memo.get("source list", "", tuple(views), lambda: views)
    counts = memo.same(tuple(_counts(site).items()))

    for page in content.pages:
        url = f"{page.id}.html"
        free = memo.get("free page", url, (common, page, counts, source_views), lambda page=page, url=url: {
            **common, "url": url, "root": root_of(url), "title": page.title, "description": page.description,
            "body": renderer.html(page.body), "is_home": page.id == "index", "sources": source_views,
            "counts": dict(counts)})
        out.append(Page(url, "page.html", free))
    out.append(Page("sources.html", "sources.html", memo.get("sources page", "", (common, source_views), lambda: {
        **common, "url": "sources.html", "root": "", "title": "Sources",
        "description": f"The {len(sources)} source documents of this site.", "sources": source_views})))
    for view in source_views:
        url, body = view["url"], site.body(view["id"])
        page_view = memo.get("source page", url, (common, view, body), lambda view=view, body=body: source_page_view(
            common, view, body))
        out.append(Page(url, "source.html", page_view))
        out.append(memo.get("seed page", url, (view, common), lambda view=view: Page(
            view["txt_url"], copy=Copy(content.config.root / "seeds" / view["seed"], view["sha256"]))))
    makers = _page_makers()
    for made in (run or run_plainly)(makers, site, renderer, common):
        out.extend(made)
    out.append(Page("404.html", "404.html", memo.get("404 page", "", (common,), lambda: {
        **common, "url": "404.html", "root": "", "title": "Page not found",
        "description": "This page does not exist."})))
    from .last_changed import stamp
    from .site_meta import finish
    return finish(site, stamp(site, out), memo)


def _page_makers() -> list[Maker]:
    """The modules that add pages of their own kind (actors, timeline, comparison, exports)."""
    from . import actor_pages, annotation_export, compare_pages, feed, search_page, timeline_pages
    return [actor_pages.index_page, actor_pages.actor_page, actor_pages.export, annotation_export.pages,
            timeline_pages.pages, compare_pages.pages, search_page.pages, feed.pages]


def run_plainly(makers: list[Maker], site: Site, renderer: Renderer, common: dict[str, Any]) -> list[list[Page]]:
    """Each maker's pages, made here one after the other (a maker marked per_item: item by item)."""
    made: list[list[Page]] = [[] for _ in makers]
    for n, make, args in items_of(makers, site):
        made[n].extend(make(site, renderer, common, *args))
    return made


def _counts(site: Site) -> dict[str, int]:
    c = site.content
    return {"sources": len(c.sources), "annotations": len(c.annotations), "actors": len(c.actors),
            "events": len(c.events), "claims": len(c.claims)}


def source_page_view(common: dict[str, Any], view: dict[str, Any], body: Any) -> dict[str, Any]:
    """What a source's page shows: the common parts, the source's view and its marked-up body."""
    url = view["url"]
    return {**common, "url": url, "root": root_of(url), "title": view["headline"], "description": view["description"],
            "source": view, "body": body}


def source_view(source: Any, lede_text: str, renderer: Renderer) -> dict[str, Any]:
    """A source as the pages that show or list it see it (lede_text: its first paragraph's plain text)."""
    date, _ = parse_date(source.published)
    assert date is not None
    return {
        "id": source.id, "url": source_url(source.id), "txt_url": f"sources/{source.id}.txt",
        "headline": source.headline, "outlet": source.outlet, "outlet_url": source.outlet_url,
        "byline": source.byline, "byline_note": source.byline_note,
        "published": date.iso(), "published_human": date.human(), "published_note": source.published_note,
        "original_url": source.url, "seed": source.seed, "sha256": source.sha256, "language": source.language,
        "notes": renderer.html(source.notes) if source.notes else "",
        "description": f"{source.outlet}, {date.human()}: {source.headline}",
        "lede": clip(lede_text, 300),
    }


def lede(site: Site, source: Any, renderer: Renderer) -> str:
    """The plain text of a source's first paragraph: from linking (spread over cores), else rendered now."""
    known = site.lede(source.id)
    return known if known is not None else renderer.lede(source.body)


def clip(text: str, limit: int) -> str:
    """At most limit characters, cut between words and marked with '…', never inside a word."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if not text[limit - 1].isspace() and " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:—–-") + "…"
