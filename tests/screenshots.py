"""`make screenshots`: pictures of the built site for the README, taken by the test browser.

    python tests/screenshots.py SITE_FOLDER

Writes docs/screenshots/<page>-<width>.png (desktop 1280 px and phone 360 px wide) and
static/card.png (1200x630, the link-preview image named by og:image when base_url is set).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

import floor

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
WIDTHS = {"desktop": floor.DESKTOP, "phone": floor.PHONE}
# name -> (page, element to scroll to the top first, or '')
SHOTS = {
    "home": ("index.html", ""),
    "source": ("sources/readwrite-2014-12-17.html", ".annotated"),
    "timeline": ("timeline.html", ""),
    "actor": ("actors/kim-jong-un.html", ""),
    "search": ("search.html?q=kibosh", ""),
}


def shoot(page: Page, site: Path, url: str, scroll_to: str, target: Path) -> None:
    path, _, query = url.partition("?")
    page.goto((site / path).as_uri() + (f"?{query}" if query else ""))
    if query:
        page.wait_for_selector(".search-result")
    if scroll_to and page.query_selector(scroll_to):
        page.eval_on_selector(scroll_to, "el => window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 16)")
    page.screenshot(path=str(target))


def main(site: Path) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    missing = []
    with sync_playwright() as playwright:
        browser = floor.launch_chromium(playwright)
        try:
            for width, viewport in WIDTHS.items():
                context = floor.new_context(browser)
                page = context.new_page()
                page.set_viewport_size(viewport)
                for name, (url, scroll_to) in SHOTS.items():
                    if not (site / url.partition("?")[0]).is_file():
                        missing.append(url)
                        continue
                    shoot(page, site, url, scroll_to, OUT / f"{name}-{width}.png")
                context.close()
            context = floor.new_context(browser)
            page = context.new_page()
            page.set_viewport_size({"width": 1200, "height": 630})
            shoot(page, site, "index.html", "", REPO / "static" / "card.png")
            context.close()
        finally:
            browser.close()
    for url in sorted(set(missing)):
        print(f"not in this site, no screenshot: {url}")
    print(f"wrote {OUT.relative_to(REPO)}/*.png and static/card.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]).resolve()))
