"""The course as plain frozen dataclasses: what load produces, check inspects, render and manifest consume.

Every value an author wrote keeps its ``Loc`` (file and line) so that any later step can
point back at the source. Identifiers (course, section, page, question) come from the
source: explicit ``id:`` keys or file names, never random values, so that an LMS keeps
learner data when a rebuilt package is uploaded again.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path

from .layout import sco_href

PACKAGING_PER_SECTION = "sco-per-section"
PACKAGING_SINGLE_SCO = "single-sco"
PACKAGING_MODES = (PACKAGING_PER_SECTION, PACKAGING_SINGLE_SCO)
DEFAULT_STANDARD = "scorm12"  # the output standard when course.yml names none (standards.STANDARDS)

QUIZ_PAGE_ID = "quiz"  # the quiz page's id in bookmarks: "<section id>/quiz"

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "true-false"
MATCHING = "matching"
ORDERING = "ordering"
FILL_IN = "fill-in"
NUMERIC = "numeric"
CHOICE_TYPES = (SINGLE, MULTIPLE, TRUE_FALSE)  # answered by ticking options (Question.options)
QUESTION_TYPES = (*CHOICE_TYPES, MATCHING, ORDERING, FILL_IN, NUMERIC)
CASE = "case"  # not a question type: a case set (Case) in a quiz's or pool's questions list
ORDER_FIXED = "fixed"
ORDER_SHUFFLED = "shuffled"
QUIZ_ORDERS = (ORDER_FIXED, ORDER_SHUFFLED)


class _Value:
    """Equality, hashing and repr by the compared fields, as a frozen dataclass generates them,
    written once for every model class (each is ``@dataclass(frozen=True, eq=False, repr=False)``):
    Python 3.11 compiles each generated method of each dataclass when the module is imported, and
    these three, for 19 classes, were about 3 ms of every build's start-up (bench/analysis.md)."""

    __slots__ = ()

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _compared(self) == _compared(other)

    def __hash__(self):
        return hash(_compared(self))

    def __repr__(self):
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)  # type: ignore[arg-type]
        return f"{type(self).__qualname__}({shown})"


def _compared(value) -> tuple:
    return tuple(getattr(value, f.name) for f in fields(value) if f.compare)


@dataclass(frozen=True, eq=False, repr=False)  # _Value's __eq__, __hash__, __repr__
class Loc(_Value):
    """Where a value was written: the file as shown to the author, and its line."""

    path: str  # as displayed to the author
    line: int = 0


@dataclass(frozen=True, eq=False, repr=False)  # _Value's __eq__, __hash__, __repr__
class AssetRef(_Value):
    """A relative link or image source found in Markdown, before it is resolved."""

    target: str  # as written, e.g. "images/alliance.svg"
    source: Path | None  # absolute path on disk, None when it could not be resolved
    package_path: str  # where the file goes in the zip, e.g. "media/sections/01-x/images/alliance.svg"
    loc: Loc


@dataclass(frozen=True, eq=False, repr=False)  # _Value's __eq__, __hash__, __repr__
class PageLink(_Value):
    """A link from Markdown to another page's .md file."""

    target: str  # as written, e.g. "02-frame.md"
    key: str  # the linked file's path in the course folder, e.g. "sections/01-x/02-frame.md"
    loc: Loc


@dataclass(frozen=True, eq=False, repr=False)  # _Value's __eq__, __hash__, __repr__
class Caption(_Value):
    """A WebVTT caption track of a player."""

    src: str  # the URL in the SCO page
    target: str  # as written
    srclang: str  # "" for the course language
    label: str  # "" for the labels' captions_label
    loc: Loc


@dataclass(frozen=True, eq=False, repr=False)  # _Value's __eq__, __hash__, __repr__
class Media(_Value):
    """An audio or video player of a page (media.py): from the Markdown syntax, or author HTML (``from_html``)."""

    kind: str  # "video" or "audio"
    mime: str  # the <source type>
    title: str
    target: str  # the media file as written
    src: str  # its URL in the SCO page
    poster: str  # the poster's URL, or ""
    captions: tuple[Caption, ...]
    captions_waived: bool  # captions=none: the author says this video needs none
    transcript: AssetRef | None  # the transcript file, read into transcript_html
    transcript_html: str
    loc: Loc
    from_html: bool = False  # written as <video>/<audio>: kept as written, only checked


@dataclass(frozen=True, eq=False, repr=False)  # _Value's __eq__, __hash__, __repr__
class Page(_Value):
    """A content page of a section, from one .md file."""

    id: str
    title: str
    html: str  # sanitized body HTML, asset links already rewritten for the SCO folder
    assets: tuple[AssetRef, ...]
    loc: Loc
    key: str = ""  # this page's .md path in the course folder, what PageLink.key points at
    page_links: tuple[PageLink, ...] = ()
    media: tuple[Media, ...] = ()  # the page's players: Markdown ones fill its slots, in order, then HTML ones


@dataclass(frozen=True, eq=False, repr=False)  # _Value's __eq__, __hash__, __repr__
class Option(_Value):
    """One answer of a question, in source order."""

    key: str  # SCORM 1.2 choice response character: a-z then 0-9, from source order
    html: str
    correct: bool
    feedback_html: str
    loc: Loc


@dataclass(frozen=True, eq=False, repr=False)  # _Value's __eq__, __hash__, __repr__
class Pair(_Value):
    """One item of a matching question and the target it matches."""

    key: str  # the item's response character (scorm12.MATCH_ITEM_KEYS)
    html: str  # the item, inline HTML
    target: str  # the key of its Target
    feedback_html: str
    loc: Loc


@dataclass(frozen=True, eq=False, repr=False)  # _Value's __eq__, __hash__, __repr__
class Target(_Value):
    """A target of a matching question, shown as plain text in a <select>."""

    key: str  # scorm12.CHOICE_KEYS
    text: str
    loc: Loc


@dataclass(frozen=True, eq=False, repr=False)  # _Value's __eq__, __hash__, __repr__
class Answer(_Value):
    """An accepted answer of a fill-in question."""

    text: str
    feedback_html: str
    loc: Loc


@dataclass(frozen=True, eq=False, repr=False)  # _Value's __eq__, __hash__, __repr__
class Question(_Value):
    """One quiz question, its texts already rendered to HTML. Which fields a type uses:

    single, multiple, true-false  options (true-false: key "t" and "f")
    ordering                      options: the items in the right order, all correct
    matching                      pairs and targets (the pairs' targets, then distractors)
    fill-in                       answers, case_sensitive, max_length
    numeric                       minimum, maximum (equal for an exact answer), max_length
    """

    id: str
    type: str  # one of QUESTION_TYPES
    prompt_html: str
    prompt_inline_html: str | None  # the prompt without its <p> when it is one paragraph, for the <legend>
    options: tuple[Option, ...]
    rationale_html: str
    weight: int  # its points
    loc: Loc
    pairs: tuple[Pair, ...] = ()
    targets: tuple[Target, ...] = ()
    answers: tuple[Answer, ...] = ()
    case_sensitive: bool = False
    max_length: int = 0  # fill-in and numeric: the longest answer the learner can type
    minimum: float = 0.0
    maximum: float = 0.0
    feedback_right_html: str = ""  # matching, ordering, fill-in, numeric
    feedback_wrong_html: str = ""

    @property
    def correct_keys(self) -> tuple[str, ...]:
        return tuple(o.key for o in self.options if o.correct)

    @property
    def texts(self) -> tuple[str, ...]:
        """Every HTML text of the question (for the checks that read them, such as media)."""
        return (self.prompt_html, self.rationale_html, self.feedback_right_html, self.feedback_wrong_html,
                *(t for o in self.options for t in (o.html, o.feedback_html)),
                *(t for p in self.pairs for t in (p.html, p.feedback_html)),
                *(a.feedback_html for a in self.answers))


@dataclass(frozen=True, eq=False, repr=False)  # _Value's __eq__, __hash__, __repr__
class Case(_Value):
    """A case set: one vignette and the questions about it, shown together and drawn as one unit."""

    id: str
    title: str
    vignette_html: str
    questions: tuple[Question, ...]
    loc: Loc


Unit = Question | Case  # what a quiz shows together, and what a draw picks


def unit_questions(unit: Unit) -> tuple[Question, ...]:
    return unit.questions if isinstance(unit, Case) else (unit,)


@dataclass(frozen=True, eq=False, repr=False)  # _Value's __eq__, __hash__, __repr__
class Draw(_Value):
    """``count`` units drawn per attempt from a pool: a shared pools/<name>.yml or one written in the quiz."""

    count: int
    pool: str  # the shared pool's name, "" for one written in the quiz
    units: tuple[Unit, ...]
    loc: Loc
    pool_loc: Loc  # where the pool's questions are written


@dataclass(frozen=True, eq=False, repr=False)  # _Value's __eq__, __hash__, __repr__
class Group(_Value):
    """Consecutive units of a quiz shown together: all of them (``count`` None), or ``count`` drawn."""

    count: int | None
    units: tuple[Unit, ...]


@dataclass(frozen=True, eq=False, repr=False)  # _Value's __eq__, __hash__, __repr__
class Quiz(_Value):
    """A section's quiz, from its quiz.yml: questions, cases and draws in the author's order."""

    items: tuple[Question | Case | Draw, ...]
    shuffle: bool
    attempts: int  # 0 means unlimited
    title: str
    assets: tuple[AssetRef, ...]
    loc: Loc
    page_links: tuple[PageLink, ...] = ()
    order: str = ORDER_FIXED  # QUIZ_ORDERS: the units in the author's order, or shuffled per attempt
    partial_credit: bool = False  # multiple and matching earn the fraction they got right

    @cached_property
    def groups(self) -> tuple[Group, ...]:
        out: list[Group] = []
        for item in self.items:
            if isinstance(item, Draw):
                out.append(Group(count=item.count, units=item.units))
            elif out and out[-1].count is None:
                out[-1] = Group(count=None, units=out[-1].units + (item,))
            else:
                out.append(Group(count=None, units=(item,)))
        return tuple(out)

    @cached_property
    def units(self) -> tuple[Unit, ...]:
        """Every unit the quiz can show, in the author's order (a pool's units where its draw is)."""
        return tuple(u for g in self.groups for u in g.units)

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        """Every question the quiz can show, in the author's order: the page holds them all."""
        return tuple(q for u in self.units for q in unit_questions(u))

    @property
    def attempt_size(self) -> int:
        """How many questions an attempt shows: the most, when the units a draw picks from differ in
        size (the runtime states each attempt's own number)."""
        return sum(sum(len(unit_questions(u)) for u in g.units) if g.count is None else
                   sum(sorted((len(unit_questions(u)) for u in g.units), reverse=True)[: g.count])
                   for g in self.groups)

    @property
    def draws(self) -> tuple[Draw, ...]:
        return tuple(i for i in self.items if isinstance(i, Draw))

    @property
    def cases(self) -> tuple[Case, ...]:
        return tuple(u for u in self.units if isinstance(u, Case))


@dataclass(frozen=True, eq=False, repr=False)  # _Value's __eq__, __hash__, __repr__
class Section(_Value):
    """One section folder: its pages in order and its quiz, if any."""

    id: str
    title: str
    description: str
    pages: tuple[Page, ...]
    quiz: Quiz | None
    loc: Loc


@dataclass(frozen=True, eq=False, repr=False)  # _Value's __eq__, __hash__, __repr__
class Slot(_Value):
    """One page of a SCO in the learner's order: a content page, or (``page`` None) its section's quiz."""

    index: int  # the page number in its SCO: the anchor #p<index>, data-page, the runtime's page index
    section: Section
    page: Page | None
    heading: str = ""  # the SCO's own heading (its h1): a page whose title only repeats it has no title of its own

    @property
    def quiz(self) -> Quiz | None:
        return self.section.quiz if self.page is None else None

    @property
    def bookmark(self) -> str:
        """What cmi.core.lesson_location holds on this page: '<section id>/<page id>' or '<section id>/quiz'."""
        return f"{self.section.id}/{self.page.id if self.page is not None else QUIZ_PAGE_ID}"

    @property
    def title(self) -> str:
        """The slot's own title, or "" when it has none: a page that repeats the SCO's heading (a
        one-file section, whose title is its page's) or a quiz without 'title:'. Templates then show
        the labels' words (render.slot_title)."""
        if self.page is not None:
            repeats = self.page.title == self.heading and len(self.section.pages) == 1
            return "" if repeats else self.page.title
        return self.section.quiz.title if self.section.quiz else ""

    @property
    def loc(self) -> Loc:
        if self.page is not None:
            return self.page.loc
        return self.section.quiz.loc if self.section.quiz else self.section.loc


@dataclass(frozen=True, eq=False, repr=False)  # _Value's __eq__, __hash__, __repr__
class Sco(_Value):
    """One launchable unit. Per-section packaging gives one section per SCO; single-sco gives all."""

    id: str
    title: str
    sections: tuple[Section, ...]

    @property
    def folder(self) -> str:
        return self.id

    @property
    def href(self) -> str:
        return sco_href(self.id)

    @cached_property
    def slots(self) -> tuple[Slot, ...]:
        """The SCO's pages in the order the learner meets them: each section's content pages, then
        its quiz page. The template, the runtime data, bookmarks and the saved state's size all count these."""
        pages = ((s, p) for s in self.sections for p in s.pages + ((None,) if s.quiz else ()))
        return tuple(Slot(index=i, section=s, page=p, heading=self.title) for i, (s, p) in enumerate(pages))

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections if s.quiz for q in s.quiz.questions)

    @property
    def assets(self) -> tuple[AssetRef, ...]:
        seen: dict[str, AssetRef] = {}
        for s in self.sections:
            refs = [a for p in s.pages for a in p.assets] + list(s.quiz.assets if s.quiz else ())
            for a in refs:
                if a.package_path:
                    seen.setdefault(a.package_path, a)
        return tuple(seen[k] for k in sorted(seen))


@dataclass(frozen=True, eq=False, repr=False)  # _Value's __eq__, __hash__, __repr__
class Course(_Value):
    """The whole course as loaded from course.yml and its sections."""

    id: str
    title: str
    version: str
    language: str
    pass_mark: float
    packaging: str
    description: str
    keywords: tuple[str, ...]
    allow_raw_html: bool
    sections: tuple[Section, ...]
    source_dir: Path
    loc: Loc
    locs: dict = field(default_factory=dict, compare=False, hash=False)  # key -> Loc of course.yml values
    labels: dict = field(default_factory=dict, compare=False, hash=False)  # overrides of templates/labels
    label_locs: dict = field(default_factory=dict, compare=False, hash=False)  # label key -> Loc
    score_decimals: int = 0  # decimals of the score percentages shown to the learner (0: whole percentages)
    standard: str = DEFAULT_STANDARD  # the output standard's name (standards.STANDARDS)
    captions_required: bool = True  # a video without captions is an error (course.yml captions_required)

    @cached_property
    def scos(self) -> tuple[Sco, ...]:
        if self.packaging == PACKAGING_SINGLE_SCO:
            return (Sco(id=self.id, title=self.title, sections=self.sections),)
        return tuple(Sco(id=s.id, title=s.title, sections=(s,)) for s in self.sections)

    @property
    def package_name(self) -> str:
        return f"{self.id}-{self.version}-{self.standard}.zip"

    @property
    def pass_mark_text(self) -> str:
        """The pass mark as written in the manifest and the page data: '80', or '72.5'."""
        return f"{self.pass_mark:g}"
