"""One run of the linter over one package, top to bottom: open, entries, manifest, rules."""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ..layout import MANIFEST
from ..problems import Problem, display_path
from . import manifest_rules, resource_rules, structure_rules, zip_rules
from .codes import finding
from .schema import SchemaFolderError, check_schema, load_schema
from .source import DEFAULT_LIMITS, Entry, FolderSource, Limits, ReadFailure, ZipSource, open_source
from .spec import is_junk

_HOSTILE_SIZES = {"SB111", "SB112", "SB113"}


def lint_package(path: Path, schemas: Path | None = None, limits: Limits = DEFAULT_LIMITS) -> list[Problem]:
    """All findings for the package at ``path``, sorted; ``limits`` are lowered by tests."""
    label = package_label(path)
    findings: list[Problem] = []
    schema = None
    if schemas is not None:
        try:
            schema = load_schema(schemas)
        except SchemaFolderError as exc:
            findings.append(finding("SB009", package_label(schemas), 0, f"--schemas folder cannot be used: {exc}",
                                    "give the folder holding imscp_rootv1p1p2.xsd, adlcp_rootv1p2.xsd and ims_xml.xsd"))
    try:
        source = open_source(path, label, limits)
    except ReadFailure as failure:
        return sorted(set(findings + [failure.problem(label)]))
    with source:
        findings += _inspect(source, label, schema, limits)
    return sorted(set(findings))


def locate_manifest(entries: list[Entry], label: str) -> tuple[Entry | None, str, list[Problem]]:
    """The manifest entry, the folder prefix it sits in ('' at the root), and findings about where it is."""
    files = [e for e in entries if not e.is_dir]
    for entry in files:
        if entry.name == MANIFEST:
            return entry, "", []
    named = [e for e in files if re.split(r"[/\\]", e.name)[-1] == MANIFEST and not is_junk(e.name)]
    if named:
        entry = min(named, key=lambda e: (len(re.split(r"[/\\]", e.name)), e.name))
        folder = entry.name[: -len(MANIFEST)]
        return entry, folder, [finding(
            "SB006", entry.name, 0, f"imsmanifest.xml is in the folder {folder!r}, not at the package root",
            f"the whole package was zipped inside a folder: zip the contents of {folder!r}, not the folder")]
    near = [e for e in files if re.split(r"[/\\]", e.name)[-1].lower() == MANIFEST and not is_junk(e.name)]
    if near:
        return None, "", [finding("SB005", label, 0, "the package has no imsmanifest.xml",
                                  f"found {near[0].name!r}: the name must be exactly imsmanifest.xml, at the root")]
    zips = [e for e in files if e.name.lower().endswith(".zip")]
    if zips:
        return None, "", [finding("SB007", label, 0, f"no imsmanifest.xml, but the zip holds {zips[0].name!r}",
                                  f"a package was zipped inside another zip: use {zips[0].name!r} itself")]
    return None, "", [finding("SB005", label, 0, "the package has no imsmanifest.xml",
                              "a SCORM package has imsmanifest.xml at its root: is this the right file?")]


def _inspect(source: ZipSource | FolderSource, label: str, schema: etree.XMLSchema | None,
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
    problems = manifest_rules.check_root(root, where)
    if problems:
        return findings + problems
    # A symbolic link inside a zip is no file an LMS can serve (SB110); in a folder it is one.
    files = {e.name for e in source.entries if not e.is_dir and not (e.symlink and source.kind == "zip")}
    findings += manifest_rules.check_manifest(root, where)
    findings += structure_rules.check_structure(root, where)
    findings += resource_rules.check_resources(root, where, files, prefix)
    if schema is not None:
        findings += check_schema(root, where, schema)
    return findings


def package_label(path: Path) -> str:
    try:
        return display_path(path)
    except OSError:  # the working directory was removed
        return str(path)
