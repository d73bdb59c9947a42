"""Packages in the patterns of real authoring tools, written here from scratch (no third-party file
is copied): the layout, the manifest habits and the quirks each tool is known for, which the linter
must judge the way an LMS does. ``PATTERNS`` is the catalogue ``test_validate_tools.py`` runs.

Each pattern says which finding codes it must produce and how the CLI must exit by default, with
``--strict`` and with ``--strict-notes``: packages that work in LMSs exit 0 by default, broken ones 1
(2 for input that is no SCORM package at all).
"""
from __future__ import annotations

import json
import random
import struct
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

NS = ('xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" '
      'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" '
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
      'xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd '
      'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd '
      'http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"')
ROOT_SCHEMAS = ("imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd", "adlcp_rootv1p2.xsd", "ims_xml.xsd")
XSD = '<?xml version="1.0"?>\n<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"/>\n'
PAGE = "<!doctype html><html><head><title>{0}</title><script src='{1}'></script></head><body>{0}</body></html>\n"

Files = dict[str, str | bytes] | list[tuple[str, str | bytes]]


def manifest(organizations: str, resources: str, metadata: str = "", default: str = "ORG-1",
             ident: str = "MANIFEST-1") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{ident}" version="1.0" {NS}>
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>{metadata}
  </metadata>
  <organizations default="{default}">{organizations}
  </organizations>
  <resources>{resources}
  </resources>
</manifest>
"""


def org(ident: str, title: str, *items: str) -> str:
    return (f'\n    <organization identifier="{ident}">\n      <title>{title}</title>{"".join(items)}'
            "\n    </organization>")


def item(ident: str, ref: str | None, title: str, inner: str = "", children: str = "") -> str:
    refattr = f' identifierref="{ref}"' if ref else ""
    return (f'\n      <item identifier="{ident}"{refattr} isvisible="true">\n        <title>{title}</title>'
            f"{children}{inner}\n      </item>")


def resource(ident: str, href: str | None, files: list[str], scormtype: str = "sco", deps: tuple[str, ...] = (),
             kind: str = "webcontent") -> str:
    hrefattr = f' href="{href}"' if href else ""
    body = "".join(f'\n      <file href="{f}"/>' for f in files)
    body += "".join(f'\n      <dependency identifierref="{d}"/>' for d in deps)
    return (f'\n    <resource identifier="{ident}" type="{kind}" adlcp:scormtype="{scormtype}"{hrefattr}>'
            f'{body}\n    </resource>')


def page(title: str, script: str = "api.js") -> str:
    return PAGE.format(title, script)


def blob(seed: int, size: int) -> bytes:
    """Incompressible bytes standing in for an image or a font."""
    return random.Random(seed).randbytes(size)


def silent_wav(seconds: int) -> bytes:
    """A valid 44.1 kHz 16-bit mono WAV of silence: it compresses about 1000:1."""
    data = bytes(seconds * 44100 * 2)
    header = b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt " + struct.pack(
        "<IHHIIHH", 16, 1, 1, 44100, 88200, 2, 16) + b"data" + struct.pack("<I", len(data))
    return header + data


def with_schemas(files: dict[str, str | bytes], folder: str = "") -> dict[str, str | bytes]:
    return files | {f"{folder}{name}": XSD for name in ROOT_SCHEMAS}


@dataclass(frozen=True)
class Pattern:
    id: str
    tool: str  # the tool, or the defect, the pattern stands for
    build: Callable[[], Files]
    expect: frozenset[str]
    exit: int  # default
    strict: int | None = None  # with --strict; same as exit when None
    strict_notes: int | None = None  # with --strict-notes; same as strict when None
    says: tuple[tuple[str, str], ...] = field(default=())  # (code, text) a finding of that code must contain


PATTERNS: list[Pattern] = []


def pattern(id: str, tool: str, expect: str, exit: int, strict: int | None = None, strict_notes: int | None = None,
            says: tuple[tuple[str, str], ...] = ()):
    def register(build: Callable[[], Files]) -> Callable[[], Files]:
        PATTERNS.append(Pattern(id, tool, build, frozenset(expect.split()), exit, strict, strict_notes, says))
        return build
    return register


# -- packages that work in LMSs ------------------------------------------------------------------

@pattern("rustici-golf-multi-sco", "Rustici golf examples", "", 0)
def _golf() -> Files:
    """Four SCOs sharing a common resource, every file listed, the four XSDs at the root."""
    scos = ("Playing", "Etiquette", "Handicapping", "HavingFun")
    shared = ["shared/assessmenttemplate.html", "shared/background.jpg", "shared/scormfunctions.js", "shared/style.css"]
    items = [item(f"{name}_item", f"{name}_resource", name) for name in scos]
    resources = [resource(f"{name}_resource", f"{name}/{name}.html",
                          [f"{name}/{name}.html", f"{name}/{name.lower()}1.jpg"], deps=("common_files",))
                 for name in scos]
    resources.append(resource("common_files", None, shared, scormtype="asset"))
    files: dict[str, str | bytes] = {"imsmanifest.xml": manifest(org("ORG-1", "Golf Explained", *items),
                                                                   "".join(resources))}
    for i, name in enumerate(scos):
        files[f"{name}/{name}.html"] = page(name, "../shared/scormfunctions.js")
        files[f"{name}/{name.lower()}1.jpg"] = blob(i, 2000)
    files |= {"shared/assessmenttemplate.html": page("Quiz"), "shared/background.jpg": blob(9, 3000),
              "shared/scormfunctions.js": "function doInitialize() {}\n", "shared/style.css": "body{}\n"}
    return with_schemas(files)


@pattern("ispring-schema-folders", "iSpring", "", 0)
def _ispring() -> Files:
    """Schema files in common/, extend/, unique/ and vocab/ besides the root ones; none is listed."""
    listed = ["res/index.html", "res/data/player.js", "res/data/slide1.js", "res/data/img1.png"]
    files: dict[str, str | bytes] = {
        "imsmanifest.xml": manifest(org("ORG-1", "Safety", item("ITEM-1", "RES-1", "Safety", "\n        "
                                                                "<adlcp:masteryscore>80</adlcp:masteryscore>")),
                                    resource("RES-1", "res/index.html", listed)),
        "res/index.html": page("Safety", "data/player.js"), "res/data/player.js": "var p;\n",
        "res/data/slide1.js": "var s;\n", "res/data/img1.png": blob(1, 4000),
    }
    for folder in ("common/", "extend/", "unique/", "vocab/"):
        files[f"{folder}{folder[:-1]}.xsd"] = XSD
    files["vocab/adlcp_rootv1p2.dtd"] = "<!ELEMENT x ANY>\n"
    return with_schemas(files)


@pattern("adapt-lists-only-the-launch-page", "Adapt", "SB403 SB113", 0, strict=0, strict_notes=1)
def _adapt() -> Files:
    """Adapt lists index.html alone (IMS CP makes <file> optional); course JSON is large and regular."""
    components = [{"_id": f"c-{i % 40:03}", "_component": "text", "body": "<p>Read the policy.</p>"}
                  for i in range(20000)]
    files: dict[str, str | bytes] = {
        "imsmanifest.xml": manifest(org("ORG-1", "Adapt course", item("ITEM-1", "RES-1", "Adapt course")),
                                    resource("RES-1", "index.html", ["index.html"])),
        "index.html": page("Adapt", "adapt/js/scriptLoader.js"),
        "adapt/js/scriptLoader.js": "load();\n", "adapt/js/adapt.min.js": "var a;\n" * 50,
        "course/config.json": json.dumps({"_defaultLanguage": "en"}),
        "course/en/components.json": json.dumps(components),
        "course/en/course.json": json.dumps({"title": "Adapt course"}),
    }
    for i in range(30):
        files[f"course/en/assets/img-{i:02}.jpg"] = blob(100 + i, 500)
    return files


@pattern("storyline-all-listed", "Articulate Storyline", "", 0)
def _storyline() -> Files:
    names = ["index_lms.html", "story.html", "meta.xml", "lms/scormdriver.js", "story_content/user.js",
             "story_content/frame.xml", "html5/data/js/data.js", "mobile/thumb.jpg"]
    files: dict[str, str | bytes] = {name: page(name) if name.endswith(".html") else "x\n" for name in names}
    files["mobile/thumb.jpg"] = blob(3, 2000)
    files["imsmanifest.xml"] = manifest(
        org("ORG-1", "Onboarding", item("ITEM-1", "RES-1", "Onboarding", "\n        "
                                        "<adlcp:masteryscore>80</adlcp:masteryscore>")),
        resource("RES-1", "index_lms.html", names))
    return with_schemas(files)


@pattern("rise-scormdriver", "Articulate Rise with SCORM Driver", "SB410", 0, strict=0, strict_notes=1,
         says=(("SB410", "LICENSE.txt"), ("SB410", "no launch depends on it")))
def _rise() -> Files:
    """Metadata named by adlcp:location (not by a <file>); LICENSE.txt and readme.txt listed but absent."""
    listed = ["scormdriver/indexAPI.html", "scormdriver/scormdriver.js", "scormcontent/index.html",
              "scormcontent/lib/main.bundle.js", "LICENSE.txt", "readme.txt"]
    files: dict[str, str | bytes] = {
        "imsmanifest.xml": manifest(org("ORG-1", "Rise course", item("ITEM-1", "RES-1", "Rise course")),
                                    resource("RES-1", "scormdriver/indexAPI.html", listed),
                                    metadata="\n    <adlcp:location>metadata.xml</adlcp:location>"),
        "metadata.xml": "<lom/>\n", "scormdriver/indexAPI.html": page("Rise", "scormdriver.js"),
        "scormdriver/scormdriver.js": "var d;\n", "scormcontent/index.html": page("content"),
        "scormcontent/lib/main.bundle.js": "var m;\n",
    }
    return with_schemas(files)


@pattern("captivate-silent-audio", "Adobe Captivate", "SB113", 0, strict=0, strict_notes=1,
         says=(("SB113", "stay within the limits"),))
def _captivate() -> Files:
    """metadata.xml through adlcp:location, a silent WAV track (compresses ~1000:1)."""
    listed = ["index_lms.html", "SCORM_utilities.js", "Utilities.js", "captivate.css", "assets/js/CPM.js",
              "ar/silence.wav", "dr/slide1.png"]
    files: dict[str, str | bytes] = {name: "x\n" for name in listed}
    files |= {"index_lms.html": page("Captivate", "SCORM_utilities.js"), "ar/silence.wav": silent_wav(15),
              "dr/slide1.png": blob(4, 3000), "metadata.xml": "<lom/>\n"}
    files["imsmanifest.xml"] = manifest(
        org("ORG-1", "Captivate", item("ITEM-1", "RES-1", "Captivate", "\n        "
                                       "<adlcp:masteryscore>70</adlcp:masteryscore>")),
        resource("RES-1", "index_lms.html", listed), metadata="\n    <adlcp:location>metadata.xml</adlcp:location>")
    return with_schemas(files)


@pattern("dominknow-prerequisite-chain", "dominKnow", "", 0)
def _dominknow() -> Files:
    """Three SCOs, each unlocked by the one before; item metadata in a file."""
    meta = "\n        <metadata><adlcp:location>metadata.xml</adlcp:location></metadata>"
    pre = '\n        <adlcp:prerequisites type="aicc_script">{}</adlcp:prerequisites>'
    items = [item("SCO_1", "RES_1", "Start", meta), item("SCO_2", "RES_2", "Middle", pre.format("SCO_1")),
             item("SCO_3", "RES_3", "End", pre.format("SCO_1&amp;SCO_2"))]
    resources = "".join(resource(f"RES_{i}", f"sco{i}/index.html", [f"sco{i}/index.html"], deps=("SHARED",))
                        for i in (1, 2, 3)) + resource("SHARED", None, ["js/api.js"], scormtype="asset")
    files: dict[str, str | bytes] = {f"sco{i}/index.html": page(f"SCO {i}", "../js/api.js") for i in (1, 2, 3)}
    files |= {"js/api.js": "var api;\n", "metadata.xml": "<lom/>\n",
              "imsmanifest.xml": manifest(org("ORG-1", "dominKnow course", *items), resources)}
    return files


@pattern("lectora-dtd-folder", "Lectora", "SB410", 0, strict=0, strict_notes=1, says=(("SB410", "a001_unused1.html"),))
def _lectora() -> Files:
    """DTDs in dtd/ (never listed), and two pages listed that the export left out."""
    listed = ["a001index.html", "a001_page1.html", "a001_unused1.html", "a001_unused2.html", "trivantis.js"]
    files: dict[str, str | bytes] = {
        "imsmanifest.xml": manifest(org("ORG-1", "Lectora", item("ITEM-1", "RES-1", "Lectora")),
                                    resource("RES-1", "a001index.html", listed)),
        "a001index.html": page("Lectora", "trivantis.js"), "a001_page1.html": page("Page 1"),
        "trivantis.js": "var t;\n", "dtd/adlcp_rootv1p2.dtd": "<!ELEMENT x ANY>\n",
        "dtd/imscp_rootv1p1p2.dtd": "<!ELEMENT y ANY>\n",
    }
    return files


@pattern("exelearning-page-per-sco", "eXeLearning", "", 0)
def _exe() -> Files:
    pages = ("index", "introduction", "activity")
    items = [item(f"eXe-ITEM-{p}", f"eXe-RES-{p}", p.title()) for p in pages]
    resources = "".join(resource(f"eXe-RES-{p}", f"{p}.html", [f"{p}.html"], deps=("COMMON_FILES",)) for p in pages)
    common = ["SCORM_API_wrapper.js", "SCOFunctions.js", "content.css", "base.css"]
    resources += resource("COMMON_FILES", None, common, scormtype="asset")
    files: dict[str, str | bytes] = {f"{p}.html": page(p, "SCORM_API_wrapper.js") for p in pages}
    files |= {name: "x\n" for name in common}
    files["imsmanifest.xml"] = manifest(org("eXe-ORG", "eXe course", *items), resources, default="eXe-ORG")
    return with_schemas(files)


EUREKOS_FILES = 10_117


@pattern("eurekos-h5p-one-folder-off", "Eurekos", "SB403 SB410", 0, strict=0, strict_notes=1)
def _eurekos() -> Files:
    """10,117 H5P paths listed as h5p/..., the files stored under content/h5p/...: notes, grouped."""
    paths = [f"h5p/libraries/lib-{i // 100:03}/file-{i % 100:02}.js" for i in range(EUREKOS_FILES)]
    listed = ["index.html"] + paths
    files: dict[str, str | bytes] = {f"content/{p}": "1\n" for p in paths}
    files |= {"index.html": page("H5P"), "imsmanifest.xml": manifest(
        org("ORG-1", "H5P", item("ITEM-1", "RES-1", "H5P")), resource("RES-1", "index.html", listed))}
    return files


@pattern("ludiscape-non-ascii-identifiers", "Ludiscape", "", 0)
def _ludiscape() -> Files:
    """French identifiers with accented letters: valid xsd:ID values that Moodle stores as they are."""
    files: dict[str, str | bytes] = {
        "imsmanifest.xml": manifest(org("ORG_français", "Sécurité", item("ITEM_évaluation", "RES_évaluation",
                                                                          "Évaluation")),
                                    resource("RES_évaluation", "index.html", ["index.html", "js/ludi.js"]),
                                    default="ORG_français"),
        "index.html": page("Évaluation", "js/ludi.js"), "js/ludi.js": "var l;\n",
    }
    return files


@pattern("hand-written-no-file-elements", "hand-written", "SB403", 0, strict=0, strict_notes=1)
def _hand_written() -> Files:
    """No <file> at all, metadata in metadata.xml named by adlcp:location."""
    text = manifest(org("ORG-1", "Notes", item("ITEM-1", "RES-1", "Notes")),
                    resource("RES-1", "index.html", []), metadata="\n    <adlcp:location>metadata.xml</adlcp:location>")
    return {"imsmanifest.xml": text, "index.html": page("Notes", "scorm.js"), "scorm.js": "var s;\n",
            "metadata.xml": "<lom/>\n"}


@pattern("moodle-test-two-organizations", "Moodle's test packages", "", 0)
def _moodle_orgs() -> Files:
    """Two organizations; a SCO reached only from the second one; prerequisites with a set, ~ and =."""
    first = org("ORG-A", "Path A", item("A1", "RES-1", "One"), item("A2", "RES-2", "Two", "\n        "
                                                                     '<adlcp:prerequisites type="aicc_script">'
                                                                     "A1=passed|A1=completed</adlcp:prerequisites>"))
    second = org("ORG-B", "Path B", item("B1", "RES-1", "One"), item("B2", "RES-2", "Two"),
                 item("B3", "RES-3", "Extra", "\n        <adlcp:prerequisites type=\"aicc_script\">"
                      "2*{B1,B2} &amp; ~B1=failed</adlcp:prerequisites>"))
    resources = "".join(resource(f"RES-{i}", f"sco{i}.html", [f"sco{i}.html"]) for i in (1, 2, 3))
    files: dict[str, str | bytes] = {f"sco{i}.html": page(f"SCO {i}") for i in (1, 2, 3)}
    files["imsmanifest.xml"] = manifest(first + second, resources, default="ORG-A")
    return files


@pattern("dot-slash-entries", "zip tools that store './' names", "", 0)
def _dot_slash() -> Files:
    files = _hand_written()
    assert isinstance(files, dict)
    text = manifest(org("ORG-1", "Notes", item("ITEM-1", "RES-1", "Notes")),
                    resource("RES-1", "index.html", ["index.html", "scorm.js"], ))
    return [(f"./{name}", text if name == "imsmanifest.xml" else data)
            for name, data in files.items() if name != "metadata.xml"]


@pattern("macos-zip-with-resource-forks", "macOS Finder 'Compress'", "SB106", 0, strict=0, strict_notes=1,
         says=(("SB106", "40 entries"),))
def _macos() -> Files:
    files = _golf()
    assert isinstance(files, dict)
    forks = {f"__MACOSX/Playing/._file{i:02}": b"\x00\x05\x16\x07" for i in range(39)}
    return files | forks | {"__MACOSX/._shared": b"\x00\x05\x16\x07"}


# -- the defects that break courses ----------------------------------------------------------------

def _two_scos(prerequisites: str, attrs: str = ' type="aicc_script"', inner_first: str = "") -> dict[str, str | bytes]:
    """Two SCOs, the second gated by ``prerequisites`` (raw XML text)."""
    gate = f"\n        <adlcp:prerequisites{attrs}>{prerequisites}</adlcp:prerequisites>"
    items = item("module1", "RES-1", "Module 1", inner_first) + item("module2", "RES-2", "Module 2", gate)
    resources = "".join(resource(f"RES-{i}", f"m{i}/index.html", [f"m{i}/index.html"]) for i in (1, 2))
    return {"imsmanifest.xml": manifest(org("ORG-1", "Course", items), resources),
            "m1/index.html": page("Module 1"), "m2/index.html": page("Module 2")}


pattern("prerequisites-written-with-and", "adlcp:prerequisites with words for operators", "SB511", 1,
        says=(("SB511", "& for and"),))(lambda: _two_scos("module1 AND module0"))
pattern("prerequisites-unknown-identifier", "adlcp:prerequisites naming no item", "SB511", 1,
        says=(("SB511", "'Module1' names no item"), ("SB511", "did you mean 'module1'")))(
    lambda: _two_scos("Module1"))
pattern("prerequisites-empty", "empty adlcp:prerequisites", "SB510", 1,
        says=(("SB510", "it is empty"),))(lambda: _two_scos(""))
pattern("prerequisites-broken-syntax", "adlcp:prerequisites Moodle cannot evaluate", "SB510", 1)(
    lambda: _two_scos("(module1 &amp;"))
pattern("prerequisites-set-with-spaces", "a prerequisite set written with spaces", "SB511", 1,
        says=(("SB511", "' module1' has a space"),))(lambda: _two_scos("1*{module0, module1}"))
pattern("prerequisites-without-type", "adlcp:prerequisites without type", "SB512", 0, strict=1)(
    lambda: _two_scos("module1", attrs=""))


@pattern("metadata-location-missing", "adlcp:location naming a missing file", "SB411", 0, strict=1,
         says=(("SB411", "'metadata.xml'"),))
def _location_missing() -> Files:
    files = _hand_written()
    assert isinstance(files, dict)
    del files["metadata.xml"]
    return {k: v for k, v in files.items()} | {"imsmanifest.xml": str(files["imsmanifest.xml"]).replace(
        "<resource identifier=\"RES-1\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"index.html\">",
        "<resource identifier=\"RES-1\" type=\"webcontent\" adlcp:scormtype=\"sco\" href=\"index.html\">"
        "<file href=\"index.html\"/><file href=\"scorm.js\"/>")}


pattern("adlcp-datafromlms-wrong-case", "adlcp name in the wrong case", "SB505", 0, strict=1,
        says=(("SB505", "adlcp:datafromlms"),))(
    lambda: _two_scos("module1", inner_first="\n        <adlcp:dataFromLMS>level=2</adlcp:dataFromLMS>"))


@pattern("resource-type-not-webcontent", "resource type other than webcontent", "SB412", 0, strict=1)
def _type() -> Files:
    files = _two_scos("module1")
    files["imsmanifest.xml"] = str(files["imsmanifest.xml"]).replace('type="webcontent"', 'type="sco"', 1)
    return files


@pattern("masteryscore-on-asset-item", "adlcp item data on an asset", "SB506", 0, strict=1,
         says=(("SB506", "launches an asset"),))
def _mastery_on_asset() -> Files:
    text = manifest(org("ORG-1", "Reading", item("ITEM-1", "RES-1", "Read me",
                                                 "\n        <adlcp:masteryscore>80</adlcp:masteryscore>")),
                    resource("RES-1", "guide.html", ["guide.html"], scormtype="asset"))
    return {"imsmanifest.xml": text, "guide.html": page("Guide")}


@pattern("masteryscore-on-folder-item", "adlcp item data on an item without identifierref", "SB506", 0, strict=1,
         says=(("SB506", "launches nothing"),))
def _mastery_on_folder() -> Files:
    inner = item("SCO-1", "RES-1", "Lesson")
    text = manifest(org("ORG-1", "Course", item("FOLDER-1", None, "Unit 1",
                                                "\n        <adlcp:masteryscore>80</adlcp:masteryscore>", inner)),
                    resource("RES-1", "lesson.html", ["lesson.html"]))
    return {"imsmanifest.xml": text, "lesson.html": page("Lesson")}


@pattern("entry-name-over-255-bytes", "an entry name longer than file systems accept", "SB118", 1)
def _long_name() -> Files:
    name = "media/" + "interview-" * 26 + ".mp4"  # a 264-byte file name, from a title pasted into it
    files = _hand_written()
    assert isinstance(files, dict)
    listed = "".join(f'<file href="{f}"/>' for f in ("index.html", "scorm.js", name))
    text = str(files["imsmanifest.xml"]).replace('href="index.html">', f'href="index.html">{listed}')
    return files | {"imsmanifest.xml": text, name: blob(5, 100), "scorm.js": "var s;\n"}


@pattern("two-manifests-at-the-root", "two imsmanifest.xml entries", "SB116 SB010 SB501", 1,
         says=(("SB010", "the last of 2 copies"),))
def _two_manifests() -> Files:
    """The second copy (the one unzipping leaves) has a bad pass mark: that is the one linted."""
    files = _storyline()
    assert isinstance(files, dict)
    broken = str(files["imsmanifest.xml"]).replace(">80<", ">eighty<")
    return list(files.items()) + [("imsmanifest.xml", broken)]


@pattern("href-nfc-file-nfd", "an href in NFC against a file name in NFD", "SB401 SB105", 1,
         says=(("SB401", "Unicode normalization"),))
def _nfc_nfd() -> Files:
    nfc = unicodedata.normalize("NFC", "leçon.html")
    nfd = unicodedata.normalize("NFD", "leçon.html")
    text = manifest(org("ORG-1", "Leçon", item("ITEM-1", "RES-1", "Leçon")), resource("RES-1", nfc, [nfc]))
    return {"imsmanifest.xml": text, nfd: page("Leçon")}


@pattern("missing-launch-page", "a missing launch page", "SB401", 1)
def _missing_launch() -> Files:
    files = _storyline()
    assert isinstance(files, dict)
    del files["index_lms.html"]
    return files


pattern("aicc-course", "an AICC course", "SB005", 2, says=(("SB005", "AICC course"),))(
    lambda: {"course.crs": "[Course]\n", "course.au": "\"System_ID\"\n", "course.des": "x\n", "course.cst": "x\n",
             "index.html": page("AICC")})
pattern("cmi5-course", "a cmi5 course", "SB005", 2, says=(("SB005", "cmi5 course"),))(
    lambda: {"cmi5.xml": "<courseStructure/>\n", "index.html": page("cmi5")})
