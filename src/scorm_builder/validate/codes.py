"""The finding codes of ``scorm-builder validate``: one table, one line each.

Codes are stable: a code keeps its meaning once published (docs/validate.md lists them all,
and a test keeps that page and this table in sync). They are grouped by area:

* ``SB0xx`` the input itself (path, zip container, where the manifest is, ``--schemas``)
* ``SB1xx`` zip entries and package files (hygiene and hostile archives)
* ``SB2xx`` the manifest as XML (well-formedness, DOCTYPE, namespaces, SCORM version metadata)
* ``SB3xx`` identifiers and the organization tree
* ``SB4xx`` resources and the files they name
* ``SB5xx`` ADL values (``adlcp:*``)
* ``SB6xx`` XSD validation (``--schemas``)
* ``SB7xx`` SCORM 2004 sequencing and navigation (``imsss:*``, ``adlseq:*``, ``adlnav:*``)

Rules that mean the same in SCORM 1.2 and 2004 (identifiers, references, resources, files) keep
their code for both. SB205 ("this is SCORM 2004") is retired since SCORM 2004 packages are linted;
it is not reused.

Severities say what an LMS does with the package (docs/validate.md gives the reason per code):

* *error*: an LMS fails to import, launch or track it, or a learner is locked out;
* *warning*: a real risk in some LMSs;
* *note*: inventory and hygiene (an unlisted file, a ``<file>`` entry for an absent file,
  operating-system junk); no LMS behaves differently. ``exit_status`` counts notes only when
  asked to (``notes=True``, the CLI's ``--strict-notes``).

A code marked *unusable* means the linter could not or would not look inside the input
(unreadable, no manifest, hostile archive); the CLI exits 2 when one is present.
"""
from __future__ import annotations

from typing import NamedTuple

from ..problems import ERROR, NOTE, WARNING, Problem


class FindingCode(NamedTuple):
    """A linter finding code: its severity, what it means, and whether it makes a package unusable."""

    severity: str
    summary: str
    unusable: bool = False


def _e(summary: str) -> FindingCode:
    return FindingCode(ERROR, summary)


def _w(summary: str) -> FindingCode:
    return FindingCode(WARNING, summary)


def _n(summary: str) -> FindingCode:
    return FindingCode(NOTE, summary)


def _u(summary: str) -> FindingCode:
    return FindingCode(ERROR, summary, unusable=True)


FINDING_CODES: dict[str, FindingCode] = {
    # the input
    "SB001": _u("the path does not exist"),
    "SB002": _u("the path or a file in it cannot be read"),
    "SB003": _u("the path is neither a zip file nor a folder"),
    "SB004": _u("the zip file is corrupt (its central directory cannot be read)"),
    "SB005": _u("the package has no imsmanifest.xml"),
    "SB006": _e("imsmanifest.xml is in a subfolder, not at the package root"),
    "SB007": _u("the package is a zip inside the zip"),
    "SB008": _u("imsmanifest.xml cannot be read (encrypted, corrupt, forged or too large)"),
    "SB009": _u("the --schemas folder cannot be used"),
    "SB010": _n("more than one imsmanifest.xml: which copy was linted"),
    # zip entries and package files
    "SB101": _u("entry name is an absolute path"),
    "SB102": _u("entry name has a '..' segment (zip slip)"),
    "SB103": _e("entry name has a backslash or a control character"),
    "SB104": _e("entry names collide when case is ignored"),
    "SB105": _w("entry name has spaces or non-ASCII characters"),
    "SB106": _n("operating-system junk file"),
    "SB107": _e("entry is encrypted"),
    "SB108": _e("entry is corrupt (CRC mismatch or truncated data)"),
    "SB109": _e("entry uses a compression method other than stored or deflate"),
    "SB110": _u("entry is a symbolic link"),
    "SB111": _u("too many entries"),
    "SB112": _u("total uncompressed size over the limit"),
    "SB113": _n("entry compresses more than 100:1"),
    "SB114": _u("entry decompresses to more bytes than its header declares"),
    "SB115": _u("local header disagrees with the central directory, or entries overlap"),
    "SB116": _e("the same entry name appears twice"),
    "SB117": _e("symbolic link leads outside the package folder"),
    "SB118": _e("entry name has a part longer than 255 bytes"),
    # the manifest as XML
    "SB201": _e("imsmanifest.xml is not well-formed XML"),
    "SB202": _u("imsmanifest.xml has a DOCTYPE or entity declarations"),
    "SB203": _u("imsmanifest.xml is nested too deeply"),
    "SB204": _e("root element is not an IMS CP 1.1.2 manifest"),
    "SB206": _e("SCORM 1.2 manifest uses a SCORM 2004 extension namespace"),
    "SB207": _e("adlcp name in the wrong namespace"),
    "SB208": _w("SCORM version metadata missing"),
    "SB209": _e("SCORM version metadata is not ADL SCORM 1.2"),
    "SB220": _e("SCORM 2004 manifest uses a SCORM 1.2 namespace"),
    "SB221": _e("SCORM 2004 schemaversion missing or one Moodle runs with the SCORM 1.2 API"),
    "SB222": _w("SCORM 2004 version metadata is not as CAM writes it"),
    "SB223": _e("SCORM 2004 adlcp namespace bound to a prefix other than adlcp"),
    # identifiers and organizations
    "SB301": _e("required identifier missing"),
    "SB302": _e("identifier used twice"),
    "SB303": _e("identifier contains whitespace"),
    "SB304": _e("identifier longer than 255 characters"),
    "SB305": _e("identifier has control or other non-printable characters"),
    "SB306": _w("identifier is not a valid XML ID"),
    "SB310": _e("identifierref names no resource"),
    "SB311": _e("organizations/@default names no organization"),
    "SB312": _w("the manifest has no organization"),
    "SB313": _w("SCO reachable from no organization"),
    "SB314": _w("SCORM 2004 item with child items names a resource"),
    # resources and files
    "SB401": _e("resource href names a file that is not in the package"),
    "SB402": _e("resource href matches a file only when case is ignored"),
    "SB403": _n("file in the package not listed in the manifest"),
    "SB404": _w("SCO launch file is not an HTML page"),
    "SB405": _e("SCO resource has no href"),
    "SB406": _w("href is an external URL"),
    "SB407": _e("href leaves the package"),
    "SB408": _e("resource has no type attribute"),
    "SB409": _w("launched resource has no adlcp:scormtype"),
    "SB410": _n("<file> names a file that is not in the package"),
    "SB411": _w("adlcp:location names a file that is not in the package"),
    "SB412": _w("resource type is not webcontent"),
    # adlcp values
    "SB501": _e("adlcp:masteryscore is not a number from 0 to 100"),
    "SB502": _e("adlcp:scormtype is not exactly 'sco' or 'asset'"),
    "SB503": _e("adlcp:maxtimeallowed is not HHHH:MM:SS.SS"),
    "SB504": _e("adlcp:timelimitaction is not one of the four allowed values"),
    "SB505": _w("adlcp name in the adlcp namespace but not spelt as SCORM 1.2 defines it"),
    "SB506": _w("adlcp item data where it has no effect"),
    "SB510": _e("adlcp:prerequisites is not an expression Moodle can evaluate"),
    "SB511": _e("adlcp:prerequisites can never be met"),
    "SB512": _w("adlcp:prerequisites without type=\"aicc_script\" is ignored"),
    "SB520": _w("name in a SCORM 2004 extension namespace that SCORM 2004 does not define"),
    "SB521": _e("adlcp:completionThreshold is not a number from 0 to 1"),
    # SCORM 2004 sequencing and navigation
    "SB701": _w("sequencing or navigation element outside its place"),
    "SB702": _e("imsss:sequencing IDRef names no sequencing of the collection"),
    "SB703": _w("imsss:sequencing ID or IDRef where CAM does not allow it"),
    "SB710": _w("imsss:objectives without exactly one primary objective, first"),
    "SB711": _e("objectiveID missing where it is needed, or used twice in an activity"),
    "SB712": _e("imsss:minNormalizedMeasure is not a number from -1 to 1"),
    "SB713": _w("objective satisfied by measure without minNormalizedMeasure"),
    "SB714": _w("ruleCondition referencedObjective names no objective of the activity"),
    "SB715": _w("adlnav:hideLMSUI value is not in the vocabulary"),
    "SB720": _w("imsss:mapInfo, on which Moodle 4.3's import fails"),
    # XSD validation
    "SB601": _e("manifest does not validate against the supplied XSD files"),
}

UNUSABLE_CODES: frozenset[str] = frozenset(c for c, f in FINDING_CODES.items() if f.unusable)


def finding(code: str, path: str, line: int | None, message: str, hint: str = "") -> Problem:
    """A ``Problem`` carrying ``code`` and the severity the table gives it.

    Control characters (from hostile names or attribute values) are escaped, so each
    finding stays one line of output.
    """
    return Problem(_printable(path), line or 0, _printable(message), _printable(hint), code,
                   FINDING_CODES[code].severity)


def _printable(text: str) -> str:
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def is_unusable(findings: list[Problem]) -> bool:
    return any(p.code in UNUSABLE_CODES for p in findings)


def exit_status(findings: list[Problem], strict: bool = False, notes: bool = False) -> int:
    """2: unusable input; 1: errors (with ``strict`` warnings too; with ``notes`` notes too); 0: otherwise.

    ``notes`` implies ``strict``: a run that fails on notes fails on warnings as well.
    """
    if is_unusable(findings):
        return 2
    failing = {ERROR} | ({WARNING} if strict or notes else set()) | ({NOTE} if notes else set())
    return 1 if any(p.severity in failing for p in findings) else 0
