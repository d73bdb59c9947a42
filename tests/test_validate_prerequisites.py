"""adlcp:prerequisites as Moodle's AICC-script evaluator reads it: what parses, what it names."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from validate_fixtures import files_with, manifest, prerequisites_files, prerequisites_manifest, write_zip

from scorm_builder.validate import validate_package
from scorm_builder.validate.prerequisites import PrerequisiteSyntaxError, parse


@pytest.mark.parametrize("expression", [
    "A", "A&B", "A|~B", "(A|B)&C", "~(A)", "~~A", "2*{A,B,C}", "A=passed", "A<>failed", "A = 'completed'",
    " ( A ) & ( B | C ) ", "A&amp;B",
])
def test_expressions_moodle_can_evaluate(expression: str):
    assert parse(expression)


@pytest.mark.parametrize("expression, reason", [
    ("", "empty"), ("   ", "empty"), ("A&", "ends after '&'"), ("&A", "'&' has no term before it"),
    ("A||B", "'|' has no term before it"), ("()", "')' closes nothing"), ("(A", "never closed"),
    ("A)", "')' closes nothing"), ("A (B)", "'(' follows 'A'"), ("A ~B", "'~' follows 'A'"), ("~", "ends after '~'"),
])
def test_expressions_that_break_the_evaluator(expression: str, reason: str):
    with pytest.raises(PrerequisiteSyntaxError, match=re.escape(reason)):
        parse(expression)


def test_terms_are_read_as_moodle_reads_them():
    (words,) = parse("module1 AND module2")
    assert words.identifiers == ("module1 AND module2",)  # 'AND' is no operator: one identifier
    (spaced,) = parse("2*{A, B}")
    assert spaced.needed == 2 and spaced.identifiers == ("A", " B")  # set members are not trimmed
    (compared,) = parse("A <> 'failed'")
    assert compared.identifiers == ("A",) and compared.status == "failed" and compared.negated


@pytest.mark.parametrize("expression, codes", [
    ("ITEM-intro", set()),
    ("~ITEM-intro", set()),
    ("ITEM-intro=passed|ITEM-intro=c", set()),
    ("ITEM-intro&lt;&gt;done", set()),  # always true: the item is never locked by it
    ("1*{ITEM-intro,ITEM-gone}", set()),
    ("ITEM-intro=Passed", {"SB511"}),  # statuses are compared as written
    ("ITEM-next", {"SB511"}),  # waits for itself
    ("2*{ITEM-intro,ITEM-gone}", {"SB511"}),
    ("ITEM-intro AND ITEM-gone", {"SB511"}),
    ("ITEM-intro &amp; ITEM-intro)", {"SB510"}),
])
def test_what_prerequisites_name(tmp_path: Path, expression: str, codes: set[str]):
    findings = validate_package(write_zip(tmp_path / "c.zip", prerequisites_files(expression)))
    assert {p.code for p in findings} == codes, [p.format() for p in findings]


def test_an_item_of_another_organization_or_a_folder_is_never_completed(tmp_path: Path):
    text = prerequisites_manifest("ITEM-other").replace(
        "  </organizations>", """    <organization identifier="ORG-2"><title>Other</title>
      <item identifier="ITEM-other" identifierref="RES-intro"><title>Other</title></item>
    </organization>
  </organizations>""")
    findings = validate_package(write_zip(tmp_path / "org.zip", prerequisites_files(None) | {"imsmanifest.xml": text}))
    assert [p.code for p in findings] == ["SB511"] and "another organization" in findings[0].message
    folder = manifest(("<title>Demo</title>", '<title>Demo</title><item identifier="UNIT-1"><title>Unit</title>'
                       '<item identifier="ITEM-x" identifierref="RES-intro"><title>X</title></item></item>'),
                      ("<adlcp:masteryscore>80</adlcp:masteryscore>",
                       '<adlcp:masteryscore>80</adlcp:masteryscore><adlcp:prerequisites type="aicc_script">'
                       "UNIT-1</adlcp:prerequisites>"))
    findings = validate_package(write_zip(tmp_path / "folder.zip", files_with(folder)))
    assert [p.code for p in findings] == ["SB511"] and "launches nothing" in findings[0].message
