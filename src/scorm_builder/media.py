"""Audio and video in pages: the Markdown player syntax, the media of author HTML, and their rules.

A paragraph holding only an image whose file is audio or video becomes a player::

    ![Opening a session](session.mp4 "captions=session.vtt poster=session.jpg transcript=session.md")

The image's title carries ``key=value`` options, split like a shell line (quote a value with spaces):
``captions`` (a WebVTT file, or ``none`` to waive captions for this video), ``srclang`` and ``label``
of the captions (default: the course language and the ``captions_label`` label), ``poster`` (an image,
video only) and ``transcript`` (a Markdown or text file, shown in a ``<details>`` below the player).
The Markdown leaves a slot (``<div class="sb-media-slot" id="sb-media-<n>">``) that render.py fills
from the ``media.html`` template, so the player's HTML lives with the other learner templates.

``<video>`` and ``<audio>`` written as author HTML are kept as written; they are recorded here too
(``Media.from_html``) so that check.py holds them to the same rules: a video needs captions unless
the course sets ``captions_required: false``, and every caption file must be WebVTT.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .assets import SUFFIX_RE, AssetCollector
from .layout import SCO_TO_ROOT
from .model import AssetRef, Caption, Loc, Media, Page
from .problems import Problem, display_path
from .sourcefile import read_text

if TYPE_CHECKING:
    from .markdown import MarkdownRenderer

VIDEO, AUDIO = "video", "audio"
# file extension -> (kind, MIME type for <source type>): what browsers play natively
MEDIA_TYPES = {
    ".mp4": (VIDEO, "video/mp4"), ".m4v": (VIDEO, "video/mp4"), ".webm": (VIDEO, "video/webm"),
    ".ogv": (VIDEO, "video/ogg"), ".mov": (VIDEO, "video/quicktime"),
    ".mp3": (AUDIO, "audio/mpeg"), ".m4a": (AUDIO, "audio/mp4"), ".aac": (AUDIO, "audio/aac"),
    ".oga": (AUDIO, "audio/ogg"), ".ogg": (AUDIO, "audio/ogg"), ".opus": (AUDIO, "audio/ogg"),
    ".wav": (AUDIO, "audio/wav"), ".flac": (AUDIO, "audio/flac"),
}
OPTIONS = ("captions", "srclang", "label", "poster", "transcript")
NO_CAPTIONS = "none"  # captions=none: this video needs no captions (no speech), said explicitly
TRANSCRIPT_SUFFIXES = (".md", ".txt")
SLOT_RE = re.compile(r'<div class="sb-media-slot" id="sb-media-(\d+)"></div>\n?')
WEBVTT_RE = re.compile(rb"^(\xef\xbb\xbf)?WEBVTT([ \t\r\n]|$)")  # the WebVTT file signature (W3C WebVTT 4.1)
VIDEO_TAG_RE = re.compile(r"<video\b", re.IGNORECASE)


def media_kind(target: str) -> tuple[str, str] | None:
    """(kind, MIME type) of a link target whose file is audio or video, else None."""
    name = SUFFIX_RE.sub("", target).lower()
    return MEDIA_TYPES.get(name[name.rfind("."):]) if "." in name else None


def slot(index: int) -> str:
    return f'<div class="sb-media-slot" id="sb-media-{index}"></div>\n'


class MediaCollector:
    """The players of one page, from its Markdown media images, in page order."""

    def __init__(self, md: MarkdownRenderer, assets: AssetCollector):
        self.md, self.assets = md, assets  # the page's assets: players' files and transcripts' links join them
        self.items: list[Media] = []

    def player(self, title: str, target: str, options: str, loc: Loc) -> tuple[str, list[Problem]]:
        """The slot to write where the image was, and the problems of its options."""
        resolve = self.assets
        kind, mime = media_kind(target) or (VIDEO, "")
        problems: list[Problem] = []
        values = self._options(options, loc, problems)
        unreadable = bool(problems)  # these fail the build already: no second error about the captions
        captions_value = values.get("captions", "")
        waived = captions_value.lower() == NO_CAPTIONS
        captions: tuple[Caption, ...] = ()
        if captions_value and not waived:
            captions = (Caption(src=resolve(captions_value, loc) or captions_value, target=captions_value,
                                srclang=values.get("srclang", ""), label=values.get("label", ""), loc=loc),)
        elif "srclang" in values or "label" in values:
            problems.append(Problem(loc.path, loc.line, "'srclang' and 'label' describe captions, but there are none",
                                    "add captions=FILE.vtt to the player, or remove them"))
        poster = values.get("poster", "")
        if poster and kind == AUDIO:
            problems.append(Problem(loc.path, loc.line, "an audio player has no poster",
                                    "remove 'poster=' or use it on a video"))
            poster = ""
        transcript, transcript_html = self._transcript(values.get("transcript", ""), loc, problems)
        media = Media(kind=kind, mime=mime, title=title, target=target, src=resolve(target, loc) or target,
                      poster=(resolve(poster, loc) or poster) if poster else "", captions=captions,
                      captions_waived=waived or unreadable, transcript=transcript,
                      transcript_html=transcript_html, loc=loc)
        self.items.append(media)
        return slot(len(self.items) - 1), problems

    def _options(self, text: str, loc: Loc, problems: list[Problem]) -> dict[str, str]:
        import shlex  # only for a player with options

        try:
            words = shlex.split(text)
        except ValueError:
            problems.append(Problem(loc.path, loc.line, "the player's options have an unclosed quote",
                                    "close the quote: label='English, with sound descriptions'"))
            return {}
        values: dict[str, str] = {}
        for word in words:
            key, eq, value = word.partition("=")
            if not eq or not value:
                problems.append(Problem(loc.path, loc.line, f"player option '{word}' has no value",
                                        f"write key=value; the keys are {', '.join(OPTIONS)}"))
            elif key not in OPTIONS:
                import difflib  # only for a did-you-mean: not on every build's start-up path

                close = difflib.get_close_matches(key, OPTIONS, n=1)
                problems.append(Problem(loc.path, loc.line, f"unknown player option '{key}'",
                                        f"did you mean '{close[0]}'?" if close else f"use {', '.join(OPTIONS)}"))
            elif key in values:
                problems.append(Problem(loc.path, loc.line, f"player option '{key}' is given twice",
                                        "keep one of them"))
            else:
                values[key] = value
        return values

    def _transcript(self, target: str, loc: Loc, problems: list[Problem]) -> tuple[AssetRef | None, str]:
        """The transcript file (check.py reports it missing) and its text as HTML; its links and
        images are relative to the transcript's own folder."""
        if not target:
            return None, ""
        source = (self.assets.base_dir / target).resolve()
        inside = source.is_relative_to(self.assets.course_dir.resolve())
        ref = AssetRef(target=target, source=source if inside else None, package_path="", loc=loc)
        if not target.endswith(TRANSCRIPT_SUFFIXES):
            problems.append(Problem(loc.path, loc.line, f"the transcript '{target}' is not a .md or .txt file",
                                    "write the transcript as Markdown or plain text"))
            return ref, ""
        if not inside or not source.is_file():
            return ref, ""
        text, found = read_text(source)
        problems += found
        if text is None:
            return ref, ""
        links = AssetCollector(self.assets.course_dir, source.parent)
        rendered = self.md.block(text, Loc(display_path(source), 1), links)
        self.assets.refs += links.refs
        self.assets.page_links += links.page_links
        problems += rendered.problems
        return ref, rendered.html


def html_media(html: str, source: str, loc: Loc, refs: list[AssetRef]) -> list[Media]:
    """The ``<video>`` and ``<audio>`` elements of author HTML (already rendered, references rewritten),
    with their captions, so check.py holds them to the rules of the Markdown players."""
    if "<video" not in html and "<audio" not in html:
        return []
    import lxml.html

    video_lines = iter(loc.line + source.count("\n", 0, m.start()) for m in VIDEO_TAG_RE.finditer(source))
    found = []
    for element in lxml.html.fragment_fromstring(html, create_parent="div").iter("video", "audio"):
        line = next(video_lines, loc.line) if element.tag == VIDEO else loc.line
        captions = []
        for track in element.iter("track"):
            if (track.get("kind") or "subtitles").lower() not in ("captions", "subtitles"):
                continue
            src = track.get("src") or ""
            track_ref = _ref_of(src, refs)
            captions.append(Caption(src=src, target=track_ref.target if track_ref else src,
                                    srclang=track.get("srclang") or "", label=track.get("label") or "",
                                    loc=track_ref.loc if track_ref else Loc(loc.path, line)))
        src = element.get("src") or next((s.get("src") or "" for s in element.iter("source")), "")
        ref = _ref_of(src, refs)
        found.append(Media(kind=element.tag, mime="", title="", target=ref.target if ref else src, src=src,
                           poster=element.get("poster") or "", captions=tuple(captions), captions_waived=False,
                           transcript=None, transcript_html="", loc=Loc(loc.path, line), from_html=True))
    return found


def _ref_of(url: str, refs: list[AssetRef]) -> AssetRef | None:
    """The asset a rewritten URL (``../media/<path>``) of the page stands for."""
    path = SUFFIX_RE.sub("", url)
    return next((r for r in refs if r.package_path and path == SCO_TO_ROOT + r.package_path), None)


def is_webvtt(path: Path) -> bool:
    with path.open("rb") as f:
        return bool(WEBVTT_RE.match(f.read(10)))


def page_parts(page: Page) -> Iterator[str | Media]:
    """The page's HTML in order, its player slots replaced by their Media (for page.html)."""
    html, at = page.html, 0
    if not page.media:
        yield html
        return
    for m in SLOT_RE.finditer(html):
        index = int(m.group(1))
        if index < len(page.media) and not page.media[index].from_html:  # an author's look-alike div stays
            yield html[at:m.start()]
            yield page.media[index]
            at = m.end()
    yield html[at:]


def media_files(files: dict[str, bytes]) -> list[tuple[str, int]]:
    """(package path, size in bytes) of each audio and video file of a package, in path order."""
    return [(name, len(data)) for name, data in sorted(files.items()) if media_kind(name) is not None]
