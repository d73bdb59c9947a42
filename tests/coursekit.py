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
