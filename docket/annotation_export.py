"""data/annotations.jsonld: the notes as a W3C Web Annotation collection, for other tools."""

from __future__ import annotations

import json
from typing import Any

from .link import Site
from .markup import Renderer

MOTIVATIONS = {"context": "commenting", "fact-check": "assessing", "definition": "describing",
               "correction": "editing", "comparison": "commenting"}


def pages(site: Site, renderer: Renderer, common: dict[str, Any]) -> list[Any]:
    """One JSON-LD file with every anchored annotation; targets absolute only when base_url is known."""
    from .routes import Page
    if not site.content.annotations:
        return []
    base = site.content.config.base_url
    items = []
    for a in site.content.annotations:
        p = site.passage(a.id)
        if p is None:
            continue
        source_url = f"{base}sources/{a.source}.html" if base else f"../sources/{a.source}.html"
        items.append({
            "id": f"{source_url}#note-{a.id}",
            "type": "Annotation",
            "motivation": MOTIVATIONS[a.kind],
            "body": {"type": "TextualBody", "format": "text/html", "value": renderer.html(a.note),
                     "purpose": MOTIVATIONS[a.kind]},
            "target": {"source": source_url, "selector": [
                {"type": "TextQuoteSelector", "exact": p.exact, "prefix": p.prefix, "suffix": p.suffix},
                {"type": "FragmentSelector", "value": p.anchor,
                 "conformsTo": "http://tools.ietf.org/rfc/rfc3987"}]},
        })
    collection = {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "annotations.jsonld",
                  "type": "AnnotationCollection", "label": f"Notes on the sources of {site.content.config.title}",
                  "total": len(items), "first": {"type": "AnnotationPage", "items": items}}
    if base:
        collection["id"] = f"{base}data/annotations.jsonld"
    data = json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
    return [Page("data/annotations.jsonld", data=data.encode("utf-8"))]
