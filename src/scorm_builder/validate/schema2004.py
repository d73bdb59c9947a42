"""XSD validation of a SCORM 2004 manifest against ADL's 4th Edition schema files in ``--schemas DIR``.

DIR holds ``imscp_v1p1.xsd``, ``adlcp_v1p3.xsd``, ``adlseq_v1p3.xsd``, ``adlnav_v1p3.xsd``, ``imsss_v1p0.xsd``
(which includes the other ``imsss_v1p0*.xsd``) and ``xml.xsd``; for LOM metadata also ``lom.xsd`` (or
``lomStrict.xsd``/``lomLoose.xsd``) with its ``common/``, ``unique/``, ``vocab/`` and ``extend/`` folders, as
every 4th Edition package carries them. A wrapper importing the namespaces is built in memory.

The files load in libxml2 as published, with one redirect: ``imscp_v1p1.xsd`` imports the xml namespace
from W3C's absolute URL, which the resolver serves from ``DIR/xml.xsd`` (like an XML catalog entry).
Every other file is read from DIR or its subfolders, never from the network; the manifest's schema
locations only select the LOM composite by file name (``lomCustom.xsd``, whose vocabulary template does not
load, is validated as ``lomLoose.xsd``: any vocabulary value, extensions allowed).
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from .schema import SchemaFolderError
from .spec2004 import NS_ADLCP_2004, NS_ADLNAV, NS_ADLSEQ, NS_IMSCP_2004, NS_IMSSS, NS_LOM

IMPORTS = (
    (NS_IMSCP_2004, "imscp_v1p1.xsd"),
    (NS_ADLCP_2004, "adlcp_v1p3.xsd"),
    (NS_ADLSEQ, "adlseq_v1p3.xsd"),
    (NS_ADLNAV, "adlnav_v1p3.xsd"),
    (NS_IMSSS, "imsss_v1p0.xsd"),
)
REQUIRED = tuple(name for _, name in IMPORTS) + ("xml.xsd",)
W3C_XML_SCHEMA = ("http://www.w3.org/2001/xml.xsd", "http://www.w3.org/2001/03/xml.xsd")
LOM_COMPOSITES = {"lom.xsd": "lom.xsd", "lomstrict.xsd": "lomStrict.xsd", "lomloose.xsd": "lomLoose.xsd",
                  "lomcustom.xsd": "lomLoose.xsd"}
_XSI_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"


def has_files(folder: Path) -> bool:
    return all((folder / name).is_file() for name in REQUIRED)


class _TreeResolver(etree.Resolver):
    """Serves schema files from one folder and its subfolders (W3C's xml.xsd URL from the folder); nothing else."""

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = os.path.realpath(folder)

    def resolve(self, url, pubid, context):
        url = url or ""
        if url in W3C_XML_SCHEMA:
            path = os.path.join(self.folder, "xml.xsd")
        elif url.startswith("file:"):
            path = unquote(urlsplit(url).path)
        elif "://" in url:
            raise SchemaFolderError(f"a schema imports {url!r}, which is not a file in the folder")
        else:
            path = os.path.join(self.folder, url)
        path = os.path.realpath(path)
        if not path.startswith(self.folder + os.sep) or not path.endswith(".xsd") or not os.path.isfile(path):
            raise SchemaFolderError(f"a schema imports {url!r}, which is not a .xsd file in the folder")
        return self.resolve_filename(path, context)


@lru_cache(maxsize=8)
def _load(folder: str, lom: str) -> etree.XMLSchema:
    root = Path(folder)
    imports = list(IMPORTS) + ([(NS_LOM, lom)] if (root / lom).is_file() else [])
    body = "".join(f'<xsd:import namespace="{ns}" schemaLocation="{name}"/>' for ns, name in imports)
    wrapper = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{body}</xsd:schema>'.encode()
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(_TreeResolver(root))
    doc = etree.fromstring(wrapper, parser, base_url=os.path.join(folder, "scorm2004-wrapper.xsd"))
    return etree.XMLSchema(doc)


def load_schema(folder: Path, manifest: etree._Element) -> etree.XMLSchema:
    """The 2004 schema in ``folder``, with the LOM composite ``manifest`` names; ``SchemaFolderError`` if unusable."""
    root = Path(folder)
    if not root.is_dir():
        raise SchemaFolderError("it is not a folder")
    missing = [name for name in REQUIRED if not (root / name).is_file()]
    if missing:
        raise SchemaFolderError(f"this is a SCORM 2004 package, and the folder lacks {', '.join(missing)}")
    try:
        return _load(os.path.abspath(folder), _lom_composite(manifest))
    except SchemaFolderError:
        raise
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError) as exc:
        raise SchemaFolderError(str(exc)) from None
    except OSError as exc:
        raise SchemaFolderError(f"cannot read it: {exc.strerror or exc}") from None


def _lom_composite(manifest: etree._Element) -> str:
    parts = (manifest.get(_XSI_LOCATION) or "").split()
    for ns, where in zip(parts[::2], parts[1::2], strict=False):
        if ns == NS_LOM:
            return LOM_COMPOSITES.get(where.replace("\\", "/").rsplit("/", 1)[-1].lower(), "lom.xsd")
    return "lom.xsd"
