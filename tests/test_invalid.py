"""Every diagnostic has a broken fixture: exact lines, exit 1, no traceback, the old site untouched."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import FIXTURES, build, check, make_site, overlay, snapshot

FAILED = "build failed; the previous site was left as it was"
INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())
WARNINGS = sorted(p for p in (FIXTURES / "warnings").iterdir() if p.is_dir())
# Cases too big to keep as files: name -> (files to write, expected lines without the last one).
_ACTOR = "- id: test-writer\n  name: Test Writer\n  kind: person\n"
GENERATED: dict[str, tuple[dict[str, str | bytes], list[str]]] = {
    "actors-5mb-file": (
        {"content/actors.yaml": _ACTOR + "  summary: " + "All work and no play. " * 240_000 + "\n"},
        ["content/actors.yaml:1: error: YAML is larger than 2 MB (split it into smaller files or remove pasted data)",
         "1 error(s), 0 warning(s)"]),
    "annotations-5mb-file": (
        {"content/annotations/example-gazette-2020-01-02.yaml":
         "".join(f"- quote: first paragraph\n  kind: context\n  note: Note {n}.\n" for n in range(100_000))},
        ["content/annotations/example-gazette-2020-01-02.yaml:1: error: YAML is larger than 2 MB "
         "(split it into smaller files or remove pasted data)", "1 error(s), 0 warning(s)"]),
}


def expected_lines(case: Path, root: Path) -> list[str]:
    return (case / "expected.txt").read_text(encoding="utf-8").replace("{root}", str(root)).splitlines()


def test_there_is_a_fixture_for_each_required_diagnostic() -> None:
    names = {p.name for p in INVALID}
    required = {"site-yaml-syntax-error", "front-matter-syntax-error", "site-yaml-unknown-key",
                "front-matter-unknown-key", "site-yaml-missing-field", "front-matter-missing-field",
                "site-yaml-wrong-type", "front-matter-wrong-type", "bad-date-impossible-day", "bad-date-word",
                "front-matter-missing", "front-matter-unclosed", "seed-not-found", "sha256-mismatch",
                "empty-byline-without-note", "bad-url", "bad-source-id", "missing-index-page",
                "source-not-utf8", "site-yaml-not-utf8", "front-matter-duplicate-key", "site-yaml-duplicate-key",
                "site-yaml-alias", "front-matter-alias"}
    assert required <= names, sorted(required - names)
    for case in INVALID:
        assert (case / "expected.txt").is_file(), case.name


def test_the_bad_input_table_covers_every_file_an_editor_touches() -> None:
    names = [p.name for p in INVALID] + list(GENERATED)
    assert len(names) >= 60, len(names)
    for prefix in ("site-yaml-", "front-matter-", "source-", "page-", "annotations-", "actors-", "timeline-", "claims-"):
        assert sum(n.startswith(prefix) for n in names) >= 4, prefix


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The minimal site and its good build, made once; each case works on a copy."""
    base = tmp_path_factory.mktemp("first")
    root, out = make_site(base / "site"), base / "out"
    first = build(root, out)
    assert (first.code, first.err) == (0, "")
    return root, out


def _fresh_copy(first: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    root, out = tmp_path / "site", tmp_path / "out"
    shutil.copytree(first[0], root)
    shutil.copytree(first[1], out)
    return root, out


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_site(case: Path, tmp_path: Path, first_build: tuple[Path, Path]) -> None:
    root, out = _fresh_copy(first_build, tmp_path)
    overlay(root, case)
    _assert_refused(root, out, tmp_path, expected_lines(case, root))


@pytest.mark.parametrize("name", GENERATED)
def test_invalid_site_generated(name: str, tmp_path: Path, first_build: tuple[Path, Path]) -> None:
    root, out = _fresh_copy(first_build, tmp_path)
    files, expected = GENERATED[name]
    make_site(root, files)
    _assert_refused(root, out, tmp_path, [*expected, FAILED])


def _assert_refused(root: Path, out: Path, tmp_path: Path, expected: list[str]) -> None:
    """check and build print exactly the expected lines, exit 1, print no traceback and leave the old site."""
    before = snapshot(out)
    assert expected[-1] == FAILED
    assert expected[-2].endswith(" warning(s)")

    checked = check(root)
    assert (checked.code, checked.out) == (1, "")
    assert checked.err_lines == expected[:-1]

    built = build(root, out)
    assert (built.code, built.out) == (1, "")
    assert built.err_lines == expected
    assert "Traceback" not in checked.err + built.err
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]   # no temporary folder left


@pytest.mark.parametrize("case", WARNINGS, ids=[p.name for p in WARNINGS])
def test_warnings_fail_only_with_strict(case: Path, tmp_path: Path) -> None:
    root, out = tmp_path / "site", tmp_path / "out"
    make_site(root)
    assert build(root, out).code == 0
    before = snapshot(out)
    overlay(root, case)
    expected = expected_lines(case, root)
    assert any(": warning: " in line for line in expected)
    assert not any(": error: " in line for line in expected)

    checked = check(root)
    assert (checked.code, checked.err_lines) == (0, expected)
    strict = check(root, "--strict")
    assert (strict.code, strict.out, strict.err_lines) == (1, "", expected)

    failed = build(root, out, "--strict")
    assert (failed.code, failed.out, failed.err_lines) == (1, "", [*expected, FAILED])
    assert snapshot(out) == before

    built = build(root, out)
    assert built.code == 0
    assert built.err_lines == expected
    assert built.out.startswith("built 15 files into ")
    assert snapshot(out) != before


class _Insertions(HTMLParser):
    """Collects the text of every <span class="insertion">."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._depth:
            self._depth += 1
        elif tag == "span" and ("class", "insertion") in attrs:
            self._depth = 1
            self.found.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.found[-1] += data


def test_editors_insertion_is_no_warning_and_shows_in_brackets(tmp_path: Path) -> None:
    from helpers import BULLETIN_MD
    md = BULLETIN_MD.replace("It says so in a note.", "It says so in a note {++of the editors++}.")
    root = make_site(tmp_path / "site", {"content/sources/example-bulletin-2020-01-03.md": md})
    checked = check(root, "--strict")
    assert (checked.code, checked.err) == (0, "")
    built = build(root, tmp_path / "out", "--strict")
    assert (built.code, built.err) == (0, "")
    parser = _Insertions()
    parser.feed((tmp_path / "out/sources/example-bulletin-2020-01-03.html").read_text(encoding="utf-8"))
    assert parser.found == ["[of the editors]"]


def test_the_same_words_without_the_insertion_mark_warn(tmp_path: Path) -> None:
    from helpers import BULLETIN_MD
    md = BULLETIN_MD.replace("It says so in a note.", "It says so in a note of the editors.")
    root = make_site(tmp_path / "site", {"content/sources/example-bulletin-2020-01-03.md": md})
    checked = check(root)
    assert checked.err_lines == [
        "content/sources/example-bulletin-2020-01-03.md:12: warning: words not in the seed "
        "seeds/example-bulletin-2020-01-03.txt: 'of the editors' (restore the seed's wording, "
        "or mark an editor's insertion as {++your words++})",
        "0 error(s), 1 warning(s)",
    ]


@pytest.mark.parametrize("layout, text, problem", [
    ("404.html", "{% extends 'base.html' %}\n{% block main %}{% if x %}{% endblock %}\n",
     "layouts/404.html:2: error: cannot render 404.html: Encountered unknown tag 'endblock'. You probably made a "
     "nesting mistake. Jinja is expecting this tag, but currently looking for 'elif' or 'else' or 'endif'. The "
     "innermost block that needs to be closed is 'if'. (the layout is at fault, not the content)"),
    ("404.html", "{% extends 'base.html' %}\n{% block main %}\n{{ nothing }}{% endblock %}\n",
     "layouts/404.html:3: error: cannot render 404.html: 'nothing' is undefined (the layout is at fault, not the content)"),
    ("source.html", None,
     "layouts: error: layout 'source.html' not found (needed for sources/example-gazette-2020-01-02.html) "
     "(the layout is at fault, not the content)"),
])
def test_broken_layout_is_a_diagnostic_and_the_old_site_stays(tmp_path: Path, layout: str, text: str | None,
                                                               problem: str) -> None:
    root, out = make_site(tmp_path / "site"), tmp_path / "out"
    assert build(root, out).code == 0
    before = snapshot(out)
    make_site(root, {f"layouts/{layout}": text})
    assert check(root).code == 0          # check loads content only; layouts are used by build
    built = build(root, out)
    assert (built.code, built.out) == (1, "")
    assert built.err_lines == [problem, "1 error(s), 0 warning(s)", FAILED]
    assert snapshot(out) == before


def test_broken_layout_on_a_first_build_leaves_nothing_behind(tmp_path: Path) -> None:
    # A first build renders each page straight into a new site beside the output; a layout error
    # there removes that half-written site and leaves no output folder.
    root, out = make_site(tmp_path / "site", {"layouts/404.html": "{% extends 'base.html' %}\n{% block main %}{{ nothing }}{% endblock %}\n"}), \
        tmp_path / "out"
    built = build(root, out, "--jobs", "2")
    assert built.code == 1 and built.err_lines[-1] == FAILED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_published_with_a_time_asks_for_the_day(tmp_path: Path) -> None:
    from helpers import GAZETTE_MD
    md = GAZETTE_MD.replace("published: 2020-01-02", "published: 2020-01-02T10:00")
    root = make_site(tmp_path / "site", {"content/sources/example-gazette-2020-01-02.md": md})
    assert check(root).err_lines == [
        "content/sources/example-gazette-2020-01-02.md:6: error: bad date in 'published': '2020-01-02T10:00' gives "
        "a time; the day alone is wanted (write the publication day as YYYY-MM-DD)",
        "1 error(s), 0 warning(s)",
    ]
