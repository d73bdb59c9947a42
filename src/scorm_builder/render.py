"""Render each SCO to HTML with jinja2 and collect every file the package carries.

Templates come from the course's own ``templates/`` folder first, then the project's, so a
course overrides any template (or static file) by giving one of the same name. StrictUndefined
turns a typo in a template into a build error at the template's file and line.
"""
from __future__ import annotations

import functools
import re
import traceback
from collections.abc import Mapping
from html import unescape as html_unescape
from pathlib import Path
from typing import NamedTuple

import jinja2
import markupsafe
import rcssmin
import rjsmin

from .assets import PAGE_LINK_PREFIX
from .caches import RenderStore
from .labels import LANGUAGE_RE, check_language, fill, read_labels_at, resolve_labels, runtime_labels
from .layout import LABELS_SCRIPT, SCO_TO_ROOT, SHARED_DIR, STATIC_DIR, runtime_scripts, shared_path, static_files
from .media import page_parts
from .model import (
    FILL_IN,
    MATCHING,
    NUMERIC,
    Case,
    Course,
    Question,
    Quiz,
    Sco,
    Slot,
    unit_questions,
)
from .problems import Problem, ProblemsError, display_path, split_warnings
from .standards import standard_of
from .suspend import ATTEMPTS_COUNTER_MAX, FORMAT_VERSION, SEED_MAX, SavedState

SCO_TEMPLATE = "sco.html"
PAGE_LINK_RE = re.compile(r'href="' + re.escape(PAGE_LINK_PREFIX) + r'([^"]*)"')


def template_dirs(course: Course, project_templates: Path) -> list[Path]:
    own = course.source_dir / "templates"
    return [own, project_templates] if own.is_dir() else [project_templates]


def make_environment(dirs: list[Path], auto_reload: bool = True) -> jinja2.Environment:
    # Compiled templates are kept between runs in jinja2's bytecode cache (a private folder in the
    # temporary directory, keyed by each template's source checksum): compiling the four templates
    # costs more than rendering a 50-section course. ``auto_reload`` (a stat of the template file at
    # each include) matters only to an environment kept between builds, as the preview's is.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=auto_reload,
    )


class Prepared(NamedTuple):
    """Everything rendering needs besides the course, resolved and checked before any page is rendered."""

    dirs: tuple[Path, ...]  # template folders, the course's own first
    env: jinja2.Environment
    labels: Mapping[str, str]
    static: Mapping[str, Path]  # package path under shared/ -> the file in a templates' static/ folder
    scripts: tuple[str, ...]  # the runtime's scripts in load order (layout.runtime_scripts of the standard)


def prepare(course: Course, project_templates: Path,
            cache: RenderStore | None = None) -> tuple[Prepared | None, list[Problem]]:
    """Resolve the labels, compile every template and find the runtime files; report every problem
    (warnings among them: a language without a word list). ``Prepared`` is None when one is an error.

    Runs before rendering (and before the build fails on the model's problems), so that a misspelt
    label in course.yml, a broken labels file and a template syntax error show in one run.
    """
    dirs = template_dirs(course, project_templates)
    env = cache.start(course, dirs) if cache is not None else make_environment(dirs, auto_reload=False)
    read = functools.cache(read_labels_at)  # both checks read the same label files: once each
    labels, problems = resolve_labels(dirs, course.language, course.labels, course.label_locs, course.loc.path,
                                      read=read)
    if course.language and LANGUAGE_RE.match(course.language):  # a malformed tag is check.py's error
        problems += check_language(dirs, course.language, course.labels, course.label_locs, course.locs["language"],
                                   cache_dir=getattr(env.bytecode_cache, "directory", None), read=read)
    problems += compile_templates(env, dirs)
    static: dict[str, Path] = {}
    transport = standard_of(course).transport
    kinds = sorted({q.type for s in course.sections if s.quiz for q in s.quiz.questions})
    for name in static_files(transport, kinds):
        source = next((d / STATIC_DIR / name for d in dirs if (d / STATIC_DIR / name).is_file()), None)
        if source is None:
            problems.append(Problem(display_path(project_templates / STATIC_DIR / name), 0, "runtime file missing",
                                    "reinstall scorm-builder or restore the file in templates/static/"))
        else:
            static[shared_path(name)] = source
    if split_warnings(problems)[0]:
        return None, problems
    prepared = Prepared(dirs=tuple(dirs), env=env, labels=labels, static=static,
                        scripts=runtime_scripts(transport, kinds))
    return prepared, problems


def compile_templates(env: jinja2.Environment, dirs: list[Path]) -> list[Problem]:
    """Compile the SCO template, the labels script and every other .html template (jinja2 keeps them
    for rendering)."""
    names = {SCO_TEMPLATE, LABELS_SCRIPT} | set(env.list_templates(filter_func=lambda n: n.endswith(".html")
                                                     and not n.startswith(f"{STATIC_DIR}/")))
    problems = []
    for name in sorted(names):
        try:
            env.get_template(name)
        except jinja2.TemplateError as exc:
            problems.append(template_problem(exc, dirs))
    return problems


def slot_title(slot: Slot, labels: Mapping[str, str]) -> str:
    """A slot's title as the learner sees it: its own, else the labels' word for a quiz or a reading."""
    return slot.title or labels["quiz_title" if slot.page is None else "reading_title"]


def question_data(q: Question) -> dict:
    """One question as the runtime scores and saves it (docs/questions.md, "What the runtime receives")."""
    out: dict = {"id": q.id, "type": q.type, "weight": q.weight}
    if q.type == MATCHING:
        out.update(items=[p.key for p in q.pairs], targets=[t.key for t in q.targets],
                   correct=[p.target for p in q.pairs])
    elif q.type == FILL_IN:
        out.update(answers=[a.text for a in q.answers], caseSensitive=q.case_sensitive, maxLength=q.max_length)
    elif q.type == NUMERIC:
        out.update(min=q.minimum, max=q.maximum, maxLength=q.max_length)
    else:  # choice types and ordering (whose options are the items in the right order)
        out.update(keys=[o.key for o in q.options], correct=list(q.correct_keys))
    return out


def number_function(language: str):
    """``number(x)`` for templates: as the course language writes numbers (Babel, imported when used)."""
    def number(value: float) -> str:
        from babel.numbers import format_decimal  # only courses with numeric questions pay the import

        try:
            return format_decimal(value, locale=language.replace("-", "_"), decimal_quantization=False)
        except (ValueError, LookupError):
            return f"{value:g}"
    return number


def quiz_data(section_id: str, quiz: Quiz) -> dict:
    """A quiz for the runtime: every question it can show, its units (a case is one) and the groups
    that draws pick from (count None: every unit of the group is shown)."""
    index = {id(q): i for i, q in enumerate(quiz.questions)}
    units = [[index[id(q)] for q in unit_questions(u)] for u in quiz.units]
    groups, start = [], 0
    for group in quiz.groups:
        groups.append({"count": group.count, "units": list(range(start, start + len(group.units)))})
        start += len(group.units)
    return {"section": section_id, "attempts": quiz.attempts, "shuffle": quiz.shuffle, "order": quiz.order,
            "partial": quiz.partial_credit, "questions": [question_data(q) for q in quiz.questions],
            "units": units, "groups": groups}


def runtime_data(course: Course, sco: Sco, labels: Mapping[str, str], state: SavedState) -> dict:
    """What the learner runtime (templates/static/runtime.js) needs, embedded in each SCO page as JSON."""
    pages: list[dict] = []
    quizzes: list[dict] = []
    for slot in sco.slots:
        quiz = slot.quiz
        pages.append({"id": slot.bookmark, "title": slot_title(slot, labels), "section": slot.section.id,
                      "quiz": None if quiz is None else len(quizzes)})
        if quiz is not None:
            quizzes.append(quiz_data(slot.section.id, quiz))
    return {
        "format": 1,
        "course": course.id,
        "sco": sco.id,
        "title": sco.title,
        "passMark": course.pass_mark,
        "scoreDecimals": course.score_decimals,
        "quizHash": state.quiz_hash,
        "codec": {"format": FORMAT_VERSION, "seedLimit": SEED_MAX + 1, "attemptsMax": ATTEMPTS_COUNTER_MAX},
        "suspendWorstCase": state.worst_size,
        "pages": pages,
        "quizzes": quizzes,
        "language": course.language,
    }


def render_course(course: Course, prepared: Prepared, states: Mapping[str, SavedState],
                  cache: RenderStore | None = None) -> dict[str, bytes]:
    """Return {package path: bytes} for every SCO page, the shared runtime files and the assets.

    ``states`` are the SCOs' saved-state facts (``suspend.saved_states``), computed once per build.
    ``cache`` (the preview's ``RenderCache``) hands back pages of SCOs whose sections did not change
    and the bytes of unchanged asset files; without it every page is rendered and every file read.
    """
    env, labels, dirs = prepared.env, dict(prepared.labels), list(prepared.dirs)
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    translate = label_function(labels)
    numbers = number_function(course.language)
    template = env.get_template(SCO_TEMPLATE)
    scripts = prepared.scripts
    for sco in course.scos:
        def render(sco: Sco = sco) -> bytes:
            html = template.render(
                course=course, sco=sco, data=runtime_data(course, sco, labels, states[sco.id]),
                shared=SCO_TO_ROOT + SHARED_DIR, scripts=scripts, labels=labels, t=translate,
                title_of=lambda slot: slot_title(slot, labels), page_parts=page_parts,
                is_case=lambda unit: isinstance(unit, Case),
                number=numbers,
            )
            return link_pages(html, sco).encode("utf-8")
        try:
            files[sco.href] = cache.page(sco, render) if cache is not None else render()
        except jinja2.TemplateError as exc:
            problems.append(template_problem(exc, dirs))
            continue
    for package_path, source in prepared.static.items():
        files[package_path] = minified(package_path, source.read_bytes())
    try:
        labels_js = env.get_template(LABELS_SCRIPT).render(  # templates/labels.js -> shared/labels.js
            labels=runtime_labels(labels))
        files[shared_path(LABELS_SCRIPT)] = labels_js.encode("utf-8")
    except jinja2.TemplateError as exc:
        problems.append(template_problem(exc, dirs))
    for sco in course.scos:
        for asset in sco.assets:
            path = asset.source
            if asset.package_path not in files and path is not None:
                files[asset.package_path] = cache.asset(path) if cache is not None else path.read_bytes()
    if problems:
        raise ProblemsError(problems)
    return files


def minified(name: str, data: bytes) -> bytes:
    """The learner-side file as shipped: JavaScript and CSS without comments and spare white space
    (rjsmin, rcssmin), so the readable sources in templates/static/ cost the learner nothing."""
    if name.endswith(".js"):
        return rjsmin.jsmin(data.decode("utf-8")).encode("utf-8") + b"\n"
    if name.endswith(".css"):
        return rcssmin.cssmin(data.decode("utf-8")).encode("utf-8") + b"\n"
    return data


def label_function(labels: dict[str, str]):
    """``t(key, **params)`` for templates: the label HTML-escaped, its placeholders filled with escaped
    values (or markup made by the template itself, such as a ``{% set %}`` block)."""
    escaped = {key: str(markupsafe.escape(text)) for key, text in labels.items()}

    def t(key: str, **params) -> markupsafe.Markup:
        return markupsafe.Markup(fill(escaped, key, **{k: markupsafe.escape(v) for k, v in params.items()}))

    return t


def link_pages(html: str, sco: Sco) -> str:
    """Turn the placeholders of links between pages (see assets.py) into links to the SCO's pages."""
    index = {slot.page.key: slot.index for slot in sco.slots if slot.page is not None}

    def replace(m: re.Match) -> str:
        i = index.get(html_unescape(m.group(1)))
        return m.group(0) if i is None else f'href="#p{i}" data-goto="{i}"'

    return PAGE_LINK_RE.sub(replace, html) if PAGE_LINK_PREFIX in html else html


def template_problem(exc: jinja2.TemplateError, dirs: list[Path]) -> Problem:
    """Point at the template file and line where jinja2 failed."""
    name, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if not name:
        roots = [str(d.resolve()) for d in dirs]
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if any(str(Path(frame.filename).resolve()).startswith(r) for r in roots):
                name, line = frame.filename, frame.lineno
                break
    if isinstance(exc, jinja2.TemplateNotFound):
        message, hint = f"template '{exc.name}' not found", f"looked in: {', '.join(display_path(d) for d in dirs)}"
        name = name if name and name != exc.name else None
    elif isinstance(exc, jinja2.UndefinedError):
        message = f"template error: {exc.message}"
        hint = "check the variable name; see the README for what templates receive"
    else:
        message, hint = f"template error: {exc.message or exc}", "fix the template syntax on this line"
    return Problem(display_path(name) if name else "templates", line or 0, message, hint)
