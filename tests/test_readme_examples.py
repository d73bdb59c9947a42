"""The course-format examples in the README build as they are (so the README stays true)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from coursekit import SVG
from scorm_builder.build import build
from scorm_builder.layout import MANIFEST

README = Path(__file__).resolve().parents[1] / "README.md"


def blocks(language: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Course source format"):text.index("### Identifiers stay stable")]
    return re.findall(rf"^```{language}\n(.*?)^```", section, flags=re.M | re.S)


def test_the_readme_course_example_builds(tmp_path):
    course_yml, section_yml, quiz_yml = blocks("yaml")
    page_md, _media_md = blocks("markdown")
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


def test_the_readme_source_tree_shows_the_sample_course_files():
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Course source format"):text.index("### course.yml")]
    (tree,) = re.findall(r"^```\n(course_src/\n.*?)^```", section, flags=re.M | re.S)
    sample = README.parent / "course_src"
    shown, optional, stack = set(), set(), []
    for line in tree.splitlines()[1:]:
        name = line.split()[0]
        depth = (len(line) - len(line.lstrip())) // 2 - 1
        stack[depth:] = [name.rstrip("/")]
        path = "/".join(stack)
        (optional if "(not in the sample)" in line else shown).add(path)
    files = {p.relative_to(sample).as_posix() for p in sample.rglob("*") if p.is_file()}
    folders = {p.relative_to(sample).as_posix() for p in sample.rglob("*") if p.is_dir()}
    assert shown - files - folders == set(), "the tree shows files the sample does not have"
    assert files - shown == set(), "sample files missing from the tree"
    assert not optional & (files | folders), "marked optional but in the sample"


def test_the_readme_commands_are_scripts_that_make_their_own_virtual_environment():
    text = README.read_text(encoding="utf-8")
    two = text[text.index("## Two commands"):text.index("## What the learner gets")]
    assert re.findall(r"^```sh\n(.*?)\n```", two, flags=re.M) == ["scripts/build", "scripts/test"]
    for name in ("build", "test"):
        script = README.parent / "scripts" / name
        assert script.stat().st_mode & 0o111, f"scripts/{name} is not executable"
        assert ". \"$root/scripts/venv.sh\"" in script.read_text()


def test_without_a_venv_module_the_scripts_say_what_to_install(tmp_path):
    root = tmp_path / "project"
    (root / "scripts").mkdir(parents=True)
    for name in ("build", "venv.sh"):
        shutil.copy2(README.parent / "scripts" / name, root / "scripts" / name)
    (root / "pyproject.toml").write_text("")
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "python3").write_text("#!/bin/sh\necho 'ensurepip is not available' >&2\nexit 1\n")
    (fake / "python3").chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env["PATH"] = f"{fake}{os.pathsep}/usr/bin{os.pathsep}/bin"
    result = subprocess.run([str(root / "scripts" / "build")], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "sudo apt-get install python3-venv" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_readme_media_example_builds_with_captions_poster_and_transcripts(tmp_path):
    _, media_md = blocks("markdown")
    course = tmp_path / "course"
    section = course / "sections" / "01-first-session"
    media = section / "media"
    media.mkdir(parents=True)
    (course / "course.yml").write_text(blocks("yaml")[0], encoding="utf-8")
    (section / "section.yml").write_text("title: A first session\n", encoding="utf-8")
    for name in ("session.mp4", "notes.mp3", "waiting-room.mp4", "session.jpg"):
        (media / name).write_bytes(b"\x00" * 16)
    (media / "session.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nHello.\n", encoding="utf-8")
    (media / "session.md").write_text("Hello.\n", encoding="utf-8")
    (media / "notes.txt").write_text("Notes.\n", encoding="utf-8")
    (section / "01-session.md").write_text(media_md, encoding="utf-8")
    result = build(course, tmp_path / "out")
    html = result.files["first-session/index.html"].decode()
    assert html.count("<video controls") == 2 and html.count("<audio controls") == 1
    assert html.count('<track kind="captions"') == 1 and html.count('class="sb-transcript"') == 2
    assert "media/sections/01-first-session/media/session.vtt" in result.files[MANIFEST].decode()
