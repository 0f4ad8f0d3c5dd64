"""The lecturer's overview of a folder of hand-ins (``python -m veerkracht.quiz.summary``): tables
per question and per student, a chart per question, and one line for every file it skips."""

import io
import json
import re
import subprocess
import sys

import pytest
from veerkracht.i18n import tr
from veerkracht.quiz import Quiz, load_bank
from veerkracht.quiz.summary import main


def hand_in(folder, name: str, bank: str, right: list[int], wrong: list[int] = (), lang: str = "nl") -> None:
    """``name``.json and .csv as a student's ``quiz.export`` writes them, with the questions
    numbered in ``right`` answered with their key and those in ``wrong`` with a wrong option."""
    quiz = Quiz(bank, lang)
    for question in quiz.bank.questions:
        if question.number in right:
            quiz.check(question.id, question.answer)
        elif question.number in wrong:
            quiz.check(question.id, next(o.id for o in question.options if o.id != question.answer))
    quiz.export(name)


def overview(folder, *options: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main([str(folder), *options], out=out)
    return status, out.getvalue()


@pytest.fixture
def hand_ins(tmp_path, monkeypatch):
    """Three students' ch01 hand-ins in a folder; the chart goes to the test's own folder."""
    folder = tmp_path / "hand-ins"
    folder.mkdir()
    monkeypatch.chdir(folder)
    hand_in(folder, "anna", "ch01", right=[1, 9])
    hand_in(folder, "bram", "ch01", right=[1], wrong=[9])
    hand_in(folder, "chris", "ch01", right=[10], wrong=[1], lang="en")
    (folder / "chris.json").unlink()  # chris handed in the .csv only
    monkeypatch.chdir(tmp_path)
    return folder


def row(text: str, first: str) -> list[str]:
    """The cells of the table row that starts with ``first``."""
    line = next(line for line in text.splitlines() if line.split() and line.split()[0] == first)
    return re.split(r"\s{2,}", line.strip())


def test_a_valid_set_gives_a_row_per_question_and_per_student(hand_ins, tmp_path):
    status, text = overview(hand_ins)
    assert status == 0
    assert "ch01 (Oefenvragen: welkom en hoofdstuk 1): 3 inleveringen" in text
    assert row(text, "1") == ["1", "ch01-process-not-trait", "2/3", "67%", "1", "0", "1.0"]
    assert row(text, "9") == ["9", "ch01-maintained-under-load", "1/3", "33%", "1", "1", "0.7"]
    assert row(text, "12")[2:4] == ["-", "-"]  # the open question is not graded
    assert row(text, "anna") == ["anna", "2/11", "2, 3, 4, 5, 6, 7, 8, 10, 11"]
    assert row(text, "chris") == ["chris", "1/11", "1, 2, 3, 4, 5, 6, 7, 8, 9, 11"]
    assert "overgeslagen" not in text  # anna's and bram's .csv are their .json's twins, not skipped


def test_the_chart_has_one_bar_per_graded_question_as_high_as_its_share_right(hand_ins, tmp_path):
    overview(hand_ins, "--plot", str(tmp_path / "chart.svg"))
    svg = (tmp_path / "chart.svg").read_text("utf-8")
    bars = re.findall(r'<rect [^>]*height="([\d.]+)"[^>]*><title>([^<]+)</title>', svg)
    assert len(bars) == 11
    assert bars[0] == (str(200 * 2 / 3), "Vraag 1 (ch01-process-not-trait): 2 van 3 goed")
    assert float(bars[1][0]) == 0
    assert "<title>ch01: aandeel goed per vraag (3 inleveringen)</title>" in svg


def test_the_chart_goes_to_the_current_folder_by_default(hand_ins, tmp_path):
    assert overview(hand_ins)[0] == 0
    assert (tmp_path / "scores-ch01.svg").read_text("utf-8").startswith("<svg")


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("cut.json", '{"bank": "ch01", "questions": [{"number": 1,', "summary.damaged"),
        ("latin1.json", b'{"bank": "ch01\xe9"}', "summary.damaged"),
        ("notebook.json", json.dumps({"cells": [], "metadata": {}, "nbformat": 4}), "summary.foreign"),
        ("list.json", "[1, 2, 3]", "summary.foreign"),
        (
            "status.json",
            json.dumps({"bank": "ch01", "questions": [{"question": "ch01-x", "status": "great"}]}),
            "summary.foreign",
        ),
        ("grades.csv", "name;grade\nanna;8\n", "summary.foreign"),
        (
            "old.json",
            json.dumps({"bank": "ch01", "questions": [{"question": "ch01-gone", "status": "correct", "attempts": 1}]}),
            "summary.unknown_questions",
        ),
        (
            "other.json",
            json.dumps({"bank": "ch99", "questions": [{"question": "x", "status": "correct", "attempts": 1}]}),
            "summary.unknown_bank",
        ),
        ("essay.docx", "not an export", "summary.not_export"),
    ],
)
def test_a_damaged_or_foreign_file_is_reported_by_name_and_skipped(hand_ins, name, content, reason):
    path = hand_ins / "late" / name
    path.parent.mkdir()
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    status, text = overview(hand_ins)
    assert status == 0 and "3 inleveringen" in text
    message = next(line for line in text.splitlines() if line.startswith(f"late/{name}:"))
    template = tr("nl", reason, file="\0", reason="\0", bank="\0", ids="\0")
    assert all(piece in message for piece in template.split("\0")), message


def test_an_export_from_another_chapter_is_skipped_unless_that_chapter_is_asked_for(hand_ins, monkeypatch):
    monkeypatch.chdir(hand_ins)
    hand_in(hand_ins, "dirk", "ch02", right=[1])
    status, text = overview(hand_ins)
    assert status == 0 and "3 inleveringen" in text
    assert "dirk.json: een inlevering voor ch02, niet voor ch01; overgeslagen. Voor die set: --bank ch02." in text
    status, text = overview(hand_ins, "--bank", "ch02", "--lang", "en")
    assert status == 0 and "ch02 (Exercises: chapter 2): 1 hand-in" in text
    assert row(text, "dirk")[1] == f"1/{sum(q.graded for q in load_bank('ch02').questions)}"
    assert "anna.json: a hand-in for ch01, not for ch02; skipped. For that bank: --bank ch01." in text


def test_an_empty_folder_says_so_and_fails(tmp_path):
    assert overview(tmp_path) == (1, tr("nl", "summary.nothing", folder=tmp_path) + "\n")
    assert overview(tmp_path, "--lang", "en") == (
        1,
        f"No hand-ins found in {tmp_path}: it holds no files from quiz.export (.json or .csv).\n",
    )
    assert overview(tmp_path / "nowhere", "--lang", "en") == (2, f"The folder {tmp_path / 'nowhere'} does not exist.\n")


def test_the_messages_speak_the_chosen_language(hand_ins):
    (hand_ins / "cut.json").write_text('{"bank": ')
    nl, en = overview(hand_ins)[1], overview(hand_ins, "--lang", "en")[1]
    assert "cut.json: beschadigd, niet te lezen" in nl and "Vraag  Id" in nl and "Nog eens bekijken" in nl
    assert "cut.json: damaged, cannot be read" in en and "Question  Id" in en and "Look again at" in en
    assert "3 hand-ins" in en and "skipped" not in nl and "overgeslagen" not in en


def test_the_command_runs_as_a_module_of_the_installed_package(hand_ins, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "veerkracht.quiz.summary", str(hand_ins), "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0 and done.stderr == ""
    assert row(done.stdout, "bram") == ["bram", "1/11", "2, 3, 4, 5, 6, 7, 8, 9, 10, 11"]
    assert "Chart: scores-ch01.svg" in done.stdout
