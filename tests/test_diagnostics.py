"""Diagnostics: the one-line format editors' tools parse, ordering, summary and strictness."""

from __future__ import annotations

import io

from docket.diagnostics import Diagnostic, Diagnostics, did_you_mean


def test_format_with_line_column_and_hint() -> None:
    d = Diagnostic("content/timeline.yaml", 42, 5, "error", "unknown actor 'north-korae'",
                   "did you mean 'north-korea'?")
    assert d.format() == "content/timeline.yaml:42:5: error: unknown actor 'north-korae' (did you mean 'north-korea'?)"


def test_format_leaves_out_what_is_unknown() -> None:
    assert Diagnostic("site.yaml", 3, 0, "warning", "m").format() == "site.yaml:3: warning: m"
    assert Diagnostic("site.yaml", 0, 7, "note", "m", "h").format() == "site.yaml: note: m (h)"
    assert Diagnostic("a.md").format() == "a.md: error: "


def test_helpers_record_severity_and_column() -> None:
    diags = Diagnostics()
    diags.error("a", 1, "e", "h", column=2)
    diags.warning("b", 3, "w")
    diags.note("c", 4, "n")
    assert diags.items == [Diagnostic("a", 1, 2, "error", "e", "h"), Diagnostic("b", 3, 0, "warning", "w"),
                           Diagnostic("c", 4, 0, "note", "n")]
    assert (diags.count("error"), diags.count("warning"), diags.count("note")) == (1, 1, 1)


def test_has_errors_counts_warnings_only_when_strict() -> None:
    diags = Diagnostics()
    assert not diags.has_errors() and not diags.has_errors(strict=True)
    diags.note("a", 1, "n")
    assert not diags.has_errors(strict=True)
    diags.warning("a", 1, "w")
    assert not diags.has_errors()
    assert diags.has_errors(strict=True)
    diags.error("a", 1, "e")
    assert diags.has_errors()


def test_sorted_by_path_line_column_severity_and_deduplicated() -> None:
    diags = Diagnostics()
    diags.note("b.md", 1, "n")
    diags.warning("b.md", 1, "w")
    diags.error("b.md", 1, "e")
    diags.error("a.md", 10, "late")
    diags.error("a.md", 2, "col 5", column=5)
    diags.error("a.md", 2, "col 1", column=1)
    diags.error("a.md", 2, "col 1", column=1)       # the same problem found twice is printed once
    assert [d.message for d in diags.sorted()] == ["col 1", "col 5", "late", "e", "w", "n"]
    assert diags.count("error") == 4


def test_print_with_summary_and_without_notes() -> None:
    diags = Diagnostics()
    diags.note("s.txt", 2, "omitted")
    diags.warning("a.md", 3, "odd", "fix it")
    stream = io.StringIO()
    diags.print(stream)
    assert stream.getvalue() == "a.md:3: warning: odd (fix it)\ns.txt:2: note: omitted\n0 error(s), 1 warning(s)\n"
    stream = io.StringIO()
    diags.print(stream, notes=False)
    assert stream.getvalue() == "a.md:3: warning: odd (fix it)\n0 error(s), 1 warning(s)\n"


def test_print_notes_alone_has_no_summary_and_nothing_prints_nothing() -> None:
    diags, stream = Diagnostics(), io.StringIO()
    diags.print(stream)
    assert stream.getvalue() == ""
    diags.note("s.txt", 2, "omitted")
    diags.print(stream)
    assert stream.getvalue() == "s.txt:2: note: omitted\n"


def test_did_you_mean() -> None:
    assert did_you_mean("titel", ["title", "description"]) == "did you mean 'title'?"
    assert did_you_mean("north-korae", ["south-korea", "north-korea"]) == "did you mean 'north-korea'?"
    assert did_you_mean("theme", ["title", "description"]) == ""
    assert did_you_mean("x", []) == ""
