"""A SCORM 2004 manifest's namespaces, version metadata and adlcp values (2nd, 3rd and 4th Edition).

The extension schemas sit in IMS CP's lax wildcards, so a name they do not declare (SCORM 1.2's
``adlcp:scormtype``, a camelCase slip) passes any XSD check and is silently ignored: reported here
(SB520). Moodle reads extension names by their prefixed name (``ADLCP:SCORMTYPE``), not by namespace,
and picks the run-time API from the exact ``<schemaversion>`` text (SB221, SB223).
"""
from __future__ import annotations

import re

from lxml import etree

from ..problems import Problem
from .codes import finding
from .dialect import SCORM2004
from .spec import NS_ADLCP, NS_IMSCP, TIME_LIMIT_ACTIONS
from .spec2004 import (
    ADLCP_ITEM_DATA,
    ATTRIBUTES,
    DECIMAL_RE,
    EXTENSIONS,
    MOODLE_2004_VERSIONS,
    NESTED,
    NS_ADLCP_2004,
    NS_IMSCP_2004,
    SCHEMA_VERSIONS,
    SCORM12_NAMES,
    SECOND_EDITION_ATTRIBUTES,
    TOP_LEVEL,
)

cp, adlcp = SCORM2004.cp, SCORM2004.adlcp
# SCORM 1.2's CP and adlcp names are not read in a 2004 manifest. Its IMS metadata 1.2.1 is not reported:
# LMSs do not act on metadata, and the schemas skip it laxly.
_SCORM12 = {NS_IMSCP: "IMS CP 1.1.2", NS_ADLCP: "adlcp for SCORM 1.2"}
_SCORM12_HINT = {NS_IMSCP: f"write the element in the manifest's namespace, {NS_IMSCP_2004}",
                 NS_ADLCP: f"bind adlcp to {NS_ADLCP_2004} and write the SCORM 2004 names, such as adlcp:scormType"}
_KNOWN_HOSTS = ("adlnet.org", "imsglobal.org/xsd/imsss")
_WANTED = "<metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>"


def check_manifest(root: etree._Element, where: str) -> list[Problem]:
    return _namespaces(root, where) + _prefixes(root, where) + _metadata(root, where) + _adlcp(root, where)


def _edition(root: etree._Element) -> str | None:
    """The edition the manifest's <schemaversion> names, or None."""
    version = root.find(f"{cp('metadata')}/{cp('schemaversion')}")
    return SCHEMA_VERSIONS.get((version.text or "").strip()) if version is not None else None


def _names(el: etree._Element) -> list[tuple[etree.QName, str]]:
    return [(etree.QName(el), "element")] + [(etree.QName(a), "attribute") for a in el.attrib]


def _namespaces(root: etree._Element, where: str) -> list[Problem]:
    findings: list[Problem] = []
    uses12: dict[str, list[int]] = {}
    misspelt: set[str] = set()
    second = _edition(root) == "2nd Edition"
    for el in root.iter(tag=etree.Element):
        for name, kind in _names(el):
            ns = name.namespace
            if ns in _SCORM12:
                uses12.setdefault(ns, []).append(el.sourceline)
            elif ns in EXTENSIONS:
                problem = _declared(el, name, kind, where, second)
                if problem:
                    findings.append(problem)
            elif ns and any(host in ns for host in _KNOWN_HOSTS) and ns not in misspelt:
                misspelt.add(ns)
                # A misspelt adlcp namespace loses adlcp:scormType (SB207, as in SCORM 1.2); another, sequencing.
                findings.append(finding("SB207" if "adlcp" in ns else "SB520", where, el.sourceline,
                                        f"{kind} {name.localname} is in namespace {ns}, which no SCORM 2004 schema "
                                        "defines, so LMSs ignore it",
                                        "the namespaces are exactly " + ", ".join(EXTENSIONS)))
            elif kind == "attribute" and not ns and name.localname.lower() == "scormtype":
                findings.append(finding("SB207", where, el.sourceline, f"attribute {name.localname} has no adlcp: "
                                        "prefix, so LMSs ignore it and run the resource as an asset",
                                        f'write adlcp:scormType with xmlns:adlcp="{NS_ADLCP_2004}"'))
    for ns, lines in uses12.items():
        more = f", and {len(lines) - 1} more uses" if len(lines) > 1 else ""
        findings.append(finding("SB220", where, lines[0], f"the SCORM 1.2 namespace {ns} ({_SCORM12[ns]}) in a "
                                f"SCORM 2004 manifest{more}; SCORM 2004 LMSs do not read its names",
                                _SCORM12_HINT[ns]))
    return findings


def _declared(el: etree._Element, name: etree.QName, kind: str, where: str, second: bool) -> Problem | None:
    """SB520 (or SB701) for an extension name its schema does not declare where it stands.

    ``second``: the manifest is 2nd Edition, whose schema also declares a few names later editions dropped.
    """
    ns, local = name.namespace, name.localname
    prefix = EXTENSIONS[ns]
    if kind == "attribute":
        known = ATTRIBUTES[ns] | (SECOND_EDITION_ATTRIBUTES.get(ns, frozenset()) if second else frozenset())
    else:
        parent = el.getparent()
        if parent is not None and etree.QName(parent).namespace == ns:
            return None  # inside an extension element: its own schema's content model (--schemas checks it)
        known = TOP_LEVEL[ns]
        if local in NESTED.get(ns, ()):
            return finding("SB701", where, el.sourceline, f"<{prefix}:{local}> stands directly in "
                           f"<{etree.QName(parent).localname}>; LMSs read it only inside <imsss:sequencing>, "
                           "so it is ignored", "move it into the item's <imsss:sequencing>")
    if local in known:
        return None
    if local in SECOND_EDITION_ATTRIBUTES.get(ns, ()):
        return finding("SB520", where, el.sourceline, f"{kind} {prefix}:{local} is SCORM 2004 2nd Edition only, and "
                       "this manifest is a later edition, so LMSs ignore it",
                       "remove it, or write <schemaversion>CAM 1.3</schemaversion> if the package is 2nd Edition")
    same_case = [k for k in known if k.lower() == local.lower()]
    if same_case:
        hint = f"write {prefix}:{same_case[0]}: SCORM 2004 names are camel case"
    elif ns == NS_ADLCP_2004 and local.lower() in SCORM12_NAMES:
        hint = f"that is SCORM 1.2; SCORM 2004 has {SCORM12_NAMES[local.lower()]}"
    else:
        hint = f"the {prefix} names are: " + ", ".join(sorted(known | NESTED.get(ns, frozenset())))
    return finding("SB520", where, el.sourceline, f"{kind} {prefix}:{local} is not defined by SCORM 2004, so "
                   "LMSs ignore it", hint)


def _prefixes(root: etree._Element, where: str) -> list[Problem]:
    """Moodle looks adlcp names up as ADLCP:NAME: under another prefix, SCOs become untracked assets."""
    for el in root.iter(tag=etree.Element):
        used = [el.prefix] if etree.QName(el).namespace == NS_ADLCP_2004 else []
        used += [_attribute_prefix(el, a) for a in el.attrib if etree.QName(a).namespace == NS_ADLCP_2004]
        other = next((p for p in used if p != "adlcp"), "adlcp")
        if other != "adlcp":
            shown = repr(other) if other else "the default namespace"
            return [finding("SB223", where, el.sourceline, f"adlcp names are written with {shown}, not the prefix "
                            "adlcp; Moodle reads adlcp:scormType and the other adlcp names by their prefix, so it "
                            "runs such SCOs as untracked assets",
                            f'bind xmlns:adlcp="{NS_ADLCP_2004}" and write adlcp:scormType')]
    return []


def _attribute_prefix(el: etree._Element, name: str) -> str | None:
    """The prefix an attribute is written with; lxml does not say when two prefixes share its namespace."""
    prefixes = [p for p, uri in el.nsmap.items() if uri == etree.QName(name).namespace]
    if len(prefixes) == 1:
        return prefixes[0]
    head = etree.tostring(el, with_tail=False).split(b">", 1)[0].decode("utf-8", "replace")
    found = re.search(r"([\w.-]+):" + re.escape(etree.QName(name).localname) + r"\s*=", head)
    return found.group(1) if found else "adlcp"


def _metadata(root: etree._Element, where: str) -> list[Problem]:
    meta = root.find(cp("metadata"))
    schema = meta.find(cp("schema")) if meta is not None else None
    version = meta.find(cp("schemaversion")) if meta is not None else None
    findings: list[Problem] = []
    if schema is None or (schema.text or "").strip() != "ADL SCORM":
        shown = "missing" if schema is None else repr((schema.text or "").strip())
        findings.append(finding("SB222", where, (schema if schema is not None else meta if meta is not None
                                                 else root).sourceline,
                                f"<schema> is {shown}, not 'ADL SCORM'", f"write {_WANTED}"))
    if version is None:
        findings.append(finding("SB221", where, (meta if meta is not None else root).sourceline,
                                "the manifest has no <schemaversion>; Moodle then runs the SCORM 1.2 API, which a "
                                "SCORM 2004 SCO does not find, so nothing is tracked", f"add {_WANTED}"))
        return findings
    raw = version.text or ""
    text = raw.strip()
    if not MOODLE_2004_VERSIONS.match(raw):
        if MOODLE_2004_VERSIONS.match(text):
            hint = f"write <schemaversion>{text}</schemaversion> on one line: Moodle compares the text exactly"
        else:
            hint = "write 2004 4th Edition; a 3rd Edition package writes 2004 3rd Edition, a 2nd Edition one CAM 1.3"
        findings.append(finding("SB221", where, version.sourceline, f"<schemaversion> is {raw!r}; Moodle runs "
                                "the SCORM 2004 API only for 'CAM 1.3', '2004 3rd Edition' or '2004 4th Edition', "
                                "and gives this SCORM 2004 package the SCORM 1.2 API: nothing is tracked", hint))
    elif text not in SCHEMA_VERSIONS:
        findings.append(finding("SB222", where, version.sourceline, f"<schemaversion> is {text!r}, which no "
                                "SCORM 2004 edition writes; Moodle accepts it, other LMSs guess",
                                "write 2004 4th Edition, 2004 3rd Edition or CAM 1.3 for the 2nd Edition"))
    return findings


def _adlcp(root: etree._Element, where: str) -> list[Problem]:
    findings: list[Problem] = []
    resources = {r.get("identifier"): r for r in root.iter(cp("resource")) if r.get("identifier")}
    for el in root.iter(tag=etree.Element):
        value = el.get(adlcp("scormType"))
        if value is None:
            continue
        if el.tag != cp("resource"):
            owner = etree.QName(el).localname
            findings.append(finding("SB701", where, el.sourceline, f"adlcp:scormType is on <{owner}>; LMSs read it "
                                    "only on a <resource>", "move it to the resource"))
        elif value not in ("sco", "asset"):
            fixed = value.strip().lower()
            hint = (f'write adlcp:scormType="{fixed}": lower case, no spaces' if fixed in ("sco", "asset")
                    else "write 'sco' for a page that talks to the LMS, 'asset' for anything else")
            findings.append(finding("SB502", where, el.sourceline, f"adlcp:scormType {value!r} is not 'sco' or "
                                    "'asset'", hint))
    for el in root.iter(adlcp("timeLimitAction")):
        text = (el.text or "").strip()
        if text not in TIME_LIMIT_ACTIONS:
            findings.append(finding("SB504", where, el.sourceline, f"adlcp:timeLimitAction {text!r} is not an "
                                    "allowed value", "write one of: " + "; ".join(TIME_LIMIT_ACTIONS)))
    for el in root.iter(adlcp("completionThreshold")):
        findings += _threshold(el, where)
    for name in ADLCP_ITEM_DATA:
        for el in root.iter(adlcp(name)):
            findings += _item_data(el, name, resources, where)
    return findings


def _threshold(el: etree._Element, where: str) -> list[Problem]:
    """4th Edition: minProgressMeasure and progressWeight attributes; 2nd/3rd Edition: the element's text."""
    values = [(f"{a}={el.get(a)!r}", el.get(a)) for a in ("minProgressMeasure", "progressWeight") if el.get(a)]
    if (el.text or "").strip():
        values.append((f"value {(el.text or '').strip()!r}", (el.text or "").strip()))
    return [finding("SB521", where, el.sourceline, f"adlcp:completionThreshold {shown} is not a number from 0 to 1; "
                    "the LMS compares it with cmi.progress_measure (0 to 1), so the activity is never completed by "
                    "measure, and schema-validating LMSs refuse the import", "write a fraction, e.g. 0.8 for 80%")
            for shown, value in values if not (DECIMAL_RE.match(value.strip()) and 0 <= float(value) <= 1)]


def _item_data(el: etree._Element, name: str, resources: dict, where: str) -> list[Problem]:
    parent = el.getparent()
    owner = etree.QName(parent).localname if parent is not None else "?"
    allowed = (cp("item"), cp("organization")) if name == "completionThreshold" else (cp("item"),)
    if parent is None or parent.tag not in allowed:
        return [finding("SB506", where, el.sourceline, f"adlcp:{name} is inside <{owner}>; LMSs read it only as a "
                        "child of an <item>, so it is ignored", "move it into the <item> that launches the SCO")]
    if parent.tag != cp("item"):
        return []
    ident = parent.get("identifier") or "?"
    res = resources.get(parent.get("identifierref"))
    if parent.get("identifierref") is None:
        return [finding("SB506", where, el.sourceline, f"adlcp:{name} is on item {ident!r}, which launches nothing, "
                        "having no identifierref, so it is ignored", "move it to the item that launches the SCO")]
    if res is not None and res.get(adlcp("scormType")) == "asset":
        return [finding("SB506", where, el.sourceline, f"adlcp:{name} is on item {ident!r}, which launches an "
                        "asset; assets do not talk to the LMS, so it is ignored",
                        f"make resource {res.get('identifier')!r} a SCO, or remove adlcp:{name}")]
    return []

