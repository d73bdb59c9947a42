#!/usr/bin/env python3
"""How many questions fit a learner's saved state: the largest quiz of each question type whose
worst-case ``cmi.suspend_data`` (suspend.py, the string the runtime's codec writes for every option
chosen and every text at its longest) stays within SCORM 1.2's 4,096 characters and SCORM 2004's
64,000, and the worst case of a drawn quiz of 60 mixed questions of every type.

Each quiz is written as a quiz.yml and goes through the real loader and checks (scorm_builder.build
with no output folder), so the figures are the ones a build enforces. No timing: this is a count.

    python bench/capacity.py              # prints the table and writes bench/CAPACITY.md
    python bench/capacity.py --out DIR    # writes DIR/CAPACITY.md instead

bench/run.py runs it too. Each type's questions have the shape shown in the table (4 options,
4 pairs, 4 items, fill-in answers of 40 characters); the figures scale with those.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import textwrap
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "src"))

from scorm_builder.check import check_course  # noqa: E402
from scorm_builder.load import load_course  # noqa: E402
from scorm_builder.scorm12 import SUSPEND_DATA_MAX  # noqa: E402
from scorm_builder.standards import SCORM2004  # noqa: E402
from scorm_builder.suspend import saved_states  # noqa: E402

OPTIONS = "    options:\n" + "".join(f"      - text: Option {i}\n" + ("        correct: true\n" if i in (0, 2) else "")
                                    for i in range(4))
SHAPES = {  # type: (what one question is, its YAML after 'type:' and 'prompt:')
    "single": ("4 options", OPTIONS.replace("        correct: true\n", "", 1)),
    "multiple": ("4 options", OPTIONS),
    "true-false": ("", "    answer: true\n"),
    "matching": ("4 pairs", "    pairs:\n" + "".join(f"      - item: Item {i}\n        match: Match {i}\n"
                                                   for i in range(4))),
    "ordering": ("4 items", "    items: [First, Second, Third, Fourth]\n"),
    "fill-in": ("answers up to 40 characters", "    answers: [alliance]\n    max_length: 40\n"),
    "numeric": ("answers up to 20 characters", "    answer: 12\n    tolerance: 1\n"),
}


def question(kind: str, n: int) -> str:
    return f"  - id: {kind}-{n}\n    type: {kind}\n    prompt: Question {n}\n" + SHAPES[kind][1]


def worst(root: Path, quiz_yml: str) -> int:
    """The worst-case suspend_data of a one-section course with this quiz, through the real loader."""
    course_dir = root / "course"
    if not (course_dir / "course.yml").exists():
        (course_dir / "sections" / "01-quiz").mkdir(parents=True)
        (course_dir / "course.yml").write_text(textwrap.dedent("""\
            id: capacity
            title: Capacity
            version: "1"
            language: en
            pass_mark: 80
            """), encoding="utf-8")
        (course_dir / "sections" / "01-quiz" / "section.yml").write_text("title: Quiz\n", encoding="utf-8")
    (course_dir / "sections" / "01-quiz" / "quiz.yml").write_text(quiz_yml, encoding="utf-8")
    course, problems = load_course(course_dir)
    if course is not None:
        problems += check_course(course)
    errors = [p for p in problems if p.severity == "error" and "saved state" not in p.message]
    if course is None or errors:
        raise SystemExit(f"capacity: the generated quiz does not load: {errors[:3]}")
    return saved_states(course)["quiz"].worst_size


def largest(root: Path, kind: str, limits: list[int]) -> list[tuple[int, int]]:
    """For each limit, the most questions of ``kind`` whose worst case fits it, and that worst case.

    A question of one shape adds the same characters to the worst case each time (its answer and a
    ","), so the size is base + n * step: measured at 1 and 2 questions, predicted for n, and then
    confirmed by loading n and n + 1 questions (SCORM 1.2's limit; 2004's counts run to thousands)."""
    def size(n: int) -> int:
        return worst(root, "attempts: 0\nquestions:\n" + "".join(question(kind, i) for i in range(n)))
    one, two = size(1), size(2)
    step, base = two - one, one - (two - one)
    out = []
    for limit in limits:
        n = (limit - base) // step
        if limit == min(limits) and not size(n) <= limit < size(n + 1):
            raise SystemExit(f"capacity: {kind}: the worst case is not linear in the number of questions")
        out.append((n, base + n * step))
    return out


def mixed(root: Path, count: int) -> tuple[int, str]:
    """A quiz drawing ``count`` questions, the same number of each type, from pools twice that size."""
    kinds = list(SHAPES)
    per_type = -(-count // len(kinds))
    draws = []
    for kind in kinds:
        pool = "".join(question(kind, i).replace("\n  ", "\n      ").replace("  - ", "      - ", 1)
                       for i in range(per_type * 2))
        draws.append(f"  - draw: {per_type}\n    questions:\n{pool}")
    return (worst(root, "attempts: 0\nquestions:\n" + "".join(draws)),
            f"{per_type * len(kinds)} drawn, {per_type} of each type")


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, default=BENCH, help="folder for CAPACITY.md (default: bench/)")
    args = p.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for kind, (shape, _) in SHAPES.items():
            (n12, size12), (n04, _) = largest(root, kind, [SUSPEND_DATA_MAX, SCORM2004.suspend_data_max])
            rows.append((kind, shape, n12, size12, n04))
        mixed_size, mixed_shape = mixed(root, 60)
    lines = [
        "# Capacity of the saved state",
        "",
        "Written by `python bench/capacity.py` (also run by `python bench/run.py`). The largest quiz of one",
        "question type whose worst-case `cmi.suspend_data` fits, with unlimited attempts (the longest",
        "counter), every option chosen and every text at its longest, as the build computes it",
        "(src/scorm_builder/suspend.py) and fails a build that exceeds it.",
        "",
        f"| type | each question | SCORM 1.2 ({SUSPEND_DATA_MAX:,} characters) | its worst case | "
        f"SCORM 2004 ({SCORM2004.suspend_data_max:,}) |",
        "|---|---|---:|---:|---:|",
        *(f"| {kind} | {shape or '-'} | {n12:,} questions | {size12:,} | {n04:,} questions |"
          for kind, shape, n12, size12, n04 in rows),
        "",
        f"A drawn quiz of every type ({mixed_shape}, pools of twice that, fill-in answers up to 40",
        f"characters): worst case **{mixed_size:,}** characters of SCORM 1.2's {SUSPEND_DATA_MAX:,}.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "CAPACITY.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
