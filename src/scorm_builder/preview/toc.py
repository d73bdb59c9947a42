"""The preview LMS's table of contents, read from the built imsmanifest.xml as an LMS reads it.

Only the manifest is used (not the course model), so the preview shows what an LMS would import:
the default organization's items in order, nested items indented, each launchable item with its
resource's href and the ``adlcp`` values an LMS hands to the SCO (mastery score, launch data, time
limit). Parsing is safe: no DTD, no entities, no network, and a DOCTYPE is refused.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from lxml import etree

from ..scorm12 import adlcp, cp

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                          huge_tree=False, remove_pis=True)


class ManifestError(ValueError):
    """The manifest cannot be read as a SCORM 1.2 manifest."""


@dataclass(frozen=True)
class TocItem:
    identifier: str
    title: str
    depth: int
    href: str  # package path with the item's parameters; "" for an item that only groups others
    scormtype: str  # "sco", "asset" or "" (a grouping item)
    masteryscore: str = ""
    datafromlms: str = ""
    maxtimeallowed: str = ""
    timelimitaction: str = ""


@dataclass(frozen=True)
class Toc:
    identifier: str  # the manifest's identifier: the course's key in the LMS
    title: str
    items: tuple[TocItem, ...]

    def to_dict(self) -> dict:
        return {"identifier": self.identifier, "title": self.title, "items": [asdict(i) for i in self.items]}


def _text(parent, tag: str) -> str:
    el = parent.find(tag)
    return (el.text or "").strip() if el is not None else ""


def read_toc(manifest: bytes) -> Toc:
    try:
        root = etree.fromstring(manifest, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ManifestError(f"imsmanifest.xml is not well-formed: {exc}") from exc
    if root.getroottree().docinfo.doctype:
        raise ManifestError("imsmanifest.xml has a DOCTYPE; an LMS would refuse it")
    if root.tag != cp("manifest"):
        raise ManifestError(f"the root element is {root.tag}, not an IMS CP 1.1.2 manifest")
    resources = {r.get("identifier"): r for r in root.iterfind(f"{cp('resources')}/{cp('resource')}")}
    orgs = root.find(cp("organizations"))
    if orgs is None:
        raise ManifestError("imsmanifest.xml has no <organizations>")
    default = orgs.get("default")
    org = next((o for o in orgs.iterfind(cp("organization")) if o.get("identifier") == default), None)
    if org is None:
        org = orgs.find(cp("organization"))
    if org is None:
        raise ManifestError("imsmanifest.xml has no <organization>")
    items: list[TocItem] = []
    _walk(org, 0, resources, items)
    return Toc(identifier=root.get("identifier", ""), title=_text(org, cp("title")), items=tuple(items))


def _walk(parent, depth: int, resources: dict, out: list[TocItem]) -> None:
    for item in parent.iterfind(cp("item")):
        resource = resources.get(item.get("identifierref")) if item.get("identifierref") else None
        href, scormtype = "", ""
        if resource is not None and resource.get("href"):
            href = resource.get("href") + (item.get("parameters") or "")
            scormtype = (resource.get(adlcp("scormtype")) or resource.get("scormtype") or "asset").lower()
        out.append(TocItem(
            identifier=item.get("identifier", ""), title=_text(item, cp("title")), depth=depth, href=href,
            scormtype=scormtype, masteryscore=_text(item, adlcp("masteryscore")),
            datafromlms=_text(item, adlcp("datafromlms")), maxtimeallowed=_text(item, adlcp("maxtimeallowed")),
            timelimitaction=_text(item, adlcp("timelimitaction")),
        ))
        _walk(item, depth + 1, resources, out)
