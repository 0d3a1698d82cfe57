"""XSS vectors (OWASP filter-evasion forms) in every place an editor writes: built, opened in Chromium, none runs."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Browser

from docket.safelinks import refused_links
from helpers import build, check, make_site

VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert('XSS')>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    "<a onmouseover=\"alert(document.cookie)\">xxs link</a>",
    "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
    "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041\">",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>",
    "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
    "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
    "<iframe src=http://xss.rocks/scriptlet.html <",
    "</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>",
    "<svg/onload=alert('XSS')>",
    "<BODY ONLOAD=alert('XSS')>",
    "<details open ontoggle=alert(1)>",
    "<a href=\"javas&#99;ript:alert(1)\">click</a>",
    "[click](javascript:alert(1))",
    "<STYLE>@import'http://xss.rocks/xss.css';</STYLE>",
    "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
    "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
    "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
    "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.rocks/scriptlet.html\"></OBJECT>",
    "\"><script>alert(1)</script>",
    "'';!--\"<XSS>=&{()}",
    "{{ 7*7 }}<span onclick=alert(1)>{% raw %}",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]
# Markdown places: the vectors that docket does not refuse outright (those it refuses are checked below).
MARKDOWN_OK = [v for v in VECTORS if not refused_links(v)]
GUARD = """
window.__xss = [];
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  const original = window[name];
  window[name] = function (...args) { window.__xss.push(name); return original.apply(this, args); };
}
"""


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _site(root: Path) -> Path:
    actors, notes, files = [], [], {}
    for i, v in enumerate(VECTORS):
        actors.append(f"- id: vector-{i}\n  name: {_q(f'Vector {i} {v}')}\n  kind: group\n"
                      f"  links: [{{title: {_q(v)}, url: {_q(f'https://example.org/{i}')}}}]\n")
        notes.append(f"- quote: first paragraph\n  kind: context\n  note: {_q(v if v in MARKDOWN_OK else 'x')}\n"
                     f"  cites: [{{url: 'https://example.org/', title: {_q(v)}}}]\n")
        body = v if v in MARKDOWN_OK else "Text."
        files[f"content/pages/vector-{i}.md"] = f"---\ntitle: {_q(v)}\ndescription: {_q(v)}\n---\n\n{body}\n"
    for i, v in enumerate(MARKDOWN_OK):
        actors[i] += f"  summary: {_q(v)}\n"
    files["content/actors.yaml"] = "".join(actors)
    files["content/annotations/example-gazette-2020-01-02.yaml"] = "".join(notes)
    return make_site(root, files)


def test_no_vector_runs_in_chromium(tmp_path: Path, chromium_browser: Browser) -> None:
    root = _site(tmp_path / "site")
    built = build(root, tmp_path / "out")
    assert built.code == 0, built.err
    pages = sorted((tmp_path / "out").rglob("*.html"))
    assert len(pages) > len(VECTORS)
    context = chromium_browser.new_context(java_script_enabled=True)
    context.add_init_script(GUARD)
    dialogs: list[str] = []
    fired: dict[str, list[str]] = {}
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for path in pages:
            page.goto(path.as_uri(), wait_until="load")
            page.wait_for_timeout(20)
            page.mouse.move(10, 10)
            found = page.evaluate("""() => {
                const bad = [...window.__xss];
                for (const el of document.querySelectorAll('*')) {
                    for (const a of el.attributes) {
                        if (a.name.startsWith('on')) bad.push('handler ' + a.name);
                        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background'].includes(a.name)
                            && /^\\s*(javascript|vbscript|data):/i.test(a.value)) bad.push('url ' + a.value);
                    }
                }
                for (const s of document.scripts) {
                    if (s.type !== 'application/ld+json' && !(s.src && s.src.includes('/static/'))) bad.push('script');
                }
                return bad;
            }""")
            if found:
                fired[path.name] = found
    finally:
        context.close()
    assert dialogs == []
    assert fired == {}
    print(f"XSS: {len(VECTORS)} vectors x 8 places (page title, description and body, "
          f"actor name, summary and link title, note, citation title); {len(MARKDOWN_OK)} reach Markdown places, "
          f"{len(pages)} pages opened; none fired")


def test_vectors_with_script_addresses_are_refused_in_markdown(tmp_path: Path) -> None:
    refused = [v for v in VECTORS if v not in MARKDOWN_OK]
    assert refused
    for v in refused:
        root = make_site(tmp_path / f"s{VECTORS.index(v)}",
                         {"content/pages/about.md": f"---\ntitle: About\ndescription: d\n---\n\n{v}\n"})
        result = check(root)
        assert result.code == 1
        assert " refused: '" in result.err, v
