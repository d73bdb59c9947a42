"""The output standards: what differs between a SCORM 1.2 and a SCORM 2004 package, in one place.

A course becomes the same pages, quiz and navigation whatever the standard; only these differ: the
manifest writer, the runtime's LMS transport (a file in templates/static/ that speaks the
standard's API to the LMS), the saved-state and bookmark limits the build checks, and the zip's
name. ``course.yml``'s ``standard:`` (or ``scorm-builder build --standard``) picks one by name.
A new standard (cmi5) is a manifest module, a transport file and one entry in STANDARDS.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from . import scorm12, scorm2004
from .manifest import manifest_bytes
from .model import DEFAULT_STANDARD

if TYPE_CHECKING:
    from .model import Course


class Standard(NamedTuple):
    """An output standard (SCORM 1.2 or 2004): its names, transport, manifest writer and limits."""

    name: str  # as course.yml and --standard write it; also the zip name's suffix
    label: str  # as people say it
    transport: str  # the runtime's LMS transport in templates/static/
    manifest: Callable[[Course, list[str]], bytes]  # (course, package file names) -> imsmanifest.xml
    suspend_data_max: int  # characters the LMS must keep of the learner's saved state
    location_max: int  # characters of the bookmark (cmi.core.lesson_location / cmi.location)


def _manifest_2004(course: Course, names: list[str]) -> bytes:
    from .scorm2004_manifest import manifest_bytes_2004  # a SCORM 1.2 build never loads the 2004 writer

    return manifest_bytes_2004(course, names)


SCORM12 = Standard(name="scorm12", label="SCORM 1.2", transport="scorm12.js", manifest=manifest_bytes,
                   suspend_data_max=scorm12.SUSPEND_DATA_MAX, location_max=scorm12.LESSON_LOCATION_MAX)
SCORM2004 = Standard(name="scorm2004", label="SCORM 2004 4th Edition", transport="scorm2004.js",
                     manifest=_manifest_2004, suspend_data_max=scorm2004.SUSPEND_DATA_MAX,
                     location_max=scorm2004.LOCATION_MAX)

STANDARDS = {s.name: s for s in (SCORM12, SCORM2004)}
assert DEFAULT_STANDARD in STANDARDS


def standard_of(course: Course) -> Standard:
    """The course's output standard (an unknown name is check.py's error; its limits are 1.2's)."""
    return STANDARDS.get(course.standard, STANDARDS[DEFAULT_STANDARD])
