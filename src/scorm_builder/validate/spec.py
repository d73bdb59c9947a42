"""SCORM 1.2 manifest facts the linter checks, with their source.

The namespaces and limits the builder also uses live in ``scorm_builder.scorm12``; this
module adds what only the linter needs. References: ADL SCORM 1.2 CAM 2.3 (manifest and
adlcp extensions), adlcp_rootv1p2.xsd, Moodle mod/scorm (identifier pattern, timespan).
"""
from __future__ import annotations

import re

from ..scorm12 import IDENTIFIER_MAX, NS_ADLCP, NS_IMSCP, NS_IMSMD, NS_XML, TIMESPAN_RE, adlcp, cp

__all__ = [
    "IDENTIFIER_MAX", "NS_ADLCP", "NS_IMSCP", "NS_IMSMD", "TIMESPAN_RE",
    "NS_XML", "NS_IMSCP_2004", "NS_SCORM2004", "SCORM_TYPES", "TIME_LIMIT_ACTIONS", "IDENTIFIER_RE",
    "XML_ID_RE", "JUNK_DIRS", "JUNK_FILES", "HTML_SUFFIXES", "SCHEMA_SUFFIXES", "cp", "adlcp", "is_junk",
    "escapes_root", "ABSOLUTE_RE",
]

# SCORM 2004 namespaces: content packaging 1.1.4 and the ADL/IMS extensions of 2004.
NS_IMSCP_2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
NS_SCORM2004 = {
    "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp (SCORM 2004)",
    "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq (SCORM 2004 sequencing)",
    "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav (SCORM 2004 navigation)",
    "http://www.imsglobal.org/xsd/imsss": "imsss (SCORM 2004 simple sequencing)",
}

# adlcp_rootv1p2.xsd: scormtype is the enumeration {sco, asset}; timeLimitActionType likewise.
SCORM_TYPES = ("sco", "asset")
TIME_LIMIT_ACTIONS = ("exit,message", "exit,no message", "continue,message", "continue,no message")
# Moodle's CMIIdentifier pattern (mod/scorm/datamodels/scorm_12.js): ^[\u0021-\u007E]{0,255}$.
IDENTIFIER_RE = re.compile(r"^[\u0021-\u007E]*$")
# imscp_rootv1p1p2.xsd types identifiers as xsd:ID (an NCName); the ASCII subset of it.
XML_ID_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")

# A path that starts at a root: '/x', '\\x' or a Windows drive 'C:'.
ABSOLUTE_RE = re.compile(r"^([/\\]|[A-Za-z]:)")
# Files an operating system drops into a folder or archive; no LMS needs them.
JUNK_DIRS = ("__MACOSX",)
JUNK_FILES = (".ds_store", "thumbs.db", "desktop.ini")  # compared case-insensitively
# A SCO is launched in a browser frame: an HTML page.
HTML_SUFFIXES = (".html", ".htm")
# Schema files packages carry next to imsmanifest.xml; never listed in <file>.
SCHEMA_SUFFIXES = (".xsd", ".dtd")


def escapes_root(name: str) -> bool:
    """An absolute name, or one with a '..' segment: it would land outside the package folder."""
    return bool(ABSOLUTE_RE.match(name)) or ".." in re.split(r"[/\\]", name)


def is_junk(name: str) -> bool:
    parts = name.rstrip("/").split("/")
    base = parts[-1]
    return (
        any(part in JUNK_DIRS for part in parts)
        or base.lower() in JUNK_FILES
        or (base.startswith("._") and len(base) > 2)  # AppleDouble resource forks
    )
