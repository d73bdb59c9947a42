"""The compact ``cmi.suspend_data`` encoding, mirrored from the learner runtime.

``templates/static/codec.js`` writes the learner's state as::

    1|<quiz-hash>|<furthest page>|<shuffle seed>|<quiz>;<quiz>;...

with numbers in base 36, and each ``<quiz>`` as ``<attempts used>.<submitted 0/1>.<answers>``,
where ``<answers>`` lists the answers of the questions the attempt drew (all of them in a quiz
without draws), in the quiz's question order, joined by ``,``; an unanswered question is empty.
An answer is: the chosen response characters in option order (single, multiple, true-false); one
character per matching item, its target's key or ``-``; the ordering's keys as arranged; for
fill-in and numeric the typed text as ``<length in base 36>:<text>``, so it may hold any character.
The header is the first four ``|`` fields; the rest is read left to right. Unlimited attempts are
counted up to ``zz``; the seed orders shuffled options and makes the draw, so a resumed attempt
shows the same questions. The page the learner is on goes to ``cmi.core.lesson_location``;
``docs/runtime.md`` describes the runtime side.

SCORM 1.2 caps suspend_data at 4,096 characters (``scorm12.SUSPEND_DATA_MAX``). Rather than
truncating at run time, the builder computes the longest string the runtime can write for a
SCO (every option of every question chosen, every text as long as it may be, the draw that picks
the heaviest units, the largest counters) and fails the build when it does not fit. A browser
test checks that the runtime's encoder produces this same string.
"""
from __future__ import annotations

import hashlib
from typing import NamedTuple

from .model import (
    FILL_IN,
    MATCHING,
    MULTIPLE,
    NUMERIC,
    ORDER_FIXED,
    ORDERING,
    Course,
    Question,
    Quiz,
    Sco,
    unit_questions,
)

FORMAT_VERSION = "1"
SEED_MAX = 36**6 - 1  # seeds are drawn below this, so at most 6 base-36 digits
ATTEMPTS_COUNTER_MAX = 36**2 - 1  # unlimited attempts are counted up to "zz"


def base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n < 0:
        raise ValueError("base36 takes a non-negative number")
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def question_shape(q: Question) -> str:
    """What a saved answer of ``q`` depends on (choice questions: as written before the other types)."""
    shape = f"{q.id}:{q.type}:{''.join(o.key for o in q.options)}"
    if q.type == MATCHING:
        shape += ":" + "".join(p.key + p.target for p in q.pairs) + ":" + "".join(t.key for t in q.targets)
    elif q.type in (FILL_IN, NUMERIC):
        shape += f":{q.max_length}"
    return shape


def quiz_shape(quiz: Quiz) -> str:
    """The quiz's questions; and the groups a draw or a shuffled order reads, when there are such."""
    shape = ";".join(question_shape(q) for q in quiz.questions)
    if quiz.draws or quiz.order != ORDER_FIXED:
        shape += f"|{quiz.order}|" + ",".join(
            f"{g.count if g.count is not None else '*'}:" + ".".join(str(len(unit_questions(u))) for u in g.units)
            for g in quiz.groups)
    return shape


def quiz_hash(sco: Sco) -> str:
    """Four characters that change when the quiz structure changes, so stale answers are not restored."""
    shape = ";".join(quiz_shape(s.quiz) for s in sco.sections if s.quiz)
    digest = int(hashlib.sha256(shape.encode("utf-8")).hexdigest(), 16)
    return base36(digest % 36**4).rjust(4, "0")


def answer_worst(q: Question) -> str:
    """The longest answer the runtime writes for ``q`` (codec.js): every option, the longest text."""
    if q.type in (MULTIPLE, ORDERING):
        return "".join(o.key for o in q.options)
    if q.type == MATCHING:
        return "".join(p.target for p in q.pairs)
    if q.type in (FILL_IN, NUMERIC):
        return f"{base36(q.max_length)}:" + "x" * q.max_length
    return q.options[-1].key if q.options else ""


def worst_answers(quiz: Quiz) -> str:
    """The longest ``<answers>`` of the quiz: in each draw, the units whose answers are longest.
    Answers are written in question order whatever the draw, so only which units are drawn counts."""
    index = {id(q): i for i, q in enumerate(quiz.questions)}
    drawn: list[Question] = []
    for group in quiz.groups:
        units = list(group.units)
        if group.count is not None:
            def cost(unit) -> int:
                return sum(len(answer_worst(q)) + 1 for q in unit_questions(unit))  # +1: its ","
            units = sorted(units, key=cost, reverse=True)[: group.count]
        drawn += [q for u in units for q in unit_questions(u)]
    return ",".join(answer_worst(q) for q in sorted(drawn, key=lambda q: index[id(q)]))


class SavedState(NamedTuple):
    """What the build knows of a SCO's suspend_data: computed once per build (``saved_states``),
    then checked against the limit (check.py) and written into the page data (render.py)."""

    quiz_hash: str
    worst_case: str  # the longest suspend_data the runtime can write

    @property
    def worst_size(self) -> int:
        return len(self.worst_case)


def saved_states(course: Course) -> dict[str, SavedState]:
    """Each SCO's SavedState, by SCO id."""
    return {sco.id: saved_state(sco) for sco in course.scos}


def saved_state(sco: Sco) -> SavedState:
    digest = quiz_hash(sco)
    return SavedState(quiz_hash=digest, worst_case=worst_case(sco, digest))


def worst_case(sco: Sco, digest: str | None = None) -> str:
    """The longest suspend_data the runtime can write for this SCO (``digest``: its quiz_hash, if known)."""
    quizzes = []
    for section in sco.sections:
        quiz = section.quiz
        if not quiz:
            continue
        attempts = quiz.attempts if quiz.attempts else ATTEMPTS_COUNTER_MAX
        quizzes.append(f"{base36(attempts)}.1.{worst_answers(quiz)}")
    fields = [
        FORMAT_VERSION,
        digest if digest is not None else quiz_hash(sco),
        base36(max(len(sco.slots) - 1, 0)),
        base36(SEED_MAX),
        ";".join(quizzes),
    ]
    return "|".join(fields)
