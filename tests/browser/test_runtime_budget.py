"""Size budgets of the learner side (no browser needed): the seed package and the runtime files."""
from __future__ import annotations

import pytest

from scorm_builder.build import build
from scorm_builder.layout import LABELS_SCRIPT, SHARED_DIR
from scorm_builder.new import create_course
from scorm_builder.resources import default_course_dir

ZIP_BUDGET = 100 * 1024  # bytes, the whole seed package
RUNTIME_BUDGET = 40 * 1024  # bytes, learner-side JavaScript + CSS as shipped, uncompressed
LABELS_BUDGET = 4 * 1024  # bytes, shared/labels.js: the runtime's words (data, not code), one copy per package


def runtime_files(files: dict[str, bytes]) -> dict[str, int]:
    """The sizes of the runtime's code in shared/ (labels.js, its words, has its own budget)."""
    assert len(files[f"{SHARED_DIR}/{LABELS_SCRIPT}"]) <= LABELS_BUDGET
    return {name.removeprefix(f"{SHARED_DIR}/"): len(data) for name, data in files.items()
            if name.startswith(f"{SHARED_DIR}/") and name != f"{SHARED_DIR}/{LABELS_SCRIPT}"}


@pytest.mark.parametrize("standard, transport", [("scorm12", "scorm12.js"), ("scorm2004", "scorm2004.js")])
def test_seed_package_and_runtime_stay_within_budget(tmp_path, standard, transport):
    result = build(default_course_dir(), tmp_path, standard=standard)
    size = result.zip_path.stat().st_size
    assert size <= ZIP_BUDGET, f"the seed package is {size} bytes"
    runtime = runtime_files(result.files)
    assert set(runtime) == {"codec.js", "scoring.js", "lmsapi.js", transport, "runtime.js", "style.css"}, \
        "the package ships only the transport of its standard"
    assert sum(runtime.values()) <= RUNTIME_BUDGET, runtime


EVERY_TYPE_BUDGET = 60 * 1024  # bytes, JS + CSS of a package with every question type and a video player
CONTROLS = {"qmatching.js", "qordering.js", "qtext.js"}


@pytest.mark.parametrize("standard, transport", [("scorm12", "scorm12.js"), ("scorm2004", "scorm2004.js")])
def test_every_type_and_a_video_stay_within_budget_and_only_what_is_used_ships(tmp_path, standard, transport):
    course = tmp_path / "starter"
    create_course(course)
    result = build(course, tmp_path / "out", standard=standard)
    kinds = {q.type for s in result.course.sections if s.quiz for q in s.quiz.questions}
    assert kinds == {"single", "multiple", "true-false", "matching", "ordering", "fill-in", "numeric"}
    assert any(name.endswith(".webm") for name in result.files), "the starter has a video"
    runtime = runtime_files(result.files)
    assert set(runtime) == {"codec.js", "scoring.js", "lmsapi.js", transport, "runtime.js", "style.css"} | CONTROLS
    assert sum(runtime.values()) <= EVERY_TYPE_BUDGET, runtime
    # a course with one of the new types ships that type's controls only
    quiz = course / "sections" / "01-getting-started" / "quiz.yml"
    text = quiz.read_text(encoding="utf-8")
    for pool in (course / "pools").glob("*.yml"):
        pool.unlink()
    (course / "sections" / "02-next-steps.quiz.yml").unlink()
    kept = [block for block in text.split("\n\n") if "type: matching" not in block and "type: fill-in" not in block
            and "type: numeric" not in block]
    quiz.write_text("\n\n".join(kept), encoding="utf-8")
    smaller = build(course, tmp_path / "out2", standard=standard)
    shipped = {name.removeprefix(f"{SHARED_DIR}/") for name in smaller.files if name.startswith(f"{SHARED_DIR}/")}
    assert shipped & CONTROLS == set()
