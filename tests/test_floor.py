"""The page floor on the shipped site: every page passes every check in tests/floor.py."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from playwright.sync_api import Browser

import floor

STATIC_CHECKS: dict[str, Callable[[Path], list[str]]] = {
    "nu_errors": floor.nu_errors,
    "broken_links": floor.broken_links,
}
BROWSER_CHECKS = ("axe_violations", "outside_requests", "console_errors", "sideways_scroll")


def report(check: str, findings: list[str]) -> str:
    """All findings of one check, one a line, so a failure shows every page to fix."""
    return f"{check}: {len(findings)} finding(s)\n" + "\n".join(findings)


@pytest.mark.parametrize("check", sorted(STATIC_CHECKS))
def test_static_floor(check: str, built_site: Path) -> None:
    findings = STATIC_CHECKS[check](built_site)
    assert findings == [], report(check, findings)


@pytest.mark.parametrize("check", BROWSER_CHECKS)
def test_browser_floor(check: str, built_site_browser_findings: floor.BrowserFindings) -> None:
    findings = getattr(built_site_browser_findings, check)
    assert findings == [], report(check, findings)


def test_file_navigation(chromium_browser: Browser, built_site: Path) -> None:
    findings = floor.file_navigation(chromium_browser, built_site)
    assert findings == [], report("file_navigation", findings)
