"""The runtime against a real SCORM 1.2 API (scorm-again) in headless Chromium: what it reports and when."""
from __future__ import annotations

import json
import re

import pytest
from sbhost import CMITIME_RE, SEED_SCO, TIMESPAN_RE, Host, assert_protocol, interactions

SEED_QUESTIONS = {
    "mandated-client-feels-judged": "a",
    "client-withdraws-after-suggestions": "b",
    "first-intervention-guiding-factor": "b",
}


def right(question):
    return list(question["correct"])


def wrong(question):
    if question["type"] == "multiple":
        return [k for k in question["keys"] if k not in question["correct"]][:1]
    return [next(k for k in question["keys"] if k not in question["correct"])]


@pytest.fixture
def host(page, site):
    return Host(page, site)


def walk_to_quiz(host: Host, quiz_index: int = 0):
    target = host.quiz_page(quiz_index)
    while host.current() < target:
        host.next()
    assert host.current() == target


def test_all_correct_passes_with_full_score_and_interactions(host):
    host.launch("seed", SEED_SCO)
    assert host.fl.locator("#sb-progress").inner_text() == "Page 1 of 4"
    walk_to_quiz(host)
    assert host.fl.locator("#sb-progress").inner_text() == "Page 4 of 4"
    host.answer(0, right)
    host.submit()
    result = host.fl.locator("#p3 .sb-result")
    assert "Passed" in result.inner_text() and "100%" in result.inner_text()
    assert result.evaluate("e => e === document.activeElement"), "focus moves to the result after Submit"
    assert host.fl.locator("#p3 .sb-retry").is_hidden()
    host.close()

    log = host.log()
    assert_protocol(log)
    cmi = host.cmi()["core"]
    assert cmi["lesson_status"] == "passed"
    assert cmi["score"] == {"raw": "100", "min": "0", "max": "100"}
    sets = host.sets()
    assert sets["cmi.core.exit"] == ""
    assert sets["cmi.core.lesson_location"] == "alliance-trust-safety/quiz"
    written = interactions(log)
    assert sorted(written) == [0, 1, 2]
    for n, (qid, key) in enumerate(SEED_QUESTIONS.items()):
        rec = written[n]
        assert rec["id"] == qid and rec["type"] == "choice"
        assert rec["student_response"] == key and rec["correct_responses.0.pattern"] == key
        assert rec["result"] == "correct" and rec["weighting"] == "1"
        assert TIMESPAN_RE.match(rec["latency"]) and CMITIME_RE.match(rec["time"])
    # The status is committed before the score is written (Moodle stores a commit's score first and
    # judges completion on the status stored before), and the score has a commit of its own.
    calls = [(e["fn"], e["args"][0] if e["args"] else "") for e in log]
    status_at = calls.index(("LMSSetValue", "cmi.core.lesson_status"), 1)  # after the launch's "incomplete"
    raw_at = calls.index(("LMSSetValue", "cmi.core.score.raw"))
    assert ("LMSCommit", "") in calls[status_at:raw_at]
    assert ("LMSCommit", "") in calls[raw_at:calls.index(("LMSFinish", ""))]


def test_a_failed_attempt_with_retries_left_stays_incomplete_without_a_score(host):
    host.launch("seed", SEED_SCO)
    walk_to_quiz(host)
    # two right, one wrong: 66.67 < 80
    host.answer(0, lambda q: wrong(q) if q["id"] == "mandated-client-feels-judged" else right(q))
    host.submit()
    text = host.fl.locator("#p3 .sb-result").inner_text()
    assert "Not passed" in text and "Your score: 67%" in text and "2 attempts left" in text
    assert host.fl.locator("#p3 .sb-retry").is_visible()
    # feedback for the chosen option, the rationale, and the right answer are shown
    fs = host.fl.locator('[id="q-mandated-client-feels-judged"]')
    assert fs.locator(".sb-qresult").inner_text() == "Not correct"
    assert fs.locator(".sb-rationale").is_visible()
    assert fs.locator('.sb-option[data-key="a"] .sb-verdict').inner_text() == "The correct answer."
    picked = fs.locator(".sb-option.sb-picked .sb-verdict")
    assert picked.inner_text() == "Your answer: not correct."
    host.close()
    log = host.log()
    assert_protocol(log)
    cmi = host.cmi()["core"]
    # docs/runtime.md, "Retries": neither failed nor a score while the learner may still retry
    assert cmi["lesson_status"] == "incomplete" and cmi["score"]["raw"] == ""
    assert not host.set_calls("cmi.core.score")
    assert host.sets()["cmi.core.exit"] == "suspend", "failed with attempts left: exit suspend"
    assert [r["result"] for r in interactions(log).values()] == ["wrong", "correct", "correct"]


def test_try_again_clears_answers_and_appends_interactions(host):
    host.launch("seed", SEED_SCO)
    walk_to_quiz(host)
    before = host.option_order()
    host.answer(0, wrong)
    host.submit()
    host.fl.locator("#p3 .sb-retry").click()
    assert host.checked() == []
    assert host.state()["quizzes"][0] == {"used": 1, "submitted": False, "answers": [[], [], []]}
    assert sorted(host.option_order()) == sorted(before)
    host.answer(0, right)
    host.submit()
    assert "Passed" in host.fl.locator("#p3 .sb-result").inner_text()
    host.close()
    log = host.log()
    assert_protocol(log)
    written = interactions(log)
    assert sorted(written) == list(range(6)), "a new attempt appends interactions 3..5"
    assert [written[n]["result"] for n in range(6)] == ["wrong"] * 3 + ["correct"] * 3
    raws = [v for k, v in host.set_calls("cmi.core.score.raw")]
    assert raws == ["100"], "only the final result is reported"
    assert host.cmi()["core"]["lesson_status"] == "passed"
    assert host.cmi()["suspend_data"].split("|")[4] == "2.1.a,b,b"


def test_resume_restores_page_answers_and_option_order(host):
    host.launch("seed", SEED_SCO)
    worst = host.data()["suspendWorstCase"]
    walk_to_quiz(host)
    order = host.option_order()
    assert host.data()["quizzes"][0]["shuffle"] is True
    host.fl.locator('[id="q-mandated-client-feels-judged-a"]').check()
    host.fl.locator('[id="q-client-withdraws-after-suggestions-b"]').check()
    host.page.wait_for_timeout(100)
    host.close()
    assert_protocol(host.log())
    first = host.cmi()
    assert first["core"]["lesson_status"] == "incomplete"
    assert first["core"]["exit"] == "suspend"
    assert first["core"]["lesson_location"] == "alliance-trust-safety/quiz"
    suspend = first["suspend_data"]
    assert re.match(r"^1\|[0-9a-z]{4}\|3\|[0-9a-z]{1,6}\|0\.0\.a,b,$", suspend), suspend
    assert len(suspend) <= worst

    # The LMS relaunches with entry=resume (Moodle does so after exit=suspend).
    host.launch("seed", SEED_SCO, cmi={
        "suspend_data": suspend,
        "core": {"entry": "resume", "lesson_status": "incomplete", "lesson_location": first["core"]["lesson_location"]},
    })
    assert host.current() == 3
    assert host.fl.locator('#sb-toc a[aria-current="page"]').inner_text() == "Check your understanding"
    assert sorted(host.checked()) == ["q-client-withdraws-after-suggestions-b", "q-mandated-client-feels-judged-a"]
    assert host.option_order() == order, "the shuffle is the same after resume"
    assert "Welcome back" in host.fl.locator("#sb-status").inner_text()
    host.fl.locator('[id="q-first-intervention-guiding-factor-b"]').check()
    host.submit()
    host.close()
    log = host.log()
    assert_protocol(log)
    assert not [e for e in log if e["fn"] == "LMSSetValue" and e["args"] == ["cmi.core.lesson_status", "incomplete"]]
    cmi = host.cmi()
    assert cmi["core"]["lesson_status"] == "passed" and cmi["core"]["score"]["raw"] == "100"
    assert host.sets()["cmi.core.exit"] == "", "done: exit is empty"
    assert cmi["suspend_data"].endswith("|1.1.a,b,b"), "state is still saved after completion"


def test_resume_without_entry_and_with_a_changed_quiz_keeps_only_the_location(host):
    data_hash = None
    host.launch("seed", SEED_SCO, cmi={
        "suspend_data": "1|0000|3|abc|1.1.a,b,b",
        "core": {"lesson_status": "incomplete", "lesson_location": "alliance-trust-safety/trust-and-the-treatment-frame"},
    })
    data_hash = host.data()["quizHash"]
    assert data_hash != "0000"
    state = host.state()
    assert state["page"] == 2 and state["furthest"] == 3
    assert state["quizzes"] == [{"used": 0, "submitted": False, "answers": [[], [], []]}]
    host.close()
    assert_protocol(host.log())
    assert host.cmi()["suspend_data"].startswith(f"1|{data_hash}|3|")


def test_lms_answering_false_is_retried_once_and_never_shown(host, watch):
    fail = [
        {"fn": "LMSSetValue", "key": "cmi.core.lesson_location", "times": 1},
        {"fn": "LMSCommit", "times": 1},
        {"fn": "LMSSetValue", "key": "cmi.interactions.0.latency", "times": 2},  # fails twice: given up
    ]
    host.launch("seed", SEED_SCO, fail=fail)
    walk_to_quiz(host)
    host.answer(0, right)
    host.submit()
    assert "Passed" in host.fl.locator("#p3 .sb-result").inner_text()
    assert host.fl.locator("#sb-notice").is_hidden(), "no error shown to the learner"
    host.close()
    log = host.log()
    assert_protocol(log)
    calls = [(e["fn"], e["args"][0] if e["args"] else "", e["result"]) for e in log]
    for fn, key in (("LMSSetValue", "cmi.core.lesson_location"), ("LMSCommit", "")):
        at = next(i for i, c in enumerate(calls) if c[:2] == (fn, key))
        assert calls[at][2] == "false"
        assert [c[0] for c in calls[at + 1:at + 3]] == ["LMSGetLastError", "LMSGetErrorString"]
        assert calls[at + 3][:2] == (fn, key) and calls[at + 3][2] == "true", "retried once"
    latency = [c for c in calls if c[:2] == ("LMSSetValue", "cmi.interactions.0.latency")]
    assert [c[2] for c in latency] == ["false", "false"], "retried once, then given up"
    assert host.cmi()["core"]["lesson_status"] == "passed"
    assert len([w for w in watch.warnings if "[scorm-builder]" in w]) == 4
    assert any("error 101 (General exception)" in w for w in watch.warnings)


def test_throttled_commits_and_commit_when_hidden(host):
    host.launch("seed", SEED_SCO)
    host.next()
    host.next()
    host.page.wait_for_timeout(300)
    commits = [e for e in host.log() if e["fn"] == "LMSCommit"]
    assert len(commits) == 1, "the launch commits; page changes within 2 s wait for a trailing commit"
    host.page.wait_for_timeout(2200)
    commits = [e for e in host.log() if e["fn"] == "LMSCommit"]
    assert len(commits) == 2 and commits[1]["t"] - commits[0]["t"] >= 1900
    sets_before = len(host.log())
    host.go_to_page(0)
    host.frame.evaluate("""() => {
        Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});
        document.dispatchEvent(new Event('visibilitychange'));
    }""")
    tail = [e["fn"] for e in host.log()[sets_before:]]
    assert tail[-1] == "LMSCommit", "visibilitychange to hidden commits at once"
    host.close()
    host.page.wait_for_timeout(2200)
    assert_protocol(host.log())  # nothing after LMSFinish, not even the pending throttled commit


def test_save_and_exit_finishes_once(host):
    host.launch("seed", SEED_SCO)
    host.next()
    host.fl.locator("#sb-exit").click()
    notice = host.fl.locator("#sb-notice")
    assert "progress is saved" in notice.inner_text()
    assert host.fl.locator("#sb-exit").is_hidden()
    log = host.log()
    assert log[-1]["fn"] == "LMSFinish"
    host.next()  # still readable, nothing more is sent
    host.page.evaluate("hostClose()")
    host.page.wait_for_timeout(300)
    assert_protocol(host.log())
    assert len(host.log()) == len(log)
    assert host.cmi()["core"]["exit"] == "suspend"


def test_browse_mode_lets_the_learner_practise_and_changes_nothing(host):
    mode = "browse"
    host.launch("seed", SEED_SCO, cmi={"core": {"lesson_mode": mode, "lesson_status": "not attempted"}})
    assert mode in host.fl.locator("#sb-notice").inner_text()
    walk_to_quiz(host)
    host.answer(0, right)
    host.submit()
    assert "Passed" in host.fl.locator("#p3 .sb-result").inner_text()
    host.close()
    log = host.log()
    assert_protocol(log)
    written = [e["args"][0] for e in log if e["fn"] == "LMSSetValue"]
    assert written == ["cmi.core.session_time"], written


def test_no_credit_completes_without_a_score(host):
    host.launch("seed", SEED_SCO, cmi={"core": {"credit": "no-credit"}})
    assert "not for credit" in host.fl.locator("#sb-notice").inner_text()
    walk_to_quiz(host)
    host.answer(0, right)
    host.submit()
    host.close()
    log = host.log()
    assert_protocol(log)
    assert host.set_calls("cmi.core.score") == []
    assert host.cmi()["core"]["lesson_status"] == "completed"
    assert len(interactions(log)) == 3


def test_generated_quiz_multiple_response_true_false_and_weights(host):
    host.launch("gen", "mixed", mastery="70")
    walk_to_quiz(host)
    assert host.fl.locator('[id="q-multi-pick"] input[type="checkbox"]').count() == 5
    assert host.fl.locator('[id="q-tf-true"] input[type="radio"]').count() == 2
    assert host.option_order()["tf-true"] == "tf", "true/false keeps its order"
    # multiple right (weight 2), true-false wrong (1), single right (1): 3 of 4 = 75 >= 70
    host.answer(0, lambda q: wrong(q) if q["type"] == "true-false" else right(q))
    host.submit()
    text = host.fl.locator(".sb-quiz .sb-result").inner_text()
    assert "75%" in text and "Passed" in text
    host.close()
    log = host.log()
    assert_protocol(log)
    written = interactions(log)
    assert written[0]["type"] == "choice" and written[0]["student_response"] == "a,c"
    assert written[0]["correct_responses.0.pattern"] == "a,c" and written[0]["weighting"] == "2"
    assert written[1]["type"] == "true-false" and written[1]["student_response"] == "f"
    assert written[1]["correct_responses.0.pattern"] == "t" and written[1]["result"] == "wrong"
    assert written[2]["student_response"] == "c" and written[2]["result"] == "correct"
    cmi = host.cmi()["core"]
    assert cmi["score"]["raw"] == "75" and cmi["lesson_status"] == "passed"


def test_unlimited_attempts_keep_offering_try_again(host):
    host.launch("gen", "mixed", mastery="70")
    walk_to_quiz(host)
    for n in range(1, 4):
        host.answer(0, wrong)
        host.submit()
        assert "You can try again." in host.fl.locator(".sb-quiz .sb-result").inner_text()
        host.fl.locator(".sb-quiz .sb-retry").click()
    assert host.state()["quizzes"][0]["used"] == 3
    host.close()
    assert_protocol(host.log())
    assert host.sets()["cmi.core.exit"] == "suspend"


def test_last_attempt_failed_is_done(host):
    host.launch("gen", "final", mastery="70")
    walk_to_quiz(host)
    host.answer(0, wrong)
    host.submit()
    text = host.fl.locator(".sb-quiz .sb-result").inner_text()
    assert "no attempts left" in text
    assert host.fl.locator(".sb-quiz .sb-retry").is_hidden()
    host.close()
    assert_protocol(host.log())
    assert host.cmi()["core"]["lesson_status"] == "failed"
    assert host.sets()["cmi.core.exit"] == ""


def test_reading_only_sco_completes_on_its_last_page(host):
    host.launch("gen", "reading")
    host.page.wait_for_timeout(50)
    assert "cmi.core.lesson_status" in host.sets() and host.sets()["cmi.core.lesson_status"] == "incomplete"
    host.next()
    assert "end of this section" in host.fl.locator("#sb-status").inner_text()
    host.close()
    assert_protocol(host.log())
    assert host.cmi()["core"]["lesson_status"] == "completed"
    assert host.sets()["cmi.core.exit"] == ""
    assert host.set_calls("cmi.core.score") == []


def test_a_link_to_another_page_opens_it_and_moves_the_bookmark(host):
    host.launch("gen", "mixed")
    host.fl.locator(".sb-current a[data-goto]", has_text="relative link").click()
    current = host.fl.locator(".sb-page.sb-current h2")
    assert current.inner_text() == host.data()["pages"][1]["title"]
    assert host.sets()["cmi.core.lesson_location"] == host.data()["pages"][1]["id"]
    host.close()
    assert_protocol(host.log())


def test_the_runtime_speaks_the_course_language(host):
    host.launch("genfr", "mixed")
    assert host.fl.locator("#sb-progress").inner_text() == f"Page 1 sur {len(host.data()['pages'])}"
    walk_to_quiz(host)
    host.answer(0, wrong)
    host.submit(0)
    result = host.fl.locator(f"#p{host.quiz_page(0)} .sb-result").inner_text()
    assert "Non réussi" in result and "Votre score\u00a0: 0\u00a0%" in result and "Vous pouvez réessayer." in result
    host.close()
    assert_protocol(host.log())


def test_single_sco_aggregates_every_quiz_and_reports_when_all_are_submitted(host):
    host.launch("gensingle", "gen-course", mastery="70")
    data = host.data()
    assert len(data["quizzes"]) == 2 and len(data["pages"]) == 7
    walk_to_quiz(host, 0)
    host.answer(0, right)  # weights 2 + 1 + 1 = 4 of 4
    host.submit(0)
    assert host.set_calls("cmi.core.score") == [], "no score before every quiz is submitted"
    assert [v for k, v in host.set_calls("cmi.core.lesson_status")] == ["incomplete"]
    walk_to_quiz(host, 1)
    host.answer(1, wrong)  # weights 1 + 3: 0 of 4, so 4 of 8 overall
    host.submit(1)
    assert "Overall score for this unit: 50%" in host.fl.locator(f"#p{host.quiz_page(1)} .sb-result").inner_text()
    host.close()
    log = host.log()
    assert_protocol(log)
    cmi = host.cmi()["core"]
    assert cmi["score"]["raw"] == "50" and cmi["lesson_status"] == "failed"
    assert [r["id"] for r in interactions(log).values()] == ["multi-pick", "tf-true", "single-pick", "tf-false", "multi-all"]
    assert host.sets()["cmi.core.exit"] == "", "the one-attempt quiz is spent and the other passed"


def test_no_api_runs_standalone_with_local_storage(page, site, watch):
    pkg = site.packages["seed"]
    page.goto(pkg.url(SEED_SCO))
    page.wait_for_selector(".sb-page.sb-current")
    notice = page.locator("#sb-notice")
    assert notice.is_visible() and "saved in this browser only" in notice.inner_text()
    assert page.locator("#sb-exit").is_hidden()
    page.locator("#sb-next").click()
    page.locator('#sb-toc a[data-goto="3"]').click()
    page.locator('[id="q-mandated-client-feels-judged-a"]').check()
    order = page.evaluate("[...document.querySelectorAll('#q-mandated-client-feels-judged .sb-option')].map(o => o.dataset.key).join('')")
    key = "scorm-builder:ncmhce-counseling-skills:alliance-trust-safety"
    stored = json.loads(page.evaluate(f"localStorage.getItem('{key}')"))
    assert stored["location"] == "alliance-trust-safety/quiz"
    assert re.match(r"^1\|[0-9a-z]{4}\|3\|[0-9a-z]+\|0\.0\.a,,$", stored["suspend"]), stored
    page.reload()
    page.wait_for_selector(".sb-page.sb-current")
    assert page.evaluate("ScormBuilder.state().page") == 3
    assert page.locator('[id="q-mandated-client-feels-judged-a"]').is_checked()
    assert page.evaluate("[...document.querySelectorAll('#q-mandated-client-feels-judged .sb-option')].map(o => o.dataset.key).join('')") == order
    for qid, k in SEED_QUESTIONS.items():
        page.locator(f'[id="q-{qid}-{k}"]').check()
    page.locator(".sb-submit").click()
    assert "Passed" in page.locator(".sb-result").inner_text()
    sco_requests = [url for frame, url in watch.frame_requests]
    assert sco_requests and all(u.startswith(pkg.base) for u in sco_requests), sco_requests


def test_the_sco_requests_nothing_outside_its_package(host, watch, site):
    host.launch("seed", SEED_SCO)
    walk_to_quiz(host)
    host.close()
    pkg = site.packages["seed"]
    sco = [url for frame, url in watch.frame_requests if frame.startswith(pkg.base)]
    assert sco and all(u.startswith(pkg.base) for u in sco), sco
    assert {u.rsplit("/", 2)[-2] + "/" + u.rsplit("/", 1)[-1] for u in sco} >= {"shared/runtime.js", "shared/style.css"}


def finished_attempt(host) -> dict:
    """The cmi of a launch in which the learner passed the seed quiz."""
    host.launch("seed", SEED_SCO)
    walk_to_quiz(host)
    host.answer(0, right)
    host.submit()
    host.close()
    return host.cmi()


def test_review_mode_shows_the_recorded_attempt_read_only(host):
    first = finished_attempt(host)
    host.launch("seed", SEED_SCO, cmi={
        "core": {"lesson_mode": "review", "credit": "no-credit", "entry": "", "lesson_status": "passed",
                 "lesson_location": first["core"]["lesson_location"], "score": first["core"]["score"]},
        "suspend_data": first["suspend_data"]})
    assert "start a new attempt" in host.fl.locator("#sb-notice").inner_text()
    assert host.current() == 3, "the recorded bookmark"
    result = host.fl.locator("#p3 .sb-result").inner_text()
    assert "Passed" in result and "100%" in result
    assert host.fl.locator("#p3 .sb-submit").is_hidden() and host.fl.locator("#p3 .sb-retry").is_hidden()
    assert all(host.fl.locator("#p3 input").evaluate_all("els => els.map(e => e.disabled)"))
    assert len(host.checked()) == 3
    host.close()
    log = host.log()
    assert_protocol(log)
    written = [e["args"][0] for e in log if e["fn"] == "LMSSetValue"]
    assert written == ["cmi.core.session_time"], written


def test_review_of_a_failed_attempt_offers_no_retry(host):
    host.launch("seed", SEED_SCO)
    walk_to_quiz(host)
    host.answer(0, wrong)
    host.submit()
    host.close()
    first = host.cmi()
    host.launch("seed", SEED_SCO, cmi={
        "core": {"lesson_mode": "review", "credit": "no-credit", "entry": "", "lesson_status": "incomplete",
                 "lesson_location": first["core"]["lesson_location"]},
        "suspend_data": first["suspend_data"]})
    text = host.fl.locator("#p3 .sb-result").inner_text()
    assert "Not passed" in text and "attempts left" not in text
    assert host.fl.locator("#p3 .sb-retry").is_hidden()


def test_entry_ab_initio_starts_fresh_despite_stale_data(host, watch):
    first = finished_attempt(host)
    host.launch("seed", SEED_SCO, cmi={
        "core": {"entry": "ab-initio", "lesson_status": "not attempted",
                 "lesson_location": first["core"]["lesson_location"]},
        "suspend_data": first["suspend_data"]})
    assert host.current() == 0 and host.checked() == []
    assert host.state()["quizzes"][0] == {"used": 0, "submitted": False, "answers": [[], [], []]}
    assert any("ab-initio" in w for w in watch.warnings)


@pytest.mark.parametrize("entry", ["resume", ""])
def test_entry_resume_and_empty_restore(host, entry):
    host.launch("seed", SEED_SCO)
    walk_to_quiz(host)
    host.answer(0, wrong)
    host.close()
    first = host.cmi()
    host.launch("seed", SEED_SCO, cmi={
        "core": {"entry": entry, "lesson_status": "incomplete", "lesson_location": first["core"]["lesson_location"]},
        "suspend_data": first["suspend_data"]})
    assert host.current() == 3 and len(host.checked()) == 3


def test_french_result_plural_follows_the_right_number(host):
    host.launch("genfr", "mixed")
    walk_to_quiz(host)
    # multi-pick (weight 2) wrong, tf-true right, single-pick wrong: 1 of 4 weight = 25
    host.answer(0, lambda q: right(q) if q["id"] == "tf-true" else wrong(q))
    host.submit(0)
    result = host.fl.locator(f"#p{host.quiz_page(0)} .sb-result").inner_text()
    assert "Votre score\u00a0: 25\u00a0%" in result and "(bonnes réponses\u00a0: 1 sur 3)" in result, result


@pytest.mark.parametrize("language, decimals, shown", [
    ("en", 0, "Your score: 67%"), ("en", 2, "Your score: 66.67%"), ("fr", 2, "Your score: 66,67%"),
    ("de-CH", 1, "Your score: 66.7%"),
])
def test_scores_shown_in_the_language_with_the_course_decimals(host, language, decimals, shown):
    host.launch("seed", SEED_SCO)
    host.frame.evaluate(f"(d => {{ d.language = '{language}'; d.scoreDecimals = {decimals}; }})(ScormBuilder.data())")
    walk_to_quiz(host)
    host.answer(0, lambda q: wrong(q) if q["id"] == "mandated-client-feels-judged" else right(q))
    host.submit()
    text = host.fl.locator("#p3 .sb-result").inner_text()
    assert shown in text, text
    host.close()
    assert not host.set_calls("cmi.core.score.raw"), "the LMS gets no score before the result is final"


def test_a_score_below_the_pass_mark_is_never_shown_as_reaching_it(host):
    host.launch("seed", SEED_SCO, mastery="67")
    walk_to_quiz(host)
    host.answer(0, lambda q: wrong(q) if q["id"] == "mandated-client-feels-judged" else right(q))
    host.submit()
    text = host.fl.locator("#p3 .sb-result").inner_text()
    assert "Not passed" in text and "Your score: 66%" in text and "The pass mark is 67%" in text, text
