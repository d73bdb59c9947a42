"""Drive a SCO inside the test LMS (host/host.html) and check what it told the LMS."""
from __future__ import annotations

import re
import time
from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

TIMESPAN_RE = re.compile(r"^([0-9]{2,4}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,2})?$")  # Moodle's CMITimespan
SEED_SCO = "alliance-trust-safety"
CMITIME_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$")


class Host:
    def __init__(self, page, site):
        self.page = page
        self.site = site
        self.frame = None
        self.standard = "scorm12"

    @property
    def names(self) -> dict[str, str]:
        """The API's function names for this launch's standard."""
        if self.standard == "scorm2004":
            return {"init": "Initialize", "finish": "Terminate", "set": "SetValue", "commit": "Commit"}
        return {"init": "LMSInitialize", "finish": "LMSFinish", "set": "LMSSetValue", "commit": "LMSCommit"}

    # --- launching ------------------------------------------------------------------------------
    def launch(self, package: str, sco_id: str, cmi: dict | None = None, fail: list | None = None,
               api: bool = True, mastery: str | None = "80"):
        pkg = self.site.packages[package]
        self.standard = pkg.course.standard
        if self.standard == "scorm2004":  # the 2004 data model is flat: cmi.learner_id, cmi.scaled_passing_score
            merged: dict = {"learner_id": "learner-1", "learner_name": "Learner, Test", "entry": "ab-initio"}
            if mastery is not None:
                merged["scaled_passing_score"] = str(float(mastery) / 100)
        else:
            merged = {"core": {"student_id": "learner-1", "student_name": "Learner, Test"}, "student_data": {}}
            if mastery is not None:
                merged["student_data"]["mastery_score"] = mastery
        for key, value in (cmi or {}).items():
            if isinstance(value, dict):
                merged.setdefault(key, {}).update(value)
            else:
                merged[key] = value
        host_url = f"{self.site.base}/host/host.html"
        if self.page.url != host_url:
            self.page.goto(host_url)
        self.page.evaluate("c => hostLaunch(c)", {"sco": pkg.url(sco_id), "cmi": merged, "fail": fail or [], "api": api,
                                                  "standard": self.standard})
        self.page.wait_for_function("() => { const f = document.querySelector('iframe');"
                                    " return f && f.contentDocument && f.contentDocument.querySelector('.sb-page.sb-current'); }")
        self.frame = self.page.locator("iframe").element_handle().content_frame()
        return self.frame

    @property
    def fl(self):
        return self.page.frame_locator("iframe")

    # --- the learner ----------------------------------------------------------------------------
    def data(self) -> dict:
        return self.frame.evaluate("ScormBuilder.data()")

    def state(self) -> dict:
        return self.frame.evaluate("ScormBuilder.state()")

    def current(self) -> int:
        return self.state()["page"]

    def next(self):
        self.fl.locator("#sb-next").click()

    def go_to_page(self, index: int):
        self.fl.locator(f'#sb-toc a[data-goto="{index}"]').click()

    def quiz_page(self, quiz_index: int = 0) -> int:
        return next(i for i, p in enumerate(self.data()["pages"]) if p["quiz"] == quiz_index)

    def answer(self, quiz_index: int, choose) -> dict:
        """choose(question) -> list of keys; ticks them and returns {question id: keys}."""
        chosen = {}
        for question in self.data()["quizzes"][quiz_index]["questions"]:
            keys = choose(question)
            for key in keys:
                self.fl.locator(f'[id="q-{question["id"]}-{key}"]').check()
            chosen[question["id"]] = keys
        return chosen

    def submit(self, quiz_index: int = 0):
        page = self.quiz_page(quiz_index)
        self.fl.locator(f"#p{page} .sb-submit").click()

    def option_order(self, quiz_index: int = 0) -> dict:
        page = self.quiz_page(quiz_index)
        return self.frame.evaluate(
            """p => Object.fromEntries([...document.querySelectorAll('#p' + p + ' fieldset')].map(
                 f => [f.dataset.question, [...f.querySelectorAll('.sb-option')].map(o => o.dataset.key).join('')]))""",
            page)

    def checked(self) -> list[str]:
        return self.frame.evaluate("[...document.querySelectorAll('input:checked')].map(i => i.id)")

    # --- the LMS --------------------------------------------------------------------------------
    def log(self) -> list[dict]:
        return self.page.evaluate("hostLog")

    def cmi(self) -> dict:
        return self.page.evaluate("hostCmi()")["cmi"]

    def sets(self) -> dict:
        """The last value the SCO wrote (successfully) for each element."""
        out = {}
        for e in self.log():
            if e["fn"] == self.names["set"] and e["result"] == "true":
                out[e["args"][0]] = e["args"][1]
        return out

    def set_calls(self, prefix: str = "") -> list[tuple[str, str]]:
        return [tuple(e["args"]) for e in self.log() if e["fn"] == self.names["set"] and e["args"][0].startswith(prefix)]

    def close(self, timeout: float = 5.0):
        """Remove the SCO's iframe (the page gets pagehide) and wait for LMSFinish."""
        self.page.evaluate("hostClose()")
        deadline = time.monotonic() + timeout
        while not any(e["fn"] == self.names["finish"] for e in self.log()):
            assert time.monotonic() < deadline, "the SCO did not finish after pagehide"
            self.page.wait_for_timeout(50)


def assert_protocol(log: list[dict], finished: bool = True) -> None:
    """LMSInitialize first; LMSFinish exactly once and last; no error code from the LMS."""
    calls = [e["fn"] for e in log]
    assert calls and calls[0] == "LMSInitialize", calls[:3]
    assert calls.count("LMSInitialize") == 1
    if finished:
        assert calls.count("LMSFinish") == 1, calls
        assert calls[-1] == "LMSFinish", calls[-5:]
    errors = [e for e in log if e["error"] != "0" and not e.get("injected")]
    assert errors == [], errors
    session_times = [e["args"][1] for e in log if e["fn"] == "LMSSetValue" and e["args"][0] == "cmi.core.session_time"]
    if finished:
        assert len(session_times) == 1 and TIMESPAN_RE.match(session_times[0]), session_times
        finish = calls.index("LMSFinish")
        assert [e for e in log[finish - 1:finish] if e["args"] and e["args"][0] == "cmi.core.session_time"], \
            "session_time is written just before LMSFinish"


def interactions(log: list[dict]) -> dict[int, dict]:
    """cmi.interactions.n.* as written: {n: {field: value}}."""
    out: dict[int, dict] = {}
    for e in log:
        if e["fn"] in ("LMSSetValue", "SetValue") and e["args"][0].startswith("cmi.interactions."):
            parts = e["args"][0].split(".")
            out.setdefault(int(parts[2]), {})[".".join(parts[3:])] = e["args"][1]
    return out
