"""Which course `build` and `preview` use without a COURSE_DIR argument: the one in the current
folder (course.yml there, else ./course_src), and the bundled sample only where there is neither."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from coursekit import make_course

from scorm_builder.cli import cli
from scorm_builder.resources import default_course_dir


def test_build_in_a_folder_holding_course_yml_builds_that_course(tmp_path, monkeypatch):
    course = make_course(tmp_path / "mine")
    monkeypatch.chdir(course)
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 0, result.output
    assert (course / "out" / "test-course-2.0-scorm12.zip").is_file()
    assert not list((course / "out").glob("ncmhce-*"))
    assert "from .:" in result.stdout
    assert "sample" not in result.stderr


def test_build_beside_a_course_src_folder_builds_it(tmp_path, monkeypatch):
    make_course(tmp_path / "course_src")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["test-course-2.0-scorm12.zip"]
    assert "from course_src:" in result.stdout


def test_a_broken_course_src_is_reported_not_replaced_by_the_sample(tmp_path, monkeypatch):
    (tmp_path / "course_src").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 1
    assert "course_src/course.yml: course file not found" in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_empty_folder_builds_the_sample_and_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 0, result.output
    assert "using the bundled sample course" in result.stderr
    (zip_path,) = (tmp_path / "out").iterdir()
    with zipfile.ZipFile(zip_path) as zf:
        assert "imsmanifest.xml" in zf.namelist()
    assert zip_path.name.startswith("ncmhce-")


def test_an_argument_wins_over_the_current_folder(tmp_path, monkeypatch):
    make_course(tmp_path / "course_src")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", str(default_course_dir())])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").iterdir()][0].startswith("ncmhce-")


@pytest.mark.parametrize("layout", ["course.yml", "course_src"])
def test_preview_without_argument_serves_the_local_course(tmp_path, monkeypatch, layout):
    course = make_course(tmp_path / "course_src")
    here = course if layout == "course.yml" else tmp_path
    monkeypatch.chdir(here)
    served: list[Path] = []
    import scorm_builder.preview.app as app

    monkeypatch.setattr(app, "serve", lambda course_dir, **kw: served.append(Path(course_dir)) or 0)
    result = CliRunner().invoke(cli, ["preview"])
    assert result.exit_code == 0, result.output
    assert [p.resolve() for p in served] == [course.resolve()]
    assert "sample" not in result.stderr
