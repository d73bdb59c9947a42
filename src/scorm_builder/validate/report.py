"""How a run's findings are shown: per code, the first examples and a count of the rest.

A package from some tools repeats one defect thousands of times (every ``<file>`` of an H5P
bundle one folder off). Showing each line buries the other findings, so by default each code
shows its first ``EXAMPLES`` findings (in the sorted order) and one line with the count of the
rest; ``--all`` shows everything. Counts and the exit status always use every finding.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..problems import ERROR, NOTE, WARNING, Problem
from .codes import finding

EXAMPLES = 10


@dataclass(frozen=True)
class Report:
    findings: list[Problem]  # every finding, sorted
    shown: list[Problem]  # the examples, in the same order
    counts: dict[str, int]  # code -> number of findings

    @property
    def omitted(self) -> int:
        return len(self.findings) - len(self.shown)

    def severity_count(self, severity: str) -> int:
        return sum(p.severity == severity for p in self.findings)


def make_report(findings: list[Problem], examples: int | None = EXAMPLES) -> Report:
    """Group ``findings`` (sorted) per code; ``examples=None`` keeps them all."""
    counts = Counter(p.code for p in findings)
    if examples is None:
        return Report(list(findings), list(findings), dict(counts))
    seen: Counter[str] = Counter()
    shown = []
    for problem in findings:
        seen[problem.code] += 1
        if seen[problem.code] <= examples:
            shown.append(problem)
    return Report(list(findings), shown, dict(counts))


def text_lines(report: Report, label: str) -> list[str]:
    """The findings as text, each code's omitted rest as one line after its last example."""
    last_shown = {p.code: i for i, p in enumerate(report.shown)}
    shown_per_code = Counter(p.code for p in report.shown)
    lines = []
    for i, problem in enumerate(report.shown):
        lines.append(problem.format())
        total, shown = report.counts[problem.code], shown_per_code[problem.code]
        if last_shown[problem.code] == i and shown < total:
            lines.append(finding(problem.code, label, 0, f"{total - shown} more findings of this code not shown, "
                                 f"{total} in all", "run with --all to list every one").format())
    return lines


def summary_line(report: Report, label: str, verdict: str) -> str:
    parts = [_count(report.severity_count(ERROR), "error"), _count(report.severity_count(WARNING), "warning"),
             _count(report.severity_count(NOTE), "note")]
    return f"{label}: {', '.join(parts)} - {verdict}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
