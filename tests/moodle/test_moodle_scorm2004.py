"""The SCORM 2004 4th Edition package in the real Moodle 4.3: Moodle runs it with its 2004 API
(API_1484_11), grades from cmi.score.raw and completes the activity on cmi.success_status passed."""
from __future__ import annotations

COMPLETE = 1
PASSED = {"completion_status": "completed", "success_status": "passed", "scaled": "1", "score": "100",
          "exit": "normal", "grade": 100.0, "completion": COMPLETE}


def test_moodle_takes_it_as_scorm_2004(moodle, learner, seed_zip_2004):
    activity = moodle.upload(seed_zip_2004, "2004 version", learner.username)
    assert activity.info["version"] == "SCORM_1.3"


def test_right_answers_complete_pass_and_grade(moodle, learner, seed_zip_2004):
    activity = moodle.upload(seed_zip_2004, "2004 right answers", learner.username)
    sco = learner.open(activity)
    assert sco.got("cmi.entry") == "ab-initio" and sco.got("cmi.mode") == "normal"
    assert not [c for c in sco.calls() if c[0].startswith("LMS")], "the 2004 API, not 1.2's"
    sco.go_to_quiz()
    sco.answer_right()
    assert "Passed" in sco.submit()
    sco.exit_activity()
    stored = moodle.readback(activity)
    assert stored.summary_2004() == PASSED, stored.summary_2004()
    results = [i["result"] for i in stored.interactions().values()]
    assert results == ["correct"] * 3


def test_resume_mid_quiz_then_fail_come_back_retry_and_pass(moodle, learner, seed_zip_2004):
    activity = moodle.upload(seed_zip_2004, "2004 resume and retry", learner.username)
    sco = learner.open(activity)
    sco.go_to_quiz()
    first = sco.data()["quizzes"][0]["questions"][0]
    sco.answer(0, lambda q: q["correct"] if q["id"] == first["id"] else [])
    checked = sco.checked()
    sco.exit_activity()
    assert moodle.readback(activity).summary_2004()["exit"] == "suspend"

    sco = learner.open(activity)
    assert sco.got("cmi.entry") == "resume" and sco.checked() == checked
    sco.answer_wrong()
    assert "2 attempts left" in sco.submit()
    sco.exit_activity()
    stored = moodle.readback(activity)
    assert stored.summary_2004() == {"completion_status": "incomplete", "success_status": None, "scaled": None,
                                     "score": None, "exit": "suspend", "grade": None, "completion": None}

    sco = learner.open(activity)
    assert sco.got("cmi.entry") == "resume" and sco.visible_button("Try again")
    sco.try_again()
    sco.answer_right()
    assert "Passed" in sco.submit()
    sco.exit_activity()
    assert moodle.readback(activity).summary_2004() == PASSED


def test_every_attempt_wrong_fails_with_its_grade(moodle, learner, seed_zip_2004):
    activity = moodle.upload(seed_zip_2004, "2004 all wrong", learner.username)
    sco = learner.open(activity)
    sco.go_to_quiz()
    for attempt in (1, 2, 3):
        sco.answer_wrong()
        sco.submit()
        if attempt < 3:
            sco.try_again()
    sco.close_tab()
    stored = moodle.readback(activity)
    assert stored.summary_2004() == {"completion_status": "completed", "success_status": "failed", "scaled": "0",
                                     "score": "0", "exit": "normal", "grade": 0.0, "completion": None}

    sco = learner.open(activity)  # Moodle: completed + failed relaunches in review mode; nothing written
    assert sco.got("cmi.mode") == "review"
    assert "start a new attempt" in sco.notice()
    sco.exit_activity()
    assert moodle.readback(activity).summary_2004() == stored.summary_2004()
