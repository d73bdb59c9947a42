"""One run of the linter over one package, top to bottom: open, entries, manifest, rules."""
from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from ..layout import MANIFEST
from ..problems import Problem, display_path
from . import item_rules, manifest_rules, resource_rules, structure_rules, zip_rules
from .codes import finding
from .dialect import SCORM12, Dialect
from .source import DEFAULT_LIMITS, Entry, Limits, ReadFailure, ZipSource, open_source
from .spec import AICC_SUFFIXES, CMI5_MANIFEST, is_junk, unpacked_name

if TYPE_CHECKING:
    from .folder_source import FolderSource

_HOSTILE_SIZES = {"SB111", "SB112"}  # reading stops: counting the bytes would take too long


def lint_package(path: Path, schemas: Path | None = None, limits: Limits = DEFAULT_LIMITS,
                 written: Mapping[str, bytes] | None = None) -> list[Problem]:
    """All findings for the package at ``path``, sorted; ``limits`` are lowered by tests; ``written``:
    see ``ZipSource``."""
    label = package_label(path)
    findings = _schema_folder(schemas)
    if findings:
        schemas = None
    try:
        source = open_source(path, label, limits, written)
    except ReadFailure as failure:
        return sorted(set(findings + [failure.problem(label)]))
    with source:
        findings += _inspect(source, label, schemas, limits)
    return sorted(set(findings))


_SCHEMA_HINT = ("give the folder holding imscp_rootv1p1p2.xsd, adlcp_rootv1p2.xsd and ims_xml.xsd for SCORM 1.2, "
                "or ADL's SCORM 2004 4th Edition schema files, imscp_v1p1.xsd and the others, for SCORM 2004")


def _schema_folder(folder: Path | None) -> list[Problem]:
    """SB009 when ``folder`` holds neither standard's schema files, or its SCORM 1.2 files do not load."""
    if folder is None:
        return []
    from . import schema, schema2004  # only with --schemas
    from .schema import SchemaFolderError

    problem = ""
    if not folder.is_dir():
        problem = "it is not a folder"
    elif schema.has_files(folder):
        try:
            schema.load_schema(folder)
        except SchemaFolderError as exc:
            problem = str(exc)
    elif not schema2004.has_files(folder):
        problem = "it holds neither the SCORM 1.2 nor the SCORM 2004 schema files"
    if not problem:
        return []
    return [finding("SB009", package_label(folder), 0, f"--schemas folder cannot be used: {problem}", _SCHEMA_HINT)]


def _check_schema(root: etree._Element, where: str, dialect: Dialect, folder: Path) -> list[Problem]:
    from . import schema, schema2004  # only with --schemas
    from .schema import SchemaFolderError, check_schema

    try:
        if dialect is SCORM12:
            if not schema.has_files(folder):
                raise SchemaFolderError("this is a SCORM 1.2 package, and the folder holds only the SCORM 2004 "
                                        "schema files")
            xsd = schema.load_schema(folder)
        else:
            xsd = schema2004.load_schema(folder, root)
    except SchemaFolderError as exc:
        return [finding("SB009", package_label(folder), 0, f"--schemas folder cannot be used: {exc}", _SCHEMA_HINT)]
    return check_schema(root, where, xsd)


def locate_manifest(entries: list[Entry], label: str) -> tuple[Entry | None, str, list[Problem]]:
    """The manifest entry, the folder prefix it sits in ('' at the root), and findings about where it is.

    Names are compared as unzipping writes them (``./imsmanifest.xml`` lands at the root). Of
    several copies at the root, the last is linted: unzip tools and LMSs write entries in order,
    so the last copy is the one left on disk.
    """
    files = [e for e in entries if not e.is_dir and not is_junk(e.name)]
    at_root = [e for e in files if unpacked_name(e.name) == MANIFEST]
    named = [e for e in files if _base(e.name) == MANIFEST and e not in at_root]
    if at_root:
        entry = at_root[-1]
        located = [_copy_note(entry, at_root, e, "at the root") for e in at_root if e is not entry]
        located += [_copy_note(entry, at_root, e, f"in the folder {_folder(e.name)!r}") for e in named]
        return entry, "", located
    if named:
        entry = min(named, key=lambda e: (len(re.split(r"[/\\]", unpacked_name(e.name))), e.name))
        folder = _folder(entry.name)
        located = [finding(
            "SB006", entry.name, 0, f"imsmanifest.xml is in the folder {folder!r}, not at the package root",
            f"the whole package was zipped inside a folder: zip the contents of {folder!r}, not the folder")]
        others = [e for e in named if e is not entry]
        located += [_copy_note(entry, [entry], e, f"in the folder {_folder(e.name)!r}") for e in others]
        return entry, folder, located
    return None, "", [_no_manifest(files, label)]


def _base(name: str) -> str:
    return re.split(r"[/\\]", name)[-1]


def _folder(name: str) -> str:
    return unpacked_name(name)[: -len(MANIFEST)]


def _copy_note(linted: Entry, copies: list[Entry], other: Entry, where: str) -> Problem:
    which = f", the last of {len(copies)} copies at the root: the one unzipping leaves" if len(copies) > 1 else ""
    position = f" at entry {linted.position + 1} of the zip" if linted.position >= 0 else ""
    return finding("SB010", other.name, 0,
                   f"another imsmanifest.xml {where}; {linted.name!r}{position} was linted{which}",
                   "LMSs read only the manifest at the root: delete the other copies")


def _no_manifest(files: list[Entry], label: str) -> Problem:
    """SB005 or SB007, saying what the package is when it is another kind of course."""
    names = {unpacked_name(e.name): e.name for e in files}
    near = [e.name for e in files if _base(e.name).lower() == MANIFEST]
    if near:
        return finding("SB005", label, 0, "the package has no imsmanifest.xml",
                       f"found {near[0]!r}: the name must be exactly imsmanifest.xml, at the root")
    aicc = sorted((n for n in names if "/" not in n and n.lower().endswith(AICC_SUFFIXES)),
                  key=lambda n: (AICC_SUFFIXES.index("." + n.rsplit(".", 1)[-1].lower()), n))
    if aicc:
        return finding("SB005", label, 0, f"no imsmanifest.xml: this is an AICC course (course structure "
                       f"file {aicc[0]!r}), not a SCORM package",
                       "upload it as AICC where the LMS supports it, as Moodle does, or export it as SCORM 1.2")
    if any(n.lower() == CMI5_MANIFEST for n in names):
        return finding("SB005", label, 0, "no imsmanifest.xml: this is a cmi5 course (cmi5.xml), not a SCORM package",
                       "upload it to an LMS with cmi5 support, or export it as SCORM 1.2")
    zips = [e.name for e in files if e.name.lower().endswith(".zip")]
    if zips:
        return finding("SB007", label, 0, f"no imsmanifest.xml, but the zip holds {zips[0]!r}",
                       f"a package was zipped inside another zip: use {zips[0]!r} itself")
    return finding("SB005", label, 0, "the package has no imsmanifest.xml",
                   "a SCORM package has imsmanifest.xml at its root: is this the right file?")


def _inspect(source: ZipSource | FolderSource, label: str, schemas: Path | None,
             limits: Limits) -> list[Problem]:
    findings = list(source.findings) + zip_rules.check_names(source.entries)
    container = zip_rules.check_container(source.entries, label, limits) if source.kind == "zip" else []
    findings += container
    manifest, prefix, located = locate_manifest(source.entries, label)
    findings += located
    if not any(p.code in _HOSTILE_SIZES for p in container):
        findings += source.verify({manifest.name} if manifest else set(), limits)
    if manifest is None:
        return findings
    try:
        data = source.read(manifest, limits.max_manifest_bytes)
    except ReadFailure as failure:
        return findings + [failure.problem(manifest.name)]
    where = manifest.name
    root, problems = manifest_rules.parse(data, where, limits)
    if root is None:
        return findings + problems
    dialect, problems = manifest_rules.check_root(root, where)
    if dialect is None:
        return findings + problems
    # A symbolic link inside a zip is no file an LMS can serve (SB110); in a folder it is one.
    files = {unpacked_name(e.name) for e in source.entries if not e.is_dir and not (e.symlink and source.kind == "zip")}
    if dialect is SCORM12:
        findings += manifest_rules.check_manifest(root, where) + item_rules.check_items(root, where)
    else:
        from . import scorm2004_rules, sequencing_rules  # a SCORM 1.2 package never needs them

        findings += scorm2004_rules.check_manifest(root, where) + sequencing_rules.check_sequencing(root, where)
    findings += structure_rules.check_structure(root, where, dialect)
    findings += resource_rules.check_resources(root, where, files, prefix, dialect)
    if schemas is not None:
        findings += _check_schema(root, where, dialect, schemas)
    return findings


def package_label(path: Path) -> str:
    try:
        return display_path(path)
    except OSError:  # the working directory was removed
        return str(path)
