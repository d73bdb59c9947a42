"""The build of a valid course: package layout, manifest, determinism, packaging modes, CLI."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from coursekit import make_course, write
from scorm_builder.build import build
from scorm_builder.cli import cli
from scorm_builder.resources import default_course_dir
from scorm_builder.scorm12 import NS_ADLCP, NS_IMSCP

NS = {"cp": NS_IMSCP, "adlcp": NS_ADLCP, "md": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"}


def manifest_of(zip_path: Path) -> etree._Element:
    with zipfile.ZipFile(zip_path) as zf:
        return etree.fromstring(zf.read("imsmanifest.xml"))


def test_seed_course_builds_a_valid_package(tmp_path, manifest_validator):
    result = build(default_course_dir(), tmp_path)
    assert result.zip_path == tmp_path / "ncmhce-counseling-skills-1.0.0-scorm12.zip"
    with zipfile.ZipFile(result.zip_path) as zf:
        names = zf.namelist()
        assert "imsmanifest.xml" in names
        assert manifest_validator(zf.read("imsmanifest.xml")) == []
    assert names == sorted(names)
    for name in names:
        assert name.isascii() and " " not in name and "\\" not in name
        assert not any(part.startswith(".") for part in name.split("/")), name


def test_manifest_lists_every_file_and_the_mastery_score(tmp_path):
    make_course(tmp_path / "c")
    result = build(tmp_path / "c", tmp_path / "out")
    root = manifest_of(result.zip_path)
    with zipfile.ZipFile(result.zip_path) as zf:
        names = set(zf.namelist()) - {"imsmanifest.xml"}
    listed = {f.get("href") for f in root.iterfind(".//cp:file", NS)}
    assert listed == names
    items = root.findall(".//cp:item", NS)
    assert [i.get("identifier") for i in items] == ["ITEM-first", "ITEM-second"]
    assert [i.findtext("adlcp:masteryscore", namespaces=NS) for i in items] == ["75", "75"]
    scos = root.findall(".//cp:resource[@adlcp:scormtype='sco']", NS)
    assert [r.get("href") for r in scos] == ["first/index.html", "second/index.html"]
    for r in scos:
        assert r.find("cp:dependency", NS).get("identifierref") == "RES-shared"
    shared = root.find(".//cp:resource[@identifier='RES-shared']", NS)
    assert shared.get(f"{{{NS_ADLCP}}}scormtype") == "asset"
    first = root.find(".//cp:resource[@identifier='RES-first']", NS)
    assert "media/sections/01-first/images/square.svg" in {f.get("href") for f in first.iterfind("cp:file", NS)}
    lom = root.find("cp:metadata/md:lom/md:general", NS)
    assert lom.findtext("md:title/md:langstring", namespaces=NS) == "Test course"
    assert lom.findtext("md:description/md:langstring", namespaces=NS) == "A course for tests."
    assert lom.findtext("md:language", namespaces=NS) == "en"
    assert lom.findtext("md:keyword/md:langstring", namespaces=NS) == "testing"


def test_two_builds_are_byte_identical(tmp_path):
    make_course(tmp_path / "c")
    a = build(tmp_path / "c", tmp_path / "a").zip_path.read_bytes()
    b = build(tmp_path / "c", tmp_path / "b").zip_path.read_bytes()
    assert a == b
    with zipfile.ZipFile(io.BytesIO(a)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_single_sco_packaging_merges_sections(tmp_path, manifest_validator):
    make_course(tmp_path / "c", packaging="single-sco")
    result = build(tmp_path / "c", tmp_path / "out")
    root = manifest_of(result.zip_path)
    assert [i.get("identifier") for i in root.findall(".//cp:item", NS)] == ["ITEM-test-course"]
    with zipfile.ZipFile(result.zip_path) as zf:
        assert manifest_validator(zf.read("imsmanifest.xml")) == []
        html = zf.read("test-course/index.html").decode()
    assert "Introduction" in html and "A one-page section." in html and 'data-question="q-tf"' in html


def test_ids_are_stable_across_content_edits(tmp_path):
    """Moodle keeps learner data by item identifier: editing prose must not change identifiers."""
    course = make_course(tmp_path / "c")
    before = manifest_of(build(course, tmp_path / "a").zip_path)
    page = course / "sections" / "01-first" / "01-intro.md"
    page.write_text(page.read_text() + "\nAnother paragraph.\n")
    after = manifest_of(build(course, tmp_path / "b").zip_path)

    def ids(root):
        return [e.get("identifier") for e in root.iter() if e.get("identifier")]

    assert ids(before) == ids(after)


def test_course_templates_override_project_templates(tmp_path):
    course = make_course(tmp_path / "c")
    write(course / "templates" / "page.html", """
        <section class="sb-page custom-page" data-page="{{ ns.index }}"><h2>{{ page.title }}</h2>{{ page.html|safe }}</section>
        """)
    result = build(course, tmp_path / "out")
    assert b"custom-page" in result.files["first/index.html"]


def test_author_html_is_sanitized_unless_allowed(tmp_path):
    course = make_course(tmp_path / "c")
    write(course / "sections" / "03-html.md", """
        ---
        title: HTML
        ---
        <script>alert(1)</script>
        <p onclick="steal()">Click</p>

        [link](javascript:alert(2)) <a href="javascript:alert(3)">x</a> <img src="../assets/x.png" alt="" onerror="bad()">
        """)
    (course / "assets").mkdir()
    (course / "assets" / "x.png").write_bytes(b"\x89PNG")
    html = build(course, tmp_path / "a").files["html/index.html"].decode()
    body = html.split('id="sb-main"')[1].split('id="sb-data"')[0]
    for bad in ("<script>alert", "onclick", "href=\"javascript:", "onerror"):
        assert bad not in body
    assert "Click" in body
    text = (course / "course.yml").read_text().replace("keywords:", "allow_raw_html: true\nkeywords:")
    (course / "course.yml").write_text(text)
    raw = build(course, tmp_path / "b").files["html/index.html"].decode()
    assert 'onclick="steal()"' in raw


def test_cli_builds_the_sample_course_by_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 0, result.output
    assert "1 SCO(s), 3 page(s), 3 question(s)" in result.output
    assert (tmp_path / "out" / "ncmhce-counseling-skills-1.0.0-scorm12.zip").is_file()


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"]])
def test_help(args):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0 and "Usage:" in result.output


def test_python_dash_m_and_version():
    out = subprocess.run([sys.executable, "-m", "scorm_builder", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("scorm-builder, version ")


def test_usage_error_exits_2():
    result = CliRunner().invoke(cli, ["build", "--no-such-option"])
    assert result.exit_code == 2


@pytest.mark.parametrize("packaging", ["sco-per-section", "single-sco"])
def test_built_packages_pass_the_linter_without_warnings(tmp_path, packaging):
    from scorm_builder.validate import validate_package

    make_course(tmp_path / "c", packaging=packaging)
    assert validate_package(build(tmp_path / "c", tmp_path / "out").zip_path) == []
    assert validate_package(build(default_course_dir(), tmp_path / "sample").zip_path) == []


def test_the_build_refuses_a_package_the_linter_rejects(tmp_path, monkeypatch):
    """The linter runs on the written zip before it replaces the previous one."""
    import scorm_builder.build as build_module
    from scorm_builder.problems import Problem

    course = make_course(tmp_path / "c")
    good = build(course, tmp_path / "out").zip_path
    before = good.read_bytes()
    monkeypatch.setattr(build_module, "validate_package",
                        lambda path, written=None: [Problem("imsmanifest.xml", 3, "broken", code="SB999")])
    result = CliRunner().invoke(cli, ["build", str(course), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "imsmanifest.xml:3: broken" in result.output
    assert good.read_bytes() == before
    assert [p.name for p in (tmp_path / "out").iterdir()] == [good.name]


def test_links_between_pages_open_the_page_in_the_sco(tmp_path):
    course = make_course(tmp_path / "c", packaging="single-sco")
    page = course / "sections" / "01-first" / "01-intro.md"
    page.write_text(page.read_text() + "\nSee [the table](02-more.md#top) and [section two](../02-second.md).\n")
    files = build(course, tmp_path / "out").files
    html = files["test-course/index.html"].decode()
    assert re.search(r'<a href="#p1" data-goto="1"[^>]*>the table</a>', html)
    assert re.search(r'<a href="#p3" data-goto="3"[^>]*>section two</a>', html)  # after the first quiz page
    assert "sb-page:" not in html and not any(name.endswith(".md") for name in files)


@pytest.mark.parametrize("setting,expected", [("", 0), ("score_decimals: 0\n", 0), ("score_decimals: 2\n", 2)])
def test_score_decimals_reach_the_runtime_data(tmp_path, setting, expected):
    course = make_course(tmp_path / "c")
    (course / "course.yml").write_text((course / "course.yml").read_text() + setting)
    html = build(course, tmp_path / "out").files["first/index.html"].decode()
    data = re.search(r'<script type="application/json" id="sb-data">(.*?)</script>', html, re.S).group(1)
    assert json.loads(data)["scoreDecimals"] == expected


@pytest.mark.parametrize("pass_mark", ["0", "1", "80", "72.5", "100"])
def test_pass_marks_from_0_to_100_are_percentages(tmp_path, pass_mark):
    course = make_course(tmp_path / "c")
    text = (course / "course.yml").read_text()
    (course / "course.yml").write_text(text.replace("pass_mark: 75", f"pass_mark: {pass_mark}"))
    assert build(course, tmp_path / "out").course.pass_mark_text == pass_mark


def test_a_one_file_section_shows_its_title_once(tmp_path):
    from coursekit import make_course, write

    course = make_course(tmp_path / "c")
    write(course / "sections" / "03-glossary.md", """
        ---
        title: Glossary
        ---
        Terms.
        """)
    write(course / "sections" / "04-recap.md", """
        ---
        title: Recap
        ---
        The main points.
        """)
    write(course / "sections" / "04-recap.quiz.yml", """
        questions:
          - type: true-false
            prompt: Recaps help.
            answer: true
        """)
    files = build(course, tmp_path / "out").files
    glossary = files["glossary/index.html"].decode()
    shown = glossary.split('<script type="application/json"')[0]
    assert shown.count("Glossary") == 2, "the <title> and the h1, nothing else"
    assert 'id="sb-toc"' not in glossary and "<h2" not in glossary
    recap = files["recap/index.html"].decode()
    assert 'data-goto="0">Reading</a>' in recap and 'data-goto="1">Check your understanding</a>' in recap
    assert '<h2 id="p0-title" tabindex="-1">Reading</h2>' in recap
    assert "Quiz<" not in recap


def test_the_default_quiz_title_speaks_the_course_language(tmp_path):
    from coursekit import make_course

    course = make_course(tmp_path / "c")
    yml = course / "course.yml"
    yml.write_text(yml.read_text().replace("language: en", "language: fr"))
    html = build(course, tmp_path / "out").files["first/index.html"].decode()
    assert ">Vérifiez vos connaissances</h2>" in html
