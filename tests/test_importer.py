"""The importer: ids, never overwriting, byte-exact seeds, boilerplate rules, HTML, encodings, real seeds."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import markdown
import pytest

from docket.boilerplate import clean, escape_block_start, has_sentence
from docket.diagnostics import Diagnostics
from docket.importer import run_import, slugify
from docket.yamlread import parse

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# A made-up story with nothing from the seeds in it; each test adds furniture around it.
BODY = [
    "The regional water board voted on Monday to raise prices by four percent from April, "
    "citing the cost of repairing pipes damaged in last winter's frost.",
    "Board members said the increase was the smallest they could agree on. Consumer groups "
    "called it a burden for families already struggling with energy bills.",
    "The new prices still need the approval of the national regulator, which is expected to "
    "decide before the end of the month.",
]
HEADLINE = "Water Board Raises Prices After Winter Frost Damage"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def lines(*items: str) -> str:
    """A plain-text copy of a page as browsers paste it: one paragraph per line, blank lines between."""
    return "\n\n".join(items) + "\n"


def do_import(tmp_path: Path, file: Path, source_id: str | None = None) -> tuple[bool, str, list[str], Path]:
    root = tmp_path / "site"
    out, diags = io.StringIO(), Diagnostics()
    ok = run_import(file, source_id, root, out, diags)
    return ok, out.getvalue(), [d.format() for d in diags.sorted()], root


def split_front(text: str) -> tuple[dict, str]:
    match = re.match(r"---\n(.*?\n)---\n\n(.*)\Z", text, re.S)
    assert match, text
    diags = Diagnostics()
    front = parse(match.group(1), "x.md", diags)
    assert diags.items == []
    return dict(front), match.group(2)


def dropped(text: str) -> list[tuple[int, str]]:
    return [(d.first, d.reason) for d in clean(text).dropped]


# --- ids ------------------------------------------------------------------------------------

def test_slug_from_file_name() -> None:
    assert slugify("ReadWrite 2014-12-17") == "readwrite-2014-12-17"
    assert slugify("Café Déjà_Vu!!") == "cafe-deja-vu"
    assert slugify("a" * 59 + "-bcd") == "a" * 59
    assert len(slugify("x" * 200)) == 60
    assert slugify("日本") == ""


def test_id_from_file_name(tmp_path: Path) -> None:
    file = write(tmp_path, "Water Board (Final).TXT", lines(HEADLINE, *BODY))
    ok, _, diags, root = do_import(tmp_path, file)
    assert ok and diags == []
    assert (root / "content/sources/water-board-final.md").is_file()
    assert (root / "seeds/water-board-final.txt").read_bytes() == file.read_bytes()


@pytest.mark.parametrize("given, message", [
    ("Water_Board", "error: invalid source id 'Water_Board' (use lowercase letters, digits and hyphens, "
                    "starting with a letter or digit, at most 80 characters, e.g. --id water-board)"),
    ("-water", "error: invalid source id '-water' (use lowercase letters, digits and hyphens, "
               "starting with a letter or digit, at most 80 characters, e.g. --id water)"),
    ("a" * 81, f"error: invalid source id '{'a' * 81}' (use lowercase letters, digits and hyphens, "
               f"starting with a letter or digit, at most 80 characters, e.g. --id {'a' * 60})"),
    ("index", "error: source id 'index' is reserved (choose another --id, e.g. --id index-source)"),
    ("con", "error: source id 'con' is reserved (choose another --id, e.g. --id con-source)"),
])
def test_invalid_id(tmp_path: Path, given: str, message: str) -> None:
    file = write(tmp_path, "story.txt", lines(HEADLINE, *BODY))
    ok, out, diags, root = do_import(tmp_path, file, given)
    assert not ok and out == ""
    assert diags == [f"{file.as_posix()}: {message}"]
    assert not root.exists()


def test_file_name_without_usable_letters(tmp_path: Path) -> None:
    file = write(tmp_path, "日本.txt", lines(HEADLINE, *BODY))
    ok, _, diags, _ = do_import(tmp_path, file)
    assert not ok
    assert diags == [f"{file.as_posix()}: error: cannot make a source id from the file name '日本.txt' "
                     "(pass --id with lowercase letters, digits and hyphens)"]


# --- files ----------------------------------------------------------------------------------

def test_never_overwrites_markdown(tmp_path: Path) -> None:
    file = write(tmp_path, "story.txt", lines(HEADLINE, *BODY))
    existing = tmp_path / "site/content/sources/story.md"
    existing.parent.mkdir(parents=True)
    existing.write_text("editor's work\n")
    ok, out, diags, root = do_import(tmp_path, file)
    assert not ok and out == ""
    assert diags == ["content/sources/story.md: error: file already exists; the importer never overwrites "
                     "(choose another --id or remove the file)"]
    assert existing.read_text() == "editor's work\n"
    assert not (root / "seeds").exists()


def test_never_overwrites_seed(tmp_path: Path) -> None:
    file = write(tmp_path, "story.txt", lines(HEADLINE, *BODY))
    existing = tmp_path / "site/seeds/story.txt"
    existing.parent.mkdir(parents=True)
    existing.write_bytes(b"another original")
    ok, _, diags, root = do_import(tmp_path, file)
    assert not ok
    assert diags == ["seeds/story.txt: error: file already exists; the importer never overwrites "
                     "(choose another --id or remove the file)"]
    assert existing.read_bytes() == b"another original"
    assert not (root / "content").exists()


def test_seed_is_a_byte_identical_copy(tmp_path: Path) -> None:
    raw = ("\ufeff" + HEADLINE + "\r\n\r\n" + "\r\n\r\n".join(BODY) + "  \r\n").encode("utf-8")
    file = write(tmp_path, "story.txt", raw)
    ok, out, diags, root = do_import(tmp_path, file, "water-board")
    assert ok and diags == []
    seed = root / "seeds/water-board.txt"
    assert seed.read_bytes() == raw
    front, body = split_front((root / "content/sources/water-board.md").read_text(encoding="utf-8"))
    assert front["seed"] == "water-board.txt"
    assert front["sha256"] == hashlib.sha256(raw).hexdigest()
    assert front["headline"] == HEADLINE
    assert body == "\n\n".join(BODY) + "\n"
    assert f"  copied the original to seeds/water-board.txt ({len(raw)} bytes, sha256 " \
           f"{hashlib.sha256(raw).hexdigest()})\n" in out


def test_file_already_in_seeds_is_not_copied(tmp_path: Path) -> None:
    root = tmp_path / "site"
    file = root / "seeds" / "story.txt"
    file.parent.mkdir(parents=True)
    file.write_text(lines(HEADLINE, *BODY), encoding="utf-8")
    out, diags = io.StringIO(), Diagnostics()
    assert run_import(file, None, root, out, diags) and diags.items == []
    assert sorted(p.name for p in (root / "seeds").iterdir()) == ["story.txt"]
    front, _ = split_front((root / "content/sources/story.md").read_text(encoding="utf-8"))
    assert front["seed"] == "story.txt"


def test_front_matter_keys_and_todo_marks(tmp_path: Path) -> None:
    file = write(tmp_path, "story.txt", lines(HEADLINE, *BODY))
    ok, out, _, root = do_import(tmp_path, file)
    assert ok
    text = (root / "content/sources/story.md").read_text(encoding="utf-8")
    front, _ = split_front(text)
    assert list(front) == ["headline", "outlet", "outlet_url", "byline", "byline_note", "published",
                           "published_note", "url", "seed", "sha256"]
    assert {k: v for k, v in front.items() if k not in ("seed", "sha256")} == {
        "headline": HEADLINE, "outlet": "", "outlet_url": "", "byline": "", "byline_note": "",
        "published": "", "published_note": "", "url": ""}
    todo = [line.split(":")[0] for line in text.splitlines() if "# TODO editor:" in line]
    assert todo == ["outlet", "outlet_url", "byline", "byline_note", "published", "published_note", "url"]
    assert out.splitlines() == [
        f"imported {file.as_posix()} as source 'story'",
        "  wrote content/sources/story.md (3 paragraphs)",
        f"  copied the original to seeds/story.txt ({file.stat().st_size} bytes, sha256 "
        f"{hashlib.sha256(file.read_bytes()).hexdigest()})",
        f"  headline (line 1): {HEADLINE}",
        "  to fill by hand in content/sources/story.md (marked '# TODO editor'): "
        "outlet, outlet_url, byline, published, url",
        "dropped as page boilerplate (review): nothing",
    ]


def test_headline_needing_quotes_round_trips(tmp_path: Path) -> None:
    headline = "Board: 'No Choice' On #Prices — Yes: 2014-12-17"
    file = write(tmp_path, "story.txt", lines(headline, *BODY))
    ok, _, _, root = do_import(tmp_path, file)
    assert ok
    front, _ = split_front((root / "content/sources/story.md").read_text(encoding="utf-8"))
    assert front["headline"] == headline


def test_missing_file(tmp_path: Path) -> None:
    ok, out, diags, root = do_import(tmp_path, tmp_path / "nowhere.txt")
    assert not ok and out == ""
    assert diags == [f"{(tmp_path / 'nowhere.txt').as_posix()}: error: file not found "
                     "(check the path and the file name)"]
    assert not root.exists()


def test_folder_and_empty_file(tmp_path: Path) -> None:
    ok, _, diags, _ = do_import(tmp_path, tmp_path)
    assert not ok
    assert diags == [f"{tmp_path.as_posix()}: error: is a folder, not a file (give the path of the saved article)"]
    empty = write(tmp_path, "empty.txt", " \n\n")
    ok, _, diags, _ = do_import(tmp_path, empty)
    assert not ok
    assert diags == [f"{empty.as_posix()}: error: file is empty (save the article's text or page into it first)"]


def test_non_utf8_text(tmp_path: Path) -> None:
    file = write(tmp_path, "story.txt", (HEADLINE + "\n\nThe caf\xe9 closed.\n").encode("latin-1"))
    ok, out, diags, root = do_import(tmp_path, file)
    assert not ok and out == ""
    assert diags == [f"{file.as_posix()}:3:8: error: file is not valid UTF-8 (byte 0xe9) "
                     "(save the file as UTF-8 in your editor)"]
    assert not root.exists()


def test_only_boilerplate_is_an_error(tmp_path: Path) -> None:
    file = write(tmp_path, "story.txt", lines("Home", "News › World", "Skip to main content"))
    ok, out, diags, root = do_import(tmp_path, file)
    assert not ok
    assert diags == [f"{file.as_posix()}: error: no article text found: every paragraph looks like page "
                     "boilerplate (check that the file holds the article itself)"]
    assert "  line 3: breadcrumb or navigation: News › World\n" in out
    assert not root.exists()


# --- plain-text rules -----------------------------------------------------------------------

def test_breadcrumb_home_and_headline() -> None:
    result = clean(lines("Home " + HEADLINE, HEADLINE, *BODY))
    assert result.headline == HEADLINE and result.headline_line == 3
    assert result.paragraphs == tuple(BODY)
    assert dropped(lines("Home " + HEADLINE, HEADLINE, *BODY)) == [(1, "breadcrumb (Home and the headline)")]


def test_home_followed_by_other_text_is_the_headline() -> None:
    result = clean(lines("Homeowners Face Higher Water Bills", *BODY))
    assert result.headline == "Homeowners Face Higher Water Bills"
    assert result.dropped == ()


def test_breadcrumb_separators() -> None:
    text = lines("News › Europe › Utilities", "Local | Business | Opinion", HEADLINE, *BODY,
                 "Topics > Water > Prices")
    assert dropped(text) == [(1, "breadcrumb or navigation"), (3, "breadcrumb or navigation"),
                             (13, "breadcrumb or navigation")]
    assert clean(text).headline == HEADLINE
    assert clean(text).paragraphs == tuple(BODY)


def test_see_also_related_read_more() -> None:
    text = lines(HEADLINE, BODY[0], "See also: Drought Warnings Issued For Three Counties", BODY[1],
                 "Related:", "Farmers Cut Irrigation", "Read more: How Water Prices Are Set", BODY[2])
    assert dropped(text) == [(5, "see-also link"), (9, "see-also link"), (11, "see-also link"),
                             (13, "see-also link")]
    assert clean(text).paragraphs == tuple(BODY)


def test_newsletter_block_with_indented_content() -> None:
    text = lines(HEADLINE, *BODY, "Get the morning briefing delivered to your inbox",
                 "    By signing up, you agree to our Terms and Privacy Policy. Unsubscribe anytime.",
                 "    Morning Briefing",
                 "    Five stories to start the day, chosen by our editors and sent before breakfast.")
    assert dropped(text) == [(9, "newsletter sign-up"), (11, "newsletter sign-up"), (13, "newsletter sign-up"),
                             (15, "newsletter sign-up")]
    assert clean(text).paragraphs == tuple(BODY)


def test_newsletter_in_the_middle_keeps_the_rest_of_the_article() -> None:
    text = lines(HEADLINE, BODY[0], "Sign up for our free weekly newsletter on local news", BODY[1], BODY[2])
    assert dropped(text) == [(5, "newsletter sign-up")]
    assert clean(text).paragraphs == tuple(BODY)


def test_indented_article_is_not_swallowed_by_an_unindented_sign_up_line() -> None:
    text = lines(HEADLINE, "    " + BODY[0], "Sign up for our free weekly newsletter on local news",
                 "    " + BODY[1], "    " + BODY[2])
    assert dropped(text) == [(5, "newsletter sign-up")]
    assert clean(text).paragraphs == tuple(BODY)


def test_sign_up_words_inside_a_sentence_are_kept() -> None:
    text = lines(HEADLINE, BODY[0], "Unsubscribe requests doubled after the price rise, the board said.", *BODY[1:])
    assert clean(text).dropped == ()


def test_editorial_policy_footer() -> None:
    text = lines(HEADLINE, *BODY, "About The Daily Example's Editorial Process",
                 "Our editors check every story for accuracy and fairness before it is published.")
    assert dropped(text) == [(9, "editorial-policy or author footer"), (11, "editorial-policy or author footer")]
    assert clean(text).paragraphs == tuple(BODY)


def test_tracker_and_skip_link() -> None:
    text = lines("scorecardresearch Skip to main content", HEADLINE, *BODY, "Advertisement")
    assert dropped(text) == [(1, "tracker or accessibility text"), (11, "advertisement marker")]
    assert clean(text).headline == HEADLINE
    assert clean(text).paragraphs == tuple(BODY)


def test_image_credit() -> None:
    text = lines(HEADLINE, *BODY, "Lead image courtesy of the water board", "Photo: Jane Example/Agency")
    assert dropped(text) == [(9, "image credit"), (11, "image credit")]
    body_photo = lines(HEADLINE, "Photographs by the agency show the burst pipes in the old town.", *BODY)
    assert clean(body_photo).dropped == ()


def test_copyright_footer() -> None:
    text = lines(HEADLINE, *BODY, "© 2021 Example Media Ltd. All rights reserved.")
    assert dropped(text) == [(9, "copyright footer")]


def test_navigation_after_the_body_is_dropped_short_lines_inside_are_kept() -> None:
    threat = "Pay now or the taps run dry"
    text = lines(HEADLINE, BODY[0], threat, "Nobody paid.", BODY[1], BODY[2],
                 "Share this article", "Water", "Prices Rise Again In The North Region Says Board Chief")
    result = clean(text)
    assert result.paragraphs == (BODY[0], threat, "Nobody paid.", BODY[1], BODY[2])
    assert [(d.first, d.reason) for d in result.dropped] == [
        (13, "no sentence after the article body (navigation)"),
        (15, "no sentence after the article body (navigation)"),
        (17, "no sentence after the article body (navigation)")]


def test_last_paragraph_without_full_stop_is_kept() -> None:
    last = "Officials at two other utilities confirmed the figures, though critics find the evidence thin"
    result = clean(lines(HEADLINE, *BODY, last, "Comments"))
    assert result.paragraphs == (*BODY, last)
    assert dropped(lines(HEADLINE, *BODY, last, "Comments")) == [(11, "no sentence after the article body (navigation)")]


def test_title_and_blurb_list_after_footer_without_indentation() -> None:
    text = lines(HEADLINE, *BODY, "Get the day's top stories delivered to your inbox",
                 "Morning Briefing", "Five stories to start the day, chosen by our editors.",
                 "Weekend Reads", "Long stories for a slow Sunday, picked by the features desk.")
    assert dropped(text) == [(9, "newsletter sign-up")] + [(n, "title and blurb list after the footer")
                                                           for n in (11, 13, 15, 17)]
    assert clean(text).paragraphs == tuple(BODY)


def test_long_first_paragraph_is_not_a_headline() -> None:
    result = clean(lines(*BODY))
    assert result.headline == "" and result.headline_line == 0
    assert result.paragraphs == tuple(BODY)


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = ("Board Raises Prices\n\nThe regional water board voted on Monday\nto raise prices by four percent.\n\n"
            "Consumer groups called it\na burden for families.\n")
    result = clean(text)
    assert result.headline == "Board Raises Prices"
    assert result.paragraphs == ("The regional water board voted on Monday to raise prices by four percent.",
                                 "Consumer groups called it a burden for families.")


@pytest.mark.parametrize("paragraph, escaped", [
    ("1. The first reason is cost.", "1\\. The first reason is cost."),
    ("2014. A year of floods.", "2014\\. A year of floods."),
    ("# is how the board writes numbers.", "\\# is how the board writes numbers."),
    ("#WaterPrices trended all day.", "\\#WaterPrices trended all day."),
    ("> marks a quote in email.", "\\> marks a quote in email."),
    ("- dashes open this line.", "\\- dashes open this line."),
    ("* stars too.", "\\* stars too."),
    ("+ and plus signs.", "\\+ and plus signs."),
    ("---", "\\---"),
    ("[1]: a footnote mark.", "\\[1]: a footnote mark."),
    ("<b>tags</b> are shown as text.", "&lt;b>tags&lt;/b> are shown as text."),
    ("Mail <press@example.test> or <!-- this -->; 3 < 4.", "Mail &lt;press@example.test> or &lt;!-- this -->; 3 < 4."),
    ("Plain words stay as they are: 1. # > -", "Plain words stay as they are: 1. # > -"),
    ("-40 degrees was the low.", "-40 degrees was the low."),
])
def test_escape_block_start(paragraph: str, escaped: str) -> None:
    assert escape_block_start(paragraph) == escaped
    html = markdown.markdown(escaped)
    assert html.startswith("<p>") and html.endswith("</p>")


def test_sentence_test() -> None:
    assert has_sentence("Nobody paid.")
    assert has_sentence("“We will not pay.”")
    assert has_sentence("critics of the plan said it would cost more than the board admits")
    assert not has_sentence("Share this article")
    assert not has_sentence("Politics Business Technology Science Health Sports Culture Opinion")


# --- HTML -----------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="{charset}">
<title>Water board raises prices after winter frost | The Example Courier</title>
<meta property="og:title" content="Water board raises prices after winter frost">
<meta property="og:site_name" content="The Example Courier">
<meta property="og:url" content="https://news.example-courier.test/local/2021/03/04/water-prices">
<link rel="canonical" href="https://news.example-courier.test/local/2021/03/04/water-prices">
<meta name="author" content="Ana Exemplo">
<meta property="article:published_time" content="2021-03-04T09:30:00+00:00">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
<style>body {{ font-family: serif; }}</style>
</head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience on our site.</p>
<button>Accept all cookies</button></div>
<header><a href="#main">Skip to main content</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li></ul></nav></header>
<main id="main">
<article>
<h1>Water board raises prices after winter frost</h1>
<p class="byline">By <a href="/authors/ana" rel="author">Ana Exemplo</a>, <time datetime="2021-03-04">March 4, 2021</time></p>
<p>{p1}</p>
<p>{p2}</p>
<p>See also: <a href="/drought">Drought warnings issued for three counties</a></p>
<blockquote><p>“{quote}”</p></blockquote>
<p>{p3}</p>
</article>
</main>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Drought warnings issued</a></li>
<li><a href="/b">Farmers cut irrigation</a></li></ul></aside>
<footer><p>&copy; 2021 The Example Courier. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul>
<form><p>Sign up for our newsletter to get the day's headlines delivered to your inbox.</p>
<input type="email"></form></footer>
<script src="https://www.googletagmanager.com/gtag/js?id=X"></script>
</body>
</html>
"""
QUOTE = "We had no choice but to pass on part of the cost of the repairs, façade to façade"


def page(charset: str = "utf-8") -> str:
    return PAGE.format(charset=charset, p1=BODY[0], p2=BODY[1], p3=BODY[2], quote=QUOTE)


def check_page_import(tmp_path: Path, file: Path, seed: str = "water-prices.html") -> None:
    ok, out, diags, root = do_import(tmp_path, file, "water-prices")
    assert ok and diags == []
    assert (root / "seeds" / seed).read_bytes() == file.read_bytes()
    front, body = split_front((root / "content/sources/water-prices.md").read_text(encoding="utf-8"))
    assert {k: v for k, v in front.items() if k != "sha256"} == {
        "headline": "Water board raises prices after winter frost",
        "outlet": "The Example Courier",
        "outlet_url": "https://news.example-courier.test/",
        "byline": "Ana Exemplo",
        "byline_note": "",
        "published": "2021-03-04",
        "published_note": "",
        "url": "https://news.example-courier.test/local/2021/03/04/water-prices",
        "seed": seed,
    }
    assert front["sha256"] == hashlib.sha256(file.read_bytes()).hexdigest()
    assert body.split("\n\n") == [BODY[0], BODY[1], f"“{QUOTE}”", BODY[2] + "\n"]
    assert "  headline (line 1 of the extracted text): Water board raises prices after winter frost\n" in out
    assert out.endswith("dropped as page boilerplate (review) (line numbers of the text trafilatura extracted):\n"
                        "  line 7: see-also link: See also: Drought warnings issued for three counties\n")


def test_html_page_through_trafilatura(tmp_path: Path) -> None:
    check_page_import(tmp_path, write(tmp_path, "saved page.html", page()))


def test_html_in_declared_charset(tmp_path: Path) -> None:
    check_page_import(tmp_path, write(tmp_path, "saved.htm", page("windows-1252").encode("cp1252")),
                      "water-prices.htm")


def test_html_sniffed_without_html_suffix(tmp_path: Path) -> None:
    check_page_import(tmp_path, write(tmp_path, "saved-page", page()), "water-prices.html")


def test_html_not_utf8_without_charset(tmp_path: Path) -> None:
    file = write(tmp_path, "saved.html", page("utf-8").replace('<meta charset="utf-8">', "").encode("cp1252"))
    ok, out, diags, root = do_import(tmp_path, file)
    assert not ok and out == ""
    assert [d.removeprefix(file.as_posix()) for d in diags] == [
        ": note: the page declares no charset (save the page again as UTF-8, or add <meta charset=\"...\"> "
        "naming its encoding)",
        ":28:16: error: file is not valid UTF-8 (byte 0x93) (save the file as UTF-8 in your editor)"]
    assert not root.exists()


# --- the two real seeds ---------------------------------------------------------------------

# Line numbers of each seed that are page furniture, not the article; line 3 is the headline.
SEED_BOILERPLATE = {
    "readwrite-2014-12-17.txt": {1, 9, 32, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54, 56},
    "bostonglobe-2014-12-17.txt": {1},
}


@pytest.mark.parametrize("name", sorted(SEED_BOILERPLATE))
def test_real_seed(tmp_path: Path, name: str) -> None:
    seed = SEEDS / name
    original = seed.read_text(encoding="utf-8").split("\n")
    ok, out, diags, root = do_import(tmp_path, seed)
    assert ok and diags == []
    source_id = name.removesuffix(".txt")
    assert (root / "seeds" / name).read_bytes() == seed.read_bytes()
    front, body = split_front((root / "content/sources" / f"{source_id}.md").read_text(encoding="utf-8"))
    assert front["headline"] == original[2].strip()
    assert front["seed"] == name
    article = [" ".join(line.split()) for n, line in enumerate(original, start=1)
               if line.strip() and n not in SEED_BOILERPLATE[name] and n != 3]
    assert body.split("\n\n") == article[:-1] + [article[-1] + "\n"]
    rendered = markdown.markdown(body)
    assert rendered.count("<p>") == len(article)
    reported = [int(m) for m in re.findall(r"^  line (\d+): ", out, re.M)]
    assert reported == sorted(SEED_BOILERPLATE[name])
    for n in SEED_BOILERPLATE[name]:
        assert " ".join(original[n - 1].split()) not in body
