"""Read a course folder into the model, keeping each value's file and line.

Layout (documented in the README)::

    course.yml                      the course file
    sections/01-some-section/       one folder per section (the number only orders them)
        section.yml                 title, optional id and description
        01-first-page.md            one Markdown file per page (front matter: title, optional id)
        quiz.yml                    optional quiz of the section
        images/...                  assets referenced from the pages
    sections/02-short-section.md    or one Markdown file per single-page section,
    sections/02-short-section.quiz.yml   with its quiz beside it
    templates/                      optional overrides of the project's templates

Loading never stops at the first problem: it returns the model it could build and every problem found.
"""
from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from .assets import AssetCollector
from .caches import SectionStore, Uncached
from .load_quiz import POOLS_DIR, load_quiz
from .markdown import MarkdownRenderer
from .media import MediaCollector, html_media
from .model import DEFAULT_STANDARD, PACKAGING_PER_SECTION, Course, Loc, Page, Section
from .problems import Problem, display_path
from .resources import COURSE_FILE
from .sourcefile import (
    BOOLEAN,
    INTEGER,
    MAPPING,
    NUMBER,
    TEXT,
    TEXT_LIST,
    Fields,
    Spec,
    UnclosedFrontMatter,
    line_of_key,
    parse_yaml,
    read_text,
    read_yaml_file,
    split_front_matter,
)

SECTIONS_DIR = "sections"
SECTION_FILE = "section.yml"
QUIZ_FILE = "quiz.yml"
QUIZ_SUFFIX = ".quiz.yml"
JUNK_NAMES = {"Thumbs.db", "desktop.ini", "__MACOSX"}

COURSE_SPECS = {
    "id": Spec(TEXT, required=True),
    "title": Spec(TEXT, required=True),
    "version": Spec(TEXT, required=True),
    "language": Spec(TEXT, required=True),
    "pass_mark": Spec(NUMBER, required=True),
    "packaging": Spec(TEXT, default=PACKAGING_PER_SECTION),
    "description": Spec(TEXT, default=""),
    "keywords": Spec(TEXT_LIST, default=[]),
    "allow_raw_html": Spec(BOOLEAN, default=False),
    "labels": Spec(MAPPING, default={}),
    "score_decimals": Spec(INTEGER, default=0),  # decimals of the percentages the learner sees
    "standard": Spec(TEXT, default=DEFAULT_STANDARD),  # standards.STANDARDS
    "captions_required": Spec(BOOLEAN, default=True),  # false: videos may lack captions (media.py)
}
SECTION_SPECS = {"id": Spec(TEXT), "title": Spec(TEXT, required=True), "description": Spec(TEXT, default="")}
PAGE_SPECS = {"id": Spec(TEXT), "title": Spec(TEXT)}

ORDER_PREFIX_RE = re.compile(r"^\d+[-_. ]*")


def id_from_name(name: str) -> str:
    """'01-alliance-trust.md' -> 'alliance-trust': the number only orders files."""
    stem = name.split(".", 1)[0] if not name.startswith(".") else name
    return ORDER_PREFIX_RE.sub("", stem) or stem


def title_from_name(name: str) -> str:
    words = id_from_name(name).replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def is_ignored(path: Path) -> bool:
    return path.name.startswith(".") or path.name in JUNK_NAMES


class SectionCache:
    """Sections loaded earlier, reused while none of their files changed (the preview's fast rebuild).

    The key of a section is the stat (name, size, mtime) of every file below its folder (or of its
    .md and .quiz.yml files) and of the course's shared pools, plus whether raw HTML is allowed,
    which changes how Markdown renders.
    """

    def __init__(self):
        self._entries: dict[Path, tuple[tuple, Section | None, list[Problem]]] = {}

    def get(self, entry: Path, allow_raw_html: bool, load) -> tuple[Section | None, list[Problem]]:
        pools = entry.parent.parent / POOLS_DIR  # a quiz may draw from the course's shared pools
        key = (allow_raw_html, _fingerprint(entry), _fingerprint(pools) if pools.is_dir() else ())
        cached = self._entries.get(entry)
        if cached is not None and cached[0] == key:
            return cached[1], cached[2]
        found: list[Problem] = []
        section = load(found)
        self._entries[entry] = (key, section, found)
        return section, found


def _fingerprint(entry: Path) -> tuple:
    # Plain os.scandir and str paths, not Path.rglob: this runs for every section on every rebuild.
    if entry.is_dir():
        paths, folders = [], [os.fspath(entry)]
        while folders:
            try:
                with os.scandir(folders.pop()) as it:
                    for found in it:
                        paths.append(found.path)
                        if found.is_dir(follow_symlinks=False):  # like rglob: links to folders are not followed
                            folders.append(found.path)
            except OSError:
                continue
        paths.sort()
    else:
        paths = [os.fspath(entry), os.fspath(entry.with_name(entry.name[: -len(".md")] + QUIZ_SUFFIX))]
    stats: list[tuple] = []
    for p in paths:
        try:
            st = os.stat(p)
        except OSError:
            stats.append((p, None))
            continue
        stats.append((p, st.st_size, st.st_mtime_ns))
    return tuple(stats)


def load_course(course_dir: Path, cache: SectionStore | None = None) -> tuple[Course | None, list[Problem]]:
    course_dir = Path(os.path.abspath(course_dir))
    course_file = course_dir / COURSE_FILE
    if not course_dir.is_dir():
        return None, [Problem(display_path(course_dir), 0, "course folder not found",
                              "pass the folder that holds course.yml: scorm-builder build COURSE_DIR")]
    if not course_file.is_file():
        return None, [Problem(display_path(course_file), 0, "course file not found",
                              "create course.yml with id, title, version, language and pass_mark; see the README")]
    problems: list[Problem] = []
    loaded = read_yaml_file(course_file, problems)
    if loaded is None:
        return None, problems
    data, loc = loaded
    f = Fields(data, COURSE_SPECS, loc, "course.yml", problems)
    labels, label_locs = _labels(f, problems)
    md = MarkdownRenderer(allow_raw_html=bool(f["allow_raw_html"]))
    sections = _load_sections(course_dir, md, problems, cache or Uncached())
    course = Course(
        id=f["id"] or "", title=f["title"] or "", version=f["version"] or "", language=f["language"] or "",
        pass_mark=float(f["pass_mark"]) if f["pass_mark"] is not None else 0.0,
        packaging=f["packaging"], description=f["description"], keywords=tuple(f["keywords"]),
        allow_raw_html=bool(f["allow_raw_html"]), sections=tuple(sections), source_dir=course_dir, loc=loc,
        locs={key: f.at(key) for key in COURSE_SPECS},
        labels=labels, label_locs=label_locs, score_decimals=f["score_decimals"],
        standard=f["standard"], captions_required=bool(f["captions_required"]),
    )
    return course, problems


def _labels(f: Fields, problems: list[Problem]) -> tuple[dict[str, str], dict[str, Loc]]:
    """course.yml's ``labels:``: texts by key, each with its line (check.py checks the keys)."""
    raw = f["labels"] or {}
    labels, locs = {}, {}
    for key, value in raw.items():
        loc = Loc(f.loc.path, line_of_key(raw, key, f.at("labels").line))
        if not isinstance(value, str):
            problems.append(Problem(loc.path, loc.line, f"label '{key}' must be a text", f"write {key}: \"...\""))
            continue
        labels[str(key)], locs[str(key)] = value, loc
    return labels, locs


def _load_sections(course_dir: Path, md: MarkdownRenderer, problems: list[Problem],
                   cache: SectionStore) -> list[Section]:
    sections_dir = course_dir / SECTIONS_DIR
    if not sections_dir.is_dir():
        problems.append(Problem(display_path(sections_dir), 0, "no sections folder",
                                "create sections/ with one folder or .md file per section"))
        return []
    sections = []
    for entry in sorted(sections_dir.iterdir(), key=lambda p: p.name):
        if is_ignored(entry) or entry.name.endswith(QUIZ_SUFFIX):
            continue
        if entry.is_dir() or entry.suffix == ".md":
            loader = _load_folder_section if entry.is_dir() else _load_file_section
            section, found = cache.get(entry, md.allow_raw_html, functools.partial(loader, course_dir, entry, md))
            problems += found
        else:
            problems.append(Problem(display_path(entry), 0, "not a section",
                                    "a section is a folder or a .md file; move other files into a section folder"))
            continue
        if section is not None:
            sections.append(section)
    if not sections and not any(p.path.startswith(display_path(sections_dir)) for p in problems):
        problems.append(Problem(display_path(sections_dir), 0, "the course has no sections",
                                "add a section folder with a Markdown page"))
    return sections


def _load_folder_section(course_dir: Path, folder: Path, md: MarkdownRenderer,
                         problems: list[Problem]) -> Section | None:
    meta_file = folder / SECTION_FILE
    if not meta_file.is_file():
        problems.append(Problem(display_path(folder), 0, "section folder has no section.yml",
                                "add section.yml with 'title: ...'"))
        return None
    loaded = read_yaml_file(meta_file, problems)
    if loaded is None:
        return None
    data, loc = loaded
    f = Fields(data, SECTION_SPECS, loc, "section.yml", problems)
    pages = []
    for page_file in _markdown_files(folder, problems):
        if not is_ignored(page_file):
            page = _load_page(course_dir, page_file, md, problems, single_file=False)
            if page is not None:
                pages.append(page[0])
    quiz_file = folder / QUIZ_FILE
    section_id = f["id"] or id_from_name(folder.name)
    quiz = load_quiz(course_dir, quiz_file, section_id, md, problems) if quiz_file.exists() else None
    return Section(id=section_id, title=f["title"] or "", description=f["description"],
                   pages=tuple(pages), quiz=quiz, loc=f.at("id") if f["id"] else Loc(display_path(folder), 0))


def _markdown_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """The folder's *.md entries in name order (os.scandir: Path.glob cost a third of loading a section)."""
    try:
        with os.scandir(folder) as it:
            names = sorted(entry.name for entry in it if entry.name.endswith(".md"))
    except OSError as exc:
        problems.append(Problem(display_path(folder), 0, f"cannot list the folder: {exc.strerror or exc}",
                                "check that it exists and is readable"))
        return []
    return [folder / name for name in names]


def _load_file_section(course_dir: Path, page_file: Path, md: MarkdownRenderer,
                       problems: list[Problem]) -> Section | None:
    loaded = _load_page(course_dir, page_file, md, problems, single_file=True)
    if loaded is None:
        return None
    page, f = loaded
    quiz_file = page_file.with_name(page_file.name[: -len(".md")] + QUIZ_SUFFIX)
    quiz = load_quiz(course_dir, quiz_file, page.id, md, problems) if quiz_file.exists() else None
    return Section(id=page.id, title=page.title, description=f["description"], pages=(page,), quiz=quiz, loc=page.loc)


def _load_page(course_dir: Path, page_file: Path, md: MarkdownRenderer, problems: list[Problem], single_file: bool):
    text, found = read_text(page_file)
    problems += found
    if text is None:
        return None
    shown = display_path(page_file)
    try:
        front, body, body_line = split_front_matter(text)
    except UnclosedFrontMatter:
        problems.append(Problem(shown, 1, "the front matter opened by '---' is never closed",
                                "add a line '---' after the title and id lines, before the Markdown"))
        return None
    data, found = parse_yaml(front, Loc(shown, 2)) if front is not None else (None, [])
    problems += found
    if found:
        return None
    specs = SECTION_SPECS if single_file else PAGE_SPECS
    f = Fields(data, specs, Loc(shown, 2), "the front matter", problems, base=2)
    assets = AssetCollector(course_dir, page_file.parent)
    players = MediaCollector(md, assets)
    rendered = md.block(body, Loc(shown, body_line), assets, players)
    problems += rendered.problems
    media = (*players.items, *html_media(rendered.html, body, Loc(shown, body_line), assets.refs))
    page_id = f["id"] or id_from_name(page_file.name)
    title = f["title"] or title_from_name(page_file.name)
    loc = f.at("id") if f["id"] else Loc(shown, 1)
    if not body.strip():
        problems.append(Problem(shown, body_line if front is not None else 1, "the page is empty",
                                "write the page's Markdown below the front matter, or delete the file"))
    return Page(id=page_id, title=title, html=rendered.html, assets=tuple(assets.refs), loc=loc,
                key=page_file.relative_to(course_dir).as_posix(), page_links=tuple(assets.page_links),
                media=media), f
