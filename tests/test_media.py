"""Audio and video in pages (issue 14, item 6): the Markdown player syntax, its captions, poster and
transcript, the captions rule (and its waivers) for Markdown and HTML videos, the WebVTT check,
packaging and the build summary's media sizes."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree, html

from coursekit import make_course, write
from scorm_builder.build import build
from scorm_builder.cli import cli
from scorm_builder.problems import ProblemsError
from scorm_builder.scorm12 import NS_IMSCP

SEC = Path("sections/01-first")
MEDIA = "../media/sections/01-first"
VTT = "WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n"


def course_with_clips(root: Path, extra_yml: str = "") -> Path:
    course = make_course(root)
    if extra_yml:
        yml = course / "course.yml"
        yml.write_text(yml.read_text() + extra_yml)
    files = {"clip.mp4": b"\x00" * 2500, "clip.vtt": VTT.encode(), "clip.fr.vtt": ("\ufeff" + VTT).encode(),
             "poster.png": b"png", "talk.mp3": b"\x00" * 700, "clip.srt": b"1\n00:00:00,000 --> 00:00:02,000\nHi\n"}
    (course / SEC / "media").mkdir()
    for name, data in files.items():
        (course / SEC / "media" / name).write_bytes(data)
    write(course / SEC / "media" / "clip.md", "The speaker says *hello*.\n\nThen ![a square](../images/square.svg).\n")
    return course


def page(course: Path, body: str) -> None:
    write(course / SEC / "03-media.md", "---\ntitle: Media\n---\n" + body)


def media_page(result) -> html.HtmlElement:
    doc = html.fromstring(result.files["first/index.html"])
    return doc.get_element_by_id("p2")


def build_errors(course: Path, out: Path) -> list[str]:
    with pytest.raises(ProblemsError) as failed:
        build(course, out)
    return [p.format() for p in failed.value.problems]


PLAYERS = """\
Intro.

![Opening a session](media/clip.mp4 "captions=media/clip.vtt poster=media/poster.png transcript=media/clip.md")

![A short talk](media/talk.mp3 "transcript=media/clip.md")

After.
"""


def test_a_markdown_video_becomes_a_native_player_with_captions_poster_and_transcript(tmp_path):
    course = course_with_clips(tmp_path / "c")
    page(course, PLAYERS)
    result = build(course, tmp_path / "out")
    section = media_page(result)
    (video,) = section.iter("video")
    assert video.get("controls") is not None and video.get("poster") == f"{MEDIA}/media/poster.png"
    assert [(s.get("src"), s.get("type")) for s in video.iter("source")] == [(f"{MEDIA}/media/clip.mp4", "video/mp4")]
    (track,) = video.iter("track")
    assert track.attrib == {"kind": "captions", "src": f"{MEDIA}/media/clip.vtt", "srclang": "en",
                            "label": "Captions", "default": ""}
    figure = video.getparent()
    assert figure.tag == "figure" and figure.findtext("figcaption") == "Opening a session"
    details = figure.find("details")
    assert details.findtext("summary") == "Transcript"
    assert "The speaker says" in details.text_content() and details.find(".//em").text == "hello"
    assert details.find(".//img").get("src") == f"{MEDIA}/images/square.svg"  # relative to the transcript
    (audio,) = section.iter("audio")
    assert audio.get("controls") is not None and audio.find("source").get("type") == "audio/mpeg"
    assert audio.getparent().find("details") is not None
    text = section.text_content()
    assert text.index("Intro.") < text.index("Opening a session") < text.index("A short talk") < text.index("After.")
    assert "<p><figure" not in result.files["first/index.html"].decode()  # a figure never sits in a paragraph
    assert "sb-media-slot" not in result.files["first/index.html"].decode()
    assert not [n for n in section.iter() if n.tag == "script"]  # native controls: no player script


def test_media_are_packaged_and_listed_and_the_transcript_is_inlined_not_shipped(tmp_path):
    course = course_with_clips(tmp_path / "c")
    write(course / SEC / "media" / "clip.md", "The speaker says hello.\n")
    page(course, PLAYERS)
    result = build(course, tmp_path / "out")
    with zipfile.ZipFile(result.zip_path) as zf:
        names = set(zf.namelist())
        manifest = etree.fromstring(zf.read("imsmanifest.xml"))
    listed = {f.get("href") for f in manifest.iterfind(f".//{{{NS_IMSCP}}}file")}
    for name in ("clip.mp4", "clip.vtt", "poster.png", "talk.mp3"):
        assert f"media/sections/01-first/media/{name}" in names & listed, name
    assert "media/sections/01-first/media/clip.md" not in names
    assert listed == names - {"imsmanifest.xml"}


def test_the_build_summary_gives_the_size_of_each_media_file(tmp_path):
    course = course_with_clips(tmp_path / "c")
    page(course, PLAYERS)
    result = CliRunner().invoke(cli, ["build", str(course), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("built ")
    assert lines[1:] == ["  media/sections/01-first/media/clip.mp4: 2.4 KB",
                         "  media/sections/01-first/media/talk.mp3: 700 B"]


def test_a_course_without_media_has_a_one_line_summary(tmp_path):
    result = build(make_course(tmp_path / "c"), tmp_path / "out")
    assert "\n" not in result.summary


def test_caption_options_set_the_track_language_and_label(tmp_path):
    course = course_with_clips(tmp_path / "c")
    page(course, "![Clip](media/clip.mp4 \"captions=media/clip.fr.vtt srclang=fr label='Français (France)'\")\n")
    (track,) = media_page(build(course, tmp_path / "out")).iter("track")
    assert (track.get("srclang"), track.get("label")) == ("fr", "Français (France)")


def test_a_video_without_captions_is_an_error_naming_the_waivers(tmp_path):
    course = course_with_clips(tmp_path / "c")
    page(course, "Intro.\n\n![Clip](media/clip.mp4)\n")
    (error,) = build_errors(course, tmp_path / "out")
    assert re.match(r"\S*03-media\.md:6: the video 'media/clip\.mp4' has no captions \(.*captions=none.*"
                    r"'captions_required: false' in course\.yml", error), error
    assert not (tmp_path / "out").exists()


def test_captions_none_waives_one_video_and_captions_required_false_the_course(tmp_path):
    course = course_with_clips(tmp_path / "c")
    page(course, "![Silent](media/clip.mp4 \"captions=none\")\n")
    assert not list(media_page(build(course, tmp_path / "a")).iter("track"))
    waived = course_with_clips(tmp_path / "w", "captions_required: false\n")
    page(waived, "![Clip](media/clip.mp4)\n\n<video controls src=\"media/clip.mp4\"></video>\n")
    assert len(list(media_page(build(waived, tmp_path / "b")).iter("video"))) == 2


def test_audio_needs_no_captions(tmp_path):
    course = course_with_clips(tmp_path / "c")
    page(course, "![Talk](media/talk.mp3)\n\n<audio controls src=\"media/talk.mp3\"></audio>\n")
    assert len(list(media_page(build(course, tmp_path / "out")).iter("audio"))) == 2


def test_an_html_video_needs_a_captions_track_too(tmp_path):
    course = course_with_clips(tmp_path / "c")
    page(course, "Intro.\n\n<video controls>\n  <source src=\"media/clip.mp4\">\n"
                 "  <track kind=\"descriptions\" src=\"media/clip.vtt\">\n</video>\n")
    (error,) = build_errors(course, tmp_path / "out")
    assert re.match(r"\S*03-media\.md:6: the video 'media/clip\.mp4' has no captions \(add <track kind=\"captions\"",
                    error), error
    page(course, "Intro.\n\n<video controls>\n  <source src=\"media/clip.mp4\">\n"
                 "  <track kind=\"captions\" src=\"media/clip.vtt\" srclang=\"en\" label=\"English\">\n</video>\n")
    assert build(course, tmp_path / "out").warnings == ()


@pytest.mark.parametrize("body, line", [
    ("![Clip](media/clip.mp4 \"captions=media/clip.srt\")\n", 4),
    ("Intro.\n\n<video controls src=\"media/clip.mp4\">\n"
     "<track kind=\"captions\" src=\"media/clip.srt\">\n</video>\n", 7),
])
def test_a_caption_file_that_is_not_webvtt_is_an_error_at_its_line(tmp_path, body, line):
    course = course_with_clips(tmp_path / "c")
    page(course, body)
    (error,) = build_errors(course, tmp_path / "out")
    assert re.match(rf"\S*03-media\.md:{line}: the caption file 'media/clip\.srt' is not WebVTT \(.*WEBVTT",
                    error), error


def test_a_webvtt_signature_must_be_the_whole_first_word(tmp_path):
    course = course_with_clips(tmp_path / "c")
    (course / SEC / "media" / "clip.vtt").write_text("WEBVTTX\n")
    page(course, "![Clip](media/clip.mp4 \"captions=media/clip.vtt\")\n")
    (error,) = build_errors(course, tmp_path / "out")
    assert "is not WebVTT" in error


@pytest.mark.parametrize("body, message", [
    ("![Clip](media/clip.mp4 \"captions=media/clip.vtt caption=x\")\n",
     r":4: unknown player option 'caption' \(did you mean 'captions'\?\)"),
    ("![Clip](media/clip.mp4 \"captions\")\n", r":4: player option 'captions' has no value"),
    ("![Clip](media/clip.mp4 \"captions=none label='x\")\n", r":4: the player's options have an unclosed quote"),
    ("![Clip](media/clip.mp4 \"captions=none label=English\")\n", r":4: 'srclang' and 'label' describe captions"),
    ("![Talk](media/talk.mp3 \"poster=media/poster.png\")\n", r":4: an audio player has no poster"),
    ("Watch ![Clip](media/clip.mp4 \"captions=none\") now.\n",
     r":4: the player of 'media/clip\.mp4' shares its paragraph"),
    ("![Clip](media/clip.mp4 \"captions=none transcript=media/clp.md\")\n",
     r":4: missing transcript 'media/clp\.md' \(did you mean 'media/clip\.md'\?\)"),
    ("![Clip](media/clip.mp4 \"captions=none transcript=media/poster.png\")\n",
     r":4: the transcript 'media/poster\.png' is not a \.md"),
    ("![Clip](media/clip.mp4 \"captions=none transcript=../../../x.md\")\n",
     r":4: the transcript '\.\./\.\./\.\./x\.md' is outside"),
    ("![Clip](media/clip.mp4 \"captions=none transcript=02-more.md\")\n",
     r":4: the transcript '02-more\.md' is also a page"),
    ("![Clip](media/clip.mp5 \"captions=none\")\n",
     r":4: missing file 'media/clip\.mp5' \(did you mean 'media/clip\.mp4'\?\)"),
    ("![Clip](https://example.com/clip.mp4)\n",
     r":4: 'https://example\.com/clip\.mp4' would be loaded from the network"),
])
def test_bad_players_are_errors_at_their_line(tmp_path, body, message):
    course = course_with_clips(tmp_path / "c")
    page(course, body)
    (error,) = build_errors(course, tmp_path / "out")
    assert re.search(r"03-media\.md" + message, error), error


def test_a_player_in_a_quiz_text_is_an_error(tmp_path):
    course = course_with_clips(tmp_path / "c")
    quiz = course / SEC / "quiz.yml"
    quiz.write_text(quiz.read_text().replace("prompt: Pick one.", 'prompt: "![Clip](media/clip.mp4)"'))
    (error,) = build_errors(course, tmp_path / "out")
    assert re.search(r"quiz\.yml:\d+: 'media/clip\.mp4' is audio or video, which plays in pages only", error), error


def test_an_html_video_in_a_quiz_text_needs_webvtt_captions_too(tmp_path):
    course = course_with_clips(tmp_path / "c")
    quiz = course / SEC / "quiz.yml"
    text = quiz.read_text()
    quiz.write_text(text.replace("rationale: Because.", "rationale: '<video controls src=\"media/clip.mp4\"></video>'"))
    (error,) = build_errors(course, tmp_path / "a")
    assert re.match(r"\S*quiz\.yml:4: the video 'media/clip\.mp4' has no captions", error), error
    quiz.write_text(text.replace("rationale: Because.", "rationale: '<video controls src=\"media/clip.mp4\">"
                                 "<track kind=\"captions\" src=\"media/clip.srt\"></video>'"))
    (error,) = build_errors(course, tmp_path / "b")
    assert re.match(r"\S*quiz\.yml:\d+: the caption file 'media/clip\.srt' is not WebVTT", error), error


def test_an_author_div_that_looks_like_a_player_slot_stays_as_written(tmp_path):
    course = course_with_clips(tmp_path / "c")
    page(course, '<div class="sb-media-slot" id="sb-media-3"></div>\n\n![Talk](media/talk.mp3)\n')
    section = media_page(build(course, tmp_path / "out"))
    assert len(list(section.iter("audio"))) == 1 and section.get_element_by_id("sb-media-3") is not None
