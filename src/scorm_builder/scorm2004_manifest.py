"""imsmanifest.xml for SCORM 2004 4th Edition (IMS CP 1.1.4 + ADL CP/SEQ/NAV 1.3 + IMS SS 1.0 + IEEE LOM).

A pure function like the 1.2 writer (manifest.py): the same course and file list give the same bytes,
and the identifiers are the 1.2 manifest's (MANIFEST-<course>, ORG-<course>, ITEM-<sco>, RES-<sco>,
RES-shared), so one source gives the same stable ids in both standards.

Sequencing (docs/scorm2004.md explains it for course teams):
* the organization: ``controlMode choice="true" flow="true"``: the learner may pick any SCO from the
  table of contents or go Continue/Previous; no rollup rules, so SN's default rollup rules apply
  (parent completed when every contributing child is completed, satisfied when every contributing
  child is satisfied);
* a SCO with questions: primary objective satisfied by measure, ``minNormalizedMeasure`` = pass mark
  / 100 (the SCO's ``cmi.score.scaled`` against the pass mark);
* a content-only SCO: ``rollupObjectiveSatisfied="false"`` and ``objectiveMeasureWeight="0"``, so it
  counts for the course's completion but neither blocks its satisfaction nor dilutes its score;
* every SCO: ``deliveryControls completionSetByContent="true" objectiveSetByContent="true"``: the SCO
  reports both statuses, the LMS never assumes them when the SCO exits early.
No ``imsss:mapInfo`` and no global objectives: Moodle 4.3's scorm_parse() fails on mapInfo.
"""
from __future__ import annotations

from decimal import Decimal

from lxml import etree

from .layout import SHARED_DIR
from .manifest import SHARED_RESOURCE
from .model import Course, Sco
from .scorm2004 import (
    NS_ADLCP,
    NS_ADLNAV,
    NS_ADLSEQ,
    NS_IMSCP,
    NS_IMSSS,
    NS_LOM,
    NS_XSI,
    SCHEMA,
    SCHEMA_LOCATION,
    SCHEMA_VERSION,
)

NSMAP = {None: NS_IMSCP, "adlcp": NS_ADLCP, "adlseq": NS_ADLSEQ, "adlnav": NS_ADLNAV, "imsss": NS_IMSSS,
         "lom": NS_LOM, "xsi": NS_XSI}


def _cp(tag: str) -> str:
    return f"{{{NS_IMSCP}}}{tag}"


def _ss(tag: str) -> str:
    return f"{{{NS_IMSSS}}}{tag}"


def _lom_tag(tag: str) -> str:
    return f"{{{NS_LOM}}}{tag}"


def _sub(parent, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def min_normalized_measure(course: Course) -> str:
    """The pass mark as a normalized measure (0..1) in decimal text: 80 -> '0.8', 72.5 -> '0.725',
    100 -> '1'. Decimal arithmetic, so no binary-float digits reach the manifest."""
    return format(Decimal(course.pass_mark_text) / 100, "f")


def _lom(parent, course: Course) -> None:
    """IEEE LOM inline in the manifest <metadata> (CAM 4), the fields the 1.2 manifest carries."""
    general = _sub(_sub(parent, _lom_tag("lom")), _lom_tag("general"))

    def langstring(tag: str, text: str) -> None:
        _sub(_sub(general, _lom_tag(tag)), _lom_tag("string"), text, language=course.language)

    langstring("title", course.title)
    _sub(general, _lom_tag("language"), course.language)
    if course.description:
        langstring("description", course.description)
    for keyword in course.keywords:
        langstring("keyword", keyword)


def _item_sequencing(item, sco: Sco, course: Course) -> None:
    """imsss:sequencing of one SCO's item; children in the order imsss_v1p0.xsd requires."""
    seq = _sub(item, _ss("sequencing"))
    if sco.questions:
        objectives = _sub(seq, _ss("objectives"))
        primary = _sub(objectives, _ss("primaryObjective"), satisfiedByMeasure="true")
        _sub(primary, _ss("minNormalizedMeasure"), min_normalized_measure(course))
    else:
        # Counts for completion (rollupProgressCompletion keeps its default, true), not for success or score.
        _sub(seq, _ss("rollupRules"), rollupObjectiveSatisfied="false", objectiveMeasureWeight="0")
    _sub(seq, _ss("deliveryControls"), completionSetByContent="true", objectiveSetByContent="true")


def manifest_bytes_2004(course: Course, files: list[str]) -> bytes:
    """The SCORM 2004 4th Edition manifest for ``course``; ``files`` are the package paths render produced."""
    root = etree.Element(_cp("manifest"), nsmap=NSMAP, identifier=f"MANIFEST-{course.id}", version=course.version)
    root.set(f"{{{NS_XSI}}}schemaLocation", SCHEMA_LOCATION)
    metadata = _sub(root, _cp("metadata"))
    _sub(metadata, _cp("schema"), SCHEMA)
    _sub(metadata, _cp("schemaversion"), SCHEMA_VERSION)
    _lom(metadata, course)

    org_id = f"ORG-{course.id}"
    orgs = _sub(root, _cp("organizations"), default=org_id)
    org = _sub(orgs, _cp("organization"), identifier=org_id)
    _sub(org, _cp("title"), course.title)
    for sco in course.scos:
        item = _sub(org, _cp("item"), identifier=f"ITEM-{sco.id}", identifierref=f"RES-{sco.id}", isvisible="true")
        _sub(item, _cp("title"), sco.title)
        _item_sequencing(item, sco, course)
    org_seq = _sub(org, _ss("sequencing"))
    _sub(org_seq, _ss("controlMode"), choice="true", flow="true")

    resources = _sub(root, _cp("resources"))
    for sco in course.scos:
        res = _sub(resources, _cp("resource"), identifier=f"RES-{sco.id}", type="webcontent", href=sco.href)
        res.set(f"{{{NS_ADLCP}}}scormType", "sco")
        for path in sorted([sco.href] + [a.package_path for a in sco.assets]):
            _sub(res, _cp("file"), href=path)
        _sub(res, _cp("dependency"), identifierref=SHARED_RESOURCE)
    shared = _sub(resources, _cp("resource"), identifier=SHARED_RESOURCE, type="webcontent")
    shared.set(f"{{{NS_ADLCP}}}scormType", "asset")
    for path in sorted(f for f in files if f.startswith(f"{SHARED_DIR}/")):
        _sub(shared, _cp("file"), href=path)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
