"""Rules over the loaded model. Each returns problems; build.py fails once with all of them."""
from __future__ import annotations

import functools
import itertools
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import unquote

from .assets import SUFFIX_RE
from .check_quiz import check_quiz
from .labels import LANGUAGE_RE
from .layout import MEDIA_DIR, RESERVED_FOLDERS, SCO_TO_ROOT
from .media import TRANSCRIPT_SUFFIXES, VIDEO, html_media, is_webvtt
from .model import (
    PACKAGING_MODES,
    PACKAGING_PER_SECTION,
    PACKAGING_SINGLE_SCO,
    QUIZ_PAGE_ID,
    AssetRef,
    Course,
    Loc,
    Media,
    Question,
    Section,
)
from .problems import Problem, display_path
from .scorm12 import IDENTIFIER_MAX
from .standards import SCORM2004, STANDARDS, standard_of
from .suspend import SavedState, saved_states

# Manifest identifiers are "<PREFIX>-<id>" (prefixes up to 4 characters) and must stay within 255.
ID_MAX = IDENTIFIER_MAX - 5
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
VERSION_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+_-]*$")
SCORE_DECIMALS_MAX = 2  # SCORM 1.2 cmi.core.score.raw is a decimal; more than 2 digits is noise to a learner
SAFE_PATH_RE = re.compile(r"^(?!.*(^|/)\.)[A-Za-z0-9_./-]+$")  # ASCII, no spaces, no hidden files


def check_course(course: Course, states: Mapping[str, SavedState] | None = None) -> list[Problem]:
    """The model's problems. ``states`` are the SCOs' saved-state facts when the caller has them.
    Labels and templates are checked with the templates they belong to (``render.prepare``)."""
    problems: list[Problem] = []
    problems += _course_fields(course)
    problems += _ids(course)
    for section in course.sections:
        problems += _section(section)
    links = _course_symlinks(course.source_dir)
    problems += _assets(course, links)
    problems += _media(course)
    problems += _page_links(course)
    problems += _bookmarks(course)
    problems += _pools_per_sco(course)
    linked = {ref.source for section in course.sections for ref in _refs(section) if ref.source is not None}
    problems += _escaping_symlinks(course.source_dir, links, linked)
    problems += _suspend_data(course, states if states is not None else saved_states(course))
    return problems


def check_id(value: str, what: str, loc: Loc) -> list[Problem]:
    if not value:
        return [Problem(loc.path, loc.line, f"the {what} id is empty",
                        "give it an id of letters, digits, '-', '_' or '.'")]
    if len(value) > ID_MAX:
        return [Problem(loc.path, loc.line, f"the {what} id is {len(value)} characters long",
                        f"shorten it to at most {ID_MAX} characters: "
                        f"SCORM 1.2 identifiers are limited to {IDENTIFIER_MAX}")]
    if not ID_RE.match(value):
        bad = sorted({c for c in value if not re.match(r"[A-Za-z0-9_.-]", c)})
        shown = ", ".join("space" if c == " " else repr(c) for c in bad) or "its first character"
        return [Problem(loc.path, loc.line, f"the {what} id '{value}' contains {shown}",
                        "use only letters, digits, '-', '_' and '.', starting with a letter or digit")]
    return []


def _course_fields(course: Course) -> list[Problem]:
    at = course.locs
    problems = check_id(course.id, "course", at["id"]) if course.id else []
    if course.packaging == PACKAGING_SINGLE_SCO and course.id.lower() in RESERVED_FOLDERS:
        problems.append(Problem(at["id"].path, at["id"].line, f"the course id '{course.id}' is reserved",
                                f"with single-sco packaging the course id names the SCO folder; avoid "
                                f"{', '.join(sorted(RESERVED_FOLDERS))}"))
    if course.version and not VERSION_RE.match(course.version):
        problems.append(Problem(at["version"].path, at["version"].line,
                                f"version '{course.version}' is not usable in a file name",
                                "use letters, digits, '.', '-', '+' and '_', e.g. version: \"1.0.0\""))
    if course.language and not LANGUAGE_RE.match(course.language):
        problems.append(Problem(at["language"].path, at["language"].line,
                                f"language '{course.language}' is not a language tag",
                                "use a BCP 47 tag such as en, en-US or fr"))
    if 0 < course.pass_mark < 1:
        percent = f"{course.pass_mark * 100:g}"
        problems.append(Problem(at["pass_mark"].path, at["pass_mark"].line,
                                f"pass_mark {course.pass_mark:g} is a fraction, but pass marks are percentages",
                                f"use {percent} for {percent}%"))
    elif not 0 <= course.pass_mark <= 100:
        problems.append(Problem(at["pass_mark"].path, at["pass_mark"].line,
                                f"pass_mark {course.pass_mark:g} is outside 0-100",
                                "SCORM 1.2 scores are 0..100: use e.g. pass_mark: 80"))
    if not 0 <= course.score_decimals <= SCORE_DECIMALS_MAX:
        problems.append(Problem(at["score_decimals"].path, at["score_decimals"].line,
                                f"score_decimals {course.score_decimals} is outside 0-{SCORE_DECIMALS_MAX}",
                                "write 0 for whole percentages, 1 or 2 for decimals"))
    if course.packaging not in PACKAGING_MODES:
        problems.append(Problem(at["packaging"].path, at["packaging"].line, f"unknown packaging '{course.packaging}'",
                                f"use one of: {', '.join(PACKAGING_MODES)}"))
    if course.standard not in STANDARDS:
        import difflib  # only for a did-you-mean

        close = difflib.get_close_matches(course.standard.lower(), list(STANDARDS), n=1)
        where = at.get("standard", course.loc)
        problems.append(Problem(where.path, where.line, f"unknown standard '{course.standard}'",
                                f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(STANDARDS)}"))
    return problems


def _ids(course: Course) -> list[Problem]:
    problems: list[Problem] = []
    sections: dict[str, Section] = {}
    questions: dict[str, Question] = {}
    for section in course.sections:
        problems += check_id(section.id, "section", section.loc)
        folded = section.id.lower()  # SCO folders: names that differ only in case collide on many systems
        if folded in sections:
            first = sections[folded].loc
            problems.append(Problem(section.loc.path, section.loc.line, f"duplicate section id '{section.id}'",
                                    f"already used at {first.path}:{first.line}, and ids are compared ignoring case: "
                                    "give one of them another 'id:'"))
        elif folded in RESERVED_FOLDERS and course.packaging == PACKAGING_PER_SECTION:
            problems.append(Problem(section.loc.path, section.loc.line, f"the section id '{section.id}' is reserved",
                                    f"the package uses {', '.join(sorted(RESERVED_FOLDERS))}/ for its own files; "
                                    "set another 'id:'"))
        sections.setdefault(folded, section)
        pages: dict[str, Loc] = {}
        for page in section.pages:
            problems += check_id(page.id, "page", page.loc)
            if page.id == QUIZ_PAGE_ID and section.quiz:
                problems.append(Problem(page.loc.path, page.loc.line,
                                        f"the page id '{QUIZ_PAGE_ID}' is reserved for the quiz",
                                        "rename the file or set another 'id:' in its front matter"))
            if page.id in pages:
                problems.append(Problem(page.loc.path, page.loc.line,
                                        f"duplicate page id '{page.id}' in section '{section.id}'",
                                        f"already used at {pages[page.id].path}:{pages[page.id].line}; "
                                        "rename the file or set 'id:'"))
            pages.setdefault(page.id, page.loc)
        for case in section.quiz.cases if section.quiz else ():
            problems += check_id(case.id, "case", case.loc)
        for q in section.quiz.questions if section.quiz else ():
            problems += check_id(q.id, "question", q.loc)
            if q.id in questions and questions[q.id].loc == q.loc:
                continue  # the same question of a shared pool, drawn by another section's quiz
            if q.id in questions:
                first = questions[q.id].loc
                problems.append(Problem(q.loc.path, q.loc.line, f"duplicate question id '{q.id}'",
                                        f"already used at {first.path}:{first.line}; "
                                        "question ids become interaction ids and must be unique"))
            questions.setdefault(q.id, q)
    return problems


def _pools_per_sco(course: Course) -> list[Problem]:
    """A shared pool drawn by two quizzes of one SCO could show a question twice, under one interaction id."""
    problems = []
    for sco in course.scos:
        drawn: dict[str, Loc] = {}
        for section in sco.sections:
            quiz_pools = {d.pool: d.loc for d in section.quiz.draws if d.pool} if section.quiz else {}
            for pool, loc in quiz_pools.items():
                if pool in drawn:
                    first = drawn[pool]
                    problems.append(Problem(loc.path, loc.line, f"the pool '{pool}' is drawn by two quizzes of one SCO",
                                            f"the other draw is at {first.path}:{first.line}: use 'packaging: "
                                            f"{PACKAGING_PER_SECTION}', or give each quiz a pool of its own"))
                drawn.setdefault(pool, loc)
    return problems


def _section(section: Section) -> list[Problem]:
    problems: list[Problem] = []
    if not section.pages and not (section.quiz and section.quiz.questions):
        problems.append(Problem(section.loc.path, section.loc.line, f"section '{section.id}' is empty",
                                "add a Markdown page such as 01-introduction.md, or a quiz.yml"))
    return problems + (check_quiz(section.quiz) if section.quiz else [])


def _assets(course: Course, links: list[Path]) -> list[Problem]:
    """Each page's files exist, inside the course folder, with names LMS servers keep. ``links``:
    the course's symlinks; a file can only lead outside the folder through one of them, so only
    files below a link are resolved (resolve() reads every folder of the path: at 500 sections
    that was a tenth of the checks)."""
    problems = []
    root = course.source_dir.resolve()
    prefixes = tuple(os.fspath(link) for link in links)
    for section in course.sections:
        for ref in _refs(section):
            at = (ref.loc.path, ref.loc.line)
            if not ref.package_path or ref.source is None:
                problems.append(Problem(*at, f"'{ref.target}' points outside the course folder",
                                        "copy the file into the course folder and link to it there"))
            elif not ref.source.is_file():
                if ref.source.is_dir():
                    hint = "it is a folder; link to a file"
                else:
                    close = closest_target(ref.target, ref.source, root, _files_near)
                    hint = (f"did you mean '{close}'?" if close
                            else "check the file name and path; they are case-sensitive")
                problems.append(Problem(*at, f"missing file '{ref.target}'", hint))
            elif _below_any(ref.source, prefixes) and not ref.source.resolve().is_relative_to(root):
                problems.append(Problem(*at, f"'{ref.target}' is a symlink to a file outside the course folder",
                                        "copy the file into the course folder instead of linking to it"))
            elif not SAFE_PATH_RE.match(ref.package_path):
                problems.append(Problem(*at,
                                        f"the file name '{ref.target}' is hidden or has spaces or non-ASCII characters",
                                        "rename it using letters, digits, '-', '_' and '.', not starting with '.': "
                                        "LMS web servers mangle other names"))
    return problems


def _media(course: Course) -> list[Problem]:
    """Players (in pages, and author HTML ones in quiz texts): a video has captions unless waived,
    caption files are WebVTT, transcripts exist.
    Missing media, caption and poster files are _assets' (they are the page's assets)."""
    problems = []
    root = course.source_dir.resolve()
    page_files = functools.cache(lambda: _page_files(course))  # resolved only for a transcript: resolve() stats each
    for media in (m for section in course.sections for m in _players(section)):
        at = (media.loc.path, media.loc.line)
        if media.kind == VIDEO and not media.captions and not media.captions_waived and course.captions_required:
            hint = ("add <track kind=\"captions\" src=\"FILE.vtt\" srclang=\"en\"> inside the <video>"
                    if media.from_html else "add captions=FILE.vtt to its options, or captions=none for a video "
                    "without speech")
            problems.append(Problem(*at, f"the video '{media.target}' has no captions" if media.target
                                    else "this video has no captions",
                                    f"{hint}; 'captions_required: false' in course.yml waives this for the course"))
        for caption in media.captions:
            source = _source_of(course, caption.src)
            if source is not None and source.is_file() and not is_webvtt(source):
                problems.append(Problem(caption.loc.path, caption.loc.line,
                                        f"the caption file '{caption.target}' is not WebVTT",
                                        "its first line must be WEBVTT; convert .srt and other formats to WebVTT"))
        ref = media.transcript
        if ref is not None and (ref.source is None or not ref.source.is_relative_to(root)):
            problems.append(Problem(*at, f"the transcript '{ref.target}' is outside the course folder",
                                    "copy it into the course folder and refer to it there"))
        elif ref is not None and ref.source is not None and not ref.source.is_file():
            close = closest_target(ref.target, ref.source, root, lambda folder, depth: (
                p for p in _files_near(folder, depth) if p.suffix in TRANSCRIPT_SUFFIXES))
            problems.append(Problem(*at, f"missing transcript '{ref.target}'",
                                    f"did you mean '{close}'?" if close
                                    else "check the file name and path; they are case-sensitive"))
        elif ref is not None and ref.source in page_files():
            problems.append(Problem(*at, f"the transcript '{ref.target}' is also a page of the section",
                                    "move it into a subfolder such as media/, where .md files are not pages, "
                                    "or name it .txt"))
    return problems


def _page_files(course: Course) -> set[Path]:
    return {(course.source_dir / page.key).resolve() for section in course.sections for page in section.pages}


def _players(section: Section) -> list[Media]:
    """The section's players: its pages', and the <video>/<audio> of its quiz texts, each at its question."""
    found = [m for page in section.pages for m in page.media]
    quiz = section.quiz
    if quiz is None:
        return found
    refs = list(quiz.assets)
    for q in quiz.questions:
        found += [m for text in q.texts for m in html_media(text, "", q.loc, refs)]
    for case in quiz.cases:
        found += html_media(case.vignette_html, "", case.loc, refs)
    return found


def _source_of(course: Course, url: str) -> Path | None:
    """The course file behind a media URL of a page (``../media/<path in the course>``), if any."""
    path = SUFFIX_RE.sub("", url)
    prefix = SCO_TO_ROOT + MEDIA_DIR + "/"
    return course.source_dir / unquote(path[len(prefix):]) if path.startswith(prefix) else None


def _page_links(course: Course) -> list[Problem]:
    """Links to another page's .md file must reach a page of the same SCO (LMSs move between SCOs)."""
    home = {page.key: section for section in course.sections for page in section.pages}
    pages = [course.source_dir / key for key in home]
    problems = []
    for section in course.sections:
        links = [link for page in section.pages for link in page.page_links]
        links += list(section.quiz.page_links if section.quiz else ())
        for link in links:
            target = home.get(link.key)
            if target is None:
                close = closest_target(link.target, course.source_dir / link.key, course.source_dir,
                                       lambda folder, depth: [p for p in pages if p.is_relative_to(folder)])
                hint = (f"did you mean '{close}'?" if close
                        else "link to a page's .md file in a section folder; check the name and path")
                problems.append(Problem(link.loc.path, link.loc.line, f"'{link.target}' is not a page of this course",
                                        hint))
            elif target is not section and course.packaging == PACKAGING_PER_SECTION:
                problems.append(Problem(link.loc.path, link.loc.line,
                                        f"'{link.target}' is a page of another section ('{target.id}')",
                                        "each section is its own SCO and the LMS moves between SCOs: remove the link, "
                                        "or use 'packaging: single-sco'"))
    return problems


MAX_CANDIDATES = 5000  # files looked at for a did-you-mean; a suggestion is not worth a long walk
SIMILAR = 0.75  # difflib ratio for a file name did-you-mean; lower, "circle.svg" suggests "square.svg"


def closest_target(target: str, missing: Path, root: Path, candidates) -> str | None:
    """A did-you-mean for a link ``target`` (as written) that resolved to the ``missing`` path: the
    existing path closest to what was written, from the deepest folder that exists, ignoring case,
    and written the way the author wrote the link. ``candidates(folder, depth)`` lists the paths
    below ``folder`` that the link could have meant."""
    folder = missing.parent
    while not folder.is_dir() and folder != root and folder.is_relative_to(root):
        folder = folder.parent
    if not folder.is_dir() or not folder.is_relative_to(root):
        return None
    tail = missing.relative_to(folder).as_posix()
    depth = tail.count("/") + 1
    written = unquote(SUFFIX_RE.sub("", target)).split("/")
    if len(written) < depth or "/".join(written[-depth:]) != tail:
        return None  # the link's last segments are not the missing part ('..' inside it): no safe rewrite
    options = {p.relative_to(folder).as_posix().lower(): p.relative_to(folder).as_posix()
               for p in candidates(folder, depth)}
    options = {k: v for k, v in options.items() if k.count("/") + 1 == depth}
    import difflib  # only for a did-you-mean

    close = difflib.get_close_matches(tail.lower(), list(options), n=1, cutoff=SIMILAR)
    return "/".join(written[:-depth] + [options[close[0]]]) if close else None


def _files_near(folder: Path, depth: int) -> Iterable[Path]:
    found = (p for p in folder.glob("/".join(["*"] * depth)) if p.is_file() and not p.name.startswith("."))
    return itertools.islice(found, MAX_CANDIDATES)


def _refs(section: Section) -> list[AssetRef]:
    return [a for p in section.pages for a in p.assets] + list(section.quiz.assets if section.quiz else ())


def _course_symlinks(course_dir: Path) -> list[Path]:
    """Every symlink in the course folder, top-down in name order; a link (to a folder too) is
    listed, never followed."""
    # os.scandir's entries know whether they are links (no stat per file) and only links become
    # Paths: this runs on every preview rebuild, over every file of the course.
    links = []
    folders = [os.fspath(course_dir)]
    while folders:
        try:
            with os.scandir(folders.pop()) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            if entry.is_symlink():
                links.append(Path(entry.path))
            elif entry.is_dir():
                subfolders.append(entry.path)
        folders.extend(reversed(subfolders))
    return links


def _below_any(path: Path, prefixes: tuple[str, ...]) -> bool:
    text = os.fspath(path)
    return any(text == p or text.startswith(p + os.sep) for p in prefixes)


def _escaping_symlinks(course_dir: Path, links: list[Path], linked: set[Path]) -> list[Problem]:
    """Links to outside the course folder; one that a page links to (or to a file below it, for a
    linked folder) is reported at that link (_assets)."""
    root = course_dir.resolve()
    return [Problem(display_path(path), 0, "a symlink to a place outside the course folder",
                    "replace the link with a copy of the file, so the course folder is self-contained")
            for path in links
            if not any(_below_any(ref, (os.fspath(path),)) for ref in linked)
            and not path.resolve().is_relative_to(root)]


def _bookmarks(course: Course) -> list[Problem]:
    """Every page's bookmark (the model's Slot.bookmark, what the runtime stores) must fit lesson_location."""
    problems = []
    standard = standard_of(course)
    for sco in course.scos:
        for slot in sco.slots:
            if len(slot.bookmark) > standard.location_max:
                problems.append(Problem(slot.loc.path, slot.loc.line,
                                        f"the bookmark '{slot.bookmark[:40]}...' is over {standard.location_max} "
                                        "characters",
                                        f"shorten the section or page id: {standard.label} keeps "
                                        f"{standard.location_max} characters of the bookmark"))
    return problems


def _suspend_data(course: Course, states: Mapping[str, SavedState]) -> list[Problem]:
    problems = []
    standard = standard_of(course)
    for sco in course.scos:
        worst = states[sco.id].worst_size
        if worst <= standard.suspend_data_max:
            continue
        limit = f"{standard.label} keeps at most {standard.suspend_data_max} in cmi.suspend_data"
        roomier = (f"; or 'standard: {SCORM2004.name}', which keeps {SCORM2004.suspend_data_max}"
                   if standard.suspend_data_max < SCORM2004.suspend_data_max else "")
        if len(sco.sections) > 1:  # single-sco packaging: every quiz of the course shares one state
            loc = course.locs["packaging"]
            hint = f"{limit}: use 'packaging: sco-per-section', or fewer questions and options{roomier}"
        else:
            quiz = sco.sections[0].quiz
            loc = quiz.loc if quiz else sco.sections[0].loc
            hint = f"{limit}: split the quiz over several sections, or use fewer questions and options{roomier}"
        problems.append(Problem(loc.path, loc.line,
                                f"a learner's saved state for '{sco.id}' can reach {worst} characters",
                                hint))
    return problems
