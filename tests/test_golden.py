"""Golden files: the built output of fixed courses, compared byte for byte.

When a change to the output is intended, regenerate them and review the diff:

    SCORM_BUILDER_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from coursekit import make_course
from scorm_builder.build import build
from scorm_builder.resources import default_course_dir

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("SCORM_BUILDER_UPDATE_GOLDEN") == "1"


def course_files(name: str, tmp_path: Path) -> dict[str, bytes]:
    if name == "sample":
        return build(default_course_dir(), None).files
    if name == "sample-2004":
        return build(default_course_dir(), None, standard="scorm2004").files
    return build(make_course(tmp_path / name, packaging=name.removeprefix("kit-")), None).files


CASES = [
    ("sample", "imsmanifest.xml"),
    ("sample", "alliance-trust-safety/index.html"),
    ("sample", "shared/labels.js"),
    ("sample-2004", "imsmanifest.xml"),
    ("sample-2004", "alliance-trust-safety/index.html"),
    ("kit-sco-per-section", "imsmanifest.xml"),
    ("kit-single-sco", "imsmanifest.xml"),
    ("kit-single-sco", "test-course/index.html"),
]


@pytest.mark.parametrize("course,path", CASES, ids=[f"{c}:{p}" for c, p in CASES])
def test_output_matches_golden_file(tmp_path, course, path):
    actual = course_files(course, tmp_path)[path]
    golden = GOLDEN / course / path
    if UPDATE:  # comparing the file just written with itself would prove nothing
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(actual)
        pytest.skip(f"wrote {golden}: review the diff, then run the tests without SCORM_BUILDER_UPDATE_GOLDEN")
    assert golden.is_file(), f"{golden} is missing: run SCORM_BUILDER_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py"
    assert actual.decode("utf-8") == golden.read_text(encoding="utf-8"), (
        f"{path} of {course} differs from {golden}; if intended, regenerate (see this module's docstring)")
