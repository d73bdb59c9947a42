"""Author HTML inside Markdown: its local media are packaged like Markdown images (issue 10), and
what the sanitizer removes is reported as a warning at its line, with no empty leftovers."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from coursekit import make_course, write
from scorm_builder.build import build
from scorm_builder.cli import cli
from scorm_builder.problems import WARNING
from scorm_builder.scorm12 import NS_IMSCP

SEC = Path("sections/01-first")
MEDIA = "../media/sections/01-first"


def course_with_media(root: Path, raw: bool = False) -> Path:
    course = make_course(root)
    if raw:
        yml = course / "course.yml"
        yml.write_text(yml.read_text() + "allow_raw_html: true\n")
    for name, data in {"clip.mp4": b"mp4", "clip.webm": b"webm", "clip.vtt": b"WEBVTT\n", "poster.png": b"png",
                       "talk.mp3": b"mp3", "big.svg": b"<svg/>"}.items():
        (course / SEC / "media").mkdir(exist_ok=True)
        (course / SEC / "media" / name).write_bytes(data)
    (course / SEC / "handout.pdf").write_bytes(b"%PDF")
    return course


def page(course: Path, body: str) -> None:
    write(course / SEC / "03-media.md", "---\ntitle: Media\n---\n" + body)


def body_of(html: bytes) -> str:
    return html.decode().split('id="sb-main"')[1].split('id="sb-data"')[0]


def listed_files(zip_path: Path) -> set[str]:
    with zipfile.ZipFile(zip_path) as zf:
        root = etree.fromstring(zf.read("imsmanifest.xml"))
        names = set(zf.namelist())
    listed = {f.get("href") for f in root.iterfind(f".//{{{NS_IMSCP}}}file")}
    assert listed == names - {"imsmanifest.xml"}  # nothing packaged that the manifest does not list
    return listed


MEDIA_PAGE = """\
<img src="images/square.svg" width="50" alt="A square">

<video controls src="media/clip.mp4" poster="media/poster.png">
  <source src="media/clip.webm" type="video/webm">
  <track src="media/clip.vtt" kind="captions" srclang="en" label="English">
</video>

Listen: <audio controls src="media/talk.mp3"></audio> and read <a href="handout.pdf">the handout</a>.
"""


def test_html_media_are_rewritten_packaged_and_listed_under_the_default_sanitizer(tmp_path):
    course = course_with_media(tmp_path / "c")
    page(course, MEDIA_PAGE)
    result = build(course, tmp_path / "out")
    body = body_of(result.files["first/index.html"])
    for ref in ('src="images/square.svg"', "media/clip.mp4", "media/poster.png", "media/clip.webm", "media/clip.vtt",
                "media/talk.mp3", "handout.pdf"):
        assert f"{MEDIA}/{ref.removeprefix('src=').strip(chr(34))}" in body, ref
    assert '<video controls="" src="../media/' in body and "<track " in body and "<audio " in body
    assert 'width="50"' in body
    listed = listed_files(result.zip_path)
    for name in ("images/square.svg", "media/clip.mp4", "media/poster.png", "media/clip.webm", "media/clip.vtt",
                 "media/talk.mp3", "handout.pdf"):
        assert f"media/sections/01-first/{name}" in listed
    assert result.warnings == ()


def test_html_media_are_rewritten_with_raw_html_too_srcset_included(tmp_path):
    course = course_with_media(tmp_path / "c", raw=True)
    (course / SEC / "media" / "extra.js").write_text("// extra\n")
    page(course, MEDIA_PAGE + '\n<img src="media/big.svg" srcset="images/square.svg 1x, media/big.svg 2x" alt="">\n'
                              '\n<script src="media/extra.js"></script>\n')
    result = build(course, tmp_path / "out")
    body = body_of(result.files["first/index.html"])
    assert f'<video controls src="{MEDIA}/media/clip.mp4" poster="{MEDIA}/media/poster.png">' in body
    assert f'srcset="{MEDIA}/images/square.svg 1x, {MEDIA}/media/big.svg 2x"' in body
    assert f'<script src="{MEDIA}/media/extra.js">' in body
    listed = listed_files(result.zip_path)
    assert {"media/sections/01-first/media/big.svg", "media/sections/01-first/media/extra.js"} <= listed
    assert not re.search(r'(src|poster|href)="(media|images)/', body)


def test_a_missing_html_media_file_is_an_error_at_its_line(tmp_path):
    course = course_with_media(tmp_path / "c")
    page(course, "Intro.\n\n<video controls>\n<source src=\"media/clip.mp4\">\n"
                 "<track src=\"media/clip.en.vtt\">\n</video>\n")
    result = CliRunner().invoke(cli, ["build", str(course), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert re.search(r"03-media\.md:8: missing file 'media/clip\.en\.vtt'", result.output), result.output
    assert not (tmp_path / "out").exists()


def test_html_in_quiz_texts_is_packaged_too(tmp_path):
    course = course_with_media(tmp_path / "c")
    quiz = course / SEC / "quiz.yml"
    text = quiz.read_text().replace("prompt: Pick one.", 'prompt: Pick one. <img src="images/square.svg" alt="">')
    quiz.write_text(text.replace("- text: Right", '- text: Right <audio controls src="media/talk.mp3"></audio>'))
    result = build(course, tmp_path / "out")
    body = body_of(result.files["first/index.html"])
    assert f'<img src="{MEDIA}/images/square.svg"' in body and f'src="{MEDIA}/media/talk.mp3"' in body
    assert "media/sections/01-first/media/talk.mp3" in listed_files(result.zip_path)


def test_a_raw_html_link_to_another_page_opens_it_in_the_sco(tmp_path):
    course = course_with_media(tmp_path / "c")
    page(course, 'See <a href="02-more.md">the table</a>.\n')
    body = body_of(build(course, tmp_path / "out").files["first/index.html"])
    assert 'href="#p1" data-goto="1"' in body


REMOVED_PAGE = """\
Intro.

<script>alert(1)</script>

<p onclick="steal()">Click</p>

Text <a href="javascript:alert(3)">dead link</a> and <iframe src="handout.pdf"></iframe>

<video src="media/clip.mp4" autoplay><track kind="captions" src="media/clip.vtt"></video>
"""


def test_what_the_sanitizer_removes_is_a_warning_at_its_line_and_the_build_succeeds(tmp_path):
    course = course_with_media(tmp_path / "c")
    page(course, REMOVED_PAGE)
    result = CliRunner().invoke(cli, ["build", str(course), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    expected = [
        (6, "the sanitizer removed <script> and its content"),
        (8, "the sanitizer removed the 'onclick' attribute of <p>"),
        (10, "the sanitizer removed the javascript: URL of <a href>"),
        (10, "the sanitizer removed <iframe>"),
        (12, "the sanitizer removed the 'autoplay' attribute of <video>"),
    ]
    assert len(warnings) == len(expected), result.stderr
    for line, message in expected:
        assert any(re.search(rf"03-media\.md:{line}: warning: {re.escape(message)} \(", w) for w in warnings), message
    assert "5 warning(s)" in result.stdout
    assert (tmp_path / "out" / "test-course-2.0-scorm12.zip").is_file()
    with zipfile.ZipFile(tmp_path / "out" / "test-course-2.0-scorm12.zip") as zf:
        body = body_of(zf.read("first/index.html"))
        assert "media/sections/01-first/handout.pdf" not in zf.namelist()  # the removed iframe's file is not packaged
    assert "<p></p>" not in body and "alert" not in body and "onclick" not in body and "autoplay" not in body
    assert "Click" in body and "dead link" in body and f'<video src="{MEDIA}/media/clip.mp4">' in body


def test_nothing_is_reported_for_sanitized_html_that_passes_or_for_raw_html(tmp_path):
    course = course_with_media(tmp_path / "c")
    page(course, '<p class="note" title="t">Kept <abbr title="x">ab</abbr> <a href="https://example.org">web</a></p>\n')
    assert build(course, tmp_path / "a").warnings == ()
    raw = course_with_media(tmp_path / "raw", raw=True)
    page(raw, REMOVED_PAGE)
    result = build(raw, tmp_path / "b")
    assert result.warnings == ()
    assert "<script>alert(1)</script>" in body_of(result.files["first/index.html"])


def test_warnings_are_shown_beside_the_errors_of_a_failed_build_and_not_counted(tmp_path):
    course = course_with_media(tmp_path / "c")
    page(course, "<script>x()</script>\n\n![gone](images/gone.svg)\n")
    result = CliRunner().invoke(cli, ["build", str(course), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert re.search(r"03-media\.md:4: warning: the sanitizer removed <script>", result.output)
    assert re.search(r"03-media\.md:6: missing file 'images/gone\.svg'", result.output)
    assert "build failed: 1 problem;" in result.output


def test_warnings_carry_the_warning_severity(tmp_path):
    course = course_with_media(tmp_path / "c")
    page(course, '<span onmouseover="x()">hover</span>\n')
    (warning,) = build(course, tmp_path / "out").warnings
    assert warning.severity == WARNING and warning.line == 4
