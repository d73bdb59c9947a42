"""One rebuild of the previewed course, fast enough to run on every save.

    rebuilder = Rebuilder(course_dir)
    outcome = rebuilder.rebuild()      # -> BuildOutcome; never raises for problems in the course
    rebuilder.current                  # the last good Snapshot: what the preview serves

A rebuild is ``build.build``, the pipeline ``scorm-builder build`` runs, without the zip
(``out_dir=None``) and with two caches kept between rebuilds (``caches.Caches``):
``load.SectionCache`` (unchanged sections are not parsed again) and ``render_cache.RenderCache``
(their pages are not rendered again, unchanged assets not read again). A one-section edit in a
500-section course therefore re-does one section's work.

The result is a ``Snapshot``: an immutable mapping of package path -> bytes (exactly the files the
zip would hold) plus the table of contents read back from its manifest. The server swaps the
reference to the new snapshot in one assignment after the build is complete, so a request sees
either the previous build or the new one, never a mix and never a half-written tree. Keeping the
snapshot in memory rather than writing it to a temporary folder also means there is nothing on disk
to clean up, and no path in a request can reach a file outside the build. A failed rebuild leaves
``current`` alone: the last good build stays served while the problems are shown.
"""
from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from ..build import build
from ..caches import Caches
from ..layout import MANIFEST
from ..load import SectionCache
from ..problems import Problem, ProblemsError, display_path, split_warnings
from ..resources import default_templates_dir
from .render_cache import RenderCache
from .toc import ManifestError, Toc, read_toc


@dataclass(frozen=True)
class Snapshot:
    """A complete, good build: what the preview serves."""

    number: int  # counts good builds from 1
    files: Mapping[str, bytes]  # package path -> bytes, read-only
    toc: Toc
    course_id: str
    built_at: float  # time.time()


@dataclass(frozen=True)
class BuildOutcome:
    """The result of one ``Rebuilder.rebuild()`` call."""

    attempt: int  # counts rebuild attempts from 1, good or not
    ok: bool
    seconds: float
    problems: tuple[Problem, ...] = ()
    snapshot: Snapshot | None = None  # the build being served after this attempt (the last good one)
    changed: tuple[str, ...] = field(default=())  # package paths added, removed or changed (ok builds only)
    pages_rendered: int = 0  # SCO pages rendered in this build; the others came from the render cache
    stages: Mapping[str, float] = field(default_factory=dict)  # seconds per step: build.STAGES run, then toc

    @property
    def summary(self) -> str:
        ms = f"{self.seconds * 1000:.0f} ms"
        snapshot = self.snapshot
        if self.ok and snapshot is not None:
            scos = len([i for i in snapshot.toc.items if i.href])
            first = snapshot.number == 1
            changes = "" if first else f", {len(self.changed)} file(s) changed, {self.pages_rendered} page(s) rendered"
            warned = f", {len(self.problems)} warning(s)" if self.problems else ""
            return f"build {snapshot.number} ready in {ms}: {scos} SCO(s), {len(snapshot.files)} files{changes}{warned}"
        n = len(split_warnings(list(self.problems))[0])
        kept = f"still serving build {snapshot.number}" if snapshot else "nothing to serve yet"
        return f"build failed in {ms}: {n} problem{'s' if n != 1 else ''} ({kept})"


class Rebuilder:
    """Rebuilds ``course_dir`` on demand, keeping caches between rebuilds. Thread-safe: rebuilds are serialized."""

    def __init__(self, course_dir: Path, templates: Path | None = None):
        self.course_dir = Path(course_dir).absolute()
        self.templates = Path(templates) if templates else default_templates_dir()
        self._pages = RenderCache()
        self._caches = Caches(sections=SectionCache(), render=self._pages)
        self._lock = threading.Lock()
        self._attempts = 0
        self.current: Snapshot | None = None
        self.last: BuildOutcome | None = None

    @property
    def watched_dirs(self) -> list[Path]:
        """The folders whose changes call for a rebuild (the course's own templates/ is inside the course)."""
        return [self.course_dir, self.templates]

    def rebuild(self) -> BuildOutcome:
        with self._lock:
            self._attempts += 1
            start = time.perf_counter()
            stages: dict[str, float] = {}
            try:
                files, toc, course_id, warnings = self._build(stages)
            except ProblemsError as exc:
                outcome = self._failed(start, exc.problems, stages)
            except Exception as exc:  # a bug in a build step must not stop the preview: show it, keep serving
                traceback.print_exc()
                outcome = self._failed(start, [Problem(
                    display_path(self.course_dir), 0, f"internal error while building: {type(exc).__name__}: {exc}",
                    "the traceback is in the terminal running the preview; please report it")], stages)
            else:
                previous = self.current.files if self.current else {}
                changed = tuple(sorted(
                    p for p in set(files) | set(previous)
                    if p not in files or p not in previous or (files[p] is not previous[p] and files[p] != previous[p])
                ))
                snapshot = Snapshot(number=(self.current.number if self.current else 0) + 1,
                                    files=MappingProxyType(files), toc=toc, course_id=course_id, built_at=time.time())
                self.current = snapshot  # the swap: one reference assignment
                outcome = BuildOutcome(attempt=self._attempts, ok=True, seconds=time.perf_counter() - start,
                                       problems=warnings, snapshot=snapshot, changed=changed,
                                       pages_rendered=self._pages.misses,
                                       stages=stages)
            self.last = outcome
            return outcome

    def _failed(self, start: float, problems: list[Problem], stages: dict[str, float]) -> BuildOutcome:
        return BuildOutcome(attempt=self._attempts, ok=False, seconds=time.perf_counter() - start,
                            problems=tuple(problems), snapshot=self.current, stages=stages)

    def _build(self, stages: dict[str, float]) -> tuple[dict[str, bytes], Toc, str, tuple[Problem, ...]]:
        result = build(self.course_dir, None, self.templates, caches=self._caches, stages=stages)
        files = result.files
        start = time.perf_counter()
        try:
            current = self.current
            same = current is not None and current.files.get(MANIFEST) == files[MANIFEST]
            toc = current.toc if current is not None and same else read_toc(files[MANIFEST])
        except ManifestError as exc:
            raise ProblemsError([Problem(MANIFEST, 0, str(exc),
                                         "this is a bug in scorm-builder; please report it")]) from exc
        stages["toc"] = time.perf_counter() - start
        return files, toc, result.course.id, result.warnings  # warnings do not stop a build
