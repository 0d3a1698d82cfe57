"""site.yaml -> SiteConfig, with every mistake reported against its line."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from .diagnostics import Diagnostics
from .fields import Field, check_mapping, updated_day
from .model import SiteConfig
from .yamlread import parse, read_text

FIELDS = (
    Field("title", (str,), required=True),
    Field("description", (str,), required=True),
    Field("language", (str,)),
    Field("base_url", (str,)),
    Field("output", (str,)),
    Field("author", (str,)),
    Field("updated", (str, int)),
)
_PROTECTED = {"content", "seeds", "layouts", "static", "docket", "tests", "bench", ".git", ".venv", "."}
_LANG_RE = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")


def load(root: Path, diags: Diagnostics) -> SiteConfig | None:
    """Read and validate root/site.yaml; None when it cannot be used."""
    rel = "site.yaml"
    path = root / rel
    if not path.is_file():
        diags.error(rel, 0, "site.yaml not found", f"run docket from the project folder (looked in {root})")
        return None
    text = read_text(path, rel, diags)
    if text is None:
        return None
    before = len(diags.items)
    data = parse(text, rel, diags)
    if data is None:
        if len(diags.items) == before:
            diags.error(rel, 1, "site.yaml is empty", "it needs at least 'title:' and 'description:'")
        return None
    data = check_mapping(data, FIELDS, rel, 1, "site.yaml", diags)
    if data is None:
        return None
    ok = True
    base_url = data.get("base_url") or ""
    if base_url:
        if not re.match(r"^https?://[^/\s]+(/\S*)?$", base_url):
            diags.error(rel, data.line_of("base_url"), f"base_url '{base_url}' is not an http(s) address",
                        "write it like https://example.org/sony/ or leave it out")
            ok = False
        elif not base_url.endswith("/"):
            base_url += "/"
    language = data.get("language") or "en"
    if not _LANG_RE.match(language):
        diags.error(rel, data.line_of("language"), f"language '{language}' is not a language tag",
                    "use a BCP 47 tag such as 'en' or 'en-GB'")
        ok = False
    output = data.get("output") or "_site"
    if output_problem(output):
        diags.error(rel, data.line_of("output"), output_problem(output), "use a folder of its own, such as _site")
        ok = False
    for key in ("title", "description"):
        if not data[key].strip():
            diags.error(rel, data.line_of(key), f"'{key}' is empty", f"write the site's {key}")
            ok = False
    updated, day_ok = updated_day(data, rel, diags, "the site's content")
    ok = ok and day_ok
    if not ok:
        return None
    return SiteConfig(root=root, title=data["title"].strip(), description=data["description"].strip(),
                      language=language, base_url=base_url, output=output, author=(data.get("author") or "").strip(),
                      updated=updated.iso() if updated else "")


def output_problem(output: str) -> str:
    """Why an output folder would endanger the project, or ''."""
    p = PurePosixPath(output)
    if p.is_absolute() or ".." in p.parts:
        return f"output '{output}' must be a folder inside the project"
    if not p.parts or p.parts[0] in _PROTECTED:
        return f"output '{output}' would overwrite the project's own files"
    return ""
