"""The command line: a thin click layer over plain functions.

Exit codes: 0 success, 1 problems in the course (or package), 2 usage errors.
Problems print as ``path:line: message (hint)``, one per line, never as a traceback.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .build import build
from .new import new_command
from .preview.command import preview_command
from .problems import ProblemsError
from .resources import default_course_dir
from .validate.command import validate_command


def report(exc: ProblemsError) -> None:
    for problem in exc.problems:
        click.echo(problem.format(), err=True)
    n = len(exc.problems)
    click.echo(f"build failed: {n} problem{'s' if n != 1 else ''}; nothing was written", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scorm-builder")
def cli() -> None:
    """Build SCORM 1.2 packages from course material written as plain text."""


@cli.command("build")
@click.argument("course_dir", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option("-o", "--out", "out_dir", default="out", show_default=True,
              type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the zip.")
def build_command(course_dir: Path | None, out_dir: Path) -> None:
    """Build COURSE_DIR (default: the bundled sample course) into OUT/<id>-<version>-scorm12.zip."""
    try:
        result = build(course_dir or default_course_dir(), out_dir)
    except ProblemsError as exc:
        report(exc)
        sys.exit(1)
    click.echo(result.summary)


cli.add_command(validate_command)
cli.add_command(preview_command)
cli.add_command(new_command)


def main() -> None:
    cli(prog_name="scorm-builder")
