"""One build, top to bottom: course_src -> load -> check -> render -> manifest -> package."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .check import check_course
from .layout import MANIFEST
from .load import load_course
from .manifest import manifest_bytes
from .model import Course
from .package import write_package
from .problems import ERROR, Problem, ProblemsError, display_path
from .render import render_course
from .resources import default_templates_dir
from .validate import validate_package


@dataclass(frozen=True)
class BuildResult:
    course: Course
    zip_path: Path
    size: int
    files: dict[str, bytes]

    @property
    def summary(self) -> str:
        scos = self.course.scos
        pages = sum(len(s.pages) for s in self.course.sections)
        questions = sum(len(s.questions) for s in scos)
        return (f"built {self.zip_path}: {len(scos)} SCO(s), {pages} page(s), {questions} question(s), "
                f"{self.size / 1024:.1f} KB")


def load_checked(course_dir: Path) -> Course:
    """Load and check a course; raise ProblemsError with every problem found."""
    course, problems = load_course(course_dir)
    if course is not None:
        problems += check_course(course)
    if problems or course is None:
        raise ProblemsError(problems)
    return course


def build_files(course: Course, templates: Path | None = None) -> dict[str, bytes]:
    files = render_course(course, templates or default_templates_dir())
    files[MANIFEST] = manifest_bytes(course, sorted(files))
    return files


def build(course_dir: Path, out_dir: Path, templates: Path | None = None) -> BuildResult:
    course = load_checked(course_dir)
    zip_path = out_dir / course.package_name
    try:
        files = build_files(course, templates)
        size = write_package(files, zip_path, check=check_package)
    except OSError as exc:  # a file that vanished or cannot be read, an output folder we cannot write
        where = display_path(exc.filename) if exc.filename else display_path(zip_path)
        raise ProblemsError([Problem(where, 0, f"{exc.strerror or exc}", "check that the path exists and is accessible")]) from None
    return BuildResult(course=course, zip_path=zip_path, size=size, files=files)


def check_package(zip_path: Path) -> None:
    """Run the package linter on the written zip before it replaces the previous one."""
    errors = [p for p in validate_package(zip_path) if p.severity == ERROR]
    if errors:
        raise ProblemsError(errors)
