"""Read a section's quiz file (YAML), and the shared pools it draws from, into the model's Quiz.

    title: Check your understanding      # optional
    shuffle: true                        # optional: shuffle options and matching targets (kept on resume)
    order: shuffled                      # optional: fixed (default) or shuffled units, per attempt
    attempts: 3                          # optional: 0 or absent means unlimited
    partial_credit: true                 # optional: multiple and matching earn the fraction they got right
    questions:                           # questions, cases and draws, in order
      - id: mandated-client              # optional: defaults to <section-id>-q<n>
        type: single                     # single | multiple | true-false | matching | ordering | fill-in | numeric
        prompt: A court-mandated client ...
        options: [...]                   # single and multiple: text, correct, feedback
        points: 1                        # optional (the older name 'weight' is accepted)
      - type: case                       # a case set: a vignette and its questions, shown and drawn together
        vignette: ...
        questions: [...]
      - draw: 2                          # two units per attempt, from the shared pool pools/ethics.yml
        from: ethics
      - draw: 1                          # or from questions written here
        questions: [...]

docs/questions.md describes every type's keys; check.py checks what a build needs beyond the types here.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .assets import AssetCollector
from .markdown import MarkdownRenderer, Rendered
from .model import (
    CASE,
    CHOICE_TYPES,
    FILL_IN,
    MATCHING,
    NUMERIC,
    ORDER_FIXED,
    ORDERING,
    QUESTION_TYPES,
    TRUE_FALSE,
    Answer,
    Case,
    Draw,
    Loc,
    Option,
    Pair,
    Question,
    Quiz,
    Target,
    Unit,
)
from .problems import Problem, display_path
from .scorm12 import CHOICE_KEYS, MATCH_ITEM_KEYS
from .sourcefile import (
    ANY,
    BOOLEAN,
    INTEGER,
    LIST,
    NUMBER,
    TEXT,
    TEXT_LIST,
    Fields,
    Spec,
    line_of_item,
    line_of_key,
    read_yaml_file,
)

POOLS_DIR = "pools"  # the course folder's shared pools: pools/<name>.yml
FILL_IN_LENGTH_DEFAULT = 40
NUMERIC_LENGTH = 20  # what the learner can type in a numeric answer

QUIZ_SPECS = {
    "title": Spec(TEXT, default=""),  # "": the course language's word (labels: quiz_title)
    "shuffle": Spec(BOOLEAN, default=False),
    "order": Spec(TEXT, default=ORDER_FIXED),
    "attempts": Spec(INTEGER, default=0),
    "partial_credit": Spec(BOOLEAN, default=False),
    "questions": Spec(LIST, default=[]),
}
POOL_SPECS = {"title": Spec(TEXT, default=""), "questions": Spec(LIST, default=[])}
DRAW_SPECS = {"draw": Spec(INTEGER, required=True), "from": Spec(TEXT), "questions": Spec(LIST)}
CASE_SPECS = {"id": Spec(TEXT), "type": Spec(TEXT), "title": Spec(TEXT, default=""),
              "vignette": Spec(TEXT, required=True), "questions": Spec(LIST, default=[])}
COMMON_SPECS = {
    "id": Spec(TEXT),
    "type": Spec(TEXT, required=True),
    "prompt": Spec(TEXT, required=True),
    "rationale": Spec(TEXT, default=""),
    "points": Spec(INTEGER),
    "weight": Spec(INTEGER),  # the older name of points
}
RESULT_FEEDBACK = {"feedback_right": Spec(TEXT, default=""), "feedback_wrong": Spec(TEXT, default="")}
CHOICE_SPECS = {
    **COMMON_SPECS,
    "options": Spec(LIST),
    "answer": Spec(BOOLEAN),
    "feedback_true": Spec(TEXT, default=""),
    "feedback_false": Spec(TEXT, default=""),
}
TYPE_SPECS = {
    **{kind: CHOICE_SPECS for kind in CHOICE_TYPES},
    MATCHING: {**COMMON_SPECS, "pairs": Spec(LIST, default=[]), "distractors": Spec(TEXT_LIST, default=[]),
               **RESULT_FEEDBACK},
    ORDERING: {**COMMON_SPECS, "items": Spec(LIST, default=[]), **RESULT_FEEDBACK},
    FILL_IN: {**COMMON_SPECS, "answers": Spec(LIST, default=[]), "case_sensitive": Spec(BOOLEAN, default=False),
              "max_length": Spec(INTEGER, default=FILL_IN_LENGTH_DEFAULT), **RESULT_FEEDBACK},
    NUMERIC: {**COMMON_SPECS, "answer": Spec(NUMBER), "tolerance": Spec(NUMBER), "min": Spec(NUMBER),
              "max": Spec(NUMBER), **RESULT_FEEDBACK},
}
# A question without a type (reported): its other keys are checked by name only.
ANY_QUESTION_SPECS = {key: spec if key in COMMON_SPECS else Spec(ANY)
                      for specs in TYPE_SPECS.values() for key, spec in specs.items()}
OPTION_SPECS = {
    "text": Spec(TEXT, required=True),
    "correct": Spec(BOOLEAN, default=False),
    "feedback": Spec(TEXT, default=""),
}
PAIR_SPECS = {"item": Spec(TEXT, required=True), "match": Spec(TEXT), "feedback": Spec(TEXT, default="")}
ANSWER_SPECS = {"text": Spec(TEXT, required=True), "feedback": Spec(TEXT, default="")}


def load_quiz(course_dir: Path, quiz_file: Path, section_id: str, md: MarkdownRenderer,
              problems: list[Problem]) -> Quiz | None:
    loaded = read_yaml_file(quiz_file, problems)
    if loaded is None:
        return None
    data, loc = loaded
    f = Fields(data, QUIZ_SPECS, loc, "the quiz", problems)
    reader = _Reader(course_dir, md, problems, AssetCollector(course_dir, quiz_file.parent))
    if not f["questions"] and "questions" not in f.invalid:
        problems.append(Problem(loc.path, loc.line, "the quiz has no questions",
                                "add questions under 'questions:' or delete the quiz file"))
    items: list[Question | Case | Draw] = []
    raw_items = f["questions"] or []
    for i, raw in enumerate(raw_items):
        iloc = Loc(loc.path, line_of_item(raw_items, i, loc.line))
        if isinstance(raw, dict) and "draw" in raw:
            draw = reader.draw(raw, iloc, f"{section_id}-d{i + 1}")
            if draw is not None:
                items.append(draw)
        else:
            unit = reader.unit(raw, iloc, f"{section_id}-q{i + 1}", f"{section_id}-case{i + 1}")
            if unit is not None:
                items.append(unit)
    refs = [r for c in reader.collectors for r in c.refs]
    links = [link for c in reader.collectors for link in c.page_links]
    return Quiz(items=tuple(items), shuffle=f["shuffle"], attempts=f["attempts"], title=f["title"],
                assets=tuple(refs), loc=loc, page_links=tuple(links), order=f["order"],
                partial_credit=f["partial_credit"])


class _Reader:
    """Reads the items of one quiz; the asset collectors of the quiz file and of each pool file it draws from."""

    def __init__(self, course_dir: Path, md: MarkdownRenderer, problems: list[Problem], resolve: AssetCollector):
        self.course_dir, self.md, self.problems, self.resolve = course_dir, md, problems, resolve
        self.collectors: list[AssetCollector] = [resolve]

    def unit(self, raw, loc: Loc, question_id: str, case_id: str | None) -> Unit | None:
        """A question, or a case when ``case_id`` (its default id) is given: a case holds questions only."""
        if isinstance(raw, dict) and "draw" in raw:
            where = "a case" if case_id is None else "a pool"
            self.problems.append(Problem(loc.path, loc.line, f"{where} cannot hold a draw",
                                         "draw from pools in the quiz's own 'questions:' list"))
            return None
        if isinstance(raw, dict) and raw.get("type") == CASE:
            if case_id is None:
                self.problems.append(Problem(loc.path, loc.line, "a case cannot hold another case",
                                             "write the questions of the inner case in the outer one"))
                return None
            return self.case(raw, loc, case_id)
        return self.question(raw, loc, question_id)

    def listed(self, raw_list: list, base: Loc, id_of: Callable[[int], str],
               case_of: Callable[[int], str] | None) -> list[Unit]:
        out: list[Unit] = []
        for i, raw in enumerate(raw_list):
            loc = Loc(base.path, line_of_item(raw_list, i, base.line))
            found = self.unit(raw, loc, id_of(i), case_of(i) if case_of else None)
            if found is not None:
                out.append(found)
        return out

    def case(self, raw: dict, loc: Loc, default_id: str) -> Case | None:
        f = Fields(raw, CASE_SPECS, loc, "the case", self.problems)
        case_id = f["id"] or default_id
        questions = self.listed(f["questions"] or [], f.at("questions"), lambda i: f"{case_id}-q{i + 1}", None)
        if not f["questions"] and "questions" not in f.invalid:
            self.problems.append(Problem(loc.path, loc.line, f"the case '{case_id}' has no questions",
                                         "add its questions under 'questions:', indented below the case"))
        vignette = self.rendered(f["vignette"] or "", f.at("vignette"))
        return Case(id=case_id, title=f["title"], vignette_html=vignette.html,
                    questions=tuple(q for q in questions if isinstance(q, Question)),
                    loc=f.at("id") if f["id"] else loc)

    def draw(self, raw: dict, loc: Loc, inline_id: str) -> Draw | None:
        f = Fields(raw, DRAW_SPECS, loc, "the draw", self.problems)
        if f["draw"] is None:
            return None
        if (f["from"] is None) == (f["questions"] is None):
            if "questions" not in f.invalid and "from" not in f.invalid:
                self.problems.append(Problem(loc.path, loc.line, "a draw needs a pool: 'from:' or 'questions:'",
                                             f"name a shared pool, e.g. 'from: ethics' for {POOLS_DIR}/ethics.yml, "
                                             "or list the questions to draw from under 'questions:', not both"))
            return None
        if f["from"] is not None:
            found = self.pool(f["from"], f.at("from"))
            if found is None:
                return None
            units, pool_loc = found
            return Draw(count=f["draw"], pool=f["from"], units=tuple(units), loc=loc, pool_loc=pool_loc)
        units = self.listed(f["questions"], f.at("questions"), lambda i: f"{inline_id}-q{i + 1}",
                            lambda i: f"{inline_id}-case{i + 1}")
        return Draw(count=f["draw"], pool="", units=tuple(units), loc=loc, pool_loc=f.at("questions"))

    def pool(self, name: str, at: Loc) -> tuple[list[Unit], Loc] | None:
        folder = self.course_dir / POOLS_DIR
        path = folder / f"{name}.yml"
        if "/" in name or "\\" in name or name.startswith(".") or not path.is_file():
            import difflib  # only for a did-you-mean

            known = sorted(p.stem for p in folder.glob("*.yml")) if folder.is_dir() else []
            close = difflib.get_close_matches(name, known, n=1)
            hint = (f"did you mean '{close[0]}'?" if close else
                    f"pools are files in {POOLS_DIR}/ of the course folder: "
                    + (f"known pools: {', '.join(known)}" if known else f"create {POOLS_DIR}/{name}.yml"))
            self.problems.append(Problem(at.path, at.line, f"no pool '{name}': {display_path(path)} is missing", hint))
            return None
        loaded = read_yaml_file(path, self.problems)
        if loaded is None:
            return None
        data, loc = loaded
        f = Fields(data, POOL_SPECS, loc, "the pool", self.problems)
        if not f["questions"] and "questions" not in f.invalid:
            self.problems.append(Problem(loc.path, loc.line, f"the pool '{name}' has no questions",
                                         "add questions or cases under 'questions:'"))
        outer = self.resolve
        self.resolve = AssetCollector(self.course_dir, path.parent)
        self.collectors.append(self.resolve)
        try:
            units = self.listed(f["questions"] or [], f.at("questions"), lambda i: f"{name}-q{i + 1}",
                                lambda i: f"{name}-case{i + 1}")
        finally:
            self.resolve = outer
        return units, f.at("questions")

    def rendered(self, text: str, loc: Loc) -> Rendered:
        result = self.md.block(text, loc, self.resolve)
        self.problems.extend(result.problems)
        return result

    def inline(self, text: str, loc: Loc) -> str:
        result = self.md.inline(text, loc, self.resolve)
        self.problems.extend(result.problems)
        return result.html

    def question(self, raw, loc: Loc, default_id: str) -> Question | None:
        kind = raw.get("type") if isinstance(raw, dict) else None
        if kind is not None and kind not in QUESTION_TYPES:
            import difflib  # only for a did-you-mean

            kinds = (*QUESTION_TYPES, CASE)
            close = difflib.get_close_matches(str(kind), kinds, n=1)
            line = line_of_key(raw, "type", loc.line)
            self.problems.append(Problem(loc.path, line, f"unknown question type '{kind}'",
                                         f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(kinds)}"))
            return None
        specs = TYPE_SPECS.get(kind, ANY_QUESTION_SPECS) if isinstance(kind, str) else ANY_QUESTION_SPECS
        f = Fields(raw, specs, loc, f"the {kind} question" if kind else "the question", self.problems)
        if f["type"] is None or kind is None:
            return None
        if f["points"] is not None and f["weight"] is not None:
            self.problems.append(Problem(loc.path, f.at("weight").line, "the question has both 'points' and 'weight'",
                                         "keep 'points': 'weight' is its older name"))
        points = f["points"] if f["points"] is not None else f["weight"] if f["weight"] is not None else 1
        prompt = self.rendered(f["prompt"] or "", f.at("prompt"))
        base: dict[str, Any] = dict(id=f["id"] or default_id, type=kind, prompt_html=prompt.html,
                    prompt_inline_html=prompt.single_paragraph, rationale_html=self.block(f, "rationale"),
                    weight=points, loc=f.at("id") if f["id"] else loc)
        if kind in CHOICE_TYPES:
            if kind == TRUE_FALSE:
                options, typed = self.true_false_options(f, loc), "answer" not in f.invalid
            else:
                options, typed = self.choice_options(f, loc)
            if not typed:  # a wrongly typed answer, options or 'correct:' was reported: checking more repeats it
                return None
            return Question(**base, options=tuple(options))
        results: dict[str, Any] = dict(feedback_right_html=self.block(f, "feedback_right"),
                       feedback_wrong_html=self.block(f, "feedback_wrong"))
        if kind == MATCHING:
            found = self.matching(f, loc)
            if found is None:  # a pair without its partner was reported; counting the pairs would repeat it
                return None
            pairs, targets = found
            return Question(**base, **results, options=(), pairs=pairs, targets=targets)
        if kind == ORDERING:
            return Question(**base, **results, options=self.ordering(f))
        if kind == FILL_IN:
            return Question(**base, **results, options=(), answers=self.answers(f),
                            case_sensitive=f["case_sensitive"], max_length=f["max_length"])
        return self.numeric(f, loc, base, results)

    def block(self, f: Fields, key: str) -> str:
        return self.rendered(f[key] or "", f.at(key)).html

    def true_false_options(self, f: Fields, loc: Loc) -> list[Option]:
        if f["options"] is not None:
            self.problems.append(Problem(loc.path, f.at("options").line, "a true-false question has no 'options'",
                                         "write 'answer: true' or 'answer: false' "
                                         "with feedback_true and feedback_false"))
        if f["answer"] is None and "answer" not in f.invalid:
            self.problems.append(Problem(loc.path, loc.line, "the true-false question has no 'answer'",
                                         "add 'answer: true' or 'answer: false'"))
            return []
        return [
            Option(key="t", html="True", correct=f["answer"] is True, feedback_html=self.block(f, "feedback_true"),
                   loc=f.at("feedback_true")),
            Option(key="f", html="False", correct=f["answer"] is False, feedback_html=self.block(f, "feedback_false"),
                   loc=f.at("feedback_false")),
        ]

    def choice_options(self, f: Fields, loc: Loc) -> tuple[list[Option], bool]:
        """The options, and False when 'options' or an option's 'correct' had the wrong type (already reported)."""
        for key in ("answer", "feedback_true", "feedback_false"):
            if f[key]:
                self.problems.append(Problem(loc.path, f.at(key).line, f"'{key}' belongs to true-false questions",
                                             "mark the right options with 'correct: true' instead"))
        raw_options = f["options"] or []  # check.py reports a question with fewer than two options
        options, typed = [], "options" not in f.invalid
        for i, raw in enumerate(raw_options):
            oloc = Loc(loc.path, line_of_item(raw_options, i, loc.line))
            of = Fields(raw, OPTION_SPECS, oloc, "the option", self.problems)
            typed = typed and "correct" not in of.invalid
            key = CHOICE_KEYS[i] if i < len(CHOICE_KEYS) else ""
            options.append(Option(key=key, html=self.inline(of["text"] or "", of.at("text")),
                                  correct=bool(of["correct"]), feedback_html=self.block(of, "feedback"), loc=oloc))
        return options, typed

    def matching(self, f: Fields, loc: Loc) -> tuple[tuple[Pair, ...], tuple[Target, ...]] | None:
        raw_pairs = f["pairs"] or []
        if not raw_pairs and "pairs" not in f.invalid:
            self.problems.append(Problem(loc.path, loc.line, "the matching question has no 'pairs'",
                                         "list the items under 'pairs:', each '- item: ...' with 'match: ...'"))
        targets: dict[str, Target] = {}

        def target(text: str, at: Loc) -> str:
            text = " ".join(text.split())
            if text not in targets:
                key = CHOICE_KEYS[len(targets)] if len(targets) < len(CHOICE_KEYS) else ""
                targets[text] = Target(key=key, text=text, loc=at)
            return targets[text].key

        pairs, complete = [], True
        for i, raw in enumerate(raw_pairs):
            ploc = Loc(loc.path, line_of_item(raw_pairs, i, loc.line))
            pf = Fields(raw, PAIR_SPECS, ploc, "the pair", self.problems)
            if pf["item"] is None or pf["match"] is None or not pf["match"].strip():
                complete = False
            if pf["item"] is None:
                continue
            if pf["match"] is None or not pf["match"].strip():
                if "match" not in pf.invalid:
                    self.problems.append(Problem(ploc.path, ploc.line,
                                                 f"the matching item '{pf['item'][:40]}' has no partner",
                                                 "add 'match: ...' to the pair: the text the learner picks for it"))
                continue
            key = MATCH_ITEM_KEYS[i] if i < len(MATCH_ITEM_KEYS) else ""
            pairs.append(Pair(key=key, html=self.inline(pf["item"], pf.at("item")),
                              target=target(pf["match"], pf.at("match")), feedback_html=self.block(pf, "feedback"),
                              loc=ploc))
        for text in f["distractors"] or []:
            target(text, f.at("distractors"))
        return (tuple(pairs), tuple(targets.values())) if complete else None

    def ordering(self, f: Fields) -> tuple[Option, ...]:
        raw_items = f["items"] or []
        options = []
        for i, raw in enumerate(raw_items):
            iloc = Loc(f.loc.path, line_of_item(raw_items, i, f.at("items").line))
            if not isinstance(raw, str):
                self.problems.append(Problem(iloc.path, iloc.line, "an ordering item must be a text",
                                             "write each item as '- text', in the right order"))
                continue
            key = CHOICE_KEYS[i] if i < len(CHOICE_KEYS) else ""
            options.append(Option(key=key, html=self.inline(raw, iloc), correct=True, feedback_html="", loc=iloc))
        return tuple(options)

    def answers(self, f: Fields) -> tuple[Answer, ...]:
        raw_answers = f["answers"] or []
        out = []
        for i, raw in enumerate(raw_answers):
            aloc = Loc(f.loc.path, line_of_item(raw_answers, i, f.at("answers").line))
            if isinstance(raw, (str, int, float)) and not isinstance(raw, bool):
                out.append(Answer(text=str(raw), feedback_html="", loc=aloc))
                continue
            af = Fields(raw, ANSWER_SPECS, aloc, "the answer", self.problems)
            if af["text"] is not None:
                out.append(Answer(text=af["text"], feedback_html=self.block(af, "feedback"), loc=aloc))
        return tuple(out)

    def numeric(self, f: Fields, loc: Loc, base: dict, results: dict) -> Question | None:
        answer, tolerance, low, high = f["answer"], f["tolerance"], f["min"], f["max"]
        if answer is None and (low is None or high is None):
            if not {"answer", "min", "max"} & f.invalid:
                self.problems.append(Problem(loc.path, loc.line, "the numeric question has no answer",
                                             "write 'answer: 42', with 'tolerance: 0.5' if near is right, "
                                             "or a range with 'min:' and 'max:'"))
            return None
        if answer is not None and (low is not None or high is not None):
            self.problems.append(Problem(loc.path, f.at("min" if low is not None else "max").line,
                                         "the numeric question has both 'answer' and a range",
                                         "keep 'answer' (and 'tolerance'), or 'min' and 'max'"))
            return None
        if answer is None:
            if tolerance is not None:
                self.problems.append(Problem(loc.path, f.at("tolerance").line,
                                             "'tolerance' goes with 'answer', not a range",
                                             "widen 'min' and 'max' instead"))
            if low > high:
                self.problems.append(Problem(loc.path, f.at("min").line,
                                             f"the numeric range is the wrong way round: min {low:g} "
                                             f"is above max {high:g}",
                                             f"swap them: 'min: {high:g}' and 'max: {low:g}'"))
                return None
        else:
            if tolerance is not None and tolerance < 0:
                self.problems.append(Problem(loc.path, f.at("tolerance").line, f"tolerance {tolerance:g} is negative",
                                             "write how far from the answer is still right, e.g. 'tolerance: 0.5'"))
                return None
            low, high = answer - (tolerance or 0), answer + (tolerance or 0)
        return Question(**base, **results, options=(), minimum=float(low), maximum=float(high),
                        max_length=NUMERIC_LENGTH)
