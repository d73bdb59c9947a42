"""Rebuilder: the same files as a package build, caches that reuse only what is unchanged, failures
that keep the last good build, and a one-section rebuild of a 500-section course that re-renders only
that section (its speed is measured by bench/, not asserted here). Also the table of contents read from the built manifest."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from coursekit import make_course, write
import scorm_builder.build as build_module
from scorm_builder.build import build
from scorm_builder.preview.rebuild import Rebuilder
from scorm_builder.preview.render_cache import reads_whole_course
from scorm_builder.preview.toc import ManifestError, read_toc
from scorm_builder.resources import default_course_dir, default_templates_dir


@pytest.fixture
def course(tmp_path) -> Path:
    return make_course(tmp_path / "course")


def touch_page(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


def test_a_rebuild_gives_exactly_the_files_of_a_package_build(course):
    outcome = Rebuilder(course).rebuild()
    assert outcome.ok and outcome.problems == ()
    assert dict(outcome.snapshot.files) == build(course, None).files
    assert outcome.snapshot.number == 1 and outcome.attempt == 1
    assert set(outcome.stages) == {"load", "check", "render", "manifest", "toc"}
    assert "build 1 ready" in outcome.summary


def test_an_unchanged_course_renders_nothing_again(course):
    rebuilder = Rebuilder(course)
    first = rebuilder.rebuild()
    second = rebuilder.rebuild()
    assert second.ok and second.changed == () and second.pages_rendered == 0
    assert second.snapshot.number == 2
    assert all(second.snapshot.files[p] is first.snapshot.files[p]
               for p in first.snapshot.files if p.endswith(".html"))


def test_a_one_section_edit_renders_that_section_only(course):
    rebuilder = Rebuilder(course)
    first = rebuilder.rebuild()
    touch_page(course / "sections" / "01-first" / "02-more.md", "An added sentence.")
    outcome = rebuilder.rebuild()
    assert outcome.ok and outcome.pages_rendered == 1
    assert outcome.changed == ("first/index.html",)
    assert b"An added sentence." in outcome.snapshot.files["first/index.html"]
    assert outcome.snapshot.files["second/index.html"] is first.snapshot.files["second/index.html"]
    assert dict(outcome.snapshot.files) == build(course, None).files


def test_course_values_and_templates_re_render_every_page(course, tmp_path):
    templates = Path(shutil.copytree(default_templates_dir(), tmp_path / "templates"))
    rebuilder = Rebuilder(course, templates)
    rebuilder.rebuild()
    course_file = course / "course.yml"
    course_file.write_text(course_file.read_text(encoding="utf-8").replace("title: Test course", "title: Renamed"),
                           encoding="utf-8")
    outcome = rebuilder.rebuild()
    assert outcome.pages_rendered == 2
    assert all(b"Renamed" in outcome.snapshot.files[p] for p in ("first/index.html", "second/index.html"))

    page = templates / "page.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</section>", "<p>tpl-marker</p>\n</section>"),
                    encoding="utf-8")
    outcome = rebuilder.rebuild()
    assert outcome.pages_rendered == 2
    assert dict(outcome.snapshot.files) == build(course, None, templates).files


def test_an_asset_edit_is_picked_up(course):
    rebuilder = Rebuilder(course)
    rebuilder.rebuild()
    svg = course / "sections" / "01-first" / "images" / "square.svg"
    svg.write_text(svg.read_text(encoding="utf-8").replace('width="10"', 'width="12"'), encoding="utf-8")
    outcome = rebuilder.rebuild()
    assert outcome.changed == ("media/sections/01-first/images/square.svg",)
    assert outcome.snapshot.files["media/sections/01-first/images/square.svg"] == svg.read_bytes()


def test_a_template_that_reads_other_sections_makes_every_page_depend_on_every_section(course):
    """A course template listing all sections: adding one must re-render the other SCOs' pages too."""
    write(course / "templates" / "page.html", """
        <section class="sb-page" id="p{{ ns.index }}" data-page="{{ ns.index }}">
          <h2 id="p{{ ns.index }}-title">{{ page.title }}</h2>
          <p class="all">{{ course.sections|map(attribute="title")|join(" / ") }}</p>
          {{ page.html|safe }}
        </section>
        """)
    rebuilder = Rebuilder(course)
    rebuilder.rebuild()
    write(course / "sections" / "03-third.md", """
        ---
        title: Third section
        ---
        Added later.
        """)
    outcome = rebuilder.rebuild()
    assert outcome.ok, outcome.problems
    assert b"Third section" in outcome.snapshot.files["first/index.html"]
    assert dict(outcome.snapshot.files) == build(course, None).files


def test_which_templates_read_the_whole_course(tmp_path):
    def uses(source: str) -> bool:
        folder = tmp_path / f"t{abs(hash(source))}"
        write(folder / "sco.html", source)
        return reads_whole_course([folder])

    assert not uses("{{ course.title }} {{ course.pass_mark_text }} {{ sco.title }} {{ course.language }}")
    assert uses("{% for s in course.sections %}{{ s.title }}{% endfor %}")
    assert uses("{{ course.scos|length }}")
    assert uses("{{ course['title'] }}")
    assert uses("{% set c = course %}{{ c.title }}")
    assert uses("{{ macro(course) }}")
    assert uses("{% if %}")  # unparsable: assume the worst
    assert not reads_whole_course([default_templates_dir()])


def test_a_failed_rebuild_keeps_the_last_good_snapshot(course):
    rebuilder = Rebuilder(course)
    good = rebuilder.rebuild()
    quiz = course / "sections" / "01-first" / "quiz.yml"
    saved = quiz.read_text(encoding="utf-8")
    quiz.write_text("questions: [\n", encoding="utf-8")
    failed = rebuilder.rebuild()
    assert not failed.ok and failed.attempt == 2
    assert failed.snapshot is good.snapshot and rebuilder.current is good.snapshot
    assert failed.problems and all(p.path.endswith("quiz.yml") for p in failed.problems)
    assert failed.problems[0].line >= 1 and "still serving build 1" in failed.summary
    quiz.write_text(saved, encoding="utf-8")
    recovered = rebuilder.rebuild()
    assert recovered.ok and recovered.snapshot.number == 2


def test_a_course_that_never_built_has_nothing_to_serve(tmp_path):
    outcome = Rebuilder(tmp_path / "missing").rebuild()
    assert not outcome.ok and outcome.snapshot is None
    assert "course folder not found" in outcome.problems[0].message
    assert "nothing to serve yet" in outcome.summary


def test_an_internal_error_is_a_problem_not_a_crash(course, monkeypatch, capsys):
    rebuilder = Rebuilder(course)
    rebuilder.rebuild()

    def boom(*args, **kwargs):
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr(build_module, "render_course", boom)
    outcome = rebuilder.rebuild()
    assert not outcome.ok and outcome.snapshot.number == 1
    assert "internal error while building: RuntimeError: renderer exploded" in outcome.problems[0].message
    assert "Traceback" in capsys.readouterr().err


# --- the table of contents ------------------------------------------------------------------------

def test_toc_of_the_sample_course():
    toc = Rebuilder(default_course_dir()).rebuild().snapshot.toc
    assert toc.identifier == "MANIFEST-ncmhce-counseling-skills"
    assert toc.title == "NCMHCE Exam Prep: Counseling Skills and Interventions"
    (item,) = toc.items
    assert (item.identifier, item.href, item.scormtype, item.masteryscore, item.depth) == \
        ("ITEM-alliance-trust-safety", "alliance-trust-safety/index.html", "sco", "80", 0)


MANIFEST = """<?xml version="1.0"?>
{doctype}<manifest xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" identifier="M1">
  <organizations default="ORG-2">
    <organization identifier="ORG-1"><title>Not the default</title></organization>
    <organization identifier="ORG-2">
      <title>Course &amp; title{entity}</title>
      <item identifier="I-unit"><title>Unit 1</title>
        <item identifier="I-a" identifierref="R-a" parameters="?page=2"><title>Lesson A</title>
          <adlcp:masteryscore>70</adlcp:masteryscore><adlcp:datafromlms>hello</adlcp:datafromlms>
          <adlcp:maxtimeallowed>00:30:00</adlcp:maxtimeallowed><adlcp:timelimitaction>exit,message</adlcp:timelimitaction>
        </item>
        <item identifier="I-b" identifierref="R-b"><title>Handout</title></item>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="R-a" type="webcontent" adlcp:scormtype="sco" href="a/index.html"/>
    <resource identifier="R-b" type="webcontent" adlcp:scormtype="asset" href="b.pdf"/>
  </resources>
</manifest>
"""


def test_toc_reads_nested_items_of_the_default_organization():
    toc = read_toc(MANIFEST.format(doctype="", entity="").encode())
    assert toc.title == "Course & title"
    assert [(i.identifier, i.depth, i.href, i.scormtype) for i in toc.items] == [
        ("I-unit", 0, "", ""), ("I-a", 1, "a/index.html?page=2", "sco"), ("I-b", 1, "b.pdf", "asset")]
    a = toc.items[1]
    assert (a.masteryscore, a.datafromlms, a.maxtimeallowed, a.timelimitaction) == ("70", "hello", "00:30:00", "exit,message")


def test_toc_refuses_a_doctype_and_never_expands_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    doctype = f'<!DOCTYPE manifest [<!ENTITY x SYSTEM "file://{secret}">]>\n'
    with pytest.raises(ManifestError, match="DOCTYPE"):
        read_toc(MANIFEST.format(doctype=doctype, entity="&x;").encode())
    with pytest.raises(ManifestError, match="not well-formed"):
        read_toc(b"<manifest>")


# --- speed ----------------------------------------------------------------------------------------

def make_big_course(root: Path, sections: int) -> Path:
    write(root / "course.yml", """
        id: big
        title: Big course
        version: "1.0"
        language: en
        pass_mark: 80
        """)
    for n in range(sections):
        folder = root / "sections" / f"{n:03d}-s{n}"
        write(folder / "section.yml", f"title: Section {n}\n")
        for p, name in ((1, "intro"), (2, "details")):  # no front matter: titles from the file names
            write(folder / f"0{p}-{name}.md", f"""
                Some text for page {p} of section {n}, with a list:

                - one
                - two
                """)
        write(folder / "quiz.yml", textwrap.dedent(f"""
            questions:
              - id: q-{n}
                type: true-false
                prompt: Section {n} is a section.
                answer: true
            """))
    return root


def test_a_one_section_edit_in_a_500_section_course_renders_only_that_section(tmp_path):
    course = make_big_course(tmp_path / "big", 500)
    rebuilder = Rebuilder(course)
    assert rebuilder.rebuild().ok
    page = course / "sections" / "250-s250" / "01-intro.md"
    outcomes = []
    for i in range(5):
        touch_page(page, f"Edit {i}.")
        outcomes.append(rebuilder.rebuild())
    assert all(o.ok and o.pages_rendered == 1 and o.changed == ("s250/index.html",) for o in outcomes)


def test_warnings_do_not_stop_a_rebuild_and_travel_with_it(course):
    touch_page(course / "sections" / "01-first" / "02-more.md", "<script>alert(1)</script>")
    outcome = Rebuilder(course).rebuild()
    assert outcome.ok, outcome.problems
    (warning,) = outcome.problems
    assert warning.severity == "warning" and "the sanitizer removed <script>" in warning.message
    assert warning.path.endswith("02-more.md") and warning.line == 10
    assert "1 warning(s)" in outcome.summary
    touch_page(course / "sections" / "01-first" / "01-intro.md", "![gone](images/gone.svg)")
    failed = Rebuilder(course).rebuild()
    assert not failed.ok and "1 problem (" in failed.summary  # the warning is shown, not counted
    assert {p.severity for p in failed.problems} == {"error", "warning"}


def test_an_edit_of_a_shared_pool_rebuilds_the_quiz_that_draws_from_it(course):
    write(course / "pools" / "bank.yml", """
        questions:
          - id: bank-q
            type: true-false
            prompt: The first wording.
            answer: true
        """)
    write(course / "sections" / "01-first" / "quiz.yml", """
        questions:
          - draw: 1
            from: bank
        """)
    rebuilder = Rebuilder(course)
    assert rebuilder.rebuild().ok
    pool = course / "pools" / "bank.yml"
    pool.write_text(pool.read_text(encoding="utf-8").replace("The first wording.", "The second wording."),
                    encoding="utf-8")
    outcome = rebuilder.rebuild()
    assert outcome.ok and outcome.changed == ("first/index.html",)
    assert b"The second wording." in outcome.snapshot.files["first/index.html"]
