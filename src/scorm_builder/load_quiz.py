"""Read a section's quiz file (YAML) into Quiz, Question and Option values.

    title: Check your understanding      # optional
    shuffle: true                        # optional: shuffle options (kept on resume)
    attempts: 3                          # optional: 0 or absent means unlimited
    questions:
      - id: mandated-client              # optional: defaults to <section-id>-q<n>
        type: single                     # single | multiple | true-false
        prompt: A court-mandated client ...
        options:                         # single and multiple
          - text: Reflect the client's concern ...
            correct: true
            feedback: Yes: ...
          - text: ...
            feedback: ...
        answer: false                    # true-false instead of options
        feedback_true: ...
        feedback_false: ...
        rationale: Why the best answer is best.
        weight: 1                        # optional
"""
from __future__ import annotations

from pathlib import Path

from .assets import AssetCollector
from .markdown import MarkdownRenderer
from .model import QUESTION_TYPES, TRUE_FALSE, Loc, Option, Question, Quiz
from .problems import Problem
from .scorm12 import CHOICE_KEYS
from .sourcefile import BOOLEAN, INTEGER, LIST, TEXT, Fields, Spec, line_of_item, read_yaml_file

QUIZ_SPECS = {
    "title": Spec(TEXT, default=""),  # "": the course language's word (labels: quiz_title)
    "shuffle": Spec(BOOLEAN, default=False),
    "attempts": Spec(INTEGER, default=0),
    "questions": Spec(LIST, default=[]),
}
QUESTION_SPECS = {
    "id": Spec(TEXT),
    "type": Spec(TEXT, required=True),
    "prompt": Spec(TEXT, required=True),
    "options": Spec(LIST),
    "answer": Spec(BOOLEAN),
    "feedback_true": Spec(TEXT, default=""),
    "feedback_false": Spec(TEXT, default=""),
    "rationale": Spec(TEXT, default=""),
    "weight": Spec(INTEGER, default=1),
}
OPTION_SPECS = {
    "text": Spec(TEXT, required=True),
    "correct": Spec(BOOLEAN, default=False),
    "feedback": Spec(TEXT, default=""),
}


def load_quiz(course_dir: Path, quiz_file: Path, section_id: str, md: MarkdownRenderer,
              problems: list[Problem]) -> Quiz | None:
    loaded = read_yaml_file(quiz_file, problems)
    if loaded is None:
        return None
    data, loc = loaded
    f = Fields(data, QUIZ_SPECS, loc, "the quiz", problems)
    resolve = AssetCollector(course_dir, quiz_file.parent)
    if not f["questions"] and "questions" not in f.invalid:
        problems.append(Problem(loc.path, loc.line, "the quiz has no questions",
                                "add questions under 'questions:' or delete the quiz file"))
    questions = []
    for i, raw in enumerate(f["questions"] or []):
        qloc = Loc(loc.path, line_of_item(f["questions"], i, loc.line))
        q = _question(raw, qloc, f"{section_id}-q{i + 1}", md, resolve, problems)
        if q is not None:
            questions.append(q)
    return Quiz(questions=tuple(questions), shuffle=f["shuffle"], attempts=f["attempts"], title=f["title"],
                assets=tuple(resolve.refs), loc=loc, page_links=tuple(resolve.page_links))


def _question(raw, loc: Loc, default_id: str, md: MarkdownRenderer, resolve,
              problems: list[Problem]) -> Question | None:
    f = Fields(raw, QUESTION_SPECS, loc, "the question", problems)
    kind = f["type"]
    if kind is None:
        return None
    if kind not in QUESTION_TYPES:
        problems.append(Problem(loc.path, f.at("type").line, f"unknown question type '{kind}'",
                                f"use one of: {', '.join(QUESTION_TYPES)}"))
        return None

    def rendered(key: str):
        result = md.block(f[key] or "", f.at(key), resolve)
        problems.extend(result.problems)
        return result

    def block(key: str) -> str:
        return rendered(key).html

    if kind == TRUE_FALSE:
        options, typed = _true_false_options(f, loc, block, problems), "answer" not in f.invalid
    else:
        options, typed = _choice_options(f, loc, md, resolve, problems)
    if not typed:  # a wrongly typed answer, options or 'correct:' was reported; checking the rest would repeat it
        return None
    prompt = rendered("prompt")
    return Question(id=f["id"] or default_id, type=kind, prompt_html=prompt.html,
                    prompt_inline_html=prompt.single_paragraph, options=tuple(options),
                    rationale_html=block("rationale"), weight=f["weight"],
                    loc=f.at("id") if f["id"] else loc)


def _true_false_options(f: Fields, loc: Loc, block, problems: list[Problem]) -> list[Option]:
    if f["options"] is not None:
        problems.append(Problem(loc.path, f.at("options").line, "a true-false question has no 'options'",
                                "write 'answer: true' or 'answer: false' with feedback_true and feedback_false"))
    if f["answer"] is None and "answer" not in f.invalid:
        problems.append(Problem(loc.path, loc.line, "the true-false question has no 'answer'",
                                "add 'answer: true' or 'answer: false'"))
        return []
    return [
        Option(key="t", html="True", correct=f["answer"] is True, feedback_html=block("feedback_true"),
               loc=f.at("feedback_true")),
        Option(key="f", html="False", correct=f["answer"] is False, feedback_html=block("feedback_false"),
               loc=f.at("feedback_false")),
    ]


def _choice_options(f: Fields, loc: Loc, md: MarkdownRenderer, resolve,
                    problems: list[Problem]) -> tuple[list[Option], bool]:
    """The options, and False when 'options' or an option's 'correct' had the wrong type (already reported)."""
    for key in ("answer", "feedback_true", "feedback_false"):
        if f[key]:
            problems.append(Problem(loc.path, f.at(key).line, f"'{key}' belongs to true-false questions",
                                    "mark the right options with 'correct: true' instead"))
    raw_options = f["options"] or []  # check.py reports a question with fewer than two options
    options, typed = [], "options" not in f.invalid
    for i, raw in enumerate(raw_options):
        oloc = Loc(loc.path, line_of_item(raw_options, i, loc.line))
        of = Fields(raw, OPTION_SPECS, oloc, "the option", problems)
        typed = typed and "correct" not in of.invalid
        text = md.inline(of["text"] or "", of.at("text"), resolve)
        feedback = md.block(of["feedback"] or "", of.at("feedback"), resolve)
        problems += text.problems + feedback.problems
        key = CHOICE_KEYS[i] if i < len(CHOICE_KEYS) else ""
        options.append(Option(key=key, html=text.html, correct=bool(of["correct"]), feedback_html=feedback.html,
                              loc=oloc))
    return options, typed

