"""The course-format examples in the README build as they are (so the README stays true)."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from coursekit import SVG
from scorm_builder.build import build

README = Path(__file__).resolve().parents[1] / "README.md"


def blocks(language: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Course source format"):text.index("### Identifiers stay stable")]
    return re.findall(rf"^```{language}\n(.*?)^```", section, flags=re.M | re.S)


def test_the_readme_course_example_builds(tmp_path):
    course_yml, section_yml, quiz_yml = blocks("yaml")
    (page_md,) = blocks("markdown")
    course = tmp_path / "course"
    section = course / "sections" / "01-alliance-trust-safety"
    (section / "images").mkdir(parents=True)
    (course / "course.yml").write_text(course_yml, encoding="utf-8")
    (section / "section.yml").write_text(section_yml, encoding="utf-8")
    (section / "02-alliance-as-the-intervention-frame.md").write_text(page_md, encoding="utf-8")
    (section / "quiz.yml").write_text(quiz_yml, encoding="utf-8")
    (section / "images" / "alliance.svg").write_text(SVG, encoding="utf-8")
    result = build(course, tmp_path / "out")
    with zipfile.ZipFile(result.zip_path) as zf:
        html = zf.read("alliance-trust-safety/index.html").decode()
    assert "<caption>Case cues and the alliance task each one signals</caption>" in html
    assert 'data-question="alliance-means-agreement"' in html
