"""Audio and video players in a real browser (issue 14, item 6): axe-core finds nothing on a page with a
captioned video, its poster and transcript, at 1280 and 320 px; the player reflows at 320 px; the
keyboard reaches the native controls and opens the transcript; no script comes with the player.

The media are made here: a 1280x720 poster PNG (so that a player without ``max-width`` would overflow
at 320 px), a WebVTT file, and bytes named .mp4/.mp3 (nothing is played)."""
from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from test_runtime_a11y import axe_violations, tab_to

from coursekit import make_course, write
from scorm_builder.build import build

SEC = Path("sections/01-first")
PAGE = 2  # 01-intro, 02-more, then 03-media


def png(width: int, height: int) -> bytes:
    """A valid grey PNG of the given size (a few hundred bytes: the rows compress to nothing)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def media_url(site, tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp("media")
    course = make_course(tmp / "src")
    folder = course / SEC / "media"
    folder.mkdir()
    (folder / "clip.mp4").write_bytes(b"\x00" * 1024)
    (folder / "talk.mp3").write_bytes(b"\x00" * 512)
    (folder / "poster.png").write_bytes(png(1280, 720))
    (folder / "clip.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nWelcome to the session.\n")
    write(folder / "clip.md", "**Counsellor:** Welcome to the session.\n\n**Client:** Thank you.\n")
    write(course / SEC / "03-media.md", """\
        ---
        title: Media
        ---
        A short clip of a first session.

        ![Opening a session](media/clip.mp4 "captions=media/clip.vtt poster=media/poster.png transcript=media/clip.md")

        ![The counsellor's notes, read aloud](media/talk.mp3 "transcript=media/clip.md")
        """)
    result = build(course, tmp / "out")
    with zipfile.ZipFile(result.zip_path) as zf:
        zf.extractall(site.root / "pkg" / "media")
    return f"{site.base}/pkg/media/first/index.html"


def open_media_page(page, url: str):
    page.goto(url)
    page.wait_for_selector(".sb-page.sb-current")
    page.locator(f'#sb-toc a[data-goto="{PAGE}"]').click()
    page.wait_for_selector(f"#p{PAGE}.sb-current video")


def test_axe_finds_nothing_on_a_page_with_a_captioned_video_at_1280_and_320_px(page, media_url):
    open_media_page(page, media_url)
    found = {"1280 px": axe_violations(page.main_frame)}
    page.locator(f"#p{PAGE} .sb-transcript summary").first.click()
    found["transcript open"] = axe_violations(page.main_frame)
    page.set_viewport_size({"width": 320, "height": 720})
    found["320 px"] = axe_violations(page.main_frame)
    assert {k: v for k, v in found.items() if v} == {}


def test_the_player_reflows_at_320_px(page, media_url):
    open_media_page(page, media_url)
    assert page.locator(f"#p{PAGE} video").evaluate("v => v.getBoundingClientRect().width") > 320  # the poster's size
    page.set_viewport_size({"width": 320, "height": 720})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for selector in ("video", "audio"):
        box = page.locator(f"#p{PAGE} {selector}").evaluate("e => e.getBoundingClientRect().toJSON()")
        assert box["left"] >= 0 and box["right"] <= 320, (selector, box)


def test_the_keyboard_reaches_the_native_controls_and_the_transcript(page, media_url):
    open_media_page(page, media_url)
    video = page.locator(f"#p{PAGE} video")
    assert video.evaluate("v => v.controls && v.textTracks.length === 1 && v.textTracks[0].kind === 'captions'")
    assert video.evaluate("v => v.textTracks[0].mode") == "showing"  # the default track is on
    page.locator(f"#p{PAGE}-title").focus()
    tab_to(page, page.main_frame, lambda f: f["tag"] == "VIDEO")
    summary = tab_to(page, page.main_frame, lambda f: f["tag"] == "SUMMARY")
    assert summary["outline"] != "none 0px"
    page.keyboard.press("Enter")
    assert page.locator(f"#p{PAGE} .sb-transcript").first.evaluate("d => d.open")
    tab_to(page, page.main_frame, lambda f: f["tag"] == "AUDIO")


def test_the_players_bring_no_script(page, media_url):
    open_media_page(page, media_url)
    scripts = page.evaluate("[...document.scripts].map(s => s.src).filter(Boolean)")
    assert all("/shared/" in src for src in scripts), scripts
