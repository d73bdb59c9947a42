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
from .problems import ProblemsError, split_warnings
from .resources import chosen_course_dir
from .standards import STANDARDS
from .validate.command import validate_command


def report(exc: ProblemsError) -> None:
    for problem in exc.problems:
        click.echo(problem.format(show_severity=True), err=True)
    n = len(split_warnings(exc.problems)[0])
    click.echo(f"build failed: {n} problem{'s' if n != 1 else ''}; nothing was written", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="scorm-builder")
def cli() -> None:
    """Build SCORM 1.2 and SCORM 2004 packages from course material written as plain text."""


@cli.command("build")
@click.argument("course_dir", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option("-o", "--out", "out_dir", default="out", show_default=True,
              type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the zip.")
@click.option("--standard", type=click.Choice(sorted(STANDARDS)), default=None,
              help="Output standard, overriding course.yml's 'standard:' (default scorm12).")
def build_command(course_dir: Path | None, out_dir: Path, standard: str | None) -> None:
    """Build COURSE_DIR into OUT/<id>-<version>-<standard>.zip.

    Without COURSE_DIR: the current folder when it holds course.yml, else ./course_src, else the
    bundled sample course."""
    course_dir, note = chosen_course_dir(course_dir, Path.cwd())
    if note:
        click.echo(note, err=True)
    try:
        result = build(course_dir, out_dir, standard=standard)
    except ProblemsError as exc:
        report(exc)
        sys.exit(1)
    for warning in result.warnings:
        click.echo(warning.format(show_severity=True), err=True)
    click.echo(result.summary)


cli.add_command(validate_command)
cli.add_command(preview_command)
cli.add_command(new_command)


def main() -> None:
    cli(prog_name="scorm-builder")
