"""Moodle 4.3's own manifest parser reads the SCORM 2004 manifests as intended.

No Moodle server is needed: tests/php/moodle_parse_manifest.php runs the manifest-reading half of
Moodle's scorm_parse() (mod/scorm/datamodels/scormlib.php, taken from ../shared/moodle's tarball into a
temporary folder) under the PHP CLI. That is the code that fails at upload on imsss:mapInfo
(../shared/moodle/README.md); the last test shows the harness reproduces that failure.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from coursekit import build_2004, make_course, make_generated_course
from moodlesite import REQUIRE_MOODLE
from prereqs import REQUIRE_SHARED, SHARED, require_or_skip

from scorm_builder.layout import MANIFEST
from scorm_builder.resources import default_course_dir
from scorm_builder.scorm2004_manifest import min_normalized_measure

TARBALL = SHARED / "moodle" / "moodle-4.3.0.tar.xz"
SCORMLIB = "mod/scorm/datamodels/scormlib.php"
HARNESS = Path(__file__).parent / "php" / "moodle_parse_manifest.php"
MAP_INFO_EXAMPLE = SHARED / "scorm2004-schemas" / "examples" / "valid_multi_sco_sequencing.xml"




@pytest.fixture(scope="module")
def moodle_parse(tmp_path_factory):
    """parse(manifest_bytes) -> subprocess result of the harness; its stdout is JSON when it succeeds."""
    require_or_skip(TARBALL.is_file(), f"{TARBALL} is absent: it holds Moodle 4.3's source", REQUIRE_SHARED)
    php = shutil.which("php8.2") or shutil.which("php")
    require_or_skip(php is not None, "no PHP CLI on PATH (../shared/moodle/setup.sh installs php8.2)", REQUIRE_MOODLE)
    folder = tmp_path_factory.mktemp("moodle")
    subprocess.run(["tar", "-xJf", str(TARBALL), "-C", str(folder), SCORMLIB], check=True)

    def parse(manifest: bytes) -> subprocess.CompletedProcess:
        path = folder / "imsmanifest.xml"
        path.write_bytes(manifest)
        return subprocess.run([php, str(HARNESS), str(folder / SCORMLIB), str(path)], capture_output=True,
                              text=True, timeout=60)

    return parse


@pytest.mark.parametrize("name", ["sample", "kit-sco-per-section", "gen-single-sco"])
def test_moodle_reads_the_2004_manifest(moodle_parse, tmp_path, name):
    if name == "sample":
        source = default_course_dir()
    else:
        maker = make_course if name.startswith("kit-") else make_generated_course
        source = maker(tmp_path / name, packaging=name.split("-", 1)[1])
    built = build_2004(source)
    course = built.course
    result = moodle_parse(built.files[MANIFEST])
    assert result.returncode == 0, result.stderr or result.stdout
    parsed = json.loads(result.stdout)
    assert parsed["warnings"] == []
    assert parsed["version"] == "SCORM_1.3"  # Moodle's name for the 2004 runtime
    org_id = f"ORG-{course.id}"
    assert parsed["default"] == org_id
    org, *items = parsed["items"]
    assert (org["identifier"], org["choice"], org["flow"]) == (org_id, 1, 1)
    assert [i["identifier"] for i in items] == [f"ITEM-{s.id}" for s in course.scos]
    for sco, item in zip(course.scos, items, strict=True):
        assert (item["launch"], item["scormtype"], item["parent"]) == (sco.href, "sco", org_id)
        assert (item["completionsetbycontent"], item["objectivesetbycontent"]) == (1, 1)
        if sco.questions:
            # What Moodle hands the SCO as cmi.scaled_passing_score (scorm_13lib.php).
            assert item["objectives"] == [{"primaryobj": 1, "satisfiedbymeasure": 1, "objectiveid": "",
                                           "minnormalizedmeasure": min_normalized_measure(course)}]
        else:
            assert "objectives" not in item
            assert (item["rollupobjectivesatisfied"], item["objectivemeasureweight"]) == (0, "0")


def test_the_harness_reproduces_the_map_info_failure(moodle_parse):
    """ADL-valid sequencing with imsss:mapInfo: Moodle 4.3 fails on it, and so does the harness."""
    require_or_skip(MAP_INFO_EXAMPLE.is_file(), f"{MAP_INFO_EXAMPLE} is absent", REQUIRE_SHARED)
    data = MAP_INFO_EXAMPLE.read_bytes()
    assert b"imsss:mapInfo" in data
    result = moodle_parse(data)
    assert result.returncode != 0
    assert "mapinfos" in result.stderr + result.stdout
