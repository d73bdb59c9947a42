"""YAML with line numbers (libyaml composer, YAML 1.2 core-schema scalars)."""
from __future__ import annotations

import math

import pytest

from scorm_builder.yamlsource import YamlMap, YamlSeq, YamlSyntaxError, load


def test_values_follow_the_yaml_1_2_core_schema():
    data, issues = load(
        "a: true\nb: False\nc: yes\nd: no\ne: on\nf: 12\ng: -3.5\nh: 0x1f\nj: ~\nk:\n"
        "l: '12'\nm: \"true\"\nn: !!str 1.0\no: .inf\np: 1_000\nq: 2026-11-30\n")
    assert issues == []
    assert data == {"a": True, "b": False, "c": "yes", "d": "no", "e": "on", "f": 12, "g": -3.5, "h": 31,
                    "j": None, "k": None, "l": "12",
                    "m": "true", "n": "1.0", "o": math.inf, "p": "1_000", "q": "2026-11-30"}
    assert isinstance(data["a"], bool) and isinstance(data["f"], int)


def test_lines_of_keys_and_items_are_kept():
    data, _ = load("title: x\nquestions:\n  - id: one\n    type: single\n\n  - id: two\n")
    assert isinstance(data, YamlMap) and data.key_lines == {"title": 0, "questions": 1}
    seq = data["questions"]
    assert isinstance(seq, YamlSeq) and seq.item_lines == [2, 5]
    assert seq[1].key_lines == {"id": 5}


def test_duplicate_keys_are_reported_at_the_second_one():
    data, issues = load("a: 1\nb: 2\na: 3\n")
    assert data == {"a": 1, "b": 2}
    assert [(i.line, i.message) for i in issues] == [(2, "duplicate key 'a'")]
    assert "line 1" in issues[0].hint


def test_syntax_errors_carry_their_line():
    with pytest.raises(YamlSyntaxError) as exc:
        load("a: 1\nb: [1, 2\nc: 3\n")
    assert exc.value.line in (1, 2) and exc.value.message


def test_an_alias_bomb_is_built_once_per_node():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8))
    data, _ = load(bomb)  # 10**9 leaves if expanded; shared references instead
    assert data["i"][0] is data["i"][1]


def test_empty_document_is_none():
    assert load("") == (None, [])
    assert load("# only a comment\n") == (None, [])
