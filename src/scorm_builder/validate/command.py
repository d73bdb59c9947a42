"""The ``validate`` command. Register it with ``cli.add_command(validate_command)``.

Exit status: 0 no errors; 1 errors (or warnings with --strict, notes too with --strict-notes);
2 unusable input.
"""
from __future__ import annotations

import json
from pathlib import Path

import click

from ..problems import ERROR, NOTE, WARNING
from . import exit_status, is_unusable, validate_package
from .checker import package_label
from .report import EXAMPLES, make_report, summary_line, text_lines


@click.command("validate")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print findings and a summary as JSON.")
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1); notes do not.")
@click.option("--strict-notes", is_flag=True, help="Warnings and notes fail too (exit 1); implies --strict.")
@click.option("--all", "show_all", is_flag=True,
              help=f"Show every finding, not the first {EXAMPLES} of each code and a count of the rest.")
@click.option("--schemas", type=click.Path(path_type=Path), metavar="DIR",
              help="Also validate the manifest against the XSD files in DIR (SCORM 1.2 or 2004 4th Edition).")
@click.pass_context
def validate_command(ctx: click.Context, path: Path, as_json: bool, strict: bool, strict_notes: bool,
                     show_all: bool, schemas: Path | None) -> None:
    """Check the SCORM 1.2 or 2004 package PATH (a .zip or a folder) without unpacking it.

    Exit status: 0 no errors, 1 errors (or warnings with --strict, notes too with
    --strict-notes), 2 the input cannot be checked (missing, not a zip or folder, no manifest,
    hostile archive).
    """
    findings = validate_package(path, schemas)
    strict = strict or strict_notes
    status = exit_status(findings, strict, notes=strict_notes)
    report = make_report(findings, None if show_all else EXAMPLES)
    unusable = is_unusable(findings)
    label = package_label(path)
    if as_json:
        summary = {"package": label, "errors": report.severity_count(ERROR),
                   "warnings": report.severity_count(WARNING), "notes": report.severity_count(NOTE),
                   "unusable": unusable, "strict": strict, "strict_notes": strict_notes, "exit_code": status,
                   "counts": report.counts, "omitted": report.omitted}
        click.echo(json.dumps({"findings": [p.to_dict() for p in report.shown], "summary": summary}, indent=2))
    else:
        for line in text_lines(report, label):
            click.echo(line)
        if not findings:
            click.echo(f"{label}: OK, no problems found")
        else:
            verdict = "unusable or unsafe input" if unusable else ("fails" if status else "passes")
            click.echo(summary_line(report, label, verdict))
    ctx.exit(status)
