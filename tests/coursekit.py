"""A small valid course written into a folder, for tests that mutate it into bad input."""
from __future__ import annotations

import textwrap
from pathlib import Path

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n'


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def make_course(root: Path, packaging: str = "sco-per-section") -> Path:
    """Two sections, three pages, an image and a quiz with each question type."""
    write(root / "course.yml", f"""
        id: test-course
        title: Test course
        version: "2.0"
        language: en
        pass_mark: 75
        packaging: {packaging}
        description: A course for tests.
        keywords: [testing]
        """)
    sec = root / "sections" / "01-first"
    write(sec / "section.yml", """
        title: First section
        """)
    write(sec / "01-intro.md", """
        ---
        title: Introduction
        ---
        Some **prose** with a picture.

        ![A black square](images/square.svg)
        """)
    write(sec / "02-more.md", """
        ---
        title: More
        ---
        Table: Two columns

        | A | B |
        |---|---|
        | 1 | 2 |
        """)
    (sec / "images").mkdir(parents=True, exist_ok=True)
    (sec / "images" / "square.svg").write_text(SVG, encoding="utf-8")
    write(sec / "quiz.yml", """
        shuffle: true
        attempts: 2
        questions:
          - id: q-single
            type: single
            prompt: Pick one.
            options:
              - text: Right
                correct: true
                feedback: Yes.
              - text: Wrong
                feedback: No.
            rationale: Because.
          - id: q-multiple
            type: multiple
            prompt: Pick two.
            options:
              - text: One
                correct: true
              - text: Two
                correct: true
              - text: Three
            rationale: Both.
          - id: q-tf
            type: true-false
            prompt: The sky is green.
            answer: false
            feedback_true: It is not.
            feedback_false: Right.
        """)
    write(root / "sections" / "02-second.md", """
        ---
        title: Second section
        ---
        A one-page section.
        """)
    return root


def make_generated_course(root: Path, packaging: str, language: str = "en") -> Path:
    """Multiple-response and true-false questions, unlimited attempts, weights, a content-only section."""
    write(root / "course.yml", f"""
        id: gen-course
        title: Generated test course
        version: "1.0"
        language: {language}
        pass_mark: 70
        packaging: {packaging}
        description: Generated for the browser tests.
        keywords: [test]
        """)
    mixed = root / "sections" / "01-mixed"
    write(mixed / "section.yml", """
        id: mixed
        title: Mixed questions
        """)
    write(mixed / "01-intro.md", """
        ---
        title: Introduction
        ---
        A page with a [relative link](02-details.md) and a table.

        Table: Signals and responses

        | Signal | Meaning | Response |
        |---|---|---|
        | Quiet | Withdrawal, not agreement | Ask how the suggestion landed |
        | Anger | A rupture to repair | Reflect and invite feedback |
        """)
    write(mixed / "02-details.md", """
        ---
        title: Details
        ---
        ## A subheading

        Some more text to read before the quiz.
        """)
    write(mixed / "quiz.yml", """
        title: Mixed quiz
        shuffle: true
        attempts: 0
        questions:
          - id: multi-pick
            type: multiple
            weight: 2
            prompt: Which two responses repair a rupture?
            options:
              - text: Reflect the concern
                correct: true
                feedback: Yes, reflecting repairs.
              - text: Give more advice
                feedback: More technique deepens the rupture.
              - text: Invite feedback
                correct: true
                feedback: Yes, inviting feedback repairs.
              - text: Change the subject
                feedback: Avoidance.
              - text: Quote the research
                feedback: Not now.
          - id: tf-true
            type: true-false
            prompt: Alliance is part of clinical reasoning.
            answer: true
            feedback_true: Right.
            feedback_false: It is.
            rationale: The domain says so.
          - id: single-pick
            type: single
            prompt: |-
              Pick the best first step.

              Think about the client's readiness.
            options:
              - text: Assign homework
                feedback: Too soon.
              - text: Confront the client
                feedback: Too harsh.
              - text: Clarify the goal
                correct: true
                feedback: Best.
            rationale: Clarify before acting.
        """)
    reading = root / "sections" / "02-reading"
    write(reading / "section.yml", """
        id: reading
        title: Reading only
        """)
    write(reading / "01-one.md", """
        ---
        title: First reading
        ---
        Text one.
        """)
    write(reading / "02-two.md", """
        ---
        title: Second reading
        ---
        Text two.
        """)
    final = root / "sections" / "03-final"
    write(final / "section.yml", """
        id: final
        title: Final check
        """)
    write(final / "01-recap.md", """
        ---
        title: Recap
        ---
        A short recap.
        """)
    write(final / "quiz.yml", """
        title: Final quiz
        attempts: 1
        questions:
          - id: tf-false
            type: true-false
            prompt: Reassurance always comes first.
            answer: false
            feedback_true: Not always.
            feedback_false: Right.
          - id: multi-all
            type: multiple
            weight: 3
            prompt: Which are alliance tasks?
            options:
              - text: Repair
                correct: true
              - text: Collaborate
                correct: true
              - text: Lecture
        """)
    return root


def build_2004(course_dir: Path):
    """The SCORM 2004 build of a course, no package written: ``.course`` and ``.files`` (the manifest among them)."""
    from scorm_builder.build import build

    return build(course_dir, None, standard="scorm2004")
