"""content/annotations/<source-id>.yaml -> Annotation records (anchored later, in link)."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostics, did_you_mean
from ..fields import Field, as_str_list, check_mapping, value_type_name
from ..model import Annotation
from ..yamlread import YamlList, parse, read_text
from .citations import load_cites

KINDS = ("context", "fact-check", "definition", "correction", "comparison")
FIELDS = (
    Field("quote", (str,), required=True), Field("prefix", (str,)), Field("suffix", (str,)),
    Field("kind", (str,), required=True), Field("note", (str,), required=True),
    Field("actors", (list,)), Field("cites", (list,)),
)


def load_annotations(root: Path, source_ids: set[str], diags: Diagnostics) -> tuple[Annotation, ...]:
    """Every annotations file, in name order; each annotation numbered in file order."""
    folder = root / "content" / "annotations"
    out: list[Annotation] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        if path.stem not in source_ids:
            diags.error(rel, 0, f"no source '{path.stem}' for this annotations file",
                        did_you_mean(path.stem, source_ids) or "name the file after a source: <source-id>.yaml",
                        about=f"source:{path.stem}")
            continue
        text = read_text(path, rel, diags)
        data = parse(text, rel, diags) if text is not None else None
        if data is None:
            continue
        if not isinstance(data, YamlList):
            diags.error(rel, getattr(data, "line", 1), f"an annotations file must be a list, not {value_type_name(data)}",
                        "start each annotation with '- quote: ...'")
            continue
        for i, item in enumerate(data):
            m = check_mapping(item, FIELDS, rel, data.line_of(i), "an annotation", diags)
            if m is None:
                continue
            kind = m["kind"].strip()
            if kind not in KINDS:
                diags.error(rel, m.line_of("kind"), f"unknown annotation kind '{kind}'",
                            did_you_mean(kind, KINDS) or "use one of " + ", ".join(KINDS))
                continue
            if not m["quote"].strip() or not m["note"].strip():
                diags.error(rel, m.line, "an annotation needs a 'quote' and a 'note' that are not empty",
                            "quote the exact passage and write the note")
                continue
            out.append(Annotation(
                id=f"{path.stem}-{i + 1}", source=path.stem, path=rel, line=m.line_of("quote"),
                quote=m["quote"].strip(), kind=kind, note=m["note"].strip(),
                prefix=(m.get("prefix") or ""), suffix=(m.get("suffix") or ""),
                actors=tuple(as_str_list(m.get("actors"), rel, m.line_of("actors"), "'actors'", diags)),
                cites=load_cites(m.get("cites"), rel, m.line_of("cites"), diags),
                actors_line=m.line_of("actors") if "actors" in m else 0,
            ))
    return tuple(out)
