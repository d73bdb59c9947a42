"""scorm-builder new DIR: a working course out of the box, never over someone's files."""
from __future__ import annotations

import zipfile

import pytest
import yaml
from click.testing import CliRunner

from scorm_builder.build import build
from scorm_builder.cli import cli
from scorm_builder.load import load_course
from scorm_builder.new import DEFAULT_ID, course_id_for, create_course, scaffold

QUESTION_TYPES = ["single", "multiple", "true-false", "matching", "ordering", "fill-in", "numeric"]


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
    assert single.loc.path.endswith("sections/02-next-steps.md") and single.quiz is not None
    questions = [q for s in course.sections for q in s.quiz.questions]
    assert sorted({q.type for q in questions}) == sorted(QUESTION_TYPES)  # every type, somewhere
    assert len({q.id for q in questions}) == len(questions)
    assert not any(q.id.startswith(("getting-started-", "next-steps-", "course-basics-")) for q in questions), \
        "scaffold ids are written out: stable and meaningful, never the position-based defaults"
    assert sorted(a.target for p in folder.pages for a in p.assets) == [
        "images/folder-to-package.svg", "media/three-steps-poster.png", "media/three-steps.vtt",
        "media/three-steps.webm"]
    svg = (tmp_path / "c" / "sections" / "01-getting-started" / "images" / "folder-to-package.svg").read_text()
    assert svg.startswith("<svg") and "<title" in svg


def test_the_scaffold_quiz_shows_a_case_and_a_draw_from_a_shared_pool(tmp_path):
    create_course(tmp_path / "c")
    quiz_text = (tmp_path / "c" / "sections" / "02-next-steps.quiz.yml").read_text(encoding="utf-8")
    assert "type: case" in quiz_text and "vignette: |" in quiz_text and "|---|" in quiz_text
    assert "- draw: 2\n    from: course-basics\n" in quiz_text
    pool = yaml.safe_load((tmp_path / "c" / "pools" / "course-basics.yml").read_text(encoding="utf-8"))
    assert len(pool["questions"]) == 4 and [u.get("type") for u in pool["questions"]].count("case") == 1
    html = build(tmp_path / "c", tmp_path / "out").files["next-steps/index.html"].decode()
    assert 'data-case="sams-update"' in html and 'data-case="basics-video-page"' in html


def test_the_scaffold_video_is_small_and_captioned():
    media = scaffold() / "sections" / "01-getting-started" / "media"
    video = (media / "three-steps.webm").read_bytes()
    # made by scripts/make-sample-video.py; a WebM file starts with the EBML signature
    assert video.startswith(b"\x1a\x45\xdf\xa3") and len(video) < 60_000
    captions = (media / "three-steps.vtt").read_text(encoding="utf-8")
    assert captions.startswith("WEBVTT\n") and captions.count(" --> ") == 3
    assert (media / "three-steps-poster.png").read_bytes().startswith(b"\x89PNG")


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
        "pools/course-basics.yml",
        "sections/01-getting-started/01-welcome.md",
        "sections/01-getting-started/02-writing-pages.md",
        "sections/01-getting-started/images/folder-to-package.svg",
        "sections/01-getting-started/media/three-steps-poster.png",
        "sections/01-getting-started/media/three-steps.md",
        "sections/01-getting-started/media/three-steps.vtt",
        "sections/01-getting-started/media/three-steps.webm",
        "sections/01-getting-started/quiz.yml",
        "sections/01-getting-started/section.yml",
        "sections/02-next-steps.md",
        "sections/02-next-steps.quiz.yml",
    ]
