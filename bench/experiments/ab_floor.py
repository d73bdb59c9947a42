"""A/B of whole build processes against the floor, interleaved: the numbers in bench/analysis.md's
"before and after" table. Each round runs the floor, the build at another checkout ("before"), and
the build here ("after"), each in a fresh interpreter with bytecode, and reads wall and CPU time and
peak RSS from os.wait4. Prints medians.

    python bench/experiments/ab_floor.py COURSE_DIR ROUNDS BEFORE_CHECKOUT [BEFORE_PYTHON]

BEFORE_CHECKOUT is e.g. a `git worktree` or `git archive` of an older commit; BEFORE_PYTHON is a
Python with that checkout installed (default: this one, with the checkout's src/ on PYTHONPATH).
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]


def main() -> None:
    course, rounds, before = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]).resolve()
    before_py = sys.argv[4] if len(sys.argv) > 4 else sys.executable
    out = Path(tempfile.mkdtemp(prefix="ab-floor-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    before_env = dict(env) if len(sys.argv) > 4 else {**env, "PYTHONPATH": str(before / "src")}
    for tree in (HERE, before):
        subprocess.run([before_py if tree == before else sys.executable, "-m", "compileall", "-q", str(tree / "src")],
                       check=True)
    variants = {
        "floor": ([sys.executable, str(HERE / "bench" / "floor.py"), course, str(out / "floor.zip")], env),
        "before": ([before_py, str(before / "bench" / "stages.py"), course, str(out / "before")], before_env),
        "after": ([sys.executable, str(HERE / "bench" / "stages.py"), course, str(out / "after")], env),
    }
    samples: dict[str, list[tuple[float, float, float]]] = {k: [] for k in variants}
    for _ in range(rounds):
        for name, (cmd, child_env) in variants.items():
            t0 = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env=child_env)
            _, status, usage = os.wait4(proc.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                sys.exit(f"{name} failed: {' '.join(cmd)}")
            samples[name].append((time.perf_counter() - t0, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024))
    for name, runs in samples.items():
        wall, cpu, rss = (statistics.median(r[i] for r in runs) for i in range(3))
        print(f"{name:>7}: wall {wall:.3f} s, CPU {cpu:.3f} s, peak RSS {rss:.0f} MB")
    print("load average", os.getloadavg())


if __name__ == "__main__":
    main()
