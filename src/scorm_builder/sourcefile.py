"""Reading course source files: UTF-8 text, YAML that keeps line numbers, Markdown front matter,
and typed key checking with did-you-mean hints. Every failure becomes a ``Problem`` at a file and line.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from . import yamlsource
from .model import Loc
from .problems import Problem, display_path


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, 0, f"cannot read the file: {exc.strerror or exc}",
                              "check that it exists and is readable")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [Problem(shown, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                              "save the file as UTF-8 in your editor")]
    return text.removeprefix("\ufeff").replace("\r\n", "\n"), []


def parse_yaml(text: str, loc: Loc) -> tuple[object, list[Problem]]:
    """Parse YAML whose first line is line ``loc.line`` (1 when the file is pure YAML)."""
    first = loc.line or 1
    try:
        data, issues = yamlsource.load(text)
    except yamlsource.YamlSyntaxError as exc:
        return None, [Problem(loc.path, first + exc.line, f"malformed YAML: {exc.message}",
                              "check indentation, colons and quotes on this line")]
    return data, [Problem(loc.path, first + i.line, i.message, i.hint) for i in issues]


class UnclosedFrontMatter(ValueError):
    pass


def read_yaml_file(path: Path, problems: list[Problem]) -> tuple[object, Loc] | None:
    """Read and parse a whole YAML file: (data, location of its first line), or None when it is
    unreadable or malformed, its problems then added to ``problems``."""
    text, found = read_text(path)
    loc = Loc(display_path(path), 1)
    data, more = parse_yaml(text, loc) if text is not None else (None, [])
    problems += found + more
    return None if text is None or more else (data, loc)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter YAML or None, body, 1-based line where the body starts).

    Raises UnclosedFrontMatter when the file opens front matter with '---' and never closes it."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    raise UnclosedFrontMatter()


def line_of_key(mapping, key, fallback: int, base: int = 1) -> int:
    """The file line of ``key``; ``base`` is the file line where the YAML document starts."""
    if isinstance(mapping, yamlsource.YamlMap) and key in mapping:
        return base + mapping.key_lines[key]
    return fallback


def line_of_item(seq, index: int, fallback: int, base: int = 1) -> int:
    if isinstance(seq, yamlsource.YamlSeq) and index < len(seq):
        return base + seq.item_lines[index]
    return fallback


TEXT = "text"
NUMBER = "number"
INTEGER = "whole number"
BOOLEAN = "true or false"
TEXT_LIST = "list of texts"
LIST = "list"
MAPPING = "mapping"
ANY = "value"  # a key whose kind depends on another key (checked again once that one is known)

_CHECKS = {
    TEXT: lambda v: isinstance(v, str),
    NUMBER: lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    INTEGER: lambda v: isinstance(v, int) and not isinstance(v, bool),
    BOOLEAN: lambda v: isinstance(v, bool),
    TEXT_LIST: lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    LIST: lambda v: isinstance(v, list),
    MAPPING: lambda v: isinstance(v, dict),
    ANY: lambda v: True,
}


class Spec(NamedTuple):
    """What a key of a source file may hold: its kind, whether it is required, its default."""

    kind: str
    required: bool = False
    default: object = None


class Fields:
    """Typed values of one YAML mapping, with the line of each key. Collects problems as it goes."""

    def __init__(self, mapping, specs: dict[str, Spec], loc: Loc, what: str, problems: list[Problem], base: int = 1):
        self.loc, self.problems, self.values, self.lines = loc, problems, {}, {}
        self.invalid: set[str] = set()  # keys whose value had the wrong type (already reported)
        if mapping is None:
            mapping = {}
        if not isinstance(mapping, dict):
            problems.append(Problem(loc.path, loc.line or 1, f"{what} must be a mapping of 'key: value' lines",
                                    f"expected keys: {', '.join(specs)}"))
            self.values = {key: spec.default for key, spec in specs.items()}
            self.lines = {key: loc.line or 1 for key in specs}
            return
        suggested = set()  # known keys offered as a did-you-mean: their absence is the same mistake
        for key in mapping:
            if key not in specs:
                import difflib  # only for a did-you-mean

                line = line_of_key(mapping, key, loc.line, base)
                close = difflib.get_close_matches(str(key), [k for k in specs if k not in mapping], n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(specs)}"
                problems.append(Problem(loc.path, line, f"unknown key '{key}' in {what}", hint))
                suggested.update(close)
        # line_of_key, inlined: this runs for every key of every spec of every mapping of the course
        key_lines = mapping.key_lines if isinstance(mapping, yamlsource.YamlMap) else {}
        for key, spec in specs.items():
            at = key_lines.get(key)
            line = base + at if at is not None and key in mapping else loc.line
            self.lines[key] = line
            value = mapping.get(key)
            if value is None:
                if spec.required and key not in suggested:
                    problems.append(Problem(loc.path, line, f"{what} has no '{key}'",
                                            f"add '{key}: ...', a {spec.kind}"))
                self.values[key] = spec.default
            elif not _CHECKS[spec.kind](value):
                problems.append(Problem(loc.path, line, f"'{key}' must be a {spec.kind}, not {_describe(value)}",
                                        _type_hint(key, spec.kind)))
                self.values[key] = spec.default
                self.invalid.add(key)
            else:
                self.values[key] = value

    def __getitem__(self, key):
        return self.values[key]

    def at(self, key) -> Loc:
        return Loc(self.loc.path, self.lines[key])


def _describe(value) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value[:40]}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _type_hint(key: str, kind: str) -> str:
    return {
        TEXT: f"put the value in quotes: {key}: \"...\"",
        NUMBER: f"write a plain number, e.g. {key}: 80",
        INTEGER: f"write a whole number, e.g. {key}: 3",
        BOOLEAN: f"write {key}: true or {key}: false",
        TEXT_LIST: f"write a list, e.g. {key}: [first, second]",
        LIST: "start each item on its own line with '- '",
        MAPPING: f"indent the '{key}' entries below it",
        ANY: "",
    }[kind]
