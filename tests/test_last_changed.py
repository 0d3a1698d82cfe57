"""Every page's footer says when its content last changed, from the dates the content carries
(docket/last_changed.py): never the clock, so rebuilding gives the same bytes."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import lxml.html
from lxml import etree

from helpers import BULLETIN_MD, GAZETTE_MD, build, check, make_site

ACTORS = """\
- id: example-gazette
  name: Example Gazette
  kind: media
  aliases: [test article]
- id: nobody
  name: Nobody Mentioned
  kind: person
"""

TIMELINE = """\
- id: first-report
  date: 2020-01-02
  end: 2020-01-04
  title: The gazette reports
  kind: report
  summary: A test event.
  actors: [example-gazette]
  cites:
    - source: example-bulletin-2020-01-03
      quote: A source without a byline.
- id: later
  date: 2020-02
  title: A later event known to the month
  kind: statement
  summary: Another test event.
  cites:
    - url: https://example.org/later
      title: Later
"""


def footer_date(out: Path, page: str) -> tuple[str, str] | None:
    """(datetime, shown text) of the page's footer date, or None when it has none."""
    doc = lxml.html.parse(str(out / page)).getroot()
    times = doc.xpath('//footer[@class="site-footer"]/p[@class="last-changed"]/time')
    if not times:
        return None
    (time,) = times
    assert time.getparent().text_content() == f"Content last changed {time.text_content()}."
    return time.get("datetime"), time.text_content()


def site(tmp_path: Path, files: dict[str, str | None] | None = None, **site_yaml: str) -> Path:
    root = make_site(tmp_path / "site", {"content/actors.yaml": ACTORS, "content/timeline.yaml": TIMELINE,
                                         **(files or {})}, **site_yaml)
    out = tmp_path / "out"
    result = build(root, out, "--strict")
    assert (result.code, result.err) == (0, ""), result.err
    return out


def test_each_kind_of_page_dates_its_own_content(tmp_path: Path) -> None:
    out = site(tmp_path)
    latest = ("2020-02", "February 2020")                   # the later event, as precisely as it is known
    assert footer_date(out, "sources/example-gazette-2020-01-02.html") == ("2020-01-02", "2 January 2020")
    assert footer_date(out, "sources/example-bulletin-2020-01-03.html") == ("2020-01-03", "3 January 2020")
    # the actor: mentioned in the gazette (2 January), named by an event that ends 4 January
    assert footer_date(out, "actors/example-gazette.html") == ("2020-01-04", "4 January 2020")
    assert footer_date(out, "actors/nobody.html") == latest                 # nothing dated: the whole site's
    assert footer_date(out, "timeline.html") == latest
    for page in ("index.html", "about.html", "sources.html", "actors.html", "compare.html", "search.html", "404.html"):
        assert footer_date(out, page) == latest, page


def test_changing_a_source_date_changes_its_page_and_the_site_wide_ones(tmp_path: Path) -> None:
    later = BULLETIN_MD.replace("published: 2020-01-03", "published: 2020-03-09")
    out = site(tmp_path, {"content/sources/example-bulletin-2020-01-03.md": later})
    assert footer_date(out, "sources/example-bulletin-2020-01-03.html") == ("2020-03-09", "9 March 2020")
    assert footer_date(out, "index.html") == ("2020-03-09", "9 March 2020")
    assert footer_date(out, "timeline.html") == ("2020-03-09", "9 March 2020")  # it quotes the bulletin
    assert footer_date(out, "sources/example-gazette-2020-01-02.html") == ("2020-01-02", "2 January 2020")


def test_editors_updated_days_count_where_they_are_written(tmp_path: Path) -> None:
    gazette = GAZETTE_MD.replace("published: 2020-01-02\n", "published: 2020-01-02\nupdated: 2021-05-06\n")
    about = "---\ntitle: About\ndescription: How.\nupdated: 2020-01-10\n---\n\nText.\n"
    index = "---\ntitle: Home\ndescription: Home.\nupdated: 2020-01-11\n---\n\nText.\n"
    out = site(tmp_path, {"content/sources/example-gazette-2020-01-02.md": gazette, "content/pages/about.md": about,
                          "content/pages/index.md": index}, updated="2022-07-08", base_url="https://example.org/t/")
    assert footer_date(out, "sources/example-gazette-2020-01-02.html") == ("2021-05-06", "6 May 2021")
    assert footer_date(out, "about.html") == ("2020-01-10", "10 January 2020")
    assert footer_date(out, "index.html") == ("2022-07-08", "8 July 2022")  # it lists all: site.yaml's day is latest
    assert footer_date(out, "sources.html") == ("2022-07-08", "8 July 2022")
    assert footer_date(out, "actors/example-gazette.html") == ("2021-05-06", "6 May 2021")
    doc = lxml.html.parse(str(out / "sources/example-gazette-2020-01-02.html")).getroot()
    ld = json.loads(doc.xpath('//script[@type="application/ld+json"]')[0].text)
    assert (ld["datePublished"], ld["dateModified"]) == ("2020-01-02", "2021-05-06")
    assert doc.xpath('//meta[@property="article:modified_time"]/@content') == ["2021-05-06"]
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    entry = next(e for e in feed.entries if e.link.endswith("sources/example-gazette-2020-01-02.html"))
    assert (entry.published, entry.updated) == ("2020-01-02T00:00:00Z", "2021-05-06T00:00:00Z")
    assert feed.feed.updated == "2021-05-06T00:00:00Z"
    sitemap = etree.parse(str(out / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    lastmod = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns)
               for u in sitemap.getroot().findall("s:url", ns)}
    assert lastmod["https://example.org/t/sources/example-gazette-2020-01-02.html"] == "2021-05-06"
    assert lastmod["https://example.org/t/about.html"] == "2020-01-10"


def test_a_month_is_never_shown_as_a_day_in_the_sitemap(tmp_path: Path) -> None:
    out = site(tmp_path, base_url="https://example.org/t/")
    text = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/t/timeline.html</loc></url>" in text          # 2020-02: no lastmod
    assert "<loc>https://example.org/t/sources/example-gazette-2020-01-02.html</loc><lastmod>2020-01-02</lastmod>" in text


def test_bad_updated_days_are_reported_at_their_line(tmp_path: Path) -> None:
    early = GAZETTE_MD.replace("published: 2020-01-02\n", "published: 2020-01-02\nupdated: 2019-12-31\n")
    vague = "---\ntitle: About\ndescription: How.\nupdated: 2020-01\n---\n\nText.\n"
    files = {"content/sources/example-gazette-2020-01-02.md": early, "content/pages/about.md": vague}
    root = make_site(tmp_path / "site", files, updated="someday")
    result = check(root)
    assert result.code == 1
    assert [line for line in result.err_lines if ": error: " in line] == [
        "site.yaml:5: error: bad date in 'updated': 'someday' is not a date "
        "(write the day the editors last changed the site's content as YYYY-MM-DD, or leave it out)",
    ]
    root = make_site(tmp_path / "site", files, updated="2020-01-05")
    result = check(root)
    assert [line for line in result.err_lines if ": error: " in line] == [
        "content/pages/about.md:4: error: bad date in 'updated': '2020-01' gives only the month "
        "(write the day the editors last changed this page as YYYY-MM-DD, or leave it out)",
        "content/sources/example-gazette-2020-01-02.md:7: error: 'updated' (2019-12-31) is before 'published' "
        "(2020-01-02) ('updated' is the day the page last changed, on or after the publication day)",
    ]


def test_the_live_rebuild_redates_the_pages_a_date_change_reaches(tmp_path: Path) -> None:
    from helpers import served, snapshot
    root = make_site(tmp_path / "site")
    folder = tmp_path / "served"
    rebuilder = served(root, folder)
    assert footer_date(folder, "index.html") == ("2020-01-03", "3 January 2020")
    bulletin = root / "content/sources/example-bulletin-2020-01-03.md"
    bulletin.write_text(BULLETIN_MD.replace("published: 2020-01-03", "published: 2020-01-03\nupdated: 2020-04-01"),
                        encoding="utf-8")
    done = rebuilder.rebuild(["content/sources/example-bulletin-2020-01-03.md"])
    assert done.ok, done.diagnostics
    assert {"index.html", "about.html", "sources/example-bulletin-2020-01-03.html"} <= set(done.rendered)
    assert "sources/example-gazette-2020-01-02.html" not in done.rendered
    assert footer_date(folder, "index.html") == ("2020-04-01", "1 April 2020")
    assert footer_date(folder, "sources/example-gazette-2020-01-02.html") == ("2020-01-02", "2 January 2020")
    full = tmp_path / "full"
    assert build(root, full).code == 0
    assert snapshot(folder) == snapshot(full)
