"""Pages -> bytes with Jinja2: autoescaped, and strict about undefined names."""

from __future__ import annotations

from pathlib import Path

import jinja2

from .routes import Page, rel


def environment(layouts: Path) -> jinja2.Environment:
    """The one Jinja environment of a build; templates get plain views only."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(layouts)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["rel"] = rel
    return env


def render(env: jinja2.Environment, page: Page) -> bytes:
    """A page's bytes: its data, or its template filled with its view."""
    if page.data is not None:
        return page.data
    html = env.get_template(page.template).render(page.context())
    return html.encode("utf-8")
