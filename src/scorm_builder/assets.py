"""Files that pages link to (images, PDFs): resolved against the course folder and given a
place in the package. check.py reports missing files and links that leave the course folder.

A link to another page's Markdown file (``[see](02-frame.md)``) is not an asset: it becomes a
placeholder ``#sb-page:<path of the .md in the course>`` that render.py turns into a link to that
page of the SCO (``#p<n>`` with ``data-goto``), which the runtime opens like a contents link."""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote

from .layout import SCO_TO_ROOT, media_path
from .model import AssetRef, Loc, PageLink

SUFFIX_RE = re.compile(r"[?#].*$", re.DOTALL)
PAGE_LINK_PREFIX = "#sb-page:"


class AssetCollector:
    """A Markdown link resolver that records every relative target it sees."""

    def __init__(self, course_dir: Path, base_dir: Path):
        self.course_dir, self.base_dir = course_dir, base_dir
        self.refs: list[AssetRef] = []
        self.page_links: list[PageLink] = []

    def __call__(self, target: str, loc: Loc) -> str | None:
        path_part = SUFFIX_RE.sub("", target)
        source = Path(os.path.normpath(self.base_dir / unquote(path_part)))
        try:
            inside = source.relative_to(self.course_dir).as_posix()
        except ValueError:
            inside = None
        if path_part.endswith(".md") and inside:
            self.page_links.append(PageLink(target=target, key=inside, loc=loc))
            return PAGE_LINK_PREFIX + inside
        package_path = media_path(inside) if inside else ""
        self.refs.append(AssetRef(target=target, source=source, package_path=package_path, loc=loc))
        return f"{SCO_TO_ROOT}{package_path}{target[len(path_part):]}" if package_path else None
