"""The linter on packages in the patterns of real authoring tools (tests/tool_patterns.py): the ones
that work in LMSs pass by default, the broken ones fail, and no code prints more than a screenful."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from tool_patterns import EUREKOS_FILES, PATTERNS, Pattern
from validate_fixtures import zip_bytes

from scorm_builder.validate import validate_package
from scorm_builder.validate.command import validate_command
from scorm_builder.validate.report import EXAMPLES

# The tools issue 11 names, each of which needs a pattern of its own.
TOOLS = ("Rustici golf examples", "iSpring", "Adapt", "Articulate Storyline", "Articulate Rise with SCORM Driver",
         "Adobe Captivate", "dominKnow", "Lectora", "eXeLearning", "Eurekos", "Ludiscape", "hand-written",
         "Moodle's test packages")
# The defects it says were missed, each with a pattern that must find it.
MISSED = {"SB510", "SB511", "SB411", "SB505", "SB412", "SB506", "SB118", "SB010"}


def _package(pattern: Pattern, tmp_path: Path) -> Path:
    path = tmp_path / f"{pattern.id}.zip"
    path.write_bytes(zip_bytes(pattern.build()))
    return path


def _run(*args) -> tuple[int, str]:
    result = CliRunner().invoke(validate_command, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("tools")
    return {p.id: _package(p, root) for p in PATTERNS}


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.id)
def test_tool_pattern(pattern: Pattern, packages: dict[str, Path]):
    path = packages[pattern.id]
    status, output = _run(path, "--json")
    doc = json.loads(output)
    assert set(doc["summary"]["counts"]) == pattern.expect, output[:3000]
    assert status == pattern.exit
    strict = pattern.exit if pattern.strict is None else pattern.strict
    assert _run(path, "--strict")[0] == strict
    assert _run(path, "--strict-notes")[0] == (strict if pattern.strict_notes is None else pattern.strict_notes)
    status, text = _run(path)
    assert status == pattern.exit
    for code in pattern.expect:
        lines = [line for line in text.splitlines() if line.endswith(f"[{code}]")]
        assert 1 <= len(lines) <= EXAMPLES + 1, f"{code}: {len(lines)} lines"
    findings = validate_package(path)
    assert all(not set("()[]") & set(p.hint) for p in findings), [p.hint for p in findings]
    for code, words in pattern.says:
        assert any(words in f"{p.message} ({p.hint})" for p in findings if p.code == code), (code, words, text)


def test_every_named_tool_and_missed_defect_has_a_pattern():
    assert set(TOOLS) <= {p.tool for p in PATTERNS}
    assert MISSED <= set().union(*(p.expect for p in PATTERNS))
    works = [p for p in PATTERNS if p.tool in TOOLS]
    assert all(p.exit == 0 for p in works)


def test_ten_thousand_findings_print_as_examples_and_a_count(packages: dict[str, Path]):
    path = packages["eurekos-h5p-one-folder-off"]
    status, text = _run(path)
    lines = [line for line in text.splitlines() if line.endswith("[SB410]")]
    assert len(lines) == EXAMPLES + 1
    assert re.search(rf"{EUREKOS_FILES - EXAMPLES} more findings of this code not shown, {EUREKOS_FILES} in all "
                     r"\(run with --all to list every one\) \[SB410\]$",
                     lines[-1]), lines[-1]
    assert f"0 errors, 0 warnings, {2 * EUREKOS_FILES} notes - passes" in text.splitlines()[-1]
    doc = json.loads(_run(path, "--json")[1])
    assert doc["summary"]["counts"] == {"SB403": EUREKOS_FILES, "SB410": EUREKOS_FILES}
    assert len(doc["findings"]) == 2 * EXAMPLES and doc["summary"]["omitted"] == 2 * EUREKOS_FILES - 2 * EXAMPLES
    everything = [line for line in _run(path, "--all")[1].splitlines() if line.endswith("[SB410]")]
    assert len(everything) == EUREKOS_FILES


def test_the_linted_copy_of_two_manifests_is_the_last(packages: dict[str, Path]):
    findings = validate_package(packages["two-manifests-at-the-root"])
    (bad,) = [p for p in findings if p.code == "SB501"]
    assert "'eighty'" in bad.message


def test_the_working_patterns_are_schema_valid(packages: dict[str, Path], shared_dir: Path):
    """The fixtures are realistic: ADL's XSDs accept every manifest of a package that works."""
    for pattern in PATTERNS:
        if pattern.tool in TOOLS:
            findings = validate_package(packages[pattern.id], shared_dir / "scorm12-schemas")
            assert [p.format() for p in findings if p.code == "SB601"] == [], pattern.id
