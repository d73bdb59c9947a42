"""`scorm-builder validate` on SCORM 2004 packages: the good 4th Edition package passes, each defect of
``CASES_2004`` yields exactly its codes, the hand-written examples of ../shared get the verdict their
defect deserves, and ``--schemas`` takes the 2004 schema set."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from validate_fixtures import write_folder, write_zip
from validate_fixtures_2004 import CASES_2004, GOOD_FILES_2004, Case2004

from scorm_builder.validate import FINDING_CODES, validate_package
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
