"""The starter course of `scorm-builder new` in the real Moodle 4.3: every question type (matching,
ordering, fill-in and numeric beside the choice types), a case set and a draw from a shared pool,
answered by keyboard in Moodle's player, recorded passed with the right grade; the draw is the
same when the learner comes back, in SCORM 1.2 and 2004. What Moodle stores for each type's
response is asserted as it reads in the database (docs/questions.md, "What the LMS receives")."""
from __future__ import annotations

import pytest
from qtypeskit import SCORM_TYPE, SHOWN, expected_response, right_answer, wrong_answer
from qtypeskit import answer_by_keyboard as answer_with_keys

from scorm_builder.build import build

COMPLETE = 1


def shown(sco) -> list[str]:
    page = next(i for i, p in enumerate(sco.data()["pages"]) if p["quiz"] is not None)
    return sco.frame.locator(f"#p{page}").evaluate(SHOWN.replace("p => ", "(el, p) => "), page)


def questions(sco) -> dict[str, dict]:
    return {q["id"]: q for q in sco.data()["quizzes"][0]["questions"]}


def answer_all(sco, choose, only: list[str] | None = None) -> dict[str, object]:
    qs, given = questions(sco), {}
    for qid in only if only is not None else shown(sco):
        given[qid] = choose(qs[qid])
        answer_with_keys(sco.frame, sco.page.keyboard, qs[qid], given[qid])
    return given


@pytest.fixture(scope="module")
def starter_zips(starter_source, tmp_path_factory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("starter-out")
    return {standard: build(starter_source, out, standard=standard) for standard in ("scorm12", "scorm2004")}


def heading(sco) -> str:
    return sco.frame.get_by_role("heading", level=1).inner_text()


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_every_type_is_recorded_passed_with_its_grade_and_the_draw_survives_a_relaunch(
        moodle, learner, starter_zips, standard):
    built = starter_zips[standard]
    titles = [s.title for s in built.course.scos]
    activity = moodle.upload(built.zip_path, f"starter, every type, {standard}", learner.username)
    given: dict[str, dict[str, object]] = {}

    sco = learner.open(activity)
    assert heading(sco) == titles[0]
    sco.go_to_quiz()
    given[titles[0]] = answer_all(sco, right_answer)
    assert "Passed" in sco.submit()
    # Leave and come back rather than pick the next SCO in the player's contents: Moodle 4.3's SCORM
    # 2004 player keeps the first SCO's terminated API for it (docs/moodle.md, "Several SCOs").
    sco.exit_activity()

    sco = learner.open(activity)  # Moodle launches the SCO not yet done
    assert heading(sco) == titles[1]
    sco.go_to_quiz()
    drawn = shown(sco)
    first = [qid for qid in drawn if qid.startswith("basics-")][0]  # one drawn from the pool
    partly = answer_all(sco, right_answer, only=[first])
    sco.exit_activity()

    sco = learner.open(activity)
    assert heading(sco) == titles[1]
    sco.go_to_quiz()
    assert shown(sco) == drawn, "the draw is kept when the learner comes back"
    rest = answer_all(sco, right_answer, only=[qid for qid in drawn if qid != first])
    answers = {**partly, **rest}
    given[titles[1]] = {qid: answers[qid] for qid in drawn}  # in the order shown
    assert "Passed" in sco.submit()
    sco.exit_activity()

    stored = moodle.readback(activity)
    assert stored.grade == 100.0 and stored.completion == COMPLETE, (stored.grade, stored.completion)
    response = "learner_response" if standard == "scorm2004" else "student_response"
    status = "cmi.success_status" if standard == "scorm2004" else "cmi.core.lesson_status"
    score = "cmi.score.raw" if standard == "scorm2004" else "cmi.core.score.raw"
    seen: set[str] = set()
    for s in (s for s in stored.info["scoes"] if s["launch"]):
        tracks = stored.tracks(scoid=int(s["id"]))
        assert (tracks.get(status), tracks.get(score)) == ("passed", "100"), (s["title"], tracks)
        records = list(stored.interactions(scoid=int(s["id"])).values())
        qs = {q.id: q for q in next(x for x in built.course.scos if x.title == s["title"]).sections[0].quiz.questions}
        assert [r["id"] for r in records] == list(given[s["title"]]), s["title"]
        for r in records:
            q = qs[r["id"]]
            seen.add(q.type)
            page_q = {"id": q.id, "type": q.type, "items": [p.key for p in q.pairs]}
            assert r["type"] == SCORM_TYPE[q.type], r
            assert r[response] == expected_response(page_q, given[s["title"]][q.id], standard), r
            assert r["result"] == "correct", r
    assert seen >= {"single", "multiple", "true-false", "matching", "ordering", "fill-in", "numeric"}


TYPED = "Ça, 1|2; {x} é😀"  # the saved state's and SCORM's separators, accents, an emoji


def test_wrong_answers_of_every_type_fail_with_attempts_left_and_are_kept(moodle, learner, starter_zips):
    built = starter_zips["scorm12"]
    activity = moodle.upload(built.zip_path, "starter, wrong answers", learner.username)
    sco = learner.open(activity)
    sco.go_to_quiz()
    given = answer_all(sco, lambda q: TYPED if q["type"] == "fill-in" else wrong_answer(q))
    text = sco.submit()
    assert "Not passed" in text and "2 attempts left" in text
    sco.exit_activity()
    stored = moodle.readback(activity)
    assert stored.summary()["status"] == "incomplete" and stored.summary()["grade"] is None
    records = list(stored.interactions().values())
    assert [r["id"] for r in records] == list(given)
    assert {r["result"] for r in records} == {"wrong"}
    fill_in = next(r for r in records if r["type"] == "fill-in")
    assert fill_in["student_response"] == TYPED, "Moodle keeps the learner's own text as typed"

    sco = learner.open(activity)  # the text comes back from Moodle's suspend_data
    assert sco.got("cmi.core.entry") == "resume"
    box = sco.frame.locator(f'fieldset[data-question="{fill_in["id"]}"] input.sb-text')
    assert box.input_value() == TYPED
    sco.exit_activity()


def test_moodle_2004_cannot_connect_a_second_sco_opened_from_its_contents(moodle, learner, starter_zips):
    """A limit of Moodle 4.3 (mod/scorm/datamodels/scorm_13.js): its SCORM 2004 API stays terminated
    after the first SCO's Terminate, so the next SCO picked in the player's contents gets error 104 on
    Initialize. The SCO says so to the learner instead of pretending to record (docs/moodle.md). If
    this test fails, Moodle has lifted the limit: update docs/moodle.md, "Several SCOs"."""
    built = starter_zips["scorm2004"]
    titles = [s.title for s in built.course.scos]
    activity = moodle.upload(built.zip_path, "starter 2004, switch in the player", learner.username)
    sco = learner.open(activity)
    sco.go_to_quiz()
    answer_all(sco, right_answer)
    assert "Passed" in sco.submit()
    sco.switch_to(titles[1])
    initializes = [c for c in sco.calls() if c[0] == "Initialize"]
    results = [c[-1] for c in initializes]
    assert results[0] == "true" and len(results) > 1 and set(results[1:]) == {"false"}, initializes
    assert "did not respond" in sco.notice()
