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
from scorm_builder.preview.app import Preview
from scorm_builder.resources import default_course_dir


class MoodleLms:
    """The scenario's LMS: the real Moodle, student1 through its player."""

    def __init__(self, moodle, learner, zip_path: Path, name: str):
        self.moodle, self.learner = moodle, learner
        self.activity = moodle.upload(zip_path, name, learner.username)

    def open(self) -> Sco:
        return self.learner.open(self.activity)

    def leave(self, sco: Sco) -> None:
        sco.exit_activity()

    def mode(self, sco: Sco) -> str:
        return sco.got("cmi.core.lesson_mode")

    def stored(self) -> dict:
        return normal(self.moodle.readback(self.activity).summary())


class PreviewLms:
    """The scenario's LMS: `scorm-builder preview` with its "moodle" profile chosen."""

    def __init__(self, page, url: str):
        self.page = page
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
        return self.page.evaluate("sbPreview.api.launch.lesson_mode")

    def stored(self) -> dict:
        record, book = self.page.evaluate(
            "i => [sbPreview.store.load(i), sbPreview.gradebook]", self.item)
        values = record["values"]
        return normal({"status": values.get("cmi.core.lesson_status"), "score": values.get("cmi.core.score.raw"),
                       "exit": values.get("cmi.core.exit"), "grade": book["grade"], "completion": book["completion"]})


def normal(summary: dict) -> dict:
    """One notation for both: no score is None, numbers as floats."""
    out = dict(summary)
    out["score"] = None if out["score"] in (None, "") else float(out["score"])
    out["grade"] = None if out["grade"] is None else float(out["grade"])
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


@pytest.mark.parametrize("scenario", [right_answers, one_failed_attempt, fail_come_back_and_pass,
                                      fail_every_attempt_then_review], ids=lambda f: f.__name__)
def test_the_preview_stores_what_moodle_stores(moodle, learner, browser, seed_zip, tmp_path, scenario):
    real = scenario(MoodleLms(moodle, learner, seed_zip, f"differential {scenario.__name__}"))

    course = shutil.copytree(default_course_dir(), tmp_path / "course")
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        with Preview(Path(course), port=0) as running:
            simulated = scenario(PreviewLms(context.new_page(), running.url))
    finally:
        context.close()
    assert simulated == real, json.dumps({"preview": simulated, "moodle": real}, indent=1)
