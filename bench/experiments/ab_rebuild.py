"""A/B experiment behind bench/analysis.md (not part of the benchmark): the preview's one-section
rebuild with the old and the new check._escaping_symlinks / load._fingerprint, alternating.

    bench/work/venv/bin/python bench/experiments/ab_rebuild.py COURSE_DIR [ROUNDS]
"""
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

import scorm_builder.check as check
import scorm_builder.load as load
from scorm_builder.preview.rebuild import Rebuilder
from scorm_builder.problems import Problem, display_path


def old_escaping_symlinks(course_dir):
    root = course_dir.resolve()
    problems = []
    for dirpath, dirnames, filenames in os.walk(course_dir):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                problems.append(Problem(display_path(path), 0, "x", "y"))
    return problems

def old_fingerprint(entry):
    if entry.is_dir():
        paths = sorted(p for p in entry.rglob("*"))
    else:
        paths = [entry, entry.with_name(entry.name[: -len(".md")] + load.QUIZ_SUFFIX)]
    stats = []
    for p in paths:
        try:
            st = p.stat()
        except OSError:
            stats.append((str(p), None))
            continue
        stats.append((str(p), st.st_size, st.st_mtime_ns))
    return tuple(stats)

NEW = (check._escaping_symlinks, load._fingerprint)
OLD = (old_escaping_symlinks, old_fingerprint)
src = Path(sys.argv[1])
d = Path("/tmp/ab-course")
shutil.rmtree(d, ignore_errors=True)
shutil.copytree(src, d)
r = Rebuilder(d)
r.rebuild()
page = sorted(d.glob("sections/*/*.md"))[len(list(d.glob("sections/*/*.md"))) // 2]
res = {"old": [], "new": []}
for rnd in range(int(sys.argv[2]) if len(sys.argv) > 2 else 10):
    for name, (esc, fp) in (("old", OLD), ("new", NEW)):
        check._escaping_symlinks, load._fingerprint = esc, fp
        with open(page, "a") as fh:
            fh.write(f"\nEdit {rnd} {name}.\n")
        t = time.perf_counter()
        o = r.rebuild()
        res[name].append(time.perf_counter() - t)
        assert o.ok
for k, v in res.items():
    print(k, f"median {statistics.median(v) * 1000:.0f} ms, min {min(v) * 1000:.0f}, "
             f"max {max(v) * 1000:.0f} (n={len(v)})")
