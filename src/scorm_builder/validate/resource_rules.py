"""Resources and the files they name: every href exists (case-sensitively), nothing is left unlisted.

An href is a relative URI: its query and fragment are dropped, ``xml:base`` of the enclosing
elements is applied (RFC 3986 merge), percent-escapes are decoded, then the result must name a
file of the package, exactly: LMS servers run on case-sensitive file systems.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml import etree

from ..layout import MANIFEST
from ..problems import Problem
from .codes import finding
from .spec import ABSOLUTE_RE, HTML_SUFFIXES, NS_XML, SCHEMA_SUFFIXES, adlcp, cp, escapes_root, is_junk

MAX_UNLISTED_REPORTED = 50
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")  # two letters at least: "C:" is a drive, not a scheme
_XML_BASE = f"{{{NS_XML}}}base"


@dataclass
class _Files:
    """The package's files below the manifest's folder (``prefix``), and which hrefs named."""

    names: set[str]
    prefix: str
    by_case: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    listed: set[str] = field(default_factory=set)

    def __post_init__(self):
        for name in sorted(self.names):
            self.by_case[name.casefold()].append(name)


def check_resources(root: etree._Element, where: str, files: set[str], prefix: str) -> list[Problem]:
    """``files``: names of the package's files (not folders); ``prefix``: the manifest's folder ('' or 'x/')."""
    package = _Files(files, prefix)
    findings: list[Problem] = []
    for res in root.iter(cp("resource")):
        findings += _resource(res, where, package)
    return findings + _unlisted(package, where)


def _resource(res: etree._Element, where: str, package: _Files) -> list[Problem]:
    ident = res.get("identifier") or "?"
    findings: list[Problem] = []
    if res.get("type") is None:
        findings.append(finding("SB408", where, res.sourceline, f"resource {ident!r} has no type attribute",
                                'add type="webcontent"'))
    bases = [a.get(_XML_BASE) for a in reversed(list(res.iterancestors())) if a.get(_XML_BASE)]
    if res.get(_XML_BASE):
        bases.append(res.get(_XML_BASE))
    is_sco = res.get(adlcp("scormtype")) == "sco"
    href = (res.get("href") or "").strip()
    if not href and is_sco:
        findings.append(finding("SB405", where, res.sourceline, f"SCO resource {ident!r} has no href, so the LMS "
                                "cannot launch it", 'add href="<its HTML page>"'))
    elif href:
        target = _check_href(href, bases, f"resource {ident!r}", res.sourceline, where, package, is_sco, findings)
        if target and is_sco and not target.lower().endswith(HTML_SUFFIXES):
            findings.append(finding("SB404", where, res.sourceline,
                                    f"SCO resource {ident!r} launches {target.rsplit('/', 1)[-1]!r}, not an HTML page",
                                    "launch an .html page that loads the content and talks to the LMS"))
    for file in res.iter(cp("file")):
        file_href = file.get("href")
        if file_href is not None:
            _check_href(file_href.strip(), bases, f"<file> of resource {ident!r}", file.sourceline, where, package,
                        False, findings)
    return findings


def _check_href(href: str, bases: list[str], what: str, line: int, where: str, package: _Files,
                is_sco: bool, findings: list[Problem]) -> str | None:
    """The package path ``href`` names, or ``None`` (with a finding when it is not a package file)."""
    ref = href.split("#", 1)[0].split("?", 1)[0]
    parts = bases + [ref]
    if any(_SCHEME.match(p) for p in parts):
        hint = ("LMSs block SCOs from other sites: package the page" if is_sco
                else "package the file so the course works offline")
        findings.append(finding("SB406", where, line, f"{what} href '{href}' is an external URL, not checked", hint))
        return None
    if any(ABSOLUTE_RE.match(p) for p in parts):
        findings.append(finding("SB407", where, line, f"{what} href '{href}' is an absolute path",
                                "make it relative to imsmanifest.xml"))
        return None
    merged = ""
    for part in parts:
        merged = merged[: merged.rfind("/") + 1] + part
    segments: list[str] = []
    for seg in unquote(merged).split("/"):
        if seg == "..":
            if not segments:
                findings.append(finding("SB407", where, line, f"{what} href '{href}' points outside the package",
                                        "keep every file below the folder of imsmanifest.xml"))
                return None
            segments.pop()
        elif seg not in ("", "."):
            segments.append(seg)
    rel = "/".join(segments)
    full = package.prefix + rel
    if full in package.names:
        package.listed.add(full)
        return rel
    shown = f" (resolved to '{rel}')" if rel != href else ""
    same_but_case = package.by_case.get(full.casefold())
    if same_but_case:
        package.listed.update(same_but_case)
        real = " and ".join(f"'{name[len(package.prefix):]}'" for name in same_but_case)
        findings.append(finding("SB402", where, line, f"{what} href '{href}'{shown} matches a file only when case "
                                "is ignored", f"the package has {real}: names are case-sensitive on LMS servers"))
        return None
    hint = ("use '/' between folders, not '\\'" if "\\" in href
            else "add the file to the package or correct the href")
    findings.append(finding("SB401", where, line, f"{what} href '{href}'{shown} names a file that is not in "
                            "the package", hint))
    return None


def _unlisted(package: _Files, where: str) -> list[Problem]:
    unlisted = []
    for name in sorted(package.names - package.listed):
        rel = name[len(package.prefix):]
        if not name.startswith(package.prefix) or is_junk(name) or escapes_root(name) or rel == MANIFEST:
            continue
        if "/" not in rel and rel.lower().endswith(SCHEMA_SUFFIXES):
            continue
        unlisted.append(name)
    findings = [
        finding("SB403", name, 0, "file is not listed in any <file> of the manifest",
                "add <file href=...> to the resource that uses it, or delete the file")
        for name in unlisted[:MAX_UNLISTED_REPORTED]
    ]
    if len(unlisted) > MAX_UNLISTED_REPORTED:
        findings.append(finding("SB403", where, 0, f"{len(unlisted) - MAX_UNLISTED_REPORTED} more files are not "
                                "listed in any <file>", "list every file of the package in the manifest"))
    return findings
