"""The preview server in-process: what it serves, what it refuses, and live rebuilds on save.

Each test starts a Preview (rebuilder + HTTP server + watcher) on a free port in a thread, on a
copy of a course in tmp_path, and talks to it with http.client (raw paths, so ``..`` reaches the
server as written). Waits poll with a deadline; nothing sleeps blindly.
"""
from __future__ import annotations

import http.client
import json
import shutil
import socket
import time
import zipfile
from pathlib import Path

import pytest

from scorm_builder.build import build
from scorm_builder.preview.app import DEFAULT_PORT, Preview, serve
from scorm_builder.preview.server import Refused, content_type, package_path
from scorm_builder.preview.toc import read_toc
from scorm_builder.resources import default_course_dir
from scorm_builder.scorm2004_manifest import manifest_bytes_2004

SCO = "alliance-trust-safety"
PAGE = "sections/01-alliance-trust-safety/02-alliance-as-the-intervention-frame.md"


def wait_for(predicate, timeout: float = 2.0, interval: float = 0.02):
    """Poll ``predicate`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {timeout} s")
        time.sleep(interval)


class Client:
    def __init__(self, preview: Preview):
        self.host, self.port = preview.server.server_address[:2]

    def request(self, path: str, method: str = "GET", headers: dict | None = None) -> tuple[int, dict, bytes]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=5)
        try:
            conn.request(method, path, headers=headers or {})
            response = conn.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            conn.close()

    def get(self, path: str) -> bytes:
        status, _, body = self.request(path)
        assert status == 200, (path, status, body[:200])
        return body

    def state(self) -> dict:
        return json.loads(self.get("/_preview/state.json"))


@pytest.fixture
def course(tmp_path) -> Path:
    return Path(shutil.copytree(default_course_dir(), tmp_path / "course"))


@pytest.fixture
def preview(course):
    """A preview that watches its own copy of the sample course, for tests that edit it."""
    with Preview(course, port=0) as running:
        yield running


@pytest.fixture
def live(preview) -> Client:
    return Client(preview)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One preview of the sample course, not watched, for the tests that only read."""
    course = Path(shutil.copytree(default_course_dir(), tmp_path_factory.mktemp("served") / "course"))
    with Preview(course, port=0, watch=False) as running:
        yield running


@pytest.fixture
def client(served) -> Client:
    return Client(served)


# --- listening ------------------------------------------------------------------------------------

def test_listens_on_loopback_only_on_a_free_port(served):
    host, port = served.server.socket.getsockname()[:2]
    assert host == "127.0.0.1"
    assert port != 0
    assert served.url == f"http://127.0.0.1:{port}/"


def test_default_port_is_8000_or_a_free_one_when_taken(course):
    blocker = socket.socket()
    try:
        blocker.bind(("127.0.0.1", DEFAULT_PORT))
        blocker.listen()
    except OSError:
        pass  # 8000 is taken already: the fallback is what we test either way
    try:
        running = Preview(course, port=None, watch=False)
        try:
            assert running.server.server_address[1] not in (0, DEFAULT_PORT)
        finally:
            running.server.server_close()
    finally:
        blocker.close()


def test_an_explicit_port_in_use_is_an_error_with_exit_2(course):
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen()
    lines = []
    try:
        code = serve(course, port=blocker.getsockname()[1], echo=lambda *a, **k: lines.append(a[0]))
    finally:
        blocker.close()
    assert code == 2
    assert len(lines) == 1 and "cannot listen" in lines[0] and "--port" in lines[0]


# --- what it serves -------------------------------------------------------------------------------

def test_serves_the_lms_page_its_files_and_the_state(client):
    status, headers, body = client.request("/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-store"
    assert b'src="/_preview/lms.js"' in body
    for name, ctype in [("lms.js", "text/javascript"), ("scorm12-api.js", "text/javascript"),
                        ("scorm2004-api.js", "text/javascript"), ("moodle-gradebook.js", "text/javascript"),
                        ("lms.css", "text/css")]:
        status, headers, _ = client.request(f"/_preview/{name}")
        assert status == 200 and headers["content-type"].startswith(ctype), name
    state = client.state()
    assert state["ok"] and state["build"] == 1 and state["problems"] == []
    assert [i["href"] for i in state["toc"]["items"]] == [f"{SCO}/index.html"]
    assert state["toc"]["items"][0]["masteryscore"] == "80"


def test_serves_the_sco_and_its_files_with_their_types(client):
    status, headers, body = client.request(f"/course/{SCO}/index.html")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-store" and headers["x-content-type-options"] == "nosniff"
    assert b"7.1 Alliance, Trust, and Safety" in body
    expected = {
        "shared/runtime.js": "text/javascript; charset=utf-8",
        "shared/style.css": "text/css; charset=utf-8",
        "imsmanifest.xml": "application/xml",
        "media/sections/01-alliance-trust-safety/images/alliance.svg": "image/svg+xml",
    }
    for path, ctype in expected.items():
        status, headers, body = client.request(f"/course/{path}")
        assert (status, headers["content-type"]) == (200, ctype), path
        assert int(headers["content-length"]) == len(body) > 0


@pytest.mark.parametrize("name, ctype", [
    ("a.html", "text/html; charset=utf-8"), ("a.js", "text/javascript; charset=utf-8"),
    ("a.css", "text/css; charset=utf-8"), ("a.svg", "image/svg+xml"), ("a.png", "image/png"),
    ("a.JPG", "image/jpeg"), ("a.jpeg", "image/jpeg"), ("a.json", "application/json"),
    ("imsmanifest.xml", "application/xml"), ("a.woff2", "font/woff2"), ("a.mp4", "video/mp4"),
    ("a.pdf", "application/pdf"), ("a.unknown", "application/octet-stream"),
])
def test_content_types(name, ctype):
    assert content_type(name) == ctype


def test_head_has_the_headers_and_no_body(client):
    status, headers, body = client.request(f"/course/{SCO}/index.html", method="HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 1000


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_only_get_and_head(client, method):
    status, headers, _ = client.request(f"/course/{SCO}/index.html", method=method)
    assert status == 405 and headers["allow"] == "GET, HEAD"


def test_byte_ranges_for_media(client):
    svg = client.get("/course/media/sections/01-alliance-trust-safety/images/alliance.svg")
    status, headers, body = client.request("/course/media/sections/01-alliance-trust-safety/images/alliance.svg",
                                           headers={"Range": "bytes=10-19"})
    assert status == 206 and body == svg[10:20]
    assert headers["content-range"] == f"bytes 10-19/{len(svg)}"
    status, _, _ = client.request("/course/imsmanifest.xml", headers={"Range": "bytes=999999-"})
    assert status == 416


def test_unknown_paths_are_404(client):
    assert client.request("/course/nope.html")[0] == 404
    assert client.request("/_preview/nope.js")[0] == 404
    assert client.request("/elsewhere")[0] == 404


# --- what it refuses ------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/course/../course.yml",
    "/course/../../../../etc/passwd",
    "/course/shared/../../course.yml",
    "/course/%2e%2e/course.yml",
    "/course/%2E%2E/%2e%2e/etc/passwd",
    "/course/..%2f..%2fetc%2fpasswd",
    "/course/shared/%2e%2e%2f%2e%2e%2fcourse.yml",
    "/course/..%5c..%5ccourse.yml",
    "/course/shared\\..\\..\\course.yml",
    "/course//etc/passwd",
    "/course/%2fetc%2fpasswd",
    "/course/./imsmanifest.xml",
    "/course/shared%00.js",
])
def test_traversal_is_refused(client, path):
    status, _, body = client.request(path)
    assert status == 403, (path, status)
    assert b"root:" not in body and b"pass_mark" not in body


def test_static_files_cannot_be_left_either(client):
    for path in ["/_preview/../course.yml", "/_preview/%2e%2e/rebuild.py", "/_preview/..%2fserver.py"]:
        status, _, body = client.request(path)
        assert status in (403, 404), path
        assert b"import" not in body


def test_double_encoding_is_a_name_not_a_traversal(client):
    assert client.request("/course/%252e%252e/course.yml")[0] == 404


@pytest.mark.parametrize("raw, expected", [
    ("a/b.html", "a/b.html"), ("media/x%20y.png", "media/x y.png"), ("imsmanifest.xml", "imsmanifest.xml"),
])
def test_package_path_decodes_once(raw, expected):
    assert package_path(raw) == expected


def test_package_path_refuses_every_escape():
    for raw in ["..", "a/..", "%2e%2e", "a/%2E%2E/b", "/abs", "%2fabs", "a//b", "a\\b", "a%00", "./a", ""]:
        with pytest.raises(Refused):
            package_path(raw)


def test_an_unexpected_host_header_is_refused(client):
    """DNS rebinding: a page on another site resolving its name to 127.0.0.1 must not read the preview."""
    status, _, _ = client.request("/_preview/state.json", headers={"Host": "attacker.example"})
    assert status == 403
    status, _, _ = client.request("/_preview/state.json", headers={"Host": f"localhost:{client.port}"})
    assert status == 200


def test_a_symlink_leaving_the_course_is_not_served(course, tmp_path):
    """Symlinks out of the course fail the build (check.py), so their target is never in a served build."""
    secret = tmp_path / "secret.svg"
    secret.write_text("<svg xmlns='http://www.w3.org/2000/svg'><title>secret</title></svg>", encoding="utf-8")
    (course / "sections" / "01-alliance-trust-safety" / "images" / "leak.svg").symlink_to(secret)
    page = course / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\n![leak](images/leak.svg)\n", encoding="utf-8")
    with Preview(course, port=0, watch=False) as running:
        client = Client(running)
        state = client.state()
        assert not state["ok"] and state["build"] == 0
        assert any("outside the course folder" in p["message"] for p in state["problems"])
        assert client.request("/course/media/sections/01-alliance-trust-safety/images/leak.svg")[0] == 404


# --- live rebuild ---------------------------------------------------------------------------------

def test_an_edit_shows_up_within_two_seconds(live, course):
    page = course / PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("title: Alliance as the Intervention Frame",
                                                             "title: Edited while previewing"), encoding="utf-8")
    wait_for(lambda: b"Edited while previewing" in live.get(f"/course/{SCO}/index.html"), timeout=2.0)
    state = live.state()
    assert state["ok"] and state["build"] == 2
    assert state["changed"] == [f"{SCO}/index.html"]


def test_a_broken_edit_shows_its_error_keeps_the_last_build_and_recovers(live, course):
    section = course / "sections" / "01-alliance-trust-safety" / "section.yml"
    good = section.read_text(encoding="utf-8")
    before = live.get(f"/course/{SCO}/index.html")
    section.write_text(good + "description: [unclosed\n", encoding="utf-8")

    state = wait_for(lambda: (s := live.state()) and not s["ok"] and s)
    texts = [p["text"] for p in state["problems"]]
    assert any("sections/01-alliance-trust-safety/section.yml:" in t and "malformed YAML" in t for t in texts), texts
    line = state["problems"][0]["line"]
    assert line >= 1 and f"section.yml:{line}:" in texts[0]
    assert state["build"] == 1  # still serving the last good build...
    assert live.get(f"/course/{SCO}/index.html") == before  # ...unchanged
    assert live.state()["toc"]["items"]

    section.write_text(good.replace('title: "7.1 Alliance, Trust, and Safety"', 'title: "7.1 Fixed"'), encoding="utf-8")
    state = wait_for(lambda: (s := live.state()) and s["ok"] and s)
    assert state["build"] == 2 and state["problems"] == []
    assert b"7.1 Fixed" in live.get(f"/course/{SCO}/index.html")


def test_a_template_edit_rebuilds_too(tmp_path):
    templates = Path(shutil.copytree(Path(default_course_dir()).parent / "templates", tmp_path / "templates"))
    course = Path(shutil.copytree(default_course_dir(), tmp_path / "course"))
    with Preview(course, port=0, templates=templates) as running:
        client = Client(running)
        page = templates / "page.html"
        page.write_text(page.read_text(encoding="utf-8").replace("</section>", "<p>template marker</p>\n</section>"),
                        encoding="utf-8")
        wait_for(lambda: b"template marker" in client.get(f"/course/{SCO}/index.html"))


def test_events_stream_announces_each_build(live, course):
    conn = http.client.HTTPConnection(live.host, live.port, timeout=5)
    conn.request("GET", "/_preview/events")
    response = conn.getresponse()
    assert response.status == 200 and response.getheader("Content-Type").startswith("text/event-stream")

    def next_event() -> dict:
        lines = []
        while True:
            line = response.fp.readline().decode("utf-8").rstrip("\n")
            if line == "" and lines:
                if lines[0].startswith("event: build"):
                    return json.loads(lines[1].removeprefix("data: "))
                lines = []
            elif line:
                lines.append(line)

    try:
        assert next_event()["build"] == 1  # on connect: the current build
        page = course / PAGE
        page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
        event = next_event()
        assert event == {"attempt": 2, "ok": True, "build": 2}
    finally:
        conn.close()


def test_stop_ends_open_event_streams(course):
    running = Preview(course, port=0).start()
    conn = http.client.HTTPConnection(*running.server.server_address[:2], timeout=5)
    conn.request("GET", "/_preview/events")
    response = conn.getresponse()
    response.fp.readline()
    started = time.monotonic()
    running.stop()
    assert time.monotonic() - started < 3
    conn.close()


# --- the preview never reaches a package ----------------------------------------------------------

@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_no_preview_file_or_api_code_goes_into_a_package(tmp_path, standard):
    result = build(default_course_dir(), tmp_path, standard=standard)
    static = Path(__file__).resolve().parents[1] / "src" / "scorm_builder" / "preview" / "static"
    preview_names = {p.name for p in static.iterdir()}
    with zipfile.ZipFile(result.zip_path) as zf:
        names = zf.namelist()
        contents = {name: zf.read(name) for name in names}
    assert not [n for n in names if Path(n).name in preview_names or "_preview" in n]
    for marker in (b"SCORM-BUILDER-PREVIEW-LMS-API", b"Scorm12API", b"Scorm2004API", b"sbPreview", b"/_preview/"):
        assert not [n for n, data in contents.items() if marker in data], marker


def test_the_wheel_carries_the_lms_page_and_the_scaffold(tmp_path):
    """Package data: the LMS page's files and the scaffold of `new` must be in the wheel, or an
    installed scorm-builder would serve 404s and scaffold nothing."""
    builders = pytest.importorskip("hatchling.builders.wheel", reason="hatchling (the build backend) is not installed")
    repo = Path(__file__).resolve().parents[1]
    wheel = next(builders.WheelBuilder(str(repo)).build(directory=str(tmp_path), versions=["standard"]))
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    package = repo / "src" / "scorm_builder"
    expected = {f"scorm_builder/{p.relative_to(package).as_posix()}"
                for folder in ("preview/static", "scaffold") for p in (package / folder).rglob("*")
                if p.is_file() and "__pycache__" not in p.parts}
    assert len(expected) >= 11
    assert expected <= names, sorted(expected - names)


# --- the standard, from <schemaversion>, as Moodle 4.3 chooses its run-time --------------------------

MANIFEST_2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="M" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>{version}</schemaversion></metadata>
  <organizations default="O"><organization identifier="O"><title>T</title>
    <item identifier="I1" identifierref="R1"><title>One</title>
      <adlcp:dataFromLMS>hello</adlcp:dataFromLMS>
      <adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.75"/>
      <imsss:sequencing><imsss:limitConditions attemptAbsoluteDurationLimit="PT1H"/>
        <imsss:objectives><imsss:primaryObjective objectiveID="P" satisfiedByMeasure="true">
          <imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure></imsss:primaryObjective></imsss:objectives>
      </imsss:sequencing>
    </item>
  </organization></organizations>
  <resources><resource identifier="R1" type="webcontent" adlcp:scormType="sco" href="sco.html"/></resources>
</manifest>"""


@pytest.mark.parametrize("version, standard", [
    ("2004 4th Edition", "scorm2004"), ("2004 3rd Edition", "scorm2004"), ("CAM 1.3", "scorm2004"),
    ("2004 2nd Edition", "scorm12"), ("1.2", "scorm12"),
])
def test_the_standard_comes_from_the_exact_schemaversion(version, standard):
    toc = read_toc(MANIFEST_2004.format(version=version).encode())
    assert toc.standard == standard and toc.to_dict()["standard"] == standard
    assert toc.items[0].href == "sco.html" and toc.items[0].scormtype == "sco"
    if standard == "scorm2004":
        item = toc.items[0]
        assert (item.datafromlms, item.scaledpassingscore, item.completionthreshold, item.maxtimeallowed) \
            == ("hello", "0.8", "0.75", "PT1H")


def test_the_2004_manifest_writer_is_read_as_scorm_2004():
    result = build(default_course_dir(), None)
    manifest = manifest_bytes_2004(result.course, sorted(n for n in result.files if n != "imsmanifest.xml"))
    toc = read_toc(manifest)
    assert toc.standard == "scorm2004" and toc.schemaversion == "2004 4th Edition"
    scos = [i for i in toc.items if i.href]
    assert scos and all(i.scormtype == "sco" for i in scos)
    assert scos[0].scaledpassingscore == "0.8"  # the seed course's pass mark 80
    assert read_toc(result.files["imsmanifest.xml"]).standard == "scorm12"
