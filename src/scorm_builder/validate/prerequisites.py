"""``adlcp:prerequisites`` as LMSs evaluate it: the SCORM 1.2 (AICC) script.

Moodle's evaluator (mod/scorm/locallib.php, ``scorm_eval_prerequisites``) cuts the text at
``&``, ``|``, ``~``, ``(`` and ``)``, trims each piece, turns every other piece into true or
false and evaluates the result as a boolean expression. A piece is one of:

* a set ``N*{a,b,c}``: true when at least N of the items are completed or passed (the members
  are compared as written: a space after a comma becomes part of the identifier);
* ``identifier=status`` or ``identifier<>status``;
* an item identifier: true when that item is completed or passed.

Anything else (``module1 AND module2``) is read as one identifier that names no item, so it is
always false. Pieces that do not make a boolean expression (``a & & b``, ``()``, two terms with
no operator between them, nothing at all) make Moodle's evaluation fail outright.

``parse`` checks the structure and returns the terms; ``item_rules`` checks what they name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_OPERATORS = re.compile(r"([&|()~])")
_SET = re.compile(r"^(\d+)\*\{(.+)\}$")
_COMPARE = re.compile(r"^(.+)(=|<>)(.+)$")


class PrerequisiteSyntaxError(ValueError):
    """The expression is not one an AICC-script evaluator can run; the message says why."""


@dataclass(frozen=True)
class Term:
    """One term of an adlcp:prerequisites expression."""

    text: str
    identifiers: tuple[str, ...]  # as the evaluator looks them up
    status: str | None = None  # for identifier=status / identifier<>status
    negated: bool = False  # '<>' rather than '='
    needed: int | None = None  # N of a set N*{...}


def parse(expression: str) -> list[Term]:
    """The terms of ``expression``; raises ``PrerequisiteSyntaxError``."""
    tokens = [t.strip() for t in _OPERATORS.split(expression.replace("&amp;", "&"))]
    tokens = [t for t in tokens if t]
    if not tokens:
        raise PrerequisiteSyntaxError("it is empty")
    terms: list[Term] = []
    end = _expression(tokens, 0, terms)
    if end < len(tokens):
        raise PrerequisiteSyntaxError(_unexpected(tokens, end))
    return terms


def _expression(tokens: list[str], at: int, terms: list[Term]) -> int:
    at = _unary(tokens, at, terms)
    while at < len(tokens) and tokens[at] in ("&", "|"):
        at = _unary(tokens, at + 1, terms)
    return at


def _unary(tokens: list[str], at: int, terms: list[Term]) -> int:
    if at >= len(tokens):
        raise PrerequisiteSyntaxError(f"it ends after {tokens[-1]!r}, where a term is needed")
    token = tokens[at]
    if token == "~":
        return _unary(tokens, at + 1, terms)
    if token == "(":
        at = _expression(tokens, at + 1, terms)
        if at >= len(tokens) or tokens[at] != ")":
            raise PrerequisiteSyntaxError("a '(' is never closed")
        return at + 1
    if token in ("&", "|", ")"):
        raise PrerequisiteSyntaxError(_unexpected(tokens, at))
    terms.append(_term(token))
    return at + 1


def _unexpected(tokens: list[str], at: int) -> str:
    token = tokens[at]
    if token == ")":
        return "a ')' closes nothing, or follows an operator or '('"
    if token in ("&", "|"):
        return f"{token!r} has no term before it"
    return f"{token!r} follows {tokens[at - 1]!r} with no '&' or '|' between them"


def _term(token: str) -> Term:
    match = _SET.match(token)
    if match:
        return Term(token, tuple(match.group(2).split(",")), needed=int(match.group(1)))
    match = _COMPARE.match(token)
    if match:
        status = re.sub(r"['\"]", "", match.group(3)).strip()
        return Term(token, (match.group(1).strip(),), status=status, negated=match.group(2) == "<>")
    return Term(token, (token,))
