"""Answering every question type with the keyboard, for the browser tests (scorm-again) and the
real-Moodle tests alike: which answer is right or wrong from the SCO's page data, the keys that
give it, and what each standard records for it (docs/questions.md, "What the LMS receives")."""
from __future__ import annotations

SCORM_TYPE = {"single": "choice", "multiple": "choice", "true-false": "true-false", "matching": "matching",
              "ordering": "sequencing", "fill-in": "fill-in", "numeric": "numeric"}
SHOWN = """p => [...document.querySelectorAll('#p' + p + ' fieldset.sb-question')]
  .filter(f => f.offsetParent !== null).map(f => f.dataset.question)"""


def right_answer(q: dict) -> object:
    kind = q["type"]
    if kind == "fill-in":
        return q["answers"][0]
    if kind == "numeric":
        return f"{q['min']:g}" if q["min"] == q["max"] else f"{(q['min'] + q['max']) / 2:g}"
    return q["correct"]


def wrong_answer(q: dict) -> object:
    kind = q["type"]
    if kind == "fill-in":
        return "not it"
    if kind == "numeric":
        return f"{q['max'] + 100:g}"
    if kind == "matching":
        return [q["targets"][(q["targets"].index(t) + 1) % len(q["targets"])] for t in q["correct"]]
    if kind == "ordering":
        return list(reversed(q["correct"]))
    return [next(k for k in q["keys"] if k not in q["correct"])]


def answer_by_keyboard(frame, keyboard, q: dict, answer) -> None:
    """Give ``answer`` to question ``q`` in ``frame`` (a Playwright frame locator): focus its
    control, then keys only (typing, arrows in a select, Enter on a move button, Space on an option)."""
    fs = frame.locator(f'fieldset[data-question="{q["id"]}"]')
    kind = q["type"]
    if kind in ("fill-in", "numeric"):
        fs.locator("input.sb-text").focus()
        keyboard.press("Control+A")
        keyboard.type(answer)
    elif kind == "matching":
        for item, target in zip(q["items"], answer):
            select = fs.locator(f'.sb-match[data-item="{item}"] select')
            values = select.evaluate("s => [...s.options].map(o => o.value)")
            select.focus()
            keyboard.press("Home")  # the blank "Choose..." first, then down to the target
            for _ in range(values.index(target)):
                keyboard.press("ArrowDown")
    elif kind == "ordering":
        for position, key in enumerate(answer):
            order = fs.locator(".sb-order-item").evaluate_all("items => items.map(i => i.dataset.key)")
            index = order.index(key)
            if index == position:
                continue
            fs.locator(f'.sb-order-item[data-key="{key}"] .sb-up').focus()
            for _ in range(index - position):
                keyboard.press("Enter")  # focus stays on the moved item's button
    else:
        for key in answer:
            box = fs.locator(f'input[value="{key}"]')
            if not box.is_checked():
                box.focus()
                keyboard.press("Space")


def expected_response(q: dict, answer, standard: str) -> str:
    """What the interaction's response reads for ``answer`` in ``standard``."""
    comma, dot = ("[,]", "[.]") if standard == "scorm2004" else (",", ".")
    kind = q["type"]
    if kind == "matching":
        return comma.join(f"{i}{dot}{t}" for i, t in zip(q["items"], answer))
    if kind in ("fill-in", "numeric"):
        return answer
    if kind == "true-false":
        return {"t": "true", "f": "false"}[answer[0]] if standard == "scorm2004" else answer[0]
    return comma.join(answer)
