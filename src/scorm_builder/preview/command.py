"""``scorm-builder preview``: click options, then one call (the work is in app.serve)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..resources import chosen_course_dir


@click.command("preview")
@click.argument("course_dir", required=False, type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--port", type=click.IntRange(0, 65535), default=None,
              help="Port to listen on; 0 picks a free one. Default: 8000, or a free port when 8000 is taken.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but a loopback address exposes the preview to the network.")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the default browser.")
def preview_command(course_dir: Path | None, port: int | None, host: str, open_browser: bool) -> None:
    """Preview COURSE_DIR in a local LMS that rebuilds on save.

    Without COURSE_DIR: the current folder when it holds course.yml, else ./course_src, else the
    bundled sample course."""
    from .app import serve  # imported here so that other commands do not load the server

    course_dir, note = chosen_course_dir(course_dir, Path.cwd())
    if note:
        click.echo(note, err=True)
    sys.exit(serve(course_dir, host=host, port=port, open_browser=open_browser,
                   echo=click.echo))
