"""The preview's HTTP server: the LMS page, the built course, build state and build events.

    /                       the LMS page (static/lms.html)
    /_preview/<file>        the LMS page's own files (static/: lms.js, lms.css, scorm12-api.js, scorm2004-api.js)
    /_preview/state.json    the served build: table of contents, last rebuild, its problems
    /_preview/events        Server-Sent Events: one "build" event per rebuild (the page reloads the SCO)
    /course/<path>          a file of the served build, by its path in the package

Safety: GET and HEAD only; a path with a ``..`` or ``.`` segment (raw or percent-encoded), a
backslash, a NUL or an empty segment is refused with 403; anything else is looked up in the build's
file table (a mapping, not a folder), so no request can read a file outside the build. When bound
to a loopback address the Host header must name that address or localhost (DNS-rebinding guard).
Every response says ``Cache-Control: no-store``, so the browser always shows the latest build.
"""
from __future__ import annotations

import http.server
import ipaddress
import json
import re
import socket
import threading
from importlib import resources
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from .rebuild import BuildOutcome, Rebuilder

STATIC_PREFIX = "/_preview/"
COURSE_PREFIX = "/course/"
LMS_PAGE = "lms.html"
KEEPALIVE_SECONDS = 15.0

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".xsd": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".vtt": "text/vtt; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".wav": "audio/wav",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
}
DEFAULT_CONTENT_TYPE = "application/octet-stream"
RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")


def content_type(path: str) -> str:
    return CONTENT_TYPES.get(PurePosixPath(path).suffix.lower(), DEFAULT_CONTENT_TYPE)


class Refused(Exception):
    """A request path that tries to leave the served tree."""


def package_path(raw: str) -> str:
    """The package path named by the URL path ``raw`` (the part after /course/), or raise Refused.

    Decoding happens once, and the decoded segments are checked, so ``%2e%2e`` and ``..%2f`` are
    caught like ``..``; a double-encoded ``%252e`` decodes to the literal name ``%2e`` (not found).
    """
    decoded = unquote(raw, errors="strict")
    if "\\" in decoded or "\x00" in decoded or decoded.startswith("/"):
        raise Refused(raw)
    segments = decoded.split("/")
    if any(s in ("", ".", "..") for s in segments):
        raise Refused(raw)
    return "/".join(segments)


def static_files() -> dict[str, bytes]:
    """The LMS page's files, read once (they are part of the installed package)."""
    folder = resources.files(__package__) / "static"
    return {f.name: f.read_bytes() for f in folder.iterdir() if f.is_file() and not f.name.startswith(".")}


class BuildEvents:
    """Wakes the /_preview/events streams when a rebuild finishes, or when the server stops."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.attempt = 0
        self.closed = False

    def publish(self, outcome: BuildOutcome) -> None:
        with self._cond:
            self.attempt = outcome.attempt
            self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self._cond.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """Block until an attempt newer than ``seen`` (or close, or timeout); return the latest attempt."""
        with self._cond:
            self._cond.wait_for(lambda: self.closed or self.attempt != seen, timeout)
            return self.attempt


def state(rebuilder: Rebuilder) -> dict:
    """What /_preview/state.json says: the served build and the last rebuild attempt."""
    last, current = rebuilder.last, rebuilder.current
    return {
        "attempt": last.attempt if last else 0,
        "ok": bool(last and last.ok),
        "seconds": round(last.seconds, 4) if last else None,
        "summary": last.summary if last else "building...",
        "problems": [dict(p.to_dict(), text=p.format()) for p in (last.problems if last else ())],
        "build": current.number if current else 0,
        "course": current.course_id if current else "",
        "toc": current.toc.to_dict() if current else None,
        "standard": current.toc.standard if current else "",
        "changed": list(last.changed) if last and last.ok else [],
        "base": COURSE_PREFIX,
    }


class PreviewHTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], rebuilder: Rebuilder, events: BuildEvents):
        self.rebuilder = rebuilder
        self.events = events
        self.static = static_files()
        super().__init__(address, PreviewHandler)
        host = str(self.server_address[0])  # an IP address: the preview listens on AF_INET or AF_INET6
        self.allowed_hosts = _allowed_hosts(host, self.server_address[1]) if is_loopback(host) else None

    @property
    def url(self) -> str:
        host, port = str(self.server_address[0]), self.server_address[1]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _allowed_hosts(host: str, port: int) -> set[str]:
    names = {host, "localhost", "127.0.0.1", "[::1]"} | ({f"[{host}]"} if ":" in host else set())
    return {n.lower() for n in names} | {f"{n}:{port}".lower() for n in names}


class PreviewHandler(http.server.BaseHTTPRequestHandler):
    server: PreviewHTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "scorm-builder-preview"
    sys_version = ""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        pass  # the terminal shows rebuilds, not every request

    # -- methods
    def do_GET(self) -> None:
        self._dispatch(head=False)

    def do_HEAD(self) -> None:
        self._dispatch(head=True)

    def _not_allowed(self) -> None:
        self._send_text(405, "only GET and HEAD are served\n", extra={"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _not_allowed

    # -- routing
    def _dispatch(self, head: bool) -> None:
        allowed = self.server.allowed_hosts
        if allowed is not None and (self.headers.get("Host") or "").lower() not in allowed:
            self._send_text(403, "unexpected Host header: the preview only answers to its own address\n", head=head)
            return
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            self._send_bytes(200, self.server.static[LMS_PAGE], content_type(LMS_PAGE), head=head)
        elif path == f"{STATIC_PREFIX}state.json":
            body = json.dumps(state(self.server.rebuilder)).encode("utf-8")
            self._send_bytes(200, body, "application/json", head=head)
        elif path == f"{STATIC_PREFIX}events":
            self._events(head)
        elif path.startswith(STATIC_PREFIX):
            name = path[len(STATIC_PREFIX):]
            data = self.server.static.get(name) if name != LMS_PAGE else None
            if data is None:
                self._send_text(404, "not found\n", head=head)
            else:
                self._send_bytes(200, data, content_type(name), head=head)
        elif path.startswith(COURSE_PREFIX):
            self._course_file(path[len(COURSE_PREFIX):], head)
        else:
            self._send_text(404, "not found\n", head=head)

    def _course_file(self, raw: str, head: bool) -> None:
        try:
            name = package_path(raw)
        except (Refused, UnicodeDecodeError):
            self._send_text(403, "refused: the path leaves the course\n", head=head)
            return
        snapshot = self.server.rebuilder.current
        data = snapshot.files.get(name) if snapshot else None
        if data is None:
            self._send_text(404, f"not in the build: {name}\n", head=head)
            return
        self._send_bytes(200, data, content_type(name), head=head, ranges=True)

    def _events(self, head: bool) -> None:
        self.send_response(200)
        self._common_headers("text/event-stream; charset=utf-8")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if head:
            return
        events, seen = self.server.events, -1
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while not events.closed:
                latest = events.wait(seen, KEEPALIVE_SECONDS)
                if events.closed:
                    break
                if latest != seen:
                    seen = latest
                    last = self.server.rebuilder.last
                    data = {"attempt": latest, "ok": bool(last and last.ok),
                            "build": self.server.rebuilder.current.number if self.server.rebuilder.current else 0}
                    self.wfile.write(f"event: build\ndata: {json.dumps(data)}\n\n".encode())
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, TimeoutError, OSError):
            pass  # the page went away

    # -- responses
    def _common_headers(self, ctype: str) -> None:
        self.send_header("Content-Type", ctype)
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")

    def _send_bytes(self, status: int, data: bytes, ctype: str, head: bool = False, ranges: bool = False,
                    extra: dict[str, str] | None = None) -> None:
        start, end = 0, len(data)
        m = RANGE_RE.match((self.headers.get("Range") or "").strip()) if ranges and status == 200 else None
        if m and (m.group(1) or m.group(2)):  # one range (video seeking); other forms get the whole file
            first, last = m.group(1), m.group(2)
            if first:
                start, end = int(first), min(int(last) + 1, len(data)) if last else len(data)
            else:  # a suffix range: the last N bytes
                start = max(len(data) - int(last), 0)
            if start >= end:
                self.send_response(416)
                self._common_headers("text/plain; charset=utf-8")
                self.send_header("Content-Range", f"bytes */{len(data)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status = 206
        self.send_response(status)
        self._common_headers(ctype)
        if ranges:
            self.send_header("Accept-Ranges", "bytes")
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{end - 1}/{len(data)}")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(end - start))
        self.end_headers()
        if not head:
            try:
                self.wfile.write(memoryview(data)[start:end])
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

    def _send_text(self, status: int, text: str, head: bool = False, extra: dict[str, str] | None = None) -> None:
        self._send_bytes(status, text.encode("utf-8"), "text/plain; charset=utf-8", head=head, extra=extra)


def make_server(rebuilder: Rebuilder, events: BuildEvents, host: str = "127.0.0.1", port: int = 0) -> PreviewHTTPServer:
    """Bind (without serving yet). Raises OSError when the address is taken."""
    server_class = PreviewHTTPServer6 if ":" in host else PreviewHTTPServer
    return server_class((host, port), rebuilder, events)


class PreviewHTTPServer6(PreviewHTTPServer):
    address_family = socket.AF_INET6
