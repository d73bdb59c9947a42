"""One full build in a fresh interpreter, timed stage by stage; prints one JSON object.

Run by bench/run.py as a child process (so the parent can read this process's peak RSS and wall
time, interpreter start and imports included). It calls ``scorm_builder.build.build(course, out)``,
the function the ``build`` command runs, and reports each of its stages (build.STAGES).

    python bench/stages.py COURSE_DIR OUT_DIR [--tree DIR] [--pack-runs N]

--tree DIR      also write the built files (the unzipped package) below DIR, for the zip floor
--pack-runs N   after the build, time write_package(files, ...) alone N more times (no check)
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from types import SimpleNamespace

T_START = time.perf_counter()

from scorm_builder.build import build  # noqa: E402
from scorm_builder.package import write_package  # noqa: E402

T_IMPORTED = time.perf_counter()


def parse_args(argv: list[str]):
    """The arguments. A timed build passes only the two folders and imports nothing more, as
    bench/floor.py reads its sys.argv (argparse and its gettext are about 5 ms of start-up)."""
    if len(argv) == 2 and not any(a.startswith("-") for a in argv):
        return SimpleNamespace(course_dir=Path(argv[0]), out_dir=Path(argv[1]), tree=None, pack_runs=0)
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("course_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--tree", type=Path)
    parser.add_argument("--pack-runs", type=int, default=0)
    return parser.parse_args(argv)


def main() -> None:
    args = parse_args(sys.argv[1:])

    c0 = time.process_time()
    t0 = time.perf_counter()
    result = build(args.course_dir, args.out_dir)
    t3 = time.perf_counter()
    c3 = time.process_time()
    course, files, size, stages = result.course, result.files, result.size, result.stages

    pack = []
    for i in range(args.pack_runs):
        target = args.out_dir / f"pack-{i}.zip"
        p0 = time.perf_counter()
        write_package(files, target)
        pack.append(time.perf_counter() - p0)
        target.unlink()

    if args.tree:
        import shutil

        if args.tree.exists():
            shutil.rmtree(args.tree)
        for name, data in files.items():
            path = args.tree / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

    json.dump({
        "imports_s": T_IMPORTED - T_START,
        "stages_s": stages,
        "load_check_s": stages["load"] + stages["check"],
        "build_files_s": stages["render"] + stages["manifest"],
        "write_package_s": stages["package"],  # with check_package, as build() does
        "pipeline_s": t3 - t0,
        "pipeline_cpu_s": c3 - c0,  # CPU time of this process: barely moved by other processes' load
        "pack_only_s": _median(pack) if pack else None,
        "package_bytes": size,
        "package_files": len(files),
        "tree_bytes": sum(len(d) for d in files.values()),
        "scos": len(course.scos),
        "pages": sum(len(s.pages) for s in course.sections),
        "questions": sum(len(s.questions) for s in course.scos),
    }, sys.stdout)


def _median(values: list[float]) -> float:
    import statistics  # only for --pack-runs: the timed build should not pay for the harness's imports

    return statistics.median(values)


if __name__ == "__main__":
    main()
