"""scorm-builder: course material written as plain text in, SCORM 1.2 packages out."""
from __future__ import annotations


def __getattr__(name: str) -> str:
    # __version__ is read from the installed metadata on first use only: importing
    # importlib.metadata costs more than a small build, and a build never needs it.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("scorm-builder")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0.0.0+unknown"
