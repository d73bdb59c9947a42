"""`scorm-builder validate` on SCORM 2004 packages: the good 4th Edition package passes, each defect of
``CASES_2004`` yields exactly its codes, the hand-written examples of ../shared get the verdict their
defect deserves, and ``--schemas`` takes the 2004 schema set."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from validate_fixtures import write_folder, write_zip
from validate_fixtures_2004 import CASES_2004, GOOD_FILES_2004, Case2004, files_2004

from scorm_builder.validate import FINDING_CODES, exit_status, validate_package
from scorm_builder.validate.command import validate_command


def _run(*args) -> tuple[int, str]:
    result = CliRunner().invoke(validate_command, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("kind", ["zip", "folder"])
def test_good_2004_package_has_no_findings(tmp_path: Path, kind: str):
    path = (write_zip(tmp_path / "ok.zip", GOOD_FILES_2004) if kind == "zip"
            else write_folder(tmp_path / "ok", GOOD_FILES_2004))
    assert validate_package(path) == []


@pytest.mark.parametrize("case", CASES_2004, ids=lambda c: c.id)
def test_2004_catalogue(case: Case2004, tmp_path: Path):
    findings = validate_package(write_zip(tmp_path / "course.zip", case.files()))
    assert {p.code for p in findings} == case.expect, "\n".join(p.format() for p in findings)
    for p in findings:
        assert p.severity == FINDING_CODES[p.code].severity
        assert p.message and p.hint and not set("()[]") & set(p.hint), p
        assert p.line > 0, p
    if case.says:
        assert any(case.says in p.message + p.hint for p in findings), [p.format() for p in findings]


# -- the hand-written examples of ../shared/scorm2004-schemas, read in place -------------------------

# Each example has one defect; the codes the linter gives it (without --schemas, then with), leaving out
# SB401/SB410: the examples are manifests only, so the files they name are absent.
EXAMPLES = {
    "valid_minimal_single_sco.xml": ("", ""),
    "valid_with_lom_metadata.xml": ("", ""),
    "valid_multi_sco_sequencing.xml": ("SB720", "SB720"),  # global objectives: Moodle 4.3's upload fails
    "cam_imsss_outside_sequencing.xml": ("SB701", "SB701"),
    "cam_metadata_missing.xml": ("SB221 SB222", "SB221 SB222"),
    "cam_namespace_scorm12_adlcp.xml": ("SB220", "SB220"),
    "cam_schemaversion_wrong.xml": ("SB221", "SB221"),
    "cam_scormtype_lowercase.xml": ("SB520", "SB520"),
    "cam_scormtype_missing.xml": ("SB409", "SB409"),
    "cam_leaf_item_without_identifierref.xml": ("SB313", "SB313"),
    "invalid_duplicate_identifier.xml": ("SB302", "SB302 SB601"),
    "invalid_imsss_attribute_value.xml": ("", "SB601"),
    "invalid_imsss_unknown_element.xml": ("", "SB601"),
    "invalid_lom_vocabulary.xml": ("", "SB601"),
    "invalid_resource_without_type.xml": ("SB408", "SB408 SB601"),
    "invalid_scormtype_value.xml": ("SB502", "SB502 SB601"),
    "invalid_timelimitaction_value.xml": ("SB504", "SB504 SB601"),
    "refs_dangling_dependency.xml": ("SB310", "SB310"),
    "refs_dangling_identifierref.xml": ("SB310 SB313", "SB310 SB313"),
}
_ABSENT_FILES = {"SB401", "SB410"}


@pytest.fixture(scope="module")
def schemas_2004(shared_dir: Path) -> Path:
    return shared_dir / "scorm2004-schemas"


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_shared_examples(name: str, schemas_2004: Path, tmp_path: Path):
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "imsmanifest.xml").write_bytes((schemas_2004 / "examples" / name).read_bytes())
    plain, with_schemas = (set(codes.split()) for codes in EXAMPLES[name])
    assert {p.code for p in validate_package(folder)} - _ABSENT_FILES == plain
    findings = validate_package(folder, schemas_2004)
    assert {p.code for p in findings} - _ABSENT_FILES == with_schemas, [p.format() for p in findings]
    assert all(p.line > 0 for p in findings if p.code == "SB601")


def test_shared_example_package_passes_with_schemas(schemas_2004: Path):
    findings = validate_package(schemas_2004 / "examples" / "packages" / "valid_package", schemas_2004)
    assert {p.code for p in findings} == {"SB105"}  # its file name with a space, on purpose
    assert exit_status(findings) == 0


# -- --schemas with the 2004 set ----------------------------------------------------------------------

def test_schemas_accept_the_good_2004_package(tmp_path: Path, schemas_2004: Path):
    status, output = _run(write_zip(tmp_path / "ok.zip", GOOD_FILES_2004), "--schemas", schemas_2004)
    assert status == 0, output


def test_schemas_report_2004_errors_with_lines(tmp_path: Path, schemas_2004: Path):
    files = files_2004(('<imsss:controlMode choice="true" flow="true"/>', '<imsss:controlMode flow="yes"/>'))
    status, output = _run(write_zip(tmp_path / "c.zip", files), "--schemas", schemas_2004, "--json")
    found = [f for f in json.loads(output)["findings"] if f["code"] == "SB601"]
    assert status == 1 and found and all(f["line"] > 0 for f in found)
    assert "imsss:controlMode" in found[0]["message"] and "{http" not in found[0]["message"]


def test_schemas_of_the_other_standard_are_unusable(tmp_path: Path, shared_dir: Path, schemas_2004: Path):
    status, output = _run(write_zip(tmp_path / "c2004.zip", GOOD_FILES_2004), "--schemas",
                          shared_dir / "scorm12-schemas")
    assert status == 2 and "[SB009]" in output and "SCORM 2004 package" in output
    status, output = _run(write_zip(tmp_path / "c12.zip"), "--schemas", schemas_2004)
    assert status == 2 and "[SB009]" in output and "SCORM 1.2 package" in output


def test_one_folder_with_both_sets_serves_both(tmp_path: Path, shared_dir: Path, schemas_2004: Path):
    both = tmp_path / "xsd"
    for source in (schemas_2004, shared_dir / "scorm12-schemas"):
        for path in source.rglob("*.xsd"):
            target = both / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    assert _run(write_zip(tmp_path / "c2004.zip", GOOD_FILES_2004), "--schemas", both)[0] == 0
    assert _run(write_zip(tmp_path / "c12.zip"), "--schemas", both)[0] == 0
    broken = files_2004(('<imsss:controlMode choice="true" flow="true"/>', '<imsss:controlMode flow="yes"/>'))
    assert {p.code for p in validate_package(write_zip(tmp_path / "b.zip", broken), both)} == {"SB601"}


def test_schema_folder_without_either_set(tmp_path: Path):
    (tmp_path / "xsd").mkdir()
    (tmp_path / "xsd" / "imscp_v1p1.xsd").write_text("<x/>")
    status, output = _run(write_zip(tmp_path / "c.zip", GOOD_FILES_2004), "--schemas", tmp_path / "xsd")
    assert status == 2 and output.count("[SB009]") == 1 and "neither" in output


def test_schema_files_are_never_fetched(tmp_path: Path, schemas_2004: Path):
    """A copy of the set whose imscp_v1p1.xsd imports from a remote URL cannot load: SB009, no network."""
    copy = tmp_path / "xsd"
    for path in schemas_2004.rglob("*.xsd"):
        target = copy / path.relative_to(schemas_2004)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    cp_xsd = copy / "imscp_v1p1.xsd"
    cp_xsd.write_bytes(cp_xsd.read_bytes().replace(b"http://www.w3.org/2001/xml.xsd", b"http://example.invalid/xml.xsd"))
    status, output = _run(write_zip(tmp_path / "c.zip", GOOD_FILES_2004), "--schemas", copy)
    assert status == 2 and "[SB009]" in output and "example.invalid" in output


# -- robustness: mutated manifests never make the linter raise ----------------------------------------

def _mutations(text: str, seed: int, count: int) -> list[str]:
    """Manifests with elements dropped, moved or emptied and attributes dropped or given odd values."""
    from lxml import etree
    rng = random.Random(seed)
    variants = []
    for _ in range(count):
        root = etree.fromstring(text.encode())
        elements = [el for el in root.iter(tag=etree.Element) if el is not root]
        for _ in range(rng.randint(1, 4)):
            el = rng.choice(elements)
            action = rng.randrange(5)
            if action == 0 and el.getparent() is not None:
                el.getparent().remove(el)
            elif action == 1:
                target = rng.choice(elements)
                if el is not target and el not in target.iterancestors():
                    target.append(el)
            elif action == 2 and el.attrib:
                del el.attrib[rng.choice(list(el.attrib))]
            elif action == 3 and el.attrib:
                el.set(rng.choice(list(el.attrib)), rng.choice(["", " ", "-5", "1e9", "x" * 300, "SCO", "\u200b"]))
            else:
                el.text = rng.choice(["", "80", "-2", "2004 4th Edition ", None])
        variants.append(etree.tostring(root, encoding="unicode"))
    return variants


@pytest.mark.parametrize("seed", range(4))
def test_mutated_2004_manifests_never_raise(seed: int, tmp_path: Path):
    from tool_patterns_2004 import PATTERNS_2004
    sources = [GOOD_FILES_2004["imsmanifest.xml"]] + [p.build()["imsmanifest.xml"] for p in PATTERNS_2004]
    for i, text in enumerate(_mutations(str(sources[seed % len(sources)]), seed, 40)):
        folder = write_folder(tmp_path / f"m{i}", GOOD_FILES_2004 | {"imsmanifest.xml": text})
        for p in validate_package(folder):
            assert p.code in FINDING_CODES and "\n" not in p.message, p


@pytest.mark.parametrize("composite, codes", [("lom.xsd", {"SB601"}), ("lomStrict.xsd", {"SB601"}),
                                              ("lomLoose.xsd", set()), ("lomCustom.xsd", set())])
def test_the_lom_composite_is_the_one_the_manifest_names(composite: str, codes: set[str], schemas_2004: Path,
                                                        tmp_path: Path):
    """A vocabulary value outside LOMv1.0 fails the strict composites and passes the loose one."""
    text = (schemas_2004 / "examples" / "invalid_lom_vocabulary.xml").read_text(encoding="utf-8")
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "imsmanifest.xml").write_text(text.replace("http://ltsc.ieee.org/xsd/LOM lom.xsd",
                                                         f"http://ltsc.ieee.org/xsd/LOM {composite}"), "utf-8")
    assert {p.code for p in validate_package(folder, schemas_2004)} - _ABSENT_FILES == codes
