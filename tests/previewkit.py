"""A headless Chromium in a worker thread of its own, for the preview's browser tests.

Playwright's sync API allows one instance per thread, and the session's ``browser`` fixture
(tests/conftest.py) holds one in the main thread, so the preview tests drive theirs from a worker.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

from prereqs import CHROMIUM, CHROMIUM_ARGS, require_chromium_and_playwright

TIMEOUT_MS = 5000


class Chromium:
    """``run(url, scenario)`` -> scenario(page)'s result, on a fresh page once ``ready(page)`` returns."""

    def __init__(self, executor: ThreadPoolExecutor, browser, ready: Callable):
        self.executor, self.browser, self.ready = executor, browser, ready

    def run(self, url: str, scenario, timeout: float = 90):
        def task():
            context = self.browser.new_context(viewport={"width": 1440, "height": 900})
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            errors = []
            page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
            page.on("console", lambda msg: msg.type == "error" and errors.append(f"console error: {msg.text}"))
            try:
                page.goto(url)
                self.ready(page)
                result = scenario(page)
                assert errors == [], errors
                return result
            finally:
                context.close()

        return self.executor.submit(task).result(timeout)


def chromium_in_a_thread(name: str, ready: Callable) -> Iterator[Chromium]:
    """For a fixture: starts Chromium in a worker thread named ``name``, yields it, stops it."""
    require_chromium_and_playwright()
    from playwright.sync_api import sync_playwright

    executor = ThreadPoolExecutor(1, thread_name_prefix=name)

    def start():
        pw = sync_playwright().start()
        return pw, pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)

    pw, browser = executor.submit(start).result(60)
    yield Chromium(executor, browser, ready)
    executor.submit(lambda: (browser.close(), pw.stop())).result(60)
    executor.shutdown()


def expand(cases):
    """(name, profile "strict"|"moodle"|"both", steps, expected) -> pytest params, one per profile."""
    import pytest

    for name, profile, steps, expected in cases:
        for p in (("strict", "moodle") if profile == "both" else (profile,)):
            yield pytest.param(p, steps, expected, id=f"{p}: {name}")


def api_page(chromium: Chromium, url: str, ready: str, harness: str, init_step: list) -> Iterator[Callable]:
    """For a fixture: one LMS page kept open at ``url`` (ready when the JS expression ``ready`` holds);
    yields ``api(profile, steps, launch=None, record=None, init=True)``, which runs ``harness`` on
    the steps (after ``init_step`` unless init=False), and ``api.evaluate(js, arg)``."""
    def open_page():
        context = chromium.browser.new_context()
        page = context.new_page()
        page.goto(url)
        page.wait_for_function(f"() => {ready}")
        return context, page

    context, page = chromium.executor.submit(open_page).result(60)

    def api(profile, steps, launch=None, record=None, init=True):
        all_steps = ([init_step] if init else []) + steps
        return chromium.executor.submit(page.evaluate, harness, [profile, all_steps, launch or {}, record]).result(30)

    api.evaluate = lambda js, arg: chromium.executor.submit(page.evaluate, js, arg).result(30)  # type: ignore[attr-defined]
    yield api
    chromium.executor.submit(context.close).result(30)
