"""SCORM 2004 packages in the patterns of real authoring tools, written here from scratch (no third-party
file is copied): Rustici's golf examples in their 2nd, 3rd and 4th Edition forms, iSpring and dominKnow
exports. ``PATTERNS_2004`` is the catalogue ``test_validate_tools_2004.py`` runs; the ``Pattern`` fields
mean what they mean in ``tool_patterns.py``.
"""
from __future__ import annotations

from collections.abc import Callable

from tool_patterns import XSD, Files, Pattern, blob, page

NS = ('xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" '
      'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" '
      'xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3" '
      'xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3" '
      'xmlns:imsss="http://www.imsglobal.org/xsd/imsss" '
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
      'xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd '
      'http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd '
      'http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd '
      'http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd '
      'http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd"')
# The files a 4th Edition package carries at its root (placeholders: the linter never lists them as unlisted).
ROOT_SCHEMAS = ("imscp_v1p1.xsd", "adlcp_v1p3.xsd", "adlseq_v1p3.xsd", "adlnav_v1p3.xsd", "imsss_v1p0.xsd",
                *(f"imsss_v1p0{part}.xsd" for part in ("auxresource", "control", "delivery", "limit", "objective",
                                                       "random", "rollup", "seqrule", "util")),
                "xml.xsd", "XMLSchema.dtd", "datatypes.dtd", "lom.xsd", "common/anyElement.xsd",
                "extend/strict.xsd", "unique/strict.xsd", "vocab/strict.xsd")

PATTERNS_2004: list[Pattern] = []


def pattern(id: str, tool: str, expect: str, exit: int, strict: int | None = None, strict_notes: int | None = None,
            says: tuple[tuple[str, str], ...] = ()):
    def register(build: Callable[[], Files]) -> Callable[[], Files]:
        PATTERNS_2004.append(Pattern(id, tool, build, frozenset(expect.split()), exit, strict, strict_notes, says))
        return build
    return register


def manifest(organization: str, resources: str, version: str = "2004 4th Edition", metadata: str = "",
             collection: str = "") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.course" version="1" {NS}>
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>{version}</schemaversion>{metadata}
  </metadata>
  <organizations default="ORG-1">{organization}
  </organizations>
  <resources>{resources}
  </resources>{collection}
</manifest>
"""


def resource(ident: str, href: str | None, files: list[str], scormtype: str = "sco", deps: tuple[str, ...] = ()) -> str:
    hrefattr = f' href="{href}"' if href else ""
    body = "".join(f'\n      <file href="{f}"/>' for f in files)
    body += "".join(f'\n      <dependency identifierref="{d}"/>' for d in deps)
    return (f'\n    <resource identifier="{ident}" type="webcontent" adlcp:scormType="{scormtype}"{hrefattr}>'
            f"{body}\n    </resource>")


def with_schemas(files: dict[str, str | bytes]) -> dict[str, str | bytes]:
    return files | {name: XSD for name in ROOT_SCHEMAS}


def _golf_files(scos: tuple[str, ...]) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    for i, name in enumerate(scos):
        files[f"{name}/{name}.html"] = page(name, "../shared/scormfunctions.js")
        files[f"{name}/{name.lower()}1.jpg"] = blob(i, 2000)
    return files | {"shared/background.jpg": blob(9, 3000), "shared/scormfunctions.js": "function init() {}\n",
                    "shared/style.css": "body{}\n"}


def _golf_resources(scos: tuple[str, ...]) -> str:
    shared = ["shared/background.jpg", "shared/scormfunctions.js", "shared/style.css"]
    return "".join(resource(f"{name}_resource", f"{name}/{name}.html", [f"{name}/{name}.html",
                                                                        f"{name}/{name.lower()}1.jpg"],
                            deps=("common_files",)) for name in scos) + resource("common_files", None, shared,
                                                                                 scormtype="asset")


_CONTENT = ("Playing", "Etiquette", "Handicapping", "HavingFun")
_POST_TEST = """
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="PRIMARYOBJ" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>0.6</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>"""


@pattern("rustici-golf-2004-4th-post-test-rollup", "Rustici golf examples", "", 0)
def _golf_4th() -> Files:
    """Content SCOs sharing rules from a sequencingCollection by IDRef, a post test whose measure satisfies
    the course, rollup from the post test only, the LMS's continue/previous hidden."""
    items = "".join(f"""
      <item identifier="{name}_item" identifierref="{name}_resource">
        <title>{name}</title>
        <imsss:sequencing IDRef="content_rules"/>
      </item>""" for name in _CONTENT)
    items += f"""
      <item identifier="test_item" identifierref="Posttest_resource">
        <title>Post test</title>{_POST_TEST}
        <adlnav:presentation>
          <adlnav:navigationInterface>
            <adlnav:hideLMSUI>continue</adlnav:hideLMSUI>
            <adlnav:hideLMSUI>previous</adlnav:hideLMSUI>
          </adlnav:navigationInterface>
        </adlnav:presentation>
      </item>"""
    organization = f"""
    <organization identifier="ORG-1" adlseq:objectivesGlobalToSystem="false">
      <title>Golf Explained - Post Test Rollup</title>{items}
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
        <imsss:rollupRules rollupObjectiveSatisfied="true" rollupProgressCompletion="true"
            objectiveMeasureWeight="1"/>
      </imsss:sequencing>
    </organization>"""
    collection = """
  <imsss:sequencingCollection>
    <imsss:sequencing ID="content_rules">
      <imsss:rollupRules rollupObjectiveSatisfied="false" objectiveMeasureWeight="0"/>
      <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
      <adlseq:rollupConsiderations requiredForSatisfied="ifAttempted"/>
    </imsss:sequencing>
  </imsss:sequencingCollection>"""
    scos = (*_CONTENT, "Posttest")
    files = _golf_files(scos) | {"imsmanifest.xml": manifest(organization, _golf_resources(scos),
                                                             collection=collection)}
    return with_schemas(files)


@pattern("rustici-golf-2004-global-objectives", "Rustici golf examples", "SB720", 0, strict=1,
         says=(("SB720", "Moodle"),))
def _golf_global() -> Files:
    """Forced sequential order through global objectives: works in sequencing LMSs, fails Moodle 4.3's upload."""
    items = ""
    for i, name in enumerate(_CONTENT):
        gate = "" if i == 0 else """
          <imsss:sequencingRules>
            <imsss:preConditionRule>
              <imsss:ruleConditions conditionCombination="any">
                <imsss:ruleCondition referencedObjective="previous_sco_satisfied" operator="not"
                    condition="satisfied"/>
                <imsss:ruleCondition referencedObjective="previous_sco_satisfied" operator="not"
                    condition="objectiveStatusKnown"/>
              </imsss:ruleConditions>
              <imsss:ruleAction action="disabled"/>
            </imsss:preConditionRule>
          </imsss:sequencingRules>"""
        previous = "" if i == 0 else f"""
            <imsss:objective objectiveID="previous_sco_satisfied">
              <imsss:mapInfo targetObjectiveID="com.example.golf.{_CONTENT[i - 1]}_satisfied"
                  readSatisfiedStatus="true" writeSatisfiedStatus="false"/>
            </imsss:objective>"""
        items += f"""
      <item identifier="{name}_item" identifierref="{name}_resource">
        <title>{name}</title>
        <imsss:sequencing>{gate}
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="{name}_satisfied">
              <imsss:mapInfo targetObjectiveID="com.example.golf.{name}_satisfied"
                  readSatisfiedStatus="true" writeSatisfiedStatus="true"/>
            </imsss:primaryObjective>{previous}
          </imsss:objectives>
        </imsss:sequencing>
      </item>"""
    organization = f"""
    <organization identifier="ORG-1">
      <title>Golf Explained - Forced Sequential Order</title>{items}
      <imsss:sequencing>
        <imsss:controlMode choice="false" flow="true"/>
      </imsss:sequencing>
    </organization>"""
    files = _golf_files(_CONTENT) | {"imsmanifest.xml": manifest(organization, _golf_resources(_CONTENT))}
    return with_schemas(files)


@pattern("rustici-golf-2004-3rd-edition", "Rustici golf examples", "", 0)
def _golf_3rd() -> Files:
    """3rd Edition: its schemaversion, a completion threshold as element text, choice and flow."""
    items = "".join(f"""
      <item identifier="{name}_item" identifierref="{name}_resource">
        <title>{name}</title>
        <adlcp:completionThreshold>0.75</adlcp:completionThreshold>
      </item>""" for name in _CONTENT)
    organization = f"""
    <organization identifier="ORG-1">
      <title>Golf Explained - Run-time Basic Calls</title>{items}
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
      </imsss:sequencing>
    </organization>"""
    files = _golf_files(_CONTENT) | {"imsmanifest.xml": manifest(organization, _golf_resources(_CONTENT),
                                                                 version="2004 3rd Edition")}
    return with_schemas(files)


@pattern("rustici-golf-2004-2nd-edition", "Rustici golf examples", "", 0)
def _golf_2nd() -> Files:
    """2nd Edition: schemaversion CAM 1.3, one SCO, no sequencing at all."""
    organization = """
    <organization identifier="ORG-1">
      <title>Golf Explained - Single SCO</title>
      <item identifier="item_1" identifierref="Playing_resource">
        <title>Golf Explained</title>
      </item>
    </organization>"""
    files = _golf_files(("Playing",)) | {"imsmanifest.xml": manifest(organization, _golf_resources(("Playing",)),
                                                                     version="CAM 1.3")}
    return with_schemas(files)


@pattern("ispring-2004-lom-and-schema-folders", "iSpring", "", 0)
def _ispring() -> Files:
    """One SCO with every file listed, inline LOM metadata, the schemas at the root and in common/, vocab/..."""
    listed = ["index_lms.html", "data/player.js", "data/slide1.png", "data/slide2.png", "lms/API.js"]
    metadata = """
    <lom xmlns="http://ltsc.ieee.org/xsd/LOM">
      <general><title><string language="en">Quiz course</string></title></general>
    </lom>"""
    organization = """
    <organization identifier="ORG-1">
      <title>Quiz course</title>
      <item identifier="ITEM_1" identifierref="RES_1" isvisible="true">
        <title>Quiz course</title>
        <imsss:sequencing>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
    </organization>"""
    files: dict[str, str | bytes] = {"index_lms.html": page("Quiz", "lms/API.js"), "data/player.js": "var p;\n",
                                     "data/slide1.png": blob(1, 4000), "data/slide2.png": blob(2, 4000),
                                     "lms/API.js": "var API_1484_11;\n"}
    files["imsmanifest.xml"] = manifest(organization, resource("RES_1", "index_lms.html", listed), metadata=metadata)
    return with_schemas(files)


@pattern("dominknow-2004-flow-with-attempt-limits", "dominKnow", "", 0)
def _dominknow() -> Files:
    """Three SCOs in flow order, each with item metadata in a file, attempt limits and a skip rule on its own
    objective; the last one is a test satisfied by measure."""
    items = ""
    for i in (1, 2, 3):
        measure = ('satisfiedByMeasure="true">\n              <imsss:minNormalizedMeasure>0.7'
                   "</imsss:minNormalizedMeasure>\n            " if i == 3 else ">")
        items += f"""
      <item identifier="SCO_{i}" identifierref="RES_{i}">
        <title>Part {i}</title>
        <metadata><adlcp:location>metadata/sco{i}.xml</adlcp:location></metadata>
        <imsss:sequencing>
          <imsss:sequencingRules>
            <imsss:preConditionRule>
              <imsss:ruleConditions>
                <imsss:ruleCondition referencedObjective="sco{i}_done" condition="satisfied"/>
              </imsss:ruleConditions>
              <imsss:ruleAction action="skip"/>
            </imsss:preConditionRule>
          </imsss:sequencingRules>
          <imsss:limitConditions attemptLimit="3"/>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="sco{i}_done" {measure}</imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>
      </item>"""
    organization = f"""
    <organization identifier="ORG-1">
      <title>dominKnow course</title>{items}
      <imsss:sequencing>
        <imsss:controlMode choice="false" flow="true" forwardOnly="true"/>
      </imsss:sequencing>
    </organization>"""
    resources = "".join(resource(f"RES_{i}", f"sco{i}/index.html", [f"sco{i}/index.html"], deps=("SHARED",))
                        for i in (1, 2, 3)) + resource("SHARED", None, ["js/api.js"], scormtype="asset")
    files: dict[str, str | bytes] = {f"sco{i}/index.html": page(f"SCO {i}", "../js/api.js") for i in (1, 2, 3)}
    files |= {f"metadata/sco{i}.xml": "<lom/>\n" for i in (1, 2, 3)}
    files |= {"js/api.js": "var api;\n", "imsmanifest.xml": manifest(organization, resources)}
    return files


@pattern("exported-as-2004-2nd-edition", "a tool writing '2004 2nd Edition'", "SB221", 1,
         says=(("SB221", "SCORM 1.2 API"),))
def _second_edition_spelt_out() -> Files:
    files = dict(_golf_2nd())
    files["imsmanifest.xml"] = str(files["imsmanifest.xml"]).replace(">CAM 1.3<", ">2004 2nd Edition<")
    return files


@pattern("scorm12-habits-in-a-2004-manifest", "a 1.2 exporter relabelled as 2004", "SB520 SB712", 1,
         says=(("SB520", "adlcp:scormType"), ("SB712", "0.8")))
def _scorm12_habits() -> Files:
    files = dict(_golf_4th())
    text = str(files["imsmanifest.xml"]).replace('adlcp:scormType="sco"', 'adlcp:scormtype="sco"')
    files["imsmanifest.xml"] = text.replace(">0.6<", ">80<")
    return files
