"""A one-section rebuild as the preview does it: edit one page's text, rebuild, time it. Prints JSON.

Uses ``scorm_builder.preview.rebuild.Rebuilder(course_dir).rebuild()`` when the preview exists;
otherwise ``build.build(dir, None, caches=Caches(sections=SectionCache()))``, with one SectionCache
kept across rebuilds. The first
(cold) build fills the cache and is reported apart; each timed run appends a sentence to the same
page in the middle section first, so that section's files change and every other one is reused.

    python bench/rebuild.py COURSE_DIR [--runs N]

The course folder is edited: pass a copy.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import traceback
from pathlib import Path


def public_rebuilder(course_dir: Path):
    from scorm_builder.build import build
    from scorm_builder.caches import Caches
    from scorm_builder.load import SectionCache

    caches = Caches(sections=SectionCache())

    def rebuild():
        return build(course_dir, None, caches=caches).files

    return rebuild


def preview_rebuilder(course_dir: Path):
    """The preview's own rebuild, or None (and why) when it is not there or does not work yet."""
    try:
        from scorm_builder.preview.rebuild import Rebuilder
    except ImportError as exc:
        return None, f"scorm_builder.preview.rebuild.Rebuilder not importable ({exc})"
    try:
        rebuilder = Rebuilder(course_dir)
    except Exception as exc:  # the preview is written concurrently: fall back, and say why
        return None, f"Rebuilder(course_dir) failed: {type(exc).__name__}: {exc}"

    def rebuild():
        outcome = rebuilder.rebuild()  # never raises for problems in the course: it reports them
        if not getattr(outcome, "ok", True):
            problems = "; ".join(p.format() for p in outcome.problems[:3])
            raise RuntimeError(f"the preview's rebuild failed: {problems}")
        return outcome

    return rebuild, "scorm_builder.preview.rebuild.Rebuilder(course_dir).rebuild()"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("course_dir", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--public", action="store_true", help="use the public functions even if the preview exists")
    args = parser.parse_args()
    course_dir = args.course_dir.resolve()

    rebuild, how = (None, "--public given") if args.public else preview_rebuilder(course_dir)
    note = ""
    if rebuild is None:
        note = how
        rebuild, how = public_rebuilder(course_dir), "build(course_dir, None, caches=Caches(sections=SectionCache()))"

    pages = sorted(course_dir.glob("sections/*/*.md"))
    page = pages[len(pages) // 2]
    t0 = time.perf_counter()
    try:
        rebuild()
    except Exception:
        if note:  # already on the public functions: a real failure
            raise
        note = "the preview's rebuild() failed, fell back: " + traceback.format_exc(limit=1).strip().splitlines()[-1]
        rebuild, how = public_rebuilder(course_dir), "build(course_dir, None, caches=Caches(sections=SectionCache()))"
        t0 = time.perf_counter()
        rebuild()
    cold = time.perf_counter() - t0

    times = []
    for i in range(args.runs):
        with page.open("a", encoding="utf-8") as fh:
            fh.write(f"\nAn edit, number {i}, to rebuild this section.\n")
        t0 = time.perf_counter()
        rebuild()
        times.append(time.perf_counter() - t0)

    json.dump({"how": how, "note": note, "edited": str(page.relative_to(course_dir)), "cold_s": cold,
               "times_s": times, "median_s": statistics.median(times)}, sys.stdout)


if __name__ == "__main__":
    main()
