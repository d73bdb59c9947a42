"""`scorm-builder validate`: a catalogue of broken and hostile packages, each built in tmp_path,
each expected to yield exactly its finding codes; plus the CLI's output and exit codes."""
from __future__ import annotations

import json
import random
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from validate_fixtures import (
    BILLION_LAUGHS,
    GOOD_FILES,
    GOOD_MANIFEST,
    PAGE,
    files_with,
    flip_data_byte,
    forge_size,
    manifest,
    overlapping_zip,
    prerequisites_files,
    set_encrypted_flag,
    symlink_info,
    write_folder,
    write_zip,
    xxe_manifest,
    zip_bytes,
)
from validate_fixtures_2004 import CASES_2004

from scorm_builder.problems import ERROR, NOTE, WARNING
from scorm_builder.validate import (
    FINDING_CODES,
    UNUSABLE_CODES,
    exit_status,
    validate_package,
)
from scorm_builder.validate.checker import lint_package
from scorm_builder.validate.command import validate_command
from scorm_builder.validate.source import DEFAULT_LIMITS, Limits
from scorm_builder.validate.zip_source import ZipSource

DOCS = Path(__file__).resolve().parents[1] / "docs" / "validate.md"
NS_2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP_2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"


@dataclass(frozen=True)
class Case:
    id: str
    build: Callable[[Path], Path]
    expect: frozenset[str]
    limits: Limits = DEFAULT_LIMITS


def case(id: str, expect: str, limits: Limits = DEFAULT_LIMITS):
    def register(build):
        CASES.append(Case(id, build, frozenset(expect.split()), limits))
        return build
    return register


CASES: list[Case] = []


def _zip(tmp: Path, files=None, **kw) -> Path:
    return write_zip(tmp / "course.zip", files, **kw)


def _raw(tmp: Path, data: bytes) -> Path:
    path = tmp / "course.zip"
    path.write_bytes(data)
    return path


# -- the input ----------------------------------------------------------------------------------

case("missing-path", "SB001")(lambda tmp: tmp / "nope.zip")


@case("not-a-zip", "SB003")
def _text_file(tmp: Path) -> Path:
    path = tmp / "notes.txt"
    path.write_text("hello")
    return path


case("corrupt-zip", "SB004")(lambda tmp: _raw(tmp, zip_bytes(GOOD_FILES)[:-30]))
case("empty-zip", "SB005")(lambda tmp: _zip(tmp, {}))
case("manifest-wrong-case", "SB005 SB106")(
    lambda tmp: _zip(tmp, {"IMSManifest.xml": GOOD_MANIFEST, "intro/index.html": PAGE, ".DS_Store": b"x"}))
case("manifest-in-subfolder", "SB006 SB106")(lambda tmp: _zip(
    tmp, {f"course/{name}": data for name, data in GOOD_FILES.items()} | {"__MACOSX/course/._index.html": b""}))
case("second-manifest-in-subfolder", "SB010")(
    lambda tmp: _zip(tmp, files_with(add={"old/imsmanifest.xml": GOOD_MANIFEST})))
case("dot-slash-entries", "")(lambda tmp: _zip(tmp, {f"./{name}": data for name, data in GOOD_FILES.items()}))
case("manifest-and-dot-slash-copy", "SB010 SB116")(
    lambda tmp: _zip(tmp, list(GOOD_FILES.items()) + [("./imsmanifest.xml", GOOD_MANIFEST)]))
case("aicc-course", "SB005")(lambda tmp: _zip(tmp, {"course.crs": "[Course]", "course.au": "x", "a.html": PAGE}))
case("zip-in-zip", "SB007")(lambda tmp: _zip(tmp, {"course.zip": zip_bytes(GOOD_FILES)}))
case("manifest-too-large", "SB008", Limits(max_manifest_bytes=500))(lambda tmp: _zip(tmp))
case("manifest-encrypted", "SB008 SB107")(
    lambda tmp: _raw(tmp, set_encrypted_flag(zip_bytes(GOOD_FILES), "imsmanifest.xml")))


# -- zip entries --------------------------------------------------------------------------------

case("zip-slip", "SB102")(lambda tmp: _zip(tmp, files_with(add={"../evil.html": PAGE})))
case("absolute-path", "SB101")(lambda tmp: _zip(tmp, files_with(add={"/etc/evil.html": PAGE})))
case("windows-drive-path", "SB101")(lambda tmp: _zip(tmp, files_with(add={"C:/evil.html": PAGE})))
case("backslash", "SB103 SB403")(lambda tmp: _zip(tmp, files_with(add={"intro\\extra.html": PAGE})))
case("control-character", "SB103 SB403")(lambda tmp: _zip(tmp, files_with(add={"intro/a\x01.html": PAGE})))
case("case-collision", "SB104 SB403")(lambda tmp: _zip(tmp, files_with(add={"intro/INDEX.html": PAGE})))
case("space-in-name", "SB105 SB403")(lambda tmp: _zip(tmp, files_with(add={"intro/my page.html": PAGE})))
case("non-ascii-name", "SB105 SB403")(lambda tmp: _zip(tmp, files_with(add={"intro/café.html": PAGE})))
case("os-junk", "SB106")(lambda tmp: _zip(tmp, files_with(
    add={"__MACOSX/intro/._index.html": b"x", "intro/.DS_Store": b"x", "Thumbs.db": b"x", "desktop.ini": b"x"})))
case("encrypted-entry", "SB107")(
    lambda tmp: _raw(tmp, set_encrypted_flag(zip_bytes(GOOD_FILES), "shared/style.css")))
case("crc-mismatch", "SB108")(lambda tmp: _raw(
    tmp, flip_data_byte(zip_bytes(GOOD_FILES, zipfile.ZIP_STORED), "shared/style.css")))
case("bzip2-entries", "SB109")(lambda tmp: _zip(tmp, compression=zipfile.ZIP_BZIP2))
case("symlink-entry", "SB110")(lambda tmp: _zip(tmp, list(GOOD_FILES.items()) + [(symlink_info("link"), "/etc")]))
case("too-many-entries", "SB111", Limits(max_entries=2))(lambda tmp: _zip(tmp))
case("too-large-declared", "SB112", Limits(max_total_bytes=100))(lambda tmp: _zip(tmp))
case("ratio-bomb", "SB113", Limits(ratio_min_bytes=1000))(lambda tmp: _zip(
    tmp, files_with(manifest(("<file href=\"shared/style.css\"/>",
                              "<file href=\"shared/style.css\"/><file href=\"shared/zeros.bin\"/>")),
                    add={"shared/zeros.bin": bytes(200_000)})))
case("name-part-too-long", "SB118 SB403")(lambda tmp: _zip(tmp, files_with(add={f"media/{'x' * 252}.mp4": b"x"})))
case("duplicate-entry", "SB116")(lambda tmp: _zip(tmp, list(GOOD_FILES.items()) + [("shared/style.css", "p {}")]))


@case("forged-size", "SB114")
def _forged_size(tmp: Path) -> Path:
    files = files_with(manifest(("<file href=\"shared/style.css\"/>",
                                 "<file href=\"shared/style.css\"/><file href=\"shared/big.txt\"/>")),
                       add={"shared/big.txt": "A" * 300_000})
    # Declared 1,000 bytes in both headers; the data inflates to 300,000: only counting catches it.
    return _raw(tmp, forge_size(zip_bytes(files), "shared/big.txt", 1000))


@case("forged-manifest-size", "SB008")
def _forged_manifest(tmp: Path) -> Path:
    return _raw(tmp, forge_size(zip_bytes(GOOD_FILES), "imsmanifest.xml", 100))


@case("local-header-disagrees", "SB115")
def _local_disagrees(tmp: Path) -> Path:
    return _raw(tmp, forge_size(zip_bytes(GOOD_FILES), "shared/style.css", 5, central=False))


@case("overlapping-entries", "SB115")
def _overlapping(tmp: Path) -> Path:
    listed = manifest(("<file href=\"shared/style.css\"/>",
                       "<file href=\"shared/style.css\"/><file href=\"shared/a.bin\"/><file href=\"shared/b.txt\"/>"))
    files = files_with(listed, add={"shared/b.txt": "B" * 100})
    return _raw(tmp, overlapping_zip(files, inner="shared/b.txt", holder="shared/a.bin"))


@case("folder-symlink-escapes", "SB117")
def _folder_symlink(tmp: Path) -> Path:
    root = write_folder(tmp / "course")
    (tmp / "outside.txt").write_text("secret")
    (root / "shared" / "leak.txt").symlink_to(tmp / "outside.txt")
    return root


# -- the manifest as XML --------------------------------------------------------------------------

case("not-well-formed", "SB201")(lambda tmp: _zip(tmp, files_with(GOOD_MANIFEST.replace("</manifest>", ""))))
case("billion-laughs", "SB202")(lambda tmp: _zip(tmp, files_with(BILLION_LAUGHS)))
case("plain-doctype", "SB202")(lambda tmp: _zip(tmp, files_with(
    GOOD_MANIFEST.replace("<manifest ", "<!DOCTYPE manifest>\n<manifest ", 1))))
case("deep-nesting", "SB203")(lambda tmp: _zip(tmp, files_with(manifest(
    ("<title>Demo</title>", "<title>Demo</title>" + "<item identifier='x'>" * 100 + "</item>" * 100)))))
case("very-deep-nesting", "SB203")(lambda tmp: _zip(tmp, files_with("<a>" * 5000 + "</a>" * 5000)))
case("root-not-manifest", "SB204")(lambda tmp: _zip(tmp, files_with("<course><page/></course>")))
case("scorm2004-namespace", "SB220 SB221")(lambda tmp: _zip(tmp, files_with(GOOD_MANIFEST.replace(
    'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"', f'xmlns="{NS_2004}"'))))
case("scorm2004-adlcp", "SB206")(lambda tmp: _zip(tmp, files_with(GOOD_MANIFEST.replace(
    "http://www.adlnet.org/xsd/adlcp_rootv1p2", ADLCP_2004))))
case("scormtype-without-prefix", "SB207")(lambda tmp: _zip(tmp, files_with(manifest(
    ('adlcp:scormtype="asset"', 'scormtype="asset"')))))
case("adlcp-namespace-typo", "SB207")(lambda tmp: _zip(tmp, files_with(GOOD_MANIFEST.replace(
    "http://www.adlnet.org/xsd/adlcp_rootv1p2", "http://www.adlnet.org/xsd/adlcp_rootv1p2/"))))
case("no-metadata", "SB208")(lambda tmp: _zip(tmp, files_with(manifest(
    ("<schema>ADL SCORM</schema>", ""), ("<schemaversion>1.2</schemaversion>", "")))))
case("schemaversion-2004", "SB209")(lambda tmp: _zip(tmp, files_with(manifest(
    ("<schemaversion>1.2<", "<schemaversion>2004 4th Edition<")))))


# -- identifiers and organizations ----------------------------------------------------------------

case("item-without-identifier", "SB301")(lambda tmp: _zip(tmp, files_with(manifest(
    ('<item identifier="ITEM-intro" ', "<item ")))))
case("duplicate-identifier", "SB302")(lambda tmp: _zip(tmp, files_with(manifest(
    ('identifier="ITEM-intro"', 'identifier="RES-shared"')))))
case("identifier-with-space", "SB303")(lambda tmp: _zip(tmp, files_with(manifest(
    ('identifier="ITEM-intro"', 'identifier="ITEM intro"')))))
case("identifier-too-long", "SB304")(lambda tmp: _zip(tmp, files_with(manifest(
    ('identifier="ITEM-intro"', f'identifier="ITEM-{"x" * 260}"')))))
case("identifier-non-printable", "SB305")(lambda tmp: _zip(tmp, files_with(manifest(
    ('identifier="ITEM-intro"', 'identifier="ITEM-\u200bintro"')))))
case("identifier-not-xml-id", "SB306")(lambda tmp: _zip(tmp, files_with(manifest(
    ('identifier="ITEM-intro"', 'identifier="1-intro"')))))
case("dangling-identifierref", "SB310 SB313")(lambda tmp: _zip(tmp, files_with(manifest(
    ('identifierref="RES-intro"', 'identifierref="RES-intr0"')))))
case("dangling-dependency", "SB310")(lambda tmp: _zip(tmp, files_with(manifest(
    ('<dependency identifierref="RES-shared"/>', '<dependency identifierref="RES-common"/>')))))
case("dangling-default-org", "SB311")(lambda tmp: _zip(tmp, files_with(manifest(
    ('default="ORG-demo"', 'default="ORG-main"')))))
case("no-organization", "SB312")(lambda tmp: _zip(tmp, files_with(re.sub(
    r"<organizations .*</organizations>", "<organizations/>", GOOD_MANIFEST, flags=re.S))))
case("sco-reached-from-another-organization", "")(lambda tmp: _zip(tmp, files_with(manifest(
    ('adlcp:scormtype="asset">', 'adlcp:scormtype="sco" href="intro/index.html">'),
    ("    </organization>\n", '    </organization>\n    <organization identifier="ORG-2"><title>B</title>'
     '<item identifier="ITEM-b" identifierref="RES-shared"><title>B</title></item></organization>\n')))))
case("unreachable-sco", "SB313")(lambda tmp: _zip(tmp, files_with(manifest(
    ('adlcp:scormtype="asset"', 'adlcp:scormtype="sco" href="intro/index.html"')))))


# -- resources and files --------------------------------------------------------------------------

case("missing-listed-file", "SB410")(lambda tmp: _zip(tmp, files_with(drop=("shared/style.css",))))
case("missing-launch-file", "SB401")(lambda tmp: _zip(tmp, files_with(drop=("intro/index.html",))))
case("listed-file-case-mismatch", "SB410")(lambda tmp: _zip(tmp, files_with(
    add={"shared/Style.css": "body{}"}, drop=("shared/style.css",))))
case("launch-case-mismatch", "SB402")(lambda tmp: _zip(tmp, files_with(
    add={"intro/Index.html": PAGE}, drop=("intro/index.html",))))
case("schema-files-in-folders", "")(lambda tmp: _zip(tmp, files_with(
    add={"common/lom.xsd": "<x/>", "dtd/ims.dtd": "<!ELEMENT x ANY>", "adlcp_rootv1p2.xsd": "<x/>"})))
case("metadata-location-present", "")(lambda tmp: _zip(tmp, files_with(manifest(
    ("<schemaversion>1.2</schemaversion>",
     "<schemaversion>1.2</schemaversion><adlcp:location>meta/lom.xml</adlcp:location>")),
    add={"meta/lom.xml": "<l/>"})))
case("unlisted-file", "SB403")(lambda tmp: _zip(tmp, files_with(add={"intro/notes.txt": "todo"})))
case("sco-launches-pdf", "SB404")(lambda tmp: _zip(tmp, files_with(manifest(
    ('href="intro/index.html?page=1"', 'href="intro/slides.pdf"'), ('<file href="intro/index.html"/>', "")),
    add={"intro/slides.pdf": b"%PDF-1.4"}, drop=("intro/index.html",))))
case("sco-without-href", "SB405")(lambda tmp: _zip(tmp, files_with(manifest(
    (' href="intro/index.html?page=1"', "")))))
case("external-url", "SB406")(lambda tmp: _zip(tmp, files_with(manifest(
    ('<file href="shared/style.css"/>', '<file href="shared/style.css"/><file href="https://cdn.example/x.css"/>')))))
case("href-climbs-out", "SB407")(lambda tmp: _zip(tmp, files_with(manifest(
    ('<file href="shared/style.css"/>', '<file href="shared/style.css"/><file href="../etc/passwd"/>')))))
case("absolute-href", "SB407")(lambda tmp: _zip(tmp, files_with(manifest(
    ('<file href="shared/style.css"/>', '<file href="shared/style.css"/><file href="/etc/passwd"/>')))))
case("resource-without-type", "SB408")(lambda tmp: _zip(tmp, files_with(manifest(
    ('identifier="RES-shared" type="webcontent"', 'identifier="RES-shared"')))))
case("launched-without-scormtype", "SB409")(lambda tmp: _zip(tmp, files_with(manifest(
    (' adlcp:scormtype="sco"', "")))))

case("metadata-location-missing", "SB411")(lambda tmp: _zip(tmp, files_with(manifest(
    ("<schemaversion>1.2</schemaversion>",
     "<schemaversion>1.2</schemaversion><adlcp:location>meta.xml</adlcp:location>")))))
case("resource-type-not-webcontent", "SB412")(lambda tmp: _zip(tmp, files_with(manifest(
    ('identifier="RES-shared" type="webcontent"', 'identifier="RES-shared" type="asset"')))))


# -- adlcp values ----------------------------------------------------------------------------------

case("masteryscore-word", "SB501")(lambda tmp: _zip(tmp, files_with(manifest((">80<", ">eighty<")))))
case("masteryscore-over-100", "SB501")(lambda tmp: _zip(tmp, files_with(manifest((">80<", ">120<")))))
case("scormtype-upper-case", "SB502")(lambda tmp: _zip(tmp, files_with(manifest(
    ('adlcp:scormtype="sco"', 'adlcp:scormtype="SCO"')))))
case("maxtimeallowed-iso", "SB503")(lambda tmp: _zip(tmp, files_with(manifest(("00:30:00", "PT30M")))))
case("timelimitaction-typo", "SB504")(lambda tmp: _zip(tmp, files_with(manifest(
    ("continue,no message", "continue, no message")))))

case("adlcp-wrong-case", "SB505")(lambda tmp: _zip(tmp, files_with(manifest(
    ("<adlcp:masteryscore>80</adlcp:masteryscore>",
     "<adlcp:masteryscore>80</adlcp:masteryscore><adlcp:dataFromLMS>level=2</adlcp:dataFromLMS>")))))
case("masteryscore-on-asset-item", "SB506")(lambda tmp: _zip(tmp, files_with(manifest(
    ('identifierref="RES-intro"', 'identifierref="RES-shared"'), ('adlcp:scormtype="sco"', 'adlcp:scormtype="asset"'),
    ('adlcp:scormtype="asset">', 'adlcp:scormtype="asset" href="shared/style.css">')))))
case("prerequisites-dangling-operator", "SB510")(lambda tmp: _zip(tmp, prerequisites_files("ITEM-intro &amp; &amp;")))
case("prerequisites-empty", "SB510")(lambda tmp: _zip(tmp, prerequisites_files("  ")))
case("prerequisites-words", "SB511")(lambda tmp: _zip(tmp, prerequisites_files("ITEM-intro AND ITEM-other")))
case("prerequisites-without-type", "SB512")(lambda tmp: _zip(tmp, prerequisites_files("ITEM-intro", attrs="")))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_catalogue(case: Case, tmp_path: Path):
    findings = lint_package(case.build(tmp_path), limits=case.limits)
    codes = {p.code for p in findings}
    assert codes == case.expect, "\n".join(p.format() for p in findings)
    for p in findings:
        assert p.severity == FINDING_CODES[p.code].severity
        assert p.message and p.hint, p
        assert not set("()[]") & set(p.hint), f"a bracket inside the hint's brackets: {p.hint}"


@pytest.mark.parametrize("kind", ["zip", "folder"])
def test_good_package_has_no_findings(tmp_path: Path, kind: str):
    path = write_zip(tmp_path / "ok.zip") if kind == "zip" else write_folder(tmp_path / "ok")
    assert validate_package(path) == []


def _as_bytes(files: dict[str, str | bytes]) -> dict[str, bytes]:
    return {name: data.encode() if isinstance(data, str) else data for name, data in files.items()}


def test_written_bytes_replace_inflating_and_still_catch_a_different_entry(tmp_path: Path, monkeypatch):
    """The build's own check passes the bytes it wrote: entries are compared with them, not inflated,
    and an entry whose size or CRC is not what was written is the same SB108 as damaged data."""
    written = _as_bytes(GOOD_FILES)
    path = write_zip(tmp_path / "ok.zip")
    inflated: list[str] = []
    consume = ZipSource._consume
    monkeypatch.setattr(ZipSource, "_consume", lambda self, info, *a: inflated.append(info.filename)
                        or consume(self, info, *a))
    assert validate_package(path, written=written) == []
    assert inflated == ["imsmanifest.xml"]  # read for its rules; nothing else was inflated again

    other = dict(written, **{"intro/index.html": written["intro/index.html"] + b" "})
    (changed,) = validate_package(path, written=other)
    assert (changed.code, changed.path) == ("SB108", "intro/index.html")
    assert "not the data that was written" in changed.message
    same_size = dict(written, **{"intro/index.html": written["intro/index.html"].upper()})
    assert [p.code for p in validate_package(path, written=same_size)] == ["SB108"]

    inflated.clear()
    partial = {k: v for k, v in written.items() if k != "intro/index.html"}
    assert validate_package(path, written=partial) == []
    assert sorted(inflated) == ["imsmanifest.xml", "intro/index.html"]  # what it was not given is inflated


@pytest.mark.parametrize("damage", ["cut short", "entry cut", "local header renamed"])
def test_written_bytes_do_not_hide_a_damaged_zip(tmp_path: Path, damage: str):
    """What the written bytes cannot vouch for, the zip's own structure, is still checked."""
    data = zip_bytes(GOOD_FILES)
    info = zipfile.ZipFile(_raw(tmp_path, data)).getinfo("intro/index.html")
    start = info.header_offset + 30 + len(info.filename)
    if damage == "cut short":
        data = data[: len(data) // 2]
    elif damage == "entry cut":  # its data halved, everything after it moved up
        data = data[: start + info.compress_size // 2] + data[start + info.compress_size:]
    else:
        data = data[: info.header_offset + 30] + b"x" + data[info.header_offset + 31:]
    findings = validate_package(_raw(tmp_path, data), written=_as_bytes(GOOD_FILES))
    assert any(p.severity == ERROR for p in findings), findings


def test_catalogue_covers_every_code():
    tested = set().union(*(c.expect for c in CASES), *(c.expect for c in CASES_2004)) | {"SB002", "SB009", "SB601"}
    assert tested == set(FINDING_CODES)


def test_folder_package_gets_the_same_rules(tmp_path: Path):
    root = write_folder(tmp_path / "course", files_with(manifest((">80<", ">eighty<")), add={"notes.txt": "x"}))
    assert {p.code for p in validate_package(root)} == {"SB501", "SB403"}


def test_unreadable_path_is_a_finding(tmp_path: Path, monkeypatch):
    target = write_zip(tmp_path / "course.zip")

    def denied(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "stat", denied)
    assert [p.code for p in validate_package(target)] == ["SB002"]


def test_forged_size_is_caught_by_counting_not_by_the_header(tmp_path: Path):
    findings = lint_package(_forged_size(tmp_path))
    (forged,) = [p for p in findings if p.code == "SB114"]
    assert forged.path == "shared/big.txt" and "1000 bytes" in forged.message


def test_bomb_limits_stop_decompressing(tmp_path: Path):
    """With a total budget below the real size, reading stops with SB112 instead of inflating it all."""
    path = _zip(tmp_path, files_with(add={"shared/a.bin": bytes(50_000), "shared/b.bin": bytes(50_000)}))
    findings = lint_package(path, limits=Limits(max_total_bytes=60_000 + len(GOOD_MANIFEST)))
    assert "SB112" in {p.code for p in findings}


def test_a_compressible_file_is_a_note_and_every_check_still_runs(tmp_path: Path):
    """A silent WAV compresses 1000:1: noted, its bytes counted, the manifest still checked."""
    path = _zip(tmp_path, files_with(manifest((">80<", ">eighty<")), add={"shared/silence.wav": bytes(3 << 20)}))
    findings = validate_package(path)
    assert {p.code for p in findings} == {"SB113", "SB403", "SB501"}
    (ratio,) = [p for p in findings if p.code == "SB113"]
    assert ratio.path == "shared/silence.wav" and ratio.severity == NOTE
    assert exit_status(findings) == 1  # the masteryscore error, not the ratio


def test_a_real_bomb_still_stops_at_the_byte_budget(tmp_path: Path):
    path = _zip(tmp_path, files_with(add={"shared/zeros.bin": bytes(3 << 20)}))
    findings = lint_package(path, limits=Limits(max_total_bytes=1 << 20))
    assert {"SB112"} <= {p.code for p in findings} and exit_status(findings) == 2


def test_xxe_never_reads_the_file(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-4711")
    path = _zip(tmp_path, files_with(xxe_manifest(secret)))
    for args in ([str(path)], [str(path), "--json"]):
        result = CliRunner().invoke(validate_command, args)
        assert "TOPSECRET" not in result.output
        assert "SB202" in result.output and result.exit_code == 2


def test_billion_laughs_is_refused_quickly(tmp_path: Path):
    result = CliRunner().invoke(validate_command, [str(_zip(tmp_path, files_with(BILLION_LAUGHS)))])
    assert result.exit_code == 2 and "[SB202]" in result.output
    assert "lol" not in result.output


def test_nothing_is_written(tmp_path: Path):
    path = _zip(tmp_path, files_with(add={"../evil.html": PAGE, "/tmp/abs-evil.html": PAGE}))
    before = sorted(p.name for p in tmp_path.parent.iterdir())
    validate_package(path)
    assert sorted(p.name for p in tmp_path.parent.iterdir()) == before
    assert [p.name for p in tmp_path.iterdir()] == ["course.zip"]


def test_xml_base_is_applied(tmp_path: Path):
    text = manifest(('<resource identifier="RES-shared"', '<resource xml:base="shared/" identifier="RES-shared"'),
                    ('<file href="shared/style.css"/>', '<file href="style.css"/>'))
    assert validate_package(_zip(tmp_path, files_with(text))) == []


def test_href_escapes_are_decoded(tmp_path: Path):
    text = manifest(('<file href="shared/style.css"/>', '<file href="shared/my%20style.css"/>'))
    findings = validate_package(_zip(tmp_path, files_with(text, add={"shared/my style.css": "p{}"},
                                                          drop=("shared/style.css",))))
    assert {p.code for p in findings} == {"SB105"}


def test_case_mismatch_hint_names_the_real_file(tmp_path: Path):
    path = _zip(tmp_path, files_with(add={"shared/Style.css": "body{}"}, drop=("shared/style.css",)))
    (mismatch,) = validate_package(path)
    assert "'shared/Style.css'" in mismatch.hint


def test_manifest_in_subfolder_is_still_checked(tmp_path: Path):
    files = {f"course/{name}": data for name, data in files_with(manifest((">80<", ">eighty<"))).items()}
    findings = validate_package(_zip(tmp_path, files))
    assert {p.code for p in findings} == {"SB006", "SB501"}
    assert all(p.path.startswith("course/") for p in findings)


def test_missing_launch_file_is_reported_once(tmp_path: Path):
    (missing,) = validate_package(_zip(tmp_path, files_with(drop=("intro/index.html",))))
    line = next(i for i, text in enumerate(GOOD_MANIFEST.splitlines(), 1) if 'identifier="RES-intro"' in text)
    assert missing.code == "SB401" and missing.line == line and missing.severity == ERROR


def test_corrupted_zips_never_raise(tmp_path: Path):
    good = zip_bytes(GOOD_FILES)
    rng = random.Random(1234)
    path = tmp_path / "fuzz.zip"
    for i in range(300):
        data = bytearray(good)
        if i % 3 == 0:
            data = data[: rng.randrange(len(data))]
        for _ in range(rng.randint(1, 8)):
            if data:
                data[rng.randrange(len(data))] = rng.randrange(256)
        path.write_bytes(bytes(data))
        findings = validate_package(path)
        if len(data) < len(good):  # cut short: the end of the zip is gone, so it cannot be used
            assert any(p.severity == ERROR for p in findings), f"case {i}: {[p.format() for p in findings]}"
        for p in findings:
            assert "\n" not in p.format() and p.message and p.hint, f"case {i}: {p!r}"


# -- the command -----------------------------------------------------------------------------------

def _run(*args: str):
    result = CliRunner().invoke(validate_command, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def test_exit_0_on_a_good_package(tmp_path: Path):
    result = _run(write_zip(tmp_path / "ok.zip"))
    assert result.exit_code == 0 and "no problems found" in result.output


def test_exit_1_on_errors_with_human_lines(tmp_path: Path):
    result = _run(_zip(tmp_path, files_with(manifest((">80<", ">eighty<")))))
    assert result.exit_code == 1
    line = next(text for text in result.output.splitlines() if "[SB501]" in text)
    assert re.match(r"^imsmanifest\.xml:\d+: adlcp:masteryscore 'eighty' .* \(.+\) \[SB501\]$", line), line
    assert "1 error, 0 warnings" in result.output.splitlines()[-1]


def test_exit_2_on_unusable_input(tmp_path: Path):
    assert _run(tmp_path / "missing.zip").exit_code == 2
    assert _run(_zip(tmp_path, files_with(add={"../evil.html": PAGE}))).exit_code == 2
    assert _run(_zip(tmp_path, {"readme.txt": "no manifest"})).exit_code == 2


def test_strict_fails_on_warnings(tmp_path: Path):
    path = _zip(tmp_path, files_with(manifest(('type="webcontent" adlcp:scormtype="asset"',
                                               'type="resource" adlcp:scormtype="asset"'))))
    assert {p.code for p in validate_package(path)} == {"SB412"}
    assert _run(path).exit_code == 0
    assert _run(path, "--strict").exit_code == 1


def test_notes_fail_only_with_strict_notes(tmp_path: Path):
    path = _zip(tmp_path, files_with(add={"intro/notes.txt": "todo"}))
    assert [p.severity for p in validate_package(path)] == ["note"]
    assert _run(path).exit_code == 0
    assert _run(path, "--strict").exit_code == 0
    result = _run(path, "--strict-notes")
    assert result.exit_code == 1 and "0 errors, 0 warnings, 1 note - fails" in result.output


def test_json_output_shape(tmp_path: Path):
    result = _run(_zip(tmp_path, files_with(manifest((">80<", ">eighty<")), add={"intro/notes.txt": "x"})), "--json")
    doc = json.loads(result.output)
    assert set(doc) == {"findings", "summary"}
    assert {f["code"] for f in doc["findings"]} == {"SB501", "SB403"}
    for f in doc["findings"]:
        assert set(f) == {"code", "severity", "path", "line", "message", "hint"}
    assert doc["summary"] | {"package": None} == {
        "package": None, "errors": 1, "warnings": 0, "notes": 1, "unusable": False, "strict": False,
        "strict_notes": False, "exit_code": 1, "counts": {"SB403": 1, "SB501": 1}, "omitted": 0}
    assert result.exit_code == 1


def test_json_on_unusable_input(tmp_path: Path):
    result = _run(tmp_path / "missing.zip", "--json")
    doc = json.loads(result.output)
    assert result.exit_code == 2 and doc["summary"]["unusable"] is True
    assert [f["code"] for f in doc["findings"]] == ["SB001"]


def test_exit_status_mapping():
    from scorm_builder.validate.codes import finding
    warn, err, unusable = finding("SB412", "a", 0, "m"), finding("SB501", "a", 0, "m"), finding("SB001", "a", 0, "m")
    note = finding("SB403", "a", 0, "m")
    assert exit_status([]) == 0 and exit_status([warn]) == 0 and exit_status([warn], strict=True) == 1
    assert exit_status([note], strict=True) == 0 and exit_status([note], notes=True) == 1
    assert exit_status([warn], notes=True) == 1
    assert exit_status([err]) == 1 and exit_status([err, unusable]) == 2
    assert UNUSABLE_CODES <= set(FINDING_CODES)


# -- XSD validation with the official schemas -------------------------------------------------------

def test_schemas_accept_the_good_package(tmp_path: Path, shared_dir: Path):
    result = _run(write_zip(tmp_path / "ok.zip"), "--schemas", shared_dir / "scorm12-schemas")
    assert result.exit_code == 0, result.output


def test_schemas_report_errors_with_lines(tmp_path: Path, shared_dir: Path):
    text = manifest(('type="webcontent" adlcp:scormtype="asset"', 'adlcp:scormtype="asset"'))
    result = _run(_zip(tmp_path, files_with(text)), "--schemas", shared_dir / "scorm12-schemas", "--json")
    schema_findings = [f for f in json.loads(result.output)["findings"] if f["code"] == "SB601"]
    assert schema_findings and all(f["line"] > 0 for f in schema_findings)
    assert any("type" in f["message"] for f in schema_findings)
    assert result.exit_code == 1


def test_schemas_folder_unusable(tmp_path: Path):
    (tmp_path / "xsd").mkdir()
    result = _run(write_zip(tmp_path / "ok.zip"), "--schemas", tmp_path / "xsd")
    assert result.exit_code == 2 and "[SB009]" in result.output


# -- the documentation ----------------------------------------------------------------------------

def test_docs_table_matches_the_codes():
    rows = re.findall(r"^\|\s*`?(SB\d{3})`?\s*\|\s*(\w+)\s*\|", DOCS.read_text(encoding="utf-8"), flags=re.M)
    documented = dict(rows)
    assert len(rows) == len(documented), "a code is listed twice in docs/validate.md"
    assert set(documented) == set(FINDING_CODES)
    for code, severity in documented.items():
        expected = "unusable" if code in UNUSABLE_CODES else FINDING_CODES[code].severity
        assert severity == expected, code
    assert {ERROR, WARNING, NOTE} == {c.severity for c in FINDING_CODES.values()}


def test_readme_lists_every_code_with_its_severity():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\|\s*(SB\d{3})\s*\|\s*(\w+)\s*\|", readme, flags=re.M))
    assert set(rows) == set(FINDING_CODES)
    for code, severity in rows.items():
        assert severity == ("unusable" if code in UNUSABLE_CODES else FINDING_CODES[code].severity), code


def test_repeated_findings_show_examples_then_a_count_after_the_last_one():
    from scorm_builder.validate.codes import finding
    from scorm_builder.validate.report import EXAMPLES, make_report, text_lines
    findings = sorted([finding("SB403", f"media/{i:02}.png", 0, "unlisted", "list it") for i in range(EXAMPLES + 5)]
                      + [finding("SB501", "imsmanifest.xml", 3, "bad", "fix"),
                         finding("SB106", "media/05.png.DS_Store", 0, "junk", "remove it"),
                         finding("SB105", "zz notes.txt", 0, "space", "rename it")])
    report = make_report(findings)
    assert report.counts == {"SB403": EXAMPLES + 5, "SB501": 1, "SB106": 1, "SB105": 1} and report.omitted == 5
    lines = text_lines(report, "course.zip")
    assert len(lines) == EXAMPLES + 4
    count_at = next(i for i, line in enumerate(lines) if "more findings" in line)
    assert lines[count_at] == ("course.zip: 5 more findings of this code not shown, 15 in all "
                               "(run with --all to list every one) [SB403]")
    assert lines[count_at - 1].startswith(f"media/{EXAMPLES - 1:02}.png")
    assert lines[count_at + 1].startswith("zz notes.txt") and any("[SB106]" in line for line in lines[:count_at])
    assert make_report(findings, None).shown == findings
