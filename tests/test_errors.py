"""The catalogue of bad inputs: each prints its path:line: error, exits 1 without a traceback,
and leaves the last good package in out/ byte-for-byte untouched."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from coursekit import make_course, write
from scorm_builder.cli import cli

SEC = Path("sections/01-first")


def edit(rel: str, old: str, new: str):
    def apply(root: Path):
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"test setup: {old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def many_options(n: int) -> str:
    return "".join(f"      - text: Option {i}\n" + ("        correct: true\n" if i == 0 else "") for i in range(n))


def huge_quiz(root: Path):
    questions = "".join(
        f"  - id: big-{i}\n    type: multiple\n    prompt: Q{i}\n    options:\n" + many_options(36) for i in range(120))
    (root / SEC / "quiz.yml").write_text("questions:\n" + questions, encoding="utf-8")


def symlink_out(root: Path):
    outside = root.parent / "secret.svg"
    outside.write_text("<svg/>")
    os.symlink(outside, root / SEC / "images" / "linked.svg")
    edit(str(SEC / "01-intro.md"), "(images/square.svg)", "(images/linked.svg)")(root)


def folder_symlink_out(root: Path):
    """A folder of the section that is a link to one outside the course: its files lead outside too."""
    outside = root.parent / "elsewhere"
    outside.mkdir()
    (outside / "square.svg").write_text("<svg/>")
    os.symlink(outside, root / SEC / "linked")
    edit(str(SEC / "01-intro.md"), "(images/square.svg)", "(linked/square.svg)")(root)


def unsafe_name(root: Path):
    (root / SEC / "images" / "square.svg").rename(root / SEC / "images" / "my square.svg")


def section(folder: str, section_yml: str):
    """A second section folder with a page, so that only its section.yml is at fault."""
    def apply(root: Path):
        write(root / "sections" / folder / "section.yml", section_yml)
        write(root / "sections" / folder / "01-page.md", "A page.\n")
    return apply


def remove(rel: str):
    return lambda root: (root / rel).unlink()


def write_file(rel: str, text: str):
    return lambda root: write(root / rel, text)


def write_bytes(rel: str, data: bytes):
    return lambda root: (root / rel).write_bytes(data)


def no_captions_needed(root: Path):
    edit("course.yml", "keywords: [testing]", "keywords: [testing]\ncaptions_required: false")(root)


def media_page(body: str):
    """A page with ``body`` beside a video, its WebVTT captions, an .srt file, a poster and a transcript."""
    def apply(root: Path):
        folder = root / SEC / "media"
        folder.mkdir()
        (folder / "clip.mp4").write_bytes(b"\x00" * 64)
        (folder / "clip.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nHi.\n")
        (folder / "clip.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nHi.\n")
        (folder / "poster.png").write_bytes(b"png")
        (folder / "clip-transcript.md").write_text("Hi.\n")
        write(root / SEC / "03-media.md", "---\ntitle: Media\n---\n" + body)
    return apply


def quiz_section(quiz_yml: str, pools: dict[str, str] | None = None):
    """A section '03-quiz' with a page and this quiz.yml, and shared pools/<name>.yml files (issue 14)."""
    def apply(root: Path):
        write(root / "sections" / "03-quiz" / "section.yml", "title: Quiz section\n")
        write(root / "sections" / "03-quiz" / "01-page.md", "A page.\n")
        (root / "sections" / "03-quiz" / "quiz.yml").write_text(quiz_yml, encoding="utf-8")
        for name, text in (pools or {}).items():
            (root / "pools").mkdir(exist_ok=True)
            (root / "pools" / f"{name}.yml").write_text(text, encoding="utf-8")
    return apply


TF = "    type: true-false\n    prompt: P\n    answer: true\n"
POOL3 = "questions:\n" + "".join(f"  - id: p{i}\n" + TF.replace("    ", "    ", 1) for i in range(3))


# (case id, mutation, file the error names, line, fragment of the message)
CASES = [
    ("malformed-yaml", edit("course.yml", "title: Test course", "title: [Test course"), "course.yml", 3, "malformed YAML"),
    ("malformed-front-matter", edit(str(SEC / "02-more.md"), "title: More", "title: More: [x"), "02-more.md", 2, "malformed YAML"),
    ("duplicate-yaml-key", edit("course.yml", "language: en", "language: en\nlanguage: fr"), "course.yml", 5, "duplicate key"),
    ("unknown-key-did-you-mean", edit("course.yml", "pass_mark: 75", "pass_mak: 75"), "course.yml", 5, "unknown key 'pass_mak'.*did you mean 'pass_mark'"),
    ("unknown-option-key", edit(str(SEC / "quiz.yml"), "        feedback: Yes.", "        feedbak: Yes."), "quiz.yml", 10, "did you mean 'feedback'"),
    ("missing-course-file", remove("course.yml"), "course.yml", None, "course file not found"),
    ("missing-required-key", edit("course.yml", "title: Test course\n", ""), "course.yml", 1, "course.yml has no 'title'"),
    ("wrong-type", edit("course.yml", "pass_mark: 75", "pass_mark: eighty"), "course.yml", 5, "'pass_mark' must be a number"),
    ("pass-mark-out-of-range", edit("course.yml", "pass_mark: 75", "pass_mark: 150"), "course.yml", 5, "pass_mark 150 is outside 0-100"),
    ("unknown-packaging", edit("course.yml", "packaging: sco-per-section", "packaging: one-big"), "course.yml", 6, "unknown packaging"),
    ("bad-language", edit("course.yml", "language: en", "language: English please"), "course.yml", 4, "not a language tag"),
    ("duplicate-section-id", section("03-copy", "id: first\ntitle: Copy\n"), "03-copy/section.yml", 1, "duplicate section id 'first'"),
    ("duplicate-question-id", edit(str(SEC / "quiz.yml"), "id: q-multiple", "id: q-single"), "quiz.yml", 14, "duplicate question id 'q-single'"),
    ("id-with-spaces", edit(str(SEC / "quiz.yml"), "id: q-single", "id: q single"), "quiz.yml", 4, "contains space"),
    ("id-too-long", edit(str(SEC / "quiz.yml"), "id: q-single", "id: " + "q" * 256), "quiz.yml", 4, "256 characters long"),
    ("no-correct-option", edit(str(SEC / "quiz.yml"), "        correct: true\n        feedback: Yes.", "        feedback: Yes."), "quiz.yml", 4, "has no correct option"),
    ("single-with-two-correct", edit(str(SEC / "quiz.yml"), "        feedback: No.", "        correct: true\n        feedback: No."), "quiz.yml", 4, "has 2 correct options"),
    ("too-many-options", edit(str(SEC / "quiz.yml"), "      - text: Three\n", many_options(40)), "quiz.yml", 14, "42 options.*at most 36"),
    ("unknown-question-type", edit(str(SEC / "quiz.yml"), "type: multiple", "type: essay"), "quiz.yml", 15, "unknown question type 'essay'"),
    ("true-false-without-answer", edit(str(SEC / "quiz.yml"), "    answer: false\n", ""), "quiz.yml", 24, "has no 'answer'"),
    ("missing-image", edit(str(SEC / "01-intro.md"), "images/square.svg", "images/circle.svg"), "01-intro.md", 6, "missing file 'images/circle.svg'"),
    ("asset-escapes-course", edit(str(SEC / "01-intro.md"), "images/square.svg", "../../../secret.svg"), "01-intro.md", 6, "points outside the course folder"),
    ("symlink-outside", symlink_out, "01-intro.md", 6, "symlink to a file outside the course folder"),
    ("folder-symlink-outside", folder_symlink_out, "01-intro.md", 6, "symlink to a file outside the course folder"),
    ("non-utf8", write_bytes(str(SEC / "02-more.md"), b"---\ntitle: More\n---\nCaf\xe9\n"), "02-more.md", 4, "not valid UTF-8"),
    ("empty-section", write_file("sections/03-empty/section.yml", "title: Empty\n"), "03-empty", None, "section 'empty' is empty"),
    ("empty-page", write_file(str(SEC / "03-blank.md"), "---\ntitle: Blank\n---\n\n"), "03-blank.md", 4, "the page is empty"),
    ("h1-in-page", edit(str(SEC / "01-intro.md"), "Some **prose**", "# Big title\n\nSome **prose**"), "01-intro.md", 4, "'#' heading"),
    ("suspend-data-too-big", huge_quiz, "quiz.yml", 1, "can reach \\d+ characters.*4096"),
    ("suspend-data-too-big-single-sco", lambda root: (huge_quiz(root), edit("course.yml", "packaging: sco-per-section", "packaging: single-sco")(root)), "course.yml", 6, "can reach \\d+ characters.*use 'packaging: sco-per-section'"),
    ("template-undefined", write_file("templates/page.html", "<section>\n{{ page.no_such_thing }}\n</section>\n"), "templates/page.html", 2, "template error"),
    ("template-syntax", write_file("templates/quiz.html", "<section>\n\n{% if %}\n</section>\n"), "templates/quiz.html", 3, "template error"),
    ("unsafe-file-name", lambda root: (unsafe_name(root), edit(str(SEC / "01-intro.md"), "images/square.svg", "images/my%20square.svg")(root)), "01-intro.md", 6, "has spaces or non-ASCII"),
    ("unclosed-front-matter", write_file(str(SEC / "02-more.md"), "---\ntitle: More\nSome text.\n"), "02-more.md", 1, "front matter opened by '---' is never closed"),
    ("course-not-a-mapping", write_file("course.yml", "- id\n- title\n"), "course.yml", 1, "course.yml must be a mapping"),
    ("question-not-a-mapping", write_file(str(SEC / "quiz.yml"), "questions:\n  - What is 2+2?\n"), "quiz.yml", 2, "the question must be a mapping"),
    ("options-missing", write_file(str(SEC / "quiz.yml"), "questions:\n  - type: single\n    prompt: Pick.\n"), "quiz.yml", 2, "has 0 option"),
    ("section-ids-differ-only-in-case", section("03-copy", "id: First\ntitle: Copy\n"), "03-copy/section.yml", 1, "duplicate section id 'First'.*ignoring case"),
    ("reserved-section-id", section("03-shared", "title: Shared things\n"), "03-shared", None, "the section id 'shared' is reserved"),
    ("reserved-page-id", write_file(str(SEC / "03-quiz.md"), "---\ntitle: Quiz intro\n---\nText.\n"), "03-quiz.md", 1, "page id 'quiz' is reserved"),
    ("link-to-missing-page", edit(str(SEC / "01-intro.md"), "Some **prose**", "See [this](03-nope.md). Some **prose**"), "01-intro.md", 4, "'03-nope.md' is not a page of this course"),
    ("link-to-another-sco", edit(str(SEC / "01-intro.md"), "Some **prose**", "See [this](../02-second.md). Some **prose**"), "01-intro.md", 4, "is a page of another section \\('second'\\)"),
    ("image-from-the-network", edit(str(SEC / "01-intro.md"), "(images/square.svg)", "(https://example.com/square.png)"), "01-intro.md", 6, "would be loaded from the network"),
    ("html-image-from-the-network", edit(str(SEC / "02-more.md"), "| 1 | 2 |", "| 1 | 2 |\n\n<img alt=\"\" src=\"//cdn.example.com/x.png\">"), "02-more.md", 10, "'//cdn.example.com/x.png' would be loaded"),
    ("image-from-the-network-in-option-feedback", edit(str(SEC / "quiz.yml"), "feedback: Yes.", "feedback: \"![x](https://example.com/x.png)\""), "quiz.yml", 10, "would be loaded from the network"),
    ("not-a-section", write_file("sections/notes.txt", "scratch"), "sections/notes.txt", None, "not a section"),
    # one cause, one message (issue 10): the did-you-mean alone, the type error alone
    ("misspelt-required-key", edit("course.yml", "pass_mark: 75", "pass_mrak: 75"), "course.yml", 5, "unknown key 'pass_mrak' in course.yml \\(did you mean 'pass_mark'\\?\\)$"),
    ("misspelt-question-type-key", edit(str(SEC / "quiz.yml"), "    type: single", "    tpye: single"), "quiz.yml", 5, "unknown key 'tpye'.*did you mean 'type'"),
    ("answer-yes-is-not-a-boolean", edit(str(SEC / "quiz.yml"), "answer: false", "answer: yes"), "quiz.yml", 27, "'answer' must be a true or false, not the text 'yes'"),
    ("correct-yes-is-not-a-boolean", edit(str(SEC / "quiz.yml"), "        correct: true\n        feedback: Yes.", "        correct: yes\n        feedback: Yes."), "quiz.yml", 9, "'correct' must be a true or false, not the text 'yes'"),
    ("options-not-a-list", edit(str(SEC / "quiz.yml"), "    options:\n      - text: Right\n        correct: true\n        feedback: Yes.\n      - text: Wrong\n        feedback: No.\n", "    options: Right or Wrong\n"), "quiz.yml", 7, "'options' must be a list"),
    ("questions-not-a-list", write_file(str(SEC / "quiz.yml"), "questions: none yet\n"), "quiz.yml", 1, "'questions' must be a list"),
    ("quiz-without-questions", write_file(str(SEC / "quiz.yml"), "title: Later\n"), "quiz.yml", 1, "the quiz has no questions"),
    ("missing-image-did-you-mean", edit(str(SEC / "01-intro.md"), "images/square.svg", "images/sqare.svg"), "01-intro.md", 6, "missing file 'images/sqare.svg' \\(did you mean 'images/square.svg'\\?\\)"),
    ("missing-image-folder-did-you-mean", edit(str(SEC / "01-intro.md"), "images/square.svg", "Image/square.svg"), "01-intro.md", 6, "did you mean 'images/square.svg'"),
    ("missing-image-case-did-you-mean", edit(str(SEC / "01-intro.md"), "images/square.svg", "images/Square.SVG"), "01-intro.md", 6, "did you mean 'images/square.svg'"),
    # silent surprises made loud (issue 10)
    ("pass-mark-fraction", edit("course.yml", "pass_mark: 75", "pass_mark: 0.8"), "course.yml", 5, "pass_mark 0.8 is a fraction, but pass marks are percentages \\(use 80 for 80%\\)"),
    ("score-decimals-out-of-range", edit("course.yml", "keywords: [testing]", "keywords: [testing]\nscore_decimals: 3"), "course.yml", 9, "score_decimals 3 is outside 0-2"),
    ("score-decimals-not-whole", edit("course.yml", "keywords: [testing]", "keywords: [testing]\nscore_decimals: 0.5"), "course.yml", 9, "'score_decimals' must be a whole number"),
    ("plural-category-missing", lambda root: (edit("course.yml", "language: en", "language: ru")(root), write(root / "templates/labels/ru.yml", "submit: Ответить\nattempts_left_one: \"Осталась {count} попытка.\"\nattempts_left_other: \"Осталось {count} попытки.\"\n")), "templates/labels/ru.yml", 3, "label 'attempts_left' has no attempts_left_few or attempts_left_many for language 'ru'.*one, few, many, other"),
    ("plural-category-missing-in-course-yml", lambda root: (edit("course.yml", "language: en", "language: pl")(root), edit("course.yml", "keywords: [testing]", "keywords: [testing]\nlabels:\n  attempts_left_one: Jedna\n  attempts_left_few: Kilka\n  attempts_left_other: Inne\n")(root)), "course.yml", 12, "label 'attempts_left' has no attempts_left_many for language 'pl'"),
    # raw HTML media are packaged like Markdown images, so a missing one is reported like them
    ("html-video-missing", lambda root: (no_captions_needed(root), edit(str(SEC / "02-more.md"), "| 1 | 2 |", "| 1 | 2 |\n\n<video controls src=\"clip.mp4\"></video>")(root)), "02-more.md", 10, "missing file 'clip.mp4'"),
    ("html-poster-missing", lambda root: (no_captions_needed(root), edit(str(SEC / "02-more.md"), "| 1 | 2 |", "| 1 | 2 |\n\n<video controls\n  poster=\"images/poster.png\"></video>")(root)), "02-more.md", 11, "missing file 'images/poster.png'"),
    # audio and video (issue 14): the caption rule, WebVTT captions, missing media with did-you-mean
    ("video-without-captions", media_page("![Clip](media/clip.mp4)\n"), "03-media.md", 4, "the video 'media/clip.mp4' has no captions \\(add captions=FILE.vtt.*'captions_required: false' in course.yml"),
    ("html-video-without-captions", media_page("Intro.\n\n<video controls src=\"media/clip.mp4\"></video>\n"), "03-media.md", 6, "the video 'media/clip.mp4' has no captions \\(add <track kind=\"captions\""),
    ("caption-file-not-webvtt", media_page("![Clip](media/clip.mp4 \"captions=media/clip.srt\")\n"), "03-media.md", 4, "the caption file 'media/clip.srt' is not WebVTT \\(its first line must be WEBVTT"),
    ("html-caption-file-not-webvtt", media_page("<video controls src=\"media/clip.mp4\">\n  <track kind=\"captions\" src=\"media/clip.srt\">\n</video>\n"), "03-media.md", 5, "the caption file 'media/clip.srt' is not WebVTT"),
    ("missing-media-did-you-mean", media_page("![Clip](media/clp.mp4 \"captions=media/clip.vtt\")\n"), "03-media.md", 4, "missing file 'media/clp.mp4' \\(did you mean 'media/clip.mp4'\\?\\)"),
    ("missing-captions-did-you-mean", media_page("![Clip](media/clip.mp4 \"captions=media/clip.vt\")\n"), "03-media.md", 4, "missing file 'media/clip.vt' \\(did you mean 'media/clip.vtt'\\?\\)"),
    ("missing-transcript-did-you-mean", media_page("![Clip](media/clip.mp4 \"captions=media/clip.vtt transcript=media/clip-transcrpt.md\")\n"), "03-media.md", 4, "missing transcript 'media/clip-transcrpt.md' \\(did you mean 'media/clip-transcript.md'\\?\\)"),
    ("unknown-player-option", media_page("![Clip](media/clip.mp4 \"captions=media/clip.vtt postre=media/poster.png\")\n"), "03-media.md", 4, "unknown player option 'postre' \\(did you mean 'poster'\\?\\)"),
    ("html-img-missing-did-you-mean", edit(str(SEC / "01-intro.md"), "Some **prose**", "<img src=\"images/sqare.svg\" alt=\"\"> Some **prose**"), "01-intro.md", 4, "missing file 'images/sqare.svg' \\(did you mean 'images/square.svg'\\?\\)"),
    ("misspelt-page-link-did-you-mean", edit(str(SEC / "01-intro.md"), "Some **prose**", "See [this](02-mroe.md). Some **prose**"), "01-intro.md", 4, "'02-mroe.md' is not a page of this course \\(did you mean '02-more.md'\\?\\)"),
    # question banks, cases and the new question types (issue 14)
    ("pool-smaller-than-draw", quiz_section("questions:\n  - draw: 5\n    from: ethics\n", {"ethics": POOL3}), "03-quiz/quiz.yml", 2, "the draw of 5 is larger than the pool 'ethics' \\(3 units\\) \\(draw at most 3, or add questions or cases to .*pools/ethics.yml\\)"),
    ("missing-pool-did-you-mean", quiz_section("questions:\n  - draw: 1\n    from: ethic\n", {"ethics": POOL3}), "03-quiz/quiz.yml", 3, "no pool 'ethic': .*pools/ethic.yml is missing \\(did you mean 'ethics'\\?\\)"),
    ("draw-without-pool", quiz_section("questions:\n  - draw: 1\n"), "03-quiz/quiz.yml", 2, "a draw needs a pool: 'from:' or 'questions:'"),
    ("case-without-questions", quiz_section("questions:\n  - type: case\n    id: lee\n    vignette: Lee, 52.\n"), "03-quiz/quiz.yml", 2, "the case 'lee' has no questions \\(add its questions under 'questions:'"),
    ("matching-item-without-partner", quiz_section("questions:\n  - type: matching\n    prompt: P\n    pairs:\n      - item: One\n        match: A\n      - item: Two\n"), "03-quiz/quiz.yml", 7, "the matching item 'Two' has no partner \\(add 'match: ...' to the pair"),
    ("fill-in-without-answer", quiz_section("questions:\n  - id: f\n    type: fill-in\n    prompt: P\n"), "03-quiz/quiz.yml", 2, "fill-in question 'f' has no accepted answer \\(list what counts as right under 'answers:'"),
    ("fill-in-answer-too-long", quiz_section("questions:\n  - id: f\n    type: fill-in\n    prompt: P\n    max_length: 3\n    answers:\n      - alliance\n"), "03-quiz/quiz.yml", 7, "the accepted answer 'alliance' is longer than max_length 3 \\(the learner could not type it"),
    ("numeric-range-wrong-way-round", quiz_section("questions:\n  - type: numeric\n    prompt: P\n    min: 45\n    max: 40\n"), "03-quiz/quiz.yml", 4, "the numeric range is the wrong way round: min 45 is above max 40 \\(swap them"),
    ("numeric-without-answer", quiz_section("questions:\n  - type: numeric\n    prompt: P\n    min: 45\n"), "03-quiz/quiz.yml", 2, "the numeric question has no answer \\(write 'answer: 42'"),
    ("ordering-with-one-item", quiz_section("questions:\n  - id: o\n    type: ordering\n    prompt: P\n    items: [Only]\n"), "03-quiz/quiz.yml", 2, "ordering question 'o' has 1 item\\(s\\)"),
    ("unknown-quiz-order", quiz_section("order: random\nquestions:\n  - id: t\n" + TF), "03-quiz/quiz.yml", 1, "unknown order 'random' \\(use one of: fixed, shuffled"),
    ("misspelt-question-type-did-you-mean", quiz_section("questions:\n  - type: ordring\n    prompt: P\n    items: [A, B]\n"), "03-quiz/quiz.yml", 2, "unknown question type 'ordring' \\(did you mean 'ordering'\\?\\)"),
    ("key-of-another-type", quiz_section("questions:\n  - type: fill-in\n    prompt: P\n    answers: [x]\n    options: []\n"), "03-quiz/quiz.yml", 5, "unknown key 'options' in the fill-in question"),
    ("points-and-weight", quiz_section("questions:\n  - id: t\n    points: 2\n    weight: 2\n" + TF), "03-quiz/quiz.yml", 4, "the question has both 'points' and 'weight'"),
    ("pool-drawn-twice", quiz_section("questions:\n  - draw: 1\n    from: ethics\n  - draw: 1\n    from: ethics\n", {"ethics": POOL3}), "03-quiz/quiz.yml", 4, "the pool 'ethics' is drawn twice in this quiz"),
]


# Warnings: the build succeeds, writes the package and prints each one as path:line: warning: ...
# (case id, mutation, file, line, fragment of the message)
WARNING_CASES = [
    ("language-without-word-list", edit("course.yml", "language: en", "language: de"), "course.yml", 4, "no word list for language 'de': buttons and messages fall back to English \\(.*templates/labels/de.yml in the course folder"),
    ("sanitizer-removes-script", edit(str(SEC / "02-more.md"), "| 1 | 2 |", "| 1 | 2 |\n\n<script>alert(1)</script>"), "02-more.md", 10, "the sanitizer removed <script> and its content"),
    ("sanitizer-removes-event-handler", edit(str(SEC / "01-intro.md"), "Some **prose**", "<span onclick=\"go()\">Some</span> **prose**"), "01-intro.md", 4, "the sanitizer removed the 'onclick' attribute of <span>.*event handlers do not run"),
    ("sanitizer-removes-javascript-link", edit(str(SEC / "01-intro.md"), "Some **prose**", "<a href=\"javascript:go()\">Some</a> **prose**"), "01-intro.md", 4, "the sanitizer removed the javascript: URL of <a href>.*the link text stays"),
    ("sanitizer-removes-iframe", edit(str(SEC / "02-more.md"), "| 1 | 2 |", "| 1 | 2 |\n\n<iframe src=\"https://example.org/\"></iframe>"), "02-more.md", 10, "the sanitizer removed <iframe>"),
    ("sanitizer-in-quiz-feedback", edit(str(SEC / "quiz.yml"), "feedback: Yes.", "feedback: <b onclick=\"x()\">Yes.</b>"), "quiz.yml", 10, "the sanitizer removed the 'onclick' attribute of <b>"),
]


@pytest.mark.parametrize("name,mutate,path,line,message", WARNING_CASES, ids=[c[0] for c in WARNING_CASES])
def test_warning(course_and_good_build, name, mutate, path, line, message):
    course, out, before = course_and_good_build
    mutate(course)
    result = CliRunner().invoke(cli, ["build", str(course), "-o", str(out)])
    assert result.exit_code == 0, result.output
    where = re.escape(path) + (f":{line}" if line else "")
    assert re.search(rf"^\S*{where}: warning: .*{message}", result.stderr, re.MULTILINE), result.output
    assert len(result.stderr.splitlines()) == 1, result.stderr  # one cause, one message
    assert not nested_hint(result.stderr.splitlines()[0])
    assert "1 warning(s)" in result.stdout
    assert (out / "test-course-2.0-scorm12.zip").is_file()


def nested_hint(line: str) -> bool:
    """True when the hint (the parenthesized part that ends a problem line) has brackets inside."""
    text = re.sub(r" \[[A-Z]+\d+\]$", "", line.rstrip())
    if not text.endswith(")"):
        return False
    depth = 0
    for char in reversed(text):
        depth += {")": 1, "(": -1}.get(char, 0)
        if depth == 0:
            return False
        if depth > 1:
            return True
    return False


def test_nested_hint_finds_brackets_inside_a_hint():
    assert nested_hint("a.md:6: missing file 'x' (check the file name and path (they are case-sensitive))")
    assert not nested_hint("a.md:4: 'x.md' is a page of another section ('b') (each section is its own SCO)")
    assert not nested_hint("a.md:4: message without hint")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def course_and_good_build(tmp_path):
    course = make_course(tmp_path / "course")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(course), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return course, out, snapshot(out)


@pytest.mark.parametrize("name,mutate,path,line,message", CASES, ids=[c[0] for c in CASES])
def test_bad_input(course_and_good_build, name, mutate, path, line, message):
    course, out, before = course_and_good_build
    mutate(course)
    result = CliRunner().invoke(cli, ["build", str(course), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    where = re.escape(path) + (f":{line}" if line else "")
    pattern = rf"^\S*{where}: .*{message}"
    assert re.search(pattern, result.output, re.MULTILINE), result.output
    assert "nothing was written" in result.output
    assert "build failed: 1 problem;" in result.output, f"one cause, one message:\n{result.output}"
    for problem in result.output.splitlines()[:-1]:  # the last line is the "build failed" summary
        assert not nested_hint(problem), problem
    assert snapshot(out) == before


def test_all_problems_are_reported_at_once(course_and_good_build):
    course, out, _ = course_and_good_build
    edit("course.yml", "pass_mark: 75", "pass_mark: 150")(course)
    edit(str(SEC / "quiz.yml"), "id: q-multiple", "id: q-single")(course)
    edit(str(SEC / "01-intro.md"), "images/square.svg", "images/circle.svg")(course)
    result = CliRunner().invoke(cli, ["build", str(course), "-o", str(out)])
    assert result.exit_code == 1
    assert "3 problems" in result.output
    lines = [l for l in result.output.splitlines() if re.match(r"^\S+:\d+: ", l)]
    assert len(lines) == 3


def test_missing_course_folder_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "nope"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "course folder not found" in result.output
    assert not (tmp_path / "out").exists()


def test_a_crash_while_writing_leaves_the_previous_zip(course_and_good_build, monkeypatch):
    course, out, before = course_and_good_build
    import scorm_builder.package as package

    def explode(files, fh):
        fh.write(b"partial")
        raise KeyboardInterrupt  # as when the build is interrupted mid-write

    monkeypatch.setattr(package, "zip_bytes_to", explode)
    with pytest.raises(KeyboardInterrupt):
        package.write_package({"a": b"b"}, out / "test-course-2.0-scorm12.zip")
    assert snapshot(out) == before


def test_temp_files_of_a_killed_build_are_removed_by_the_next(course_and_good_build):
    course, out, before = course_and_good_build
    (out / ".test-course-2.0-scorm12.zip.abc123.tmp").write_bytes(b"half a zip")
    result = CliRunner().invoke(cli, ["build", str(course), "-o", str(out)])
    assert result.exit_code == 0
    assert snapshot(out) == before


def test_an_unwritable_output_folder_is_a_one_line_error(tmp_path):
    course = make_course(tmp_path / "course")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(cli, ["build", str(course), "-o", str(blocker / "out")])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert re.search(r"file/out\S*: .*(Not a directory|No such file)", result.output), result.output
