"""Optional XSD validation of the manifest against schema files the user supplies (``--schemas DIR``).

For a SCORM 1.2 manifest, DIR holds ADL's SCORM 1.2 files: ``imscp_rootv1p1p2.xsd``, ``adlcp_rootv1p2.xsd``
and ``ims_xml.xsd`` (required) and ``imsmd_rootv1p2p1.xsd`` (needed when the manifest has LOM metadata). A
wrapper schema importing the three manifest namespaces is built in memory, so one schema validates the whole manifest.

Every schema file is served from DIR by our resolver, never from the network; the schema
locations a manifest names are ignored. Two official files do not load in libxml2 as published,
so the resolver fixes them in memory (the files on disk are not touched):

* ``ims_xml.xsd`` binds the reserved xml namespace as the default namespace, which
  Namespaces in XML forbids; the declaration is dropped (nothing uses the default prefix).
* ``imsmd_rootv1p2p1.xsd``'s extension wildcard ``namespace="##any"`` breaks the Unique Particle
  Attribution rule; it is narrowed to ``namespace="##other"`` (extensions from other namespaces
  are still accepted).

A fix whose text is absent (already-fixed copies) is simply not applied. SCORM 2004 manifests are
validated with the 4th Edition files by ``schema2004.py``; ``check_schema`` reports for both.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..problems import Problem
from .codes import finding
from .spec import NS_ADLCP, NS_IMSCP, NS_IMSMD
from .spec2004 import EXTENSIONS, NS_IMSCP_2004, NS_LOM

# (schema namespace, file) the wrapper imports; imsmd is optional (needed for LOM metadata only).
IMPORTS = (
    (NS_IMSCP, "imscp_rootv1p1p2.xsd"),
    (NS_ADLCP, "adlcp_rootv1p2.xsd"),
    (NS_IMSMD, "imsmd_rootv1p2p1.xsd"),
)
REQUIRED = ("imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "ims_xml.xsd")
FIXES = {
    "ims_xml.xsd": (b'xmlns="http://www.w3.org/XML/1998/namespace"', b""),
    "imsmd_rootv1p2p1.xsd": (b'namespace="##any"', b'namespace="##other"'),
}
_SHORT_NAMES = {f"{{{NS_IMSCP}}}": "", f"{{{NS_ADLCP}}}": "adlcp:", f"{{{NS_IMSMD}}}": "imsmd:",
                f"{{{NS_IMSCP_2004}}}": "", f"{{{NS_LOM}}}": "lom:",
                **{f"{{{ns}}}": f"{prefix}:" for ns, prefix in EXTENSIONS.items()}}


class SchemaFolderError(Exception):
    pass


class _FolderResolver(etree.Resolver):
    """Serves ``*.xsd`` by file name from one folder, with the in-memory fixes; nothing else."""

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder

    def resolve(self, url, pubid, context):
        name = (url or "").replace("\\", "/").rsplit("/", 1)[-1]
        path = self.folder / name
        if not name.endswith(".xsd") or not path.is_file():
            raise SchemaFolderError(f"a schema imports {url!r}, which is not a .xsd file in the folder")
        data = path.read_bytes()
        old, new = FIXES.get(name, (b"", b""))
        if old:
            data = data.replace(old, new)
        return self.resolve_string(data, context, base_url=str(path))


@lru_cache(maxsize=4)
def _load(folder: str) -> etree.XMLSchema:
    root = Path(folder)
    if not root.is_dir():
        raise SchemaFolderError("it is not a folder")
    missing = [name for name in REQUIRED if not (root / name).is_file()]
    if missing:
        raise SchemaFolderError(f"missing {', '.join(missing)}")
    imports = "".join(
        f'<xsd:import namespace="{ns}" schemaLocation="{name}"/>' for ns, name in IMPORTS if (root / name).is_file()
    )
    wrapper = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>'.encode()
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(_FolderResolver(root))
    doc = etree.fromstring(wrapper, parser, base_url=str(root / "scorm12-wrapper.xsd"))
    return etree.XMLSchema(doc)


def has_files(folder: Path) -> bool:
    return all((folder / name).is_file() for name in REQUIRED)


def load_schema(folder: Path) -> etree.XMLSchema:
    """The schema for ``folder``; raises ``SchemaFolderError`` with a one-line reason."""
    try:
        return _load(os.path.abspath(folder))
    except SchemaFolderError:
        raise
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError) as exc:
        raise SchemaFolderError(_shorten(str(exc))) from None
    except OSError as exc:
        raise SchemaFolderError(f"cannot read it: {exc.strerror or exc}") from None


def check_schema(root: etree._Element, where: str, schema: etree.XMLSchema) -> list[Problem]:
    if schema.validate(root.getroottree()):
        return []
    return [
        finding("SB601", where, e.line, f"schema: {_shorten(e.message)}",
                "change the element or attribute the schema names")
        for e in schema.error_log
    ]


def _shorten(message: str) -> str:
    for long, short in _SHORT_NAMES.items():
        message = message.replace(long, short)
    return message
