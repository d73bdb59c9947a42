"""The runtime's SCORM 2004 transport against scorm-again's Scorm2004API (the strict reference) in
headless Chromium: the same pages and quiz, reported over API_1484_11 (docs/runtime.md,
"SCORM 2004 tracking")."""
from __future__ import annotations

import re

import pytest
from sbhost import SEED_SCO, Host, interactions
from test_runtime_a11y import axe_violations

DURATION_RE = re.compile(r"^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)$")
TIMESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{2}Z$")


def right(question):
    return list(question["correct"])


def wrong(question):
    return [next(k for k in question["keys"] if k not in question["correct"])]


@pytest.fixture
def host(page, site):
    return Host(page, site)


def to_quiz(host, quiz_index=0):
    target = host.quiz_page(quiz_index)
    while host.current() < target:
        host.next()


def protocol(log, finished=True):
    """Initialize first and once; Terminate exactly once and last; no error from the LMS."""
    calls = [e["fn"] for e in log]
    assert calls and calls[0] == "Initialize" and calls.count("Initialize") == 1, calls[:3]
    if finished:
        assert calls.count("Terminate") == 1 and calls[-1] == "Terminate", calls[-5:]
    errors = [e for e in log if e["error"] != "0" and not e.get("injected")]
    assert errors == [], errors
    assert not [e for e in log if e["fn"].startswith("LMS")], "no SCORM 1.2 call"
    if finished:
        times = [e["args"][1] for e in log if e["fn"] == "SetValue" and e["args"][0] == "cmi.session_time"]
        assert len(times) == 1 and DURATION_RE.match(times[0]), times


def test_right_answers_pass_with_scaled_score_one(host):
    host.launch("seed2004", SEED_SCO)
    to_quiz(host)
    host.answer(0, right)
    host.submit()
    assert "Passed" in host.fl.locator("#p3 .sb-result").inner_text()
    host.close()
    log = host.log()
    protocol(log)
    cmi = host.cmi()
    assert cmi["completion_status"] == "completed" and cmi["success_status"] == "passed"
    assert cmi["score"] == {"scaled": "1", "raw": "100", "min": "0", "max": "100"}
    assert cmi["exit"] == "normal" and cmi["location"] == f"{SEED_SCO}/quiz"
    written = interactions(log)
    assert sorted(written) == [0, 1, 2]
    for rec in written.values():
        assert rec["type"] == "choice" and rec["result"] == "correct"
        assert rec["learner_response"] == rec["correct_responses.0.pattern"]
        assert TIMESTAMP_RE.match(rec["timestamp"]) and DURATION_RE.match(rec["latency"])
        assert 20 < len(rec["description"]) <= 250
    # completion and success are committed before the score
    calls = [(e["fn"], e["args"][0] if e["args"] else "") for e in log]
    success_at = calls.index(("SetValue", "cmi.success_status"))
    raw_at = calls.index(("SetValue", "cmi.score.raw"))
    assert ("Commit", "") in calls[success_at:raw_at]


def test_a_failed_attempt_with_retries_left_reports_nothing_final(host):
    host.launch("seed2004", SEED_SCO)
    to_quiz(host)
    host.answer(0, wrong)
    host.submit()
    assert "2 attempts left" in host.fl.locator("#p3 .sb-result").inner_text()
    host.close()
    protocol(host.log())
    cmi = host.cmi()
    assert cmi["completion_status"] == "incomplete" and cmi["success_status"] == "unknown"
    assert cmi["score"]["raw"] == "" and cmi["exit"] == "suspend"
    assert not host.set_calls("cmi.score") and not host.set_calls("cmi.success_status")
    assert [r["result"] for r in interactions(host.log()).values()] == ["incorrect"] * 3


def test_resume_restores_answers_then_retry_and_pass(host):
    host.launch("seed2004", SEED_SCO)
    to_quiz(host)
    host.answer(0, wrong)
    host.submit()
    host.close()
    first = host.cmi()
    host.launch("seed2004", SEED_SCO, cmi={
        "entry": "resume", "completion_status": "incomplete", "location": first["location"],
        "suspend_data": first["suspend_data"]})
    assert host.current() == 3 and len(host.checked()) == 3
    assert "2 attempts left" in host.fl.locator("#p3 .sb-result").inner_text()
    host.fl.locator("#p3 .sb-retry").click()
    host.answer(0, right)
    host.submit()
    host.close()
    protocol(host.log())
    cmi = host.cmi()
    assert cmi["success_status"] == "passed" and cmi["score"]["scaled"] == "1"


def test_every_attempt_wrong_fails_with_its_score(host):
    host.launch("seed2004", SEED_SCO)
    to_quiz(host)
    for attempt in range(3):
        host.answer(0, wrong)
        host.submit()
        if attempt < 2:
            host.fl.locator("#p3 .sb-retry").click()
    host.close()
    protocol(host.log())
    cmi = host.cmi()
    assert (cmi["completion_status"], cmi["success_status"], cmi["exit"]) == ("completed", "failed", "normal")
    assert cmi["score"] == {"scaled": "0", "raw": "0", "min": "0", "max": "100"}


def test_the_pass_mark_comes_from_scaled_passing_score(host):
    host.launch("seed2004", SEED_SCO, mastery="60")  # 2 of 3 right = 66.67 passes at 0.6
    to_quiz(host)
    host.answer(0, lambda q: wrong(q) if q["id"] == "mandated-client-feels-judged" else right(q))
    host.submit()
    host.close()
    cmi = host.cmi()
    assert cmi["success_status"] == "passed" and cmi["score"]["scaled"] == "0.6667"


@pytest.mark.parametrize("mode", ["review", "browse"])
def test_review_and_browse_write_nothing_but_session_time(host, mode):
    host.launch("seed2004", SEED_SCO, cmi={"mode": mode, "credit": "no-credit"})
    assert mode in host.fl.locator("#sb-notice").inner_text()
    host.close()
    protocol(host.log())
    assert [k for k, _ in host.set_calls()] == ["cmi.session_time"]


def test_entry_ab_initio_ignores_stale_data(host, watch):
    host.launch("seed2004", SEED_SCO, cmi={"entry": "ab-initio", "location": f"{SEED_SCO}/quiz",
                                           "suspend_data": "1|x|3|0|1.1.a,a,a"})
    assert host.current() == 0 and host.checked() == []
    read = [e["args"][0] for e in host.log() if e["fn"] == "GetValue"]
    assert "cmi.suspend_data" not in read and "cmi.location" not in read, read


def test_save_and_exit_requests_suspend_all_then_terminates(host):
    host.launch("seed2004", SEED_SCO)
    host.next()
    host.fl.locator("#sb-exit").click()
    log = host.log()
    protocol(log)
    sets = [e["args"] for e in log if e["fn"] == "SetValue"]
    assert sets[-2][0] == "cmi.session_time" and sets[-1] == ["adl.nav.request", "suspendAll"]


def test_a_refused_value_is_retried_once_and_never_shown(host, watch):
    host.launch("seed2004", SEED_SCO, fail=[{"fn": "SetValue", "key": "cmi.location", "times": 2}])
    host.next()
    host.close()
    protocol(host.log())
    assert len([w for w in watch.warnings if "SetValue(cmi.location) failed" in w]) == 2
    assert host.fl.locator("#sb-notice").count() == 0 or "error" not in host.fl.locator("#sb-notice").inner_text()


def test_every_question_type_single_sco(host):
    host.launch("gensingle2004", "gen-course", mastery="70")
    for quiz in (0, 1):
        to_quiz(host, quiz)
        host.answer(quiz, right)
        host.submit(quiz)
    host.close()
    log = host.log()
    protocol(log)
    written = interactions(log)
    by_id = {r["id"]: r for r in written.values()}
    assert by_id["tf-true"]["type"] == "true-false" and by_id["tf-true"]["learner_response"] == "true"
    assert by_id["tf-false"]["learner_response"] == "false"
    assert by_id["multi-pick"]["learner_response"] == "a[,]c"
    assert host.cmi()["success_status"] == "passed"


def test_the_2004_package_ships_only_its_transport_and_axe_finds_nothing(page, site):
    files = site.packages["seed2004"].result.files
    assert "shared/scorm2004.js" in files and "shared/scorm12.js" not in files
    page.goto(site.packages["seed2004"].url(SEED_SCO))
    page.wait_for_selector(".sb-page.sb-current")
    assert axe_violations(page.main_frame) == []


def test_without_an_api_it_runs_standalone(page, site, watch):
    """No API_1484_11 anywhere: the notice, progress kept in this browser, nothing thrown."""
    page.goto(site.packages["seed2004"].url(SEED_SCO))
    page.wait_for_selector(".sb-page.sb-current")
    assert "this browser only" in page.locator("#sb-notice").inner_text()
    page.locator("#sb-next").click()
    page.reload()
    page.wait_for_selector(".sb-page.sb-current")
    assert page.evaluate("ScormBuilder.state().page") == 1, "the page comes back from localStorage"
