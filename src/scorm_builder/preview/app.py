"""A running preview: the rebuilder, the HTTP server and the folder watcher, started and stopped together.

    with Preview(course_dir, port=0) as preview:    # first build, serve in a thread, watch the folders
        print(preview.url)

``serve()`` is what ``scorm-builder preview`` calls: the same, until Ctrl-C.
"""
from __future__ import annotations

import errno
import threading
import time
import traceback
import webbrowser
from collections.abc import Callable
from pathlib import Path

from .rebuild import BuildOutcome, Rebuilder
from .server import BuildEvents, PreviewHTTPServer, is_loopback, make_server
from .watch import Watcher

DEFAULT_PORT = 8000
MAX_PROBLEMS_SHOWN = 20


class Preview:
    def __init__(self, course_dir: Path, host: str = "127.0.0.1", port: int | None = 0,
                 templates: Path | None = None, watch: bool = True, log: Callable[[str], None] | None = None):
        """Bind the server (``port=None``: 8000, or a free port when 8000 is taken). Raises OSError."""
        self.rebuilder = Rebuilder(course_dir, templates)
        self.events = BuildEvents()
        self.log = log or (lambda line: None)
        self.server = _bind(self.rebuilder, self.events, host, port)
        self.watcher = Watcher(self.rebuilder.watched_dirs, self._on_change) if watch else None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return self.server.url

    def start(self) -> Preview:
        """Serve (the page says "building" until the first build is in), build once, then watch."""
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="scorm-builder-preview-http", daemon=True)
        self._thread.start()
        self.rebuild()
        if self.watcher:
            self.watcher.start()
        return self

    def stop(self) -> None:
        if self.watcher:
            self.watcher.stop()
        self.events.close()
        if self._thread:
            self.server.shutdown()
            self._thread.join(timeout=5)
        self.server.server_close()

    def __enter__(self) -> Preview:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def rebuild(self) -> BuildOutcome:
        outcome = self.rebuilder.rebuild()
        self.events.publish(outcome)
        self._report(outcome)
        return outcome

    def _on_change(self, changes) -> None:
        try:
            self.rebuild()
        except Exception:  # e.g. the terminal went away: keep watching and serving
            traceback.print_exc()

    def _report(self, outcome: BuildOutcome) -> None:
        stamp = time.strftime("%H:%M:%S")
        self.log(f"{stamp} {outcome.summary}")
        for problem in outcome.problems[:MAX_PROBLEMS_SHOWN]:
            self.log(f"  {problem.format(show_severity=True)}")
        if len(outcome.problems) > MAX_PROBLEMS_SHOWN:
            self.log(f"  ... and {len(outcome.problems) - MAX_PROBLEMS_SHOWN} more (all are shown in the page)")


def _bind(rebuilder: Rebuilder, events: BuildEvents, host: str, port: int | None) -> PreviewHTTPServer:
    if port is not None:
        return make_server(rebuilder, events, host, port)
    try:
        return make_server(rebuilder, events, host, DEFAULT_PORT)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        return make_server(rebuilder, events, host, 0)


def serve(course_dir: Path, host: str = "127.0.0.1", port: int | None = None, open_browser: bool = False,
          echo: Callable[..., None] = print) -> int:
    """Run the preview until Ctrl-C. Returns the exit code (2 when the address cannot be used)."""
    try:
        preview = Preview(course_dir, host=host, port=port, log=echo)
    except OSError as exc:
        wanted = f"{host}:{port if port is not None else DEFAULT_PORT}"
        echo(f"cannot listen on {wanted}: {exc.strerror or exc} "
             "(pick another with --port, or --port 0 for any free port)",
             err=True)
        return 2
    if not is_loopback(host):
        echo(f"warning: listening on {host}: other computers on the network can open this preview", err=True)
    echo(f"previewing {preview.rebuilder.course_dir} at {preview.url}")
    with preview:
        watched = ", ".join(str(p) for p in preview.watcher.paths) if preview.watcher else "nothing"
        echo(f"watching {watched} for changes; press Ctrl-C to stop")
        if open_browser:
            webbrowser.open(preview.url)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            echo("stopped")
    return 0
