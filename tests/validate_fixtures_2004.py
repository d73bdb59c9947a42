"""SCORM 2004 packages for the ``validate`` tests: one good 4th Edition package, then one defect at a time.

``GOOD_2004`` is valid against ADL's 4th Edition schemas and the CAM rules: two SCOs sharing an asset,
choice and flow navigation, rollup, a primary objective per SCO satisfied by measure, a completion
threshold and a hidden LMS control. ``CASES_2004`` lists each defect with the codes it must yield.
"""
from __future__ import annotations

from dataclasses import dataclass

from validate_fixtures import PAGE

NS_CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"

GOOD_2004 = f"""\
<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="MANIFEST-demo" version="1.0"
  xmlns="{NS_CP}"
  xmlns:adlcp="{NS_ADLCP}"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="ORG-demo">
    <organization identifier="ORG-demo">
      <title>Demo</title>
      <item identifier="ITEM-intro" identifierref="RES-intro">
        <title>Intro</title>
        <adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.8"/>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="intro-passed" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
      <item identifier="ITEM-quiz" identifierref="RES-quiz">
        <title>Quiz</title>
        <adlcp:timeLimitAction>continue,no message</adlcp:timeLimitAction>
        <imsss:sequencing>
          <imsss:sequencingRules>
            <imsss:preConditionRule>
              <imsss:ruleConditions>
                <imsss:ruleCondition referencedObjective="quiz-passed" condition="satisfied"/>
              </imsss:ruleConditions>
              <imsss:ruleAction action="skip"/>
            </imsss:preConditionRule>
          </imsss:sequencingRules>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="quiz-passed" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>0.75</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
            <imsss:objective objectiveID="quiz-part-2"/>
          </imsss:objectives>
        </imsss:sequencing>
        <adlnav:presentation>
          <adlnav:navigationInterface>
            <adlnav:hideLMSUI>continue</adlnav:hideLMSUI>
          </adlnav:navigationInterface>
        </adlnav:presentation>
      </item>
      <imsss:sequencing>
        <imsss:controlMode choice="true" flow="true"/>
        <imsss:rollupRules>
          <imsss:rollupRule childActivitySet="all">
            <imsss:rollupConditions>
              <imsss:rollupCondition condition="completed"/>
            </imsss:rollupConditions>
            <imsss:rollupAction action="completed"/>
          </imsss:rollupRule>
        </imsss:rollupRules>
        <adlseq:rollupConsiderations requiredForCompleted="ifNotSkipped"/>
      </imsss:sequencing>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-intro" type="webcontent" adlcp:scormType="sco" href="intro/index.html?page=1">
      <file href="intro/index.html"/>
      <dependency identifierref="RES-shared"/>
    </resource>
    <resource identifier="RES-quiz" type="webcontent" adlcp:scormType="sco" href="quiz/index.html">
      <file href="quiz/index.html"/>
      <dependency identifierref="RES-shared"/>
    </resource>
    <resource identifier="RES-shared" type="webcontent" adlcp:scormType="asset">
      <file href="shared/style.css"/>
    </resource>
  </resources>
</manifest>
"""

GOOD_FILES_2004: dict[str, str | bytes] = {
    "imsmanifest.xml": GOOD_2004,
    "intro/index.html": PAGE,
    "quiz/index.html": PAGE,
    "shared/style.css": "body { margin: 0; }\n",
}
COLLECTION = """
  <imsss:sequencingCollection>
    <imsss:sequencing ID="shared-rules">
      <imsss:objectives>
        <imsss:primaryObjective objectiveID="shared-primary"/>
        <imsss:objective objectiveID="shared-extra"/>
      </imsss:objectives>
    </imsss:sequencing>
  </imsss:sequencingCollection>
</manifest>"""


def manifest_2004(*replacements: tuple[str, str]) -> str:
    """``GOOD_2004`` with each (old, new) replaced once; fails loudly if ``old`` is absent."""
    text = GOOD_2004
    for old, new in replacements:
        assert old in text, f"fixture text not found: {old!r}"
        text = text.replace(old, new, 1)
    return text


def files_2004(*replacements: tuple[str, str], add: dict[str, str | bytes] | None = None,
               drop: tuple[str, ...] = ()) -> dict[str, str | bytes]:
    files = dict(GOOD_FILES_2004) | {"imsmanifest.xml": manifest_2004(*replacements)} | (add or {})
    for name in drop:
        del files[name]
    return files


@dataclass(frozen=True)
class Case2004:
    id: str
    expect: frozenset[str]
    replacements: tuple[tuple[str, str], ...]
    drop: tuple[str, ...] = ()
    says: str = ""  # text one finding's message or hint must contain
    everywhere: tuple[str, str] | None = None  # replaced throughout the manifest, after the others

    def files(self) -> dict[str, str | bytes]:
        files = files_2004(*self.replacements, drop=self.drop)
        if self.everywhere:
            files["imsmanifest.xml"] = str(files["imsmanifest.xml"]).replace(*self.everywhere)
        return files


def _case(id: str, expect: str, *replacements: tuple[str, str], drop: tuple[str, ...] = (), says: str = "",
          everywhere: tuple[str, str] | None = None):
    return Case2004(id, frozenset(expect.split()), replacements, drop, says, everywhere)


QUIZ_PRIMARY = '<imsss:primaryObjective objectiveID="quiz-passed" satisfiedByMeasure="true">'
CASES_2004 = [
    # namespaces and version metadata
    _case("scorm12-adlcp-namespace", "SB220", (f'xmlns:adlcp="{NS_ADLCP}"',
          'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"'), says="adlcp_rootv1p2"),
    _case("schemaversion-2nd-edition-spelt-out", "SB221", (">2004 4th Edition<", ">2004 2nd Edition<"),
          says="CAM 1.3"),
    _case("schemaversion-on-its-own-lines", "SB221", (">2004 4th Edition<", ">\n      2004 4th Edition\n    <"),
          says="one line"),
    _case("schemaversion-missing", "SB221", ("<schemaversion>2004 4th Edition</schemaversion>", "")),
    _case("schemaversion-1.3", "SB222", (">2004 4th Edition<", ">1.3<")),
    _case("schema-not-adl-scorm", "SB222", ("<schema>ADL SCORM</schema>", "<schema>SCORM</schema>")),
    _case("adlcp-prefix-adl", "SB223", ("xmlns:adlcp=", "xmlns:adl="), everywhere=("adlcp:", "adl:"), says="'adl'"),
    _case("adlcp-prefix-both-bound", "SB223",
          (f'xmlns:adlcp="{NS_ADLCP}"', f'xmlns:adlcp="{NS_ADLCP}" xmlns:adl="{NS_ADLCP}"'),
          ('type="webcontent" adlcp:scormType="sco" href="quiz', 'type="webcontent" adl:scormType="sco" href="quiz')),
    _case("adlcp-namespace-misspelt", "SB207", ('adlcp:scormType="asset"', 'adlcp:scormType="asset" '
          'xmlns:bad="http://www.adlnet.org/xsd/adlcp_v1p4" bad:scormType="asset"')),
    _case("imsss-namespace-misspelt", "SB520", ("<imsss:controlMode ", '<ss:controlMode '
          'xmlns:ss="http://www.imsglobal.org/xsd/imsss_v1p0" ')),
    # adlcp values
    _case("scormtype-scorm12-spelling", "SB520",
          ('adlcp:scormType="sco" href="quiz', 'adlcp:scormtype="sco" href="quiz'),
          says="camel case"),
    _case("masteryscore-from-scorm12", "SB520",
          ("<adlcp:timeLimitAction>", "<adlcp:masteryscore>80</adlcp:masteryscore><adlcp:timeLimitAction>"),
          says="minNormalizedMeasure"),
    _case("scormtype-upper-case", "SB502", ('adlcp:scormType="sco" href="quiz', 'adlcp:scormType="SCO" href="quiz')),
    _case("scormtype-missing-on-launched", "SB409", (' adlcp:scormType="sco" href="quiz', ' href="quiz')),
    _case("timelimitaction-scorm12-word", "SB504", (">continue,no message<", ">exit<")),
    _case("timelimitaction-on-asset-item", "SB506 SB313", ('<item identifier="ITEM-quiz" identifierref="RES-quiz">',
          '<item identifier="ITEM-quiz" identifierref="RES-shared">'),),
    _case("threshold-in-percent", "SB521", ('minProgressMeasure="0.8"', 'minProgressMeasure="80"')),
    _case("threshold-3rd-edition-text", "SB521", ('<adlcp:completionThreshold completedByMeasure="true" '
          'minProgressMeasure="0.8"/>', "<adlcp:completionThreshold>75</adlcp:completionThreshold>")),
    # shared CP rules
    _case("launch-file-missing", "SB401", drop=("quiz/index.html",)),
    _case("identifierref-dangling", "SB310 SB313", ('identifierref="RES-quiz"', 'identifierref="RES-qiuz"')),
    _case("resource-without-type", "SB408", ('<resource identifier="RES-quiz" type="webcontent"',
                                            '<resource identifier="RES-quiz"')),
    _case("cluster-names-a-resource", "SB314", ("<title>Quiz</title>", "<title>Quiz</title>"
          '<item identifier="ITEM-quiz-part" identifierref="RES-intro"><title>Part</title></item>')),
    # sequencing and navigation
    _case("controlmode-outside-sequencing", "SB701", ("<title>Intro</title>",
          '<title>Intro</title><imsss:controlMode flow="true"/>'), says="inside <imsss:sequencing>"),
    _case("presentation-in-organization", "SB701",
          ("<title>Demo</title>", "<title>Demo</title><adlnav:presentation/>")),
    _case("two-sequencings-in-one-item", "SB701",
          ("<adlnav:presentation>", "<imsss:sequencing/><adlnav:presentation>")),
    _case("idref-dangling", "SB702", ("<imsss:sequencing>\n          <imsss:sequencingRules>",
          '<imsss:sequencing IDRef="shared-rule">\n          <imsss:sequencingRules>'), ("\n</manifest>", COLLECTION)),
    _case("id-on-item-sequencing", "SB703", ("<imsss:sequencing>\n          <imsss:sequencingRules>",
          '<imsss:sequencing ID="quiz-rules">\n          <imsss:sequencingRules>')),
    _case("no-primary-objective", "SB710", (QUIZ_PRIMARY, '<imsss:objective objectiveID="quiz-passed" '
          'satisfiedByMeasure="true">'), ("</imsss:primaryObjective>\n            <imsss:objective objectiveID",
                                          "</imsss:objective>\n            <imsss:objective objectiveID")),
    _case("two-primary-objectives", "SB710", ('<imsss:objective objectiveID="quiz-part-2"/>',
          '<imsss:primaryObjective objectiveID="quiz-part-2"/>'), says="has 2"),
    _case("primary-objective-second", "SB710", ("<imsss:objectives>\n            " + QUIZ_PRIMARY,
          '<imsss:objectives>\n            <imsss:objective objectiveID="quiz-first"/>' + QUIZ_PRIMARY),
          says="after another"),
    _case("objective-id-twice", "SB711", ('<imsss:objective objectiveID="quiz-part-2"/>',
                                         '<imsss:objective objectiveID="quiz-passed"/>')),
    _case("measure-in-percent", "SB712", (">0.75<", ">75<"), says="0.75"),
    _case("satisfied-by-measure-without-measure", "SB713",
          ("<imsss:minNormalizedMeasure>0.75</imsss:minNormalizedMeasure>", "")),
    _case("referenced-objective-dangling", "SB714",
          ('referencedObjective="quiz-passed"', 'referencedObjective="quiz"')),
    _case("hidelmsui-unknown", "SB715", (">continue</adlnav:hideLMSUI>", ">next</adlnav:hideLMSUI>")),
    _case("global-objective-for-moodle", "SB720", ('<imsss:minNormalizedMeasure>0.75</imsss:minNormalizedMeasure>',
          '<imsss:minNormalizedMeasure>0.75</imsss:minNormalizedMeasure>'
          '<imsss:mapInfo targetObjectiveID="urn:demo:quiz" writeSatisfiedStatus="true"/>'), says="Moodle"),
    _case("persiststate-in-4th-edition", "SB520", ('<organization identifier="ORG-demo">',
          '<organization identifier="ORG-demo" adlcp:persistState="true">'), says="2nd Edition only"),
    _case("objective-without-id", "SB711", ('<imsss:objective objectiveID="quiz-part-2"/>', "<imsss:objective/>")),
    _case("mapped-primary-without-id", "SB711 SB720", ('<imsss:primaryObjective objectiveID="intro-passed" ',
          "<imsss:primaryObjective "), ("<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>",
          '<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure><imsss:mapInfo targetObjectiveID="g"/>')),
    _case("collection-sequencing-without-id", "SB703", ("\n</manifest>", COLLECTION),
          ('<imsss:sequencing ID="shared-rules">', "<imsss:sequencing>")),
    _case("idref-inside-collection", "SB703", ("\n</manifest>", COLLECTION),
          ('<imsss:sequencing ID="shared-rules">', '<imsss:sequencing ID="shared-rules" IDRef="other">')),
    _case("idref-without-collection", "SB702", ("<imsss:sequencing>\n          <imsss:sequencingRules>",
          '<imsss:sequencing IDRef="shared-rules">\n          <imsss:sequencingRules>'),
          says="no sequencingCollection"),
    _case("objectives-global-on-item", "SB701", ('<item identifier="ITEM-intro" identifierref="RES-intro">',
          '<item identifier="ITEM-intro" identifierref="RES-intro" adlseq:objectivesGlobalToSystem="false">')),
    _case("scormtype-on-item", "SB701", ('<item identifier="ITEM-intro" identifierref="RES-intro">',
          '<item identifier="ITEM-intro" identifierref="RES-intro" adlcp:scormType="sco">')),
    _case("datafromlms-in-organization", "SB506", ("<title>Demo</title>",
          "<title>Demo</title><adlcp:dataFromLMS>x</adlcp:dataFromLMS>")),
    _case("threshold-on-folder-item", "SB506", ("<title>Demo</title>", '<title>Demo</title><item identifier="F">'
          '<title>F</title><adlcp:completionThreshold minProgressMeasure="0.5"/>'
          '<item identifier="F1" identifierref="RES-intro"><title>F1</title></item></item>')),
    # what is no finding
    _case("referenced-objective-of-the-shared-sequencing", "", ("\n</manifest>", COLLECTION),
          ("<imsss:sequencing>\n          <imsss:sequencingRules>",
           '<imsss:sequencing IDRef="shared-rules">\n          <imsss:sequencingRules>'),
          ('referencedObjective="quiz-passed"', 'referencedObjective="shared-extra"')),
    _case("threshold-on-organization", "", ("<title>Demo</title>",
          '<title>Demo</title><adlcp:completionThreshold minProgressMeasure="0.5"/>')),
    _case("persiststate-in-2nd-edition", "", (">2004 4th Edition<", ">CAM 1.3<"),
          ('<organization identifier="ORG-demo">', '<organization identifier="ORG-demo" adlcp:persistState="true">')),
    _case("mapinfo-under-another-prefix-moodle-does-not-read", "",
          ("<imsss:minNormalizedMeasure>0.75</imsss:minNormalizedMeasure>",
           "<imsss:minNormalizedMeasure>0.75</imsss:minNormalizedMeasure>"
           '<ss:mapInfo xmlns:ss="http://www.imsglobal.org/xsd/imsss" targetObjectiveID="urn:demo:quiz"/>')),
    _case("scorm12-metadata-namespace-is-no-finding", "",
          ("</metadata>", '<imsmd:lom xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1">'
           "<imsmd:general/></imsmd:lom></metadata>")),
    # SCORM 1.2 names in a 2004 manifest
    _case("scorm12-cp-namespace-inside", "SB220",
          ('<file href="shared/style.css"/>', '<file href="shared/style.css"/>'
           '<cp:file xmlns:cp="http://www.imsproject.org/xsd/imscp_rootv1p1p2" href="shared/style.css"/>'),
          says="IMS CP 1.1.2"),
]
