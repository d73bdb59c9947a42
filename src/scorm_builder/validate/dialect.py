"""The SCORM standard a manifest is written in: the namespaces and spellings the shared rules look up.

Identifiers, organizations, resources and files mean the same in SCORM 1.2 and SCORM 2004
(both are IMS Content Packaging), so those rules run for both, reading names through a
``Dialect``; the rules only one standard has live in their own modules.
"""
from __future__ import annotations

from typing import NamedTuple

from lxml import etree

from .spec import NS_ADLCP, NS_IMSCP
from .spec2004 import NS_ADLCP_2004, NS_IMSCP_2004


class Dialect(NamedTuple):
    """The namespaces and names in which a manifest speaks SCORM 1.2 or SCORM 2004."""

    standard: str  # as written in messages: "SCORM 1.2", "SCORM 2004"
    ns_cp: str
    ns_adlcp: str
    scormtype: str  # the local name of the resource attribute saying sco or asset

    def cp(self, tag: str) -> str:
        """An IMS CP element name in lxml's {namespace}tag form."""
        return f"{{{self.ns_cp}}}{tag}"

    def adlcp(self, name: str) -> str:
        return f"{{{self.ns_adlcp}}}{name}"

    @property
    def scormtype_name(self) -> str:
        return f"adlcp:{self.scormtype}"

    def scormtype_of(self, el: etree._Element) -> str | None:
        """The resource's sco/asset value, as this standard spells the attribute."""
        return el.get(self.adlcp(self.scormtype))


# SCORM 1.2 CAM 2.3: IMS CP 1.1.2 and adlcp_rootv1p2 (attribute adlcp:scormtype, lower case).
SCORM12 = Dialect("SCORM 1.2", NS_IMSCP, NS_ADLCP, "scormtype")
# SCORM 2004 CAM: IMS CP 1.1.4 and adlcp_v1p3 (attribute adlcp:scormType, camel case).
SCORM2004 = Dialect("SCORM 2004", NS_IMSCP_2004, NS_ADLCP_2004, "scormType")
