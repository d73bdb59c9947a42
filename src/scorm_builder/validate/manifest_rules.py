"""Parse imsmanifest.xml safely, tell SCORM 1.2 from 2004 by its root, then check a 1.2 manifest's
namespaces, version metadata and adlcp values (``scorm2004_rules.py`` does the same for 2004).

The parser never resolves entities, loads a DTD or touches the network, and keeps libxml2's
size and depth limits (``huge_tree=False``). Any DOCTYPE is refused: a SCORM 1.2 manifest has
none, and it is how entity bombs ("billion laughs") and external entities (XXE) arrive. Nothing
from a refused DOCTYPE is echoed in a finding.
"""
from __future__ import annotations

import re

from lxml import etree

from ..problems import Problem
from .codes import finding
from .dialect import SCORM12, SCORM2004, Dialect
from .source import Limits
from .spec import (
    ADLCP_NAMES,
    NS_ADLCP,
    NS_IMSCP,
    NS_IMSCP_2004,
    NS_SCORM2004,
    SCORM_TYPES,
    TIME_LIMIT_ACTIONS,
    TIMESPAN_RE,
    adlcp,
    cp,
)

# "<!DOCTYPE" in UTF-8, UTF-16-LE and UTF-16-BE (spelt out: encoding it loads two codecs at every start-up)
_DOCTYPE_MARKERS = (b"<!DOCTYPE", b"<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E\x00",
                    b"\x00<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E")
_LIBXML_WHERE = re.compile(r", line \d+, column \d+$")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_MANIFEST_START = f'<manifest xmlns="{NS_IMSCP}" xmlns:adlcp="{NS_ADLCP}" ...>'


def parse(data: bytes, where: str, limits: Limits) -> tuple[etree._Element | None, list[Problem]]:
    """The root element, or ``None`` and the findings that stop the manifest checks."""
    doctype_at = next((data.find(m) for m in _DOCTYPE_MARKERS if m in data), -1)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        if doctype_at >= 0:
            return None, [_doctype(where, data, doctype_at)]
        msg = _LIBXML_WHERE.sub("", exc.msg or str(exc))
        if msg.startswith("Excessive depth"):
            return None, [_too_deep(where, exc.lineno, "more than 256 levels deep (libxml2's limit)")]
        return None, [finding("SB201", where, exc.lineno, f"not well-formed XML: {msg}",
                              "fix the XML syntax at this line; an XML editor points at it")]
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        return None, [_doctype(where, data, max(doctype_at, 0))]
    depth, line = _depth(root)
    if depth > limits.max_xml_depth:
        return None, [_too_deep(where, line, f"{depth} levels deep, over the limit of {limits.max_xml_depth}")]
    return root, []


def check_root(root: etree._Element, where: str) -> tuple[Dialect | None, list[Problem]]:
    """The standard the manifest is written in, or ``None`` and why the other checks would be meaningless.

    The root's namespace says it: IMS CP 1.1.2 is SCORM 1.2, IMS CP 1.1.4 is SCORM 2004.
    """
    name = etree.QName(root)
    if name.localname == "manifest" and name.namespace == NS_IMSCP:
        return SCORM12, []
    if name.localname == "manifest" and name.namespace == NS_IMSCP_2004:
        return SCORM2004, []
    shown = f"{{{name.namespace}}}{name.localname}" if name.namespace else name.localname
    return None, [finding("SB204", where, root.sourceline, f"root element is {shown}, not an IMS CP 1.1.2 (SCORM 1.2) "
                          "or 1.1.4 (SCORM 2004) manifest",
                          f"write {_MANIFEST_START} for SCORM 1.2, or the root in {NS_IMSCP_2004} for SCORM 2004")]


def check_manifest(root: etree._Element, where: str) -> list[Problem]:
    return _namespaces(root, where) + _metadata(root, where) + _adlcp_values(root, where)


def _doctype(where: str, data: bytes, at: int) -> Problem:
    line = data[:at].count(b"\n") + 1 if at >= 0 else 0
    return finding("SB202", where, line, "the manifest has a DOCTYPE or entity declarations; refused unread, as entity "
                   "bombs and external entities arrive this way", "remove the <!DOCTYPE ...> block")


def _too_deep(where: str, line: int | None, detail: str) -> Problem:
    return finding("SB203", where, line, f"elements are nested {detail}",
                   "a SCORM manifest needs a few levels; flatten the item tree")


def _depth(root: etree._Element) -> tuple[int, int]:
    deepest, line = 1, root.sourceline
    pending = [(root, 1)]
    while pending:
        el, depth = pending.pop()
        if depth > deepest:
            deepest, line = depth, el.sourceline
        pending.extend((child, depth + 1) for child in el)
    return deepest, line


def _namespaces(root: etree._Element, where: str) -> list[Problem]:
    findings: list[Problem] = []
    reported: set[str] = set()
    for el in root.iter(tag=etree.Element):
        names = [(etree.QName(el), "element")] + [(etree.QName(a), "attribute") for a in el.attrib]
        for name, kind in names:
            ns = name.namespace
            if ns in NS_SCORM2004 and ns not in reported:
                reported.add(ns)
                findings.append(finding("SB206", where, el.sourceline,
                                        f"{NS_SCORM2004[ns]} namespace {ns} is not SCORM 1.2",
                                        f"bind adlcp to {NS_ADLCP} and drop SCORM 2004 sequencing/navigation"))
            elif ns and "adlnet.org" in ns and ns != NS_ADLCP and ns not in reported:
                reported.add(ns)
                findings.append(finding("SB207", where, el.sourceline, f"{kind} {name.localname} is in namespace "
                                        f"{ns}, not adlcp", f'the adlcp namespace is exactly "{NS_ADLCP}"'))
            elif ns == NS_ADLCP and name.localname not in ADLCP_NAMES:
                findings.append(_adlcp_spelling(name.localname, kind, where, el.sourceline))
            elif name.localname.lower() in ADLCP_NAMES and ns in (None, NS_IMSCP):
                findings.append(finding("SB207", where, el.sourceline,
                                        f"{kind} {name.localname} has no adlcp: prefix, so LMSs ignore it",
                                        f"write adlcp:{name.localname.lower()} with xmlns:adlcp=\"{NS_ADLCP}\""))
    return findings


def _adlcp_spelling(local: str, kind: str, where: str, line: int) -> Problem:
    """An adlcp-namespace name SCORM 1.2 does not define, most often a known one in the wrong case."""
    if local.lower() in ADLCP_NAMES:
        return finding("SB505", where, line, f"{kind} adlcp:{local} is spelt adlcp:{local.lower()} in SCORM 1.2; "
                       "XML names are case-sensitive, so schema-validating LMSs reject it and others ignore it; "
                       "Moodle alone reads it regardless of case", f"write adlcp:{local.lower()}")
    known = ", ".join(sorted(ADLCP_NAMES))
    return finding("SB505", where, line, f"{kind} adlcp:{local} is not defined by SCORM 1.2, so LMSs ignore it",
                   f"the adlcp names are: {known}")


def _metadata(root: etree._Element, where: str) -> list[Problem]:
    wanted = "<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>"
    meta = root.find(cp("metadata"))
    schema = meta.find(cp("schema")) if meta is not None else None
    version = meta.find(cp("schemaversion")) if meta is not None else None
    if schema is None or version is None:
        return [finding("SB208", where, (meta if meta is not None else root).sourceline,
                        "the manifest does not say it is SCORM 1.2; LMSs guess the version",
                        f"add {wanted} as the manifest's first child")]
    findings: list[Problem] = []
    if (schema.text or "").strip() != "ADL SCORM":
        findings.append(finding("SB209", where, schema.sourceline,
                                f"<schema> is {(schema.text or '').strip()!r}, not 'ADL SCORM'",
                                "write <schema>ADL SCORM</schema>"))
    text = (version.text or "").strip()
    if text != "1.2":
        scorm2004 = " (that is SCORM 2004)" if "2004" in text or "1.3" in text else ""
        findings.append(finding("SB209", where, version.sourceline,
                                f"<schemaversion> is {text!r}, not '1.2'{scorm2004}",
                                "write <schemaversion>1.2</schemaversion>"))
    return findings


def _adlcp_values(root: etree._Element, where: str) -> list[Problem]:
    findings: list[Problem] = []
    for el in root.iter(adlcp("masteryscore")):
        text = (el.text or "").strip()
        if not (_NUMBER.match(text) and 0 <= float(text) <= 100):
            findings.append(finding("SB501", where, el.sourceline,
                                    f"adlcp:masteryscore {text!r} is not a number from 0 to 100",
                                    "write the pass mark in percent, e.g. <adlcp:masteryscore>80</adlcp:masteryscore>"))
    for el in root.iter(cp("resource")):
        value = el.get(adlcp("scormtype"))
        if value is not None and value not in SCORM_TYPES:
            fixed = value.strip().lower()
            hint = (f"write adlcp:scormtype=\"{fixed}\": lower case, no spaces" if fixed in SCORM_TYPES
                    else "write 'sco' for a page that talks to the LMS, 'asset' for anything else")
            findings.append(finding("SB502", where, el.sourceline, f"adlcp:scormtype {value!r} is not 'sco' or 'asset'",
                                    hint))
    for el in root.iter(adlcp("maxtimeallowed")):
        text = (el.text or "").strip()
        if not TIMESPAN_RE.match(text):
            findings.append(finding("SB503", where, el.sourceline,
                                    f"adlcp:maxtimeallowed {text!r} is not HHHH:MM:SS.SS",
                                    "write hours:minutes:seconds, e.g. 00:30:00 for half an hour"))
    for el in root.iter(adlcp("timelimitaction")):
        text = (el.text or "").strip()
        if text not in TIME_LIMIT_ACTIONS:
            choices = "; ".join(TIME_LIMIT_ACTIONS)
            findings.append(finding("SB504", where, el.sourceline,
                                    f"adlcp:timelimitaction {text!r} is not an allowed value",
                                    f"write one of: {choices}"))
    return findings
