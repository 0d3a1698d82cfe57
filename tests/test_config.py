"""config: site.yaml -> SiteConfig, defaults filled, every mistake reported on its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from docket.config import load, output_problem
from docket.diagnostics import Diagnostics
from docket.model import SiteConfig


def _load(tmp_path: Path, text: str) -> tuple[SiteConfig | None, list[str]]:
    (tmp_path / "site.yaml").write_text(text, encoding="utf-8")
    diags = Diagnostics()
    config = load(tmp_path, diags)
    return config, [d.format() for d in diags.items]


def test_minimal_config_gets_defaults(tmp_path: Path) -> None:
    config, problems = _load(tmp_path, "title: '  T  '\ndescription: >-\n  D one\n  D two\n")
    assert problems == []
    assert config == SiteConfig(root=tmp_path, title="T", description="D one D two", language="en",
                                base_url="", output="_site", author="")


def test_every_key(tmp_path: Path) -> None:
    config, problems = _load(tmp_path, "title: T\ndescription: D\nlanguage: en-GB\nbase_url: https://example.org/sony\n"
                                       "output: public/site\nauthor: ' The editors '\n")
    assert problems == []
    assert config is not None
    assert (config.language, config.base_url, config.output, config.author) == (
        "en-GB", "https://example.org/sony/", "public/site", "The editors")
    assert config.path("seeds") == tmp_path / "seeds"


def test_base_url_keeps_its_trailing_slash(tmp_path: Path) -> None:
    config, _ = _load(tmp_path, "title: T\ndescription: D\nbase_url: http://example.org/\n")
    assert config is not None and config.base_url == "http://example.org/"


@pytest.mark.parametrize("text, problem", [
    ("title: T\ndescription: D\nlanguage: english\n",
     "site.yaml:3: error: language 'english' is not a language tag (use a BCP 47 tag such as 'en' or 'en-GB')"),
    ("title: T\ndescription: D\nbase_url: ftp://example.org/\n",
     "site.yaml:3: error: base_url 'ftp://example.org/' is not an http(s) address "
     "(write it like https://example.org/sony/ or leave it out)"),
    ("title: T\ndescription: D\n\noutput: /var/www\n",
     "site.yaml:4: error: output '/var/www' must be a folder inside the project (use a folder of its own, such as _site)"),
    ("title: T\ndescription: D\noutput: seeds\n",
     "site.yaml:3: error: output 'seeds' would overwrite the project's own files (use a folder of its own, such as _site)"),
    ("title: T\ndescription: ''\n", "site.yaml:2: error: 'description' is empty (write the site's description)"),
    ("title: T\n", "site.yaml:1: error: site.yaml is missing 'description' (add 'description:' (text))"),
    ("title: T\ndescription: D\nauthor: [a, b]\n", "site.yaml:3: error: 'author' must be text, not a list "
     "(write the text after the colon; put it in quotes if it starts with '[')"),
    ("title: T\ndescription: D\nlanguage: no\n",
     "site.yaml:3: error: 'language' must be text, not true/false (put the value in quotes to make it text)"),
    ("title: T\ndescription: D\nlanguage:\n",
     "site.yaml:3: error: 'language' must be text, not nothing (write a value after the colon)"),
    ("title: T\ndescription: D\nbase-url: https://example.org/\n",
     "site.yaml:3: error: unknown key 'base-url' in site.yaml (did you mean 'base_url'?)"),
    ("", "site.yaml:1: error: site.yaml is empty (it needs at least 'title:' and 'description:')"),
    ("just text\n", "site.yaml:1: error: site.yaml must be a mapping of 'key: value' lines, not text "
                    "(see the README's content guide for the format)"),
])
def test_one_problem_one_line(tmp_path: Path, text: str, problem: str) -> None:
    assert _load(tmp_path, text) == (None, [problem])


def test_all_problems_are_reported_together(tmp_path: Path) -> None:
    config, problems = _load(tmp_path, "title: ''\ndescription: D\nlanguage: x_y\noutput: ../out\n")
    assert config is None
    assert problems == [
        "site.yaml:3: error: language 'x_y' is not a language tag (use a BCP 47 tag such as 'en' or 'en-GB')",
        "site.yaml:4: error: output '../out' must be a folder inside the project (use a folder of its own, such as _site)",
        "site.yaml:1: error: 'title' is empty (write the site's title)",
    ]


def test_missing_site_yaml(tmp_path: Path) -> None:
    diags = Diagnostics()
    assert load(tmp_path, diags) is None
    assert [d.format() for d in diags.items] == [
        f"site.yaml: error: site.yaml not found (run docket from the project folder (looked in {tmp_path}))"]


@pytest.mark.parametrize("output, problem", [
    ("_site", ""),
    ("public/site", ""),
    ("./_site", ""),
    ("/tmp/site", "output '/tmp/site' must be a folder inside the project"),
    ("../site", "output '../site' must be a folder inside the project"),
    ("a/../../site", "output 'a/../../site' must be a folder inside the project"),
    (".", "output '.' would overwrite the project's own files"),
    ("content", "output 'content' would overwrite the project's own files"),
    ("static/site", "output 'static/site' would overwrite the project's own files"),
    (".git", "output '.git' would overwrite the project's own files"),
    ("layouts", "output 'layouts' would overwrite the project's own files"),
])
def test_output_problem(output: str, problem: str) -> None:
    assert output_problem(output) == problem
