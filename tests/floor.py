"""The page floor: what every page of a built docket site must pass, whatever its content.

Each check takes a built site folder and returns findings, one string per problem, each
starting with the page's path relative to the site; a floor test asserts the list is `[]`.

- `nu_errors(site)`: every .html file is valid HTML: the Nu Html Checker (vnu.jar, run once
  for all files) reports no error. Findings are `page:line:col: message`.
- `broken_links(site)`: every relative URL in an .html file (href, src, srcset, poster, data,
  action, cite) names an existing file inside the site, never a folder, and every `#fragment`
  into an .html page names an `id` (or `<a name>`) there; no URL starts with `/` (the site must
  work under any sub-path and from file://); outside http(s) URLs appear only where nothing
  is fetched: `<a>`/`<area>` href, `cite`, and `<link>` whose rel only names another page
  (canonical, alternate, author, ...). In .css files, `url()` and `@import` obey the same rules.
- `browse_site(browser, site)`: one Chromium tab per page opened from file:// at 1280x800:
  `axe_violations`: axe-core finds no WCAG 2.0/2.1 A/AA violation in light nor in dark colour
  scheme; `outside_requests`: no request leaves the site (only file:, data:, blob:, about:;
  others are aborted before they reach the network); `console_errors`: no console error and
  no uncaught exception while loading (a missing image or script shows up here);
  `sideways_scroll`: at 360x740 the page is no wider than the window.
- `file_navigation(browser, site)`: opened from file://, clicking each link of the `<nav>`
  elements of index.html and of the first page in each sub-folder opens the page it names
  (a real file, with a non-empty title different from the page clicked from).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Playwright, Request
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

TESTS = Path(__file__).resolve().parent
NODE_MODULES = TESTS / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
CHROMIUM = Path(os.environ.get("DOCKET_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium contacts outside hosts on its own.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
SCHEMES = ("light", "dark")
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
NAV_TIMEOUT_MS = 3000
INSTALL_HINT = "run `make test-deps`"

# Attributes holding one URL, by element; None means any element.
URL_ATTRS: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "source": ("src",),
    "track": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "input": ("src",),
    "object": ("data",),
    "form": ("action",),
    "blockquote": ("cite",),
    "q": ("cite",),
    "ins": ("cite",),
    "del": ("cite",),
}
SRCSET_TAGS = ("img", "source")
# Where an outside URL fetches nothing: a link the reader follows, or a citation.
OUTSIDE_OK = {("a", "href"), ("area", "href"), ("blockquote", "cite"), ("q", "cite"),
              ("ins", "cite"), ("del", "cite")}
# <link rel> values that only name another document (nothing is fetched).
NAVIGATIONAL_RELS = frozenset(
    {"alternate", "author", "bookmark", "canonical", "help", "license", "me", "next", "prev", "search"}
)
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""")


def html_pages(site: Path) -> list[Path]:
    """Every .html file of the site, sorted, so all checks see the same pages in the same order."""
    return sorted(p for p in site.rglob("*.html") if p.is_file())


def rel(site: Path, path: Path) -> str:
    """A page's name in findings: its path inside the site, with forward slashes."""
    return path.relative_to(site).as_posix()


def file_url(path: Path) -> str:
    """The file:// URL a reader opening the page from disk would have."""
    return path.resolve().as_uri()


# --- Nu Html Checker -------------------------------------------------------------------------


def nu_errors(site: Path) -> list[str]:
    """Run vnu.jar once over every .html file and return its errors as `page:line:col: message`."""
    pages = html_pages(site)
    if not pages:
        return []
    if not VNU_JAR.is_file():
        raise FileNotFoundError(f"{VNU_JAR} is missing: {INSTALL_HINT}")
    done = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(done.stderr or done.stdout)
    except json.JSONDecodeError as error:
        raise RuntimeError(f"vnu.jar gave no JSON (exit {done.returncode}): {done.stderr[:2000]}") from error
    root = site.resolve()
    findings = []
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "")
        path = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else None
        name = rel(root, path) if path is not None and path.is_relative_to(root) else url
        line = message.get("firstLine", message.get("lastLine", 0))
        column = message.get("firstColumn", message.get("lastColumn", 0))
        findings.append((name, line, column, f"{name}:{line}:{column}: {message.get('message', '').strip()}"))
    return [text for *_, text in sorted(findings)]


# --- Links and anchors -----------------------------------------------------------------------


@dataclass(frozen=True)
class UrlRef:
    """One URL found in a page, with where it was found, to name it in a finding."""

    tag: str
    attr: str
    url: str
    rel: frozenset[str] = frozenset()


class PageScan(HTMLParser):
    """Collect a page's URL references and the fragment names it defines, in one parse."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[UrlRef] = []
        self.names: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record ids, <a name>, and every URL-bearing attribute of the tag."""
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.names.add(values["id"])
        if tag == "a" and "name" in values:
            self.names.add(values["name"])
        rels = frozenset(values.get("rel", "").lower().split())
        for attr in URL_ATTRS.get(tag, ()):
            if attr in values:
                self.refs.append(UrlRef(tag, attr, values[attr].strip(), rels))
        if tag in SRCSET_TAGS and "srcset" in values:
            for candidate in values["srcset"].split(","):
                if candidate.strip():
                    self.refs.append(UrlRef(tag, "srcset", candidate.split()[0]))

    handle_startendtag = handle_starttag


def scan_page(path: Path) -> PageScan:
    """Parse one .html file (bad bytes replaced, never raising)."""
    scan = PageScan()
    scan.feed(path.read_text(encoding="utf-8", errors="replace"))
    scan.close()
    return scan


def outside_allowed(ref: UrlRef) -> bool:
    """True where an outside URL is a link or citation that fetches nothing."""
    if (ref.tag, ref.attr) in OUTSIDE_OK:
        return True
    return ref.tag == "link" and bool(ref.rel) and ref.rel <= NAVIGATIONAL_RELS


def check_url(site: Path, page: Path, ref: UrlRef, names: dict[Path, set[str]]) -> str | None:
    """The problem with one URL of a page, or None when it resolves inside the site."""
    where = f"url({ref.url})" if ref.tag == "css" else f'<{ref.tag} {ref.attr}="{ref.url}">'
    parts = urlsplit(ref.url)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https") or ref.url.startswith("//"):
        return None if outside_allowed(ref) else f"{where} loads an outside resource"
    if scheme in ("mailto", "tel"):
        return None if (ref.tag, ref.attr) in OUTSIDE_OK else f"{where} is not a resource"
    if scheme == "data":
        return None
    if scheme:
        return f"{where} uses the {scheme}: scheme"
    if ref.url.startswith("/"):
        return f"{where} starts with '/' (breaks under a sub-path and from file://)"
    if parts.path:
        target = (page.parent / unquote(parts.path)).resolve()
        if not target.is_relative_to(site):
            return f"{where} leaves the site"
        if target.is_dir():
            return f"{where} names a folder (from file:// a folder shows no index.html)"
        if not target.is_file():
            return f"{where} names a missing file {rel(site, target)}"
    else:
        target = page
    fragment = unquote(parts.fragment.split(":~:", 1)[0])
    if fragment and fragment.lower() != "top" and target.suffix == ".html":
        if target not in names:
            names[target] = scan_page(target).names
        if fragment not in names[target]:
            return f"{where}: no id or name '{fragment}' in {rel(site, target)}"
    return None


def css_refs(path: Path) -> list[UrlRef]:
    """The url() and @import references of a stylesheet (fragment-only ones refer to SVG ids)."""
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8", errors="replace"), flags=re.S)
    refs = []
    for match in CSS_URL.finditer(text):
        url = next((group for group in match.groups() if group is not None), "").strip()
        if url and not url.startswith("#"):
            refs.append(UrlRef("css", "url", url))
    return refs


def broken_links(site: Path) -> list[str]:
    """Every relative URL and anchor of every page and stylesheet resolves inside the site."""
    site = site.resolve()
    scans = {page: scan_page(page) for page in html_pages(site)}
    names = {page: scan.names for page, scan in scans.items()}
    refs = {page: scan.refs for page, scan in scans.items()}
    refs.update({sheet: css_refs(sheet) for sheet in sorted(site.rglob("*.css")) if sheet.is_file()})
    findings = []
    for page in sorted(refs):
        for ref in refs[page]:
            problem = check_url(site, page, ref, names)
            if problem is not None:
                findings.append(f"{rel(site, page)}: {problem}")
    return findings


# --- Browser checks --------------------------------------------------------------------------


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's Chromium driven by Playwright: no browser is downloaded, none leaves the machine."""
    if not CHROMIUM.is_file():
        raise FileNotFoundError(f"{CHROMIUM} is missing: {INSTALL_HINT}")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))


def is_local(url: str) -> bool:
    """True for URLs that stay on the reader's machine."""
    return url.startswith(LOCAL_SCHEMES)


def new_context(browser: Browser) -> BrowserContext:
    """A fresh light-scheme desktop context that aborts every outside request before it leaves."""
    context = browser.new_context(viewport=DESKTOP, color_scheme="light", service_workers="block")
    context.set_default_timeout(10_000)
    context.route(lambda url: not is_local(url), lambda route: route.abort())
    return context


@dataclass(frozen=True)
class Watch:
    """What one page did while open: outside requests, console errors, uncaught errors."""

    site: Path
    label: str
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    handlers: dict[str, Callable[[Any], None]] = field(default_factory=dict)

    def on_request(self, request: Request) -> None:
        """Note any request that would leave the machine."""
        if not is_local(request.url):
            self.outside.append(f"{self.label}: requested {request.url}")

    def on_console(self, message: ConsoleMessage) -> None:
        """Note console errors, except the failed load of an outside request (reported there)."""
        if message.type != "error":
            return
        source = message.location.get("url", "")
        if message.text.startswith("Failed to load resource") and source and not is_local(source):
            return
        self.errors.append(f"{self.label}: console error: {message.text}{self.where(source)}")

    def on_page_error(self, error: Exception) -> None:
        """Note an uncaught exception."""
        name = str(getattr(error, "name", "") or "Error").removeprefix("Uncaught ")
        self.errors.append(f"{self.label}: uncaught {name}: {getattr(error, 'message', error)}")

    def where(self, url: str) -> str:
        """Name a file:// resource by its path in the site, e.g. ` (at img/x.png)`."""
        if not url.startswith("file:"):
            return ""
        path = Path(unquote(urlsplit(url).path))
        name = rel(self.site, path) if path.is_relative_to(self.site) else url
        return "" if name == self.label else f" (at {name})"

    def detach(self, page: Page) -> None:
        """Stop recording, so a reused tab reports the next page under its own name."""
        for event, handler in self.handlers.items():
            page.remove_listener(event, handler)


def watch(page: Page, site: Path, label: str) -> Watch:
    """Start recording a page's outside requests and errors; call before it loads."""
    seen = Watch(site.resolve(), label)
    # Lambdas, not bound methods: Playwright tags each handler with an attribute.
    seen.handlers.update({
        "request": lambda request: seen.on_request(request),
        "console": lambda message: seen.on_console(message),
        "pageerror": lambda error: seen.on_page_error(error),
    })
    for event, handler in seen.handlers.items():
        page.on(event, handler)
    return seen


SETTLE_JS = """async () => {
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
}"""

AXE_RUN_JS = """async (tags) => {
  // preload: false, or axe re-fetches file:// stylesheets by XHR and logs CORS console errors.
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'], preload: false});
  return result.violations.map(v => ({id: v.id, help: v.help, targets: v.nodes.map(n => n.target.join(' '))}));
}"""


def axe_violations(page: Page, label: str, axe_source: str | None = None) -> list[str]:
    """Run axe-core (WCAG 2.0/2.1 A and AA) on a loaded page in light then dark colour scheme."""
    source = axe_source if axe_source is not None else AXE_JS.read_text(encoding="utf-8")
    page.evaluate(source)  # evaluated, not a <script>: works under the page's CSP
    findings = []
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        page.evaluate(SETTLE_JS)
        for violation in page.evaluate(AXE_RUN_JS, list(AXE_TAGS)):
            targets = violation["targets"]
            shown = ", ".join(targets[:3]) + (", ..." if len(targets) > 3 else "")
            findings.append(
                f"{label} [{scheme}]: {violation['id']}: {violation['help']} ({len(targets)} × {shown})"
            )
    page.emulate_media(color_scheme="light")
    return findings


SIDEWAYS_JS = """() => {
  const width = document.documentElement.scrollWidth, inner = window.innerWidth;
  if (width <= inner) return null;
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    [...e.classList].map(c => '.' + c).join('');
  const wide = e => e.getBoundingClientRect().right > inner + 0.5;
  const culprits = [...document.body.querySelectorAll('*')]
    .filter(e => wide(e) && !(e.parentElement && e.parentElement !== document.body && wide(e.parentElement)))
    .slice(0, 3).map(name);
  return {width, inner, culprits};
}"""


def sideways_scroll(page: Page, label: str) -> list[str]:
    """At 360x740 the page must not scroll sideways; name the outermost too-wide elements."""
    page.set_viewport_size(PHONE)
    found = page.evaluate(SIDEWAYS_JS)
    page.set_viewport_size(DESKTOP)
    if found is None:
        return []
    culprits = ", ".join(found["culprits"]) or "no single element"
    return [f"{label}: scrolls sideways at {found['inner']} px: {found['width']} px wide ({culprits})"]


@dataclass(frozen=True)
class BrowserFindings:
    """The findings of the browser checks over a whole site, one list per check."""

    axe_violations: list[str]
    outside_requests: list[str]
    console_errors: list[str]
    sideways_scroll: list[str]


def browse_site(browser: Browser, site: Path) -> BrowserFindings:
    """Open every page once from file:// and run all per-page browser checks on it."""
    site = site.resolve()
    axe_source = AXE_JS.read_text(encoding="utf-8") if AXE_JS.is_file() else None
    if axe_source is None:
        raise FileNotFoundError(f"{AXE_JS} is missing: {INSTALL_HINT}")
    axe: list[str] = []
    outside: list[str] = []
    errors: list[str] = []
    wide: list[str] = []
    context = new_context(browser)
    try:
        page = context.new_page()  # one tab for all pages: opening a tab costs more than a page
        for path in html_pages(site):
            label = rel(site, path)
            seen = watch(page, site, label)
            page.goto(file_url(path), wait_until="load")
            axe += axe_violations(page, label, axe_source)
            wide += sideways_scroll(page, label)
            page.goto("about:blank")  # ends the page: its unload errors are still its own
            seen.detach(page)
            outside += seen.outside
            errors += seen.errors
    finally:
        context.close()
    return BrowserFindings(axe, outside, errors, wide)


# --- Navigation from file:// -----------------------------------------------------------------

NAV_LINKS_JS = """els => els.map(a => ({href: a.href, raw: a.getAttribute('href'), text: a.textContent.trim()}))"""


def start_pages(site: Path) -> list[Path]:
    """index.html and the first page of each sub-folder: relative nav links differ by depth."""
    starts = [site / "index.html"]
    seen_dirs = {site}
    for path in html_pages(site):
        if path.parent not in seen_dirs:
            seen_dirs.add(path.parent)
            starts.append(path)
    return starts


def without_fragment(url: str) -> str:
    """The document part of a URL."""
    return url.split("#", 1)[0]


def click_nav(page: Page, site: Path, start: Path, index: int, link: dict[str, str]) -> str | None:
    """Click one nav link of a freshly opened start page; the problem, or None if it arrived."""
    label = rel(site, start)
    what = f"nav link '{link['text']}' ({link['raw']})"
    target = Path(unquote(urlsplit(link["href"]).path))
    page.goto(file_url(start), wait_until="load")
    title = page.title()
    try:
        with page.expect_navigation(wait_until="load", timeout=NAV_TIMEOUT_MS):
            page.locator("nav a[href]").nth(index).click(timeout=NAV_TIMEOUT_MS)
    except PlaywrightError as error:  # a time-out (nothing happened) or a failed load (net::ERR_*)
        if not target.is_file():
            return f"{label}: {what} leads to a missing file"
        name = rel(site, target) if target.is_relative_to(site) else str(target)
        if isinstance(error, PlaywrightTimeoutError):
            return f"{label}: {what} did not open {name} within {NAV_TIMEOUT_MS} ms"
        return f"{label}: {what} did not open {name}: {str(error).splitlines()[0]}"
    landed = without_fragment(page.url)
    if landed != without_fragment(link["href"]):
        return f"{label}: {what} opened {page.url} instead"
    if not target.is_file():
        return f"{label}: {what} leads to a missing file"
    new_title = page.title().strip()
    if not new_title:
        return f"{label}: {what} opened a page without a title"
    if target != start.resolve() and new_title == title:
        return f"{label}: {what} opened a page with the same title '{title}'"
    return None


def file_navigation(browser: Browser, site: Path) -> list[str]:
    """From file://, every <nav> link of index.html and of each folder's first page opens its page."""
    site = site.resolve()
    if not (site / "index.html").is_file():
        return ["index.html: missing"]
    findings = []
    context = new_context(browser)
    try:
        page = context.new_page()
        page.set_default_timeout(NAV_TIMEOUT_MS * 2)
        for start in start_pages(site):
            page.goto(file_url(start), wait_until="load")
            links = page.eval_on_selector_all("nav a[href]", NAV_LINKS_JS)
            own = without_fragment(page.url)
            clickable = [(i, link) for i, link in enumerate(links)
                         if link["href"].startswith("file:") and without_fragment(link["href"]) != own]
            if not clickable:
                findings.append(f"{rel(site, start)}: no <nav> link to another page")
            for index, link in clickable:
                problem = click_nav(page, site, start, index, link)
                if problem is not None:
                    findings.append(problem)
    finally:
        context.close()
    return findings
