"""``scorm-builder new DIR``: start a course from the scaffold, a small working course in scaffold/.

The scaffold is plain course files (a course.yml, a section folder with two pages, an image, a
captioned video and a quiz, a one-file section with its quiz, and a shared question pool in pools/;
the two quizzes show every question type, a case set and a draw), copied as they are. Only the course
id changes: it is taken from the folder name, so two new courses do not share manifest identifiers.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import click

from .check import ID_MAX, ID_RE
from .load import COURSE_FILE

SKIPPED = {"__pycache__", ".DS_Store", "Thumbs.db"}
DEFAULT_ID = "my-course"
ID_LINE_RE = re.compile(r"^id: *\S+", re.MULTILINE)
VERSION_RE = re.compile(r"^version: *\"?([^\"\s#]+)", re.MULTILINE)


class NewCourseError(Exception):
    """The target cannot take a new course (it exists and is not empty, or is a file)."""


def scaffold() -> Traversable:
    return resources.files("scorm_builder") / "scaffold"


def course_id_for(folder_name: str) -> str:
    """'My Course 2' -> 'my-course-2', 'Über' -> 'uber'; the scaffold's id when nothing usable is left."""
    ascii_name = unicodedata.normalize("NFKD", folder_name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:ID_MAX].strip("-")
    return slug if slug and ID_RE.match(slug) else DEFAULT_ID


@dataclass(frozen=True)
class NewCourse:
    files: list[Path]  # the files written
    zip_name: str  # where `scorm-builder build` will write it, e.g. out/my-course-1.0.0-scorm12.zip


def create_course(target: Path) -> NewCourse:
    """Copy the scaffold into ``target`` (created if missing; must be empty)."""
    if target.exists() and not target.is_dir():
        raise NewCourseError(f"{target} is a file; give a new or empty folder")
    if target.is_dir() and any(target.iterdir()):
        raise NewCourseError(f"{target} is not empty; give a new or empty folder (nothing was written)")
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    _copy(scaffold(), target, written)
    course_file = target / COURSE_FILE
    course_id = course_id_for(target.resolve().name)
    text = course_file.read_text(encoding="utf-8")
    course_file.write_text(ID_LINE_RE.sub(f"id: {course_id}", text, count=1), encoding="utf-8")
    version = VERSION_RE.search(text)
    return NewCourse(written, f"out/{course_id}-{version.group(1) if version else '<version>'}-scorm12.zip")


def _copy(source: Traversable, target: Path, written: list[Path]) -> None:
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        if entry.name in SKIPPED or entry.name.endswith(".pyc"):
            continue
        if entry.is_dir():
            (target / entry.name).mkdir()
            _copy(entry, target / entry.name, written)
        else:
            (target / entry.name).write_bytes(entry.read_bytes())
            written.append(target / entry.name)


def next_steps(target: Path, new: NewCourse) -> str:
    steps = [
        (f"scorm-builder preview {target}", "see it in a local LMS that rebuilds on every save"),
        (f"scorm-builder build {target}", f"write {new.zip_name}"),
        (f"scorm-builder validate {new.zip_name}", "check the zip as an LMS would read it"),
    ]
    width = max(len(command) for command, _ in steps)
    return "\n".join([
        f"created a course in {target} ({len(new.files)} files); edit {target / COURSE_FILE} first",
        "next steps:",
        *(f"  {command.ljust(width)}  {what}" for command, what in steps),
    ])


@click.command("new")
@click.argument("directory", type=click.Path(path_type=Path))
def new_command(directory: Path) -> None:
    """Create a small working course in DIRECTORY (new or empty) to start from."""
    try:
        new = create_course(directory)
    except (NewCourseError, OSError) as exc:
        click.echo(f"scorm-builder new: {exc}", err=True)
        sys.exit(2)
    click.echo(next_steps(directory, new))
