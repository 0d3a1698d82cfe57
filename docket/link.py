"""Content -> Site: everything resolved that pages need (rendered bodies, ids, anchors)."""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Diagnostics
from .markup import Renderer
from .model import Content


@dataclass(frozen=True)
class Site:
    """The linked site: content plus what the build derived from it, keyed by id."""

    content: Content
    bodies: tuple[tuple[str, str], ...]       # source id -> body HTML with p-N ids

    def body(self, source_id: str) -> str:
        return dict(self.bodies)[source_id]


def resolve(content: Content, renderer: Renderer, diags: Diagnostics) -> Site:
    """Render source bodies and resolve references between records."""
    bodies = tuple((s.id, renderer.source_body(s.body)) for s in content.sources)
    return Site(content=content, bodies=bodies)
