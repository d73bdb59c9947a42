"""The floor: only the unavoidable work of a build, with the same libraries, in a fresh interpreter.

Reads every file of the course, parses each YAML file and front matter with libyaml (PyYAML's
CSafeLoader), renders every page body and every quiz text (prompt, option, every feedback, rationale, vignette)
with markdown-it-py (CommonMark plus tables, as the builder), sanitizes each result with nh3, and
deflates the HTML and every other file into a zip. No model, no checks, no templates, no manifest,
no linter: a build cannot do less and still produce a package. Prints one JSON object; run by
bench/run.py beside ``bench/stages.py``, the same way, so the two are compared like for like.

    python bench/floor.py COURSE_DIR OUT_ZIP [YOUNG_GC_THRESHOLD]

With YOUNG_GC_THRESHOLD (bench/run.py passes scorm_builder.cli.YOUNG_GC_THRESHOLD), the floor runs
under the collector settings the ``scorm-builder`` program sets for itself: its imports frozen
(``gc.freeze()``) and young collections every YOUNG_GC_THRESHOLD allocations. Those settings are
not work, so the comparison is of the work alone; without the argument the floor keeps CPython's
defaults.
"""
from __future__ import annotations

import gc
import json
import os
import sys
import time
import zipfile

T_START = time.perf_counter()

import nh3  # noqa: E402
import yaml  # noqa: E402
from markdown_it import MarkdownIt  # noqa: E402

T_IMPORTED = time.perf_counter()

# Every Markdown text the builder renders from a quiz file (src/scorm_builder/load_quiz.py): the
# block texts, feedback of every kind included (feedback, feedback_true, feedback_right, ...), and
# the one-line texts of options, matching items and ordering items.
BLOCK_KEYS = ("prompt", "rationale", "vignette")
INLINE_KEYS = ("text", "item")


def is_block_key(key: str) -> bool:
    return key in BLOCK_KEYS or key == "feedback" or key.startswith("feedback_")


def course_files(root: str) -> list[str]:
    found = []
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        found.extend(os.path.join(folder, n) for n in sorted(names))
    return found


def quiz_html(md: MarkdownIt, node: object, out: list[str]) -> None:
    """Render the Markdown texts of a quiz file, wherever they sit in it."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and is_block_key(key):
                out.append(nh3.clean(md.render(value)))
            elif isinstance(value, str) and key in INLINE_KEYS:
                out.append(nh3.clean(md.renderInline(value)))
            elif key == "items" and isinstance(value, list):  # an ordering question's items
                out.extend(nh3.clean(md.renderInline(v)) for v in value if isinstance(v, str))
            else:
                quiz_html(md, value, out)
    elif isinstance(node, list):
        for item in node:
            quiz_html(md, item, out)


def main() -> None:
    root, target = sys.argv[1], sys.argv[2]
    if len(sys.argv) > 3:
        gc.freeze()
        gc.set_threshold(int(sys.argv[3]), *gc.get_threshold()[1:])
    c0, t0 = time.process_time(), time.perf_counter()
    md = MarkdownIt("commonmark").enable("table")
    outputs: dict[str, bytes] = {}
    for path in course_files(root):
        name = os.path.relpath(path, root)
        with open(path, "rb") as fh:
            data = fh.read()
        if path.endswith(".yml"):
            tree = yaml.load(data, Loader=yaml.CSafeLoader)
            if path.endswith("quiz.yml"):
                parts: list[str] = []
                quiz_html(md, tree, parts)
                outputs[name + ".html"] = "".join(parts).encode()
        elif path.endswith(".md"):
            text = data.decode("utf-8")
            body = text
            if text.startswith("---\n"):
                front, _, body = text[4:].partition("\n---\n")
                yaml.load(front, Loader=yaml.CSafeLoader)
            outputs[name + ".html"] = nh3.clean(md.render(body)).encode()
        else:
            outputs[name] = data
    t1 = time.perf_counter()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(outputs):
            zf.writestr(name, outputs[name])
    t2, c2 = time.perf_counter(), time.process_time()
    json.dump({
        "imports_s": T_IMPORTED - T_START,
        "read_parse_render_s": t1 - t0,
        "zip_s": t2 - t1,
        "work_s": t2 - t0,
        "work_cpu_s": c2 - c0,
        "files": len(outputs),
        "zip_bytes": os.path.getsize(target),
    }, sys.stdout)


if __name__ == "__main__":
    main()
