"""Citations shared by annotations, timeline events and claims: a quote or an outside reference."""

from __future__ import annotations

import re
from typing import Any

from ..dates import parse_date
from ..diagnostics import Diagnostics
from ..fields import Field, check_mapping, value_type_name
from ..model import Citation
from ..yamlread import YamlList

FIELDS = (
    Field("source", (str,)), Field("quote", (str,)), Field("prefix", (str,)), Field("suffix", (str,)),
    Field("url", (str,)), Field("title", (str,)), Field("publisher", (str,)), Field("date", (str, int)),
)
URL_RE = re.compile(r"^https?://[^\s/]+\S*$")


def load_cites(value: Any, path: str, line: int, diags: Diagnostics) -> tuple[Citation, ...]:
    """A list of citations; each is checked and the broken ones are reported and dropped."""
    if value is None:
        return ()
    if not isinstance(value, list):
        diags.error(path, line, f"'cites' must be a list of citations, not {value_type_name(value)}",
                    "write each citation as '- source: <id>' with 'quote:', or '- url: ...' with 'title:'")
        return ()
    cites = []
    for i, item in enumerate(value):
        item_line = value.line_of(i) if isinstance(value, YamlList) else line
        m = check_mapping(item, FIELDS, path, item_line, "a citation", diags)
        if m is None:
            continue
        get = lambda k: (m.get(k) or "").strip() if isinstance(m.get(k), str) else m.get(k)  # noqa: E731
        if m.get("source") is not None:
            if m.get("url") is not None:
                diags.error(path, m.line, "a citation has both 'source' and 'url'",
                            "cite a source of this site (source + quote) or an outside page (url + title), not both")
                continue
            if not get("quote"):
                diags.error(path, m.line, f"citation of source '{get('source')}' has no 'quote'",
                            "add the exact words of the source that support this")
                continue
            cites.append(Citation(path, m.line_of("quote"), source=get("source"), quote=get("quote"),
                                  prefix=get("prefix") or "", suffix=get("suffix") or ""))
        elif m.get("url") is not None:
            url = get("url")
            if not URL_RE.match(url):
                diags.error(path, m.line_of("url"), f"citation url '{url}' is not an http(s) address",
                            "copy the full address, starting with https://")
                continue
            if not get("title"):
                diags.error(path, m.line, "outside citation has no 'title'", "add the page's title")
                continue
            date = ""
            if m.get("date") is not None:
                parsed, why = parse_date(m["date"])
                if parsed is None:
                    diags.error(path, m.line_of("date"), f"bad date in citation: {why}", "write YYYY-MM-DD")
                    continue
                date = parsed.iso()
            if m.get("quote") is not None or m.get("prefix") is not None:
                diags.error(path, m.line, "an outside citation cannot be anchored with 'quote'",
                            "quote the outside page in the note instead; 'quote' is for sources of this site")
                continue
            cites.append(Citation(path, m.line, url=url, title=get("title"), publisher=get("publisher") or "",
                                  date=date))
        else:
            diags.error(path, m.line, "a citation needs 'source' (with 'quote') or 'url' (with 'title')",
                        "see the README's content guide")
    return tuple(cites)
