"""Session-wide fixtures: one Chromium and one build of the shipped site for all floor tests."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

import floor

REPO = Path(__file__).resolve().parent.parent


def missing_builder() -> list[str]:
    """What of the site builder is not there yet (build.py imports docket.cli)."""
    missing = [] if (REPO / "build.py").is_file() else ["build.py"]
    if not ((REPO / "docket" / "cli.py").is_file() or (REPO / "docket" / "cli" / "__init__.py").is_file()):
        missing.append("docket/cli.py")
    return missing


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Browser]:
    """Debian's Chromium, launched once: launching costs more than checking a page."""
    with sync_playwright() as playwright:
        browser = floor.launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped site, built once into a scratch folder with `python build.py build --out`."""
    missing = missing_builder()
    if missing:
        pytest.skip(f"no site builder yet ({', '.join(missing)} missing): floor tests need one")
    out = tmp_path_factory.mktemp("built") / "site"
    done = subprocess.run(
        [sys.executable, "build.py", "build", "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"build failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr}", pytrace=False)
    if not (out / "index.html").is_file():
        pytest.fail(f"build wrote no index.html into {out}:\n{done.stdout}\n{done.stderr}", pytrace=False)
    return out


@pytest.fixture(scope="session")
def built_site_browser_findings(chromium_browser: Browser, built_site: Path) -> floor.BrowserFindings:
    """Every page of the built site opened once in Chromium, all per-page checks run on it."""
    return floor.browse_site(chromium_browser, built_site)


@pytest.fixture
def open_without_js(chromium_browser: Browser, built_site: Path) -> Iterator:
    """opener(width, page) -> a tab on the built site's page (default: the ReadWrite source), JavaScript off,
    light colours, every request to another host aborted; the tabs close after the test."""
    contexts = []

    def opener(width: int, page: str = "sources/readwrite-2014-12-17.html") -> Page:
        context = chromium_browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=False,
                                               color_scheme="light", service_workers="block")
        context.route(lambda url: not floor.is_local(url), lambda route: route.abort())
        contexts.append(context)
        tab = context.new_page()
        tab.goto(floor.file_url(built_site / page))
        return tab

    yield opener
    for context in contexts:
        context.close()
