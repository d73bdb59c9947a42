"""YAML that keeps line numbers, parsed by libyaml (PyYAML's C composer) with YAML 1.2 scalars.

PyYAML composes a node tree whose nodes carry their source marks; this module builds plain dicts
and lists from it that remember the line of every key and item (``YamlMap.key_lines``,
``YamlSeq.item_lines``). Scalars follow the YAML 1.2 core schema (``yes``/``no``/``on``/``off``
stay text, as authors expect; only ``true``/``false`` are booleans), and duplicate keys are
reported at the line of the second one. Aliases are built once, so an alias "bomb" costs nothing.

Why not a round-trip parser: ruamel.yaml (pure Python) made up about three quarters of a full
build's time (bench/analysis.md); libyaml's composer keeps the same line information.
"""
from __future__ import annotations

import re
from typing import NamedTuple

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # PyYAML built without libyaml: same results, slower
    from yaml import SafeLoader as _Loader

# YAML 1.2 core schema (yaml.org/spec/1.2.2, 10.3.2), for plain (unquoted) scalars only.
_NULL = re.compile(r"^(~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(true|True|TRUE)$")
_FALSE = re.compile(r"^(false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(inf|Inf|INF)$")
_NAN = re.compile(r"^\.(nan|NaN|NAN)$")
_STR_TAG = "tag:yaml.org,2002:str"


class YamlMap(dict):
    """A mapping that knows the 0-based line of each key within its document."""

    key_lines: dict


class YamlSeq(list):
    """A sequence that knows the 0-based line of each item within its document."""

    item_lines: list


class YamlIssue(NamedTuple):
    """A problem in a YAML document, at its line."""

    line: int  # 0-based, within the document
    message: str
    hint: str


class YamlSyntaxError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def load(text: str) -> tuple[object, list[YamlIssue]]:
    """Parse one YAML document. Raises YamlSyntaxError (0-based line) when it is not YAML."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "malformed YAML"
        raise YamlSyntaxError(mark.line if mark else 0, what) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(0, (str(exc).splitlines() or [type(exc).__name__])[0]) from None
    issues: list[YamlIssue] = []
    return (_Builder(issues).build(node) if node is not None else None), issues


class _Builder:
    def __init__(self, issues: list[YamlIssue]):
        self.issues = issues
        self.memo: dict[int, object] = {}

    def build(self, node: yaml.Node):
        done = self.memo.get(id(node))
        if done is not None:
            return done
        if isinstance(node, yaml.ScalarNode):
            value = _scalar(node)
        elif isinstance(node, yaml.SequenceNode):
            value = YamlSeq()
            value.item_lines = [item.start_mark.line for item in node.value]
            self.memo[id(node)] = value
            value.extend(self.build(item) for item in node.value)
        else:
            value = self._mapping(node)
        self.memo[id(node)] = value
        return value

    def _mapping(self, node: yaml.MappingNode) -> YamlMap:
        value = YamlMap()
        value.key_lines = {}
        self.memo[id(node)] = value
        for key_node, value_node in node.value:
            line = key_node.start_mark.line
            if not isinstance(key_node, yaml.ScalarNode):
                self.issues.append(YamlIssue(line, "a key must be a plain word", "write 'key: value'"))
                continue
            key = _scalar(key_node)
            if key in value:
                first = value.key_lines[key] + 1
                self.issues.append(YamlIssue(line, f"duplicate key '{key}'",
                                             f"'{key}' is already set on line {first} of this block; keep one"))
                continue
            value.key_lines[key] = line
            value[key] = self.build(value_node)
        return value


def _scalar(node: yaml.ScalarNode):
    text = node.value
    if node.style:  # quoted or block scalars are always text (plain style is None, or "" from libyaml)
        return text
    if node.tag == _STR_TAG:  # plain text, or an explicit !!str
        return text
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    if _INT.match(text):
        return int(text)
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.match(text):
        return float("nan")
    return text

