"""What ``build.build`` can reuse between builds, as typed interfaces.

A package build uses no cache. The preview keeps one of each between rebuilds
(``load.SectionCache`` and ``preview.render_cache.RenderCache``) and passes them to the same
``build.build`` the ``build`` command runs, so the preview cannot drift from the package.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, Protocol

import jinja2

from .model import Course, Sco, Section
from .problems import Problem


class SectionStore(Protocol):
    """Hands back a section loaded earlier while none of its files changed (``load.SectionCache``)."""

    def get(self, entry: Path, allow_raw_html: bool,
            load: Callable[[list[Problem]], Section | None]) -> tuple[Section | None, list[Problem]]:
        """The section at ``entry``: reused, or ``load(problems)`` called to read it again."""
        ...


class RenderStore(Protocol):
    """Keeps the jinja2 environment, rendered SCO pages and asset bytes (``preview.render_cache.RenderCache``)."""

    def start(self, course: Course, dirs: list[Path]) -> jinja2.Environment:
        """Called once per build before anything is rendered: the environment to render with."""
        ...

    def page(self, sco: Sco, render: Callable[[], bytes]) -> bytes:
        """The SCO's page: reused, or ``render()`` called."""
        ...

    def asset(self, path: Path) -> bytes:
        """The bytes of an asset file: reused while it is unchanged, or read."""
        ...


class Uncached:
    """A SectionStore that keeps nothing: a package build loads every section once, so fingerprinting
    the files of each section (one stat per file) for a later rebuild would be wasted."""

    def get(self, entry: Path, allow_raw_html: bool,
            load: Callable[[list[Problem]], Section | None]) -> tuple[Section | None, list[Problem]]:
        found: list[Problem] = []
        return load(found), found


class Caches(NamedTuple):
    """The stores a build may reuse (the preview's); a package build passes none."""

    sections: SectionStore | None = None
    render: RenderStore | None = None


NO_CACHES = Caches()
