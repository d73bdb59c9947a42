"""Shared test fixtures.

Tests that need ../shared (the official SCORM 1.2 schemas, the seed text) skip with a reason when it
is absent, as in a user's clone; .ci/run sets SCORM_BUILDER_REQUIRE_SHARED=1 to make them mandatory.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from prereqs import REQUIRE_SHARED, SHARED, require_or_skip


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
