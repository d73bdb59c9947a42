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

from coursekit import write
from prereqs import CHROMIUM, CHROMIUM_ARGS, REPO, require_chromium_and_playwright, require_or_skip
from scorm_builder.build import build
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


# --- courses -------------------------------------------------------------------------------------

def make_generated_course(root: Path, packaging: str, language: str = "en") -> Path:
    """Multiple-response and true-false questions, unlimited attempts, weights, a content-only section."""
    write(root / "course.yml", f"""
        id: gen-course
        title: Generated test course
        version: "1.0"
        language: {language}
        pass_mark: 70
        packaging: {packaging}
        description: Generated for the browser tests.
        keywords: [test]
        """)
    mixed = root / "sections" / "01-mixed"
    write(mixed / "section.yml", """
        id: mixed
        title: Mixed questions
        """)
    write(mixed / "01-intro.md", """
        ---
        title: Introduction
        ---
        A page with a [relative link](02-details.md) and a table.

        Table: Signals and responses

        | Signal | Meaning | Response |
        |---|---|---|
        | Quiet | Withdrawal, not agreement | Ask how the suggestion landed |
        | Anger | A rupture to repair | Reflect and invite feedback |
        """)
    write(mixed / "02-details.md", """
        ---
        title: Details
        ---
        ## A subheading

        Some more text to read before the quiz.
        """)
    write(mixed / "quiz.yml", """
        title: Mixed quiz
        shuffle: true
        attempts: 0
        questions:
          - id: multi-pick
            type: multiple
            weight: 2
            prompt: Which two responses repair a rupture?
            options:
              - text: Reflect the concern
                correct: true
                feedback: Yes, reflecting repairs.
              - text: Give more advice
                feedback: More technique deepens the rupture.
              - text: Invite feedback
                correct: true
                feedback: Yes, inviting feedback repairs.
              - text: Change the subject
                feedback: Avoidance.
              - text: Quote the research
                feedback: Not now.
          - id: tf-true
            type: true-false
            prompt: Alliance is part of clinical reasoning.
            answer: true
            feedback_true: Right.
            feedback_false: It is.
            rationale: The domain says so.
          - id: single-pick
            type: single
            prompt: |-
              Pick the best first step.

              Think about the client's readiness.
            options:
              - text: Assign homework
                feedback: Too soon.
              - text: Confront the client
                feedback: Too harsh.
              - text: Clarify the goal
                correct: true
                feedback: Best.
            rationale: Clarify before acting.
        """)
    reading = root / "sections" / "02-reading"
    write(reading / "section.yml", """
        id: reading
        title: Reading only
        """)
    write(reading / "01-one.md", """
        ---
        title: First reading
        ---
        Text one.
        """)
    write(reading / "02-two.md", """
        ---
        title: Second reading
        ---
        Text two.
        """)
    final = root / "sections" / "03-final"
    write(final / "section.yml", """
        id: final
        title: Final check
        """)
    write(final / "01-recap.md", """
        ---
        title: Recap
        ---
        A short recap.
        """)
    write(final / "quiz.yml", """
        title: Final quiz
        attempts: 1
        questions:
          - id: tf-false
            type: true-false
            prompt: Reassurance always comes first.
            answer: false
            feedback_true: Not always.
            feedback_false: Right.
          - id: multi-all
            type: multiple
            weight: 3
            prompt: Which are alliance tasks?
            options:
              - text: Repair
                correct: true
              - text: Collaborate
                correct: true
              - text: Lecture
        """)
    return root


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
    sources = {
        "seed": default_course_dir(),
        "gen": make_generated_course(tmp / "src-gen", "sco-per-section"),
        "gensingle": make_generated_course(tmp / "src-gensingle", "single-sco"),
        "genfr": make_generated_course(tmp / "src-genfr", "sco-per-section", language="fr"),
    }
    packages = {}
    for name, source in sources.items():
        result = build(source, tmp / "out" / name)
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


@pytest.fixture(scope="session")
def browser(browser_prereqs):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


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
