"""SCORM 1.2 facts the builder relies on, as small tables with their source.

References: ADL SCORM 1.2 Run-Time Environment (RTE) section 3.4 (data model);
ADL SCORM 1.2 Content Aggregation Model (CAM) section 2.3 (manifest);
Moodle mod/scorm/datamodels/scorm_12.js (what Moodle enforces).
Field notes with the LMS bug reports behind each: ../shared/docs/scorm12-field-notes.md.
"""
from __future__ import annotations

import re
import string

# RTE 3.4.2: cmi.suspend_data is CMIString4096.
SUSPEND_DATA_MAX = 4096
# RTE 3.4.2: cmi.core.lesson_location is CMIString255.
LESSON_LOCATION_MAX = 255
# CAM 2.3.x: identifiers are xsd:ID in the manifest; Moodle checks interaction ids against
# ^[\u0021-\u007E]{0,255}$ (mod/scorm/datamodels/scorm_12.js, CMIIdentifier).
IDENTIFIER_MAX = 255
# RTE 3.4.4 cmi.interactions.n.student_response for type "choice": single characters 0-9, a-z.
CHOICE_KEYS = string.ascii_lowercase + string.digits
# RTE 3.4.4: true-false responses are "t"/"f" (or 0/1).
TRUE_FALSE_KEYS = ("t", "f")
# RTE 3.4.4 cmi.interactions.n.result vocabulary (1.2 says "wrong"; 2004 says "incorrect").
RESULT_VOCABULARY = ("correct", "wrong", "unanticipated", "neutral")
# RTE 3.4.2 cmi.core.score.raw: CMIDecimal; LMSs expect 0..100 with min 0 and max 100.
SCORE_MIN, SCORE_MAX = 0, 100
# Moodle accepts session_time only in this form (mod/scorm/datamodels/scorm_12.js, CMITimespan).
TIMESPAN_RE = re.compile(r"^([0-9]{2,4}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,2})?$")

# Manifest namespaces (CAM 2.3.1) and the schema files their xsi:schemaLocation names.
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
