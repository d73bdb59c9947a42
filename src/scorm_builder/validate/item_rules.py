"""The adlcp data of items: where it has an effect, and prerequisites that can be met.

Item data (CAM 2.3.3: ``adlcp:masteryscore``, ``maxtimeallowed``, ``timelimitaction``,
``datafromlms``) reaches a SCO through the LMS's run-time API; on an item that launches an asset
or nothing, or outside an ``<item>``, LMSs drop it (SB506). ``adlcp:prerequisites`` decides
whether an item may be opened: one that cannot be evaluated or never comes true locks the item
for good (SB510, SB511); see ``prerequisites.py`` for the grammar LMSs know.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree

from ..problems import Problem
from .codes import finding
from .spec import ADLCP_ITEM_DATA, PREREQUISITE_STATUSES, PREREQUISITE_TYPE, adlcp, cp

if TYPE_CHECKING:
    from .prerequisites import Term

_RUNTIME_DATA = tuple(name for name in ADLCP_ITEM_DATA if name != "prerequisites")
_WORD_OPERATORS = re.compile(r"\s(AND|OR|NOT)\s|^NOT\s", re.I)
_HINT_WORDS = "write the operators as symbols: & for and, | for or, ~ for not, e.g. ITEM-1&ITEM-2"


def check_items(root: etree._Element, where: str) -> list[Problem]:
    resources = {r.get("identifier"): r for r in root.iter(cp("resource")) if r.get("identifier")}
    findings = _placement(root, where, resources)
    holder = root.find(cp("organizations"))
    for org in holder.findall(cp("organization")) if holder is not None else []:
        launching = {i.get("identifier"): i for i in org.iter(cp("item"))
                     if i.get("identifier") and _launch(i, resources) is not None}
        here = {i.get("identifier") for i in org.iter(cp("item"))}
        elsewhere = {i.get("identifier") for i in root.iter(cp("item"))} - here
        folders = here - launching.keys()
        for item in org.iter(cp("item")):
            for el in item.findall(adlcp("prerequisites")):
                findings += _prerequisites(el, item, where, launching, folders, elsewhere)
    return findings


def _launch(item: etree._Element, resources: dict) -> etree._Element | None:
    """The resource an item launches: it names one that has an href."""
    res = resources.get(item.get("identifierref"))
    return res if res is not None and (res.get("href") or "").strip() else None


def _placement(root: etree._Element, where: str, resources: dict) -> list[Problem]:
    findings: list[Problem] = []
    for name in ADLCP_ITEM_DATA:
        for el in root.iter(adlcp(name)):
            parent = el.getparent()
            if parent is None or parent.tag != cp("item"):
                owner = etree.QName(parent).localname if parent is not None else "?"
                findings.append(finding("SB506", where, el.sourceline, f"adlcp:{name} is inside <{owner}>; LMSs "
                                        "read it only as a child of an <item>, so it is ignored",
                                        "move it into the <item> that launches the SCO"))
                continue
            if name not in _RUNTIME_DATA:
                continue
            ident = parent.get("identifier") or "?"
            res = resources.get(parent.get("identifierref")) if parent.get("identifierref") else None
            if parent.get("identifierref") is None:
                findings.append(finding("SB506", where, el.sourceline, f"adlcp:{name} is on item {ident!r}, which "
                                        "launches nothing, having no identifierref, so it is ignored",
                                        "move it to the item that launches the SCO"))
            elif res is not None and res.get(adlcp("scormtype")) == "asset":
                findings.append(finding("SB506", where, el.sourceline, f"adlcp:{name} is on item {ident!r}, which "
                                        "launches an asset; assets do not talk to the LMS, so it is ignored",
                                        f"make resource {res.get('identifier')!r} a SCO, or remove adlcp:{name}"))
    return findings


def _prerequisites(el: etree._Element, item: etree._Element, where: str, launching: dict, folders: set[str],
                   elsewhere: set[str]) -> list[Problem]:
    ident = item.get("identifier") or "?"
    text = el.text or ""
    findings: list[Problem] = []
    kind = el.get("type")
    if kind != PREREQUISITE_TYPE:
        shown = "no type" if kind is None else f"type={kind!r}"
        findings.append(finding("SB512", where, el.sourceline, f"adlcp:prerequisites of item {ident!r} has {shown}; "
                                "Moodle evaluates prerequisites only with type=\"aicc_script\" and ignores these",
                                f'write <adlcp:prerequisites type="{PREREQUISITE_TYPE}">'))
    from .prerequisites import PrerequisiteSyntaxError, parse  # only for items that have prerequisites

    try:
        terms = parse(text)
    except PrerequisiteSyntaxError as exc:
        return findings + [finding("SB510", where, el.sourceline, f"adlcp:prerequisites {text.strip()!r} of item "
                                   f"{ident!r} cannot be evaluated: {exc}; LMSs then fail or lock the item",
                                   "join item identifiers with &, | and ~, e.g. ITEM-1&ITEM-2|~ITEM-3")]
    for term in terms:
        reason = _never_met(term, ident, launching, folders, elsewhere)
        if reason:
            hint = _HINT_WORDS if _WORD_OPERATORS.search(term.text) else reason[1]
            findings.append(finding("SB511", where, el.sourceline, f"adlcp:prerequisites of item {ident!r}: "
                                    f"{reason[0]}, so the item stays locked", hint))
    return findings


def _never_met(term: Term, ident: str, launching: dict, folders: set[str],
               elsewhere: set[str]) -> tuple[str, str] | None:
    """Why ``term`` can never be true (message, hint), or ``None``."""
    if term.needed is not None:
        usable = [m for m in term.identifiers if m in launching and m != ident]
        if len(usable) >= term.needed:
            return None
        spaced = [m for m in term.identifiers if m != m.strip() and m.strip() in launching]
        if spaced:
            return (f"the set {term.text!r} needs {_items(term.needed)} but only {len(usable)} of its members "
                    "name one; "
                    f"{spaced[0]!r} has a space, which Moodle keeps as part of the identifier",
                    "write the set without spaces, e.g. 2*{ITEM-1,ITEM-2,ITEM-3}")
        return (f"the set {term.text!r} needs {_items(term.needed)} but only {len(usable)} of its members name "
                "items that launch something", "name launchable items of this organization, or lower the count")
    (name,) = term.identifiers
    if name == ident:
        return f"{term.text!r} makes the item wait for itself", "name the items that must be done first"
    if name in folders:
        return (f"{name!r} is an item that launches nothing, so it is never completed",
                "name the items inside it, e.g. with a set N*{...}")
    if name in elsewhere:
        return (f"{name!r} is an item of another organization; LMSs track only the one the learner is in",
                "name an item of this organization")
    if name not in launching:
        near = [i for i in launching if i.casefold() == name.casefold()]
        if near:
            return f"{name!r} names no item", f"did you mean {near[0]!r}? identifiers are case-sensitive"
        return f"{name!r} names no item", "use the identifier of an <item> of this organization"
    if term.status is not None and not term.negated and term.status not in PREREQUISITE_STATUSES:
        return (f"{term.text!r} compares with the status {term.status!r}, which no item ever has",
                "compare with passed, completed, failed, incomplete, browsed or not attempted, in lower case")
    return None


def _items(n: int) -> str:
    return f"{n} completed item" if n == 1 else f"{n} completed items"
