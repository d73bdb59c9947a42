"""Question banks in the model (issue 14): what a quiz can show, what an attempt shows, the page
data the runtime draws from, the saved state's worst case over every possible draw, and the quiz
hash that keeps old saved answers of choice quizzes valid."""
from __future__ import annotations

from pathlib import Path

import pytest

from coursekit import make_course, write
from scorm_builder.load import load_course
from scorm_builder.render import quiz_data
from scorm_builder.suspend import quiz_hash, saved_states, worst_answers

SEC = Path("sections/01-first")


@pytest.fixture
def course(tmp_path) -> Path:
    return make_course(tmp_path / "course")


def quiz_of(course: Path, quiz_yml: str, pools: dict[str, str] | None = None):
    write(course / SEC / "quiz.yml", quiz_yml)
    for name, text in (pools or {}).items():
        write(course / "pools" / f"{name}.yml", text)
    loaded, problems = load_course(course)
    assert problems == [], problems
    return loaded, loaded.sections[0].quiz


POOL = """
    questions:
      - id: light
        type: single
        prompt: One of three.
        options: [{text: A, correct: true}, {text: B}, {text: C}]
      - id: heavy
        type: multiple
        prompt: Any of four.
        options: [{text: A, correct: true}, {text: B, correct: true}, {text: C}, {text: D}]
      - type: case
        id: pair
        vignette: Two questions about one story.
        questions:
          - type: true-false
            prompt: First.
            answer: true
          - type: fill-in
            prompt: Second.
            answers: [yes]
            max_length: 5
    """


def test_a_draw_counts_units_and_the_worst_case_takes_the_heaviest(course):
    loaded, quiz = quiz_of(course, """
        questions:
          - id: fixed
            type: true-false
            prompt: Always shown.
            answer: false
          - draw: 1
            from: bank
        """, {"bank": POOL})
    assert [q.id for q in quiz.questions] == ["fixed", "light", "heavy", "pair-q1", "pair-q2"]
    assert quiz.attempt_size == 3  # the fixed one, and the case (two questions) at most
    # the case costs "f," + "5:xxxxx," = 10 characters, the multiple "abcd," 5: the case is the worst draw
    assert worst_answers(quiz) == "f,f,5:xxxxx"
    data = quiz_data("first", quiz)
    assert data["units"] == [[0], [1], [2], [3, 4]]
    assert data["groups"] == [{"count": None, "units": [0]}, {"count": 1, "units": [1, 2, 3]}]
    state = saved_states(loaded)["first"]
    assert state.worst_case.endswith("|zz.1.f,f,5:xxxxx")  # unlimited attempts: counted up to zz


def test_two_drawn_are_the_two_heaviest_and_answers_stay_in_question_order(course):
    _, quiz = quiz_of(course, "questions:\n  - draw: 2\n    from: bank\n", {"bank": POOL})
    assert worst_answers(quiz) == "abcd,f,5:xxxxx"  # heavy, then the case: question order, not cost order


def test_the_quiz_hash_follows_the_draw_but_not_the_wording(course):
    loaded, _ = quiz_of(course, "questions:\n  - draw: 1\n    from: bank\n", {"bank": POOL})
    first = quiz_hash(loaded.scos[0])
    loaded, _ = quiz_of(course, "questions:\n  - draw: 1\n    from: bank\n", {"bank": POOL.replace("One of three.", "Reworded.")})
    assert quiz_hash(loaded.scos[0]) == first, "rewording keeps learners' saved answers"
    loaded, _ = quiz_of(course, "questions:\n  - draw: 2\n    from: bank\n", {"bank": POOL})
    assert quiz_hash(loaded.scos[0]) != first, "another draw count makes saved answers stale"


def test_model_values_compare_hash_and_show_as_frozen_dataclasses_do(course):
    """The model's __eq__, __hash__ and __repr__ are written once (model._Value), not generated per
    class: they must behave as dataclass's would, compare=False fields left out."""
    import dataclasses

    from scorm_builder.model import Loc, Option

    assert Loc("a.md", 3) == Loc("a.md", 3) and hash(Loc("a.md", 3)) == hash(Loc("a.md", 3))
    assert Loc("a.md", 3) != Loc("a.md", 4) and Loc("a.md", 3) != ("a.md", 3)
    assert repr(Loc("a.md", 3)) == "Loc(path='a.md', line=3)"
    option = Option(key="a", html="<p>x</p>", correct=True, feedback_html="", loc=Loc("q.yml", 2))
    assert repr(option) == ("Option(key='a', html='<p>x</p>', correct=True, feedback_html='', "
                            "loc=Loc(path='q.yml', line=2))")
    assert {option, dataclasses.replace(option)} == {option}
    with pytest.raises(dataclasses.FrozenInstanceError):
        option.key = "b"  # type: ignore[misc]
    loaded, problems = load_course(course)
    assert loaded is not None and not [p for p in problems if p.severity == "error"]
    same = dataclasses.replace(loaded, locs={}, labels={}, label_locs={})  # compare=False fields
    assert same == loaded and hash(same) == hash(loaded)
    assert dataclasses.replace(loaded, title=loaded.title + "!") != loaded
    again, _ = load_course(course)
    assert again == loaded and hash(again) == hash(loaded)
