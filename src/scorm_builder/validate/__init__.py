"""``scorm-builder validate``: lint any SCORM 1.2 or 2004 package, a .zip or a folder, without unpacking it.

Public API::

    from scorm_builder.validate import validate_package, FINDING_CODES, UNUSABLE_CODES, exit_status

    findings = validate_package(path, schemas=None)   # list[Problem], sorted; never raises
    status = exit_status(findings, strict=False, notes=False)  # 0 clean, 1 errors, 2 unusable input

``validate_package`` reports every problem as a ``scorm_builder.problems.Problem`` with a stable
``code`` (``FINDING_CODES``: code -> ``FindingCode(severity, summary, unusable)``, listed in
docs/validate.md). It never raises on bad input: a missing path, a file that is not a zip, a
hostile archive or an unreadable manifest is a finding too.

Telling "unusable input" from "errors": a finding whose code is in ``UNUSABLE_CODES`` means the
input could not, or for safety would not, be inspected (unreadable, not a zip or folder, no
manifest, zip bomb, forged or path-traversing zip, DOCTYPE in the manifest, bad ``--schemas``
folder). ``exit_status`` maps that to 2, other errors to 1 (warnings too with ``strict``, notes
too with ``notes``), else 0; the CLI exits with it. Severities: error (an LMS fails to import,
launch or track the package, or locks a learner out), warning (a risk in some LMSs), note
(inventory and hygiene). ``report.make_report`` groups repeated findings of one code for display.

``schemas`` is a folder with ADL's SCORM 1.2 XSD files or the SCORM 2004 4th Edition ones (or both);
when given, the manifest is also validated against the set for its standard (see ``schema.py`` for the
two in-memory fixes the 1.2 files need, ``schema2004.py`` for the 2004 set).

The root's namespace says the standard (``dialect.py``); identifiers, references, resources and
files are checked alike for both, the version metadata, adlcp values and (2004) sequencing by the
rules of each.

Safety: the input is only read, never extracted; nothing is written anywhere. Limits against
hostile archives are in ``source.Limits`` (1 GiB uncompressed, 100:1 ratio above 1 MiB,
20,000 entries, 16 MiB manifest, XML depth 64); a ratio over 100:1 is only a note, since every
byte is counted against the total.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..problems import Problem
from .checker import lint_package
from .codes import FINDING_CODES, UNUSABLE_CODES, FindingCode, exit_status, is_unusable

__all__ = ["validate_package", "FINDING_CODES", "UNUSABLE_CODES", "FindingCode", "exit_status", "is_unusable"]


def validate_package(path: Path, schemas: Path | None = None, *,
                     written: Mapping[str, bytes] | None = None) -> list[Problem]:
    """All findings (errors, warnings and notes) for the package at ``path``, sorted. Never raises on bad input.

    ``written`` is for the caller that has just written the zip at ``path`` from these bytes (the
    build's own check): each entry of it is compared with them (size, CRC, local header, bounds)
    rather than inflated again. Every rule on names, the container and the manifest runs the same."""
    return lint_package(Path(path), Path(schemas) if schemas is not None else None, written=written)
