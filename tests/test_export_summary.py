"""The lecturer's overview of a folder of hand-ins (``python -m veerkracht.quiz.summary``): tables
per question and per student, a chart per question, and one line for every file it skips."""

import io
import json
import os
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


ONE_ROW = (
    '{{"bank": "ch01", "questions": [{{"number": 1, "question": "ch01-process-not-trait", "kind": "single",'
    ' "status": "correct", "attempts": {attempts}, "answer": "b"}}]}}'
)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("deep.json", '{"bank": "ch01", "questions": ' + "[" * 200_000 + "]" * 200_000 + "}", "te diep genest"),
        ("huge.json", ONE_ROW.format(attempts="1e400"), "1e400"),
        ("infinite.json", ONE_ROW.format(attempts="Infinity"), "Infinity"),
        ("nan.json", ONE_ROW.format(attempts="NaN"), "NaN"),
        ("digits.json", ONE_ROW.format(attempts="9" * 400), "999..."),
        ("negative.json", ONE_ROW.format(attempts="-1"), "-1"),
        (
            "digits.csv",
            "number,question,kind,status,attempts,answer\n1,ch01-rest,number,correct," + "9" * 400 + ",1\n",
            "999...",
        ),
        (
            "answer.csv",
            'number,question,kind,status,attempts,answer\n1,ch01-rest,number,correct,1,"{not json"\n',
            "JSON",
        ),
    ],
)
def test_a_file_that_would_break_the_overview_costs_one_line_naming_it(hand_ins, name, content, reason):
    path = hand_ins / "late" / name
    path.parent.mkdir()
    path.write_text(content, "utf-8")
    status, text = overview(hand_ins)
    assert status == 0 and "3 inleveringen" in text and row(text, "anna")[1] == "2/11"
    lines = [line for line in text.splitlines() if line.startswith(f"late/{name}:")]
    assert len(lines) == 1 and lines[0].endswith("overgeslagen.") and reason in lines[0], lines


@pytest.mark.parametrize(
    ("stem", "shown"),
    [
        ("\x1b[2J\x1b[Hclear", "\\x1b[2J\\x1b[Hclear"),  # would clear the lecturer's screen
        ("two\nlines", "two\\nlines"),  # would split a row
        ("abc\u202eevil", "abc\\u202eevil"),  # would turn the rest of the line around
    ],
)
def test_a_file_name_reaches_the_terminal_safely(hand_ins, monkeypatch, stem, shown):
    monkeypatch.chdir(hand_ins)
    (hand_ins / "anna.json").rename(hand_ins / f"{stem}.json")
    (hand_ins / "anna.csv").unlink()
    (hand_ins / "x.json").write_text(
        json.dumps({"bank": f"ch\x1b]0;{stem}", "questions": [{"question": "q", "status": "correct", "attempts": 1}]}),
        "utf-8",
    )
    status, text = overview(hand_ins, "--lang", "en")
    assert status == 0 and "\x1b" not in text and "\u202e" not in text
    assert row(text, shown) == [shown, "2/11", "2, 3, 4, 5, 6, 7, 8, 10, 11"]
    assert f"x.json: a hand-in for an unknown question bank (ch\\x1b]0;{shown}); skipped." in text


def test_a_console_that_cannot_show_a_name_still_gets_the_whole_table(hand_ins, tmp_path):
    (hand_ins / "anna.json").rename(hand_ins / "Şule.json")
    (hand_ins / "anna.csv").unlink()
    done = subprocess.run(
        [sys.executable, "-m", "veerkracht.quiz.summary", str(hand_ins), "--lang", "en"],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},  # a Windows console, or output redirected to a file
        check=False,
    )
    out = done.stdout.decode("cp1252")
    assert done.returncode == 0 and done.stderr == b""
    assert row(out, "\\u015eule") == ["\\u015eule", "2/11", "2, 3, 4, 5, 6, 7, 8, 10, 11"]


def edit(path, change) -> None:
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data), "utf-8")


def test_the_overview_regrades_each_hand_in_from_its_answers_not_its_own_statuses(hand_ins):
    def claim_all_right(data):
        for question in data["questions"]:
            question["status"] = "correct" if question["kind"] != "open" else question["status"]

    edit(hand_ins / "bram.json", claim_all_right)  # bram answered 9 wrongly and most not at all
    csv_text = (hand_ins / "chris.csv").read_text("utf-8").replace(",wrong,", ",correct,")
    (hand_ins / "chris.csv").write_text(csv_text, "utf-8")  # chris answered 1 wrongly
    status, text = overview(hand_ins, "--lang", "en")
    assert status == 0
    assert row(text, "bram") == ["bram", "1/11", "2, 3, 4, 5, 6, 7, 8, 9, 10, 11"]
    assert row(text, "chris") == ["chris", "1/11", "1, 2, 3, 4, 5, 6, 7, 8, 9, 11"]
    assert row(text, "1")[2] == "2/3" and row(text, "9")[2] == "1/3"
    said = [line for line in text.splitlines() if "differ" in line]
    assert said == [
        "bram.json: its own statuses differ from what its answers grade as, at question 2, 3, 4, 5, 6, 7, 8, 9, 10"
        " and 11; the overview counts what the answers grade as.",
        "chris.csv: its own statuses differ from what its answers grade as, at question 1; the overview counts"
        " what the answers grade as.",
    ]


def test_an_honest_hand_in_regrades_to_exactly_its_own_statuses(tmp_path, monkeypatch):
    from decimal import Decimal

    monkeypatch.chdir(tmp_path)
    quiz = Quiz("ch01", "en")
    odd = {
        "number": [Decimal(str(q.answer)) for q in quiz.bank.questions if q.kind == "number"][:1],
        "open": ["x" * 6_000],  # too long: wrong, in the file and when graded again
        "multiple": [{"a", "b"}],
        "single": [None, "  b  "],
    }
    for question in quiz.bank.questions:
        for answer in odd.get(question.kind, []):
            quiz.check(question.id, answer)
    quiz.export("odd")
    status, text = overview(tmp_path, "--lang", "en")
    assert status == 0 and "differ" not in text
    assert row(text, "odd")[1] == f"{quiz.score()[0]}/11"


def test_nfc_and_nfd_spellings_of_one_name_are_one_student(hand_ins):
    nfd = "Jose\u0301"
    (hand_ins / "anna.json").rename(hand_ins / f"{nfd}.json")  # a macOS download spells é as e + accent
    (hand_ins / "anna.csv").rename(hand_ins / "Jos\u00e9.csv")
    status, text = overview(hand_ins, "--lang", "en")
    assert status == 0 and "skipped" not in text
    students = [line for line in text.splitlines() if line.startswith(("Jos\u00e9 ", nfd))]
    assert students == [students[0]] and students[0].startswith("Jos\u00e9 ")
