"""The command line: a thin click layer over plain functions.

Exit codes: 0 success, 1 problems in the course (or package), 2 usage errors.
Problems print as ``path:line: message (hint)``, one per line, never as a traceback.
"""
from __future__ import annotations

import gc
import importlib
import sys
from pathlib import Path

import click

from .build import build
from .problems import ProblemsError, split_warnings
from .resources import chosen_course_dir
from .standards import STANDARDS

# The other commands, imported when one of them runs (or ``--help`` lists them): the preview
# server's modules, the linter's report and the scaffold are no part of a build, and importing
# them (with importlib.metadata for the version) cost every ``scorm-builder build`` about 20 ms
# of CPU at 50 sections (bench/analysis.md, fourth pass).
LAZY_COMMANDS = {
    "new": ".new:new_command",
    "preview": ".preview.command:preview_command",
    "validate": ".validate.command:validate_command",
}


class _Commands(click.Group):
    """A click group whose commands named in ``LAZY_COMMANDS`` are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, _, name = LAZY_COMMANDS[cmd_name].partition(":")
            self.add_command(getattr(importlib.import_module(module, __package__), name), cmd_name)
        return super().get_command(ctx, cmd_name)


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    # The version is read from the installed metadata only when asked for: importing
    # importlib.metadata costs more than a small build (scorm_builder.__getattr__).
    if value and not ctx.resilient_parsing:
        from . import __version__

        click.echo(f"scorm-builder, version {__version__}")
        ctx.exit()


def report(exc: ProblemsError) -> None:
    for problem in exc.problems:
        click.echo(problem.format(show_severity=True), err=True)
    n = len(split_warnings(exc.problems)[0])
    click.echo(f"build failed: {n} problem{'s' if n != 1 else ''}; nothing was written", err=True)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="Show the version and exit.")
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


# The collector's settings for the program (not for build() as a library): a young collection
# after every 50,000 new container objects rather than CPython's 700. A build allocates in bulk
# what it keeps (the course model, rendered pages); the default walked it some 70 times in a
# 50-section build for almost no garbage. Most garbage is freed by reference counting anyway.
YOUNG_GC_THRESHOLD = 50_000


def main() -> None:
    """The ``scorm-builder`` program. The modules imported so far (the CLI's and the build's) live
    as long as the process: ``gc.freeze()`` takes them out of every later full collection, the
    interpreter's own at exit included, which otherwise walk all of them; with the threshold above
    that took a 50-section build from 291 to 275 ms of CPU (bench/analysis.md, fourth pass)."""
    gc.freeze()
    gc.set_threshold(YOUNG_GC_THRESHOLD, *gc.get_threshold()[1:])
    cli(prog_name="scorm-builder")
