"""Property tests: whatever an editor's file holds, every loader gives diagnostics or a clean load, never an exception."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docket import config
from docket.content.actors import parse_actors
from docket.content.annotations import load_annotations
from docket.content.citations import load_cites
from docket.content.frontmatter import split
from docket.content.pages import load_pages
from docket.content.sources import load_source
from docket.content.timeline import parse_timeline
from docket.dates import parse_date
from docket.diagnostics import Diagnostics
from docket.safelinks import refused_links
from docket.yamlread import decode, parse

FAST = settings(max_examples=60, derandomize=True, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

KEYS = ["id", "name", "kind", "aliases", "summary", "links", "url", "title", "quote", "note", "cites", "source",
        "date", "end", "actors", "headline", "published", "description", "prefix", "x"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=False),
                    st.text(max_size=30), st.sampled_from(["2014-02-30", "2014-12-17", "javascript:alert(1)",
                                                           "../x", "con", "person", "context", "https://e.org/"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)),
                      max_leaves=20)
YAML_TEXT = VALUES.map(lambda v: yaml.safe_dump(v, allow_unicode=True))
# Random bytes, and YAML-looking lines with the characters editors trip over.
NOISE = st.one_of(st.binary(max_size=300), st.text(
    st.sampled_from(list("- :[]{}&*!|>'\"#%@`\t\r\n\x00\x07\ufeffaz09")), max_size=200).map(str.encode))
FILES = st.one_of(YAML_TEXT.map(str.encode), NOISE)


def _text(data: bytes, diags: Diagnostics) -> str | None:
    return decode(data, "f.yaml", diags)


@FAST
@given(FILES)
def test_yaml_reader(data: bytes) -> None:
    diags = Diagnostics()
    text = _text(data, diags)
    if text is not None:
        parse(text, "f.yaml", diags)
    assert all(d.path == "f.yaml" for d in diags.items)


@FAST
@given(FILES)
def test_actor_and_timeline_loaders(data: bytes) -> None:
    for loader in (parse_actors, parse_timeline):
        diags = Diagnostics()
        text = _text(data, diags)
        if text is not None:
            loader(text, "f.yaml", diags)


@FAST
@given(VALUES)
def test_citations_and_dates(value: Any) -> None:
    load_cites(value, "f.yaml", 1, Diagnostics())
    parse_date(value)


@FAST
@given(st.one_of(YAML_TEXT, st.text(max_size=300)), st.text(max_size=300))
def test_front_matter_and_links(front: str, body: str) -> None:
    split(f"---\n{front}---\n{body}", "f.md", Diagnostics())
    split(front + body, "f.md", Diagnostics())
    refused_links(body)


@FAST
@given(FILES, FILES, FILES, FILES)
def test_site_files_on_disk(site: bytes, source: bytes, page: bytes, notes: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        for rel, data in (("site.yaml", site), ("content/sources/a-source.md", b"---\n" + source + b"\n---\nx\n"),
                          ("content/pages/index.md", page), ("content/annotations/a-source.yaml", notes),
                          ("seeds/a.txt", b"x\n")):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
        diags = Diagnostics()
        config.load(root, diags)
        load_source(root, root / "content/sources/a-source.md", diags)
        load_pages(root, diags)
        load_annotations(root, {"a-source"}, diags)
        assert all(d.format().count("\n") == 0 for d in diags.items)
