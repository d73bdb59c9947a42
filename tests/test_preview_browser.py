"""The preview LMS in a real browser (headless Chromium through Playwright): a learner takes the quiz
and the panel shows what the SCO reported; relaunch, reset, reload and rebuild behave as an LMS
would; and the SCORM 1.2 API (static/scorm12-api.js) answers each error code in each profile.

Playwright runs in one worker thread of its own: the sync API allows one Playwright per thread, and
the runtime's browser tests (tests/browser/) keep theirs open in the main thread for the session.
Skips when /usr/bin/chromium (or $SCORM_BUILDER_CHROMIUM) is missing, unless
SCORM_BUILDER_REQUIRE_BROWSER=1, which makes that a failure. No browser is ever downloaded.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from previewkit import api_page, chromium_in_a_thread, expand
from scorm_builder.preview.app import Preview
from scorm_builder.resources import default_course_dir

SECTION = "sections/01-alliance-trust-safety"


@pytest.fixture(scope="module")
def chromium():
    yield from chromium_in_a_thread("playwright", lambda page: wait_for_session(page))


@pytest.fixture
def preview(tmp_path):
    course = shutil.copytree(default_course_dir(), tmp_path / "course")
    with Preview(Path(course), port=0) as running:
        yield running


# --- helpers (they run in the Playwright thread) ---------------------------------------------------

def wait_for_session(page, launch: int | None = None) -> None:
    """Wait until the launched SCO has called LMSInitialize (and, given ``launch``, it is that launch)."""
    page.wait_for_function("n => { const a = window.sbPreview && sbPreview.api;"
                           " return a && a.state === 'running' && (n === null || a.record.launches === n); }",
                           arg=launch)


def sco(page):
    return page.locator("#sco-frame").element_handle().content_frame()


def cmi(page, element: str) -> str:
    return page.locator(f'#cmi tr[data-element="{element}"] td.value code').text_content()


def wait_cmi(page, element: str, value: str) -> None:
    page.wait_for_function(
        "([e, v]) => { const c = document.querySelector(`#cmi tr[data-element=\"${e}\"] td.value code`);"
        " return c && c.textContent === v; }", arg=[element, value])


def answer_quiz(page, correct: bool = True) -> None:
    """Go to the quiz page through the SCO's contents, tick the right (or wrong) options and submit."""
    frame = sco(page)
    data = json.loads(frame.locator("#sb-data").text_content())
    quiz_page = next(i for i, p in enumerate(data["pages"]) if p["quiz"] == 0)
    frame.locator(f'#sb-toc a[data-goto="{quiz_page}"]').click()
    for q in data["quizzes"][0]["questions"]:
        keys = q["correct"] if correct else [next(k for k in q["keys"] if k not in q["correct"])]
        for key in keys:
            frame.locator(f'[id="q-{q["id"]}-{key}"]').check()
    frame.locator(f"#p{quiz_page} .sb-submit").click()


# --- the LMS page with the real SCO --------------------------------------------------------------

def test_the_page_launches_the_sco_and_shows_what_it_reports(chromium, preview):
    def scenario(page):
        assert page.locator("#toc button").count() == 1
        assert page.locator("#sco-entry").text_content() == "entry: ab-initio"
        wait_cmi(page, "cmi.core.lesson_status", "incomplete")
        assert cmi(page, "cmi.core.student_id") == "preview-learner"
        assert cmi(page, "cmi.student_data.mastery_score") == "80"
        assert page.locator("#log li", has_text='LMSInitialize("") → "true"').count() == 1
        assert page.locator("#banner").is_hidden()
        host, port = page.evaluate("[location.hostname, location.port]")
        assert host == "127.0.0.1" and int(port) == preview.server.server_address[1]

    chromium.run(preview.url, scenario)


def test_answering_the_quiz_shows_score_and_status_in_the_panel(chromium, preview):
    def scenario(page):
        answer_quiz(page, correct=True)
        wait_cmi(page, "cmi.core.score.raw", "100")
        wait_cmi(page, "cmi.core.lesson_status", "passed")
        assert cmi(page, "cmi.core.score.min") == "0" and cmi(page, "cmi.core.score.max") == "100"
        page.wait_for_function("() => document.querySelector('#toc .status').textContent === 'passed · 100'")
        count = page.locator('[data-list="cmi.interactions"] h3').text_content()
        assert count == "interactions (_count 3)"
        assert page.locator('[data-list="cmi.interactions"] td[data-element="cmi.interactions.0.result"]').text_content() \
            == "correct"
        errors = page.evaluate("sbPreview.log.filter(e => e.error && e.error !== '0').map(e => [e.fn, e.args, e.error])")
        assert errors == []

    chromium.run(preview.url, scenario)


def test_failing_every_attempt_fails_and_moodle_shows_its_grade(chromium, preview):
    def scenario(page):
        page.select_option("#profile", "moodle")
        wait_for_session(page, launch=2)
        answer_quiz(page, correct=False)
        # attempts left: no failed status and no grade yet (docs/runtime.md, "Retries")
        wait_cmi(page, "cmi.core.lesson_status", "incomplete")
        page.wait_for_function("() => document.querySelector('#grade').textContent.includes('none yet')")
        for _ in range(2):
            sco(page).get_by_role("button", name="Try again").click()
            answer_quiz(page, correct=False)
        wait_cmi(page, "cmi.core.lesson_status", "failed")
        page.wait_for_function("() => document.querySelector('#grade').textContent.includes('0 / 100')")
        assert "not complete" in page.locator("#grade").text_content()

    chromium.run(preview.url, scenario)


def test_strict_profile_answers_405_to_an_invalid_value_from_the_sco(chromium, preview):
    def scenario(page):
        frame = sco(page)
        assert frame.evaluate("window.parent.API.LMSSetValue('cmi.core.score.raw', 'abc')") == "false"
        assert frame.evaluate("window.parent.API.LMSGetLastError()") == "405"
        assert frame.evaluate("window.parent.API.LMSGetErrorString('405')") == "Incorrect data type"
        assert "CMIDecimal" in frame.evaluate("window.parent.API.LMSGetDiagnostic('')")
        row = page.locator("#log li.error").last
        row.wait_for()
        assert '"abc"' in row.text_content() and "405" in row.locator(".err").text_content()
        assert frame.evaluate("window.parent.API.LMSSetValue('cmi.suspend_data', 'x'.repeat(4097))") == "false"
        assert frame.evaluate("window.parent.API.LMSGetLastError()") == "405"

    chromium.run(preview.url, scenario)


def test_relaunch_resumes_after_suspend_and_reset_starts_over(chromium, preview):
    def scenario(page):
        # The runtime sets exit "suspend" and commits while the learner is mid-course.
        page.wait_for_function("() => sbPreview.api.committed['cmi.core.exit'] === 'suspend'")
        frame = sco(page)
        frame.locator("#sb-next").click()
        page.wait_for_function("() => sbPreview.api.committed['cmi.core.lesson_location'].endsWith('intervention-frame')")
        page.click("#relaunch")
        wait_for_session(page, launch=2)
        assert page.locator("#sco-entry").text_content() == "entry: resume"
        assert page.evaluate("sbPreview.log.some(e => e.fn === 'LMSFinish' && e.result === 'true')")
        page.wait_for_function("() => document.querySelector('#sco-frame').contentDocument"
                               ".querySelector('.sb-current h2').textContent.includes('Alliance as the Intervention')")
        page.click("#reset")
        wait_for_session(page, launch=1)
        assert page.locator("#sco-entry").text_content() == "entry: ab-initio"
        wait_cmi(page, "cmi.core.lesson_location", "alliance-trust-safety/key-takeaways")

    chromium.run(preview.url, scenario)


def test_learner_data_survives_a_reload_of_the_lms_page(chromium, preview):
    def scenario(page):
        answer_quiz(page, correct=True)
        page.wait_for_function("() => sbPreview.api.committed['cmi.core.lesson_status'] === 'passed'")
        page.reload()
        wait_for_session(page, launch=2)
        assert page.locator("#toc .status").text_content() == "passed · 100"
        wait_cmi(page, "cmi.core.score.raw", "100")
        stored = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('sb-preview:v1:MANIFEST-'))")
        assert stored == ["sb-preview:v1:MANIFEST-ncmhce-counseling-skills:ITEM-alliance-trust-safety"]
        page.click("#reset-all")
        wait_for_session(page, launch=1)
        assert page.locator("#toc .status").text_content() == "incomplete"

    chromium.run(preview.url, scenario)


def test_a_save_reloads_the_sco_and_a_broken_build_shows_a_banner(chromium, preview):
    course = preview.rebuilder.course_dir
    page_file = course / SECTION / "01-key-takeaways.md"
    section_file = course / SECTION / "section.yml"

    def scenario(page):
        page_file.write_text(page_file.read_text(encoding="utf-8").replace("title: Key Takeaways", "title: Saved Edit"),
                             encoding="utf-8")
        wait_for_session(page, launch=2)  # relaunched on the new build, the learner's data kept
        page.wait_for_function("() => document.querySelector('#sco-frame').contentDocument"
                               ".querySelector('#p0 h2').textContent === 'Saved Edit'", timeout=3000)
        assert page.locator("#sco-entry").text_content() == "entry: resume"
        assert page.locator("#build-text").text_content().startswith("build 2")

        good = section_file.read_text(encoding="utf-8")
        section_file.write_text(good + "description: [unclosed\n", encoding="utf-8")
        page.locator("#banner").wait_for(state="visible", timeout=3000)
        problem = page.locator("#banner-problems li").first.text_content()
        assert f"{SECTION}/section.yml:" in problem and "malformed YAML" in problem
        assert "Still showing build 2" in page.locator("#banner-note").text_content()
        assert page.evaluate("sbPreview.api.record.launches") == 2  # the SCO was not reloaded

        section_file.write_text(good, encoding="utf-8")
        page.locator("#banner").wait_for(state="hidden", timeout=3000)
        wait_for_session(page, launch=3)

    chromium.run(preview.url, scenario)


def test_without_keep_data_a_rebuild_starts_the_learner_over(chromium, preview):
    page_file = preview.rebuilder.course_dir / SECTION / "01-key-takeaways.md"

    def scenario(page):
        page.uncheck("#keep-data")
        page.wait_for_function("() => sbPreview.api.committed['cmi.core.exit'] === 'suspend'")
        page_file.write_text(page_file.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
        wait_for_session(page, launch=1)
        assert page.locator("#sco-entry").text_content() == "entry: ab-initio"

    chromium.run(preview.url, scenario)


# --- the API object, call by call -------------------------------------------------------------------

HARNESS = """([profile, steps, launch, record]) => {
  const commits = [];
  const api = new sbPreview.Scorm12API({profile, launch, record, onCommit: r => commits.push(r)});
  const out = steps.map(([fn, ...args]) => {
    if (fn === 'abandon') { api.abandon(); return null; }
    const result = api[fn](...args);
    return [result, api.LMSGetLastError()];
  });
  return {out, commits, entry: api.launch.entry, values: api.values, committed: api.committed, record: api.record};
}"""

INIT = ["LMSInitialize", ""]
LONG = "x" * 4097

# (id, profile, steps after LMSInitialize; the last one is checked, the others must succeed, expected [result, error])
API_CASES = [
    ("get an element", "both", [["LMSGetValue", "cmi.core.lesson_status"]], ["not attempted", "0"]),
    ("get _version", "both", [["LMSGetValue", "cmi._version"]], ["3.4", "0"]),
    ("get _children", "both", [["LMSGetValue", "cmi.core.score._children"]], ["raw,min,max", "0"]),
    ("set then get", "both", [["LMSSetValue", "cmi.core.lesson_location", "p3"], ["LMSGetValue", "cmi.core.lesson_location"]],
     ["p3", "0"]),
    ("commit", "both", [["LMSCommit", ""]], ["true", "0"]),
    # 101 general exception
    ("initialize twice", "both", [INIT], ["false", "101"]),
    ("initialize after finish", "strict", [["LMSFinish", ""], INIT], ["false", "101"]),
    ("initialize after finish", "moodle", [["LMSFinish", ""], INIT], ["true", "0"]),
    # 201 invalid argument
    ("initialize with an argument", "both", [["LMSFinish", ""], ["LMSInitialize", "x"]], ["false", "201"]),
    ("commit with an argument", "both", [["LMSCommit", "x"]], ["false", "201"]),
    ("finish with an argument", "both", [["LMSFinish", "x"]], ["false", "201"]),
    ("get an empty name", "both", [["LMSGetValue", ""]], ["", "201"]),
    ("get a malformed name", "both", [["LMSGetValue", "cmi..core"]], ["", "201"]),
    ("get a category", "strict", [["LMSGetValue", "cmi.core"]], ["", "201"]),
    ("set an index past _count", "both", [["LMSSetValue", "cmi.interactions.1.id", "q1"]], ["false", "201"]),
    ("get an index past _count", "strict", [["LMSGetValue", "cmi.objectives.3.id"]], ["", "201"]),
    ("get an index past _count", "moodle", [["LMSGetValue", "cmi.objectives.3.id"]], ["", "0"]),
    # 202 / 203
    ("_children of a leaf", "both", [["LMSGetValue", "cmi.core.student_id._children"]], ["", "202"]),
    ("_count of a leaf", "both", [["LMSGetValue", "cmi.core.lesson_status._count"]], ["", "203"]),
    ("_count of a category", "strict", [["LMSGetValue", "cmi.core._count"]], ["", "203"]),
    ("_count of a category", "moodle", [["LMSGetValue", "cmi.core._count"]], ["", "201"]),
    # 401 not implemented (unknown elements)
    ("an unknown element", "strict", [["LMSGetValue", "cmi.core.bogus"]], ["", "401"]),
    ("an unknown element", "moodle", [["LMSGetValue", "cmi.core.bogus"]], ["", "201"]),
    ("set an unknown element", "strict", [["LMSSetValue", "cmi.bogus", "1"]], ["false", "401"]),
    # 402 keyword
    ("set _children", "both", [["LMSSetValue", "cmi.core._children", "x"]], ["false", "402"]),
    ("set _count", "both", [["LMSSetValue", "cmi.interactions._count", "1"]], ["false", "402"]),
    ("set _version", "both", [["LMSSetValue", "cmi._version", "4"]], ["false", "402"]),
    # 403 read only
    ("set student_id", "both", [["LMSSetValue", "cmi.core.student_id", "me"]], ["false", "403"]),
    ("set entry", "both", [["LMSSetValue", "cmi.core.entry", "resume"]], ["false", "403"]),
    ("set total_time", "both", [["LMSSetValue", "cmi.core.total_time", "00:01:00"]], ["false", "403"]),
    ("set mastery_score", "both", [["LMSSetValue", "cmi.student_data.mastery_score", "10"]], ["false", "403"]),
    ("set launch_data", "both", [["LMSSetValue", "cmi.launch_data", "x"]], ["false", "403"]),
    # 404 write only
    ("get exit", "both", [["LMSGetValue", "cmi.core.exit"]], ["", "404"]),
    ("get session_time", "both", [["LMSGetValue", "cmi.core.session_time"]], ["", "404"]),
    ("get an interaction", "both", [["LMSSetValue", "cmi.interactions.0.id", "q1"], ["LMSGetValue", "cmi.interactions.0.id"]],
     ["", "404"]),
    # 405 incorrect data type
    ("score not a number", "both", [["LMSSetValue", "cmi.core.score.raw", "abc"]], ["false", "405"]),
    ("score over 100", "both", [["LMSSetValue", "cmi.core.score.raw", "101"]], ["false", "405"]),
    ("score below 0", "both", [["LMSSetValue", "cmi.core.score.min", "-1"]], ["false", "405"]),
    ("score as a percentage", "both", [["LMSSetValue", "cmi.core.score.raw", "80%"]], ["false", "405"]),
    ("score with 4 digits", "both", [["LMSSetValue", "cmi.core.score.raw", "1000"]], ["false", "405"]),
    ("a blank score", "strict", [["LMSSetValue", "cmi.core.score.raw", ""]], ["true", "0"]),
    ("status not attempted", "both", [["LMSSetValue", "cmi.core.lesson_status", "not attempted"]], ["false", "405"]),
    ("status outside the vocabulary", "both", [["LMSSetValue", "cmi.core.lesson_status", "done"]], ["false", "405"]),
    ("exit outside the vocabulary", "both", [["LMSSetValue", "cmi.core.exit", "quit"]], ["false", "405"]),
    ("exit suspend", "both", [["LMSSetValue", "cmi.core.exit", "suspend"]], ["true", "0"]),
    ("session_time as ISO 8601", "both", [["LMSSetValue", "cmi.core.session_time", "PT1M30S"]], ["false", "405"]),
    ("session_time", "both", [["LMSSetValue", "cmi.core.session_time", "0000:01:30.25"]], ["true", "0"]),
    ("suspend_data over 4096", "strict", [["LMSSetValue", "cmi.suspend_data", LONG]], ["false", "405"]),
    ("suspend_data over 4096", "moodle", [["LMSSetValue", "cmi.suspend_data", LONG]], ["true", "0"]),
    ("suspend_data over 64000", "moodle", [["LMSSetValue", "cmi.suspend_data", "x" * 64001]], ["false", "405"]),
    ("lesson_location over 255", "strict", [["LMSSetValue", "cmi.core.lesson_location", "x" * 256]], ["false", "405"]),
    ("lesson_location over 255", "moodle", [["LMSSetValue", "cmi.core.lesson_location", "x" * 256]], ["true", "0"]),
    ("interaction type outside the vocabulary", "both", [["LMSSetValue", "cmi.interactions.0.type", "essay"]],
     ["false", "405"]),
    ("interaction result 'incorrect' (SCORM 2004's word)", "both", [["LMSSetValue", "cmi.interactions.0.result", "incorrect"]],
     ["false", "405"]),
    ("interaction result 'wrong'", "both", [["LMSSetValue", "cmi.interactions.0.result", "wrong"]], ["true", "0"]),
    ("interaction id with a space", "both", [["LMSSetValue", "cmi.interactions.0.id", "has space"]], ["false", "405"]),
    ("interaction time past 23h", "both", [["LMSSetValue", "cmi.interactions.0.time", "31:00:00"]], ["false", "405"]),
    ("choice response", "both", [["LMSSetValue", "cmi.interactions.0.type", "choice"],
                                 ["LMSSetValue", "cmi.interactions.0.student_response", "a,c"]], ["true", "0"]),
    ("choice response of two characters", "strict", [["LMSSetValue", "cmi.interactions.0.type", "choice"],
                                                     ["LMSSetValue", "cmi.interactions.0.student_response", "ab"]],
     ["false", "405"]),
    ("choice response of two characters", "moodle", [["LMSSetValue", "cmi.interactions.0.type", "choice"],
                                                     ["LMSSetValue", "cmi.interactions.0.student_response", "ab"]],
     ["true", "0"]),
    ("true-false response 'yes'", "strict", [["LMSSetValue", "cmi.interactions.0.type", "true-false"],
                                             ["LMSSetValue", "cmi.interactions.0.student_response", "yes"]],
     ["false", "405"]),
    ("preference text out of range", "both", [["LMSSetValue", "cmi.student_preference.text", "2"]], ["false", "405"]),
    ("preference audio -1", "both", [["LMSSetValue", "cmi.student_preference.audio", "-1"]], ["true", "0"]),
    ("objective status not attempted", "both", [["LMSSetValue", "cmi.objectives.0.status", "not attempted"]],
     ["true", "0"]),
    # counts
    ("interactions _count", "both", [["LMSSetValue", "cmi.interactions.0.id", "a"], ["LMSSetValue", "cmi.interactions.1.id", "b"],
                                     ["LMSGetValue", "cmi.interactions._count"]], ["2", "0"]),
    ("nested _count", "both", [["LMSSetValue", "cmi.interactions.0.objectives.0.id", "o1"],
                               ["LMSGetValue", "cmi.interactions.0.objectives._count"]], ["1", "0"]),
    # Moodle's way of storing values
    ("a score read back", "strict", [["LMSSetValue", "cmi.core.score.raw", "85.0"], ["LMSGetValue", "cmi.core.score.raw"]],
     ["85.0", "0"]),
    ("a score read back", "moodle", [["LMSSetValue", "cmi.core.score.raw", "85.0"], ["LMSGetValue", "cmi.core.score.raw"]],
     ["85", "0"]),
    ("comments", "strict", [["LMSSetValue", "cmi.comments", "a"], ["LMSSetValue", "cmi.comments", "b"],
                            ["LMSGetValue", "cmi.comments"]], ["b", "0"]),
    ("comments", "moodle", [["LMSSetValue", "cmi.comments", "a"], ["LMSSetValue", "cmi.comments", "b"],
                            ["LMSGetValue", "cmi.comments"]], ["ab", "0"]),
    # error queries
    ("error string", "both", [["LMSGetErrorString", "403"]], ["Element is read only", "0"]),
    ("error string of an unknown code", "both", [["LMSGetErrorString", "999"]], ["", "0"]),
]


@pytest.fixture(scope="module")
def lms_page(tmp_path_factory, chromium):
    """An LMS page kept open for the API tests; they create their own API objects in it."""
    course = shutil.copytree(default_course_dir(), tmp_path_factory.mktemp("api") / "course")
    with Preview(Path(course), port=0, watch=False) as running:
        yield from api_page(chromium, running.url, "window.sbPreview", HARNESS, INIT)


@pytest.mark.parametrize("profile, steps, expected", list(expand(API_CASES)))
def test_api_call(lms_page, profile, steps, expected):
    out = lms_page(profile, steps)["out"]
    assert [o for o in out[:-1] if o[1] != "0"] == [], out
    assert out[-1] == expected


@pytest.mark.parametrize("profile", ["strict", "moodle"])
def test_api_calls_before_initialize_are_301(lms_page, profile):
    out = lms_page(profile, [["LMSGetValue", "cmi.core.lesson_status"], ["LMSSetValue", "cmi.core.lesson_location", "x"],
                             ["LMSCommit", ""], ["LMSFinish", ""]], init=False)["out"]
    assert out == [["", "301"], ["false", "301"], ["false", "301"], ["false", "301"]]


@pytest.mark.parametrize("profile", ["strict", "moodle"])
def test_api_calls_after_finish_are_301(lms_page, profile):
    out = lms_page(profile, [["LMSFinish", ""], ["LMSGetValue", "cmi.core.lesson_status"], ["LMSCommit", ""]])["out"]
    assert out[2:] == [["", "301"], ["false", "301"]]


def test_error_queries_do_not_change_the_last_error(lms_page):
    out = lms_page("strict", [["LMSSetValue", "cmi.core.student_id", "x"], ["LMSGetErrorString", "403"],
                              ["LMSGetDiagnostic", ""], ["LMSGetLastError"]])["out"][1:]
    assert [o[1] for o in out] == ["403"] * 4
    assert out[1][0] == "Element is read only" and "read-only" in out[2][0] and out[3][0] == "403"


FINISH_CASES = [
    # profile, what the SCO sets, launch, expected lesson_status after LMSFinish
    ("strict", {}, {}, "completed"),
    ("strict", {"cmi.core.score.raw": "90"}, {"mastery_score": "80"}, "passed"),
    ("strict", {"cmi.core.score.raw": "50"}, {"mastery_score": "80"}, "failed"),
    ("strict", {"cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "50"}, {"mastery_score": "80"}, "incomplete"),
    ("strict", {}, {"lesson_mode": "browse"}, "browsed"),
    ("moodle", {}, {}, "completed"),
    ("moodle", {"cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "50"}, {"mastery_score": "80"}, "failed"),
    ("moodle", {"cmi.core.lesson_status": "completed", "cmi.core.score.raw": "50"}, {"mastery_score": "80"}, "failed"),
    ("moodle", {"cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "80"}, {"mastery_score": "80"}, "passed"),
    ("moodle", {"cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "90"},
     {"mastery_score": "80", "credit": "no-credit"}, "incomplete"),
    ("moodle", {"cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "90"}, {"mastery_score": ""}, "incomplete"),
]


@pytest.mark.parametrize("profile, sets, launch, status", FINISH_CASES)
def test_lesson_status_at_finish(lms_page, profile, sets, launch, status):
    steps = [["LMSSetValue", k, v] for k, v in sets.items()] + [["LMSFinish", ""]]
    result = lms_page(profile, steps, launch=launch)
    assert all(o[1] == "0" for o in result["out"]), result["out"]
    assert result["committed"]["cmi.core.lesson_status"] == status
    assert result["commits"][-1]["values"]["cmi.core.lesson_status"] == status


@pytest.mark.parametrize("profile, total", [("strict", "0000:01:40.50"), ("moodle", "00:01:40.50")])
def test_total_time_adds_the_session_time_at_finish(lms_page, profile, total):
    record = {"launches": 1, "values": {"cmi.core.total_time": "00:00:10", "cmi.core.lesson_status": "incomplete"}}
    result = lms_page(profile, [["LMSSetValue", "cmi.core.session_time", "00:01:30.5"], ["LMSFinish", ""]], record=record)
    assert result["committed"]["cmi.core.total_time"] == total
    assert "cmi.core.session_time" not in result["committed"]


@pytest.mark.parametrize("profile, record, entry", [
    ("strict", None, "ab-initio"),
    ("strict", {"launches": 1, "values": {}}, ""),
    ("strict", {"launches": 1, "values": {"cmi.core.exit": "suspend"}}, "resume"),
    ("strict", {"launches": 2, "values": {"cmi.core.exit": "logout"}}, ""),
    ("moodle", {"launches": 1, "values": {}}, "ab-initio"),
    ("moodle", {"launches": 1, "values": {"cmi.core.lesson_status": "incomplete", "cmi.core.exit": "suspend"}}, "resume"),
    ("moodle", {"launches": 1, "values": {"cmi.core.lesson_status": "incomplete", "cmi.core.exit": ""}}, ""),
])
def test_entry_at_launch(lms_page, profile, record, entry):
    result = lms_page(profile, [["LMSGetValue", "cmi.core.entry"]], record=record)
    assert result["entry"] == entry and result["out"][-1] == [entry, "0"]
    assert result["record"]["launches"] == (record or {}).get("launches", 0) + 1


def test_uncommitted_values_are_lost_when_the_sco_unloads_without_finish(lms_page):
    result = lms_page("moodle", [["LMSSetValue", "cmi.core.lesson_location", "p1"], ["LMSCommit", ""],
                                 ["LMSSetValue", "cmi.core.lesson_location", "p2"], ["abandon"]])
    assert result["committed"]["cmi.core.lesson_location"] == "p1"
    assert [c["values"]["cmi.core.lesson_location"] for c in result["commits"]] == ["p1"]


def test_a_new_launch_starts_from_the_committed_record(lms_page):
    first = lms_page("strict", [["LMSSetValue", "cmi.suspend_data", "state"], ["LMSSetValue", "cmi.core.exit", "suspend"],
                                ["LMSSetValue", "cmi.interactions.0.id", "q1"], ["LMSFinish", ""]])
    record = first["commits"][-1]
    second = lms_page("strict", [["LMSGetValue", "cmi.suspend_data"], ["LMSGetValue", "cmi.interactions._count"]],
                      record=record)
    assert second["entry"] == "resume"
    assert second["out"][1:] == [["state", "0"], ["1", "0"]]


# --- the "moodle" profile's gradebook (moodle-gradebook.js; compared with a real Moodle in tests/moodle) ---

GRADEBOOK = """(commits) => {
  const { storeCommit } = sbPreview.moodleGradebook;
  let records = {}, book = { grade: null, completion: null };
  for (const values of commits) {
    book = storeCommit(records, "ITEM", values, book).gradebook;
    records = { ITEM: { values: { ...((records.ITEM || {}).values || {}), ...values } } };
  }
  return book;
}"""


@pytest.mark.parametrize("commits, book", [
    # passed and its score in one commit after "incomplete": Moodle grades but never completes
    ([{"cmi.core.lesson_status": "incomplete"}, {"cmi.core.lesson_status": "passed", "cmi.core.score.raw": "100"}],
     {"grade": 100, "completion": None}),
    # the status committed first, then the score: graded and complete
    ([{"cmi.core.lesson_status": "incomplete"}, {"cmi.core.lesson_status": "passed"}, {"cmi.core.score.raw": "100"}],
     {"grade": 100, "completion": 1}),
    # a first stored status of "passed" is an insert, judged on its new value
    ([{"cmi.core.lesson_status": "passed", "cmi.core.score.raw": "90"}], {"grade": 90, "completion": 1}),
    # failed with a score: a grade, no completion
    ([{"cmi.core.lesson_status": "incomplete"}, {"cmi.core.lesson_status": "failed"}, {"cmi.core.score.raw": "40"}],
     {"grade": 40, "completion": None}),
], ids=["one commit", "status first", "first status passed", "failed"])
def test_the_moodle_profile_grades_and_completes_as_moodle(chromium, preview, commits, book):
    assert chromium.run(preview.url, lambda page: page.evaluate(GRADEBOOK, commits)) == book


@pytest.mark.parametrize("statuses, requested, mode", [
    (["passed"], "normal", {"lesson_mode": "review", "credit": "no-credit"}),
    (["failed", "completed"], "normal", {"lesson_mode": "review", "credit": "no-credit"}),
    (["passed", "incomplete"], "normal", {"lesson_mode": "normal", "credit": "credit"}),
    ([None], "normal", {"lesson_mode": "normal", "credit": "credit"}),
    (["incomplete"], "browse", {"lesson_mode": "browse", "credit": "no-credit"}),
])
def test_the_moodle_profile_relaunches_a_finished_attempt_in_review(chromium, preview, statuses, requested, mode):
    records = {f"I{n}": ({"values": {"cmi.core.lesson_status": s}} if s else None) for n, s in enumerate(statuses)}
    got = chromium.run(preview.url, lambda page: page.evaluate(
        "([r, q]) => sbPreview.moodleGradebook.launchMode(r, Object.keys(r), q)", [records, requested]))
    assert got == mode
