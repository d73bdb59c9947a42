"""scorm-builder: course material written as plain text in, SCORM 1.2 packages out."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("scorm-builder")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"
