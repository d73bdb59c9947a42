"""What reading a package deals in: the limits against hostile input, entries, read failures."""
from __future__ import annotations

import zipfile
from typing import NamedTuple

from ..problems import Problem
from .codes import finding


class Limits(NamedTuple):
    """Limits against hostile input; tests pass small values to ``lint_package``."""

    max_entries: int = 20_000
    max_total_bytes: int = 1 << 30  # 1 GiB uncompressed, declared or actually produced
    max_ratio: int = 100  # uncompressed:compressed, for entries over ratio_min_bytes
    ratio_min_bytes: int = 1 << 20
    max_manifest_bytes: int = 16 << 20
    max_xml_depth: int = 64


DEFAULT_LIMITS = Limits()


class Entry(NamedTuple):
    """One zip entry or file below the folder. ``name`` is the stored name (posix for a folder)."""

    name: str
    size: int = 0  # declared uncompressed size (zip only)
    compressed: int = 0
    method: int = zipfile.ZIP_STORED
    is_dir: bool = False
    encrypted: bool = False
    symlink: bool = False
    position: int = -1  # its index in the zip's central directory


class ReadFailure(Exception):
    """The input, or one entry of it, cannot be read; carries the finding code to report."""

    def __init__(self, code: str, message: str, hint: str = ""):
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint

    def problem(self, path: str) -> Problem:
        return finding(self.code, path, 0, self.message, self.hint)
