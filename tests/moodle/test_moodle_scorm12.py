"""SCORM 1.2 packages in the real Moodle 4.3: what Moodle records for what the learner did.

Each test uploads its own activity, uses the SCO as a student would (keyboard, roles, Moodle's
"Exit activity" link or closing the tab) and asserts on what Moodle stored: the tracks, the
gradebook grade and the activity's completion ("status passed required", add_scorm.php's default).
The policy under test is docs/runtime.md, "Status and score" and "Retries".
"""
from __future__ import annotations

COMPLETE = 1  # mdl_course_modules_completion.completionstate
NOT_COMPLETE = None  # Moodle stores no completion row for a learner who has not met the rule


def test_right_answers_pass_with_grade_and_completion(moodle, learner, seed_zip):
    activity = moodle.upload(seed_zip, "right answers", learner.username)
    sco = learner.open(activity)
    assert sco.got("cmi.core.entry") == "ab-initio"
    sco.go_to_quiz()
    sco.answer_right()
    assert "Passed" in sco.submit()
    sco.exit_activity()

    stored = moodle.readback(activity)
    assert stored.summary() == {"status": "passed", "score": "100", "exit": "", "grade": 100.0,
                                "completion": COMPLETE}, stored.summary()
    interactions = stored.interactions()
    assert [i["result"] for i in interactions.values()] == ["correct"] * 3
    assert stored.value("cmi.suspend_data").startswith("1|")


def fail_once(sco) -> str:
    sco.answer_wrong()
    return sco.submit()


def test_a_failed_attempt_with_retries_left_is_not_recorded_as_failed(moodle, learner, seed_zip):
    activity = moodle.upload(seed_zip, "one failed attempt", learner.username)
    sco = learner.open(activity)
    sco.go_to_quiz()
    text = fail_once(sco)
    assert "Not passed" in text and "2 attempts left" in text
    assert sco.visible_button("Try again")
    sco.exit_activity()

    stored = moodle.readback(activity)
    # docs/runtime.md, "Retries": no failed status and no score while attempts remain
    assert stored.summary() == {"status": "incomplete", "score": None, "exit": "suspend", "grade": None,
                                "completion": NOT_COMPLETE}, stored.summary()
    assert [i["result"] for i in stored.interactions().values()] == ["wrong"] * 3, "every answer is kept"


def test_fail_leave_come_back_retry_and_pass(moodle, learner, seed_zip):
    activity = moodle.upload(seed_zip, "fail then pass", learner.username)
    sco = learner.open(activity)
    sco.go_to_quiz()
    fail_once(sco)
    sco.exit_activity()

    sco = learner.open(activity)
    assert sco.got("cmi.core.entry") == "resume" and sco.got("cmi.core.lesson_mode") == "normal"
    assert "2 attempts left" in sco.frame.locator(".sb-page.sb-current .sb-result").inner_text()
    sco.try_again()
    sco.answer_right()
    assert "Passed" in sco.submit()
    sco.exit_activity()

    stored = moodle.readback(activity)
    assert stored.summary() == {"status": "passed", "score": "100", "exit": "", "grade": 100.0,
                                "completion": COMPLETE}, stored.summary()
    assert stored.attempts == [1]
    assert [i["result"] for i in stored.interactions().values()] == ["wrong"] * 3 + ["correct"] * 3


def test_every_attempt_wrong_records_failed_and_the_result_stays(moodle, learner, seed_zip):
    activity = moodle.upload(seed_zip, "all wrong", learner.username)
    sco = learner.open(activity)
    sco.go_to_quiz()
    for attempt in (1, 2, 3):
        text = fail_once(sco)
        if attempt < 3:
            sco.try_again()
    assert "no attempts left" in text and not sco.visible_button("Try again")
    sco.exit_activity()

    stored = moodle.readback(activity)
    assert stored.summary() == {"status": "failed", "score": "0", "exit": "", "grade": 0.0,
                                "completion": NOT_COMPLETE}, stored.summary()

    # Moodle relaunches a failed SCO in review mode: the recorded result, read-only
    sco = learner.open(activity)
    assert sco.got("cmi.core.lesson_mode") == "review"
    assert "start a new attempt" in sco.notice()
    assert "Not passed" in sco.frame.locator(".sb-result").inner_text()
    assert not sco.visible_button("Submit answers") and not sco.visible_button("Try again")
    sco.exit_activity()
    assert moodle.readback(activity).summary() == stored.summary()


def test_resume_mid_quiz_restores_the_page_and_answers(moodle, learner, seed_zip):
    activity = moodle.upload(seed_zip, "resume mid-quiz", learner.username)
    sco = learner.open(activity)
    sco.go_to_quiz()
    questions = sco.data()["quizzes"][0]["questions"]
    sco.answer(0, lambda q: q["correct"] if q["id"] != questions[-1]["id"] else [])
    checked = sco.checked()
    heading = sco.current_heading()
    sco.exit_activity()
    stored = moodle.readback(activity)
    assert stored.summary()["exit"] == "suspend" and stored.summary()["status"] == "incomplete"

    sco = learner.open(activity)
    assert sco.got("cmi.core.entry") == "resume"
    assert sco.current_heading() == heading and sco.checked() == checked and len(checked) == 2
    sco.answer_right()
    assert "Passed" in sco.submit()
    sco.exit_activity()
    assert moodle.readback(activity).summary()["grade"] == 100.0


def test_closing_the_tab_loses_nothing(moodle, learner, seed_zip):
    activity = moodle.upload(seed_zip, "close the tab", learner.username)
    sco = learner.open(activity)
    sco.go_to_quiz()
    sco.answer(0, lambda q: q["correct"][:1] if q is sco.data()["quizzes"][0]["questions"][0] else [])
    sco.answer(0, lambda q: [])  # nothing more: one answer given
    checked = sco.checked()
    sco.close_tab()

    stored = moodle.readback(activity)
    assert stored.summary()["exit"] == "suspend"
    assert stored.value("cmi.core.lesson_location").endswith("/quiz")
    assert stored.value("cmi.core.total_time") not in (None, "00:00:00"), "LMSFinish arrived"

    sco = learner.open(activity)
    assert sco.got("cmi.core.entry") == "resume" and sco.checked() == checked
    sco.answer_right()
    assert "Passed" in sco.submit()
    sco.close_tab()
    assert moodle.readback(activity).summary() == {"status": "passed", "score": "100", "exit": "",
                                                    "grade": 100.0, "completion": COMPLETE}


def test_review_after_a_pass_shows_the_result_and_changes_nothing(moodle, learner, seed_zip):
    activity = moodle.upload(seed_zip, "review after pass", learner.username)
    sco = learner.open(activity)
    sco.go_to_quiz()
    sco.answer_right()
    sco.submit()
    sco.exit_activity()
    before = moodle.readback(activity)

    sco = learner.open(activity)
    assert sco.got("cmi.core.lesson_mode") == "review" and sco.got("cmi.core.credit") == "no-credit"
    sco.go_to_quiz()
    assert "Passed" in sco.frame.locator(".sb-page.sb-current .sb-result").inner_text()
    assert not sco.visible_button("Submit answers") and not sco.visible_button("Try again")
    assert all(sco.frame.locator("input").evaluate_all("els => els.map(e => e.disabled)"))
    sco.exit_activity()
    after = moodle.readback(activity)
    assert after.summary() == before.summary()
    written = {c[1] for c in sco.calls() if c[0] == "LMSSetValue"}
    assert written <= {"cmi.core.session_time"}, written


def test_start_a_new_attempt_after_failing(moodle, learner, seed_zip):
    activity = moodle.upload(seed_zip, "new attempt", learner.username, skipview=0)
    sco = learner.open(activity)
    sco.go_to_quiz()
    for attempt in (1, 2, 3):
        fail_once(sco)
        if attempt < 3:
            sco.try_again()
    sco.exit_activity()
    assert moodle.readback(activity).summary()["status"] == "failed"

    sco = learner.open(activity, new_attempt=True)
    assert sco.got("cmi.core.entry") == "ab-initio" and sco.got("cmi.core.lesson_mode") == "normal"
    sco.go_to_quiz()
    assert sco.checked() == [] and sco.visible_button("Submit answers")
    sco.answer_right()
    assert "Passed" in sco.submit()
    sco.exit_activity()
    stored = moodle.readback(activity)
    assert stored.attempts == [1, 2]
    assert stored.value("cmi.core.lesson_status", attempt=1) == "failed"
    assert stored.summary() == {"status": "passed", "score": "100", "exit": "", "grade": 100.0,
                                "completion": COMPLETE}, stored.summary()


def test_a_replaced_package_keeps_the_attempt_and_answers(moodle, learner, seed_copy, tmp_path):
    from scorm_builder.build import build

    first = build(seed_copy, tmp_path / "v1").zip_path
    activity = moodle.upload(first, "replaced package", learner.username)
    sco = learner.open(activity)
    sco.go_to_quiz()
    sco.answer(0, lambda q: q["correct"] if q is sco.data()["quizzes"][0]["questions"][0] else [])
    checked = sco.checked()
    sco.exit_activity()

    page = next((seed_copy / "sections").glob("*/02-*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added after the first upload.\n",
                    encoding="utf-8")
    second = build(seed_copy, tmp_path / "v2").zip_path
    info = moodle.replace(activity, second)
    assert info["revision"] != info["before"]["revision"], "Moodle took the new content"
    assert [s["identifier"] for s in info["scoes"]] == [s["identifier"] for s in info["before"]["scoes"]]

    sco = learner.open(activity)
    assert sco.got("cmi.core.entry") == "resume" and sco.checked() == checked
    sco.answer_right()
    assert "Passed" in sco.submit()
    sco.exit_activity()
    stored = moodle.readback(activity)
    assert stored.attempts == [1] and stored.summary()["grade"] == 100.0


def per_sco(stored) -> dict[str, tuple]:
    titles = {int(s["id"]): s["title"] for s in stored.info["scoes"]}
    return {titles[int(p["scoid"])]: (p["status"], p["score_raw"]) for p in stored.info["per_sco"]}


def interaction_types(stored) -> list[tuple[str, str, str]]:
    return [(i["id"], i["type"], i["result"]) for i in stored.interactions().values()]


def test_single_sco_course_with_every_question_type(moodle, learner, build_course, tmp_path_factory):
    from coursekit import make_generated_course

    zip_path = build_course(make_generated_course(tmp_path_factory.mktemp("gen1"), "single-sco"), "gensingle")
    activity = moodle.upload(zip_path, "single SCO, every type", learner.username)
    sco = learner.open(activity)
    for quiz in (0, 1):
        sco.go_to_quiz(quiz)
        sco.answer_right(quiz)
        assert "Passed" in sco.submit()
    sco.exit_activity()

    stored = moodle.readback(activity)
    assert stored.summary() == {"status": "passed", "score": "100", "exit": "", "grade": 100.0,
                                "completion": COMPLETE}, stored.summary()
    assert interaction_types(stored) == [
        ("multi-pick", "choice", "correct"), ("tf-true", "true-false", "correct"),
        ("single-pick", "choice", "correct"), ("tf-false", "true-false", "correct"),
        ("multi-all", "choice", "correct")]
    responses = {i["id"]: i["student_response"] for i in stored.interactions().values()}
    assert responses == {"multi-pick": "a,c", "tf-true": "t", "single-pick": "c", "tf-false": "f", "multi-all": "a,b"}


def test_sco_per_section_course_with_every_question_type(moodle, learner, build_course, tmp_path_factory):
    from coursekit import make_generated_course

    zip_path = build_course(make_generated_course(tmp_path_factory.mktemp("gen3"), "sco-per-section"), "gen")
    activity = moodle.upload(zip_path, "three SCOs, every type", learner.username)
    sco = learner.open(activity)
    assert sco.frame.get_by_role("heading", level=1).inner_text() == "Mixed questions"
    sco.go_to_quiz()
    sco.answer(0, lambda q: q["correct"] if q["type"] != "multiple" else q["correct"][:1])  # one wrong
    assert "Not passed" in sco.submit()
    sco.try_again()  # unlimited attempts
    sco.answer_right()
    assert "Passed" in sco.submit()
    sco.switch_to("Reading only")
    sco.next()
    sco.switch_to("Final check")
    sco.go_to_quiz()
    sco.answer_right()
    assert "Passed" in sco.submit()
    sco.exit_activity()

    stored = moodle.readback(activity)
    assert per_sco(stored) == {"Mixed questions": ("passed", 100), "Reading only": ("completed", ""),
                               "Final check": ("passed", 100)}, per_sco(stored)
    assert stored.grade == 100.0 and stored.completion == COMPLETE
    results = {s["title"]: [i["result"] for i in stored.interactions(scoid=int(s["id"])).values()]
               for s in stored.info["scoes"] if s["launch"]}
    assert results == {"Mixed questions": ["wrong", "correct", "correct"] + ["correct"] * 3, "Reading only": [],
                       "Final check": ["correct", "correct"]}, results


def test_display_in_a_new_window(moodle, learner, seed_zip):
    activity = moodle.upload(seed_zip, "new window", learner.username, popup=1)
    sco = learner.open_popup(activity)
    sco.go_to_quiz()
    sco.answer_right()
    assert "Passed" in sco.submit()
    sco.close_tab()  # the learner closes the SCO's window
    stored = moodle.readback(activity)
    assert stored.summary() == {"status": "passed", "score": "100", "exit": "", "grade": 100.0,
                                "completion": COMPLETE}, stored.summary()
