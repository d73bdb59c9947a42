"""Where the project's own templates and sample course live: beside the source tree in a
checkout (or editable install), or inside the installed package (wheel)."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parents[1]


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _CHECKOUT / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"scorm-builder's '{name}' folder is missing; reinstall scorm-builder")


def default_templates_dir() -> Path:
    return _find("templates")


def default_course_dir() -> Path:
    return _find("course_src")
