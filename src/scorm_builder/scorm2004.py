"""SCORM 2004 4th Edition facts the builder relies on, as small tables with their source.

References (ADL SCORM 2004 4th Edition books):
CAM = Content Aggregation Model (manifest, metadata); SN = Sequencing and Navigation;
RTE = Run-Time Environment (the cmi data model). The schema files named here are the ones ADL's
Conformance Test Suite validates against (../shared/scorm2004-schemas/, from
adlnet/SCORM-2004-4ed-Test-Suite @ 050f1b42). Where a section number comes from scorm-again's
``@spec`` comments rather than the book itself, it says so.
Moodle behaviour: mod/scorm/datamodels/scormlib.php and scorm_13lib.php of Moodle 4.3.0
(../shared/moodle/README.md, "What Moodle 4.3.0 does with a SCORM 2004 package").
"""
from __future__ import annotations

# --- Manifest (CAM 3.4: the manifest's XML binding) ---------------------------------------------

# CAM 3.4: a 2004 manifest is IMS Content Packaging 1.1.4 (namespace imscp_v1p1) extended by ADL's
# content-packaging (adlcp_v1p3), sequencing (adlseq_v1p3) and navigation (adlnav_v1p3) namespaces and
# IMS Simple Sequencing 1.0 (imsss). Metadata is IEEE LOM (1484.12.3 XML binding), CAM 4.
# None of these is a SCORM 1.2 namespace: mixing those in passes the XSDs and breaks import.
NS_IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"
NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
NS_ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
NS_ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
NS_IMSSS = "http://www.imsglobal.org/xsd/imsss"
NS_LOM = "http://ltsc.ieee.org/xsd/LOM"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"

# CAM 3.4.1.x (CTS REQ_30.5.x): the manifest's <metadata> starts with <schema>ADL SCORM</schema> and
# <schemaversion>2004 4th Edition</schemaversion>, in that order. Moodle 4.3 picks its 2004 runtime
# from this exact text (regex ^2004 (3rd|4th) Edition$, or "CAM 1.3"); anything else gets the 1.2 API.
SCHEMA = "ADL SCORM"
SCHEMA_VERSION = "2004 4th Edition"

# The schema file per namespace, as ADL ships them; lom.xsd is ADL's default LOM composite (strict
# LOMv1.0 vocabularies, no extensions). adlnav_v1p3 is declared although this builder writes no adlnav
# element: a 4th Edition manifest names all five SCORM namespaces (issue 12, item 2).
SCHEMA_FILES = (
    (NS_IMSCP, "imscp_v1p1.xsd"),
    (NS_ADLCP, "adlcp_v1p3.xsd"),
    (NS_ADLSEQ, "adlseq_v1p3.xsd"),
    (NS_ADLNAV, "adlnav_v1p3.xsd"),
    (NS_IMSSS, "imsss_v1p0.xsd"),
    (NS_LOM, "lom.xsd"),
)
SCHEMA_LOCATION = " ".join(f"{ns} {path}" for ns, path in SCHEMA_FILES)

# CAM 3.4.1.x resource attribute adlcp:scormType (camelCase; 1.2 spelled it scormtype), required on
# every <resource> (CTS REQ_30.7.3.4), vocabulary from adlcp_v1p3.xsd.
SCORM_TYPES = ("sco", "asset")

# --- Sequencing (SN 3, IMS SS 1.0 as profiled by SCORM) -----------------------------------------

# imsss_v1p0util.xsd measureType: minNormalizedMeasure is a decimal in -1..1 (SN 3.10, objective
# description); weightType: objectiveMeasureWeight is a decimal in 0..1 (SN 3.7, rollup controls).
MEASURE_MIN, MEASURE_MAX = -1, 1
WEIGHT_MIN, WEIGHT_MAX = 0, 1

# --- Run-time data model (RTE 4.2) ---------------------------------------------------------------
# SPM = smallest permitted maximum: the least an LMS must store. Section numbers marked "per
# scorm-again" come from jcputney/scorm-again's @spec comments (src/cmi/scorm2004/*.ts), not the book.

# RTE 4.2 cmi.suspend_data: characterstring, SPM 64,000 characters (4.2.26 per scorm-again);
# SCORM 1.2 allowed 4,096.
SUSPEND_DATA_MAX = 64000
# RTE 4.2 cmi.location: characterstring, SPM 1,000 characters (1.2's lesson_location allowed 255).
LOCATION_MAX = 1000
# RTE 4.2 cmi.interactions.n.id and cmi.objectives.n.id: long_identifier_type, SPM 4,000 characters.
LONG_IDENTIFIER_MAX = 4000
# RTE 4.2 cmi.interactions.n.description: localized_string_type, SPM 250 characters.
INTERACTION_DESCRIPTION_MAX = 250

# RTE 4.2 cmi.completion_status and cmi.success_status: two statuses where 1.2 had one lesson_status
# (4.2.8 / 4.2.25 per scorm-again).
COMPLETION_STATUS_VOCABULARY = ("completed", "incomplete", "not attempted", "unknown")
SUCCESS_STATUS_VOCABULARY = ("passed", "failed", "unknown")
# RTE 4.2 cmi.exit (write-only): "suspend" keeps the attempt for resuming (4.2.12 per scorm-again).
EXIT_VOCABULARY = ("time-out", "suspend", "logout", "normal", "")
# RTE 4.2 cmi.entry (read-only), cmi.mode and cmi.credit (read-only).
ENTRY_VOCABULARY = ("ab-initio", "resume", "")
MODE_VOCABULARY = ("browse", "normal", "review")
CREDIT_VOCABULARY = ("credit", "no-credit")
# RTE 4.2 cmi.interactions.n.result: 2004 says "incorrect" where 1.2 said "wrong" (a real number is
# also allowed).
RESULT_VOCABULARY = ("correct", "incorrect", "unanticipated", "neutral")
# RTE 4.2 cmi.score.scaled: real in -1..1 (4.1.10.1 per scorm-again, unverified). Moodle 4.3 grades
# from cmi.score.raw only, so raw, min and max are set as well.
SCORE_SCALED_MIN, SCORE_SCALED_MAX = -1, 1
