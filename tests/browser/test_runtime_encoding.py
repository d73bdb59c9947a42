"""The runtime's suspend_data encoder (runtime.js) and the builder's worst case (suspend.py) agree exactly."""
from __future__ import annotations

import pytest
from sbhost import SEED_SCO

from scorm_builder import suspend
from scorm_builder.scorm12 import SUSPEND_DATA_MAX

WORST_STATE_JS = """([seedMax, attemptsMax]) => {
  const d = ScormBuilder.data();
  const state = {
    furthest: d.pages.length - 1,
    seed: seedMax,
    quizzes: d.quizzes.map(q => ({
      used: q.attempts || attemptsMax,
      submitted: true,
      // shuffled order on purpose: the encoder writes keys in option order
      answers: q.questions.map(x => x.type === 'multiple' ? x.keys.slice().reverse() : [x.keys[x.keys.length - 1]]),
    })),
  };
  const text = ScormBuilder.codec.encodeState(state, d);
  return {text, declared: d.suspendWorstCase, decoded: ScormBuilder.codec.decodeState(text, d)};
}"""


@pytest.mark.parametrize("package, sco_id", [
    ("seed", SEED_SCO),
    ("gen", "mixed"),  # multiple response, true-false, unlimited attempts, shuffle
    ("gen", "final"),  # one attempt, no shuffle
    ("gen", "reading"),  # no quiz at all
    ("gensingle", "gen-course"),  # two quizzes in one SCO
])
def test_js_encoder_gives_exactly_the_python_worst_case(page, site, package, sco_id):
    pkg = site.packages[package]
    sco = pkg.sco(sco_id)
    page.goto(pkg.url(sco_id))
    page.wait_for_selector(".sb-page.sb-current")
    got = page.evaluate(WORST_STATE_JS, [suspend.SEED_MAX, suspend.ATTEMPTS_COUNTER_MAX])
    expected = suspend.worst_case(sco)
    assert got["text"] == expected
    assert got["declared"] == len(expected) <= SUSPEND_DATA_MAX
    decoded = got["decoded"]
    assert decoded["quizKept"] is True and decoded["seed"] == suspend.SEED_MAX
    assert decoded["furthest"] == len(sco.slots) - 1
    for quiz, state in zip([s.quiz for s in sco.sections if s.quiz], decoded["quizzes"]):
        assert state["submitted"] is True
        assert state["used"] == (quiz.attempts or suspend.ATTEMPTS_COUNTER_MAX)
        for question, answer in zip(quiz.questions, state["answers"]):
            keys = [o.key for o in question.options]
            assert answer == (keys if question.type == "multiple" else keys[-1:])


def test_decoder_rejects_foreign_or_damaged_data(page, site):
    pkg = site.packages["gen"]
    page.goto(pkg.url("mixed"))
    page.wait_for_selector(".sb-page.sb-current")
    quiz_hash = page.evaluate("ScormBuilder.data().quizHash")
    cases = {
        "": None,
        "viewed=1,2,3|lastslide=4": None,
        "2|" + quiz_hash + "|1|a|0.0.,,": None,  # a future format
        "1|" + quiz_hash + "|-1|a|0.0.,,": None,
        "1|" + quiz_hash + "|zz|a|1.0.ab,t,c": "clamped",
        "1|" + quiz_hash + "|1|a|1.0.ab,t": "dropped",  # wrong number of answers
        "1|" + quiz_hash + "|1|a|1.0.ab,t,c;1.0.a": "dropped",  # wrong number of quizzes
        "1|zzzz|1|a|1.1.ab,t,c": "dropped",  # the quiz changed since
    }
    for text, expect in cases.items():
        got = page.evaluate("t => ScormBuilder.codec.decodeState(t, ScormBuilder.data())", text)
        if expect is None:
            assert got is None, text
        elif expect == "clamped":
            assert got["furthest"] == 2 and got["quizKept"] and got["quizzes"][0]["answers"] == [["a", "b"], ["t"], ["c"]]
        else:
            assert got is not None and got["quizKept"] is False, text
            assert got["quizzes"][0] == {"used": 0, "submitted": False, "answers": [[], [], []]}


def test_time_formats(page, site):
    page.goto(site.packages["seed"].url(SEED_SCO))
    page.wait_for_selector(".sb-page.sb-current")
    cases = [
        (0, 4, True, "0000:00:00.00"),
        (1234, 4, True, "0000:00:01.23"),
        (3_723_450, 4, True, "0001:02:03.45"),
        (10_000 * 3_600_000, 4, True, "9999:59:59.99"),
        (65_000, 2, False, "00:01:05"),
    ]
    for ms, digits, hundredths, expected in cases:
        assert page.evaluate("a => ScormBuilder.transport.timespan(...a)", [ms, digits, hundredths]) == expected
    assert [page.evaluate("a => ScormBuilder.scoring.scoreText(...a)", a) for a in ([2, 3], [1, 3], [3, 3], [0, 4], [1, 8])] == \
        ["66.67", "33.33", "100", "0", "12.5"]
