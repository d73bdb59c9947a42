"""Build the sample course and photograph the learner runtime into docs/screenshots/.

    python scripts/screenshots.py [--chromium /usr/bin/chromium]

Takes the case-cue table page and the quiz after submitting (two right answers, one wrong), at
1280 and 375 CSS px wide, and the preview LMS with the sample course at 1440 px. The SCO runs against a tiny in-page SCORM 1.2 API (as inside an LMS),
served from 127.0.0.1; nothing is fetched from the network and no browser is downloaded.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import sys
import tempfile
import threading
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "screenshots"
SCO = "alliance-trust-safety"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# A minimal LMS in the page itself, so the SCO runs as it would inside one (no standalone notice).
FAKE_API = """
window.API = (function () {
  var cmi = {"cmi.core.lesson_status": "not attempted", "cmi.core.lesson_mode": "normal",
             "cmi.core.credit": "credit", "cmi.student_data.mastery_score": "80", "cmi.interactions._count": "0"};
  var t = function () { return "true"; };
  return {
    LMSInitialize: t, LMSFinish: t, LMSCommit: t,
    LMSGetValue: function (k) { return cmi[k] || ""; },
    LMSSetValue: function (k, v) { cmi[k] = String(v); return "true"; },
    LMSGetLastError: function () { return "0"; }, LMSGetErrorString: function () { return ""; },
    LMSGetDiagnostic: function () { return ""; }
  };
})();
"""
# (name, width, height)
VIEWPORTS = [("1280", 1280, 860), ("375", 375, 760)]


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def preview_screenshot(browser) -> Path:
    """The preview LMS with the sample course loaded, at 1440 px."""
    from scorm_builder.preview.app import Preview
    from scorm_builder.resources import default_course_dir

    with Preview(default_course_dir(), port=0, watch=False) as preview:
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(preview.url)
        page.wait_for_function("() => window.sbPreview && sbPreview.api && sbPreview.api.state === 'running'")
        page.wait_for_timeout(500)  # let the panel render the first commit
        shot = OUT / "preview-1440.png"
        page.screenshot(path=str(shot))
        page.close()
    return shot


def french_result(browser, tmp: Path) -> Path:
    """The seed course with language: fr, failed with 2 of 3 right: the frame's words and numbers in French."""
    import shutil

    from scorm_builder.build import build
    from scorm_builder.resources import default_course_dir

    source = shutil.copytree(default_course_dir(), tmp / "fr-course")
    course_yml = source / "course.yml"
    course_yml.write_text(course_yml.read_text(encoding="utf-8").replace("language: en", "language: fr"), encoding="utf-8")
    result = build(source, tmp / "fr-out")
    site = tmp / "fr-site"
    with zipfile.ZipFile(result.zip_path) as zf:
        zf.extractall(site)
    server, base = serve(site)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 800}, device_scale_factor=1)
        page.goto(f"{base}/{SCO}/index.html")
        page.wait_for_selector(".sb-page.sb-current")
        for _ in range(3):
            page.locator("#sb-next").click()
        for i, q in enumerate(page.evaluate("ScormBuilder.data().quizzes[0].questions")):
            key = q["correct"][0] if i else next(k for k in q["keys"] if k not in q["correct"])
            page.locator(f'[id="q-{q["id"]}-{key}"]').check()
        page.locator(".sb-submit").click()
        page.evaluate("document.activeElement.blur()")
        page.locator(".sb-current .sb-result").evaluate(
            "r => window.scrollTo(0, r.getBoundingClientRect().top + scrollY - 120)")
        shot = OUT / "quiz-result-fr-1280.png"
        page.screenshot(path=str(shot))
        page.close()
    finally:
        server.shutdown()
        server.server_close()
    return shot


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium executable (never downloaded)")
    args = parser.parse_args()
    if not Path(args.chromium).is_file():
        print(f"no Chromium at {args.chromium}; pass --chromium", file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright

    from scorm_builder.build import build
    from scorm_builder.resources import default_course_dir

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        result = build(default_course_dir(), Path(tmp) / "out")
        site = Path(tmp) / "site"
        with zipfile.ZipFile(result.zip_path) as zf:
            zf.extractall(site)
        server, base = serve(site)
        url = f"{base}/{SCO}/index.html"
        written = []
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
                for name, width, height in VIEWPORTS:
                    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
                    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith((base, "data:"))
                                  else route.abort())
                    context.add_init_script(FAKE_API)
                    page = context.new_page()
                    page.goto(url)
                    page.wait_for_selector(".sb-page.sb-current")
                    page.evaluate("document.fonts.ready")

                    # the case-cue table page
                    page.locator("#sb-next").click()
                    page.evaluate("window.scrollTo(0, 0); document.activeElement.blur()")
                    if name == "375":  # scroll the stacked table into view
                        page.locator(".sb-current table").evaluate("t => window.scrollTo(0, t.getBoundingClientRect().top + scrollY - 16)")
                    shot = OUT / f"content-table-{name}.png"
                    page.screenshot(path=str(shot))
                    written.append(shot)

                    # the quiz after submitting: two right answers and one wrong
                    page.locator("#sb-next").click()
                    page.locator("#sb-next").click()
                    data = page.evaluate("ScormBuilder.data().quizzes[0].questions")
                    choices = {q["id"]: q["correct"][0] if i else next(k for k in q["keys"] if k not in q["correct"])
                               for i, q in enumerate(data)}
                    # first without answering question 2: the message where the learner is
                    for q in (data[0], data[2]):
                        page.locator(f'[id="q-{q["id"]}-{choices[q["id"]]}"]').check()
                    page.locator(".sb-submit").click()
                    page.wait_for_timeout(200)
                    shot = OUT / f"quiz-unanswered-{name}.png"
                    page.screenshot(path=str(shot))
                    written.append(shot)
                    page.locator(f'[id="q-{data[1]["id"]}-{choices[data[1]["id"]]}"]').check()
                    page.locator(".sb-submit").click()
                    page.evaluate("document.activeElement.blur()")
                    page.locator(".sb-current .sb-question").first.evaluate(
                        "q => window.scrollTo(0, q.getBoundingClientRect().top + scrollY - 16)")
                    shot = OUT / f"quiz-feedback-{name}.png"
                    page.screenshot(path=str(shot))
                    written.append(shot)
                    page.locator(".sb-current .sb-result").evaluate(
                        "r => window.scrollTo(0, r.getBoundingClientRect().top + scrollY - 120)")
                    shot = OUT / f"quiz-result-{name}.png"
                    page.screenshot(path=str(shot))
                    written.append(shot)
                    context.close()
                written.append(french_result(browser, Path(tmp)))
                written.append(preview_screenshot(browser))
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    for shot in written:
        print(f"{shot.relative_to(REPO)}  {shot.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
