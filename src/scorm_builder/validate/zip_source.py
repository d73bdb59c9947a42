"""Read a zip package without extracting it.

Only ``imsmanifest.xml`` is kept in memory; every other entry is streamed through a byte
counter and a CRC (``ZipSource.verify``) and dropped. Stored and deflated entries are inflated
here from the raw data, so the number of bytes an entry really produces is counted, never
taken from its header: an entry that produces more than its header declares stops at once,
and so does the whole archive once it produces more than ``Limits.max_total_bytes``. Bzip2 and
LZMA entries go through ``zipfile``, which stops at the declared size (a forged size then shows
as a CRC mismatch). Local headers are checked against the central directory, and entries whose
data overlap (the overlapping-file zip bomb) are reported.
"""
from __future__ import annotations

import lzma
import stat
import struct
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path

from ..problems import Problem
from .codes import finding
from .entry import Entry, Limits, ReadFailure

CHUNK = 64 * 1024
_LOCAL_HEADER = struct.Struct("<4s5H3I2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_SELF_INFLATED = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_LIBRARY_INFLATED = (zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)


class ZipSource:
    kind = "zip"

    def __init__(self, path: Path, written: Mapping[str, bytes] | None = None):
        """``written``: the bytes each entry was made from, when the caller has just written the zip
        (the build's own check). Those entries are then compared with them, by size and CRC, local
        header and bounds, instead of inflated again; any other entry is inflated as always."""
        self._written = written
        self._size = 0
        try:
            self._fh = open(path, "rb")
        except OSError as exc:
            raise ReadFailure("SB002", f"cannot read it: {exc.strerror or exc}", "check its permissions") from None
        try:
            self._zip = zipfile.ZipFile(self._fh)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            self._fh.seek(0)
            magic = self._fh.read(4)
            self._fh.close()
            if magic in _ZIP_SIGNATURES or path.suffix.lower() == ".zip":
                raise ReadFailure("SB004", f"the zip file is corrupt: {exc}", "create the zip again") from None
            hint = ("give the folder that holds it" if path.name == "imsmanifest.xml"
                    else "give a package .zip or its folder")
            raise ReadFailure("SB003", "is not a zip file", hint) from None
        self._size = self._fh.seek(0, 2)
        self._infos = self._zip.infolist()
        self.entries = [_entry(i, info) for i, info in enumerate(self._infos)]
        self.findings: list[Problem] = []

    def close(self) -> None:
        self._zip.close()
        self._fh.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def read(self, entry: Entry, limit: int) -> bytes:
        """The whole content of ``entry``, at most ``limit`` bytes; raises ``ReadFailure``."""
        info = self._infos[entry.position]
        if entry.encrypted:
            raise ReadFailure("SB008", "cannot be read: it is encrypted", "zip the package again without a password")
        if info.compress_type not in _SELF_INFLATED + _LIBRARY_INFLATED:
            raise ReadFailure("SB008", f"cannot be read: compression method {info.compress_type} is not supported",
                              "zip the package again with deflate")
        if info.file_size > limit:
            raise ReadFailure("SB008", f"declares {info.file_size} bytes, more than the {limit}-byte limit",
                              "a manifest is a few hundred kilobytes at most")
        parts: list[bytes] = []
        try:
            self._consume(info, limit, parts)
        except ReadFailure as failure:
            raise ReadFailure("SB008", f"cannot be read: {failure.message}", failure.hint) from None
        return b"".join(parts)

    def verify(self, skip: set[str], limits: Limits) -> list[Problem]:
        """Stream every entry except ``skip``: byte count, total budget, CRC, header consistency."""
        findings: list[Problem] = []
        budget = limits.max_total_bytes
        for entry, info in zip(self.entries, self._infos, strict=True):
            if entry.is_dir or entry.encrypted or entry.symlink or entry.name in skip:
                continue
            if info.compress_type not in _SELF_INFLATED + _LIBRARY_INFLATED:
                continue  # reported as SB109 by the entry checks; nothing here can read it
            try:
                written = self._written.get(entry.name) if self._written is not None else None
                budget -= self._consume(info, budget, None) if written is None else self._compare(info, written)
            except ReadFailure as failure:
                findings.append(failure.problem(entry.name))
                if failure.code == "SB112":
                    break
        return findings + self._overlaps()

    # -- internals -------------------------------------------------------------------------

    def _consume(self, info: zipfile.ZipInfo, budget: int, keep: list[bytes] | None) -> int:
        produced, crc = 0, 0
        chunks = self._raw_chunks(info) if info.compress_type in _SELF_INFLATED else self._library_chunks(info)
        try:
            for chunk in chunks:
                produced += len(chunk)
                if produced > info.file_size:
                    raise ReadFailure(
                        "SB114",
                        f"decompresses to more than the {info.file_size} bytes its header declares",
                        "the archive is forged or damaged: do not extract it; build the zip again",
                    )
                if produced > budget:
                    raise ReadFailure(
                        "SB112", "decompressing stopped: the archive produces more bytes than the limit allows",
                        "split the course or shrink its media",
                    )
                crc = zlib.crc32(chunk, crc)
                if keep is not None:
                    keep.append(chunk)
        except OSError as exc:
            raise ReadFailure("SB002", f"cannot be read: {exc.strerror or exc}",
                              "check the file and the disk") from None
        if produced != info.file_size:
            raise ReadFailure("SB108", f"holds {produced} bytes but its header declares {info.file_size}",
                              "the zip is damaged: create it again")
        if crc != info.CRC:
            raise ReadFailure("SB108", "CRC mismatch: the data is damaged", "create the zip again")
        return produced

    def _compare(self, info: zipfile.ZipInfo, data: bytes) -> int:
        """An entry the caller wrote from ``data``: its headers agree, its data lies inside the file,
        and the size and CRC the directory records are those of ``data``. Returns the size."""
        if self._data_start(info) + info.compress_size > self._size:
            raise ReadFailure("SB108", "the data ends before its declared compressed size",
                              "the zip is truncated: create it again")
        if info.file_size != len(data) or info.CRC != zlib.crc32(data):
            raise ReadFailure("SB108", "the entry is not the data that was written (size or CRC)",
                              "create the zip again")
        return len(data)

    def _data_start(self, info: zipfile.ZipInfo) -> int:
        """Check the local header against the central directory; return where the data begins."""
        if info.header_offset < 0:
            raise ReadFailure("SB115", "the central directory points before the start of the file",
                              "the archive is forged or damaged: do not extract it; build the zip again")
        self._fh.seek(info.header_offset)
        head = self._fh.read(_LOCAL_HEADER.size)
        if len(head) != _LOCAL_HEADER.size or head[:4] != _LOCAL_SIGNATURE:
            raise ReadFailure("SB115", "no local header where the central directory points", "create the zip again")
        _, _, flags, method, _, _, _, csize, usize, name_len, extra_len = _LOCAL_HEADER.unpack(head)
        name = self._fh.read(name_len).decode("utf-8" if flags & 0x800 else "cp437", errors="replace")
        hint = "the archive is forged or damaged: do not extract it; build the zip again"
        if name != info.orig_filename:
            raise ReadFailure("SB115", f"the local header names it {name!r}", hint)
        if method != info.compress_type:
            raise ReadFailure("SB115", "local header and central directory give different compression methods", hint)
        sizes_known = not flags & 0x08 and 0xFFFFFFFF not in (csize, usize)
        if sizes_known and (csize, usize) != (info.compress_size, info.file_size):
            raise ReadFailure(
                "SB115",
                f"local header declares {usize} bytes ({csize} compressed), central directory "
                f"{info.file_size} ({info.compress_size} compressed)",
                hint,
            )
        return info.header_offset + _LOCAL_HEADER.size + name_len + extra_len

    def _raw_chunks(self, info: zipfile.ZipInfo):
        pos = self._data_start(info)
        remaining = info.compress_size
        inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
        try:
            while remaining and not (inflater and inflater.eof):
                self._fh.seek(pos)
                raw = self._fh.read(min(CHUNK, remaining))
                if not raw:
                    raise ReadFailure("SB108", "the data ends before its declared compressed size",
                                      "the zip is truncated: create it again")
                pos, remaining = pos + len(raw), remaining - len(raw)
                if inflater is None:
                    yield raw
                    continue
                while raw and not inflater.eof:
                    out = inflater.decompress(raw, CHUNK)
                    if out:
                        yield out
                    elif inflater.unconsumed_tail == raw:
                        break
                    raw = inflater.unconsumed_tail
            while inflater and not inflater.eof:
                out = inflater.decompress(b"", CHUNK)
                if not out:
                    raise ReadFailure("SB108", "the deflate stream is truncated", "create the zip again")
                yield out
        except zlib.error as exc:
            raise ReadFailure("SB108", f"the deflate data is damaged: {exc}", "create the zip again") from None

    def _library_chunks(self, info: zipfile.ZipInfo):
        self._data_start(info)
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    yield chunk
        except NotImplementedError as exc:
            raise ReadFailure("SB109", f"cannot be decompressed: {exc}", "use deflate") from None
        except (zipfile.BadZipFile, lzma.LZMAError, EOFError, OSError) as exc:
            raise ReadFailure("SB108", f"cannot be decompressed: {exc}", "create the zip again") from None

    def _overlaps(self) -> list[Problem]:
        """Entries whose data overlaps another's (the overlapping-file zip bomb)."""
        spans = []
        for entry, info in zip(self.entries, self._infos, strict=True):
            try:
                start = self._data_start(info)
            except (ReadFailure, OSError):
                continue  # reported when the entry was read, or unreadable anyway: no span to compare
            spans.append((info.header_offset, start + info.compress_size, entry.name))
        spans.sort()
        findings, reach, holder = [], 0, ""
        for start, end, name in spans:
            if start < reach:
                findings.append(finding("SB115", name, 0, f"its data overlaps the data of {holder!r}",
                                        "the archive is forged: do not extract it"))
            if end > reach:
                reach, holder = end, name
        return findings


def _entry(index: int, info: zipfile.ZipInfo) -> Entry:
    mode = info.external_attr >> 16
    return Entry(
        name=info.orig_filename,
        size=info.file_size,
        compressed=info.compress_size,
        method=info.compress_type,
        is_dir=info.orig_filename.endswith("/"),
        encrypted=bool(info.flag_bits & 0x1),
        symlink=info.create_system == 3 and stat.S_ISLNK(mode),
        position=index,
    )
