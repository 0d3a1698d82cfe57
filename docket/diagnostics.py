"""Diagnostics: every problem found in a run, collected and printed together."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Iterable, Literal, TextIO

Severity = Literal["error", "warning", "note"]

_ORDER = {"error": 0, "warning": 1, "note": 2}
# Control characters from content never reach the terminal as such: no escape sequences, no broken lines.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one place, printed as `path:line:col: severity: message (hint)`."""

    path: str
    line: int = 0
    column: int = 0
    severity: Severity = "error"
    message: str = ""
    hint: str = ""
    # The record a reference error is about ("source:<id>", "actor:<id>"): when that record's own file
    # failed to load, the error is a consequence of one already reported and is left out.
    about: str = field(default="", compare=False)

    def format(self) -> str:
        """Render in the compiler style editors' tools understand."""
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        text = f"{where}: {self.severity}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


@dataclass
class Diagnostics:
    """A collector passed explicitly through loading and linking (no global state)."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    def error(self, path: str, line: int, message: str, hint: str = "", column: int = 0, about: str = "") -> None:
        self.add(Diagnostic(path, line, column, "error", message, hint, about))

    def warning(self, path: str, line: int, message: str, hint: str = "", column: int = 0) -> None:
        self.add(Diagnostic(path, line, column, "warning", message, hint))

    def note(self, path: str, line: int, message: str, hint: str = "", column: int = 0) -> None:
        self.add(Diagnostic(path, line, column, "note", message, hint))

    def drop_consequences(self, failed: Iterable[str]) -> None:
        """Leave out the errors about records whose own file failed to load (its error says why)."""
        gone = set(failed)
        if gone:
            self.items[:] = [d for d in self.items if d.about not in gone]

    def has_errors(self, strict: bool = False) -> bool:
        """True when the build must stop; with strict, warnings count as errors."""
        bad = {"error", "warning"} if strict else {"error"}
        return any(d.severity in bad for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        """Stable order for output: by file, then line, then severity."""
        return sorted(set(self.items), key=lambda d: (d.path, d.line, d.column, _ORDER[d.severity], d.message))

    def count(self, severity: Severity) -> int:
        return sum(1 for d in set(self.items) if d.severity == severity)

    def print(self, stream: TextIO, *, notes: bool = True) -> None:
        """Write every diagnostic, then a one-line summary when there were any."""
        shown = [d for d in self.sorted() if notes or d.severity != "note"]
        for d in shown:
            stream.write(d.format() + "\n")
        errors, warnings = self.count("error"), self.count("warning")
        if errors or warnings:
            stream.write(f"{errors} error(s), {warnings} warning(s)\n")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A 'did you mean' hint for a misspelt key or id, or '' when nothing is close."""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
