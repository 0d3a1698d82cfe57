"""search.html and its index files (search/*.js); the header's search box is in layouts/base.html."""

from __future__ import annotations

from typing import Any

from . import search_docs, search_index
from .link import Site
from .markup import Renderer
from .memo import Memo
from .reads import memoized


@memoized
def pages(site: Site, renderer: Renderer, common: dict[str, Any], *, memo: Memo | None = None) -> list[Any]:
    """The search page, always; it links to the site's indexes for readers without JavaScript. (memo keeps the
    postings of the blocks of records an edit did not change, docket/search_index.py.)"""
    from .routes import Page
    docs = search_docs.collect(site, renderer)
    index = search_index.build(docs, site.content.config.language, memo=memo)
    kinds = [label for label, present in (("sources", site.content.sources), ("actors", site.content.actors),
                                          ("events", site.content.events), ("notes", site.content.annotations),
                                          ("claims", site.content.claims)) if present]
    scope = ", ".join(kinds[:-1]) + (" and " if len(kinds) > 1 else "") + kinds[-1] if kinds else "the site"
    out = [Page("search.html", "search.html", {
        **common, "url": "search.html", "root": "", "title": "Search",
        "description": f"Search the {scope} of this site, from any copy of it, without a server.",
        "scope": scope, "indexes": [item for item in common["nav"] if item.url != "index.html"]})]
    out.extend(Page(path, data=data) for path, data in index.files)
    return out
