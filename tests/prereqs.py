"""What optional tests need, and how they skip without it.

A missing prerequisite skips the test with the reason, as in a user's clone; setting the named
environment variable to 1 (.ci/run does) turns that skip into a failure.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REQUIRE_SHARED = "SCORM_BUILDER_REQUIRE_SHARED"
REQUIRE_BROWSER = "SCORM_BUILDER_REQUIRE_BROWSER"
CHROMIUM = Path(os.environ.get("SCORM_BUILDER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def require_or_skip(ok: bool, reason: str, env_var: str = REQUIRE_BROWSER) -> None:
    """Skip with ``reason`` unless ``env_var`` is 1, in which case the missing piece is a failure."""
    if ok:
        return
    if os.environ.get(env_var) == "1":
        pytest.fail(f"{reason} (required because {env_var}=1)")
    pytest.skip(reason)


def require_chromium_and_playwright() -> None:
    require_or_skip(CHROMIUM.is_file(), f"no Chromium at {CHROMIUM} (install the distribution's chromium package)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        require_or_skip(False, "the playwright Python package is not installed (pip install -e '.[test]')")
