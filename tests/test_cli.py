"""Command line: help and usage errors, exit codes, the default command, and check writing nothing."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO, check, make_site, run, snapshot


def test_help() -> None:
    result = run("--help")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("usage: build.py [-h] [--version] [--root ROOT] COMMAND ...\n")
    for command in ("build", "check", "serve", "import"):
        assert re.search(rf"^    {command} ", result.out, re.M), command


@pytest.mark.parametrize("command, option", [("build", "--strict"), ("check", "--strict"), ("serve", "--port PORT"),
                                             ("import", "--id SOURCE_ID")])
def test_help_of_each_command(command: str, option: str) -> None:
    result = run(command, "--help")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith(f"usage: build.py {command} [-h]")
    assert option in result.out


def test_version() -> None:
    result = run("--version")
    assert (result.code, result.out, result.err) == (0, "docket 0.1.0\n", "")


@pytest.mark.parametrize("argv, message", [
    (["publish"], "build.py: error: argument COMMAND: invalid choice: 'publish' "
                  "(choose from 'build', 'check', 'serve', 'import')"),
    (["--colour"], "build.py: error: unrecognized arguments: --colour"),
    (["check", "--out", "x"], "build.py: error: unrecognized arguments: --out x"),
    (["serve", "--port", "eighty"], "build.py serve: error: argument --port: invalid int value: 'eighty'"),
    (["import"], "build.py import: error: the following arguments are required: FILE"),
])
def test_usage_errors_exit_2(argv: list[str], message: str) -> None:
    result = run(*argv)
    assert (result.code, result.out) == (2, "")
    assert result.err_lines[0].startswith("usage: build.py")
    assert result.err_lines[-1] == message


def test_real_process_exit_codes(tmp_path: Path) -> None:
    script = str(REPO / "build.py")
    ok = subprocess.run([sys.executable, script, "--help"], capture_output=True, text=True, cwd=tmp_path)
    assert (ok.returncode, ok.stderr) == (0, "")
    bad = subprocess.run([sys.executable, script, "bogus"], capture_output=True, text=True, cwd=tmp_path)
    assert (bad.returncode, bad.stdout) == (2, "")
    failed = subprocess.run([sys.executable, script, "check"], capture_output=True, text=True, cwd=tmp_path)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    assert failed.stderr.splitlines()[0] == (
        f"site.yaml: error: site.yaml not found (run docket from the project folder (looked in {tmp_path.resolve()}))")


def test_check_writes_nothing(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    before = snapshot(tmp_path)
    result = check(root)
    assert (result.code, result.out, result.err) == (0, "checked 2 sources: no errors\n", "")
    assert snapshot(tmp_path) == before
    assert not (root / "_site").exists()
    assert sorted(p.name for p in root.iterdir()) == ["content", "layouts", "seeds", "site.yaml", "static"]


def test_build_is_the_default_command_and_uses_the_configured_output(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", output="public")
    result = run("--root", str(root))
    assert result.code == 0, result.err
    assert re.fullmatch(r"built 15 files into public in \d+\.\d\d s\n", result.out)
    assert (root / "public/index.html").is_file()
    assert run(f"--root={root}", "--strict").code == 0


def test_no_arguments_builds_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_site(tmp_path / "site")
    monkeypatch.chdir(root)
    result = run()
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("built 15 files into _site in ")
    assert (root / "_site/index.html").is_file()


def test_check_on_a_broken_site_exits_1_and_names_the_file(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site", {"content/pages/index.md": "no front matter\n"})
    result = check(root)
    assert (result.code, result.out) == (1, "")
    assert result.err_lines == [
        "content/pages/index.md:1: error: missing front matter "
        "(start the file with a line '---', the YAML fields, then '---')",
        "1 error(s), 0 warning(s)",
    ]
