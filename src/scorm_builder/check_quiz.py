"""Rules over a loaded quiz: its settings, draws, cases and each question type's limits (the ones
SCORM's response formats set, scorm12.py). check.py runs them with the course's other rules."""
from __future__ import annotations

import unicodedata

from .model import (
    FILL_IN,
    MATCHING,
    NUMERIC,
    ORDERING,
    QUIZ_ORDERS,
    SINGLE,
    TRUE_FALSE,
    Draw,
    Question,
    Quiz,
)
from .problems import Problem
from .scorm12 import CHOICE_KEYS, FILL_IN_MAX, MATCH_ITEM_KEYS


def check_quiz(quiz: Quiz) -> list[Problem]:
    problems: list[Problem] = []
    at = (quiz.loc.path, quiz.loc.line)
    if quiz.attempts < 0:
        problems.append(Problem(*at, "attempts must be 0 (unlimited) or more", "e.g. attempts: 3"))
    if quiz.order not in QUIZ_ORDERS:
        problems.append(Problem(*at, f"unknown order '{quiz.order}'",
                                f"use one of: {', '.join(QUIZ_ORDERS)}: the questions as written, or shuffled "
                                "per attempt"))
    pools: dict[str, Draw] = {}
    for item in quiz.items:
        if isinstance(item, Draw):
            problems += _draw(item, pools)
    for q in quiz.questions:
        problems += check_question(q)
    return problems


def _draw(draw: Draw, pools: dict[str, Draw]) -> list[Problem]:
    at = (draw.loc.path, draw.loc.line)
    name = f"the pool '{draw.pool}'" if draw.pool else "its pool"
    if draw.pool in pools:
        first = pools[draw.pool].loc
        return [Problem(*at, f"the pool '{draw.pool}' is drawn twice in this quiz",
                        f"draw once, with the sum of both counts: two draws could pick the same question; "
                        f"the first draw is at {first.path}:{first.line}")]
    if draw.pool:
        pools[draw.pool] = draw
    if draw.count < 1:
        return [Problem(*at, f"a draw of {draw.count}", "draw 1 or more units, e.g. 'draw: 2'")]
    if draw.count > len(draw.units):
        where = f"{draw.pool_loc.path}" if draw.pool else "the draw's 'questions:'"
        units = f"{len(draw.units)} unit" + ("" if len(draw.units) == 1 else "s")
        return [Problem(*at, f"the draw of {draw.count} is larger than {name} ({units})",
                        f"draw at most {len(draw.units)}, or add questions or cases to {where}")]
    return []


def check_question(q: Question) -> list[Problem]:
    at = (q.loc.path, q.loc.line)
    problems = []
    if q.weight < 1:
        problems.append(Problem(*at, f"question '{q.id}' has {q.weight} points",
                                "points are whole numbers from 1: 'points: 2' counts twice as much as 1"))
    if q.type == NUMERIC:  # answer, tolerance and range are checked by the loader, which knows their lines
        return problems
    check = {MATCHING: _matching, ORDERING: _ordering, FILL_IN: _fill_in}.get(q.type, _choice)
    return problems + check(q)


def _option_count(q: Question, what: str, noun: str, response: str, fewer: str) -> list[Problem]:
    """Two options (or ordering items) at least, and no more than SCORM 1.2's single-character keys."""
    at = (q.loc.path, q.loc.line)
    if len(q.options) > len(CHOICE_KEYS):
        return [Problem(*at, f"{what}'{q.id}' has {len(q.options)} {noun}s",
                        f"SCORM 1.2 {response} responses encode at most {len(CHOICE_KEYS)}, a-z and 0-9; "
                        "split the question")]
    if len(q.options) < 2:
        return [Problem(*at, f"{what}'{q.id}' has {len(q.options)} {noun}(s)", fewer)]
    return []


def _choice(q: Question) -> list[Problem]:
    at = (q.loc.path, q.loc.line)
    correct = len(q.correct_keys)
    if q.type == TRUE_FALSE:
        return []
    counted = _option_count(q, "question ", "option", "choice",
                            "give it at least two options under 'options:', each '- text: ...'")
    if counted:
        return counted
    if correct == 0:
        return [Problem(*at, f"question '{q.id}' has no correct option", "mark the right option with 'correct: true'")]
    if q.type == SINGLE and correct > 1:
        return [Problem(*at, f"single-choice question '{q.id}' has {correct} correct options",
                        "mark exactly one option 'correct: true', or use 'type: multiple'")]
    return []


def _matching(q: Question) -> list[Problem]:
    at = (q.loc.path, q.loc.line)
    if len(q.pairs) > len(MATCH_ITEM_KEYS):
        return [Problem(*at, f"matching question '{q.id}' has {len(q.pairs)} items",
                        f"SCORM 1.2 matching responses encode at most {len(MATCH_ITEM_KEYS)} items, 1-9 and a-z; "
                        "split the question")]
    if len(q.targets) > len(CHOICE_KEYS):
        return [Problem(*at, f"matching question '{q.id}' has {len(q.targets)} different matches",
                        f"SCORM 1.2 matching responses encode at most {len(CHOICE_KEYS)}, a-z and 0-9; "
                        "use fewer distractors or split the question")]
    if len(q.pairs) == 1 and len(q.targets) < 2:
        return [Problem(*at, f"matching question '{q.id}' has one pair and nothing to choose from",
                        "add pairs, or 'distractors: [...]' the learner can pick instead")]
    return []


def _ordering(q: Question) -> list[Problem]:
    return _option_count(q, "ordering question ", "item", "sequencing",
                         "list at least two items under 'items:', in the right order")


def normalized(text: str, case_sensitive: bool) -> str:
    """A fill-in answer as the runtime compares it (scoring.js normalizeText): NFC, trimmed, runs
    of white space as one space, lower case unless case-sensitive."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return text if case_sensitive else text.lower()


def _fill_in(q: Question) -> list[Problem]:
    at = (q.loc.path, q.loc.line)
    if not 1 <= q.max_length <= FILL_IN_MAX:
        return [Problem(*at, f"max_length {q.max_length} of fill-in question '{q.id}' is outside 1-{FILL_IN_MAX}",
                        f"SCORM 2004 keeps {FILL_IN_MAX} characters of a fill-in response, 1.2 keeps 255; "
                        "the default is 40")]
    if not q.answers:
        return [Problem(*at, f"fill-in question '{q.id}' has no accepted answer",
                        "list what counts as right under 'answers:', e.g. answers: [alliance, working alliance]")]
    problems = []
    for a in q.answers:
        if not normalized(a.text, True):
            problems.append(Problem(a.loc.path, a.loc.line, f"an accepted answer of '{q.id}' is empty",
                                    "write the text the learner types, or remove the line"))
        elif len(a.text.strip()) > q.max_length:
            problems.append(Problem(a.loc.path, a.loc.line,
                                    f"the accepted answer '{a.text[:40]}' is longer than max_length {q.max_length}",
                                    f"the learner could not type it: raise 'max_length' to {len(a.text.strip())} "
                                    "or shorten the answer"))
    return problems
