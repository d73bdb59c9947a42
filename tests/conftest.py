"""Shared test fixtures.

Tests that need ../shared (the official SCORM 1.2 and 2004 schemas, the seed text) skip with a reason
when it is absent, as in a user's clone; .ci/run sets SCORM_BUILDER_REQUIRE_SHARED=1 to make them mandatory.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from prereqs import CHROMIUM, CHROMIUM_ARGS, REQUIRE_SHARED, SHARED, require_chromium_and_playwright, require_or_skip


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    require_or_skip(SHARED.is_dir(), f"{SHARED} is absent: it holds the official SCORM 1.2 schemas and the seed text",
                    REQUIRE_SHARED)
    return SHARED


@pytest.fixture(scope="session")
def manifest_validator(shared_dir):
    """validate(manifest_bytes) -> list of problems, from the official schemas plus cross-reference checks."""
    sys.path.insert(0, str(shared_dir / "scorm12-schemas"))
    try:
        import validate_manifest
    finally:
        sys.path.pop(0)

    def validate(data: bytes) -> list[str]:
        return validate_manifest.validate_bytes(data) + validate_manifest.check_refs(data)

    return validate


@pytest.fixture(scope="session")
def manifest_validator_2004(shared_dir):
    """validate(manifest_bytes, package_dir=None) -> list of errors from ../shared/scorm2004-schemas: the official
    SCORM 2004 4th Edition schemas, the CAM rules and --refs; with ``package_dir`` (an unpacked package) --refs
    also checks that every file the manifest names is in it. Warnings do not count as errors."""
    schemas = shared_dir / "scorm2004-schemas"
    script = schemas / "validate_manifest.py"
    require_or_skip(script.is_file(), f"{script} is absent: it holds the official SCORM 2004 schemas and the CAM rules",
                    REQUIRE_SHARED)
    # Loaded under its own name: the 1.2 validator is also a module called validate_manifest.
    spec = importlib.util.spec_from_file_location("validate_manifest_2004", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def validate(data: bytes, package_dir: Path | None = None) -> list[str]:
        package = module.Package(str(package_dir)) if package_dir is not None else None
        errors, _warnings = module.run_checks(data, package, refs=True)
        return errors

    return validate


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session, shared by tests/browser and tests/moodle: Playwright's sync
    API allows one instance per thread (test_preview_browser.py runs its own in a worker thread)."""
    require_chromium_and_playwright()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
