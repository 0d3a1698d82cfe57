"""What readers' tools read: OpenGraph, Twitter cards, JSON-LD and canonical links on every page,
sitemap.xml and robots.txt. Absolute addresses appear only when site.yaml gives base_url."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .actor_pages import json_ld
from .dates import parse_date
from .feed import escape
from .last_objects import LastObjects
from .link import Site
from .routes import Page

CARD_IMAGE = "static/card.png"      # 1200x630, the home page as a preview (make screenshots)
CARD_SIZE = (1200, 630)


def absolute(base_url: str, url: str) -> str:
    """A page's public address: the folder itself for the home page."""
    return base_url if url == "index.html" else base_url + url


def _link(base: str, url: str) -> str:
    """A URL inside JSON-LD: absolute when known, else relative to the site's root."""
    return absolute(base, url) if base else url


def _item_list(base: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"@type": "ItemList", "numberOfItems": len(items),
            "itemListElement": [{"@type": "ListItem", "position": n, "item": item}
                                for n, item in enumerate(items, start=1)]}


def structured(site: Site, page: Page) -> dict[str, Any]:
    """The schema.org description of one page, by what the page is."""
    content, config = site.content, site.content.config
    base, view = config.base_url, page.view
    data: dict[str, Any] = {"@context": "https://schema.org", "name": view.get("title", config.title),
                            "description": view.get("description", config.description),
                            "inLanguage": config.language}
    if base:
        data["url"] = absolute(base, page.url)
    if page.changed:
        data["dateModified"] = page.changed.iso
    source = view.get("source") if page.template == "source.html" else None
    if page.url == "index.html":
        data.update({"@type": "WebSite", "name": config.title})
    elif source:
        data.update({"@type": "NewsArticle", "headline": source["headline"], "datePublished": source["published"],
                     "inLanguage": source["language"], "isBasedOn": source["original_url"],
                     "publisher": {"@type": "NewsMediaOrganization", "name": source["outlet"],
                                   **({"url": source["outlet_url"]} if source["outlet_url"] else {})},
                     "isPartOf": {"@type": "WebSite", "name": config.title}})
        if source["byline"]:
            data["author"] = {"@type": "Person", "name": source["byline"]}
    elif page.url == "sources.html":
        data.update({"@type": "CollectionPage", "mainEntity": _item_list(base, [
            {"@type": "NewsArticle", "headline": s.headline, "url": _link(base, f"sources/{s.id}.html")}
            for s in sorted(content.sources, key=lambda s: (s.published, s.outlet, s.id))])})
    elif page.url == "actors.html":
        data.update({"@type": "CollectionPage", "mainEntity": _item_list(base, [
            {"@type": "Thing", "name": a.name, "url": _link(base, f"actors/{a.id}.html")} for a in content.actors])})
    elif page.url == "timeline.html":
        events = []
        for e in content.events:
            date, _ = parse_date(e.date)
            events.append({"@type": "Event", "name": e.title, "startDate": date.iso() if date else e.date,
                           "url": _link(base, f"timeline.html#{e.id}")})
        data.update({"@type": "CollectionPage", "mainEntity": _item_list(base, events)})
    elif page.url == "search.html":
        data["@type"] = "SearchResultsPage"
    elif page.url == "about.html":
        data["@type"] = "AboutPage"
    else:
        data["@type"] = "WebPage"
    return data


def head(site: Site, page: Page) -> dict[str, Any]:
    """The page's `meta`: canonical, feed link, OpenGraph and Twitter pairs, and JSON-LD (unless the page has its own)."""
    config = site.content.config
    base, view = config.base_url, page.view
    title = config.title if view.get("is_home") else view.get("title", config.title)
    description = view.get("description", config.description)
    is_source = page.template == "source.html"
    og = [("og:site_name", config.title), ("og:title", title), ("og:description", description),
          ("og:type", "article" if is_source else "website")]
    if is_source:
        og.append(("article:published_time", view["source"]["published"]))
        if page.changed and page.changed.iso != view["source"]["published"]:
            og.append(("article:modified_time", page.changed.iso))
    twitter = [("twitter:card", "summary_large_image" if base else "summary"),
               ("twitter:title", title), ("twitter:description", description)]
    if base:
        og += [("og:url", absolute(base, page.url)), ("og:image", base + CARD_IMAGE),
               ("og:image:width", str(CARD_SIZE[0])), ("og:image:height", str(CARD_SIZE[1])),
               ("og:image:alt", f"The home page of {config.title}")]
        twitter.append(("twitter:image", base + CARD_IMAGE))
    return {"canonical": absolute(base, page.url) if base else "",
            "feed": base + "feed.xml" if base else view.get("root", "") + "feed.xml",
            "og": og, "twitter": twitter,
            "json_ld": "" if "json_ld" in view else json_ld(structured(site, page))}


def sitemap(base_url: str, pages: list[Page]) -> bytes:
    """Every page a reader lands on (the .html files but 404.html), by its public address, with the
    day its content last changed when known to the day (docket/last_changed.py)."""
    urls = sorted(((absolute(base_url, p.url), p.changed) for p in pages
                   if p.url.endswith(".html") and p.url != "404.html"), key=lambda pair: pair[0])
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{escape(u)}</loc>" + (f"<lastmod>{changed.iso}</lastmod>" if changed and len(changed.iso) == 10 else "") + "</url>"
              for u, changed in urls]
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots(base_url: str) -> bytes:
    """Everything may be read; the sitemap is named only when its address is known."""
    text = "User-agent: *\nAllow: /\n"
    if base_url:
        text += f"\nSitemap: {base_url}sitemap.xml\n"
    return text.encode("utf-8")


# The pages whose JSON-LD lists records of the content (structured): url -> those records' field of Content.
LISTS = {"sources.html": "sources", "actors.html": "actors", "timeline.html": "events"}


def listed(site: Site, page: Page) -> tuple[Any, ...]:
    """The records a page's JSON-LD lists (structured), which its meta depends on besides the page itself."""
    field = LISTS.get(page.url)
    return getattr(site.content, field) if field else ()


def finish(site: Site, pages: list[Page], memo: LastObjects | None = None) -> list[Page]:
    """Every planned page with its `meta`, then sitemap.xml (with base_url) and robots.txt. (memo: a page
    with the same view object, date and settings as in the last build is that build's page again.)"""
    base = site.content.config.base_url
    memo = memo or LastObjects()
    settings = memo.common["site"] if memo.common is not None else site.content.config     # one object while equal
    out = [memo.get("page", p.url, (p.view, settings, p.template, memo.same(p.changed), *listed(site, p)),
                    lambda p=p: replace(p, meta=head(site, p)))
           if p.template else p for p in pages]
    if base:
        out.append(Page("sitemap.xml", data=sitemap(base, out)))
    out.append(Page("robots.txt", data=robots(base)))
    return out
