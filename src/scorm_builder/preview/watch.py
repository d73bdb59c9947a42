"""Watch the course and template folders and call back, debounced, when files change.

watchfiles groups the events of one save (editors write a temp file, rename it, touch the folder)
into one batch: it yields once no new change arrived for ``step`` ms, or at most ``debounce`` ms
after the first change. Its default filter skips .git, __pycache__, editor swap files and the like.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import watchfiles

DEBOUNCE_MS = 150
STEP_MS = 50
READY_MS = 100


class Watcher:
    def __init__(self, paths: list[Path], on_change: Callable[[set[tuple[watchfiles.Change, str]]], None],
                 debounce_ms: int = DEBOUNCE_MS):
        self.paths = [p for p in dict.fromkeys(Path(p) for p in paths) if p.is_dir()]
        self.on_change = on_change
        self.debounce_ms = debounce_ms
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="scorm-builder-preview-watch", daemon=True)
        self.ready = threading.Event()  # set once the folders are being watched

    def start(self, wait: float = 5.0) -> None:
        """Start watching; return once the watches are in place (so no change after start() is missed)."""
        self._thread.start()
        self.ready.wait(wait)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        # With yield_on_timeout the generator yields an empty set READY_MS after the watches exist:
        # the first yield of any kind tells start() that watching has begun.
        for changes in watchfiles.watch(*self.paths, debounce=self.debounce_ms, step=STEP_MS,
                                        stop_event=self._stop, raise_interrupt=False, rust_timeout=READY_MS,
                                        yield_on_timeout=True):
            self.ready.set()
            if changes:
                self.on_change(changes)
        self.ready.set()
