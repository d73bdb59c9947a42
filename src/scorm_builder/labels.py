"""The words of the learner-facing frame (buttons, quiz messages, notices), apart from course content.

Defaults live in ``templates/labels/en.yml``. For a course in another language, a file
``labels/<language>.yml`` or ``labels/<primary subtag>.yml`` (``fr.yml`` for ``fr-CA``) in the course's
or the project's templates replaces any of them, and ``labels:`` in course.yml has the last word.
Values may hold ``{name}`` placeholders; keys ending in ``_one``/``_other`` (and ``_zero``, ``_two``,
``_few``, ``_many``) are plural forms, chosen by the language's plural rules in the runtime. The
build checks that a language's label files give every plural category CLDR defines for it (from
Babel's copy of the CLDR data), and warns when a language has no label file at all.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from .model import Loc
from .problems import WARNING, Problem, display_path
from .sourcefile import line_of_key, read_yaml_file

LABELS_DIR = "labels"
DEFAULT_LANGUAGE = "en"
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
PLURALS_CACHE = "scorm-builder-plurals.json"  # plural categories by language, in the template cache folder
PLURALS_CACHE_STAMPS = 4  # Babel installs remembered there (each environment that builds may have its own)
PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")
# The labels the runtime (templates/static/runtime.js) uses; only these travel in each page's data.
RUNTIME_LABELS = (
    "progress", "end_of_section", "welcome_back", "no_lms", "lms_silent", "mode_browse", "mode_review", "no_credit",
    "verdict_picked_right", "verdict_picked_wrong", "verdict_missed", "verdict_correct", "question_right",
    "question_wrong", "result_passed", "result_failed", "score", "can_try_again", "attempts_left",
    "no_attempts_left", "overall_score", "feedback_above", "unanswered", "new_attempt", "new_attempt_of",
    "session_ended", "progress_saved", "question_number", "select_all", "quiz_questions", "not_a_number", "moved",
    "verdict_item_right", "verdict_item_wrong",
)
LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")  # a BCP 47 tag, as course.yml may give it


def read_labels(path: Path) -> tuple[dict[str, str], list[Problem]]:
    labels, _, problems = read_labels_at(path)
    return labels, problems


# read_labels_at, or a memo of it: render.prepare reads each label file once for both checks.
LabelsReader = Callable[[Path], tuple[dict[str, str], dict[str, Loc], list[Problem]]]


def read_labels_at(path: Path) -> tuple[dict[str, str], dict[str, Loc], list[Problem]]:
    """A labels file: its texts by key, the file and line of each key, and its problems."""
    problems: list[Problem] = []
    loaded = read_yaml_file(path, problems)
    if loaded is None:
        return {}, {}, problems
    data, loc = loaded
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        return {}, {}, [Problem(display_path(path), 1, "a labels file is a list of 'key: text' lines",
                                "quote texts that hold a colon: key: \"Text: more\"")]
    locs = {str(k): Loc(loc.path, line_of_key(data, k, 1)) for k in data}
    return {str(k): v for k, v in data.items()}, locs, []


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


def plural_categories(language: str, cache_dir: str | None = None) -> set[str] | None:
    """The CLDR plural categories of ``language`` (``other`` included), from Babel's CLDR data;
    None for a tag Babel does not know.

    With ``cache_dir`` (the folder of jinja2's bytecode cache) the answer is kept between runs in a
    small file there, keyed by Babel's installed files (the last ``PLURALS_CACHE_STAMPS`` installs):
    importing Babel and loading its CLDR data for one lookup costs more than checking a 50-section course.
    """
    stamp = _babel_stamp() if cache_dir is not None else None
    if stamp is None or cache_dir is None:
        return _babel_plural_categories(language)
    path = os.path.join(cache_dir, PLURALS_CACHE)
    try:
        with open(path, encoding="utf-8") as fh:
            by_stamp = json.load(fh)["by_stamp"]
        if not isinstance(by_stamp, dict):
            by_stamp = {}
    except (OSError, ValueError, KeyError, TypeError):
        by_stamp = {}
    known = by_stamp.get(stamp)
    known = known if isinstance(known, dict) else {}
    if language in known:
        found = known[language]
        return None if found is None else set(found)
    categories = _babel_plural_categories(language)
    known = {**known, language: None if categories is None else sorted(categories)}
    # The folder is the user's, shared by every environment (a project's venv, pipx, the bench's):
    # one entry per Babel install, newest last, so that two of them do not evict each other.
    entries = [(key, value) for key, value in by_stamp.items() if key != stamp] + [(stamp, known)]
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{PLURALS_CACHE}.", suffix=".tmp", dir=cache_dir)
    except OSError:  # a cache that cannot be written is only slower
        return categories
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"by_stamp": dict(entries[-PLURALS_CACHE_STAMPS:])}, fh)
        os.replace(temp, path)
    except OSError:
        Path(temp).unlink(missing_ok=True)
    return categories


def _babel_plural_categories(language: str) -> set[str] | None:
    import babel  # only when the answer is not cached: Babel and its CLDR data take ~30 ms to load

    try:
        locale = babel.Locale.parse(language, sep="-")
    except (ValueError, babel.UnknownLocaleError):
        return None
    return set(locale.plural_form.tags) | {"other"}


def _babel_stamp() -> str | None:
    """Which Babel is installed (its files' paths, sizes and times), without importing it."""
    try:
        spec = importlib.util.find_spec("babel")
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin is None:
        return None
    folder = os.path.dirname(spec.origin)
    parts = []
    for name in (spec.origin, os.path.join(folder, "global.dat"), os.path.join(folder, "locale-data", "root.dat")):
        try:
            st = os.stat(name)
        except OSError:
            return None
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def check_language(dirs: list[Path], language: str, overrides: dict[str, str], override_locs: dict[str, Loc],
                   language_loc: Loc, cache_dir: str | None = None, read: LabelsReader | None = None) -> list[Problem]:
    """A warning when no label file speaks ``language`` (the learner gets English), and an error at
    the label file's line for each plural label that lacks a CLDR plural category of the language.
    ``dirs`` are the template folders, the course's first."""
    primary = language.split("-")[0].lower()
    files = language_files(dirs, language)
    own = [p for p in files if p.stem.lower() in (primary, language.lower())]
    problems: list[Problem] = []
    if not own and primary != DEFAULT_LANGUAGE:
        problems.append(Problem(
            language_loc.path, language_loc.line,
            f"no word list for language '{language}': buttons and messages fall back to English",
            f"copy scorm-builder's templates/labels/{DEFAULT_LANGUAGE}.yml to templates/labels/{primary}.yml "
            "in the course folder and translate it, or set single words under labels: in course.yml",
            severity=WARNING))
    required = plural_categories(language, cache_dir)
    if required is None or not files:
        return problems
    read = read or read_labels_at
    defaults, _, found = read(files[0])
    problems += found
    plural_bases = {key.rpartition("_")[0] for key in defaults if key.endswith("_other")}
    forms: dict[str, dict[str, Loc]] = {}  # plural label -> its forms, each at its key's line (the last source wins)
    sources = [read(path) for path in own] + [(overrides, override_locs, [])]
    for labels, locs, found in sources:
        problems += found
        for key in labels:
            base, _, form = key.rpartition("_")
            if base in plural_bases and form in PLURAL_FORMS:
                forms.setdefault(base, {})[form] = locs.get(key, language_loc)
    for base, given in sorted(forms.items()):
        missing = [form for form in PLURAL_FORMS if form in required and form not in given]
        if missing:
            at = given.get("other") or next(iter(given.values()))
            needed = ", ".join(f for f in PLURAL_FORMS if f in required)
            absent = " or ".join(f"{base}_{m}" for m in missing)
            problems.append(Problem(at.path, at.line, f"label '{base}' has no {absent} for language '{language}'",
                                    f"CLDR gives '{primary}' the plural categories {needed}; add "
                                    + ", ".join(f'{base}_{m}: "..."' for m in missing)))
    return problems


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER_RE.findall(text))


def check_labels(labels: dict[str, str], defaults: dict[str, str], locs: dict[str, Loc], what: str) -> list[Problem]:
    """Unknown keys (with a did-you-mean) and placeholders a label cannot fill."""
    allowed = allowed_keys(defaults)
    problems = []
    for key, text in labels.items():
        loc = locs.get(key, Loc(what, 0))
        if key not in allowed:
            import difflib  # only for a did-you-mean

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
                   where: str = "course.yml", read: LabelsReader | None = None) -> tuple[dict[str, str], list[Problem]]:
    """The labels a course's pages use, and every problem in its label files and in ``overrides``
    (course.yml's ``labels:``, at ``override_locs``), checked against the default language's file."""
    labels: dict[str, str] = {}
    problems: list[Problem] = []
    files = language_files(dirs, language)
    defaults: dict[str, str] = {}
    for path in files:
        values, _, found = (read or read_labels_at)(path)
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
