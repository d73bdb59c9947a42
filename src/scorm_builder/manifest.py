"""imsmanifest.xml for SCORM 1.2 (IMS CP 1.1.2 + ADL CP 1.2 + IMS MD 1.2.1), built with lxml.

A pure function: the same course and file list give the same bytes.
Identifiers: ORG-<course>, ITEM-<sco>, RES-<sco>, RES-shared; all from source ids, so an LMS
re-links learner data to the same items when a rebuilt package is uploaded again.
"""
from __future__ import annotations

from lxml import etree

from .layout import SHARED_DIR
from .model import Course
from .scorm12 import NS_ADLCP, NS_IMSCP, NS_IMSMD, NS_XML, NS_XSI, SCHEMA_LOCATION, adlcp, cp, imsmd

NSMAP = {None: NS_IMSCP, "adlcp": NS_ADLCP, "imsmd": NS_IMSMD, "xsi": NS_XSI}
SHARED_RESOURCE = "RES-shared"


def _sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, tag, {k: v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _langstring(parent, tag: str, text: str, lang: str) -> None:
    holder = _sub(parent, imsmd(tag))
    _sub(holder, imsmd("langstring"), text, **{f"{{{NS_XML}}}lang": lang})


def _lom(parent, course: Course) -> None:
    general = _sub(_sub(parent, imsmd("lom")), imsmd("general"))
    _langstring(general, "title", course.title, course.language)
    _sub(general, imsmd("language"), course.language)
    if course.description:
        _langstring(general, "description", course.description, course.language)
    for keyword in course.keywords:
        _langstring(general, "keyword", keyword, course.language)


def manifest_bytes(course: Course, files: list[str]) -> bytes:
    """The manifest for ``course``; ``files`` are the package paths render produced."""
    root = etree.Element(cp("manifest"), nsmap=NSMAP, identifier=f"MANIFEST-{course.id}", version=course.version)
    root.set(f"{{{NS_XSI}}}schemaLocation", SCHEMA_LOCATION)
    metadata = _sub(root, cp("metadata"))
    _sub(metadata, cp("schema"), "ADL SCORM")
    _sub(metadata, cp("schemaversion"), "1.2")
    _lom(metadata, course)

    org_id = f"ORG-{course.id}"
    orgs = _sub(root, cp("organizations"), default=org_id)
    org = _sub(orgs, cp("organization"), identifier=org_id)
    _sub(org, cp("title"), course.title)
    for sco in course.scos:
        item = _sub(org, cp("item"), identifier=f"ITEM-{sco.id}", identifierref=f"RES-{sco.id}", isvisible="true")
        _sub(item, cp("title"), sco.title)
        _sub(item, adlcp("masteryscore"), course.pass_mark_text)

    resources = _sub(root, cp("resources"))
    for sco in course.scos:
        res = _sub(resources, cp("resource"), identifier=f"RES-{sco.id}", type="webcontent", href=sco.href)
        res.set(adlcp("scormtype"), "sco")
        for path in sorted([sco.href] + [a.package_path for a in sco.assets]):
            _sub(res, cp("file"), href=path)
        _sub(res, cp("dependency"), identifierref=SHARED_RESOURCE)
    shared = _sub(resources, cp("resource"), identifier=SHARED_RESOURCE, type="webcontent")
    shared.set(adlcp("scormtype"), "asset")
    for path in sorted(f for f in files if f.startswith(f"{SHARED_DIR}/")):
        _sub(shared, cp("file"), href=path)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
