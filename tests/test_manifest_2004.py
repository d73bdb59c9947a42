"""The SCORM 2004 4th Edition manifest writer: validity, stable ids shared with 1.2, sequencing, determinism."""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pytest
from coursekit import build_2004, make_course, make_generated_course
from lxml import etree

from scorm_builder.build import build
from scorm_builder.layout import MANIFEST
from scorm_builder.model import Course
from scorm_builder.resources import default_course_dir
from scorm_builder.scorm2004 import (
    NS_ADLCP,
    NS_ADLNAV,
    NS_ADLSEQ,
    NS_IMSCP,
    NS_IMSSS,
    NS_LOM,
    SCHEMA_VERSION,
)
from scorm_builder.scorm2004_manifest import manifest_bytes_2004, min_normalized_measure

NS = {"cp": NS_IMSCP, "adlcp": NS_ADLCP, "imsss": NS_IMSSS, "lom": NS_LOM}
SCORM12_NAMESPACES = ("imscp_rootv1p1p2", "adlcp_rootv1p2", "imsmd_rootv1p2p1")
COURSES = ["sample", "kit-sco-per-section", "kit-single-sco", "gen-sco-per-section", "gen-single-sco"]




def course_dir(name: str, tmp_path: Path) -> Path:
    if name == "sample":
        return default_course_dir()
    kit, packaging = name.split("-", 1)
    maker = make_course if kit == "kit" else make_generated_course
    return maker(tmp_path / name, packaging=packaging)


@pytest.fixture(params=COURSES)
def built(request, tmp_path) -> tuple[Course, dict[str, bytes], bytes, bytes]:
    """(course, the SCORM 2004 build's files, its manifest, the SCORM 1.2 build's manifest) of one source."""
    source = course_dir(request.param, tmp_path)
    result = build(source, None, standard="scorm2004")
    assert result.files[MANIFEST] == manifest_bytes_2004(result.course, sorted(n for n in result.files if n != MANIFEST))
    return result.course, result.files, result.files[MANIFEST], build(source, None).files[MANIFEST]


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def write_package(files: dict[str, bytes], manifest: bytes, folder: Path) -> Path:
    for name, data in {**files, MANIFEST: manifest}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def test_manifest_is_valid_against_schemas_cam_rules_and_refs(built, manifest_validator_2004, tmp_path):
    _course, files, manifest, _ = built
    package = write_package(files, manifest, tmp_path / "package")
    assert manifest_validator_2004(manifest, package) == []


def test_validator_fixture_catches_a_broken_manifest(built, manifest_validator_2004):
    """Guards the test above: the same manifest with one defect (a resource without adlcp:scormType) fails."""
    root = parse(built[2])
    root.find("cp:resources/cp:resource", NS).attrib.pop(f"{{{NS_ADLCP}}}scormType")
    errors = manifest_validator_2004(etree.tostring(root))
    assert any("scormType" in e for e in errors), errors


def identifiers(root: etree._Element) -> list[tuple[str, str, str]]:
    """(element, identifier, identifierref) of manifest, organizations, organization, item, resource, dependency."""
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str) or etree.QName(el).namespace != root.nsmap[None]:
            continue
        name = etree.QName(el).localname
        if name in ("manifest", "organizations", "organization", "item", "resource", "dependency"):
            out.append((name, el.get("identifier") or el.get("default") or "", el.get("identifierref") or ""))
    return out


def test_identifiers_equal_the_scorm12_manifest(built):
    _course, _files, manifest, manifest_12 = built
    ids_12 = identifiers(parse(manifest_12))
    assert identifiers(parse(manifest)) == ids_12
    assert ("organizations", f"ORG-{built[0].id}", "") in ids_12


def test_resources_and_files_equal_the_scorm12_manifest(built):
    _course, _files, manifest, manifest_12 = built

    def listing(root):  # each standard ships its own transport, at the same place
        def same(href):
            return href.replace("scorm2004.js", "TRANSPORT").replace("scorm12.js", "TRANSPORT") if href else href
        return [(r.get("identifier"), same(r.get("href")), [same(f.get("href")) for f in r.iterfind("{*}file")])
                for r in root.iterfind("{*}resources/{*}resource")]

    assert listing(parse(manifest)) == listing(parse(manifest_12))


def test_one_item_per_sco_in_course_order(built):
    course, _files, manifest, _ = built
    items = parse(manifest).findall("cp:organizations/cp:organization/cp:item", NS)
    assert [i.get("identifier") for i in items] == [f"ITEM-{s.id}" for s in course.scos]
    assert [i.findtext("cp:title", namespaces=NS) for i in items] == [s.title for s in course.scos]
    expected = 1 if course.packaging == "single-sco" else len(course.sections)
    assert len(items) == expected


def test_namespaces_schemaversion_and_scorm_type(built):
    _course, _files, manifest, _ = built
    root = parse(manifest)
    assert set(root.nsmap.values()) >= {NS_IMSCP, NS_ADLCP, NS_ADLSEQ, NS_ADLNAV, NS_IMSSS, NS_LOM}
    assert root.nsmap[None] == NS_IMSCP
    assert root.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "2004 4th Edition" == SCHEMA_VERSION
    types = [r.get(f"{{{NS_ADLCP}}}scormType") for r in root.iterfind("cp:resources/cp:resource", NS)]
    assert types[-1] == "asset" and set(types[:-1]) == {"sco"}
    text = manifest.decode("utf-8")
    assert not any(ns in text for ns in SCORM12_NAMESPACES)
    assert "scormtype" not in text and "masteryscore" not in text


def test_no_map_info_or_global_objectives(built):
    """Moodle 4.3's scorm_parse() fails on imsss:mapInfo (../shared/moodle/README.md)."""
    text = built[2].decode("utf-8")
    assert "mapInfo" not in text and "objectiveID" not in text


def test_lom_metadata_carries_title_description_keywords_language(built):
    course, _files, manifest, _ = built
    general = parse(manifest).find("cp:metadata/lom:lom/lom:general", NS)
    assert general.findtext("lom:title/lom:string", namespaces=NS) == course.title
    assert general.find("lom:title/lom:string", NS).get("language") == course.language
    assert general.findtext("lom:language", namespaces=NS) == course.language
    assert general.findtext("lom:description/lom:string", namespaces=NS) == course.description
    assert tuple(k.text for k in general.iterfind("lom:keyword/lom:string", NS)) == course.keywords


def test_organization_allows_choice_and_flow_without_rollup_rules(built):
    org = parse(built[2]).find("cp:organizations/cp:organization", NS)
    sequencing = org.findall("imsss:sequencing", NS)
    assert len(sequencing) == 1
    mode = sequencing[0].find("imsss:controlMode", NS)
    assert (mode.get("choice"), mode.get("flow")) == ("true", "true")
    # The default rollup rules are what docs/scorm2004.md relies on: none are written.
    assert sequencing[0].find("imsss:rollupRules", NS) is None


def test_quiz_scos_are_satisfied_by_measure_at_the_pass_mark(built):
    course, _files, manifest, _ = built
    items = {i.get("identifier"): i for i in parse(manifest).iterfind(".//cp:item", NS)}
    quiz_scos = [s for s in course.scos if s.questions]
    assert quiz_scos, "every test course has at least one quiz"
    for sco in quiz_scos:
        seq = items[f"ITEM-{sco.id}"].find("imsss:sequencing", NS)
        primary = seq.find("imsss:objectives/imsss:primaryObjective", NS)
        assert primary.get("satisfiedByMeasure") == "true"
        measure = Decimal(primary.findtext("imsss:minNormalizedMeasure", namespaces=NS))
        assert measure == Decimal(str(course.pass_mark)) / 100
        assert seq.find("imsss:rollupRules", NS) is None  # contributes to satisfaction and score


def test_content_only_scos_count_for_completion_only(built):
    course, _files, manifest, _ = built
    items = {i.get("identifier"): i for i in parse(manifest).iterfind(".//cp:item", NS)}
    for sco in course.scos:
        seq = items[f"ITEM-{sco.id}"].find("imsss:sequencing", NS)
        controls = seq.find("imsss:deliveryControls", NS)
        assert (controls.get("completionSetByContent"), controls.get("objectiveSetByContent")) == ("true", "true")
        if sco.questions:
            continue
        rollup = seq.find("imsss:rollupRules", NS)
        assert rollup.get("rollupObjectiveSatisfied") == "false"
        assert rollup.get("objectiveMeasureWeight") == "0"
        assert rollup.get("rollupProgressCompletion") is None  # default true: completion still rolls up
        assert seq.find("imsss:objectives", NS) is None


def test_content_only_sco_is_present_in_the_kit_course(tmp_path):
    """The kit course's second section has no quiz, so the test above checks a real content-only SCO."""
    course = build_2004(make_course(tmp_path / "kit")).course
    assert [bool(s.questions) for s in course.scos] == [True, False]


@pytest.mark.parametrize("pass_mark,expected", [(80, "0.8"), (75, "0.75"), (72.5, "0.725"), (100, "1"), (0, "0"),
                                                (33.3333, "0.333333")])
def test_min_normalized_measure_is_exact_decimal_text(tmp_path, pass_mark, expected):
    course = dataclasses.replace(build_2004(make_course(tmp_path / "kit")).course, pass_mark=pass_mark)
    assert min_normalized_measure(course) == expected
    manifest = parse(manifest_bytes_2004(course, []))
    assert manifest.findtext(".//imsss:minNormalizedMeasure", namespaces=NS) == expected


def test_bytes_are_deterministic_and_independent_of_file_order(built, tmp_path):
    course, files, manifest, _ = built
    assert manifest_bytes_2004(course, sorted(files, reverse=True)) == manifest
    assert build_2004(course.source_dir).files[MANIFEST] == manifest


def test_pretty_printed_with_an_xml_declaration(built):
    lines = built[2].decode("utf-8").splitlines()
    assert lines[0] == "<?xml version='1.0' encoding='UTF-8'?>"
    assert lines[2] == "  <metadata>" and len(lines) > 20


def outline(el: etree._Element) -> list[tuple[str, dict, str]]:
    return [(e.tag, dict(e.attrib), (e.text or "").strip()) for e in el.iter() if isinstance(e.tag, str)]


def test_the_docs_example_is_what_the_writer_writes(tmp_path):
    """docs/scorm2004.md shows the kit course's <organization>: it must stay the writer's output."""
    doc = (Path(__file__).resolve().parents[1] / "docs" / "scorm2004.md").read_text(encoding="utf-8")
    snippet = re.search(r"```xml\n(.*?)```", doc, re.S).group(1)
    snippet = snippet.replace("<organization ", f'<organization xmlns="{NS_IMSCP}" xmlns:imsss="{NS_IMSSS}" ', 1)
    org = parse(build_2004(make_course(tmp_path / "kit")).files[MANIFEST]).find("cp:organizations/cp:organization", NS)
    assert outline(etree.fromstring(snippet)) == outline(org)


@pytest.mark.parametrize("language", ["de", "pt-BR"])
def test_other_course_languages_are_valid_lom(manifest_validator_2004, tmp_path, language):
    manifest = build_2004(make_generated_course(tmp_path / "gen", "sco-per-section", language=language)).files[MANIFEST]
    assert parse(manifest).findtext("cp:metadata/lom:lom/lom:general/lom:language", namespaces=NS) == language
    assert manifest_validator_2004(manifest) == []
