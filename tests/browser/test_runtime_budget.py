"""Size budgets of the learner side (no browser needed): the seed package and the runtime files."""
from __future__ import annotations

from scorm_builder.build import build
from scorm_builder.layout import SHARED_DIR, STATIC_FILES
from scorm_builder.resources import default_course_dir

ZIP_BUDGET = 100 * 1024  # bytes, the whole seed package
RUNTIME_BUDGET = 40 * 1024  # bytes, learner-side JavaScript + CSS, uncompressed


def test_seed_package_and_runtime_stay_within_budget(tmp_path):
    result = build(default_course_dir(), tmp_path)
    size = result.zip_path.stat().st_size
    assert size <= ZIP_BUDGET, f"the seed package is {size} bytes"
    runtime = {name: len(result.files[f"{SHARED_DIR}/{name}"]) for name in STATIC_FILES}
    assert set(runtime) == {"codec.js", "scoring.js", "scorm12.js", "runtime.js", "style.css"}
    assert sum(runtime.values()) <= RUNTIME_BUDGET, runtime
