"""The preview's "moodle" profile against the real Moodle 4.3: the same learner, the same package,
the same scenario in both, and what each stored compared (status, score, exit, gradebook grade,
completion, the launch mode of each relaunch). docs/moodle.md lists the behaviours modelled.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from moodlesite import Sco
from qtypeskit import right_answer, wrong_answer
from test_moodle_qtypes import answer_all
from scorm_builder.preview.app import Preview
from scorm_builder.resources import default_course_dir


class MoodleLms:
    """The scenario's LMS: the real Moodle, student1 through its player."""

    def __init__(self, moodle, learner, zip_path: Path, name: str, standard: str):
        self.moodle, self.learner, self.standard = moodle, learner, standard
        self.activity = moodle.upload(zip_path, name, learner.username)

    def open(self) -> Sco:
        return self.learner.open(self.activity)

    def leave(self, sco: Sco) -> None:
        sco.exit_activity()

    def mode(self, sco: Sco) -> str:
        return sco.got("cmi.core.lesson_mode" if self.standard == "scorm12" else "cmi.mode")

    def stored(self) -> dict:
        stored = self.moodle.readback(self.activity)
        return normal(stored.summary() if self.standard == "scorm12" else stored.summary_2004())


class PreviewLms:
    """The scenario's LMS: `scorm-builder preview` with its "moodle" profile chosen."""

    def __init__(self, page, url: str, standard: str):
        self.page, self.standard = page, standard
        page.goto(url)
        page.locator("#toc button[data-item]").first.wait_for()
        page.locator("#profile").select_option("moodle")
        self.item = page.locator("#toc button[data-item]").first.get_attribute("data-item")

    def open(self) -> Sco:
        self.page.locator(f'#toc button[data-item="{self.item}"]').click()
        self.page.wait_for_function("() => sbPreview.api && sbPreview.api.state === 'running'")
        return Sco(None, self.page, self.page.frame_locator("#sco-frame"))

    def leave(self, sco: Sco) -> None:
        self.page.evaluate("sbPreview.unload()")  # the LMS unloads the SCO: its pagehide runs

    def mode(self, sco: Sco) -> str:
        key = "lesson_mode" if self.standard == "scorm12" else "mode"
        return self.page.evaluate("k => sbPreview.api.launch[k]", key)

    def stored(self) -> dict:
        record, book = self.page.evaluate(
            "i => [sbPreview.store.load(i), sbPreview.gradebook]", self.item)
        values = record["values"]
        if self.standard == "scorm12":
            return normal({"status": values.get("cmi.core.lesson_status"), "score": values.get("cmi.core.score.raw"),
                           "exit": values.get("cmi.core.exit"), "grade": book["grade"],
                           "completion": book["completion"]})
        return normal({"completion_status": values.get("cmi.completion_status"),
                       "success_status": values.get("cmi.success_status"), "scaled": values.get("cmi.score.scaled"),
                       "score": values.get("cmi.score.raw"), "exit": values.get("cmi.exit"), "grade": book["grade"],
                       "completion": book["completion"]})


def normal(summary: dict) -> dict:
    """One notation for both: a value never set is None (the preview's record starts with the data
    model's initial values, Moodle stores only what the SCO sent), numbers as floats."""
    initial = {"success_status": "unknown", "completion_status": "unknown"}
    out = {k: (None if v in ("", initial.get(k)) else v) for k, v in summary.items()}
    for key in ("score", "scaled", "grade"):
        if out.get(key) is not None:
            out[key] = float(out[key])
    return out


def right_answers(lms) -> list:
    sco = lms.open()
    sco.go_to_quiz()
    sco.answer_right()
    sco.submit()
    lms.leave(sco)
    return [lms.stored()]


def one_failed_attempt(lms) -> list:
    sco = lms.open()
    sco.go_to_quiz()
    sco.answer_wrong()
    sco.submit()
    lms.leave(sco)
    return [lms.stored()]


def fail_come_back_and_pass(lms) -> list:
    sco = lms.open()
    sco.go_to_quiz()
    sco.answer_wrong()
    sco.submit()
    lms.leave(sco)
    seen = [lms.stored()]
    sco = lms.open()
    seen.append(lms.mode(sco))
    sco.try_again()
    sco.answer_right()
    sco.submit()
    lms.leave(sco)
    return seen + [lms.stored()]


def fail_every_attempt_then_review(lms) -> list:
    sco = lms.open()
    sco.go_to_quiz()
    for attempt in (1, 2, 3):
        sco.answer_wrong()
        sco.submit()
        if attempt < 3:
            sco.try_again()
    lms.leave(sco)
    seen = [lms.stored()]
    sco = lms.open()
    seen.append(lms.mode(sco))
    lms.leave(sco)
    return seen + [lms.stored()]


def in_preview(browser, source: Path, tmp_path: Path, standard: str, scenario) -> list:
    """The scenario run in `scorm-builder preview` (its "moodle" profile) on a copy of ``source``."""
    course = shutil.copytree(source, tmp_path / "course")
    yml = course / "course.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + f"standard: {standard}\n", encoding="utf-8")
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        with Preview(Path(course), port=0) as running:
            return scenario(PreviewLms(context.new_page(), running.url, standard))
    finally:
        context.close()


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
@pytest.mark.parametrize("scenario", [right_answers, one_failed_attempt, fail_come_back_and_pass,
                                      fail_every_attempt_then_review], ids=lambda f: f.__name__)
def test_the_preview_stores_what_moodle_stores(moodle, learner, browser, seed_zip, seed_zip_2004, tmp_path, scenario,
                                               standard):
    zip_path = seed_zip if standard == "scorm12" else seed_zip_2004
    real = scenario(MoodleLms(moodle, learner, zip_path, f"differential {standard} {scenario.__name__}", standard))
    simulated = in_preview(browser, default_course_dir(), tmp_path, standard, scenario)
    assert simulated == real, json.dumps({"preview": simulated, "moodle": real}, indent=1)


def every_type_wrong_then_right(lms) -> list:
    """The starter course's first SCO (every question type): all wrong, leave, come back, retry, all right."""
    sco = lms.open()
    sco.go_to_quiz()
    answer_all(sco, wrong_answer)
    sco.submit()
    lms.leave(sco)
    seen = [lms.stored()]
    sco = lms.open()
    sco.try_again()
    answer_all(sco, right_answer)
    sco.submit()
    lms.leave(sco)
    return seen + [lms.stored(), lms.interactions()]


def moodle_interactions(self) -> list:
    stored = self.moodle.readback(self.activity)
    return interaction_rows(stored.interactions(), self.standard)


def preview_interactions(self) -> list:
    values = self.page.evaluate("i => sbPreview.store.load(i).values", self.item)
    found: dict[int, dict] = {}
    for key, value in values.items():
        parts = key.split(".")
        if key.startswith("cmi.interactions.") and parts[2].isdigit():
            found.setdefault(int(parts[2]), {})[".".join(parts[3:])] = value
    return interaction_rows(found, self.standard)


def interaction_rows(found: dict[int, dict], standard: str) -> list:
    response = "student_response" if standard == "scorm12" else "learner_response"
    def pattern(r: dict):  # Moodle keeps SCORM 1.2's as correct_responses_0.pattern
        return r.get("correct_responses.0.pattern", r.get("correct_responses_0.pattern"))
    return [(r.get("id"), r.get("type"), r.get(response), pattern(r), r.get("result")) for _, r in sorted(found.items())]


MoodleLms.interactions = moodle_interactions
PreviewLms.interactions = preview_interactions


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_the_preview_stores_every_question_type_as_moodle_does(moodle, learner, browser, starter_source, tmp_path,
                                                              standard):
    from scorm_builder.build import build

    zip_path = build(starter_source, tmp_path / "out", standard=standard).zip_path
    real = every_type_wrong_then_right(MoodleLms(moodle, learner, zip_path, f"differential {standard} every type",
                                                 standard))
    simulated = in_preview(browser, starter_source, tmp_path, standard, every_type_wrong_then_right)
    assert {row[1] for row in real[-1]} >= {"matching", "fill-in", "numeric", "choice", "true-false"}  # the first SCO
    assert simulated == real, json.dumps({"preview": simulated, "moodle": real}, indent=1)


def moodle_switch(self, sco, title: str):
    sco.switch_to(title)
    return sco


def preview_switch(self, sco, title: str):
    """The player's table of contents: another SCO, launched by the same player page."""
    self.page.locator("#toc button[data-item]", has_text=title).click()
    self.page.wait_for_function(
        "t => { const f = document.querySelector('#sco-frame'); const d = f && f.contentDocument;"
        " const h = d && d.querySelector('h1'); return h && h.textContent.trim() === t && d.querySelector('.sb-page.sb-current'); }",
        arg=title)
    return Sco(None, self.page, self.page.frame_locator("#sco-frame"))


MoodleLms.switch = moodle_switch
PreviewLms.switch = preview_switch


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_the_preview_connects_a_second_sco_from_the_contents_as_moodle_does(moodle, learner, browser, starter_source,
                                                                            tmp_path, standard):
    """Moodle 4.3's SCORM 2004 player cannot connect the next SCO picked in its contents once the
    first one terminated (docs/moodle.md, "Several SCOs"); SCORM 1.2's can. The preview's Moodle
    profile must do the same, so that a course team sees it before uploading."""
    from scorm_builder.build import build

    built = build(starter_source, tmp_path / "out", standard=standard)
    second = built.course.scos[1].title

    def scenario(lms) -> list:
        sco = lms.open()
        sco.go_to_quiz()
        answer_all(sco, right_answer)
        sco.submit()
        sco = lms.switch(sco, second)
        notice = sco.notice() if sco.frame.locator("#sb-notice").is_visible() else ""
        lms.leave(sco)
        return ["did not respond" in notice]

    real = scenario(MoodleLms(moodle, learner, built.zip_path, f"differential {standard} switch", standard))
    assert real == [standard == "scorm2004"]
    simulated = in_preview(browser, starter_source, tmp_path / "preview", standard, scenario)
    assert simulated == real
