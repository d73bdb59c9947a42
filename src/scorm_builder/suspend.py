"""The compact ``cmi.suspend_data`` encoding, mirrored from the learner runtime.

``templates/static/runtime.js`` (``encodeState``) writes the learner's state as::

    1|<quiz-hash>|<furthest page>|<shuffle seed>|<quiz>;<quiz>;...

with numbers in base 36, and each ``<quiz>`` as ``<attempts used>.<submitted 0/1>.<answers>``,
where ``<answers>`` lists each question's chosen response characters (``a``-``z``, ``0``-``9``,
``t``/``f``) in option order, joined by ``,`` (an unanswered question is empty). Unlimited attempts
are counted up to ``zz``; the seed orders shuffled options. The page the learner is on goes to
``cmi.core.lesson_location``; ``docs/runtime.md`` describes the runtime side.

SCORM 1.2 caps suspend_data at 4,096 characters (``scorm12.SUSPEND_DATA_MAX``). Rather than
truncating at run time, the builder computes the longest string the runtime can write for a
SCO (every option of every question chosen, the largest counters) and fails the build when it
does not fit. A browser test checks that the runtime's encoder produces this same string.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .model import MULTIPLE, Course, Sco

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


def quiz_hash(sco: Sco) -> str:
    """Four characters that change when the quiz structure changes, so stale answers are not restored."""
    shape = ";".join(f"{q.id}:{q.type}:{''.join(o.key for o in q.options)}" for q in sco.questions)
    digest = int(hashlib.sha256(shape.encode("utf-8")).hexdigest(), 16)
    return base36(digest % 36**4).rjust(4, "0")


@dataclass(frozen=True)
class SavedState:
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
        answers = ",".join(
            "".join(o.key for o in q.options) if q.type == MULTIPLE else (q.options[-1].key if q.options else "")
            for q in quiz.questions
        )
        quizzes.append(f"{base36(attempts)}.1.{answers}")
    fields = [
        FORMAT_VERSION,
        digest if digest is not None else quiz_hash(sco),
        base36(max(len(sco.slots) - 1, 0)),
        base36(SEED_MAX),
        ";".join(quizzes),
    ]
    return "|".join(fields)
