"""WCAG 2.2 AA in a real browser: axe-core on every page and quiz state, keyboard only, reflow at 320 px."""
from __future__ import annotations

import pytest
from sbhost import AXE, SEED_SCO, Host, assert_protocol

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(frame) -> list[str]:
    if not frame.evaluate("typeof window.axe !== 'undefined'"):
        frame.add_script_tag(path=str(AXE))
    result = frame.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in result["violations"]]


def open_standalone(page, site, package, sco_id):
    page.goto(site.packages[package].url(sco_id))
    page.wait_for_selector(".sb-page.sb-current")


def wrong_answers(question) -> list[str]:
    return [k for k in question["keys"] if k not in question["correct"]][:1]


def walk_every_page_then_fail_the_quiz(page, measure) -> dict:
    """measure(page) on every page in order, then on the quiz after a failing submit."""
    found = {}
    for i in range(page.evaluate("ScormBuilder.data().pages.length")):
        if i:
            page.locator("#sb-next").click()
        found[f"page {i + 1}"] = measure(page)
    answer_all(page, wrong_answers)
    page.locator(".sb-current .sb-submit").click()
    found["quiz, not passed"] = measure(page)
    return found


def answer_all(page, choose):
    for question in page.evaluate("ScormBuilder.data().quizzes.flatMap(q => q.questions)"):
        for key in choose(question):
            page.locator(f'.sb-current [id="q-{question["id"]}-{key}"]').check()


@pytest.mark.parametrize("package, sco_id", [("seed", SEED_SCO), ("gen", "mixed"), ("genfr", "mixed"),
                                             ("seed2004", SEED_SCO)])
def test_axe_finds_nothing_on_any_page_or_quiz_state(page, site, package, sco_id):
    open_standalone(page, site, package, sco_id)
    # every page (the quiz last: before submitting), the quiz after a failing submit, then a passing one
    found = walk_every_page_then_fail_the_quiz(page, lambda p: axe_violations(p.main_frame))
    page.locator(".sb-current .sb-retry").click()
    answer_all(page, lambda q: q["correct"])
    page.locator(".sb-current .sb-submit").click()
    found["quiz, passed"] = axe_violations(page.main_frame)
    page.set_viewport_size({"width": 320, "height": 720})
    page.locator('#sb-toc a[data-goto="0"]').click()
    assert page.locator("#sb-toc details").evaluate("d => d.open") is False, "closed after choosing a page"
    found["first page at 320 px"] = axe_violations(page.main_frame)
    assert {k: v for k, v in found.items() if v} == {}


def test_axe_inside_the_lms_frame(page, site):
    host = Host(page, site)
    host.launch("seed", SEED_SCO)
    host.next()
    assert axe_violations(host.frame) == []


def test_structure_lang_heading_landmarks(page, site):
    open_standalone(page, site, "seed", SEED_SCO)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("h1").count() == 1
    for selector in ("header", "main#sb-main", "nav#sb-toc", "nav#sb-pager"):
        assert page.locator(selector).count() == 1, selector
    assert page.locator("#sb-toc a[aria-current='page']").count() == 1
    visible_h2 = page.locator("h2:visible")
    assert visible_h2.count() == 1 and visible_h2.inner_text() == "Key Takeaways"


def focused(page_or_frame) -> dict:
    return page_or_frame.evaluate("""() => { const e = document.activeElement; return {
        id: e.id, tag: e.tagName, type: e.type || '', value: e.value || '', checked: !!e.checked,
        cls: e.className, q: (e.closest('fieldset') || {}).dataset?.question || '',
        outline: getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth }; }""")


def tab_to(page, frame, test, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if test(focused(frame)):
            return focused(frame)
    raise AssertionError(f"Tab never reached the element; last focus {focused(frame)}")


@pytest.mark.parametrize("package, sco_id", [("seed", SEED_SCO), ("gen", "mixed")])
def test_keyboard_only_completes_the_course(page, site, package, sco_id):
    host = Host(page, site)
    host.launch(package, sco_id, mastery=None)
    frame = host.frame
    data = host.data()
    page.keyboard.press("Tab")  # from the LMS page into the SCO: the skip link comes first
    assert focused(frame)["cls"] == "sb-skip"
    page.keyboard.press("Enter")
    assert focused(frame)["id"] == "sb-main"
    last = len(data["pages"]) - 1
    for i in range(last):
        now = tab_to(page, frame, lambda f: f["id"] == "sb-next")
        assert now["outline"].startswith("solid") and not now["outline"].endswith(" 0px"), "visible focus"
        page.keyboard.press("Enter")
        assert focused(frame)["id"] == f"p{i + 1}-title", "focus moves to the new page's heading"
    for question in data["quizzes"][0]["questions"]:
        qid, correct = question["id"], question["correct"]
        f = tab_to(page, frame, lambda f: f["q"] == qid)
        if f["type"] == "radio":
            for _ in range(len(question["keys"]) + 1):
                if f["value"] in correct:
                    page.keyboard.press("Space")
                    break
                page.keyboard.press("ArrowDown")
                f = focused(frame)
            assert f["value"] in correct and focused(frame)["checked"]
        else:
            for n in range(len(question["keys"])):
                if n:
                    page.keyboard.press("Tab")
                    f = focused(frame)
                assert f["q"] == qid and f["type"] == "checkbox"
                if f["value"] in correct:
                    page.keyboard.press("Space")
    tab_to(page, frame, lambda f: "sb-submit" in f["cls"])
    page.keyboard.press("Enter")
    f = focused(frame)
    assert "sb-result" in f["cls"], "focus moves to the result after submitting"
    assert "Passed" in host.fl.locator(".sb-current .sb-result").inner_text()
    tab_to(page, frame, lambda f: f["id"] == "sb-exit" or f["id"] == "sb-prev", limit=80)
    host.close()
    assert_protocol(host.log())
    assert host.cmi()["core"]["lesson_status"] == "passed"


@pytest.mark.parametrize("package, sco_id", [("seed", SEED_SCO), ("gen", "mixed"), ("genfr", "mixed")])
def test_reflow_at_320_css_px_without_horizontal_scrolling(browser, site, package, sco_id, watch):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.on("pageerror", lambda e: watch.errors.append(str(e)))
        open_standalone(page, site, package, sco_id)
        widths = walk_every_page_then_fail_the_quiz(page, lambda p: p.evaluate("document.documentElement.scrollWidth"))
        page.locator("#sb-toc summary").click()
        widths["contents open"] = page.evaluate("document.documentElement.scrollWidth")
        assert {k: w for k, w in widths.items() if w > 320} == {}
        # the table is stacked, its cells labelled from data-label
        page.locator('#sb-toc a[data-goto="%d"]' % (1 if package == "seed" else 0)).click()
        cell = page.locator(".sb-current td").first
        assert cell.evaluate("e => getComputedStyle(e).display") == "block"
        assert cell.evaluate("e => getComputedStyle(e, '::before').content").strip('"') == cell.get_attribute("data-label")
        assert watch.errors == []
    finally:
        context.close()


def test_reduced_motion_turns_transitions_off(browser, site):
    context = browser.new_context(reduced_motion="reduce")
    try:
        page = context.new_page()
        open_standalone(page, site, "seed", SEED_SCO)
        assert page.locator("#sb-next").evaluate("e => getComputedStyle(e).transitionDuration") == "0s"
    finally:
        context.close()
    context = browser.new_context(reduced_motion="no-preference")
    try:
        page = context.new_page()
        open_standalone(page, site, "seed", SEED_SCO)
        assert page.locator("#sb-next").evaluate("e => getComputedStyle(e).transitionDuration") != "0s"
    finally:
        context.close()


def test_without_javascript_every_page_is_readable(browser, site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.packages["seed"].url(SEED_SCO))
        assert page.locator(".sb-page:visible").count() == 4
        assert page.locator("#sb-pager").is_hidden()
        assert page.locator(".sb-quiz-actions").is_hidden()
        assert page.locator("noscript").count() == 1
    finally:
        context.close()


def in_viewport(page, selector: str) -> bool:
    return page.locator(selector).evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.height > 0 && r.top >= -1 && r.bottom <= innerHeight + 1; }")


@pytest.mark.parametrize("width, height", [(1280, 800), (375, 812)])
def test_quiz_messages_appear_where_the_learner_is(page, site, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_standalone(page, site, "seed", SEED_SCO)
    quiz_page = page.evaluate("ScormBuilder.data().pages.findIndex(p => p.quiz === 0)")
    for _ in range(quiz_page):
        page.locator("#sb-next").click()
    questions = page.evaluate("ScormBuilder.data().quizzes[0].questions")
    # answer the first and the last question, leave the second
    for question in (questions[0], questions[2]):
        page.locator(f'.sb-current [id="q-{question["id"]}-{question["correct"][0]}"]').check()
    page.locator(".sb-current .sb-submit").click()

    second = f'[id="q-{questions[1]["id"]}"]'
    message = f'{second} .sb-qmessage'
    assert page.locator(message).inner_text() == "Question 2 has no answer yet. Answer every question, then submit."
    assert page.locator(second).get_attribute("aria-invalid") == "true"
    assert page.locator(message).get_attribute("id") in page.locator(second).get_attribute("aria-describedby").split()
    assert page.evaluate(f"document.querySelector('{second}').contains(document.activeElement)"), "focus in question 2"
    assert in_viewport(page, message), "the message is on screen"
    assert page.locator(".sb-current .sb-result").inner_text() == ""
    for other in (questions[0], questions[2]):
        assert page.locator(f'[id="q-{other["id"]}"]').get_attribute("aria-invalid") is None
    assert axe_violations(page.main_frame) == []

    # answering it clears the mark; a failing submit, then Try again: the attempt line where focus lands
    page.locator(f'.sb-current [id="q-{questions[1]["id"]}-{questions[1]["keys"][-1]}"]').check()
    assert page.locator(message).is_hidden() and page.locator(second).get_attribute("aria-invalid") is None
    page.locator(f'.sb-current [id="q-{questions[0]["id"]}-{wrong_answers(questions[0])[0]}"]').check()
    page.locator(".sb-current .sb-submit").click()
    page.locator(".sb-current .sb-retry").click()
    note = ".sb-current .sb-attempt-note"
    assert page.locator(note).inner_text() == "Attempt 2 of 3: your previous answers were cleared."
    assert in_viewport(page, note), page.locator(note).evaluate(
        "e => JSON.stringify([e.getBoundingClientRect(), scrollY, innerHeight, document.activeElement.id])")
    assert page.evaluate("document.querySelector('.sb-current form').contains(document.activeElement)")
    assert page.locator("#sb-status").inner_text() == ""
    assert axe_violations(page.main_frame) == []

    # the last failing attempt: the attempt line is gone, the result says no attempts are left
    for _ in range(2):
        answer_all(page, wrong_answers)
        page.locator(".sb-current .sb-submit").click()
        if page.locator(".sb-current .sb-retry").is_visible():
            page.locator(".sb-current .sb-retry").click()
    assert page.locator(note).inner_text() == ""
    assert "You have no attempts left." in page.locator(".sb-current .sb-result").inner_text()


def test_a_question_without_rationale_has_no_empty_why_box(page, site):
    open_standalone(page, site, "gen", "final")
    data = page.evaluate("ScormBuilder.data().quizzes[0].questions.map(q => q.id)")
    assert data == ["tf-false", "multi-all"]
    assert page.locator('[id="q-multi-all"] .sb-rationale').count() == 0
    page.locator("#sb-next").click()
    answer_all(page, lambda q: q["correct"])
    page.locator(".sb-current .sb-submit").click()
    assert page.locator(".sb-current .sb-rationale").count() == 0, "neither question has a rationale"
    assert page.locator(".sb-current .sb-qresult").evaluate_all("els => els.map(e => !e.hidden)") == [True, True]
