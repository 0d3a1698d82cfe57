"""The floor checks themselves: silent on a good site, exactly one finding per planted defect."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

import floor

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "floor"
CONTRAST = "color-contrast: Elements must meet minimum color contrast ratio thresholds (1 × p)"

# What every check finds over all fixture sites at once: each bad site plants one defect.
EXPECTED_BROWSER = {
    "axe_violations": [
        f"bad-contrast-dark/index.html [dark]: {CONTRAST}",
        f"bad-contrast-light/index.html [light]: {CONTRAST}",
    ],
    "outside_requests": ["bad-script/index.html: requested https://cdn.example.invalid/lib.js"],
    "console_errors": [
        "bad-console/index.html: console error: deliberate console error (at bad-console/log.js)",
        "bad-console/throws.html: uncaught TypeError: deliberate uncaught error",
    ],
    "sideways_scroll": ["bad-wide/index.html: scrolls sideways at 360 px: 508 px wide (div.wide)"],
}
EXPECTED_LINKS = {
    "bad-anchor": ["index.html: <a href=\"other.html#missing\">: no id or name 'missing' in other.html"],
    "bad-script": ['index.html: <script src="https://cdn.example.invalid/lib.js"> loads an outside resource'],
}


@pytest.fixture(scope="module")
def fixture_browser_findings(chromium_browser: Browser) -> floor.BrowserFindings:
    """All fixture sites' pages, opened once."""
    return floor.browse_site(chromium_browser, FIXTURES)


def test_nu_errors_finds_only_the_invalid_attribute() -> None:
    assert floor.nu_errors(FIXTURES) == [
        "bad-html/index.html:12:1: Attribute “wrong” not allowed on element “p” at this point."
    ]


def test_nu_errors_on_a_site_without_pages(tmp_path: Path) -> None:
    assert floor.nu_errors(tmp_path) == []


@pytest.mark.parametrize("site", sorted(path.name for path in FIXTURES.iterdir()))
def test_broken_links_on_fixture_sites(site: str) -> None:
    assert floor.broken_links(FIXTURES / site) == EXPECTED_LINKS.get(site, [])


@pytest.mark.parametrize("check", sorted(EXPECTED_BROWSER))
def test_browser_checks_on_fixture_sites(check: str, fixture_browser_findings: floor.BrowserFindings) -> None:
    assert getattr(fixture_browser_findings, check) == EXPECTED_BROWSER[check]


@pytest.mark.parametrize(
    ("site", "expected"),
    [
        ("good", []),
        ("bad-nav", ["index.html: nav link 'About' (about.html) did not open about.html within 3000 ms"]),
    ],
)
def test_file_navigation_on_fixture_sites(chromium_browser: Browser, site: str, expected: list[str]) -> None:
    assert floor.file_navigation(chromium_browser, FIXTURES / site) == expected


def test_file_navigation_needs_an_index(chromium_browser: Browser, tmp_path: Path) -> None:
    assert floor.file_navigation(chromium_browser, tmp_path) == ["index.html: missing"]


PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>
<body><h1 id="top-story">t</h1>{body}</body></html>"""


def small_site(root: Path, body: str, css: str = "") -> Path:
    """A three-file site around one snippet of index.html, for one branch of broken_links."""
    (root / "sub").mkdir()
    (root / "sub" / "page.html").write_text(PAGE.format(body=""), encoding="utf-8")
    (root / "other.html").write_text(PAGE.format(body='<p id="secé">s</p><a name="old">o</a>'), encoding="utf-8")
    (root / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "style.css").write_text(css, encoding="utf-8")
    (root / "index.html").write_text(PAGE.format(body=body), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<a href="other.html">ok</a> <a href="sub/page.html#top-story">ok</a>', []),
        ('<a href="missing.html">x</a>', ['index.html: <a href="missing.html"> names a missing file missing.html']),
        ('<a href="/other.html">x</a>',
         ["index.html: <a href=\"/other.html\"> starts with '/' (breaks under a sub-path and from file://)"]),
        ('<a href="sub/">x</a>',
         ['index.html: <a href="sub/"> names a folder (from file:// a folder shows no index.html)']),
        ('<a href="../outside.html">x</a>', ['index.html: <a href="../outside.html"> leaves the site']),
        ('<a href="#nowhere">x</a>', ["index.html: <a href=\"#nowhere\">: no id or name 'nowhere' in index.html"]),
        ('<a href="#top-story">t</a> <a href="#">t</a> <a href="#top">t</a>', []),
        ('<a href="other.html#sec%C3%A9">é</a> <a href="other.html#old">o</a>', []),
        ('<a href="other.html#:~:text=quoted%20words">q</a>', []),
        ('<a href="mailto:desk@example.org">m</a> <a href="https://example.org/">e</a>', []),
        ('<a href="javascript:void(0)">j</a>', ['index.html: <a href="javascript:void(0)"> uses the javascript: scheme']),
        ('<img src="https://example.org/i.png" alt="">',
         ['index.html: <img src="https://example.org/i.png"> loads an outside resource']),
        ('<script src="//example.org/s.js"></script>', ['index.html: <script src="//example.org/s.js"> loads an outside resource']),
        ('<link rel="stylesheet" href="https://example.org/s.css">',
         ['index.html: <link href="https://example.org/s.css"> loads an outside resource']),
        ('<link rel="canonical" href="https://example.org/"><link rel="alternate" href="https://example.org/feed">', []),
        ('<img src="a.png" srcset="a.png 1x, b.png 2x" alt="">',
         ['index.html: <img srcset="b.png"> names a missing file b.png']),
        ('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">', []),
        ('<blockquote cite="https://example.org/a"><p>q</p></blockquote>', []),
    ],
)
def test_broken_links_branches(tmp_path: Path, body: str, expected: list[str]) -> None:
    assert floor.broken_links(small_site(tmp_path, body)) == expected


def test_broken_links_in_stylesheets(tmp_path: Path) -> None:
    css = """/* url(commented.png) */ @import "other.css";
    .a { background: url(a.png); } .b { background: url('missing.woff2'); }
    .c { background: url("https://example.org/font.woff2"); } .d { mask: url(#clip); }"""
    assert floor.broken_links(small_site(tmp_path, "", css)) == [
        "style.css: url(other.css) names a missing file other.css",
        "style.css: url(missing.woff2) names a missing file missing.woff2",
        "style.css: url(https://example.org/font.woff2) loads an outside resource",
    ]
