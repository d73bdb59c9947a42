"""One build, top to bottom: course_src -> load -> check -> render -> manifest -> package."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .check import check_course
from .load import load_course
from .manifest import manifest_bytes
from .model import Course
from .package import write_package
from .problems import ERROR, Problem, ProblemsError, display_path, split_warnings
from .render import render_course
from .resources import default_templates_dir
from .validate import validate_package

MANIFEST = "imsmanifest.xml"


@dataclass(frozen=True)
class BuildResult:
    course: Course
    zip_path: Path
    size: int
    files: dict[str, bytes]
    warnings: tuple[Problem, ...] = ()  # what the build changed or left out, with path:line

    @property
    def summary(self) -> str:
        scos = self.course.scos
        pages = sum(len(s.pages) for s in self.course.sections)
        questions = sum(len(s.questions) for s in scos)
        warned = f", {len(self.warnings)} warning(s)" if self.warnings else ""
        return (f"built {self.zip_path} from {display_path(self.course.source_dir)}: {len(scos)} SCO(s), "
                f"{pages} page(s), {questions} question(s), {self.size / 1024:.1f} KB{warned}")


def load_checked(course_dir: Path, warnings: list[Problem] | None = None) -> Course:
    """Load and check a course; raise ProblemsError with every problem found when there is an error.
    Warnings (which do not stop the build) are added to ``warnings`` when it is given."""
    course, problems = load_course(course_dir)
    if course is not None:
        problems += check_course(course)
    errors, found = split_warnings(problems)
    if errors or course is None:
        raise ProblemsError(problems)
    if warnings is not None:
        warnings += found
    return course


def build_files(course: Course, templates: Path | None = None) -> dict[str, bytes]:
    files = render_course(course, templates or default_templates_dir())
    files[MANIFEST] = manifest_bytes(course, sorted(files))
    return files


def build(course_dir: Path, out_dir: Path, templates: Path | None = None) -> BuildResult:
    warnings: list[Problem] = []
    course = load_checked(course_dir, warnings)
    zip_path = out_dir / course.package_name
    try:
        files = build_files(course, templates)
        size = write_package(files, zip_path, check=check_package)
    except OSError as exc:  # a file that vanished or cannot be read, an output folder we cannot write
        where = display_path(exc.filename) if exc.filename else display_path(zip_path)
        raise ProblemsError([Problem(where, 0, f"{exc.strerror or exc}", "check that the path exists and is accessible")]) from None
    return BuildResult(course=course, zip_path=zip_path, size=size, files=files,
                       warnings=tuple(sorted(set(warnings))))


def check_package(zip_path: Path) -> None:
    """Run the package linter on the written zip before it replaces the previous one."""
    errors = [p for p in validate_package(zip_path) if p.severity == ERROR]
    if errors:
        raise ProblemsError(errors)
