"""Read a folder package: walk it without following symbolic links.

A link that leads outside the folder is reported (SB117) and never read; a link to a folder
inside it is listed but not descended into (no loops).
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem
from .codes import finding
from .entry import DEFAULT_LIMITS, Entry, Limits, ReadFailure


@dataclass
class FolderSource:
    """An unzipped package: a folder read in place, its entries listed as a zip's would be."""

    root: Path
    label: str
    limits: Limits = DEFAULT_LIMITS
    entries: list[Entry] = field(default_factory=list)
    findings: list[Problem] = field(default_factory=list)
    kind = "folder"

    def __post_init__(self):
        self._real_root = os.path.realpath(self.root)
        self._walk()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def _inside(self, real: str) -> bool:
        return os.path.commonpath([self._real_root, real]) == self._real_root

    def _walk(self) -> None:
        pending = [""]
        while pending:
            rel_dir = pending.pop()
            try:
                with os.scandir(self.root / rel_dir) as it:
                    items = sorted(it, key=lambda item: item.name)
            except OSError as exc:
                self.findings.append(finding("SB002", rel_dir or self.label, 0,
                                             f"cannot list the folder: {exc.strerror or exc}", "check its permissions"))
                continue
            for item in items:
                if len(self.entries) >= self.limits.max_entries:
                    self.findings.append(finding("SB111", self.label, 0,
                                                 f"more than {self.limits.max_entries} files and folders",
                                                 "is this the right folder?"))
                    return
                rel = f"{rel_dir}/{item.name}" if rel_dir else item.name
                if item.is_symlink():
                    self._add_link(item, rel)
                elif item.is_dir(follow_symlinks=False):
                    self.entries.append(Entry(rel + "/", is_dir=True))
                    pending.append(rel)
                else:
                    self.entries.append(Entry(rel))

    def _add_link(self, item: os.DirEntry, rel: str) -> None:
        real = os.path.realpath(item.path)
        if not self._inside(real):
            self.findings.append(finding("SB117", rel, 0, "symbolic link leads outside the package folder",
                                         "copy the file into the folder instead of linking to it"))
        elif os.path.isdir(real):
            self.entries.append(Entry(rel + "/", is_dir=True, symlink=True))  # not descended: no loops
        elif os.path.exists(real):
            self.entries.append(Entry(rel, symlink=True))

    def read(self, entry: Entry, limit: int) -> bytes:
        real = os.path.realpath(self.root / entry.name)
        if not self._inside(real):
            raise ReadFailure("SB008", "cannot be read: it is a symbolic link leading outside the package folder",
                              "copy the file into the folder")
        try:
            st = os.stat(real)
            if not stat.S_ISREG(st.st_mode):
                raise ReadFailure("SB008", "cannot be read: it is not a regular file",
                                  "replace it with the manifest file")
            if st.st_size > limit:
                raise ReadFailure("SB008", f"has {st.st_size} bytes, more than the {limit}-byte limit",
                                  "a manifest is a few hundred kilobytes at most")
            with open(real, "rb") as fh:
                data = fh.read(limit + 1)
        except OSError as exc:
            raise ReadFailure("SB008", f"cannot be read: {exc.strerror or exc}", "check its permissions") from None
        if len(data) > limit:
            raise ReadFailure("SB008", f"has more than {limit} bytes", "a manifest is a few hundred kilobytes at most")
        return data

    def verify(self, skip: set[str], limits: Limits) -> list[Problem]:
        return []  # files in a folder are what they are: no headers to forge
