"""Checks on the list of entries: names (hygiene, zip slip) and the central directory's sizes.

Nothing here reads entry data; ``ZipSource.verify`` then checks the bytes each entry really
produces. Folder packages get the name checks only.
"""
from __future__ import annotations

import re
import zipfile
from collections import defaultdict

from ..problems import Problem
from .codes import finding
from .source import Entry, Limits
from .spec import ABSOLUTE_RE, JUNK_DIRS, NAME_PART_MAX_BYTES, is_junk, unpacked_name

_REBUILD = "the archive is forged or broken: do not extract it; build the zip again"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check_names(entries: list[Entry]) -> list[Problem]:
    findings: list[Problem] = []
    resource_forks = [e.name for e in entries if _in_junk_dir(e.name)]
    for entry in entries:
        findings += _name_findings(entry.name, report_junk=not _in_junk_dir(entry.name))
    if resource_forks:
        findings.append(finding("SB106", resource_forks[0].split("/", 1)[0] + "/", 0,
                                f"macOS resource-fork folder, {len(resource_forks)} entries; no LMS needs them",
                                "zip on macOS with: zip -r course.zip . -x '__MACOSX/*' '*.DS_Store'"))
    findings += _duplicates(entries)
    findings += _case_collisions(entries)
    return findings


def check_container(entries: list[Entry], label: str, limits: Limits) -> list[Problem]:
    """Zip-only checks from the central directory: encryption, methods, links, bomb limits."""
    findings: list[Problem] = []
    for entry in entries:
        if entry.encrypted:
            findings.append(finding("SB107", entry.name, 0, "entry is encrypted: no LMS can unpack it",
                                    "zip the package again without a password"))
        if entry.method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            findings.append(finding("SB109", entry.name, 0,
                                    f"entry uses compression method {entry.method}; LMSs expect stored or deflate",
                                    "zip the package again with deflate"))
        if entry.symlink:
            findings.append(finding("SB110", entry.name, 0, "entry is a symbolic link",
                                    "replace the link with the file it points to"))
        big = entry.size > limits.ratio_min_bytes
        if big and entry.size > limits.max_ratio * max(entry.compressed, 1):
            # A large JSON file or a silent WAV compresses this well. Every byte is counted
            # against the total limit while reading, so a real bomb still stops at SB112/SB114.
            ratio = entry.size // max(entry.compressed, 1)
            findings.append(finding("SB113", entry.name, 0,
                                    f"compresses {ratio}:1 ({entry.size} bytes from {entry.compressed}), over "
                                    f"{limits.max_ratio}:1; its bytes were counted and stay within the limits",
                                    "nothing to fix if the file is meant to be this regular, like silence or padding"))
    if len(entries) > limits.max_entries:
        findings.append(finding("SB111", label, 0, f"the zip has {len(entries)} entries, over the "
                                f"{limits.max_entries} limit", "split the course or bundle small files"))
    total = sum(e.size for e in entries)
    if total > limits.max_total_bytes:
        findings.append(finding("SB112", label, 0, f"the entries declare {total} bytes uncompressed, over the "
                                f"{limits.max_total_bytes}-byte limit", "split the course or shrink its media"))
    return findings


def _in_junk_dir(name: str) -> bool:
    return name.split("/", 1)[0] in JUNK_DIRS


def _name_findings(name: str, report_junk: bool = True) -> list[Problem]:
    findings: list[Problem] = []
    long_parts = [part for part in name.rstrip("/").split("/") if len(part.encode("utf-8")) > NAME_PART_MAX_BYTES]
    if long_parts:
        findings.append(finding("SB118", name, 0, f"a part of the name is {len(long_parts[0].encode('utf-8'))} "
                                f"bytes long; file systems accept at most {NAME_PART_MAX_BYTES}, so unzipping it "
                                "on the LMS server fails", "shorten the file or folder name"))
    if ABSOLUTE_RE.match(name):
        findings.append(finding("SB101", name, 0, "entry name is an absolute path; unzipping writes outside "
                                "the target folder", _REBUILD))
    if ".." in re.split(r"[/\\]", name):
        findings.append(finding("SB102", name, 0, "entry name climbs out of the package with '..' (zip slip)",
                                _REBUILD))
    if "\\" in name:
        findings.append(finding("SB103", name, 0, "entry name has a backslash; on the LMS server it is part "
                                "of the file name, not a folder separator",
                                "zip with a tool that writes '/', not Windows' 'Send to compressed folder'"))
    if _CONTROL.search(name):
        findings.append(finding("SB103", name, 0,
                                "entry name has a control character", "rename the file"))
    if is_junk(name):
        if report_junk:
            findings.append(finding("SB106", name, 0, "operating-system junk file",
                                    "remove it; on macOS zip with: zip -r course.zip . -x '__MACOSX/*' '*.DS_Store'"))
    elif " " in name or not name.isascii():
        findings.append(finding("SB105", name, 0, "entry name has spaces or non-ASCII characters; some LMSs "
                                "and web servers mangle them", "rename to letters, digits, '-', '_' and '.'"))
    return findings


def _duplicates(entries: list[Entry]) -> list[Problem]:
    counts: dict[str, int] = defaultdict(int)
    for entry in entries:
        counts[unpacked_name(entry.name)] += 1
    return [
        finding("SB116", name, 0, f"the name appears {n} times (counting './' forms); unzipping keeps only the "
                "last copy", "build the zip again from a folder")
        for name, n in counts.items() if n > 1
    ]


def _case_collisions(entries: list[Entry]) -> list[Problem]:
    groups: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        groups[entry.name.rstrip("/").casefold()].add(entry.name.rstrip("/"))
    findings: list[Problem] = []
    for names in groups.values():
        if len(names) < 2:
            continue
        first, *others = sorted(names)
        for name in others:
            findings.append(finding("SB104", name, 0, f"collides with {first!r} when case is ignored "
                                    "(Windows and macOS keep only one)", "rename one of them"))
    return findings
