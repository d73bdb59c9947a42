"""The ``validate`` command. Register it with ``cli.add_command(validate_command)``.

Exit status: 0 no errors; 1 errors (or warnings with --strict); 2 unusable input.
"""
from __future__ import annotations

import json
from pathlib import Path

import click

from ..problems import ERROR, WARNING
from . import exit_status, is_unusable, validate_package
from .checker import package_label


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@click.command("validate")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print findings and a summary as JSON.")
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--schemas", type=click.Path(path_type=Path), metavar="DIR",
              help="Also validate the manifest against the SCORM 1.2 XSD files in DIR.")
@click.pass_context
def validate_command(ctx: click.Context, path: Path, as_json: bool, strict: bool, schemas: Path | None) -> None:
    """Check the SCORM 1.2 package PATH (a .zip or a folder) without unpacking it.

    Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 the input cannot be
    checked (missing, not a zip or folder, no manifest, hostile archive).
    """
    findings = validate_package(path, schemas)
    status = exit_status(findings, strict)
    errors = sum(p.severity == ERROR for p in findings)
    warnings = sum(p.severity == WARNING for p in findings)
    unusable = is_unusable(findings)
    label = package_label(path)
    if as_json:
        summary = {"package": label, "errors": errors, "warnings": warnings, "unusable": unusable,
                   "strict": strict, "exit_code": status}
        click.echo(json.dumps({"findings": [p.to_dict() for p in findings], "summary": summary}, indent=2))
    else:
        for problem in findings:
            click.echo(problem.format())
        if not findings:
            click.echo(f"{label}: OK, no problems found")
        else:
            verdict = "unusable or unsafe input" if unusable else ("fails" if status else "passes")
            click.echo(f"{label}: {_count(errors, 'error')}, {_count(warnings, 'warning')} - {verdict}")
    ctx.exit(status)
