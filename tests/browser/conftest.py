"""Fixtures for the learner-runtime tests in a real browser (headless Chromium through Playwright).

They need ``node_modules/`` at the repository root (``npm ci``: scorm-again plays the LMS, axe-core
checks accessibility) and a Chromium at /usr/bin/chromium (or $SCORM_BUILDER_CHROMIUM). When one is
missing the tests skip with the reason, unless SCORM_BUILDER_REQUIRE_BROWSER=1 (CI), which turns
the skip into a failure. No browser is ever downloaded.

One browser and one build of each course serve the whole session; every test gets a fresh
browser context (fresh storage), a console/pageerror watch and a guard that fails the test if any
request leaves the local test server.
"""
from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from coursekit import make_generated_course
from prereqs import REPO, require_chromium_and_playwright, require_or_skip
from scorm_builder.build import build
from scorm_builder.new import create_course
from scorm_builder.resources import default_course_dir

HOST_DIR = Path(__file__).resolve().parent / "host"
NODE_MODULES = REPO / "node_modules"
SCORM_AGAIN = NODE_MODULES / "scorm-again" / "dist" / "scorm12.min.js"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
SEED_SCO = "alliance-trust-safety"


@pytest.fixture(scope="session")
def browser_prereqs() -> None:
    require_or_skip(SCORM_AGAIN.is_file() and AXE.is_file(),
                    f"{NODE_MODULES} lacks scorm-again or axe-core: run `npm ci` at the repository root")
    require_chromium_and_playwright()


@dataclass
class Package:
    name: str
    result: object  # scorm_builder.build.BuildResult
    base: str = ""  # URL of the unzipped package folder, with a trailing slash

    @property
    def course(self):
        return self.result.course

    def sco(self, sco_id: str):
        return next(s for s in self.course.scos if s.id == sco_id)

    def url(self, sco_id: str) -> str:
        return f"{self.base}{sco_id}/index.html"


@dataclass
class Site:
    base: str
    root: Path
    packages: dict[str, Package]
    requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def site(tmp_path_factory, browser_prereqs):
    """Build the seed course and two generated courses once, unzip them and serve them locally."""
    tmp = tmp_path_factory.mktemp("browser")
    root = tmp / "www"
    (root / "pkg").mkdir(parents=True)
    shutil.copytree(HOST_DIR, root / "host")
    (root / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    gen = make_generated_course(tmp / "src-gen", "sco-per-section")
    gensingle = make_generated_course(tmp / "src-gensingle", "single-sco")
    starter = tmp / "src-starter"
    create_course(starter)
    sources = {  # name: (course folder, output standard)
        "seed": (default_course_dir(), "scorm12"),
        "gen": (gen, "scorm12"),
        "gensingle": (gensingle, "scorm12"),
        "genfr": (make_generated_course(tmp / "src-genfr", "sco-per-section", language="fr"), "scorm12"),
        "seed2004": (default_course_dir(), "scorm2004"),
        "gen2004": (gen, "scorm2004"),
        "gensingle2004": (gensingle, "scorm2004"),
        # the course `scorm-builder new` writes: every question type, a case, a pool, a captioned video
        "starter": (starter, "scorm12"),
        "starter2004": (starter, "scorm2004"),
    }
    packages = {}
    for name, (source, standard) in sources.items():
        result = build(source, tmp / "out" / name, standard=standard)
        with zipfile.ZipFile(result.zip_path) as zf:
            zf.extractall(root / "pkg" / name)
        packages[name] = Package(name, result)

    requests: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            requests.append(self.path)
            super().do_GET()

        def end_headers(self):
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    for name, pkg in packages.items():
        pkg.base = f"{base}/pkg/{name}/"
    yield Site(base, root, packages, requests)
    server.shutdown()
    server.server_close()


# --- a page with guards ---------------------------------------------------------------------------

@dataclass
class Watch:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    frame_requests: list[tuple[str, str]] = field(default_factory=list)  # (frame url, request url)


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def context(browser, site, watch):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    local = re.compile(re.escape(site.base) + r"(/|$)")

    def guard(route):
        url = route.request.url
        if local.match(url) or url.startswith(("data:", "about:", "blob:")):
            route.continue_()
        else:
            watch.outside.append(url)
            route.abort()

    ctx.route("**/*", guard)

    def on_request(request):
        try:
            frame_url = request.frame.url
        except Exception:  # a request without a frame (e.g. a worker)
            frame_url = ""
        watch.frame_requests.append((frame_url, request.url))

    ctx.on("request", on_request)
    yield ctx
    ctx.close()
    assert watch.outside == [], f"requests left the test server: {watch.outside}"


@pytest.fixture
def page(context, watch):
    pg = context.new_page()

    def on_console(msg):
        if msg.type == "error":
            watch.errors.append(f"console error: {msg.text}")
        elif msg.type == "warning":
            watch.warnings.append(msg.text)

    pg.on("console", on_console)
    pg.on("pageerror", lambda exc: watch.errors.append(f"page error: {exc}"))
    yield pg
    assert watch.errors == [], "\n".join(watch.errors)
