"""A/B experiment behind the YAML recommendation in bench/analysis.md; not part of the benchmark.

Full build steps (build(course, None): no zip) of a course, each run a fresh process, variants
alternating:

* ``ruamel-rt``: src/ as it is: ``parse_yaml`` makes a ``ruamel.yaml.YAML(typ="rt")`` per file
  (pure-Python parser, keeps line numbers in ``.lc``);
* ``ruamel-shared``: one reused ``YAML(typ="rt")`` instance;
* ``pyyaml-compose``: a prototype: PyYAML's libyaml-based ``yaml.compose(text, CSafeLoader)``
  (C parser; every node keeps ``start_mark.line``), converted to the same CommentedMap /
  CommentedSeq with ``.lc`` lines that ``Fields``/``line_of_item`` read, scalars resolved with
  YAML 1.2 core-schema rules as ruamel does. It also checks that the loaded course model
  (every value, html and file:line) is equal to the ruamel one.

    bench/work/venv/bin/python bench/experiments/ab_yaml.py COURSE_DIR [ROUNDS]
"""
import json
import statistics
import subprocess
import sys

CHILD = r'''
import json, re, sys, time
from pathlib import Path
import scorm_builder.sourcefile as sf

variant = sys.argv[2]
if variant == "ruamel-shared":
    from ruamel.yaml import YAML
    one = YAML(typ="rt")
    sf.YAML = lambda typ="rt": one
elif variant == "pyyaml-compose":
    import yaml
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    INT = re.compile(r"^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$")
    FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")

    def scalar(node):
        v = node.value
        if node.style:  # quoted or block scalar (plain is "" or None): always text
            return v
        if v in ("", "~", "null", "Null", "NULL"):
            return None
        if v in ("true", "True", "TRUE"):
            return True
        if v in ("false", "False", "FALSE"):
            return False
        if INT.match(v):
            return int(v, 0) if v[:2] in ("0o", "0x") else int(v)
        if FLOAT.match(v):
            return float(v)
        return v

    def convert(node):
        if isinstance(node, yaml.MappingNode):
            m = CommentedMap()
            for k, v in node.value:
                key = convert(k)
                m[key] = convert(v)
                m.lc.add_kv_line_col(key, [k.start_mark.line, k.start_mark.column,
                                           v.start_mark.line, v.start_mark.column])
            return m
        if isinstance(node, yaml.SequenceNode):
            s = CommentedSeq()
            for i, v in enumerate(node.value):
                s.append(convert(v))
                s.lc.add_kv_line_col(i, [v.start_mark.line, v.start_mark.column])
            return s
        return scalar(node)

    class ComposeYAML:
        def __init__(self, typ="rt"):
            pass

        def load(self, text):
            node = yaml.compose(text, Loader=yaml.CSafeLoader)
            return None if node is None else convert(node)

    sf.YAML = ComposeYAML

from scorm_builder.build import build
stages = {}
course = build(Path(sys.argv[1]), None, stages=stages).course
if len(sys.argv) > 3:  # dump the model to compare the variants
    import pickle
    Path(sys.argv[3]).write_bytes(pickle.dumps(course.sections))
print(json.dumps({"load_check": stages["load"] + stages["check"], "steps": sum(stages.values())}))
'''
VARIANTS = ("ruamel-rt", "ruamel-shared", "pyyaml-compose")


def run(course, variant, dump=None):
    cmd = [sys.executable, "-c", CHILD, course, variant] + ([dump] if dump else [])
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{variant} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def main():
    import pickle
    import tempfile
    from pathlib import Path

    course, rounds = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as tmp:
        models = {}
        for v in VARIANTS:
            run(course, v, f"{tmp}/{v}.pickle")
            models[v] = pickle.loads(Path(f"{tmp}/{v}.pickle").read_bytes())
        for v in VARIANTS[1:]:
            print(f"model from {v} equal to ruamel-rt's (values, html, file:line): {models[v] == models['ruamel-rt']}")
    res = {v: [] for v in VARIANTS}
    for _ in range(rounds):
        for v in VARIANTS:
            res[v].append(run(course, v))
    for v, runs in res.items():
        lc = statistics.median(r["load_check"] for r in runs)
        st = statistics.median(r["steps"] for r in runs)
        print(f"{v:>15}: load+check {lc:.2f} s, load+check+build_files {st:.2f} s (median of {len(runs)})")


if __name__ == "__main__":
    main()
