"""Open a package, a zip file or a folder, for reading without extracting anything.

Nothing is ever written. ``ZipSource`` (zip_source.py) and ``FolderSource`` (folder_source.py)
offer the same small interface: ``kind``, ``entries``, ``findings`` (from opening or walking),
``read(entry, limit)`` for the manifest, ``verify(skip, limits)`` for everything else.
"""
from __future__ import annotations

import stat
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .entry import DEFAULT_LIMITS, Entry, Limits, ReadFailure
from .zip_source import ZipSource

if TYPE_CHECKING:
    from .folder_source import FolderSource

__all__ = ["DEFAULT_LIMITS", "Entry", "FolderSource", "Limits", "ReadFailure", "ZipSource", "open_source"]


def open_source(path: Path, label: str, limits: Limits,
                written: Mapping[str, bytes] | None = None) -> ZipSource | FolderSource:
    """Open ``path`` as a package. Raises ``ReadFailure`` (an unusable-input code) when it cannot be.
    ``written``: see ``ZipSource``."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ReadFailure("SB001", "no such file or folder", "check the path") from None
    except OSError as exc:
        raise ReadFailure("SB002", f"cannot read it: {exc.strerror or exc}", "check its permissions") from None
    except ValueError as exc:  # e.g. an embedded NUL character
        raise ReadFailure("SB001", f"not a usable path: {exc}", "check the path") from None
    if stat.S_ISDIR(st.st_mode):
        from .folder_source import FolderSource  # a build checks the zip it wrote: only `validate DIR` reads folders

        return FolderSource(path, label, limits)
    if not stat.S_ISREG(st.st_mode):
        raise ReadFailure("SB003", "is neither a zip file nor a folder", "give a package .zip or its folder")
    return ZipSource(path, written)


def __getattr__(name: str):
    if name == "FolderSource":  # imported on first use (see open_source)
        from .folder_source import FolderSource

        return FolderSource
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
