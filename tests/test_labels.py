"""Learner-facing words come from templates/labels/*.yml and course.yml `labels:`."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coursekit import make_course
from scorm_builder.build import build
from scorm_builder.labels import PLURAL_FORMS, RUNTIME_LABELS, allowed_keys, check_language, placeholders, read_labels
from scorm_builder.model import Loc
from scorm_builder.problems import ProblemsError
from scorm_builder.resources import default_templates_dir

LABELS = default_templates_dir() / "labels"
# The runtime's files that call L("key"): the page controller and the question types' controls.
RUNTIME_JS = [default_templates_dir() / "static" / name
              for name in ("runtime.js", "qmatching.js", "qordering.js", "qtext.js")]


def sco_html(tmp_path: Path, course: Path, sco: str = "first") -> str:
    return build(course, tmp_path / "out").files[f"{sco}/index.html"].decode()


def sco_data(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="sb-data">(.*?)</script>', html, re.S).group(1))


def runtime_labels_of(tmp_path: Path, course: Path) -> dict:
    """The labels the runtime reads: shared/labels.js, one copy that every SCO page loads."""
    files = build(course, tmp_path / "out").files
    assert all(b'<script src="../shared/labels.js"></script>' in files[name]
               for name in files if name.endswith("/index.html"))
    text = files["shared/labels.js"].decode()
    return json.loads(re.search(r"^var sbLabels = (\{.*\});$", text, re.M).group(1))


def set_course(course: Path, old: str, new: str) -> None:
    path = course / "course.yml"
    path.write_text(path.read_text().replace(old, new), encoding="utf-8")


def test_every_runtime_label_exists_and_the_runtime_uses_exactly_those():
    english, _ = read_labels(LABELS / "en.yml")
    bases = set(english) | {key.rpartition("_")[0] for key in english if key.rpartition("_")[2] in PLURAL_FORMS}
    literals = {key for path in RUNTIME_JS for key in re.findall(r'"(\w+)"', path.read_text())}
    not_labels = {"submit"}  # the form's submit event, not the label of the same name
    assert literals & bases - not_labels == set(RUNTIME_LABELS)
    for key in RUNTIME_LABELS:
        assert key in english or f"{key}_other" in english, key


@pytest.mark.parametrize("language", ["fr", "es"])
def test_shipped_translations_have_every_label_and_the_same_placeholders(language):
    english, _ = read_labels(LABELS / "en.yml")
    other, problems = read_labels(LABELS / f"{language}.yml")
    assert problems == []

    def label(key: str) -> str:  # a plural form stands for its label: languages differ in the forms they need
        base, _, form = key.rpartition("_")
        return base if form in PLURAL_FORMS and f"{base}_other" in english else key

    assert {label(k) for k in other} == {label(k) for k in english}
    for key, text in other.items():
        assert placeholders(text) == placeholders(english.get(key) or english[f"{label(key)}_other"]), key


@pytest.mark.parametrize("language", ["en", "en-GB", "fr", "fr-CA", "es", "es-MX"])
def test_shipped_label_files_give_every_cldr_plural_category(language):
    assert check_language([default_templates_dir()], language, {}, {}, Loc("course.yml", 4)) == []


def test_english_by_default(tmp_path):
    html = sco_html(tmp_path, make_course(tmp_path / "c"))
    assert ">Submit answers</button>" in html and ">True</label>" in html
    assert runtime_labels_of(tmp_path, tmp_path / "c")["progress"] == "Page {page} of {count}"
    assert "labels" not in sco_data(html)  # not a copy in every page
    assert 'Pass mark: <span class="sb-passmark">75</span>%.' in html


def test_a_french_course_gets_french_words_from_the_primary_subtag(tmp_path):
    course = make_course(tmp_path / "c")
    set_course(course, "language: en", "language: fr-CA")
    html = sco_html(tmp_path, course)
    assert '<html lang="fr-CA">' in html
    assert ">Valider mes réponses</button>" in html and ">Vrai</label>" in html and ">Faux</label>" in html
    assert "Note de réussite\u00a0: <span class=\"sb-passmark\">75</span>\u00a0%." in html
    data = sco_data(html)
    assert data["language"] == "fr-CA"
    assert runtime_labels_of(tmp_path, course)["progress"] == "Page {page} sur {count}"


def test_course_labels_override_any_word_and_are_escaped(tmp_path):
    course = make_course(tmp_path / "c")
    set_course(course, "keywords: [testing]", 'keywords: [testing]\nlabels:\n  submit: "Check <my> answers"\n'
                                             '  attempts_left_few: "{count} tries left"\n  progress: "{page}/{count}"')
    html = sco_html(tmp_path, course)
    assert ">Check &lt;my&gt; answers</button>" in html
    labels = runtime_labels_of(tmp_path, course)
    assert labels["progress"] == "{page}/{count}" and labels["attempts_left_few"] == "{count} tries left"


@pytest.mark.parametrize("labels,line,message", [
    ("  submitt: Send", 10, "unknown label 'submitt' \\(did you mean 'submit'\\?\\)"),
    ("  progress: 'Page {pages}'", 10, "label 'progress' uses \\{pages\\} \\(this label can fill: \\{count\\}, \\{page\\}\\)"),
    ("  submit: [a, b]", 10, "label 'submit' must be a text"),
])
def test_bad_course_labels_are_reported_at_their_line(tmp_path, labels, line, message):
    course = make_course(tmp_path / "c")
    set_course(course, "keywords: [testing]", f"keywords: [testing]\nlabels:\n{labels}")
    with pytest.raises(ProblemsError) as exc:
        build(course, tmp_path / "out")
    text = "\n".join(p.format() for p in exc.value.problems)
    assert re.search(rf"course\.yml:{line}: {message}", text), text


def test_plural_forms_are_allowed_for_plural_labels_only():
    english, _ = read_labels(LABELS / "en.yml")
    keys = allowed_keys(english)
    assert {"attempts_left_few", "attempts_left_many", "score_two"} <= keys
    assert "submit_few" not in keys


def test_one_run_reports_model_label_and_template_problems_together(tmp_path):
    """Labels and templates are checked before rendering, beside the model's checks: one run shows all."""
    course = make_course(tmp_path / "c")
    set_course(course, "keywords: [testing]", "keywords: [testing]\nlabels:\n  submitt: Send")
    (course / "templates" / "labels").mkdir(parents=True)
    (course / "templates" / "labels" / "en.yml").write_text("submit: [not, a, text\n", encoding="utf-8")
    (course / "templates" / "page.html").write_text("<section>{% if page %}</section>\n", encoding="utf-8")
    (course / "sections" / "01-first" / "section.yml").write_text("id: 'bad id'\ntitle: First\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as exc:
        build(course, tmp_path / "out")
    text = "\n".join(p.format() for p in exc.value.problems)
    assert re.search(r"course\.yml:\d+: unknown label 'submitt'", text), text
    assert re.search(r"templates/labels/en\.yml:\d+: ", text), text
    assert re.search(r"templates/page\.html:\d+: template error", text), text
    assert re.search(r"section\.yml:\d+: the section id 'bad id' contains space", text), text


@pytest.mark.parametrize("language", ["en", "fr-CA", "pl", "ar", "xx-unknown"])
def test_plural_categories_cached_between_runs_are_babels(language, tmp_path):
    # The build keeps the answer in the template cache folder; read back, it is Babel's own.
    from scorm_builder.labels import PLURALS_CACHE, plural_categories

    fresh = plural_categories(language)
    assert plural_categories(language, str(tmp_path)) == fresh  # computed, then written
    assert (tmp_path / PLURALS_CACHE).is_file()
    assert plural_categories(language, str(tmp_path)) == fresh  # read from the file


def test_plural_cache_keeps_each_babel_install(tmp_path, monkeypatch):
    # Environments with different Babel installs share the user's cache folder: each keeps its own
    # entry, so alternating between two does not load Babel again; the oldest of too many goes.
    from scorm_builder import labels

    looked_up: list[tuple[str, str]] = []
    stamp = ["babel-a"]
    monkeypatch.setattr(labels, "_babel_stamp", lambda: stamp[0])
    monkeypatch.setattr(labels, "_babel_plural_categories",
                        lambda language: looked_up.append((stamp[0], language)) or {"one", "other"})

    def lookup(install: str, language: str = "fr") -> set[str] | None:
        stamp[0] = install
        return labels.plural_categories(language, str(tmp_path))

    assert lookup("babel-a") == lookup("babel-b") == {"one", "other"}
    assert lookup("babel-a") == lookup("babel-b") == lookup("babel-a") == {"one", "other"}
    assert looked_up == [("babel-a", "fr"), ("babel-b", "fr")]
    installs = [f"babel-{n}" for n in range(labels.PLURALS_CACHE_STAMPS + 1)]
    for install in installs:
        lookup(install, "pl")
    looked_up.clear()
    for install in installs[1:]:
        lookup(install, "pl")
    assert looked_up == []
    lookup(installs[0], "pl")  # the oldest was let go
    assert looked_up == [(installs[0], "pl")]


@pytest.mark.parametrize("content", ["", "not json", "[]", '{"by_stamp": []}', '{"by_stamp": {"s": 3}}',
                                     '{"stamp": "s", "plurals": {"fr": ["one", "other"]}}'])
def test_plural_cache_that_is_damaged_or_old_is_rebuilt(content, tmp_path, monkeypatch):
    from scorm_builder import labels

    (tmp_path / labels.PLURALS_CACHE).write_text(content, encoding="utf-8")
    monkeypatch.setattr(labels, "_babel_stamp", lambda: "s")
    assert labels.plural_categories("fr", str(tmp_path)) == labels._babel_plural_categories("fr")
    monkeypatch.setattr(labels, "_babel_plural_categories", lambda language: pytest.fail("read, not looked up"))
    assert labels.plural_categories("fr", str(tmp_path)) == {"one", "many", "other"}
