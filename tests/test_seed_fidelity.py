"""The sample course carries the seed section faithfully: every sentence, the table, the questions."""
from __future__ import annotations

import re
import zipfile

import pytest
from lxml import html as lxml_html

from scorm_builder.build import build
from scorm_builder.resources import default_course_dir

SEED_NAME = "seed/000_acd0e651197a52a1.txt"


def normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def seed_lines(shared_dir):
    return [line.strip() for line in (shared_dir / SEED_NAME).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def sco_text(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = build(default_course_dir(), out)
    with zipfile.ZipFile(result.zip_path) as zf:
        doc = lxml_html.fromstring(zf.read("alliance-trust-safety/index.html"))
    for script in doc.iter("script"):
        script.drop_tree()
    return doc, normalize(doc.text_content())


def sentences(line: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", line.lstrip("- ").strip()) if s]


def test_every_sentence_of_the_seed_is_in_the_sco(seed_lines, sco_text):
    _, text = sco_text
    missing = []
    for line in seed_lines:
        if line.startswith("|"):
            if set(line) <= set("|-: "):
                continue
            cells = [c.strip() for c in line.strip("|").split("|")]
            missing += [c for c in cells if normalize(c) not in text]
        else:
            missing += [s for s in sentences(line) if normalize(s) not in text]
    assert missing == []


def test_case_cue_table_has_four_rows_with_headers_and_caption(seed_lines, sco_text):
    doc, _ = sco_text
    tables = doc.findall(".//table")
    assert len(tables) == 1
    table = tables[0]
    assert table.find("caption") is not None and table.find("caption").text_content().strip()
    headers = [normalize(th.text_content()) for th in table.iter("th")]
    assert headers == ["Case cue", "Alliance task", "Strong response pattern"]
    assert all(th.get("scope") == "col" for th in table.iter("th"))
    assert len(table.findall("./tbody/tr")) == 4


def test_three_seed_questions_with_four_options_and_one_best_answer(seed_lines, sco_text):
    doc, _ = sco_text
    questions = [line for line in seed_lines if line.endswith("?") and not line.startswith("-")]
    fieldsets = doc.findall(".//fieldset")
    assert len(questions) == len(fieldsets) == 3
    for question, fieldset in zip(questions, fieldsets):
        assert fieldset.find("legend") is not None
        assert normalize(question) in normalize(fieldset.text_content())
        options = fieldset.findall(".//input")
        assert len(options) == 4
        feedback = fieldset.find_class("sb-feedback")
        assert len(feedback) == 4 and all(normalize(f.text_content()) for f in feedback)
        assert [f.get("data-correct") for f in feedback].count("true") == 1
        assert normalize(fieldset.find_class("sb-rationale")[0].text_content())


def test_seed_heading_and_list_structure(seed_lines, sco_text):
    doc, _ = sco_text
    assert normalize(doc.find(".//h1").text_content()) == seed_lines[0]
    assert len(doc.findall(".//h1")) == 1
    titles = [normalize(h.text_content()) for h in doc.iter("h2")]
    assert "Key Takeaways" in titles and "Alliance as the Intervention Frame" in titles
    takeaways = [line[2:] for line in seed_lines[2:6]]
    items = [normalize(li.text_content()) for li in doc.iter("li")]
    assert all(t in items for t in takeaways)
    sequence = [line[2:] for line in seed_lines if line.startswith("- ")][4:]
    assert len(sequence) == 5 and all(s in items for s in sequence)
