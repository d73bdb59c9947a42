"""Problems found in a course or a package: collected, sorted, printed as one line each.

Every check in the tool (loading, model rules, templates, the package linter) reports
``Problem`` values instead of raising at the first one, so an author sees every problem
in one run. ``ProblemsError`` carries the whole list to the CLI, which prints it and
exits non-zero without a traceback.

A problem is an error (it stops the build) or a warning: something the build changed or left out
on the author's behalf, such as HTML the sanitizer removed. Warnings never stop a build; they are
printed with it, marked ``warning:``.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

ERROR = "error"
WARNING = "warning"
NOTE = "note"  # inventory and hygiene: worth tidying, no effect in an LMS


class Problem(NamedTuple):
    """One finding. ``path`` is shown as given (relative where possible); ``line`` is 1-based or 0 when unknown.
    A NamedTuple: immutable and ordered by its fields in order, and made by Python without compiling
    the ten methods a frozen, ordered dataclass would need at import."""

    path: str
    line: int
    message: str
    hint: str = ""
    code: str = ""
    severity: str = ERROR

    def format(self, show_severity: bool = False) -> str:
        """``path:line: message (hint) [CODE]``; with ``show_severity``, warnings read ``path:line: warning: ...``."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        marker = "warning: " if show_severity and self.severity == WARNING else ""
        text = f"{where}: {marker}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        if self.code:
            text = f"{text} [{self.code}]"
        return text

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "message": self.message,
            "hint": self.hint,
        }


class ProblemsError(Exception):
    """Raised once, after collecting, when a step found problems that stop the build."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_sort_key)
        super().__init__("\n".join(p.format() for p in self.problems))


def split_warnings(problems: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings): only errors stop a build."""
    return [p for p in problems if p.severity != WARNING], [p for p in problems if p.severity == WARNING]


def _sort_key(p: Problem):
    return (p.path, p.line, p.message)


def display_path(path: Path | str) -> str:
    """Show ``path`` relative to the working directory when it lies below it, else absolute."""
    # String operations rather than Path.relative_to: this runs for every file of every build. Paths
    # that Path would spell differently (relative, '//', '/./', '/..', a trailing '/') go through Path.
    p = os.fspath(path)
    if not p.startswith("/") or "//" in p or "/." in p or (p.endswith("/") and p != "/"):
        p = Path(p).absolute().as_posix()
    cwd = os.getcwd()
    if p == cwd:
        return "."
    root = cwd if cwd.endswith("/") else cwd + "/"
    return p[len(root):] if p.startswith(root) else p
