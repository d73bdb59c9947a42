"""SCORM 2004 sequencing and navigation (IMS Simple Sequencing, adlseq, adlnav): in their place, references
that resolve, objectives and measures an LMS can evaluate.

An LMS's sequencing engine reads ``<imsss:sequencing>`` only as a child of an item or organization (or,
with an ``ID``, of the manifest's ``<imsss:sequencingCollection>``, where an ``IDRef`` finds it). An
activity's objectives have one primary objective, the one that rolls up; ``minNormalizedMeasure`` is a
scaled score from -1 to 1 (CAM, IMS SS 1.0 objectives). Moodle 4.3 reads the sequencing by prefixed
names and fails the upload on any ``<imsss:mapInfo>`` (a variable-name slip in its parser).
"""
from __future__ import annotations

from lxml import etree

from ..problems import Problem
from .codes import finding
from .dialect import SCORM2004
from .spec2004 import DECIMAL_RE, EXTENSIONS, HIDE_LMS_UI, adlnav, adlseq, ss

cp = SCORM2004.cp
_ACTIVITIES = (cp("item"), cp("organization"))
# (element, the parents it may have, as said in a hint)
_PLACES = (
    (ss("sequencing"), (*_ACTIVITIES, ss("sequencingCollection")),
     "an <item>, an <organization> or <imsss:sequencingCollection>"),
    (ss("sequencingCollection"), (cp("manifest"),), "the <manifest>"),
    (adlseq("constrainedChoiceConsiderations"), (ss("sequencing"),), "<imsss:sequencing>"),
    (adlseq("rollupConsiderations"), (ss("sequencing"),), "<imsss:sequencing>"),
    (adlseq("objectives"), (ss("sequencing"),), "<imsss:sequencing>"),
    (adlnav("presentation"), (cp("item"),), "an <item>"),
)


def check_sequencing(root: etree._Element, where: str) -> list[Problem]:
    collection = {s.get("ID"): s for c in root.iter(ss("sequencingCollection"))
                  for s in c.findall(ss("sequencing")) if s.get("ID")}
    findings = _placement(root, where) + _ids(root, where, collection)
    for seq in root.iter(ss("sequencing")):
        findings += _objectives(seq, where, collection)
    findings += _moodle_mapinfo(root, where) + _navigation(root, where) + _clusters(root, where)
    return findings


def _clusters(root: etree._Element, where: str) -> list[Problem]:
    """CAM: an item with child items is a cluster, which is never delivered; only leaf items launch resources."""
    findings: list[Problem] = []
    for item in root.iter(cp("item")):
        if item.get("identifierref") is not None and item.find(cp("item")) is not None:
            findings.append(finding("SB314", where, item.sourceline, f"item {item.get('identifier')!r} has child "
                                    f"items and names resource {item.get('identifierref')!r}; in SCORM 2004 only "
                                    "leaf items are launched, so sequencing LMSs never deliver it or refuse the "
                                    "import", "move the resource to a child item of its own"))
    return findings


def _name(el: etree._Element) -> str:
    qn = etree.QName(el)
    prefix = EXTENSIONS.get(qn.namespace)
    return f"<{prefix}:{qn.localname}>" if prefix else f"<{qn.localname}>"


def _placement(root: etree._Element, where: str) -> list[Problem]:
    findings: list[Problem] = []
    for tag, parents, said in _PLACES:
        for el in root.iter(tag):
            parent = el.getparent()
            if parent is None or parent.tag not in parents:
                owner = _name(parent) if parent is not None else "nothing"
                findings.append(finding("SB701", where, el.sourceline, f"{_name(el)} is inside {owner}; LMSs read "
                                        f"it only in {said}, so it is ignored", f"move it into {said}"))
    for holder in root.iter(*_ACTIVITIES, cp("manifest")):
        for tag in (ss("sequencing"), adlnav("presentation"), ss("sequencingCollection")):
            extra = holder.findall(tag)[1:]
            named = f" {holder.get('identifier')!r}" if holder.get("identifier") else ""
            for el in extra:
                findings.append(finding("SB701", where, el.sourceline, f"{_name(holder)}{named} has more than one "
                                        f"{_name(el)}; LMSs read one, and which one is theirs to choose",
                                        "merge them into one"))
    for el in root.iter(tag=etree.Element):
        if el.get(adlseq("objectivesGlobalToSystem")) is not None and el.tag != cp("organization"):
            findings.append(finding("SB701", where, el.sourceline, f"adlseq:objectivesGlobalToSystem is on "
                                    f"{_name(el)}; LMSs read it only on an <organization>", "move it there"))
    return findings


def _ids(root: etree._Element, where: str, collection: dict) -> list[Problem]:
    findings: list[Problem] = []
    for seq in root.iter(ss("sequencing")):
        parent = seq.getparent()
        shared = parent is not None and parent.tag == ss("sequencingCollection")
        ref = seq.get("IDRef")
        if shared and not seq.get("ID"):
            findings.append(finding("SB703", where, seq.sourceline, "an <imsss:sequencing> of the "
                                    "sequencingCollection has no ID, so no activity can use it",
                                    'add ID="..." and name it from an activity with IDRef'))
        if not shared and seq.get("ID"):
            findings.append(finding("SB703", where, seq.sourceline, f"ID={seq.get('ID')!r} on the "
                                    "<imsss:sequencing> of an activity; only sequencings of the collection have one",
                                    "move the sequencing into <imsss:sequencingCollection>, or drop the ID"))
        if shared and ref:
            findings.append(finding("SB703", where, seq.sourceline, "IDRef on an <imsss:sequencing> of the "
                                    "sequencingCollection; a shared sequencing cannot refer to another",
                                    "copy the rules it should share into it"))
        elif ref and ref not in collection:
            known = ", ".join(repr(i) for i in collection) or "none: the manifest has no sequencingCollection"
            findings.append(finding("SB702", where, seq.sourceline, f"<imsss:sequencing IDRef={ref!r}> names no "
                                    "sequencing of the sequencingCollection; LMSs that apply sequencing refuse "
                                    "the import", f"the IDs there: {known}"))
    return findings


def _objectives(seq: etree._Element, where: str, collection: dict) -> list[Problem]:
    findings: list[Problem] = []
    declared: set[str] = set()
    for source in (seq, collection.get(seq.get("IDRef"))):
        if source is None:
            continue
        for objectives in source.findall(ss("objectives")):
            declared |= {o.get("objectiveID") for o in objectives if o.get("objectiveID")}
    for objectives in seq.findall(ss("objectives")):
        findings += _objective_set(objectives, where)
    for cond in seq.iter(ss("ruleCondition")):
        ref = cond.get("referencedObjective")
        if ref and ref not in declared:
            findings.append(finding("SB714", where, cond.sourceline, f"ruleCondition referencedObjective={ref!r} "
                                    "names no objective of this activity, so the rule tests an unknown status and "
                                    "never does what it says", "name an objectiveID of this activity's "
                                    "<imsss:objectives>, or drop the attribute to test the primary objective"))
    return findings


def _objective_set(objectives: etree._Element, where: str) -> list[Problem]:
    findings: list[Problem] = []
    primaries = objectives.findall(ss("primaryObjective"))
    children = [c for c in objectives if isinstance(c.tag, str)]
    if not primaries:
        wrong = "has no <imsss:primaryObjective>"
    elif len(primaries) > 1:
        wrong = f"has {len(primaries)} <imsss:primaryObjective>"
    elif children[0].tag != ss("primaryObjective"):
        wrong = "has its <imsss:primaryObjective> after another objective"
    else:
        wrong = ""
    if wrong:
        findings.append(finding("SB710", where, objectives.sourceline, f"<imsss:objectives> {wrong}; an activity "
                                "has exactly one, first, the one that rolls up, and schema-validating LMSs refuse "
                                "the import", "write one <imsss:primaryObjective>, then any <imsss:objective>"))
    seen: dict[str, int] = {}
    for obj in children:
        ident = obj.get("objectiveID")
        if ident in seen:
            findings.append(finding("SB711", where, obj.sourceline, f"objectiveID {ident!r} is already used on line "
                                    f"{seen[ident]}; LMSs keep one objective per ID, so the two statuses mix",
                                    "give every objective of the activity its own objectiveID"))
        elif ident:
            seen[ident] = obj.sourceline
        elif obj.findall(ss("mapInfo")) or obj.tag == ss("objective"):
            findings.append(finding("SB711", where, obj.sourceline, f"{_name(obj)} has no objectiveID, so its "
                                    "status cannot be stored or mapped to a global objective",
                                    'add objectiveID="..."'))
        findings += _measure(obj, where)
    return findings


def _measure(obj: etree._Element, where: str) -> list[Problem]:
    measures = obj.findall(ss("minNormalizedMeasure"))
    for el in measures:
        text = (el.text or "").strip()
        if not (DECIMAL_RE.match(text) and -1 <= float(text) <= 1):
            hint = (f"write {float(text) / 100:g} for a pass mark of {text}%" if DECIMAL_RE.match(text)
                    and 1 < float(text) <= 100 else "write a scaled score, e.g. 0.8 for a pass mark of 80%")
            return [finding("SB712", where, el.sourceline, f"imsss:minNormalizedMeasure {text!r} is not a number "
                            "from -1 to 1; it is compared with cmi.score.scaled, so the objective is never "
                            "satisfied by measure, and schema-validating LMSs refuse the import", hint)]
    if obj.get("satisfiedByMeasure") in ("true", "1") and not measures:
        return [finding("SB713", where, obj.sourceline, f"{_name(obj)} is satisfied by measure but has no "
                        "<imsss:minNormalizedMeasure>; the default is 1.0, so only a perfect score passes",
                        "add <imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure> with the pass mark")]
    return []


def _moodle_mapinfo(root: etree._Element, where: str) -> list[Problem]:
    """Moodle 4.3 reads IMSSS:MAPINFO in the objectives of an item's or organization's sequencing, and crashes.

    It walks only the manifest, organizations, organization and item elements, so a sequencing of the
    collection is not read; and it matches names with their prefix.
    """
    findings: list[Problem] = []
    for seq in root.iter(ss("sequencing")):
        parent = seq.getparent()
        if parent is None or parent.tag not in _ACTIVITIES:
            continue
        for info in seq.iterfind(f"{ss('objectives')}/*/{ss('mapInfo')}"):
            chain = (seq, info.getparent().getparent(), info.getparent(), info)
            if any(el.prefix != "imsss" for el in chain):  # Moodle matches 'IMSSS:MAPINFO' and its parents by name
                continue
            findings.append(finding("SB720", where, info.sourceline, "<imsss:mapInfo> (a global objective): Moodle "
                                    "4.3's import fails on it, 'Attempt to assign property mapinfos on null', and "
                                    "the package cannot be uploaded; LMSs with a sequencing engine use it",
                                    "for Moodle, drop the mapInfo elements and test the upload"))
    return findings


def _navigation(root: etree._Element, where: str) -> list[Problem]:
    findings: list[Problem] = []
    for el in root.iter(adlnav("hideLMSUI")):
        text = (el.text or "").strip()
        if text not in HIDE_LMS_UI:
            findings.append(finding("SB715", where, el.sourceline, f"adlnav:hideLMSUI {text!r} is not a control an "
                                    "LMS knows, so nothing is hidden", "write one of: " + ", ".join(HIDE_LMS_UI)))
    return findings
