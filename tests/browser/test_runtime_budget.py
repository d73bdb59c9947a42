"""Size budgets of the learner side (no browser needed): the seed package and the runtime files."""
from __future__ import annotations

import pytest

from scorm_builder.build import build
from scorm_builder.layout import SHARED_DIR
from scorm_builder.resources import default_course_dir

ZIP_BUDGET = 100 * 1024  # bytes, the whole seed package
RUNTIME_BUDGET = 40 * 1024  # bytes, learner-side JavaScript + CSS as shipped, uncompressed


@pytest.mark.parametrize("standard, transport", [("scorm12", "scorm12.js"), ("scorm2004", "scorm2004.js")])
def test_seed_package_and_runtime_stay_within_budget(tmp_path, standard, transport):
    result = build(default_course_dir(), tmp_path, standard=standard)
    size = result.zip_path.stat().st_size
    assert size <= ZIP_BUDGET, f"the seed package is {size} bytes"
    runtime = {name.removeprefix(f"{SHARED_DIR}/"): len(data) for name, data in result.files.items()
               if name.startswith(f"{SHARED_DIR}/")}
    assert set(runtime) == {"codec.js", "scoring.js", "lmsapi.js", transport, "runtime.js", "style.css"}, \
        "the package ships only the transport of its standard"
    assert sum(runtime.values()) <= RUNTIME_BUDGET, runtime
