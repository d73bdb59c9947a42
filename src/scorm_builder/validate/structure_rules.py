"""Identifiers and the organization tree: unique, well-formed ids; references that resolve; SCOs reachable.

Identifiers are ``xsd:ID`` values (imscp_rootv1p1p2.xsd): an XML name, non-ASCII letters
included. Moodle stores them as they are (up to 255 characters; it re-links learner data by item
identifier on re-upload); its ASCII pattern for CMIIdentifier applies to run-time data, not to
manifest identifiers. Whitespace and control characters break the LMSs that split or print them.
"""
from __future__ import annotations

from lxml import etree

from ..problems import Problem
from .codes import finding
from .dialect import SCORM12, Dialect
from .spec import IDENTIFIER_MAX, XML_ID_RE

_IDENTIFIED = ("manifest", "organization", "item", "resource")


def check_structure(root: etree._Element, where: str, d: Dialect = SCORM12) -> list[Problem]:
    resources = {r.get("identifier"): r for r in root.iter(d.cp("resource")) if r.get("identifier")}
    return (_identifiers(root, where, d) + _references(root, where, resources, d)
            + _organizations(root, where, resources, d))


def _identifiers(root: etree._Element, where: str, d: Dialect) -> list[Problem]:
    findings: list[Problem] = []
    first_line: dict[str, int] = {}
    for el in root.iter(*(d.cp(t) for t in _IDENTIFIED)):
        kind = etree.QName(el).localname
        ident = el.get("identifier")
        if not ident:
            findings.append(finding("SB301", where, el.sourceline, f"<{kind}> has no identifier",
                                    f'add a unique identifier, e.g. identifier="{kind.upper()}-1"'))
            continue
        findings += _identifier_form(ident, kind, el.sourceline, where)
        if ident in first_line:
            findings.append(finding("SB302", where, el.sourceline,
                                    f"identifier {ident!r} is already used on line {first_line[ident]}",
                                    "give every manifest, organization, item and resource its own identifier"))
        else:
            first_line[ident] = el.sourceline
    return findings


def _identifier_form(ident: str, kind: str, line: int, where: str) -> list[Problem]:
    shown = ident if len(ident) <= 60 else ident[:57] + "..."
    findings: list[Problem] = []
    if any(c.isspace() for c in ident):
        findings.append(finding("SB303", where, line, f"{kind} identifier {shown!r} contains whitespace",
                                "replace spaces with '-' or '_'"))
    if len(ident) > IDENTIFIER_MAX:
        findings.append(finding("SB304", where, line, f"{kind} identifier has {len(ident)} characters, "
                                f"over {IDENTIFIER_MAX}", "shorten it"))
    if not "".join(c for c in ident if not c.isspace()).isprintable():
        findings.append(finding("SB305", where, line, f"{kind} identifier {shown!r} has a control or other "
                                "non-printable character", "use letters, digits, '-', '_' and '.'"))
    if not findings and not XML_ID_RE.match(ident):
        findings.append(finding("SB306", where, line, f"{kind} identifier {ident!r} is not a valid XML ID; "
                                "schema-validating LMSs reject it",
                                "start with a letter or '_' and use only letters, digits, '.', '-', '_'"))
    return findings


def _references(root: etree._Element, where: str, resources: dict, d: Dialect) -> list[Problem]:
    others = {el.get("identifier"): etree.QName(el).localname for el in root.iter(*(d.cp(t) for t in _IDENTIFIED))}
    by_case = {ident.casefold(): ident for ident in resources}
    findings: list[Problem] = []
    for el in root.iter(d.cp("item"), d.cp("dependency")):
        kind = etree.QName(el).localname
        ref = el.get("identifierref")
        if ref is None:
            if kind == "dependency":
                findings.append(finding("SB310", where, el.sourceline, "<dependency> has no identifierref",
                                        "name the resource it depends on: identifierref=\"RES-...\""))
            continue
        if ref in resources:
            continue
        if ref in others:
            hint = f"{ref!r} identifies an <{others[ref]}>, not a <resource>"
        elif ref.casefold() in by_case:
            hint = f"did you mean {by_case[ref.casefold()]!r}? identifiers are case-sensitive"
        else:
            hint = f'add <resource identifier="{ref}" ...> or fix the reference'
        owner = f" {el.get('identifier')!r}" if el.get("identifier") else ""
        findings.append(finding("SB310", where, el.sourceline, f"{kind}{owner} identifierref {ref!r} names no "
                                "resource", hint))
    return findings


def _organizations(root: etree._Element, where: str, resources: dict, d: Dialect) -> list[Problem]:
    holder = root.find(d.cp("organizations"))
    orgs = holder.findall(d.cp("organization")) if holder is not None else []
    if not orgs:
        line = (holder if holder is not None else root).sourceline
        return [finding("SB312", where, line, "the manifest has no <organization>, so the LMS has nothing to show",
                        "add an <organization> with one <item> per SCO")]
    findings: list[Problem] = []
    by_id = {org.get("identifier"): org for org in orgs}
    default = holder.get("default")
    if default is not None and default not in by_id:
        known = ", ".join(repr(i) for i in by_id if i) or "none"
        findings.append(finding("SB311", where, holder.sourceline,
                                f"organizations default={default!r} names no organization",
                                f"set default to one of: {known}"))
    # Moodle (and others) let the learner pick any organization, so an item in any of them reaches a SCO.
    chosen = by_id.get(default, orgs[0])
    reached = {item.get("identifierref") for org in orgs for item in org.iter(d.cp("item"))}
    for ident, res in resources.items():
        if d.scormtype_of(res) == "sco" and ident not in reached:
            findings.append(finding("SB313", where, res.sourceline,
                                    f"SCO resource {ident!r} is launched by no item of any organization, so no "
                                    "learner can open it", f"add an <item identifierref=\"{ident}\"> to "
                                    f"organization {chosen.get('identifier')!r}, or make it an asset"))
    launched = {item.get("identifierref") for item in root.iter(d.cp("item"))}
    for ident in sorted(launched & resources.keys()):
        res = resources[ident]
        if not any(etree.QName(a).localname.lower() == "scormtype" for a in res.attrib):
            findings.append(finding("SB409", where, res.sourceline,
                                    f"resource {ident!r} is launched by an item but has no {d.scormtype_name}; "
                                    "LMSs treat it as an untracked asset",
                                    f'add {d.scormtype_name}="sco" if it talks to the LMS, else "asset"'))
    return findings
