"""Fixtures of the real-Moodle tests: the install, one browser, the packages they upload.

Without ../shared/moodle, PHP or an installed Moodle these tests skip and say why;
SCORM_BUILDER_REQUIRE_MOODLE=1 (.ci/run, after `bash ../shared/moodle/setup.sh`) makes that a failure.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from moodlesite import BASE, Learner, MoodleSite, require_moodle
from scorm_builder.build import build
from scorm_builder.resources import default_course_dir


@pytest.fixture(scope="session")
def moodle() -> MoodleSite:
    return require_moodle()


@pytest.fixture(scope="session")
def build_course(tmp_path_factory):
    """build_course(source_dir, name) -> the zip, built once per name."""
    out = tmp_path_factory.mktemp("moodle-out")
    built: dict[str, Path] = {}

    def make(source: Path, name: str) -> Path:
        if name not in built:
            built[name] = build(source, out / name).zip_path
        return built[name]

    return make


@pytest.fixture(scope="session")
def seed_zip(build_course) -> Path:
    return build_course(default_course_dir(), "seed")


@pytest.fixture(scope="session")
def seed_zip_2004(tmp_path_factory) -> Path:
    return build(default_course_dir(), tmp_path_factory.mktemp("moodle-2004"), standard="scorm2004").zip_path


@pytest.fixture(scope="session")
def seed_copy(tmp_path_factory) -> Path:
    """An editable copy of the sample course (for the teacher's package replacement)."""
    root = tmp_path_factory.mktemp("seed-src") / "course"
    shutil.copytree(default_course_dir(), root)
    return root


@pytest.fixture
def hosts() -> set[str]:
    return set()


@pytest.fixture
def learner(moodle, browser, hosts):
    """student1, in a fresh browser context. Every request of the test must stay on the Moodle host."""
    person = Learner(browser, "student1", hosts)
    yield person
    person.close()
    assert hosts <= {urlparse(BASE).netloc}, f"requests left the loopback Moodle: {sorted(hosts)}"


@pytest.fixture(scope="session")
def starter_source(tmp_path_factory) -> Path:
    """The course `scorm-builder new` writes: every question type, a case, a shared pool, a video."""
    from scorm_builder.new import create_course

    root = tmp_path_factory.mktemp("starter") / "my-course"
    create_course(root)
    return root
