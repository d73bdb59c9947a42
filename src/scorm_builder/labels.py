"""The words of the learner-facing frame (buttons, quiz messages, notices), apart from course content.

Defaults live in ``templates/labels/en.yml``. For a course in another language, a file
``labels/<language>.yml`` or ``labels/<primary subtag>.yml`` (``fr.yml`` for ``fr-CA``) in the course's
or the project's templates replaces any of them, and ``labels:`` in course.yml has the last word.
Values may hold ``{name}`` placeholders; keys ending in ``_one``/``_other`` (and ``_zero``, ``_two``,
``_few``, ``_many``) are plural forms, chosen by the language's plural rules in the runtime.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

from .model import Loc
from .problems import Problem, display_path
from .sourcefile import read_yaml_file

LABELS_DIR = "labels"
DEFAULT_LANGUAGE = "en"
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")
# The labels the runtime (templates/static/runtime.js) uses; only these travel in each page's data.
RUNTIME_LABELS = (
    "progress", "end_of_section", "welcome_back", "no_lms", "lms_silent", "mode_browse", "mode_review", "no_credit",
    "verdict_picked_right", "verdict_picked_wrong", "verdict_missed", "verdict_correct", "question_right",
    "question_wrong", "result_passed", "result_failed", "score", "can_try_again", "attempts_left",
    "no_attempts_left", "overall_score", "feedback_above", "unanswered", "new_attempt", "new_attempt_of",
    "session_ended", "progress_saved",
)


def read_labels(path: Path) -> tuple[dict[str, str], list[Problem]]:
    problems: list[Problem] = []
    loaded = read_yaml_file(path, problems)
    if loaded is None:
        return {}, problems
    data, _ = loaded
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        return {}, [Problem(display_path(path), 1, "a labels file is a list of 'key: text' lines",
                            "quote texts that hold a colon: key: \"Text: more\"")]
    return {str(k): v for k, v in data.items()}, []


def language_files(dirs: list[Path], language: str) -> list[Path]:
    """Label files that apply, weakest first: the default language, then the primary subtag, then the full tag."""
    names = [DEFAULT_LANGUAGE]
    primary = language.split("-")[0].lower()
    for name in (primary, language.lower()):
        if name not in names:
            names.append(name)
    found = []
    for name in names:
        for d in reversed(dirs):  # project templates first, the course's own last (it wins)
            path = d / LABELS_DIR / f"{name}.yml"
            if path.is_file():
                found.append(path)
    return found


def allowed_keys(defaults: dict[str, str]) -> set[str]:
    keys = set(defaults)
    for key in defaults:
        base, _, form = key.rpartition("_")
        if form in PLURAL_FORMS and base:
            keys.update(f"{base}_{f}" for f in PLURAL_FORMS)
    return keys


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER_RE.findall(text))


def check_labels(labels: dict[str, str], defaults: dict[str, str], locs: dict[str, Loc], what: str) -> list[Problem]:
    """Unknown keys (with a did-you-mean) and placeholders a label cannot fill."""
    allowed = allowed_keys(defaults)
    problems = []
    for key, text in labels.items():
        loc = locs.get(key, Loc(what, 0))
        if key not in allowed:
            close = difflib.get_close_matches(key, sorted(allowed), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "see templates/labels/en.yml for the keys"
            problems.append(Problem(loc.path, loc.line, f"unknown label '{key}'", hint))
            continue
        base = key.rpartition("_")[0]
        reference = defaults.get(key) or defaults.get(f"{base}_other", "")
        unknown = placeholders(text) - placeholders(reference)
        if unknown:
            offered = ", ".join("{" + p + "}" for p in sorted(placeholders(reference))) or "none"
            problems.append(Problem(loc.path, loc.line,
                                    f"label '{key}' uses {', '.join('{' + u + '}' for u in sorted(unknown))}",
                                    f"this label can fill: {offered}"))
    return problems


def resolve_labels(dirs: list[Path], language: str, overrides: dict[str, str],
                   override_locs: dict[str, Loc] | None = None,
                   where: str = "course.yml") -> tuple[dict[str, str], list[Problem]]:
    """The labels a course's pages use, and every problem in its label files and in ``overrides``
    (course.yml's ``labels:``, at ``override_locs``), checked against the default language's file."""
    labels: dict[str, str] = {}
    problems: list[Problem] = []
    files = language_files(dirs, language)
    defaults: dict[str, str] = {}
    for path in files:
        values, found = read_labels(path)
        problems += found
        if not defaults:
            defaults = dict(values)
        else:
            problems += check_labels(values, defaults, {}, display_path(path))
        labels.update(values)
    if overrides:
        problems += check_labels(overrides, defaults, override_locs or {}, where)
    labels.update(overrides)
    return labels, problems


def fill(labels: dict[str, str], key: str, **params) -> str:
    """The label ``key`` with its placeholders filled; a plural key takes its form from ``count`` (one/other)."""
    if key not in labels and f"{key}_other" in labels:
        form = "one" if params.get("count") == 1 and f"{key}_one" in labels else "other"
        key = f"{key}_{form}"
    return PLACEHOLDER_RE.sub(lambda m: str(params.get(m.group(1), m.group(0))), labels[key])


def runtime_labels(labels: dict[str, str]) -> dict[str, str]:
    keys = set(RUNTIME_LABELS)
    return {k: v for k, v in sorted(labels.items()) if k in keys or k.rpartition("_")[0] in keys}
