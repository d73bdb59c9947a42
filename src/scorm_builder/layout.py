"""The package layout: where each file goes in the zip, for the builder and the linter alike.

    imsmanifest.xml                 MANIFEST, at the package root (SCORM 1.2 CAM: the manifest's name and place)
    <sco id>/index.html             each SCO's launch page (sco_href)
    shared/*.js, style.css          static_files(): the templates' static/ files every SCO uses
    shared/labels.js                LABELS_SCRIPT: the course's labels for the runtime, one copy for all SCOs
    media/<path in the course>      images and other files the pages link to (media_path)

SCO folders are named by section (or course) ids, so ``shared`` and ``media`` are reserved ids.
The project's ``templates/`` and ``course_src/`` folders are found by ``resources.py``.
"""
from __future__ import annotations

from collections.abc import Iterable

MANIFEST = "imsmanifest.xml"
SCO_PAGE = "index.html"  # the launch page inside each SCO folder
SHARED_DIR = "shared"  # package folder for the runtime files every SCO uses
MEDIA_DIR = "media"  # package folder for the files pages link to, laid out as in the course folder
STATIC_DIR = "static"  # the templates' folder holding STATIC_FILES
STYLE_SHEET = "style.css"
# Rendered from templates/labels.js (not a static file): the labels the runtime shows, which are the
# same in every SCO, so each SCO page loads this one file instead of carrying its own copy.
LABELS_SCRIPT = "labels.js"


# The question types whose controls need a script of their own (templates/static); the choice types
# are runtime.js's. Keys are model.QUESTION_TYPES (model imports this module, so they are spelt here).
QUESTION_SCRIPTS = {"matching": "qmatching.js", "ordering": "qordering.js", "fill-in": "qtext.js",
                    "numeric": "qtext.js"}


def runtime_scripts(transport: str, question_types: Iterable[str] = ()) -> tuple[str, ...]:
    """The runtime's scripts in load order: codec and scoring (pure), the controls of the question
    types the course uses, the API session (lmsapi.js) and the LMS transport of the package's
    standard (standards.py), then runtime.js, which drives the page (docs/runtime.md)."""
    used = set(question_types)
    controls = tuple(dict.fromkeys(script for kind, script in QUESTION_SCRIPTS.items() if kind in used))
    return (LABELS_SCRIPT, "codec.js", "scoring.js", *controls, "lmsapi.js", transport, "runtime.js")


def static_files(transport: str, question_types: Iterable[str] = ()) -> tuple[str, ...]:
    """The templates' static/ files a package ships in shared/: only the transport and controls it uses
    (LABELS_SCRIPT is rendered, not copied)."""
    return (*(s for s in runtime_scripts(transport, question_types) if s != LABELS_SCRIPT), STYLE_SHEET)


RESERVED_FOLDERS = frozenset({SHARED_DIR, MEDIA_DIR})  # package folders the builder writes itself


def sco_href(sco_id: str) -> str:
    """The launch page of a SCO, relative to the package root: ``<sco id>/index.html``."""
    return f"{sco_id}/{SCO_PAGE}"


def shared_path(name: str) -> str:
    return f"{SHARED_DIR}/{name}"


def media_path(inside_course: str) -> str:
    """Where a linked file goes: ``media/`` + its path in the course folder."""
    return f"{MEDIA_DIR}/{inside_course}"


# A SCO page is one folder below the root (sco_href), so shared/ and media/ are one level up from it.
SCO_TO_ROOT = "../"
