"""Make the starter course's sample video, its captions, poster and transcript.

    python3 -m venv /tmp/avenv && /tmp/avenv/bin/pip install av pillow
    /tmp/avenv/bin/python scripts/make-sample-video.py

Writes into src/scorm_builder/scaffold/sections/01-getting-started/media/:

- ``three-steps.webm``: 6 seconds, 320x180, 10 frames per second, VP8, no audio: three colour cards
  ("1 Write", "2 Preview", "3 Build"), two seconds each, with a bar that fills as the video plays;
- ``three-steps.vtt``: one caption cue per card (the cues are the card texts, so they always match);
- ``three-steps-poster.png``: the title card shown before the video plays;
- ``three-steps.md``: the transcript.

Everything is drawn here (no footage, no stock images). PyAV and Pillow are only needed to run this
script: they are not dependencies of scorm-builder. The output is deterministic for one PyAV/libvpx
version (one encoder thread, fixed settings), so rerunning it gives the same bytes.
"""
from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

try:
    import av
    from PIL import Image, ImageDraw, ImageFont
except ImportError:
    sys.exit("needs PyAV and Pillow: python3 -m venv /tmp/avenv && /tmp/avenv/bin/pip install av pillow")

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "scorm_builder" / "scaffold" / "sections" / "01-getting-started" / "media"
NAME = "three-steps"
WIDTH, HEIGHT, FPS, SECONDS_PER_CARD = 320, 180, 10, 2
FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf", "DejaVuSans-Bold.ttf")

# (background, big word, small line under it, the caption cue's text)
CARDS = [
    ("#2d5f9a", "1  Write", "text files in a folder", "Step one: write the course as plain text files in a folder."),
    ("#2f7d4f", "2  Preview", "scorm-builder preview",
     "Step two: preview it while you edit, with scorm-builder preview."),
    ("#8a4b9a", "3  Build", "scorm-builder build", "Step three: build the SCORM package, with scorm-builder build."),
]
POSTER = ("#1f4672", "Three steps", "a 6-second tour", "")


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in FONTS:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)  # Pillow >= 10.1


BIG, SMALL = font(40), font(18)


def card(background: str, big: str, small: str, progress: float | None) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    draw.text((WIDTH // 2, 72), big, font=BIG, fill="white", anchor="mm")
    draw.text((WIDTH // 2, 118), small, font=SMALL, fill="#f2f2f2", anchor="mm")
    if progress is not None:  # a bar along the bottom that fills over the whole video
        draw.rectangle((16, HEIGHT - 22, WIDTH - 16, HEIGHT - 14), outline="white", width=1)
        draw.rectangle((16, HEIGHT - 22, 16 + round((WIDTH - 32) * progress), HEIGHT - 14), fill="white")
    return image


def timestamp(seconds: float) -> str:
    return f"00:{int(seconds):02d}.{round(seconds % 1 * 1000):03d}"


def write_video(path: Path) -> None:
    frames_per_card = FPS * SECONDS_PER_CARD
    total = frames_per_card * len(CARDS)
    with av.open(str(path), "w", format="webm", options={"fflags": "+bitexact"}) as container:  # no random ids
        stream = container.add_stream("libvpx", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        stream.time_base = Fraction(1, FPS)
        stream.bit_rate = 60_000
        stream.options = {"threads": "1", "crf": "20", "deadline": "good", "cpu-used": "0",
                          "auto-alt-ref": "0", "lag-in-frames": "0"}
        for n in range(total):
            background, big, small, _ = CARDS[n // frames_per_card]
            frame = av.VideoFrame.from_image(card(background, big, small, (n + 1) / total))
            frame.pts = n
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)


def write_captions(path: Path) -> None:
    cues = [f"{timestamp(i * SECONDS_PER_CARD)} --> {timestamp((i + 1) * SECONDS_PER_CARD)}\n{cue}\n"
            for i, (_, _, _, cue) in enumerate(CARDS)]
    path.write_text("WEBVTT\n\n" + "\n".join(cues), encoding="utf-8")


def write_transcript(path: Path) -> None:
    lines = "\n".join(f"{i}. {cue}" for i, (_, _, _, cue) in enumerate(CARDS, 1))
    path.write_text(
        "The video has no sound. It shows three coloured cards, two seconds each, with a bar along the\n"
        "bottom that fills as it plays:\n\n" + lines + "\n", encoding="utf-8")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_video(OUT / f"{NAME}.webm")
    card(*POSTER[:3], progress=None).save(OUT / f"{NAME}-poster.png", optimize=True)
    write_captions(OUT / f"{NAME}.vtt")
    write_transcript(OUT / f"{NAME}.md")
    for suffix in (".webm", "-poster.png", ".vtt", ".md"):
        path = OUT / f"{NAME}{suffix}"
        print(f"{path.relative_to(REPO)}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
