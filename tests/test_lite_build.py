"""The live notebooks' build (tools/build_lite.py) and the quiz export in the browser, without a
browser: the notebooks at the book's paths, the pure PyYAML wheel, the one-line reason when the
machine lacks a build tool, and an export offered as downloads when Python runs in the browser."""

import base64
import hashlib
import io
import json
import tarfile
import zipfile

import build_lite
import nbformat
from conftest import ROOT
from veerkracht.i18n import tr
from veerkracht.quiz import Quiz
from veerkracht.quiz import session as quiz_session


def test_every_chapter_and_student_exercise_becomes_a_notebook_at_its_book_path(tmp_path):
    written = build_lite.notebooks(tmp_path)
    for lang in ("nl", "en"):
        chapters = sorted(p.stem for p in (ROOT / "chapters" / lang).glob("*.md"))
        exercises = sorted(p.stem for p in (ROOT / "exercises" / lang).glob("*-student.ipynb"))
        assert [w for w in written if w.startswith(f"chapters/{lang}/")] == [
            f"chapters/{lang}/{c}.ipynb" for c in chapters
        ]
        assert [w for w in written if w.startswith(f"exercises/{lang}/")] == [
            f"exercises/{lang}/{e}.ipynb" for e in exercises
        ]
    chapter = nbformat.read(tmp_path / "chapters" / "en" / "01-resilience.ipynb", as_version=4)
    assert chapter.metadata["kernelspec"]["name"] == "python"  # the Pyodide kernel's name
    assert any("Demo(" in cell.source for cell in chapter.cells if cell.cell_type == "code")
    exercises = nbformat.read(tmp_path / "exercises" / "nl" / "ch01-student.ipynb", as_version=4)
    code = [cell for cell in exercises.cells if cell.cell_type == "code"]
    assert code and all(cell.outputs == [] and cell.execution_count is None for cell in code)
    # no commented "answer in code" prompt to skip; the questions' calls folded (and hidden by vk-lite.js)
    assert not any(cell.source.lstrip().startswith("#") and "quiz.check" in cell.source for cell in code)
    questions = [cell for cell in code if cell.source.startswith("quiz.question(")]
    assert len(questions) == len(Quiz("ch01").bank.questions)
    assert all(
        cell.metadata["jupyter"]["source_hidden"] and "remove-input" in cell.metadata["tags"] for cell in questions
    )


def test_the_pure_pyyaml_wheel_holds_only_the_python_sources_with_a_valid_record(tmp_path):
    sdist = tmp_path / "PyYAML-9.9.tar.gz"
    files = {
        "PyYAML-9.9/PKG-INFO": b"Metadata-Version: 2.1\nName: PyYAML\nVersion: 9.9\n",
        "PyYAML-9.9/lib/yaml/__init__.py": b"from .cyaml import *\n",
        "PyYAML-9.9/lib/yaml/_yaml.pyx": b"cdef int x\n",
        "PyYAML-9.9/tests/yaml/test.py": b"assert False\n",
    }
    with tarfile.open(sdist, "w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    wheel = build_lite.pure_wheel(sdist, "yaml", tmp_path)
    assert wheel.name == "pyyaml-9.9-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert [n for n in names if not n.startswith("pyyaml-9.9.dist-info/")] == ["yaml/__init__.py"]
        assert "Tag: py3-none-any" in zf.read("pyyaml-9.9.dist-info/WHEEL").decode()
        record = dict(line.split(",", 1) for line in zf.read("pyyaml-9.9.dist-info/RECORD").decode().splitlines())
        digest = base64.urlsafe_b64encode(hashlib.sha256(zf.read("yaml/__init__.py")).digest()).rstrip(b"=")
        assert record["yaml/__init__.py"] == f"sha256={digest.decode()},21"


def test_a_machine_without_the_build_tools_is_told_in_one_line_what_it_lacks(monkeypatch, tmp_path):
    monkeypatch.setattr(build_lite, "find_python", lambda: None)
    monkeypatch.setattr(build_lite, "WORK", tmp_path)
    monkeypatch.setattr(build_lite.shutil, "which", lambda name: None)
    reason = build_lite.missing()
    assert "\n" not in reason and "Python 3.12" in reason and "npm" in reason
    build_lite.placeholder(tmp_path / "lite", reason)
    assert reason in (tmp_path / "lite" / "notebooks" / "index.html").read_text("utf-8")


def test_in_the_browser_an_export_offers_both_files_as_downloads(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(quiz_session, "in_browser", lambda: True)
    for lang in ("nl", "en"):
        quiz = Quiz("ch01", lang=lang)
        quiz.check("ch01-process-not-trait", "b")
        feedback = quiz.export(f"week1-{lang}")
        names = [d.name for d in feedback.downloads]
        assert names == [f"week1-{lang}.json", f"week1-{lang}.csv"]
        assert feedback.result.feedback == tr(lang, "quiz.exported_browser", json=names[0], csv=names[1])
        results = json.loads(feedback.downloads[0].data)
        assert (results["bank"], results["language"], results["score"]["right"]) == ("ch01", lang, 1)
        shown = feedback._repr_html_()
        encoded = base64.b64encode(feedback.downloads[0].data).decode()
        assert f'download="week1-{lang}.json" href="data:application/json;base64,{encoded}"' in shown


def test_outside_the_browser_an_export_offers_no_downloads(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    feedback = Quiz("ch01", lang="en").export("week1")
    assert feedback.downloads == () and "vk-download" not in feedback._repr_html_()
    assert (tmp_path / "week1.json").is_file()
