"""Import a raw source document (plain text or a saved web page) as content/sources/<id>.md and its seed."""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

import yaml

from .boilerplate import Cleaned, clean
from .diagnostics import Diagnostics
from .ids import ID_RE, RESERVED_IDS, slugify  # noqa: F401  (slugify is part of the import API)
from .yamlread import decode

MAX_INPUT_BYTES = 20_000_000
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
OVERWRITE_HINT = "choose another --id or remove the file"
_HTML_SNIFF = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SPACE = re.compile(r"\s+")
_PREVIEW = 100


@dataclass(frozen=True)
class Metadata:
    """What a saved page says about itself (trafilatura's reading of its meta tags and JSON-LD)."""

    headline: str = ""
    outlet: str = ""
    outlet_url: str = ""
    byline: str = ""
    published: str = ""
    url: str = ""


@dataclass(frozen=True)
class Targets:
    """Where the import writes: the source file, and the seed (unless the input already is the seed)."""

    markdown: Path
    seed: Path
    copy_seed: bool


def check_id(source_id: str, where: str, diags: Diagnostics) -> bool:
    """Whether SOURCE_ID can name a source file and its pages; a diagnostic when not."""
    if not ID_RE.match(source_id):
        suggestion = slugify(source_id)
        hint = "use lowercase letters, digits and hyphens, starting with a letter or digit, at most 80 characters"
        if suggestion and ID_RE.match(suggestion) and suggestion not in RESERVED_IDS:
            hint += f", e.g. --id {suggestion}"
        diags.error(where, 0, f"invalid source id '{source_id}'", hint)
        return False
    if source_id in RESERVED_IDS:
        diags.error(where, 0, f"source id '{source_id}' is reserved", f"choose another --id, e.g. --id {source_id}-source")
        return False
    return True


def run_import(file: Path, source_id: str | None, root: Path, out: TextIO, diags: Diagnostics) -> bool:
    """Import FILE into root/content/sources/<id>.md and root/seeds/<name>; True on success."""
    errors_before = diags.count("error")
    where = _display(file, root)
    data = _read(file, where, diags)
    if data is None:
        return False
    if source_id is None:
        source_id = slugify(file.stem)
        if not source_id:
            diags.error(where, 0, f"cannot make a source id from the file name '{file.name}'",
                        "pass --id with lowercase letters, digits and hyphens")
            return False
    if not check_id(source_id, where, diags):
        return False
    is_html = file.suffix.lower() in HTML_SUFFIXES or bool(_HTML_SNIFF.match(data[:4096]))
    targets = _targets(file, source_id, is_html, root)
    for path, check in ((targets.markdown, True), (targets.seed, targets.copy_seed)):
        if check and (path.exists() or path.is_symlink()):
            diags.error(_display(path, root), 0, "file already exists; the importer never overwrites", OVERWRITE_HINT)
    text = _decode_html(data, where, diags) if is_html else decode(data, where, diags)
    if text is None or diags.count("error") > errors_before:
        return False

    if is_html:
        extracted = _extract_html(text)
        if extracted is None:
            diags.error(where, 0, "trafilatura found no article text in the page",
                        "save the complete page (HTML only) from the article's own address, or save its text as .txt")
            return False
        body, meta = extracted
        cleaned = clean(body, markdown=True, title=meta.headline)
    else:
        meta = Metadata()
        cleaned = clean(text)
    if not cleaned.paragraphs:
        diags.error(where, 0, "no article text found: every paragraph looks like page boilerplate",
                    "check that the file holds the article itself")
        _report_dropped(cleaned, is_html, out)
        return False
    if not cleaned.headline:
        diags.warning(where, 0, "no headline found", f"fill 'headline' in {_display(targets.markdown, root)}")

    digest = hashlib.sha256(data).hexdigest()
    document = _front_matter(meta, cleaned.headline, targets.seed.name, digest) + "\n" + "\n\n".join(cleaned.paragraphs) + "\n"
    if not _write(targets, data, document.encode("utf-8"), root, diags):
        return False
    _report(file, root, targets, source_id, cleaned, meta, digest, len(data), is_html, out)
    return True


def _display(path: Path, root: Path) -> str:
    """A path as the editor knows it: relative to the project when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def _read(file: Path, where: str, diags: Diagnostics) -> bytes | None:
    """The input's bytes, or a diagnostic saying why they cannot be had."""
    try:
        if file.is_dir():
            diags.error(where, 0, "is a folder, not a file", "give the path of the saved article")
            return None
        size = file.stat().st_size
        if size > MAX_INPUT_BYTES:
            diags.error(where, 0, f"file is larger than {MAX_INPUT_BYTES // 1_000_000} MB",
                        "import the article's text or HTML page only")
            return None
        data = file.read_bytes()
    except FileNotFoundError:
        diags.error(where, 0, "file not found", "check the path and the file name")
        return None
    except OSError as exc:
        diags.error(where, 0, f"cannot read the file: {exc.strerror or exc}", "check that the file is readable")
        return None
    if not data.strip():
        diags.error(where, 0, "file is empty", "save the article's text or page into it first")
        return None
    return data


def _targets(file: Path, source_id: str, is_html: bool, root: Path) -> Targets:
    """The .md to write and the seed to copy to, named after the id; a file already in seeds/ stays."""
    seeds = root / "seeds"
    markdown = root / "content" / "sources" / f"{source_id}.md"
    try:
        inside = file.resolve().parent == seeds.resolve()
    except OSError:
        inside = False
    if inside:
        return Targets(markdown, seeds / file.name, copy_seed=False)
    suffix = file.suffix.lower()
    if not re.fullmatch(r"\.[a-z0-9]{1,8}", suffix):
        suffix = ".html" if is_html else ".txt"
    return Targets(markdown, seeds / f"{source_id}{suffix}", copy_seed=True)


def _decode_html(data: bytes, where: str, diags: Diagnostics) -> str | None:
    """A page as text: UTF-8 first, then the charset the page declares, else a diagnostic."""
    try:
        text = (data[3:] if data.startswith(b"\xef\xbb\xbf") else data).decode("utf-8")
        return text.replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        pass
    head = data[:8192]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    charset = found.group(1).decode("ascii") if found else ""
    if charset:
        try:
            text = data.decode(codecs.lookup(charset).name)
            return text.replace("\r\n", "\n").replace("\r", "\n")
        except (LookupError, UnicodeDecodeError):
            pass
    decode(data, where, diags)
    told = f"its declared charset '{charset}' does not decode it either" if charset else "the page declares no charset"
    diags.note(where, 0, f"{told}", "save the page again as UTF-8, or add <meta charset=\"...\"> naming its encoding")
    return None


def _extract_html(html: str) -> tuple[str, Metadata] | None:
    """The page's main text as Markdown and its metadata, both as trafilatura reads them."""
    import trafilatura  # imported here: only HTML imports pay for its start-up

    body = trafilatura.extract(html, output_format="markdown", include_formatting=True, include_comments=False,
                               include_links=False, include_images=False, include_tables=True)
    if not body or not body.strip():
        return None
    found = trafilatura.extract_metadata(html, extensive=False)
    url = _one_line(found.url)
    parts = urlsplit(url)
    outlet_url = f"{parts.scheme}://{parts.netloc}/" if parts.scheme in ("http", "https") and parts.netloc else ""
    date = _one_line(found.date)
    meta = Metadata(headline=_one_line(found.title), outlet=_one_line(found.sitename), outlet_url=outlet_url,
                    byline=_one_line(found.author), published=date if _DATE.match(date) else "", url=url)
    return body.replace("\r\n", "\n"), meta


def _one_line(value: object) -> str:
    return _SPACE.sub(" ", value).strip() if isinstance(value, str) else ""


def _front_matter(meta: Metadata, headline: str, seed: str, digest: str) -> str:
    """YAML front matter with every key the loader wants; what the input did not tell is marked for the editor."""
    from_page = "from the page's metadata: check it against the page"
    rows: list[tuple[str, str, str]] = [
        ("headline", headline, "" if headline else "TODO editor: the headline as the source prints it"),
        ("outlet", meta.outlet, from_page if meta.outlet else "TODO editor: the name of the publication"),
        ("outlet_url", meta.outlet_url,
         "derived from url" if meta.outlet_url else "TODO editor: the publication's home page, or leave \"\""),
        ("byline", meta.byline, from_page if meta.byline
         else "TODO editor: the author as printed, or leave \"\" and say why in byline_note"),
        ("byline_note", "", "" if meta.byline else "TODO editor: why there is no byline, or how it was established"),
        ("published", meta.published, from_page if meta.published else "TODO editor: date of publication, YYYY-MM-DD"),
        ("published_note", "", "" if meta.published
         else "TODO editor: how the date was established when the source does not print it"),
        ("url", meta.url, from_page if meta.url else "TODO editor: the address where the source was published"),
        ("seed", seed, ""),
        ("sha256", digest, ""),
    ]
    lines = ["---"]
    for key, value, comment in rows:
        line = yaml.safe_dump({key: value}, allow_unicode=True, width=1_000_000, default_flow_style=False).rstrip("\n")
        lines.append(f"{line}  # {comment}" if comment else line)
    lines.append("---")
    return "\n".join(lines) + "\n"


def _write(targets: Targets, seed_bytes: bytes, document: bytes, root: Path, diags: Diagnostics) -> bool:
    """Create both files, never replacing one; on failure leave nothing behind."""
    created: list[Path] = []
    jobs = ([(targets.seed, seed_bytes)] if targets.copy_seed else []) + [(targets.markdown, document)]
    for path, content in jobs:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "xb") as handle:
                created.append(path)
                handle.write(content)
        except FileExistsError:
            diags.error(_display(path, root), 0, "file already exists; the importer never overwrites", OVERWRITE_HINT)
        except OSError as exc:
            diags.error(_display(path, root), 0, f"cannot write the file: {exc.strerror or exc}",
                        "check the folder exists and is writable")
        else:
            continue
        for done in created:
            done.unlink(missing_ok=True)
        return False
    return True


def _report(file: Path, root: Path, targets: Targets, source_id: str, cleaned: Cleaned, meta: Metadata,
            digest: str, size: int, is_html: bool, out: TextIO) -> None:
    """Tell the editor what was written and what was left out, so the choices can be reviewed."""
    md = _display(targets.markdown, root)
    out.write(f"imported {file.as_posix()} as source '{source_id}'\n")
    out.write(f"  wrote {md} ({len(cleaned.paragraphs)} paragraphs)\n")
    seed = _display(targets.seed, root)
    if targets.copy_seed:
        out.write(f"  copied the original to {seed} ({size} bytes, sha256 {digest})\n")
    else:
        out.write(f"  the original is already {seed} ({size} bytes, sha256 {digest}); not copied\n")
    if cleaned.headline:
        where = "page metadata" if not cleaned.headline_line else (
            f"line {cleaned.headline_line} of the extracted text" if is_html else f"line {cleaned.headline_line}")
        out.write(f"  headline ({where}): {cleaned.headline}\n")
    todo = [key for key, value in (("headline", cleaned.headline), ("outlet", meta.outlet),
                                   ("outlet_url", meta.outlet_url), ("byline", meta.byline),
                                   ("published", meta.published), ("url", meta.url)) if not value]
    if todo:
        out.write(f"  to fill by hand in {md} (marked '# TODO editor'): {', '.join(todo)}\n")
    _report_dropped(cleaned, is_html, out)


def _report_dropped(cleaned: Cleaned, is_html: bool, out: TextIO) -> None:
    if not cleaned.dropped:
        out.write("dropped as page boilerplate (review): nothing\n")
        return
    numbering = " (line numbers of the text trafilatura extracted)" if is_html else ""
    out.write(f"dropped as page boilerplate (review){numbering}:\n")
    for item in cleaned.dropped:
        text = item.text if len(item.text) <= _PREVIEW else item.text[: _PREVIEW - 1] + "…"
        out.write(f"  {item.lines()}: {item.reason}: {text}\n")
