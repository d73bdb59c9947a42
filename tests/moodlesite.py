"""The real Moodle 4.3 of ../shared/moodle for tests: upload a package, act as the student, read back.

`MoodleSite` runs the install's CLI helpers (`scripts/add_scorm.php`, `scripts/readback.php`, see
../shared/moodle/README.md): they add or replace a SCORM activity exactly as Moodle's forms do and
read what Moodle stored for one learner. `Learner` is a student in Chromium who logs in, opens an
activity through Moodle's player and uses the SCO only as a person would: role and label locators,
the keyboard, the "Exit activity" link or closing the tab. It never calls the SCORM API; an init
script only records the calls the SCO makes, so that a test can check what the SCO was told
(`cmi.core.entry`, `lesson_mode`).
"""
from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from prereqs import SHARED, require_or_skip

REQUIRE_MOODLE = "SCORM_BUILDER_REQUIRE_MOODLE"
MOODLE_DIR = Path(os.environ.get("MOODLE_DIR", "/tmp/scorm-moodle"))
BASE = "http://127.0.0.1:" + os.environ.get("MOODLE_PORT", "8123")
PHP = "php8.2"
STUDENT_PASSWORD = "Student#12345"

# Records every call the SCO makes on window.API or window.API_1484_11 (Moodle's player assigns
# them), never calls them itself.
RECORD_API = """
(() => {
  if (window.top !== window) return;  // only the player page holds Moodle's API
  window.__sbCalls = [];
  const METHODS = {
    API: ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"],
    API_1484_11: ["Initialize", "Terminate", "GetValue", "SetValue", "Commit"],
  };
  for (const [global, names] of Object.entries(METHODS)) {
    let api;
    Object.defineProperty(window, global, {
      configurable: true,
      get() { return api; },
      set(value) {
        api = value;
        for (const name of names) {
          const real = value[name].bind(value);
          value[name] = (...args) => {
            const result = real(...args);
            window.__sbCalls.push([name, ...args.map(String), String(result)]);
            return result;
          };
        }
      },
    });
  }
})();
"""


def require_moodle() -> "MoodleSite":
    """The install, or a skip (a failure under SCORM_BUILDER_REQUIRE_MOODLE=1) saying what is missing."""
    require_or_skip((SHARED / "moodle" / "setup.sh").is_file(),
                    f"{SHARED / 'moodle'} is absent: the real-Moodle tests need its Moodle 4.3 tree and setup.sh",
                    REQUIRE_MOODLE)
    require_or_skip(shutil.which(PHP) is not None, f"{PHP} is not installed: run `bash ../shared/moodle/setup.sh`",
                    REQUIRE_MOODLE)
    require_or_skip((MOODLE_DIR / "scripts" / "add_scorm.php").is_file(),
                    f"no Moodle installed in {MOODLE_DIR}: run `bash ../shared/moodle/setup.sh`", REQUIRE_MOODLE)
    site = MoodleSite()
    # A clean site for this session (courses, activities and tracks of earlier runs removed), so
    # that no test depends on what ran before; reset.sh restarts the server on the clean snapshot.
    reset = subprocess.run([str(MOODLE_DIR / "reset.sh")], capture_output=True, text=True, timeout=300)
    if reset.returncode != 0:  # e.g. the server had been stopped: start it, then reset once more
        subprocess.run([str(MOODLE_DIR / "start.sh")], capture_output=True, text=True, timeout=120)
        reset = subprocess.run([str(MOODLE_DIR / "reset.sh")], capture_output=True, text=True, timeout=300)
    deadline = time.monotonic() + 60
    while reset.returncode == 0 and not site.answers() and time.monotonic() < deadline:
        time.sleep(1)  # the restarted server's workers may take a moment
    require_or_skip(reset.returncode == 0 and site.answers(),
                    f"Moodle at {BASE} could not be reset and started ({MOODLE_DIR}/reset.sh: "
                    f"{(reset.stderr or reset.stdout).strip()[-200:]})", REQUIRE_MOODLE)
    return site


@dataclass
class Activity:
    """What add_scorm.php printed for one activity."""
    info: dict

    @property
    def cmid(self) -> int:
        return int(self.info["cmid"])

    @property
    def scormid(self) -> int:
        return int(self.info["scormid"])

    @property
    def name(self) -> str:
        return self.info["name"]


class MoodleSite:
    _names = itertools.count(1)

    def answers(self) -> bool:
        import urllib.request
        try:
            with urllib.request.urlopen(f"{BASE}/login/index.php", timeout=10) as response:
                return response.status == 200
        except OSError:
            return False

    def _php(self, script: str, *args: str) -> dict:
        run = subprocess.run([PHP, str(MOODLE_DIR / "scripts" / script), *args],
                             capture_output=True, text=True, timeout=300)
        try:
            return json.loads(run.stdout)
        except json.JSONDecodeError:  # Moodle's manifest parser stopped: its message instead of JSON
            raise AssertionError(f"{script}: {run.stdout.strip() or run.stderr.strip()}") from None

    def unique_name(self, what: str) -> str:
        return f"{what} {os.getpid()}-{next(self._names)}-{time.time_ns() % 10**9}"

    def upload(self, zip_path: Path, what: str, student: str, **settings) -> Activity:
        """A new activity in course ACCEPT, the student enrolled; ``settings`` as add_scorm.php --set."""
        args = [f"--zip={zip_path}", f"--name={self.unique_name(what)}", f"--student={student}",
                f"--password={STUDENT_PASSWORD}"]
        if settings:
            args.append("--set=" + ",".join(f"{k}={v}" for k, v in settings.items()))
        info = self._php("add_scorm.php", *args)
        assert info.get("ok") and info.get("launchable_scoids"), info
        return Activity(info)

    def replace(self, activity: Activity, zip_path: Path) -> dict:
        """The teacher replaces the activity's package (Edit settings, new package file, Save)."""
        info = self._php("add_scorm.php", f"--zip={zip_path}", f"--update={activity.cmid}")
        assert info.get("ok"), info
        return info

    def readback(self, activity: Activity) -> "Stored":
        info = self._php("readback.php", f"--scormid={activity.scormid}", f"--userid={activity.info['studentid']}")
        assert info.get("ok"), info
        return Stored(info)


@dataclass
class Stored:
    """What Moodle stored for the student in one activity (readback.php)."""
    info: dict

    def tracks(self, attempt: int | None = None, scoid: int | None = None) -> dict[str, str]:
        """element -> value of the last attempt (or ``attempt``), for one SCO (or the only one)."""
        rows = self.info["tracks"]
        attempt = attempt or max((int(r["attempt"]) for r in rows), default=1)
        out = {}
        for r in rows:
            if int(r["attempt"]) == attempt and (scoid is None or int(r["scoid"]) == scoid):
                out[r["element"]] = r["value"]
        return out

    def value(self, element: str, **kw) -> str | None:
        return self.tracks(**kw).get(element)

    def interactions(self, **kw) -> dict[int, dict[str, str]]:
        out: dict[int, dict[str, str]] = {}
        for element, value in self.tracks(**kw).items():
            m = re.match(r"cmi\.interactions[_.](\d+)\.(.+)$", element)  # 1.2: interactions_N, 2004: interactions.N
            if m:
                out.setdefault(int(m.group(1)), {})[m.group(2)] = value
        return out

    @property
    def grade(self) -> float | None:
        g = self.info["grade_grades"]
        return None if g is None or g["finalgrade"] is None else float(g["finalgrade"])

    @property
    def completion(self) -> int | None:
        return self.info["completion_state"]

    @property
    def attempts(self) -> list[int]:
        return sorted(int(a["attempt"]) for a in self.info["attempts"])

    def summary(self) -> dict:
        """The few facts a scenario asserts, for readable failures and the differential test."""
        t = self.tracks()
        return {"status": t.get("cmi.core.lesson_status"), "score": t.get("cmi.core.score.raw"),
                "exit": t.get("cmi.core.exit"), "grade": self.grade, "completion": self.completion}

    def summary_2004(self) -> dict:
        """The same facts for a SCORM 2004 package: completion and success apart, the scaled score."""
        t = self.tracks()
        return {"completion_status": t.get("cmi.completion_status"), "success_status": t.get("cmi.success_status"),
                "scaled": t.get("cmi.score.scaled"), "score": t.get("cmi.score.raw"), "exit": t.get("cmi.exit"),
                "grade": self.grade, "completion": self.completion}


class Learner:
    """A student in a browser context of their own, in Moodle."""

    def __init__(self, browser, username: str, hosts: set[str]):
        self.username = username
        self.hosts = hosts
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(RECORD_API)
        self.context.on("request", lambda r: hosts.add(urlparse(r.url).netloc))
        self.page = self.context.new_page()
        self.logged_in = False

    def close(self) -> None:
        self.context.close()

    def login(self) -> None:
        page = self.page
        page.goto(f"{BASE}/login/index.php")
        page.get_by_label("Username").fill(self.username)
        page.get_by_label("Password").fill(STUDENT_PASSWORD)
        page.get_by_role("button", name="Log in").press("Enter")
        page.wait_for_url(re.compile(r"/my/"))
        self.logged_in = True

    # --- launching -------------------------------------------------------------------------------
    def open(self, activity: Activity, new_attempt: bool = False) -> "Sco":
        """Opens the activity as the course page's link does (view.php), through Moodle's player."""
        if not self.logged_in:
            self.login()
        page = self.page
        page.goto(f"{BASE}/mod/scorm/view.php?id={activity.cmid}")
        if new_attempt:  # the entry page (skipview=0): "Start a new attempt", then Enter
            page.get_by_label("Start a new attempt").check()
            page.get_by_role("button", name="Enter").press("Enter")
        elif "/mod/scorm/view.php" in page.url and page.get_by_role("button", name="Enter").count():
            page.get_by_role("button", name="Enter").press("Enter")
        page.wait_for_url(re.compile(r"/mod/scorm/player\.php"))
        return Sco(self, page, page.frame_locator("iframe#scorm_object"))

    def open_popup(self, activity: Activity) -> "Sco":
        """Display "New window" (popup=1): the player opens the SCO in a window of its own."""
        if not self.logged_in:
            self.login()
        page = self.page
        with self.context.expect_page() as popup_info:
            page.goto(f"{BASE}/mod/scorm/view.php?id={activity.cmid}")
        popup = popup_info.value
        popup.wait_for_url(re.compile(r"/mod/scorm/player\.php"))
        return Sco(self, popup, popup.frame_locator("iframe#scorm_object"))


class Sco:
    """The launched SCO inside Moodle's player, used by role, label and keyboard."""

    def __init__(self, learner: Learner, page, frame):
        self.learner = learner
        self.page = page
        self.frame = frame
        frame.get_by_role("heading", level=1).wait_for()
        # the runtime has started once the current page is marked
        frame.locator(".sb-page.sb-current").wait_for()

    def switch_to(self, title: str) -> None:
        """Another SCO of the package, chosen in the player's table of contents (YUI treeitems)."""
        before = self.frame.get_by_role("heading", level=1).inner_text()
        self.page.get_by_role("treeitem", name=re.compile(re.escape(title))).first.locator("a").first.click()
        self.page.wait_for_function(
            """before => { const f = document.querySelector('iframe#scorm_object');
                 const d = f && f.contentDocument; const h = d && d.querySelector('h1');
                 return h && h.textContent.trim() !== before && d.querySelector('.sb-page.sb-current'); }""",
            arg=before)

    def calls(self) -> list[list[str]]:
        return self.page.evaluate("window.__sbCalls || []")

    def got(self, element: str) -> str | None:
        """What LMSGetValue (or GetValue) answered the SCO at its first read of ``element``."""
        for call in self.calls():
            if call[0] in ("LMSGetValue", "GetValue") and call[1] == element:
                return call[2]
        return None

    def data(self) -> dict:
        """The SCO's own page data (#sb-data): which options exist and which are right."""
        return json.loads(self.frame.locator("#sb-data").text_content())

    def press(self, locator, key: str = "Enter") -> None:
        locator.focus()
        self.page.keyboard.press(key)

    def current_heading(self) -> str:
        return self.frame.locator(".sb-page.sb-current h2").first.inner_text()

    def next(self) -> None:
        self.press(self.frame.get_by_role("button", name="Next"))

    def go_to_quiz(self, quiz_index: int = 0) -> None:
        pages = self.data()["pages"]
        target = next(i for i, p in enumerate(pages) if p["quiz"] == quiz_index)
        while self.frame.locator(".sb-page.sb-current").get_attribute("data-page") != str(target):
            self.next()

    def answer(self, quiz_index: int, choose) -> dict[str, list[str]]:
        """choose(question) -> keys; selects each with the keyboard (Space on the focused option)."""
        chosen = {}
        for question in self.data()["quizzes"][quiz_index]["questions"]:
            group = self.frame.locator(f'fieldset[data-question="{question["id"]}"]')
            keys = choose(question)
            for key in keys:
                option = group.locator(f'input[value="{key}"]')
                if not option.is_checked():
                    self.press(option, "Space")
            chosen[question["id"]] = keys
        return chosen

    def answer_right(self, quiz_index: int = 0) -> dict[str, list[str]]:
        return self.answer(quiz_index, lambda q: q["correct"])

    def answer_wrong(self, quiz_index: int = 0) -> dict[str, list[str]]:
        return self.answer(quiz_index, lambda q: [next(k for k in q["keys"] if k not in q["correct"])])

    def submit(self) -> str:
        self.press(self.frame.locator(".sb-page.sb-current").get_by_role("button", name="Submit answers"))
        result = self.frame.locator(".sb-page.sb-current .sb-result")
        result.get_by_text(re.compile("Passed|Not passed")).first.wait_for()
        return result.inner_text()

    def try_again(self) -> None:
        self.press(self.frame.get_by_role("button", name="Try again"))

    def checked(self) -> list[str]:
        return self.frame.locator("input:checked").evaluate_all("els => els.map(e => e.id)")

    def visible_button(self, name: str) -> bool:
        buttons = self.frame.get_by_role("button", name=name)
        return any(buttons.nth(i).is_visible() for i in range(buttons.count()))

    def notice(self) -> str:
        return self.frame.locator("#sb-notice").inner_text()

    # --- leaving ---------------------------------------------------------------------------------
    def exit_activity(self) -> None:
        """Moodle's "Exit activity" link: back to the course page; the SCO saves on pagehide."""
        self.press(self.page.get_by_role("link", name="Exit activity"))
        self.page.wait_for_url(re.compile(r"/course/view\.php"))
        self.page.wait_for_timeout(1000)  # what the SCO saves on pagehide arrives by sendBeacon

    def close_tab(self) -> None:
        """The learner closes the browser tab; a new tab then serves the next launch."""
        self.page.close(run_before_unload=True)
        if self.page is self.learner.page:
            time.sleep(1.0)  # the beacon of the page going away
            self.learner.page = self.learner.context.new_page()
        else:
            time.sleep(1.0)
