"""Smoke test of the benchmark's course generator (bench/generate.py): a generated 50-section course
builds through scorm_builder's API into a package whose manifest validates. No timings here: the
benchmark itself is `python bench/run.py` (bench/README.md)."""
from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from scorm_builder.build import build
from scorm_builder.scorm12 import NS_ADLCP, NS_IMSCP

REPO = Path(__file__).resolve().parents[1]
NS = {"cp": NS_IMSCP, "adlcp": NS_ADLCP}
SECTIONS = 50


def load_generate():
    spec = importlib.util.spec_from_file_location("bench_generate", REPO / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate():
    return load_generate()


@pytest.fixture(scope="module")
def built(generate, tmp_path_factory):
    root = tmp_path_factory.mktemp("bench-smoke")
    course = generate.generate_course(root / "course", SECTIONS)
    return course, build(course, root / "out")


def test_generated_course_has_the_seed_shape(built):
    course, _ = built
    folders = sorted((course / "sections").iterdir())
    assert len(folders) == SECTIONS
    for folder in (folders[0], folders[-1]):
        assert (folder / "section.yml").is_file() and (folder / "quiz.yml").is_file()
        assert len(list(folder.glob("*.md"))) == 3
        assert len(list((folder / "images").glob("*.svg"))) == 1
        pages = "".join(p.read_text() for p in folder.glob("*.md"))
        assert "\nTable: " in pages and "|---|" in pages and "\n- " in pages and "\n1. " in pages
        quiz = (folder / "quiz.yml").read_text()
        assert 3 <= quiz.count("  - id: ") <= 5
        assert all(f"type: {kind}" in quiz for kind in ("single", "multiple", "true-false"))


def test_generator_is_deterministic(generate, tmp_path):
    a = generate.generate_course(tmp_path / "a", 3)
    b = generate.generate_course(tmp_path / "b", 3)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)


def test_50_sections_build_into_a_package_with_50_items_and_resources(built):
    _, result = built
    assert result.zip_path.is_file() and result.size > 0
    assert len(result.course.scos) == SECTIONS
    with zipfile.ZipFile(result.zip_path) as zf:
        root = etree.fromstring(zf.read("imsmanifest.xml"))
        names = set(zf.namelist())
    items = root.findall("cp:organizations/cp:organization/cp:item", NS)
    resources = root.findall("cp:resources/cp:resource", NS)
    assert len(items) == SECTIONS
    scos = [r for r in resources if r.get(f"{{{NS_ADLCP}}}scormtype") == "sco"]
    assert len(scos) == SECTIONS
    assert {i.get("identifierref") for i in items} == {r.get("identifier") for r in scos}
    for res in scos:
        hrefs = [f.get("href") for f in res.findall("cp:file", NS)]
        assert res.get("href") in hrefs and any(h.endswith(".svg") for h in hrefs)
        assert set(hrefs) <= names


def test_manifest_validates_against_the_scorm_schemas(built, manifest_validator):
    _, result = built
    with zipfile.ZipFile(result.zip_path) as zf:
        assert manifest_validator(zf.read("imsmanifest.xml")) == []


def test_package_linter_reports_no_findings(built):
    from scorm_builder.validate import validate_package

    _, result = built
    assert [p.format() for p in validate_package(result.zip_path)] == []


def test_mkdocs_project_holds_the_same_pages(generate, built, tmp_path):
    course, _ = built
    config = generate.write_mkdocs(course, tmp_path / "mkdocs")
    assert config.is_file() and "site_name:" in config.read_text()
    pages = generate.page_files(course)
    copied = sorted((tmp_path / "mkdocs" / "docs").glob("*/*.md"))
    assert len(pages) == len(copied) == 3 * SECTIONS
    assert [p.read_bytes() for p in pages] == [p.read_bytes() for p in copied]
