"""Where the project's own templates and sample course live: beside the source tree in a
checkout (or editable install), or inside the installed package (wheel); and which course a
command given no course folder works on."""
from __future__ import annotations

from pathlib import Path

COURSE_FILE = "course.yml"
COURSE_SRC = "course_src"
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


def course_dir_in(folder: Path) -> Path | None:
    """The course a command without a COURSE_DIR argument builds when run in ``folder``, as
    ``mkdocs build`` builds the ``mkdocs.yml`` it finds there: ``folder`` itself when it holds
    course.yml, else its ``course_src/``; None when it has neither (the caller then uses the sample)."""
    if (folder / COURSE_FILE).is_file():
        return folder
    if (folder / COURSE_SRC).is_dir():
        return folder / COURSE_SRC
    return None


def chosen_course_dir(given: Path | None, cwd: Path) -> tuple[Path, str]:
    """The folder ``build``/``preview`` work on, and a note for the user when it is the bundled sample
    (only where ``cwd`` has no course of its own, so that nobody uploads the sample by mistake)."""
    if given is not None:
        return given, ""
    found = course_dir_in(cwd)
    if found is not None:
        return found, ""
    return default_course_dir(), (f"no {COURSE_FILE} or {COURSE_SRC}/ in this folder: using the bundled sample course "
                                  f"(pass COURSE_DIR to use another)")
