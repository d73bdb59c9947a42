"""The code cites docs/scorm12.md for the SCORM facts it relies on: every citation must land."""
from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_every_scorm12_citation_in_the_source_names_an_anchor_of_the_doc():
    doc = (REPO / "docs" / "scorm12.md").read_text(encoding="utf-8")
    anchors = set(re.findall(r'<a id="([\w-]+)"></a>', doc))
    cited = {}
    for path in (REPO / "src").rglob("*.py"):
        for anchor in re.findall(r"docs/scorm12\.md#([\w-]+)", path.read_text(encoding="utf-8")):
            cited.setdefault(anchor, path.relative_to(REPO).as_posix())
    assert cited, "scorm12.py should cite docs/scorm12.md"
    missing = {a: where for a, where in cited.items() if a not in anchors}
    assert not missing, f"cited but not in docs/scorm12.md: {missing}"


def test_no_source_cites_a_file_outside_the_repository():
    for path in (REPO / "src").rglob("*.py"):
        assert "../shared/docs" not in path.read_text(encoding="utf-8"), path
