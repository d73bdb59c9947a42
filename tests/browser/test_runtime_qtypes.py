"""The question types of issue 14 in a real browser, under scorm-again: the starter course of
`scorm-builder new` (every type, a case set, a draw from a shared pool) answered by keyboard only,
its interactions accepted by scorm-again in SCORM 1.2 and 2004 with the formats each standard
gives each type, axe-core at 1280 and 320 px, the draw kept on resume and drawn again on retry,
and the runtime's encoder writing exactly the worst case the build computed."""
from __future__ import annotations

import zipfile

import pytest
from qtypeskit import SCORM_TYPE, SHOWN, expected_response, right_answer, wrong_answer
from qtypeskit import answer_by_keyboard as answer_with_keys
from sbhost import Host, interactions
from test_runtime_a11y import axe_violations

from scorm_builder import suspend
from scorm_builder.build import build
from scorm_builder.new import create_course
from scorm_builder.scorm12 import SUSPEND_DATA_MAX

SCOS = ("getting-started", "next-steps")


def shown(host: Host) -> list[str]:
    """The ids of the questions on the quiz page the learner can see, in the order shown."""
    return host.frame.evaluate(SHOWN, host.quiz_page())


def questions(host: Host) -> dict[str, dict]:
    return {q["id"]: q for q in host.data()["quizzes"][0]["questions"]}


def answer_by_keyboard(host: Host, q: dict, answer) -> None:
    answer_with_keys(host.fl, host.page.keyboard, q, answer)


def submit_by_keyboard(host: Host) -> None:
    host.fl.locator(f"#p{host.quiz_page()} .sb-submit").focus()
    host.page.keyboard.press("Enter")


def open_quiz(host: Host, package: str, sco: str, cmi: dict | None = None):
    host.launch(package, sco, cmi=cmi)
    host.go_to_page(host.quiz_page())


@pytest.mark.parametrize("package", ["starter", "starter2004"])
def test_every_type_answered_by_keyboard_is_recorded_by_scorm_again(page, site, package):
    seen_types = set()
    for sco in SCOS:
        host = Host(page, site)
        open_quiz(host, package, sco)
        qs = questions(host)
        ids = shown(host)
        for qid in ids:
            answer_by_keyboard(host, qs[qid], right_answer(qs[qid]))
        submit_by_keyboard(host)
        host.frame.wait_for_selector(".sb-result.sb-pass")
        records = interactions(host.log())
        assert [r["id"] for r in records.values()] == ids
        response = "learner_response" if host.standard == "scorm2004" else "student_response"
        for r in records.values():
            q = qs[r["id"]]
            seen_types.add(q["type"])
            assert r["type"] == SCORM_TYPE[q["type"]], r
            assert r[response] == expected_response(q, right_answer(q), host.standard), r
            assert r["result"] == "correct", r
            assert r["weighting"] == str(q["weight"])
        errors = [e for e in host.log() if e["error"] != "0"]
        assert errors == [], errors  # scorm-again accepted every value
        cmi = host.cmi()
        if host.standard == "scorm2004":
            assert (cmi["success_status"], cmi["completion_status"], cmi["score"]["raw"]) == ("passed", "completed", "100")
        else:
            assert (cmi["core"]["lesson_status"], cmi["core"]["score"]["raw"]) == ("passed", "100")
    assert seen_types >= {"matching", "ordering", "fill-in", "numeric", "single", "multiple", "true-false"}


@pytest.mark.parametrize("sco", SCOS)
def test_wrong_answers_show_each_types_feedback_and_axe_finds_nothing(page, site, sco):
    host = Host(page, site)
    open_quiz(host, "starter", sco)
    qs = questions(host)
    assert axe_violations(host.frame) == []
    for qid in shown(host):
        answer_by_keyboard(host, qs[qid], wrong_answer(qs[qid]))
    submit_by_keyboard(host)
    host.frame.wait_for_selector(".sb-result.sb-fail")
    for qid in shown(host):
        q = qs[qid]
        fs = host.fl.locator(f'fieldset[data-question="{qid}"]')
        assert fs.locator(".sb-qresult").inner_text() == "Not correct", qid
        if q["type"] == "matching":
            assert fs.locator(".sb-feedback[data-item] .sb-verdict").first.inner_text().startswith("Not correct. The right match:")
        if q["type"] in ("fill-in", "numeric", "ordering"):
            assert fs.locator(".sb-solution").is_visible(), qid
        if q["type"] in ("matching", "ordering", "fill-in", "numeric") and fs.locator('[data-when="wrong"]').count():
            assert fs.locator('[data-when="wrong"]').is_visible(), qid
        for control in fs.locator("select, input, .sb-order button").all():
            assert control.is_disabled(), qid  # locked once submitted
    found = {"after a failing submit": axe_violations(host.frame)}
    page.set_viewport_size({"width": 320, "height": 720})
    found["at 320 px"] = axe_violations(host.frame)
    width = host.frame.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"the quiz scrolls sideways at 320 px: {width}"
    assert {k: v for k, v in found.items() if v} == {}


def test_an_ordering_move_keeps_focus_and_is_announced(page, site):
    host = Host(page, site)
    open_quiz(host, "starter", "next-steps")
    fs = host.fl.locator('fieldset[data-question="steps-in-order"]')
    order = fs.locator(".sb-order-item").evaluate_all("items => items.map(i => i.dataset.key)")
    assert order != ["a", "b", "c", "d"], "never shown already in order"
    second = order[1]
    fs.locator(f'.sb-order-item[data-key="{second}"] .sb-up').focus()
    page.keyboard.press("Enter")
    assert fs.locator(".sb-order-item").evaluate_all("items => items.map(i => i.dataset.key)")[0] == second
    focused = host.frame.evaluate("document.activeElement.closest('.sb-order-item').dataset.key")
    assert focused == second
    assert "moved to position 1 of 4" in host.fl.locator("#sb-status").inner_text()
    # at the top its "up" button is disabled, so focus went to its "down" button
    assert host.frame.evaluate("document.activeElement.classList.contains('sb-down')")


def test_a_number_that_is_not_one_is_refused_with_a_message(page, site):
    host = Host(page, site)
    open_quiz(host, "starter", "getting-started")
    qs = questions(host)
    for qid in shown(host):
        q = qs[qid]
        answer_by_keyboard(host, q, "twelve" if q["type"] == "numeric" else right_answer(q))
    submit_by_keyboard(host)
    numeric = next(qid for qid in shown(host) if qs[qid]["type"] == "numeric")
    message = host.fl.locator(f"#qmsg-{numeric}")
    assert message.is_visible() and "type a number" in message.inner_text()
    assert interactions(host.log()) == {}  # nothing submitted


def test_the_draw_is_kept_on_resume_and_drawn_again_on_retry(page, site):
    host = Host(page, site)
    open_quiz(host, "starter", "next-steps")
    first = shown(host)
    assert "steps-in-order" in first and "sams-update-which-change" in first  # the fixed items
    assert len(first) == 5  # the ordering, the case's two, and two drawn from the pool of four
    qs = questions(host)
    drawn = [qid for qid in first if qid.startswith("basics-")]
    answer_by_keyboard(host, qs[drawn[0]], wrong_answer(qs[drawn[0]]))
    saved = host.sets()["cmi.suspend_data"]
    host.close()
    host = Host(page, site)
    open_quiz(host, "starter", "next-steps",
              cmi={"core": {"entry": "resume", "lesson_location": "next-steps/quiz"}, "suspend_data": saved})
    assert shown(host) == first
    assert host.state()["quizzes"][0]["answers"][list(qs).index(drawn[0])] != []
    # fail, then retry: a new attempt draws with its own attempt number (the seed stays)
    for qid in first:
        answer_by_keyboard(host, qs[qid], wrong_answer(qs[qid]))
    submit_by_keyboard(host)
    host.fl.locator(f"#p{host.quiz_page()} .sb-retry").click()
    expected = host.frame.evaluate("""() => {
      const d = ScormBuilder.data(), st = ScormBuilder.state();
      return ScormBuilder.scoring.drawn(d.quizzes[0], st.seed, 0, 1).map(i => d.quizzes[0].questions[i].id);
    }""")
    assert shown(host) == expected
    draws = host.frame.evaluate("""() => {
      const d = ScormBuilder.data(), st = ScormBuilder.state();
      return [0, 1, 2, 3, 4, 5, 6, 7].map(a => ScormBuilder.scoring.drawn(d.quizzes[0], st.seed, 0, a).join());
    }""")
    assert len(set(draws)) > 1, "attempts draw different questions"


WORST_JS = """([seedMax, attemptsMax, tries]) => {
  const d = ScormBuilder.data(), S = ScormBuilder.scoring;
  const worstAnswer = q => q.maxLength ? ['x'.repeat(q.maxLength)] : q.type === 'multiple' || q.type === 'ordering'
    ? q.keys.slice() : q.items ? q.correct.slice() : [q.keys[q.keys.length - 1]];
  const texts = [];
  for (let seed = seedMax, n = 0; n < tries; seed--, n++) {
    const state = {furthest: d.pages.length - 1, seed, quizzes: d.quizzes.map(q => ({
      used: q.attempts || attemptsMax, submitted: true, answers: q.questions.map(worstAnswer)}))};
    texts.push(ScormBuilder.codec.encodeState(state, d));
  }
  return {texts, declared: d.suspendWorstCase};
}"""


@pytest.mark.parametrize("package, sco_id", [("starter", "getting-started"), ("starter", "next-steps"),
                                             ("starter2004", "next-steps")])
def test_the_encoder_reaches_exactly_the_worst_case_the_build_computed(page, site, package, sco_id):
    pkg = site.packages[package]
    page.goto(pkg.url(sco_id))
    page.wait_for_selector(".sb-page.sb-current")
    got = page.evaluate(WORST_JS, [suspend.SEED_MAX, suspend.ATTEMPTS_COUNTER_MAX, 400])
    expected = suspend.worst_case(pkg.sco(sco_id))
    assert got["declared"] == len(expected) <= SUSPEND_DATA_MAX
    # whatever the draw, never longer than the worst case; some seed draws the heaviest units
    assert max(len(t) for t in got["texts"]) == len(expected)
    assert any(t.split("|", 4)[4] == expected.split("|", 4)[4] for t in got["texts"])


@pytest.mark.parametrize("package", ["starter", "starter2004"])
def test_a_learners_own_text_survives_saving_resuming_and_reporting(page, site, package):
    """Separators of the saved state and of SCORM's response formats, accents and an emoji typed
    into a fill-in answer: scorm-again accepts the interaction, and a resume gives the text back."""
    typed = "Ça, 1|2; {x} [,] é😀"
    host = Host(page, site)
    open_quiz(host, package, "getting-started")
    qs = questions(host)
    fill_in = next(qid for qid in shown(host) if qs[qid]["type"] == "fill-in")
    assert len(typed) <= qs[fill_in]["maxLength"]
    for qid in shown(host):
        answer_by_keyboard(host, qs[qid], typed if qid == fill_in else wrong_answer(qs[qid]))
    saved = host.sets()["cmi.suspend_data"]
    submit_by_keyboard(host)
    host.frame.wait_for_selector(".sb-result.sb-fail")
    assert [e for e in host.log() if e["error"] != "0"] == []
    record = next(r for r in interactions(host.log()).values() if r["id"] == fill_in)
    response = record.get("learner_response", record.get("student_response"))
    if host.standard == "scorm2004":  # "[,]" separates several fill-in responses in 2004: written as ","
        assert response == typed.replace("[,]", ",")
    else:
        assert response == typed
    host.close()
    host = Host(page, site)
    entry = {"entry": "resume", "suspend_data": saved} if package == "starter2004" else \
        {"core": {"entry": "resume"}, "suspend_data": saved}
    open_quiz(host, package, "getting-started", cmi=entry)
    assert host.fl.locator(f'fieldset[data-question="{fill_in}"] input.sb-text').input_value() == typed


def test_a_shuffled_quiz_keeps_each_case_together_and_shows_the_attempts_draw_in_order(page, site, tmp_path):
    """order: shuffled (the starter's second quiz, changed): the units in a seeded order per attempt,
    a case's questions together and in their own order, the page showing exactly scoring.drawn."""
    course = tmp_path / "shuffled"
    create_course(course)
    quiz = course / "sections" / "02-next-steps.quiz.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("order: fixed", "order: shuffled"), encoding="utf-8")
    result = build(course, tmp_path / "out")
    with zipfile.ZipFile(result.zip_path) as zf:
        zf.extractall(site.root / "pkg" / "shuffled")
    page.goto(f"{site.base}/pkg/shuffled/next-steps/index.html")
    page.wait_for_selector(".sb-page.sb-current")
    quiz_page = page.evaluate("ScormBuilder.data().pages.findIndex(p => p.quiz !== null)")
    page.locator(f'#sb-toc a[data-goto="{quiz_page}"]').click()
    on_page = page.evaluate(SHOWN, quiz_page)
    orders = page.evaluate("""() => {
      const d = ScormBuilder.data(), st = ScormBuilder.state(), q = d.quizzes[0];
      return [0, 1, 2, 3, 4, 5, 6, 7].map(a => ScormBuilder.scoring.drawn(q, st.seed, 0, a).map(i => q.questions[i].id));
    }""")
    assert on_page == orders[0]
    case = ["sams-update-which-change", "sams-update-validate"]
    for order in orders:
        at = order.index(case[0])
        assert order[at:at + 2] == case, order  # together, in the case's order
    assert len({tuple(o) for o in orders}) > 1, "each attempt has its own order"
    numbers = page.locator(f"#p{quiz_page} fieldset.sb-question:visible .sb-qnum").all_inner_texts()
    numbers = [text.removesuffix(" (select all that apply)") for text in numbers]  # a multiple-response one
    assert numbers == [f"Question {n} of {len(on_page)}" for n in range(1, len(on_page) + 1)]
