"""Synthetic courses with the sample course's shape, at any number of sections.

Each section is a folder like ``course_src/sections/01-alliance-trust-safety/``:

    section.yml                     id, title, description
    01-key-takeaways.md             an image and a bullet list
    02-<topic>-in-practice.md       prose paragraphs, a ``Table:`` caption line and a table
    03-<topic>-step-by-step.md      prose, a numbered list, prose
    quiz.yml                        3-5 questions, single / multiple / true-false mixed
    images/diagram-NNN.svg          one small SVG, different in every section

The text is drawn from a fixed vocabulary with a seeded random generator, so the same
(sections, seed) always gives byte-identical files and the prose does not compress unrealistically
well. ``write_mkdocs`` lays the same Markdown pages (and images) out as a MkDocs project, the peer
the benchmark compares against.

    python bench/generate.py 50 /tmp/course50          # a course folder
    python bench/generate.py 50 /tmp/course50 --mkdocs /tmp/mkdocs50
"""
from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

WORDS = (
    "alliance trust safety client counselor session goal rupture repair empathy reflection feedback "
    "culture development modality population motivation readiness crisis risk assessment plan "
    "treatment frame transparency confidentiality boundary validation collaboration engagement "
    "resistance ambivalence disclosure referral supervision documentation ethics consent pacing "
    "intervention technique theory evidence outcome measure symptom diagnosis history context family "
    "support strength resource barrier value choice change stage insight behavior emotion thought "
    "pattern cycle habit response question answer option case vignette reasoning priority sequence "
    "immediate clinical ordinary urgent careful accurate respectful direct warm steady brief open "
    "closed gentle practical useful strong weak early late first next final shared mutual honest "
    "clear specific general personal social legal formal informal mandated voluntary frightened "
    "newly often rarely usually always never sometimes carefully slowly quickly together alone"
).split()
TOPICS = (
    "rapport pacing repair boundaries consent referral supervision documentation motivation readiness "
    "safety-planning risk-assessment cultural-humility family-systems group-process termination "
    "crisis-response ethics trauma-informed-care strengths case-formulation goal-setting feedback "
    "homework relapse-prevention"
).split()
QUESTION_TYPES = ("single", "multiple", "true-false")


def _sentence(rng: random.Random, low: int = 9, high: int = 22) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    if len(words) > 8:
        words[rng.randint(3, len(words) - 3)] += ","
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, sentences: tuple[int, int] = (4, 7)) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(*sentences)))


def _phrase(rng: random.Random, low: int = 2, high: int = 5) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize()


def _yaml_text(text: str) -> str:
    """A folded YAML scalar holding ``text`` (plain words, so no quoting is needed inside)."""
    return ">-\n" + "\n".join("      " + line for line in _wrap(text, 90))


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + ([line] if line else [])


def _svg(n: int, rng: random.Random) -> str:
    bars = "".join(
        f'<rect x="{20 + i * 36}" y="{100 - h}" width="24" height="{h}" fill="#{rng.randrange(0x1000000):06x}"/>'
        for i, h in enumerate(rng.randint(10, 80) for _ in range(8))
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 120" width="320" height="120" role="img" '
        f'aria-labelledby="t">\n<title id="t">Diagram {n}</title>\n'
        f'<rect width="320" height="120" rx="12" fill="#eef3f7"/>\n{bars}\n</svg>\n'
    )


def _takeaways_page(n: int, rng: random.Random) -> str:
    items = "\n".join(f"- {_sentence(rng)}" for _ in range(rng.randint(4, 6)))
    return (f"---\ntitle: Key Takeaways {n}\n---\n"
            f"![{_phrase(rng, 5, 10)}](images/diagram-{n:03d}.svg)\n\n{items}\n")


def _table_page(n: int, topic: str, rng: random.Random) -> str:
    head = [_phrase(rng, 1, 3) for _ in range(3)]
    rows = "\n".join("| " + " | ".join(_phrase(rng, 3, 9) for _ in range(3)) + " |" for _ in range(rng.randint(4, 6)))
    return (f"---\ntitle: {topic.replace('-', ' ').capitalize()} in practice ({n})\n---\n"
            f"{_paragraph(rng)}\n\n{_paragraph(rng)}\n\n"
            f"Table: {_phrase(rng, 5, 10)}\n\n"
            f"| {' | '.join(head)} |\n|---|---|---|\n{rows}\n")


def _steps_page(n: int, topic: str, rng: random.Random) -> str:
    steps = "\n".join(f"{i}. {_sentence(rng, 6, 14)}" for i in range(1, rng.randint(4, 6) + 1))
    return (f"---\ntitle: {topic.replace('-', ' ').capitalize()} step by step ({n})\n---\n"
            f"{_paragraph(rng)}\n\n{_paragraph(rng, (2, 4))}\n\n"
            f"A practical sequence is useful when options all sound reasonable:\n\n{steps}\n\n"
            f"{_paragraph(rng, (3, 5))}\n")


def _question(section_id: str, i: int, kind: str, rng: random.Random) -> str:
    lines = [f"  - id: {section_id}-q{i}", f"    type: {kind}", f"    prompt: {_yaml_text(_paragraph(rng, (1, 2)))}"]
    if kind == "true-false":
        lines += [f"    answer: {'true' if rng.random() < 0.5 else 'false'}",
                  f"    feedback_true: {_yaml_text(_sentence(rng))}",
                  f"    feedback_false: {_yaml_text(_sentence(rng))}"]
    else:
        count = rng.randint(3, 5)
        if kind == "single":
            correct = {rng.randrange(count)}
        else:
            correct = set(rng.sample(range(count), rng.randint(2, count - 1)))
        lines.append("    options:")
        for o in range(count):
            lines.append(f"      - text: {_yaml_text(_sentence(rng, 6, 16))}".replace("\n      ", "\n          "))
            if o in correct:
                lines.append("        correct: true")
            lines.append(f"        feedback: {_yaml_text(_sentence(rng))}".replace("\n      ", "\n          "))
    lines.append(f"    rationale: {_yaml_text(_paragraph(rng, (2, 3)))}")
    return "\n".join(lines) + "\n"


def _quiz(section_id: str, rng: random.Random) -> str:
    count = rng.randint(3, 5)
    # Every quiz mixes the three types: each type once, then random ones.
    kinds = list(QUESTION_TYPES) + [rng.choice(QUESTION_TYPES) for _ in range(count - 3)]
    rng.shuffle(kinds)
    questions = "\n".join(_question(section_id, i + 1, k, rng) for i, k in enumerate(kinds))
    return f"title: Check your understanding\nshuffle: true\nattempts: 3\nquestions:\n{questions}"


def section_folder(n: int) -> str:
    topic = TOPICS[(n - 1) % len(TOPICS)]
    return f"{n:03d}-{topic}-{n:03d}"


def generate_course(dest: Path, sections: int, seed: int = 0, course_id: str = "bench-course") -> Path:
    """Write a course folder with ``sections`` sections into ``dest`` (replaced if present); return it."""
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "sections").mkdir(parents=True)
    (dest / "course.yml").write_text(
        f"id: {course_id}\ntitle: \"Benchmark course, {sections} sections\"\nversion: \"1.0.0\"\nlanguage: en\n"
        f"pass_mark: 80\npackaging: sco-per-section\ndescription: Synthetic course generated by bench/generate.py.\n"
        f"keywords: [benchmark, synthetic]\n", encoding="utf-8")
    for n in range(1, sections + 1):
        rng = random.Random(f"{seed}-{n}")
        topic = TOPICS[(n - 1) % len(TOPICS)]
        folder = dest / "sections" / section_folder(n)
        (folder / "images").mkdir(parents=True)
        section_id = f"s{n:03d}-{topic}"
        (folder / "section.yml").write_text(
            f"id: {section_id}\ntitle: \"{n}. {topic.replace('-', ' ').capitalize()}\"\n"
            f"description: {_sentence(rng)}\n", encoding="utf-8")
        (folder / "01-key-takeaways.md").write_text(_takeaways_page(n, rng), encoding="utf-8")
        (folder / f"02-{topic}-in-practice.md").write_text(_table_page(n, topic, rng), encoding="utf-8")
        (folder / f"03-{topic}-step-by-step.md").write_text(_steps_page(n, topic, rng), encoding="utf-8")
        (folder / "quiz.yml").write_text(_quiz(section_id, rng), encoding="utf-8")
        (folder / "images" / f"diagram-{n:03d}.svg").write_text(_svg(n, rng), encoding="utf-8")
    return dest


def page_files(course_dir: Path) -> list[Path]:
    """The Markdown pages of a generated course, in build order."""
    return sorted(Path(course_dir).glob("sections/*/*.md"))


def write_mkdocs(course_dir: Path, dest: Path) -> Path:
    """Lay the course's Markdown pages and images out as a MkDocs project in ``dest``; return mkdocs.yml.

    The pages are copied byte for byte (MkDocs reads the same ``title:`` front matter); the nav is
    MkDocs' default one, built from the folders: one nav section per course section.
    """
    course_dir, dest = Path(course_dir), Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Benchmark course\n\nSynthetic course generated by bench/generate.py.\n",
                                   encoding="utf-8")
    for folder in sorted((course_dir / "sections").iterdir()):
        target = docs / folder.name
        target.mkdir()
        for page in sorted(folder.glob("*.md")):
            shutil.copyfile(page, target / page.name)
        if (folder / "images").is_dir():
            shutil.copytree(folder / "images", target / "images")
    config = dest / "mkdocs.yml"
    config.write_text("site_name: Benchmark course\ntheme:\n  name: mkdocs\n", encoding="utf-8")
    return config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sections", type=int)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--mkdocs", type=Path, help="also write a MkDocs project of the same pages here")
    args = parser.parse_args()
    generate_course(args.dest, args.sections, args.seed)
    if args.mkdocs:
        write_mkdocs(args.dest, args.mkdocs)


if __name__ == "__main__":
    main()
