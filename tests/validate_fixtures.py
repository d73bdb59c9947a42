"""Builders for the packages the ``validate`` tests feed the linter: one good package, then one
defect at a time, all created in a temporary folder (no zip is committed).

``GOOD_MANIFEST`` is schema-valid SCORM 1.2; a broken variant is usually ``GOOD_MANIFEST`` with
one ``str.replace``. Zip-level forgeries patch the bytes of a real zip with ``struct``.
"""
from __future__ import annotations

import io
import struct
import warnings
import zipfile
from pathlib import Path

GOOD_MANIFEST = """\
<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="MANIFEST-demo" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="ORG-demo">
    <organization identifier="ORG-demo">
      <title>Demo</title>
      <item identifier="ITEM-intro" identifierref="RES-intro">
        <title>Intro</title>
        <adlcp:maxtimeallowed>00:30:00</adlcp:maxtimeallowed>
        <adlcp:timelimitaction>continue,no message</adlcp:timelimitaction>
        <adlcp:masteryscore>80</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-intro" type="webcontent" adlcp:scormtype="sco" href="intro/index.html?page=1">
      <file href="intro/index.html"/>
      <dependency identifierref="RES-shared"/>
    </resource>
    <resource identifier="RES-shared" type="webcontent" adlcp:scormtype="asset">
      <file href="shared/style.css"/>
    </resource>
  </resources>
</manifest>
"""

PAGE = "<!doctype html><html><head><title>Intro</title></head><body><p>Hello</p></body></html>\n"
GOOD_FILES: dict[str, str | bytes] = {
    "imsmanifest.xml": GOOD_MANIFEST,
    "intro/index.html": PAGE,
    "shared/style.css": "body { margin: 0; }\n",
}

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE manifest [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<manifest identifier="M" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2">&lol9;</manifest>
"""


def xxe_manifest(secret: Path) -> str:
    """A manifest whose external entity would pull ``secret`` into the title if it were resolved."""
    doctype = f'<!DOCTYPE manifest [<!ENTITY secret SYSTEM "{secret.as_uri()}">]>\n'
    return GOOD_MANIFEST.replace("<manifest ", doctype + "<manifest ", 1).replace(
        "<title>Demo</title>", "<title>&secret;</title>")


def manifest(*replacements: tuple[str, str]) -> str:
    """``GOOD_MANIFEST`` with each (old, new) replaced once; fails loudly if ``old`` is absent."""
    text = GOOD_MANIFEST
    for old, new in replacements:
        assert old in text, f"fixture text not found: {old!r}"
        text = text.replace(old, new, 1)
    return text


def files_with(manifest_text: str | None = None, add: dict[str, str | bytes] | None = None,
               drop: tuple[str, ...] = ()) -> dict[str, str | bytes]:
    """``GOOD_FILES`` with another manifest, files added or replaced (``add``) and files removed (``drop``)."""
    files = dict(GOOD_FILES)
    if manifest_text is not None:
        files["imsmanifest.xml"] = manifest_text
    files.update(add or {})
    for name in drop:
        del files[name]
    return files


def zip_bytes(files: dict[str, str | bytes] | list[tuple[str, str | bytes]],
              compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    items = files.items() if isinstance(files, dict) else files
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name" is what some tests want
        with zipfile.ZipFile(buf, "w", compression) as zf:
            for name, data in items:
                info = name if isinstance(name, zipfile.ZipInfo) else zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
                if not isinstance(name, zipfile.ZipInfo):
                    info.compress_type = compression
                zf.writestr(info, data)
    return buf.getvalue()


def write_zip(path: Path, files=None, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    path.write_bytes(zip_bytes(GOOD_FILES if files is None else files, compression))
    return path


def write_folder(root: Path, files=None) -> Path:
    for name, data in (GOOD_FILES if files is None else files).items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode() if isinstance(data, str) else data)
    return root


def symlink_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
    info.create_system = 3
    info.external_attr = 0o120777 << 16
    return info


# -- byte-level forgeries ------------------------------------------------------------------------

def _headers(data: bytes, name: str) -> tuple[int, int]:
    """Offsets of the local header and the central directory header of entry ``name``."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        local = zf.getinfo(name).header_offset
    encoded = name.encode()
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46: at + 46 + name_len] == encoded:
            return local, at
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"no central directory header for {name!r}")


def forge_size(data: bytes, name: str, declared: int, local: bool = True, central: bool = True) -> bytes:
    """Patch the uncompressed size of ``name`` in its local and/or central header."""
    out = bytearray(data)
    local_at, central_at = _headers(data, name)
    if local:
        struct.pack_into("<I", out, local_at + 22, declared)
    if central:
        struct.pack_into("<I", out, central_at + 24, declared)
    return bytes(out)


def set_encrypted_flag(data: bytes, name: str) -> bytes:
    out = bytearray(data)
    local_at, central_at = _headers(data, name)
    for at in (local_at + 6, central_at + 8):
        struct.pack_into("<H", out, at, struct.unpack_from("<H", out, at)[0] | 0x1)
    return bytes(out)


def flip_data_byte(data: bytes, name: str) -> bytes:
    """Change one byte of a stored entry's data, so only its CRC tells."""
    out = bytearray(data)
    local_at, _ = _headers(data, name)
    name_len, extra_len = struct.unpack_from("<HH", data, local_at + 26)
    out[local_at + 30 + name_len + extra_len] ^= 0xFF
    return bytes(out)


def overlapping_zip(files: dict[str, str | bytes], inner: str, holder: str) -> bytes:
    """A stored zip where entry ``inner``'s central record points into the data of ``holder``,
    which carries a valid local header and data of ``inner`` (the overlapping-file zip bomb's trick)."""
    alone = zip_bytes({inner: files[inner]}, zipfile.ZIP_STORED)
    embedded = alone[: alone.find(b"PK\x01\x02")]  # local header + data of ``inner``
    data = bytearray(zip_bytes({**files, holder: embedded}, zipfile.ZIP_STORED))
    holder_at, _ = _headers(bytes(data), holder)
    name_len, extra_len = struct.unpack_from("<HH", data, holder_at + 26)
    _, central_at = _headers(bytes(data), inner)
    struct.pack_into("<I", data, central_at + 42, holder_at + 30 + name_len + extra_len)
    return bytes(data)


# -- a second SCO, for adlcp:prerequisites -------------------------------------------------------

def prerequisites_manifest(expression: str | None, attrs: str = ' type="aicc_script"') -> str:
    """``GOOD_MANIFEST`` with a second SCO item, ITEM-next, whose adlcp:prerequisites is ``expression``
    (none when ``None``); the page it launches is ``intro/next.html`` (see ``prerequisites_files``)."""
    prereq = "" if expression is None else f"<adlcp:prerequisites{attrs}>{expression}</adlcp:prerequisites>"
    return manifest(
        ("      </item>\n", f"""      </item>
      <item identifier="ITEM-next" identifierref="RES-next">
        <title>Next</title>
        {prereq}
      </item>
"""),
        ("    <resource identifier=\"RES-shared\"", """\
    <resource identifier="RES-next" type="webcontent" adlcp:scormtype="sco" href="intro/next.html">
      <file href="intro/next.html"/>
    </resource>
    <resource identifier="RES-shared\""""),
    )


def prerequisites_files(expression: str | None, attrs: str = ' type="aicc_script"') -> dict[str, str | bytes]:
    return files_with(prerequisites_manifest(expression, attrs), add={"intro/next.html": PAGE})
