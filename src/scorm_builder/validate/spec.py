"""SCORM 1.2 manifest facts the linter checks, with their source.

The namespaces and limits the builder also uses live in ``scorm_builder.scorm12``; this
module adds what only the linter needs. References: ADL SCORM 1.2 CAM 2.3 (manifest and
adlcp extensions), adlcp_rootv1p2.xsd, Moodle mod/scorm (identifier pattern, timespan).
"""
from __future__ import annotations

import re

from ..scorm12 import IDENTIFIER_MAX, NS_ADLCP, NS_IMSCP, NS_IMSMD, NS_XML, TIMESPAN_RE, adlcp, cp
from .spec2004 import NS_ADLCP_2004, NS_ADLNAV, NS_ADLSEQ, NS_IMSCP_2004, NS_IMSSS

__all__ = [
    "IDENTIFIER_MAX", "NS_ADLCP", "NS_IMSCP", "NS_IMSMD", "TIMESPAN_RE",
    "NS_XML", "NS_IMSCP_2004", "NS_SCORM2004", "SCORM_TYPES", "TIME_LIMIT_ACTIONS",
    "XML_ID_RE", "JUNK_DIRS", "JUNK_FILES", "HTML_SUFFIXES", "SCHEMA_SUFFIXES", "cp", "adlcp", "is_junk",
    "escapes_root", "ABSOLUTE_RE", "AICC_SUFFIXES", "CMI5_MANIFEST", "NAME_PART_MAX_BYTES",
    "unpacked_name", "WEBCONTENT", "ADLCP_NAMES", "ADLCP_ITEM_DATA",
    "PREREQUISITE_TYPE", "PREREQUISITE_STATUSES",
]

# SCORM 2004 extension namespaces, named as a SCORM 1.2 manifest that uses one is told (SB206).
NS_SCORM2004 = {
    NS_ADLCP_2004: "adlcp (SCORM 2004)",
    NS_ADLSEQ: "adlseq (SCORM 2004 sequencing)",
    NS_ADLNAV: "adlnav (SCORM 2004 navigation)",
    NS_IMSSS: "imsss (SCORM 2004 simple sequencing)",
}

# adlcp_rootv1p2.xsd: the attribute and elements of the adlcp namespace, all lower case.
ADLCP_NAMES = frozenset({"scormtype", "masteryscore", "maxtimeallowed", "timelimitaction", "datafromlms",
                         "prerequisites", "location"})
# The item-level elements (CAM 2.3.3): they describe how an item's SCO is launched and scored.
ADLCP_ITEM_DATA = ("prerequisites", "maxtimeallowed", "timelimitaction", "datafromlms", "masteryscore")
# adlcp_rootv1p2.xsd: scormtype is the enumeration {sco, asset}; timeLimitActionType likewise.
SCORM_TYPES = ("sco", "asset")
TIME_LIMIT_ACTIONS = ("exit,message", "exit,no message", "continue,message", "continue,no message")
# imscp_rootv1p1p2.xsd types identifiers as xsd:ID, an NCName: a letter or '_' first, then
# letters, digits, '.', '-', '_', combining marks and extenders (XML 1.0 names, 5th edition).
XML_ID_RE = re.compile(r"^[^\W\d][\w.\u00B7\u0300-\u036F\u203F\u2040-]*$")

# A path that starts at a root: '/x', '\\x' or a Windows drive 'C:'.
ABSOLUTE_RE = re.compile(r"^([/\\]|[A-Za-z]:)")
# Files an operating system drops into a folder or archive; no LMS needs them.
JUNK_DIRS = ("__MACOSX",)
JUNK_FILES = (".ds_store", "thumbs.db", "desktop.ini")  # compared case-insensitively
# SCORM 1.2 CAM 2.3.4: a resource's type is "webcontent" (IMS CP leaves the vocabulary open).
WEBCONTENT = "webcontent"
# adlcp:prerequisites (CAM 2.3.3, the AICC script): Moodle evaluates it only with type="aicc_script",
# and knows these status words and abbreviations (mod/scorm/locallib.php, scorm_eval_prerequisites).
PREREQUISITE_TYPE = "aicc_script"
PREREQUISITE_STATUSES = ("passed", "completed", "failed", "incomplete", "browsed", "not attempted",
                         "p", "c", "f", "i", "b", "n")
# A SCO is launched in a browser frame: an HTML page.
HTML_SUFFIXES = (".html", ".htm")
# Schema files packages carry for the manifest (at the root, or in folders such as iSpring's
# common/, extend/, unique/, vocab/ or Lectora's dtd/); tools never list them in <file>.
SCHEMA_SUFFIXES = (".xsd", ".dtd")
# What a package is when it has no imsmanifest.xml: an AICC course's structure files (AICC CMI001
# 2.2: .crs, .au, .des and .cst are required), or a cmi5 course structure at the root.
AICC_SUFFIXES = (".crs", ".au", ".des", ".cst")
CMI5_MANIFEST = "cmi5.xml"
# Most file systems (ext4, NTFS, APFS) refuse a file or folder name longer than 255 bytes (UTF-8).
NAME_PART_MAX_BYTES = 255


def escapes_root(name: str) -> bool:
    """An absolute name, or one with a '..' segment: it would land outside the package folder."""
    return bool(ABSOLUTE_RE.match(name)) or ".." in re.split(r"[/\\]", name)


def unpacked_name(name: str) -> str:
    """The name an entry gets when unzipped: leading './' segments go."""
    while name.startswith("./"):
        name = name[2:]
    return name


def is_junk(name: str) -> bool:
    parts = name.rstrip("/").split("/")
    base = parts[-1]
    return (
        any(part in JUNK_DIRS for part in parts)
        or base.lower() in JUNK_FILES
        or (base.startswith("._") and len(base) > 2)  # AppleDouble resource forks
    )
