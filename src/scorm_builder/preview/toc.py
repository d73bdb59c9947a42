"""The preview LMS's table of contents, read from the built imsmanifest.xml as an LMS reads it.

Only the manifest is used (not the course model), so the preview shows what an LMS would import:
the default organization's items in order, nested items indented, each launchable item with its
resource's href and the values an LMS hands to the SCO (SCORM 1.2: mastery score, launch data,
time limit; SCORM 2004: launch data, completion threshold, the primary objective's minimum
normalized measure as ``cmi.scaled_passing_score``, time limit). Parsing is safe: no DTD, no
entities, no network, and a DOCTYPE is refused.

The standard is chosen as Moodle 4.3 chooses its run-time (``scorm_parse`` / ``scorm_version_check``,
../shared/moodle/README.md): the exact ``<schemaversion>`` text "2004 3rd Edition", "2004 4th
Edition" or "CAM 1.3" means SCORM 2004 (the page offers ``API_1484_11``); anything else, "1.2"
included, means SCORM 1.2 (``API``).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from lxml import etree

from .. import scorm12, scorm2004

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                          huge_tree=False, remove_pis=True)

SCORM12, SCORM2004 = "scorm12", "scorm2004"
# <schemaversion> texts that give the SCORM 2004 run-time in Moodle 4.3 (mod/scorm, measured and in code)
SCHEMAVERSIONS_2004 = frozenset({"2004 3rd Edition", "2004 4th Edition", "CAM 1.3"})
_CP_NAMESPACES = (scorm12.NS_IMSCP, scorm2004.NS_IMSCP)


class ManifestError(ValueError):
    """The manifest cannot be read as a SCORM 1.2 or SCORM 2004 manifest."""


@dataclass(frozen=True)
class TocItem:
    identifier: str
    title: str
    depth: int
    href: str  # package path with the item's parameters; "" for an item that only groups others
    scormtype: str  # "sco", "asset" or "" (a grouping item)
    masteryscore: str = ""  # SCORM 1.2 adlcp:masteryscore
    datafromlms: str = ""  # adlcp:datafromlms (1.2), adlcp:dataFromLMS (2004)
    maxtimeallowed: str = ""  # adlcp:maxtimeallowed (1.2), imsss:attemptAbsoluteDurationLimit (2004)
    timelimitaction: str = ""  # adlcp:timelimitaction (1.2), adlcp:timeLimitAction (2004)
    scaledpassingscore: str = ""  # 2004: the primary objective's imsss:minNormalizedMeasure, when satisfiedByMeasure
    completionthreshold: str = ""  # 2004: adlcp:completionThreshold (its minProgressMeasure, or its text in 3rd Ed.)


@dataclass(frozen=True)
class Toc:
    identifier: str  # the manifest's identifier: the course's key in the LMS
    title: str
    items: tuple[TocItem, ...]
    standard: str = SCORM12  # "scorm12" or "scorm2004", from <schemaversion>
    schemaversion: str = ""

    def to_dict(self) -> dict:
        return {"identifier": self.identifier, "title": self.title, "standard": self.standard,
                "schemaversion": self.schemaversion, "items": [asdict(i) for i in self.items]}


def _text(parent, tag: str) -> str:
    el = parent.find(tag)
    return (el.text or "").strip() if el is not None else ""


def standard_of(schemaversion: str) -> str:
    return SCORM2004 if schemaversion.strip() in SCHEMAVERSIONS_2004 else SCORM12


def read_toc(manifest: bytes) -> Toc:
    try:
        root = etree.fromstring(manifest, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ManifestError(f"imsmanifest.xml is not well-formed: {exc}") from exc
    if root.getroottree().docinfo.doctype:
        raise ManifestError("imsmanifest.xml has a DOCTYPE; an LMS would refuse it")
    ns = next((n for n in _CP_NAMESPACES if root.tag == f"{{{n}}}manifest"), None)
    if ns is None:
        raise ManifestError(f"the root element is {root.tag}, not an IMS CP manifest")

    def cp(tag: str) -> str:
        return f"{{{ns}}}{tag}"

    schemaversion = _text(root, f"{cp('metadata')}/{cp('schemaversion')}")
    standard = standard_of(schemaversion)
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
    _walk(org, 0, resources, items, cp, standard)
    return Toc(identifier=root.get("identifier", ""), title=_text(org, cp("title")), items=tuple(items),
               standard=standard, schemaversion=schemaversion)


def _walk(parent, depth: int, resources: dict, out: list[TocItem], cp, standard: str) -> None:
    for item in parent.iterfind(cp("item")):
        resource = resources.get(item.get("identifierref")) if item.get("identifierref") else None
        href, scormtype = "", ""
        if resource is not None and resource.get("href"):
            href = resource.get("href") + (item.get("parameters") or "")
            scormtype = (resource.get(scorm12.adlcp("scormtype")) or resource.get(f"{{{scorm2004.NS_ADLCP}}}scormType")
                         or resource.get("scormtype") or "asset").lower()
        identifier, title = item.get("identifier", ""), _text(item, cp("title"))
        if standard == SCORM2004:
            out.append(_item_2004(item, identifier, title, depth, href, scormtype))
        else:
            out.append(TocItem(
                identifier=identifier, title=title, depth=depth, href=href, scormtype=scormtype,
                masteryscore=_text(item, scorm12.adlcp("masteryscore")),
                datafromlms=_text(item, scorm12.adlcp("datafromlms")),
                maxtimeallowed=_text(item, scorm12.adlcp("maxtimeallowed")),
                timelimitaction=_text(item, scorm12.adlcp("timelimitaction")),
            ))
        _walk(item, depth + 1, resources, out, cp, standard)


def _item_2004(item, identifier: str, title: str, depth: int, href: str, scormtype: str) -> TocItem:
    """A 2004 item: CAM 3.4.1.12 (adlcp:dataFromLMS, adlcp:timeLimitAction, adlcp:completionThreshold),
    SN 5.1.5 (imsss:limitConditions attemptAbsoluteDurationLimit), SN 5.1.7 and RTE 4.2.18 (the primary
    objective's minNormalizedMeasure is cmi.scaled_passing_score when satisfiedByMeasure is true)."""
    adl = scorm2004.NS_ADLCP
    ss = scorm2004.NS_IMSSS
    threshold = item.find(f"{{{adl}}}completionThreshold")
    completion = ""
    if threshold is not None:  # 4th Edition: attributes; 3rd Edition: the text
        completion = (threshold.get("minProgressMeasure") or (threshold.text or "").strip()
                      or ("1.0" if threshold.get("completedByMeasure") == "true" else ""))
        if threshold.get("completedByMeasure") == "false":
            completion = ""
    primary = item.find(f"{{{ss}}}sequencing/{{{ss}}}objectives/{{{ss}}}primaryObjective")
    passing = ""
    if primary is not None and primary.get("satisfiedByMeasure") == "true":
        passing = _text(primary, f"{{{ss}}}minNormalizedMeasure") or "1.0"
    limits = item.find(f"{{{ss}}}sequencing/{{{ss}}}limitConditions")
    return TocItem(
        identifier=identifier, title=title, depth=depth, href=href, scormtype=scormtype,
        datafromlms=_text(item, f"{{{adl}}}dataFromLMS"),
        maxtimeallowed=limits.get("attemptAbsoluteDurationLimit", "") if limits is not None else "",
        timelimitaction=_text(item, f"{{{adl}}}timeLimitAction"),
        scaledpassingscore=passing, completionthreshold=completion,
    )
