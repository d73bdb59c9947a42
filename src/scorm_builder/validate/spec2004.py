"""SCORM 2004 manifest facts the linter checks, with their source: one table per fact.

References: ADL SCORM 2004 Content Aggregation Model (CAM), 2nd, 3rd and 4th Edition; the
4th Edition schema files (imscp_v1p1.xsd, adlcp_v1p3.xsd, adlseq_v1p3.xsd, adlnav_v1p3.xsd and
IMS Simple Sequencing 1.0, imsss_v1p0*.xsd); Moodle 4.3 mod/scorm (datamodels/scormlib.php,
which picks the run-time API and reads extension names by their prefixed, upper-cased name).
These are the linter's own tables; a manifest writer may share them later.
"""
from __future__ import annotations

import re

# IMS CP 1.1.4 (the default namespace of a SCORM 2004 manifest) and the ADL and IMS SS extensions.
NS_IMSCP_2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
NS_ADLCP_2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"
NS_ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
NS_ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
NS_IMSSS = "http://www.imsglobal.org/xsd/imsss"
NS_LOM = "http://ltsc.ieee.org/xsd/LOM"
# The extension namespaces, with the prefix every tool writes and Moodle reads names by.
EXTENSIONS = {NS_ADLCP_2004: "adlcp", NS_ADLSEQ: "adlseq", NS_ADLNAV: "adlnav", NS_IMSSS: "imsss"}

# CAM <schemaversion> per edition: 2nd Edition writes "CAM 1.3", then "2004 3rd Edition", "2004 4th Edition".
SCHEMA_VERSIONS = {"CAM 1.3": "2nd Edition", "2004 3rd Edition": "3rd Edition", "2004 4th Edition": "4th Edition"}
# Moodle runs the SCORM 2004 API only for these exact texts (unpadded); "1.3" also, though no edition writes it.
# Any other text, a missing <schemaversion> included, gets the SCORM 1.2 API.
MOODLE_2004_VERSIONS = re.compile(r"^(CAM )?1\.3$|^2004 (3rd|4th) Edition$")

# The names each extension schema declares. Top level: may stand in IMS CP's extension wildcards.
# Nested: valid only inside their parent extension element.
TOP_LEVEL = {
    NS_ADLCP_2004: frozenset({"location", "dataFromLMS", "timeLimitAction", "completionThreshold", "data", "map"}),
    NS_ADLSEQ: frozenset({"constrainedChoiceConsiderations", "rollupConsiderations", "objectives", "objective",
                          "mapInfo"}),
    NS_ADLNAV: frozenset({"presentation", "navigationInterface", "hideLMSUI"}),
    NS_IMSSS: frozenset({"sequencing", "sequencingCollection"}),
}
NESTED = {
    NS_IMSSS: frozenset({
        "controlMode", "sequencingRules", "preConditionRule", "exitConditionRule", "postConditionRule",
        "ruleConditions", "ruleCondition", "ruleAction", "limitConditions", "auxiliaryResources",
        "auxiliaryResource", "rollupRules", "rollupRule", "rollupConditions", "rollupCondition", "rollupAction",
        "objectives", "primaryObjective", "objective", "minNormalizedMeasure", "mapInfo", "randomizationControls",
        "deliveryControls"}),
}
ATTRIBUTES = {
    NS_ADLCP_2004: frozenset({"scormType", "sharedDataGlobalToSystem"}),
    NS_ADLSEQ: frozenset({"objectivesGlobalToSystem"}),
    NS_ADLNAV: frozenset(),
    NS_IMSSS: frozenset(),
}
# Names only an earlier edition's schema declares: adlcp:persistState (2nd Edition; 3rd Edition dropped it).
SECOND_EDITION_ATTRIBUTES = {NS_ADLCP_2004: frozenset({"persistState"})}
# What a SCORM 1.2 author (or exporter) writes where SCORM 2004 has another construct.
SCORM12_NAMES = {
    "scormtype": "adlcp:scormType, camel case",
    "masteryscore": "imsss:objectives with satisfiedByMeasure and imsss:minNormalizedMeasure",
    "maxtimeallowed": "imsss:limitConditions attemptAbsoluteDurationLimit",
    "prerequisites": "imsss:sequencingRules preConditionRule",
    "datafromlms": "adlcp:dataFromLMS",
    "timelimitaction": "adlcp:timeLimitAction",
}

# CAM placement of the extension elements (the parent elements the schemas and CAM allow).
CP_ITEM, CP_ORG, CP_METADATA, CP_MANIFEST = "item", "organization", "metadata", "manifest"
# adlcp data about how an item's SCO is run: only items that launch a SCO (CAM 3rd/4th Ed. item children).
ADLCP_ITEM_DATA = ("timeLimitAction", "dataFromLMS", "completionThreshold", "data")
# adlcp:timeLimitAction: the same vocabulary as SCORM 1.2's (adlcp_v1p3.xsd timeLimitActionType).
# adlnav:hideLMSUI (adlnav_v1p3.xsd hideLMSUIType).
HIDE_LMS_UI = ("abandon", "continue", "exit", "previous", "suspendAll", "exitAll", "abandonAll")
# imsss measureType (imsss_v1p0util.xsd) and adlcp minProgressMeasure/progressWeight: xs:decimal.
DECIMAL_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def ss(tag: str) -> str:
    return f"{{{NS_IMSSS}}}{tag}"


def adlseq(tag: str) -> str:
    return f"{{{NS_ADLSEQ}}}{tag}"


def adlnav(tag: str) -> str:
    return f"{{{NS_ADLNAV}}}{tag}"
