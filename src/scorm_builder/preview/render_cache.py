"""What the preview's rebuild reuses from the previous render: SCO pages and asset bytes.

``build.build(..., caches=Caches(render=RenderCache()))`` hands it to ``render.prepare``, which asks it for the
jinja2 environment, and to ``render.render_course``, which asks it for each SCO's page
and each asset's bytes. A page is reused while

* the templates are unchanged (every file below the template folders except ``static/``, by name,
  size and modification time: a change there clears all pages),
* the course-level values a template can show (title, language, pass mark, ...) are unchanged, and
* the SCO's sections are the very objects the previous build used. ``load.SectionCache`` hands back
  the same ``Section`` object while none of its files changed, so identity is the test.

If a template reads more of the course than those values (``course.sections``, ``course.scos``, or
passes ``course`` on whole to a macro or filter), a page may depend on every section: the cache
then also requires all sections of the course to be the same objects. This is decided by reading
the templates' syntax trees once per template change, so it stays right for course overrides.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import nodes

from ..layout import STATIC_DIR
from ..model import Course, Sco, Section
from ..render import make_environment

# Course attributes that are plain values: a template reading only these depends on no section.
COURSE_VALUES = ("id", "title", "version", "language", "pass_mark", "packaging", "description", "keywords",
                 "allow_raw_html", "labels")
COURSE_DERIVED = {"pass_mark_text", "package_name"}  # properties computed from COURSE_VALUES


@dataclass(frozen=True)
class _Page:
    key: tuple
    sections: tuple[Section, ...]
    html: bytes


class RenderCache:
    def __init__(self) -> None:
        self._env: jinja2.Environment | None = None
        self._env_dirs: list[Path] = []
        self._templates: tuple | None = None
        self._whole_course = False
        self._course_key: tuple = ()
        self._all_sections: tuple[Section, ...] = ()
        self._pages: dict[str, _Page] = {}
        self._assets: dict[Path, tuple[int, int, bytes]] = {}
        self.hits = self.misses = 0  # pages reused / rendered in the last build

    def start(self, course: Course, dirs: list[Path]) -> jinja2.Environment:
        """Called by render.prepare once per build, before any page: returns the environment to render with.

        The environment is kept while the template folders are the same, so templates are compiled
        once (jinja2 recompiles a template whose file changed).
        """
        if self._env is None or self._env_dirs != dirs:
            self._env, self._env_dirs = make_environment(dirs), list(dirs)
        fingerprint = _templates_fingerprint(dirs)
        if fingerprint != self._templates:
            self._templates = fingerprint
            self._pages.clear()
            self._whole_course = reads_whole_course(dirs)
        self._course_key = tuple(getattr(course, name) for name in COURSE_VALUES)
        self._all_sections = course.sections
        live = {sco.id for sco in course.scos}
        for gone in set(self._pages) - live:
            del self._pages[gone]
        self.hits = self.misses = 0
        return self._env

    def page(self, sco: Sco, render: Callable[[], bytes]) -> bytes:
        key = (self._course_key, sco.id, sco.title)
        sections = self._all_sections if self._whole_course else sco.sections
        cached = self._pages.get(sco.id)
        if cached is not None and cached.key == key and _same_objects(cached.sections, sections):
            self.hits += 1
            return cached.html
        html = render()  # a template error propagates and nothing is stored
        self._pages[sco.id] = _Page(key, sections, html)
        self.misses += 1
        return html

    def asset(self, path: Path) -> bytes:
        st = path.stat()
        cached = self._assets.get(path)
        if cached is not None and cached[:2] == (st.st_size, st.st_mtime_ns):
            return cached[2]
        data = path.read_bytes()
        self._assets[path] = (st.st_size, st.st_mtime_ns, data)
        return data


def _same_objects(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


def _template_files(dirs: list[Path]):
    for d in dirs:
        for dirpath, dirnames, filenames in os.walk(d):
            if Path(dirpath) == d:
                dirnames[:] = [n for n in dirnames if n != STATIC_DIR]
            for name in sorted(filenames):
                yield Path(dirpath) / name


def _templates_fingerprint(dirs: list[Path]) -> tuple:
    stats = []
    for path in _template_files(dirs):
        try:
            st = path.stat()
        except OSError:
            continue
        stats.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(stats)


def reads_whole_course(dirs: list[Path]) -> bool:
    """True when some template uses ``course`` other than as ``course.<plain value>``."""
    env = make_environment(dirs)
    for path in _template_files(dirs):
        try:
            tree = env.parse(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, jinja2.TemplateSyntaxError):
            return True  # cannot tell: assume the worst (rendering reports the real error)
        if _uses_course_beyond_values(tree):
            return True
    return False


def _uses_course_beyond_values(node: nodes.Node) -> bool:
    allowed = set(COURSE_VALUES) | COURSE_DERIVED
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.Name) and child.name == "course":
            plain = isinstance(node, nodes.Getattr) and node.node is child and node.attr in allowed
            if not plain:
                return True
        if _uses_course_beyond_values(child):
            return True
    return False
