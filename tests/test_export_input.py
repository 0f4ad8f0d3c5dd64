"""A student's hand-in: ``quiz.export(name)`` writes ``<name>.json`` and ``<name>.csv`` next to the
notebook and nowhere else, never replaces a hand-in without saying so, keeps each answer as it was
when it was checked, and always writes the file, whatever odd object was recorded as an answer."""

import csv
import json
import numbers
import os
import subprocess
import sys
from pathlib import Path

import pytest
from veerkracht.quiz import Quiz
from veerkracht.quiz.session import ExportError

DATA = Path(__file__).parent / "data"


@pytest.fixture
def quiz(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the kernel's working folder: the notebook's folder
    return Quiz("sample", "en", DATA)


def exported(folder: Path, stem: str) -> dict:
    return json.loads((folder / f"{stem}.json").read_text("utf-8"))


def test_a_dotted_name_keeps_its_dot_and_two_chapters_do_not_overwrite_each_other(quiz, tmp_path):
    quiz.check("s-single", "b")
    quiz.export("week1.ch01")
    quiz.check("s-single", "a")
    quiz.export("week1.ch02")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["week1.ch01.csv", "week1.ch01.json", "week1.ch02.csv", "week1.ch02.json"]
    assert exported(tmp_path, "week1.ch01")["score"]["right"] == 1
    assert exported(tmp_path, "week1.ch02")["score"]["right"] == 0


def test_a_name_given_with_json_or_csv_is_not_doubled(quiz, tmp_path):
    quiz.export("hand-in.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hand-in.csv", "hand-in.json"]


def test_the_message_names_both_files_next_to_the_notebook_without_the_machine_s_folder(quiz, tmp_path):
    message = repr(quiz.export("week1"))
    assert "next to this notebook, in week1.json and week1.csv." in message
    assert str(tmp_path) not in message and str(tmp_path.resolve()) not in message


@pytest.mark.parametrize("name", ["../x", "sub/x", "/tmp/x", "..\\x", "sub\\x"])
@pytest.mark.parametrize(("lang", "words"), [("en", "next to this notebook"), ("nl", "naast dit notebook")])
def test_a_name_that_leaves_the_notebooks_folder_is_refused_in_the_readers_language(
    tmp_path, monkeypatch, name, lang, words
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    with pytest.raises(ExportError) as caught:
        Quiz("sample", lang, DATA).export(name)
    assert words in str(caught.value) and str(tmp_path.resolve()) in str(caught.value)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["sub"]
    assert not Path("/tmp/x.json").exists() or name != "/tmp/x"


@pytest.mark.parametrize("name", ["", "   ", ".", "..", "x" * 300, "a\x00b", "a:b", "line\nbreak", ".hidden", 5])
@pytest.mark.parametrize(("lang", "words"), [("en", "plain file name"), ("nl", "gewone bestandsnaam")])
def test_an_unusable_name_gets_a_translated_message_not_a_raw_error(tmp_path, monkeypatch, name, lang, words):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ExportError) as caught:
        Quiz("sample", lang, DATA).export(name)
    assert words in str(caught.value)
    assert len(str(caught.value)) < 400  # a 300-character name is cut, not echoed
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_written_gets_a_translated_message(quiz, tmp_path):
    (tmp_path / "week1.json").mkdir()  # a folder where the file should go: the OS refuses
    with pytest.raises(ExportError, match="could not be saved"):
        quiz.export("week1", overwrite=True)


def test_an_existing_hand_in_is_kept_and_the_new_one_gets_its_own_name(quiz, tmp_path):
    quiz.check("s-single", "b")
    quiz.export("week1")
    quiz.check("s-single", "a")
    message = repr(quiz.export("week1"))
    assert exported(tmp_path, "week1")["score"]["right"] == 1  # the first hand-in, untouched
    assert exported(tmp_path, "week1 (2)")["score"]["right"] == 0
    assert "in week1 (2).json and week1 (2).csv" in message
    assert "was kept" in message and "overwrite=True" in message


def test_overwrite_true_replaces_the_hand_in_and_says_so(quiz, tmp_path):
    quiz.export("week1")
    quiz.check("s-single", "b")
    message = repr(quiz.export("week1", overwrite=True))
    assert exported(tmp_path, "week1")["score"]["right"] == 1
    assert "replaced" in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["week1.csv", "week1.json"]


def test_an_answer_is_exported_as_it_was_when_it_was_checked(quiz, tmp_path):
    answer = ["a", "c"]
    quiz.check("s-multiple", answer)
    answer.clear()
    quiz.export("r")
    row = exported(tmp_path, "r")["questions"][1]
    assert row["answer"] == ["a", "c"] and row["status"] == "correct"


class BadRepr:
    def __repr__(self) -> str:
        raise RuntimeError("no repr")


class FakeNumpyFloat(float):
    """What numpy.float64 is: a float subclass whose repr is np.float64(65.0)."""

    def __repr__(self) -> str:
        return f"np.float64({float(self)})"


class FakeNumpyInt:
    """What numpy.int64 is: registered as a whole number, not an int."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __int__(self) -> int:
        return self.value

    def __index__(self) -> int:
        return self.value

    def __repr__(self) -> str:
        return f"np.int64({self.value})"


numbers.Integral.register(FakeNumpyInt)


def deep(levels: int) -> list:
    value: list = []
    for _ in range(levels):
        value = [value]
    return value


def self_referencing() -> list:
    value: list = ["a"]
    value.append(value)
    return value


def wide_and_shared() -> list:
    value: list = ["x"]
    for _ in range(30):
        value = [value] * 50  # 50^30 leaves if copied naively
    return value


ODD = {
    "nested 5,000 deep": deep(5_000),
    "self-referencing": self_referencing(),
    "repr raises": BadRepr(),
    "shared 50^30": wide_and_shared(),
    "dict with odd keys": {BadRepr(): 1, (1, 2): deep(5_000)},
}


@pytest.mark.parametrize("case", list(ODD))
def test_one_odd_answer_never_makes_the_export_fail(quiz, tmp_path, case):
    quiz.check("s-single", "b")
    quiz.check("s-open", ODD[case])
    quiz.export("r")
    data = exported(tmp_path, "r")
    assert data["questions"][0]["answer"] == "b"
    assert "not exported" in json.dumps(data["questions"][5]["answer"])
    with (tmp_path / "r.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 6
    assert (tmp_path / "r.json").stat().st_size < 200_000


def test_a_numpy_number_is_exported_as_a_plain_number(quiz, tmp_path):
    quiz.check("s-number", FakeNumpyFloat(65.0))
    quiz.check("s-open", [FakeNumpyInt(3), FakeNumpyFloat(float("nan"))])
    quiz.export("r")
    data = exported(tmp_path, "r")
    assert data["questions"][4]["answer"] == 65.0
    assert data["questions"][5]["answer"][0] == 3 and type(data["questions"][5]["answer"][0]) is int
    assert "not exported" in data["questions"][5]["answer"][1]


def test_real_numpy_numbers_are_plain_numbers(quiz, tmp_path):
    import numpy as np  # in the test extra

    quiz.check("s-number", np.float64(65.0))
    quiz.check("s-open", [np.int64(3), np.float32(0.5)])
    quiz.export("r")
    data = exported(tmp_path, "r")
    assert data["questions"][4]["answer"] == 65.0 and data["questions"][5]["answer"] == [3, 0.5]


def test_the_exported_files_hold_nothing_outside_the_folder(quiz, tmp_path):
    quiz.export("r")
    assert all(p.parent == tmp_path for p in tmp_path.iterdir())
    assert os.path.commonpath([tmp_path.resolve(), (tmp_path / "r.json").resolve()]) == str(tmp_path.resolve())


FILL_THE_DISK = """
import os, resource, signal, sys
from pathlib import Path
from veerkracht.quiz import Quiz
from veerkracht.quiz.session import ExportError

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG), as on a full disk
quiz = Quiz("sample", "en", Path(sys.argv[1]))
quiz.check("s-open", "x" * 3000)
resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))
try:
    quiz.export("week1")
except ExportError as error:
    print(error)
"""


def test_a_write_that_fails_halfway_leaves_no_file_that_takes_the_name(tmp_path, monkeypatch):
    done = subprocess.run(
        [sys.executable, "-c", FILL_THE_DISK, str(DATA)], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "could not be saved" in done.stdout, done.stdout + done.stderr
    assert list(tmp_path.iterdir()) == []  # no truncated week1.json, no temporary file left
    quiz = Quiz("sample", "en", DATA)
    quiz.check("s-open", "x" * 3000)
    monkeypatch.chdir(tmp_path)
    message = repr(quiz.export("week1"))
    assert "in week1.json and week1.csv" in message  # not "week1 (2)": nothing took the name
    assert exported(tmp_path, "week1")["questions"][5]["answer"] == "x" * 3000


@pytest.mark.parametrize(("lang", "words"), [("en", "too long"), ("nl", "te lang")])
def test_a_name_too_long_for_the_disk_in_bytes_gets_a_translated_message(tmp_path, monkeypatch, lang, words):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ExportError) as caught:
        Quiz("sample", lang, DATA).export("😀" * 70)  # 70 characters, 280 bytes: more than a disk allows
    assert words in str(caught.value) and len(str(caught.value)) < 500
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["CON", "con", "Nul", "PRN", "aux", "COM1", "lpt9", "con.ch01", "NUL.json"])
@pytest.mark.parametrize(("lang", "words"), [("en", "Windows"), ("nl", "Windows")])
def test_a_windows_device_name_is_refused(tmp_path, monkeypatch, name, lang, words):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ExportError) as caught:
        Quiz("sample", lang, DATA).export(name)
    assert words in str(caught.value) and ("CON" in str(caught.value))
    assert list(tmp_path.iterdir()) == []


def test_a_name_that_only_looks_like_a_device_is_fine(quiz, tmp_path):
    quiz.export("console")
    quiz.export("COM10")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["COM10.csv", "COM10.json", "console.csv", "console.json"]


@pytest.mark.parametrize("overwrite", [False, True])
def test_a_dangling_symlink_never_lets_the_export_write_outside_the_folder(tmp_path, monkeypatch, overwrite):
    folder, outside = tmp_path / "notebooks", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (folder / "week1.json").symlink_to(outside / "stolen.json")  # points nowhere yet
    (folder / "week1.csv").symlink_to(outside / "stolen.csv")
    monkeypatch.chdir(folder)
    Quiz("sample", "en", DATA).export("week1", overwrite=overwrite)
    assert list(outside.iterdir()) == []
    written = [p for p in folder.iterdir() if not p.is_symlink()]
    assert sorted(p.name for p in written) == (
        ["week1.csv", "week1.json"] if overwrite else ["week1 (2).csv", "week1 (2).json"]
    )


def test_nfc_and_nfd_forms_of_a_name_are_the_same_student(quiz, tmp_path):
    quiz.export("Jose\u0301")  # é as e and a combining accent (macOS file names, some keyboards)
    message = repr(quiz.export("Jos\u00e9"))  # é as one character
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "Jos\u00e9 (2).csv",
        "Jos\u00e9 (2).json",
        "Jos\u00e9.csv",
        "Jos\u00e9.json",
    ]
    assert "was kept" in message
