"""Resources and the files they name: every href exists (case-sensitively), nothing is left unlisted.

A resource's ``href`` is what an LMS launches: naming no file is an error (SB401). A ``<file>``
entry is inventory only (IMS CP makes it optional; LMSs serve every file of the package): one
naming no file is a note (SB410), and so is a file no ``<file>`` lists (SB403).

An href is a relative URI: its query and fragment are dropped, ``xml:base`` of the enclosing
elements is applied (RFC 3986 merge), percent-escapes are decoded, then the result must name a
file of the package, exactly: LMS servers run on case-sensitive file systems.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from typing import NamedTuple
from urllib.parse import unquote

from lxml import etree

from ..layout import MANIFEST
from ..problems import Problem
from .codes import finding
from .dialect import SCORM12, Dialect
from .spec import (
    ABSOLUTE_RE,
    HTML_SUFFIXES,
    NS_XML,
    SCHEMA_SUFFIXES,
    WEBCONTENT,
    escapes_root,
    is_junk,
)

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")  # two letters at least: "C:" is a drive, not a scheme
_XML_BASE = f"{{{NS_XML}}}base"


class _Files:
    """The package's files below the manifest's folder (``prefix``), and which hrefs named."""

    def __init__(self, names: set[str], prefix: str):
        self.names, self.prefix = names, prefix
        self.by_case: dict[str, list[str]] = defaultdict(list)
        self.by_nfc: dict[str, list[str]] = defaultdict(list)
        self.listed: set[str] = set()
        for name in sorted(names):
            self.by_case[name.casefold()].append(name)
            self.by_nfc[unicodedata.normalize("NFC", name)].append(name)


def check_resources(root: etree._Element, where: str, files: set[str], prefix: str,
                    d: Dialect = SCORM12) -> list[Problem]:
    """``files``: names of the package's files (not folders); ``prefix``: the manifest's folder ('' or 'x/')."""
    package = _Files(files, prefix)
    findings: list[Problem] = []
    for res in root.iter(d.cp("resource")):
        findings += _resource(res, where, package, d)
    findings += _locations(root, where, package, d)
    return findings + _unlisted(package)


def _resource(res: etree._Element, where: str, package: _Files, d: Dialect) -> list[Problem]:
    ident = res.get("identifier") or "?"
    findings: list[Problem] = []
    kind = res.get("type")
    if kind is None:
        findings.append(finding("SB408", where, res.sourceline, f"resource {ident!r} has no type attribute",
                                'add type="webcontent"'))
    elif kind != WEBCONTENT:
        findings.append(finding("SB412", where, res.sourceline, f"resource {ident!r} has type={kind!r}; {d.standard} "
                                "packages use only 'webcontent', and some LMSs skip other resources",
                                'write type="webcontent"'))
    bases = [a.get(_XML_BASE) for a in reversed(list(res.iterancestors())) if a.get(_XML_BASE)]
    if res.get(_XML_BASE):
        bases.append(res.get(_XML_BASE))
    is_sco = d.scormtype_of(res) == "sco"
    href = (res.get("href") or "").strip()
    reported: set[str] = set()
    if not href and is_sco:
        findings.append(finding("SB405", where, res.sourceline, f"SCO resource {ident!r} has no href, so the LMS "
                                "cannot launch it", 'add href="<its HTML page>"'))
    elif href:
        target = _check_href(href, bases, f"resource {ident!r}", res.sourceline, where, package, is_sco, findings)
        if target.missing:
            reported.add(target.rel)
        if target.found and is_sco and not target.rel.lower().endswith(HTML_SUFFIXES):
            page = target.rel.rsplit("/", 1)[-1]
            findings.append(finding("SB404", where, res.sourceline,
                                    f"SCO resource {ident!r} launches {page!r}, not an HTML page",
                                    "launch an .html page that loads the content and talks to the LMS"))
    for file in res.iter(d.cp("file")):
        file_href = file.get("href")
        if file_href is not None:
            _check_href(file_href.strip(), bases, f"<file> of resource {ident!r}", file.sourceline, where, package,
                        False, findings, inventory=True, reported=reported)
    return findings


def _locations(root: etree._Element, where: str, package: _Files, d: Dialect) -> list[Problem]:
    """``adlcp:location`` (in any ``<metadata>``) names an XML metadata file of the package."""
    findings: list[Problem] = []
    for el in root.iter(d.adlcp("location")):
        href = (el.text or "").strip()
        if not href:
            findings.append(finding("SB411", where, el.sourceline, "adlcp:location is empty",
                                    "write the metadata file's path, e.g. metadata.xml, or remove the element"))
            continue
        _check_href(href, [], "adlcp:location", el.sourceline, where, package, False, findings, location=True)
    return findings


class _Target(NamedTuple):
    """Where a resource's href points inside the package, and whether a file is there."""

    rel: str = ""  # the path below the manifest's folder, when the href is one
    found: bool = False
    missing: bool = False  # a package path that names no file (reported)


def _check_href(href: str, bases: list[str], what: str, line: int, where: str, package: _Files, is_sco: bool,
                findings: list[Problem], inventory: bool = False, location: bool = False,
                reported: set[str] | None = None) -> _Target:
    """Resolve ``href`` to a package path; report it when it names no file of the package.

    A ``<file>`` entry (``inventory``) that names no file is an inventory mistake (SB410), not a
    broken launch; one that repeats its resource's missing href (``reported``) is not reported again.
    """
    ref = href.split("#", 1)[0].split("?", 1)[0]
    parts = bases + [ref]
    if any(_SCHEME.match(p) for p in parts):
        hint = ("LMSs block SCOs from other sites: package the page" if is_sco
                else "package the file so the course works offline")
        findings.append(finding("SB406", where, line, f"{what} href '{href}' is an external URL, not checked", hint))
        return _Target()
    if any(ABSOLUTE_RE.match(p) for p in parts):
        findings.append(finding("SB407", where, line, f"{what} href '{href}' is an absolute path",
                                "make it relative to imsmanifest.xml"))
        return _Target()
    merged = ""
    for part in parts:
        merged = merged[: merged.rfind("/") + 1] + part
    segments: list[str] = []
    for seg in unquote(merged).split("/"):
        if seg == "..":
            if not segments:
                findings.append(finding("SB407", where, line, f"{what} href '{href}' points outside the package",
                                        "keep every file below the folder of imsmanifest.xml"))
                return _Target()
            segments.pop()
        elif seg not in ("", "."):
            segments.append(seg)
    rel = "/".join(segments)
    full = package.prefix + rel
    if full in package.names:
        package.listed.add(full)
        return _Target(rel, found=True)
    if reported is not None and rel in reported:
        return _Target(rel, missing=True)
    code = "SB410" if inventory else "SB411" if location else "SB401"
    shown = f" (resolved to '{rel}')" if rel != href else ""
    same_but_case = package.by_case.get(full.casefold())
    other_form = package.by_nfc.get(unicodedata.normalize("NFC", full))
    if other_form:
        package.listed.update(other_form)
        real = " and ".join(f"'{name[len(package.prefix):]}'" for name in other_form)
        findings.append(finding(code, where, line, f"{what} href '{href}'{shown} matches {real} only after Unicode "
                                "normalization: the same letters, encoded differently",
                                "LMS servers compare bytes: save the file name and the href in the same form, NFC; "
                                "macOS tools often write NFD"))
    elif same_but_case:
        package.listed.update(same_but_case)
        real = " and ".join(f"'{name[len(package.prefix):]}'" for name in same_but_case)
        findings.append(finding("SB402" if code == "SB401" else code, where, line, f"{what} href '{href}'{shown} "
                                "matches a file only when case is ignored",
                                f"the package has {real}: names are case-sensitive on LMS servers"))
    else:
        hint = ("use '/' between folders, not '\\'" if "\\" in href
                else "add the file to the package or correct the href")
        effect = {"SB410": "; no launch depends on it, only the manifest's inventory is wrong",
                  "SB411": "; LMSs that import metadata fail or skip it"}.get(code, "")
        findings.append(finding(code, where, line, f"{what} href '{href}'{shown} names a file that is not in "
                                f"the package{effect}", hint))
    return _Target(rel, missing=True)


def _unlisted(package: _Files) -> list[Problem]:
    findings = []
    for name in sorted(package.names - package.listed):
        rel = name[len(package.prefix):]
        if not name.startswith(package.prefix) or is_junk(name) or escapes_root(name):
            continue
        if rel.rsplit("/", 1)[-1] == MANIFEST:  # the manifest, or another copy (SB010)
            continue
        if rel.lower().endswith(SCHEMA_SUFFIXES):
            continue
        findings.append(finding("SB403", name, 0, "file is not listed in any <file> or adlcp:location of the "
                                "manifest; LMSs serve it anyway, as IMS CP makes <file> optional",
                                "list it in the resource that uses it, or delete it if nothing does"))
    return findings
