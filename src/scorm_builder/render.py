"""Render each SCO to HTML with jinja2 and collect every file the package carries.

Templates come from the course's own ``templates/`` folder first, then the project's, so a
course overrides any template (or static file) by giving one of the same name. StrictUndefined
turns a typo in a template into a build error at the template's file and line.
"""
from __future__ import annotations

import re
import traceback
from html import unescape as html_unescape
from pathlib import Path

import jinja2
import markupsafe

from .assets import PAGE_LINK_PREFIX
from .labels import fill, resolve_labels, runtime_labels
from .layout import SCO_TO_ROOT, SHARED_DIR, STATIC_DIR, STATIC_FILES, shared_path
from .model import QUIZ_PAGE_ID, Course, Sco
from .problems import Problem, ProblemsError, display_path
from .suspend import quiz_hash, worst_case

SCO_TEMPLATE = "sco.html"
PAGE_LINK_RE = re.compile(r'href="' + re.escape(PAGE_LINK_PREFIX) + r'([^"]*)"')


def template_dirs(course: Course, project_templates: Path) -> list[Path]:
    own = course.source_dir / "templates"
    return [own, project_templates] if own.is_dir() else [project_templates]


def make_environment(dirs: list[Path]) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def runtime_data(course: Course, sco: Sco, labels: dict[str, str]) -> dict:
    """What the learner runtime (templates/static/runtime.js) needs, embedded in each SCO page as JSON."""
    pages, quizzes = [], []
    for section, page in sco.slots:
        if page is not None:
            pages.append({"id": f"{section.id}/{page.id}", "title": page.title, "section": section.id, "quiz": None})
        else:
            pages.append({"id": f"{section.id}/{QUIZ_PAGE_ID}", "title": section.quiz.title, "section": section.id,
                          "quiz": len(quizzes)})
            quizzes.append({
                "section": section.id,
                "attempts": section.quiz.attempts,
                "shuffle": section.quiz.shuffle,
                "questions": [
                    {"id": q.id, "type": q.type, "weight": q.weight,
                     "keys": [o.key for o in q.options], "correct": list(q.correct_keys)}
                    for q in section.quiz.questions
                ],
            })
    return {
        "format": 1,
        "course": course.id,
        "sco": sco.id,
        "title": sco.title,
        "passMark": course.pass_mark,
        "quizHash": quiz_hash(sco),
        "suspendWorstCase": len(worst_case(sco)),
        "pages": pages,
        "quizzes": quizzes,
        "language": course.language,
        "labels": runtime_labels(labels),
    }


def render_course(course: Course, project_templates: Path, cache=None) -> dict[str, bytes]:
    """Return {package path: bytes} for every SCO page, the shared runtime files and the assets.

    ``cache`` (optional, used by the preview's rebuild: ``preview.render_cache.RenderCache``) keeps
    the jinja2 environment, the pages of SCOs whose sections did not change and the bytes of unchanged
    asset files between calls. Without it every page is rendered and every file read, as for a package build.
    """
    dirs = template_dirs(course, project_templates)
    env = cache.start(course, dirs) if cache is not None else make_environment(dirs)
    files: dict[str, bytes] = {}
    labels, problems = resolve_labels(dirs, course.language, course.labels)
    translate = label_function(labels)
    for sco in course.scos:
        def render(sco: Sco = sco) -> bytes:
            html = env.get_template(SCO_TEMPLATE).render(
                course=course, sco=sco, data=runtime_data(course, sco, labels), shared=SCO_TO_ROOT + SHARED_DIR,
                labels=labels, t=translate,
            )
            return link_pages(html, sco).encode("utf-8")
        try:
            files[sco.href] = cache.page(sco, render) if cache is not None else render()
        except jinja2.TemplateError as exc:
            problems.append(template_problem(exc, dirs))
            continue
    for name in STATIC_FILES:
        source = next((d / STATIC_DIR / name for d in dirs if (d / STATIC_DIR / name).is_file()), None)
        if source is None:
            problems.append(Problem(display_path(project_templates / STATIC_DIR / name), 0, "runtime file missing",
                                    "reinstall scorm-builder or restore the file in templates/static/"))
            continue
        files[shared_path(name)] = source.read_bytes()
    for sco in course.scos:
        for asset in sco.assets:
            if asset.package_path not in files:
                files[asset.package_path] = cache.asset(asset.source) if cache is not None else asset.source.read_bytes()
    if problems:
        raise ProblemsError(problems)
    return files


def label_function(labels: dict[str, str]):
    """``t(key, **params)`` for templates: the label HTML-escaped, its placeholders filled with escaped
    values (or markup made by the template itself, such as a ``{% set %}`` block)."""
    escaped = {key: str(markupsafe.escape(text)) for key, text in labels.items()}

    def t(key: str, **params) -> markupsafe.Markup:
        return markupsafe.Markup(fill(escaped, key, **{k: markupsafe.escape(v) for k, v in params.items()}))

    return t


def link_pages(html: str, sco: Sco) -> str:
    """Turn the placeholders of links between pages (see assets.py) into links to the SCO's pages."""
    index = {page.key: i for i, (_, page) in enumerate(sco.slots) if page is not None}

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
        message, hint = f"template error: {exc.message}", "check the variable name; see the README for what templates receive"
    else:
        message, hint = f"template error: {exc.message or exc}", "fix the template syntax on this line"
    return Problem(display_path(name) if name else "templates", line or 0, message, hint)
