"""SCORM 1.2 facts the builder relies on, as small tables with their source.

docs/scorm12.md explains each one in this project's words and where the code applies it; the
comments below name its section there (and the ADL SCORM 1.2 book it comes from: the Run-Time
Environment, RTE, for the data model; the Content Aggregation Model, CAM, for the manifest).
"""
from __future__ import annotations

import re
import string

# docs/scorm12.md#data-model (RTE): cmi.suspend_data is CMIString4096.
SUSPEND_DATA_MAX = 4096
# docs/scorm12.md#data-model (RTE): cmi.core.lesson_location is CMIString255.
LESSON_LOCATION_MAX = 255
# docs/scorm12.md#identifiers (CAM): identifiers are XML IDs; Moodle checks interaction ids against
# ^[\u0021-\u007E]{0,255}$ (its CMIIdentifier).
IDENTIFIER_MAX = 255
# docs/scorm12.md#interactions (RTE): choice and sequencing responses are single characters 0-9, a-z.
CHOICE_KEYS = string.ascii_lowercase + string.digits
# docs/scorm12.md#interactions (RTE): matching responses pair single characters, "1.a,2.b": the
# items take these (digits first, so that a pair reads like the standard's examples), the targets CHOICE_KEYS.
MATCH_ITEM_KEYS = "123456789" + string.ascii_lowercase
# docs/scorm12.md#interactions (RTE): a fill-in response and its pattern are CMIFeedback, at most 255
# characters; SCORM 2004 keeps 250 of each (docs/scorm2004.md): a fill-in answer fits both.
FILL_IN_MAX = 250
# docs/scorm12.md#interactions: true-false responses are "t"/"f" (or 0/1).
TRUE_FALSE_KEYS = ("t", "f")
# docs/scorm12.md#interactions: the result vocabulary (1.2 says "wrong"; 2004 says "incorrect").
RESULT_VOCABULARY = ("correct", "wrong", "unanticipated", "neutral")
# docs/scorm12.md#data-model: cmi.core.score.raw is CMIDecimal; LMSs expect 0..100 with min 0 and max 100.
SCORE_MIN, SCORE_MAX = 0, 100
# docs/scorm12.md#data-model: Moodle accepts session_time only in this form (its CMITimespan).
TIMESPAN_RE = re.compile(r"^([0-9]{2,4}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,2})?$")

# docs/scorm12.md#manifest (CAM): the manifest namespaces and the schema files xsi:schemaLocation names.
NS_IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
NS_IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS_XML = "http://www.w3.org/XML/1998/namespace"


def cp(tag: str) -> str:
    """An IMS CP element or attribute name in lxml's {namespace}tag form."""
    return f"{{{NS_IMSCP}}}{tag}"


def adlcp(name: str) -> str:
    return f"{{{NS_ADLCP}}}{name}"


def imsmd(tag: str) -> str:
    return f"{{{NS_IMSMD}}}{tag}"


SCHEMA_LOCATION = (
    f"{NS_IMSCP} imscp_rootv1p1p2.xsd "
    f"{NS_IMSMD} imsmd_rootv1p2p1.xsd "
    f"{NS_ADLCP} adlcp_rootv1p2.xsd"
)
