"""One build, top to bottom: course_src -> load -> check -> render -> manifest -> package.

This is the only place the stages are sequenced. ``scorm-builder build`` calls ``build(course,
out_dir)``; the preview calls the same ``build(course, None, caches=...)`` on every save (no zip,
with its caches), as MkDocs' ``serve`` calls its ``build()``; the benchmark times this function.

Every problem that can be found before rendering is found before the build fails: the model's
(load, check) and the templates' (labels, template syntax, runtime files; ``render.prepare``).
"""
from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from .caches import NO_CACHES, Caches
from .check import check_course
from .layout import MANIFEST
from .load import load_course
from .media import media_files
from .model import Course
from .package import write_package
from .problems import ERROR, Problem, ProblemsError, display_path, split_warnings
from .render import prepare, render_course
from .resources import default_templates_dir
from .standards import STANDARDS, standard_of
from .suspend import saved_states
from .validate import validate_package

STAGES = ("load", "check", "render", "manifest", "package")


class BuildResult(NamedTuple):
    """What a build made: the course, the package files, the zip (if written), timings and warnings."""

    course: Course
    files: dict[str, bytes]  # package path -> bytes: exactly what the zip holds
    zip_path: Path | None = None  # None when built without writing a package (the preview)
    size: int = 0  # the zip's size in bytes
    stages: Mapping[str, float] = MappingProxyType({})  # seconds per stage (STAGES)
    warnings: tuple[Problem, ...] = ()  # what the build changed or left out, with path:line

    @property
    def summary(self) -> str:
        scos = self.course.scos
        pages = sum(len(s.pages) for s in self.course.sections)
        quizzes = [s.quiz for s in self.course.sections if s.quiz]
        questions = sum(len(q.questions) for q in quizzes)
        shown = sum(q.attempt_size for q in quizzes)
        drawn = f" ({shown} per attempt, drawn from pools)" if shown != questions else ""
        warned = f", {len(self.warnings)} warning(s)" if self.warnings else ""
        media = "".join(f"\n  {name}: {_size(size)}" for name, size in media_files(self.files))
        return (f"built {self.zip_path} from {display_path(self.course.source_dir)}: {len(scos)} SCO(s), "
                f"{pages} page(s), {questions} question(s){drawn}, {self.size / 1024:.1f} KB{warned}{media}")


def build(course_dir: Path, out_dir: Path | None, templates: Path | None = None, *, caches: Caches = NO_CACHES,
          stages: dict[str, float] | None = None, standard: str | None = None) -> BuildResult:
    """Build ``course_dir``; write the package into ``out_dir`` unless it is None.

    Raises ProblemsError with every problem found. ``caches`` are what the preview reuses between
    builds; ``stages``, when given, receives the seconds each stage took as the build goes (so a
    failed build's timings are there too). ``standard`` (a name of standards.STANDARDS) overrides
    course.yml's ``standard:``.
    """
    laps = _Laps(stages if stages is not None else {})
    course, problems = load_course(course_dir, cache=caches.sections)
    laps.lap("load")
    if course is None:
        raise ProblemsError(problems)
    if standard is not None:
        if standard not in STANDARDS:
            raise ValueError(f"unknown standard {standard!r}: one of {', '.join(STANDARDS)}")
        course = dataclasses.replace(course, standard=standard)
    states = saved_states(course)  # once per build: checked against the limit, then written into the pages
    problems += check_course(course, states)
    prepared, found = prepare(course, templates or default_templates_dir(), caches.render)
    problems += found
    laps.lap("check")
    errors, warnings = split_warnings(problems)
    if errors or prepared is None:  # warnings (what the build changed or left out) do not stop it
        raise ProblemsError(problems)
    zip_path = out_dir / course.package_name if out_dir is not None else None
    size = 0
    try:
        files = render_course(course, prepared, states, caches.render)
        laps.lap("render")
        files[MANIFEST] = standard_of(course).manifest(course, sorted(files))
        laps.lap("manifest")
        if zip_path is not None:
            size = write_package(files, zip_path, check=check_package)
            laps.lap("package")
    except OSError as exc:  # a file that vanished or cannot be read, an output folder we cannot write
        where = display_path(exc.filename) if exc.filename else display_path(zip_path or course_dir)
        raise ProblemsError([Problem(where, 0, f"{exc.strerror or exc}",
                                     "check that the path exists and is accessible")]) from None
    return BuildResult(course=course, files=files, zip_path=zip_path, size=size, stages=dict(laps.laps),
                       warnings=tuple(sorted(set(warnings))))


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.1f} KB"


def check_package(zip_path: Path, written: Mapping[str, bytes] | None = None) -> None:
    """Run the package linter on the written zip before it replaces the previous one; ``written``
    (the files it was written from) spares inflating every entry again (validate_package)."""
    errors = [p for p in validate_package(zip_path, written=written) if p.severity == ERROR]
    if errors:
        raise ProblemsError(errors)


class _Laps:
    def __init__(self, laps: dict[str, float]):
        self.laps, self.last = laps, time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = now - self.last
        self.last = now
