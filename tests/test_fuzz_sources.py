"""Damaged course files never crash the build: every outcome is a package or a list of problems.

Deterministic: each case is a seeded random mutation (lines dropped, duplicated or swapped, YAML
punctuation and indentation thrown in, bytes cut), so a failure names a seed that reproduces it.
"""
from __future__ import annotations

import os
import random
import zipfile
from pathlib import Path

import pytest

from coursekit import make_course
from scorm_builder.build import build
from scorm_builder.problems import ProblemsError
from scorm_builder.validate import validate_package

SEEDS = int(os.environ.get("SCORM_BUILDER_FUZZ_SEEDS", "150"))  # e.g. 3000 for a longer hunt
FILES = ["course.yml", "sections/01-first/section.yml", "sections/01-first/quiz.yml",
         "sections/01-first/01-intro.md", "sections/01-first/02-more.md", "sections/02-second.md"]
TOKENS = [":", "- ", "  ", "\t", "[", "]", "{", "}", "&a ", "*a", "!!int ", "|", ">", "#", "'", '"', "---",
          "true", "null", "-1", "1e400", "\x00", "é", "\ufeff", "![x](../../x.png)", "<script>", "{{ x }}", "{%"]


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines) or 1)
        action = rng.randrange(5)
        if action == 0 and lines:
            del lines[i]
        elif action == 1 and lines:
            lines.insert(i, lines[i])
        elif action == 2 and len(lines) > 1:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == 3 and lines:
            pos = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:pos] + rng.choice(TOKENS) + lines[i][pos:]
        else:
            lines = lines[: i + 1]
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(SEEDS))
def test_a_damaged_course_gives_problems_not_a_crash(tmp_path: Path, seed: int):
    rng = random.Random(seed)
    course = make_course(tmp_path / "c", packaging=rng.choice(["sco-per-section", "single-sco"]))
    for rel in rng.sample(FILES, rng.randint(1, 2)):
        path = course / rel
        path.write_text(mutate(path.read_text(encoding="utf-8"), rng), encoding="utf-8")
    try:
        result = build(course, tmp_path / "out")
    except ProblemsError as exc:
        assert exc.problems, f"seed {seed}: a failed build must say why"
        for p in exc.problems:
            line = p.format()
            assert "\n" not in line and p.message, f"seed {seed}: {line!r}"
        return
    # It built: the package must be one an LMS takes, holding exactly the files the build reported.
    findings = validate_package(result.zip_path)
    assert not findings, f"seed {seed}: " + "; ".join(p.format() for p in findings)
    with zipfile.ZipFile(result.zip_path) as zf:
        assert sorted(zf.namelist()) == sorted(result.files), f"seed {seed}"
        for sco in result.course.scos:
            assert sco.href in result.files, f"seed {seed}: {sco.href}"
