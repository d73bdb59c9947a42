"""scorm-builder new DIR: a working course out of the box, never over someone's files."""
from __future__ import annotations

import zipfile

import pytest
from click.testing import CliRunner

from scorm_builder.build import build
from scorm_builder.cli import cli
from scorm_builder.load import load_course
from scorm_builder.model import MULTIPLE, SINGLE, TRUE_FALSE
from scorm_builder.new import DEFAULT_ID, course_id_for, create_course, scaffold


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_new_then_build_gives_a_package_whose_manifest_validates(tmp_path, monkeypatch, manifest_validator):
    monkeypatch.chdir(tmp_path)
    result = run("new", "starter")
    assert result.exit_code == 0, result.output
    assert "scorm-builder preview starter" in result.output
    assert "scorm-builder validate out/starter-1.0.0-scorm12.zip" in result.output

    result = run("build", "starter")
    assert result.exit_code == 0, result.output
    zip_path = tmp_path / "out" / "starter-1.0.0-scorm12.zip"
    with zipfile.ZipFile(zip_path) as zf:
        manifest = zf.read("imsmanifest.xml")
    assert manifest_validator(manifest) == []

    result = run("validate", str(zip_path))
    assert result.exit_code == 0, result.output


def test_the_scaffold_shows_each_part_of_the_format(tmp_path):
    create_course(tmp_path / "c")
    course, problems = load_course(tmp_path / "c")
    assert problems == []
    assert course.id == "c"
    assert len(course.sections) == 2
    folder, single = course.sections
    assert len(folder.pages) == 2 and folder.quiz is not None
    assert sorted(q.type for q in folder.quiz.questions) == sorted([SINGLE, MULTIPLE, TRUE_FALSE])
    assert [a.target for p in folder.pages for a in p.assets] == ["images/folder-to-package.svg"]
    assert single.loc.path.endswith("sections/02-next-steps.md") and single.quiz is None
    svg = (tmp_path / "c" / "sections" / "01-getting-started" / "images" / "folder-to-package.svg").read_text()
    assert svg.startswith("<svg") and "<title" in svg


def test_the_course_id_comes_from_the_folder_name(tmp_path):
    create_course(tmp_path / "Intro to Counseling 2")
    text = (tmp_path / "Intro to Counseling 2" / "course.yml").read_text(encoding="utf-8")
    assert "\nid: intro-to-counseling-2 " in text
    assert build(tmp_path / "Intro to Counseling 2", tmp_path / "out").zip_path.name == \
        "intro-to-counseling-2-1.0.0-scorm12.zip"


@pytest.mark.parametrize("name, expected", [
    ("my-course", "my-course"), ("Course_1.2", "course-1-2"), ("---", DEFAULT_ID), ("Über Kurs", "uber-kurs"),
    ("日本語", DEFAULT_ID), ("x" * 300, "x" * 250),
])
def test_course_id_for(name, expected):
    assert course_id_for(name) == expected


def test_an_empty_existing_folder_is_fine(tmp_path):
    (tmp_path / "empty").mkdir()
    assert run("new", str(tmp_path / "empty")).exit_code == 0
    assert (tmp_path / "empty" / "course.yml").is_file()


def test_a_non_empty_folder_is_refused_with_one_line_and_exit_2(tmp_path):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8")
    result = CliRunner().invoke(cli, ["new", str(target)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "not empty" in result.output
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]
    assert (target / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_a_file_is_refused(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["new", str(target)])
    assert result.exit_code == 2 and "is a file" in result.output


def test_the_scaffold_is_plain_files_without_python_or_junk():
    names = []

    def walk(node, prefix=""):
        for entry in node.iterdir():
            if entry.is_dir():
                walk(entry, f"{prefix}{entry.name}/")
            else:
                names.append(f"{prefix}{entry.name}")

    walk(scaffold())
    assert sorted(n for n in names if not n.endswith(".pyc")) == [
        "course.yml",
        "sections/01-getting-started/01-welcome.md",
        "sections/01-getting-started/02-writing-pages.md",
        "sections/01-getting-started/images/folder-to-package.svg",
        "sections/01-getting-started/quiz.yml",
        "sections/01-getting-started/section.yml",
        "sections/02-next-steps.md",
    ]
