"""A student's session with one bank: answer, get feedback, keep a running score, export.

quiz = Quiz("ch01", lang="nl")
quiz.question("ch01-process")     # the question: a widget in Jupyter, a form on the site
quiz.check("ch01-rest", 70)       # or answer in code: feedback now, score kept
quiz.summary()                    # "7/9; kijk nog eens naar vraag 3 en 5"
quiz.export("mijn-resultaten")    # .json and .csv to hand in; nothing is sent anywhere
"""

from __future__ import annotations

import base64
import contextlib
import csv
import html
import io
import json
import math
import os
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from numbers import Integral, Real
from pathlib import Path

from veerkracht.i18n import DEFAULT_LANGUAGE, check_language, tr
from veerkracht.quiz.bank import BANK_DIR, Bank, Question, load_bank
from veerkracht.quiz.grade import MAX_TEXT, Result, grade
from veerkracht.quiz.text import inline_html, numbers_phrase

# Displayed in a notebook, a question and the score line carry their state under these types (bank,
# question, language): the book draws them on the site from the bank itself (veerkracht.book.outputs).
QUESTION_MIME = "application/vnd.veerkracht.question+json"
SUMMARY_MIME = "application/vnd.veerkracht.quiz-summary+json"
STATUS_COLOURS = {"correct": "#0b6e4f", "wrong": "#b3261e", "empty": "#6b6b6b", "ungraded": "#0072b2"}


MAX_DEPTH = 20  # levels of lists in one exported answer
MAX_VALUES = 2_000  # values in one exported answer
MAX_NAME = 100  # characters of an export's file name
# Bytes of a name's stem: most disks allow 255 per file name, less " (99).json" and some to spare.
MAX_NAME_BYTES = 200
NOT_IN_A_NAME = set('/\\:*?"<>|')  # folders, and what Windows refuses in a file name
# Names Windows keeps for devices, with any extension: a file "CON.json" cannot be opened there.
DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"{port}{n}" for port in ("COM", "LPT") for n in range(1, 10))}


class ExportError(ValueError):
    """An export that cannot be written; the message is in the reader's language."""


def _placeholder(why: str) -> str:
    return f"<not exported: {why}>"


def _safe(answer: object) -> object:
    """A copy of ``answer`` that JSON and CSV can hold: text, numbers, lists and mappings. What
    cannot be held (an object that refers to itself, nesting deeper than MAX_DEPTH, a repr that
    fails, more than MAX_VALUES values) becomes a marked placeholder, ``<not exported: ...>``;
    a numpy number or a ``Decimal`` becomes a plain number, and a text is cut just past the longest
    answer the grader accepts, so the answer in the file grades as it did (the lecturer's overview
    grades it again). Never raises."""
    budget = [MAX_VALUES]

    def copy(value: object, depth: int, inside: frozenset[int]) -> object:
        budget[0] -= 1
        if budget[0] < 0:
            return _placeholder("too many values")
        try:
            if value is None or type(value) in (bool, int):
                return value
            if isinstance(value, str):
                return str.__str__(value)[: MAX_TEXT + 1]
            if isinstance(value, Integral) and not isinstance(value, bool):
                return int(value)  # numpy.int64 and the like
            if isinstance(value, Real | Decimal) and not isinstance(value, bool):
                number = float(value)  # numpy.float64, Decimal and the like
                return number if math.isfinite(number) else _placeholder(repr(number))
            if isinstance(value, list | tuple | set | frozenset | dict):
                if id(value) in inside:
                    return _placeholder("refers to itself")
                if depth >= MAX_DEPTH:
                    return _placeholder(f"nested more than {MAX_DEPTH} deep")
                inner = inside | {id(value)}
                if isinstance(value, dict):
                    pairs = list(dict.items(value))[:50]
                    return {str(copy(k, depth + 1, inner))[:100]: copy(v, depth + 1, inner) for k, v in pairs}
                items = []
                for item in list(value)[:50]:
                    items.append(copy(item, depth + 1, inner))
                    if budget[0] < 0:  # the placeholder says the rest was left out
                        break
                return items
            return repr(value)[:200]
        except Exception:  # a repr, conversion or iteration that fails: the rest is still exported
            return _placeholder("could not be read")

    return copy(answer, 0, frozenset())


def _file_name(name: object, lang: str, folder: Path) -> str:
    """The stem of the hand-in's files: a plain file name in ``folder``, else an ExportError."""
    try:
        shown = repr(name) if len(repr(name)) <= 60 else repr(name)[:57] + "..."
    except Exception:
        shown = "?"
    if isinstance(name, os.PathLike):
        name = os.fspath(name)
    if not isinstance(name, str):
        raise ExportError(tr(lang, "quiz.export_bad_name", name=shown, limit=MAX_NAME))
    # One spelling per name: "José" typed as é or as e plus an accent is the same student's file.
    stem = unicodedata.normalize("NFC", str.__str__(name)).strip()
    for suffix in (".json", ".csv"):  # export("week1.json") means week1.json, not week1.json.json
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    if "/" in stem or "\\" in stem:
        raise ExportError(tr(lang, "quiz.export_outside", name=shown, folder=folder))
    plain = (
        stem
        and len(stem) <= MAX_NAME
        and not stem.startswith(".")
        and not NOT_IN_A_NAME & set(stem)
        and all(ch.isprintable() for ch in stem)
    )
    if not plain:
        raise ExportError(tr(lang, "quiz.export_bad_name", name=shown, limit=MAX_NAME))
    if stem.split(".")[0].rstrip(" ").upper() in DEVICES:
        raise ExportError(tr(lang, "quiz.export_reserved", name=shown))
    if len(stem.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
        raise ExportError(tr(lang, "quiz.export_long_name", name=shown, limit=MAX_NAME_BYTES))
    return stem


def _taken(folder: Path, stem: str) -> bool:
    """Whether a hand-in ``stem`` is in ``folder``: a file, a folder or a link, even one that points
    nowhere (writing through it would put the file wherever it points)."""
    return any(os.path.lexists(folder / f"{stem}{suffix}") for suffix in (".json", ".csv"))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_all(files: list[tuple[Path, str]]) -> None:
    """Each ``(path, text)`` written whole or not at all: first every text into a temporary file in
    the same folder, then each renamed to its name. A full disk fails before any name is taken (no
    cut-off file that a retry would have to step around), and a rename replaces the folder's
    entry itself: a link there is replaced, never followed out of the folder."""
    ready: list[tuple[str, Path]] = []
    try:
        for path, text in files:
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".vk-export-", suffix=".tmp")
            ready.append((temporary, path))
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, 0o666 & ~_umask())  # as an ordinary new file (mkstemp makes it private)
        while ready:
            temporary, path = ready[0]
            os.replace(temporary, path)
            ready.pop(0)
    finally:
        for temporary, _ in ready:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def in_browser() -> bool:
    """Whether this kernel runs in the reader's browser (JupyterLite, Pyodide): no file it writes
    outlives the page, so an export is offered as downloads instead."""
    return sys.platform == "emscripten"


@dataclass(frozen=True)
class Download:
    """A file offered as a download link in the notebook: its name, type and contents."""

    name: str
    mime: str
    data: bytes

    def link(self) -> str:
        href = f"data:{self.mime};base64,{base64.b64encode(self.data).decode()}"
        name = html.escape(self.name)
        return f'<a class="vk-download" download="{name}" href="{href}">{name}</a>'


@dataclass
class Feedback:
    """One verdict, shown in the notebook (rich HTML, plain text elsewhere)."""

    result: Result
    hint: str | None = None
    downloads: tuple[Download, ...] = ()

    def _repr_html_(self) -> str:
        colour = STATUS_COLOURS[self.result.status]
        hint = f"<br><em>{inline_html(self.hint)}</em>" if self.hint else ""
        links = " · ".join(d.link() for d in self.downloads)
        links = f"<br>{links}" if links else ""
        return (
            f'<div class="vk-feedback" style="border-left: 4px solid {colour}; padding: 0.3em 0.8em;'
            f' font-size: 16px">{self.result.html}{hint}{links}</div>'
        )

    def __repr__(self) -> str:
        return self.result.feedback + (f"\n{self.hint}" if self.hint else "")


class Quiz:
    """A session with one question bank, in one language."""

    def __init__(self, bank: str = "ch01", lang: str = DEFAULT_LANGUAGE, directory: Path = BANK_DIR) -> None:
        self.lang = check_language(lang)
        self.bank: Bank = load_bank(bank, directory)
        self.attempts: dict[str, list[tuple[object, Result]]] = {q.id: [] for q in self.bank.questions}
        self.listeners: list[Callable[[], None]] = []  # called after every attempt (live views)

    def _question(self, question_id: str) -> Question:
        try:
            return self.bank[question_id]
        except KeyError:
            ids = ", ".join(q.id for q in self.bank.questions)
            raise ValueError(tr(self.lang, "quiz.unknown_question", id=repr(question_id), ids=ids)) from None

    # -- answering ---------------------------------------------------------------------------
    def record(self, question_id: str, answer: object) -> Result:
        """Grade ``answer`` and keep it in the running score, with a copy of the answer as it is
        now (a list changed after checking is exported as it was checked)."""
        kept = _safe(answer)
        result = grade(self._question(question_id), answer, self.lang)
        self.attempts[question_id].append((kept, result))
        for listener in self.listeners:
            listener()
        return result

    def check(self, question_id: str, answer: object) -> Feedback:
        """Grade an answer given in code; the feedback shows the hint after a wrong attempt."""
        result = self.record(question_id, answer)
        hint = None
        if result.status == "wrong":
            hint = f"{tr(self.lang, 'quiz.hint')} {self._question(question_id).hint[self.lang]}"
        return Feedback(result, hint)

    def question(self, question_id: str) -> QuestionView:
        """The question to answer: a widget in Jupyter, a form on the site."""
        return QuestionView(self, self._question(question_id))

    # -- the score ---------------------------------------------------------------------------
    def status(self, question_id: str) -> str | None:
        """The status of the latest attempt at a question, or None before any attempt."""
        attempts = self.attempts[question_id]
        return attempts[-1][1].status if attempts else None

    def score(self) -> tuple[int, int]:
        """(right, total) over the graded questions; the latest attempt counts."""
        graded = [q for q in self.bank.questions if q.graded]
        return sum(self.status(q.id) == "correct" for q in graded), len(graded)

    def to_review(self) -> list[int]:
        """Numbers of the graded questions not (yet) answered right."""
        return [q.number for q in self.bank.questions if q.graded and self.status(q.id) != "correct"]

    def summary(self) -> Summary:
        return Summary(self)

    # -- export --------------------------------------------------------------------------------
    def results(self) -> list[dict]:
        rows = []
        for q in self.bank.questions:
            attempts = self.attempts[q.id]
            rows.append(
                {
                    "number": q.number,
                    "question": q.id,
                    "kind": q.kind,
                    "status": attempts[-1][1].status if attempts else "not answered",
                    "attempts": len(attempts),
                    "answer": attempts[-1][0] if attempts else None,
                }
            )
        return rows

    def export(self, name: str = "veerkracht-resultaten", overwrite: bool = False) -> Feedback:
        """Write ``<name>.json`` and ``<name>.csv`` next to the notebook (the kernel's working
        folder), for the student to hand in; the message names both files by name, relative to that
        folder (a notebook's output then holds no path of the machine that ran it). Nothing is
        sent anywhere.

        ``name`` is a plain file name: ``.json`` and ``.csv`` are added to it (``"week1.ch01"``
        gives ``week1.ch01.json``), in one Unicode spelling (NFC: "José" is one name however it was
        typed). A name with a folder in it, one the computer cannot use (too long in bytes, a
        Windows device such as ``CON``), is refused with an ExportError in the reader's language.
        The files are written whole or not at all (a temporary file, then a rename). An earlier hand-in is never
        replaced unless ``overwrite=True``: the new files then get the first free name,
        ``week1 (2).json``, and the message says so."""
        folder = Path.cwd().resolve()
        stem = _file_name(name, self.lang, folder)
        taken = _taken(folder, stem)
        chosen, n = stem, 1
        while not overwrite and _taken(folder, chosen):
            n += 1
            chosen = f"{stem} ({n})"
        json_path, csv_path = folder / f"{chosen}.json", folder / f"{chosen}.csv"
        right, total = self.score()
        rows = self.results()
        payload = {
            "bank": self.bank.id,
            "language": self.lang,
            "score": {"right": right, "total": total},
            "questions": rows,
        }
        table = io.StringIO(newline="")
        writer = csv.DictWriter(table, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "answer": json.dumps(row["answer"], ensure_ascii=False)})
        try:
            _write_all([(json_path, json.dumps(payload, ensure_ascii=False, indent=2)), (csv_path, table.getvalue())])
        except (OSError, ValueError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise ExportError(tr(self.lang, "quiz.export_failed", folder=folder, reason=reason)) from None
        if in_browser():
            message = tr(self.lang, "quiz.exported_browser", json=json_path.name, csv=csv_path.name)
            files = ((json_path, "application/json"), (csv_path, "text/csv"))
            downloads = tuple(Download(path.name, mime, path.read_bytes()) for path, mime in files)
            return Feedback(Result("export", "ungraded", message), downloads=downloads)
        message = tr(self.lang, "quiz.exported", json=json_path.name, csv=csv_path.name)
        if overwrite:
            message += " " + tr(self.lang, "quiz.export_replaced")
        elif taken:
            message += " " + tr(self.lang, "quiz.export_kept", old=f"{stem}.json", name=json.dumps(stem))
        return Feedback(Result("export", "ungraded", message))


class Summary:
    """The score and what to look at again; on the site, the page's live score line."""

    def __init__(self, quiz: Quiz) -> None:
        self.quiz = quiz
        self._widget = None

    @property
    def widget(self):
        """A line in the notebook that follows the score as questions are answered."""
        if self._widget is None:
            from veerkracht.quiz.live import SummaryWidget

            self._widget = SummaryWidget(self)
        return self._widget

    def text(self) -> str:
        lang = self.quiz.lang
        right, total = self.quiz.score()
        review = self.quiz.to_review()
        head = tr(lang, "quiz.summary", right=right, total=total)
        if not review:
            return f"{head}. {tr(lang, 'quiz.summary_all')}"
        numbers = numbers_phrase(review, tr(lang, "quiz.and"))
        look = tr(lang, "quiz.summary_look", questions=tr(lang, "quiz.summary_questions", numbers=numbers))
        return f"{head}; {look}"

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        state = {"bank": self.quiz.bank.id, "lang": self.quiz.lang}
        return {**self.widget._repr_mimebundle_(), SUMMARY_MIME: state, "text/plain": self.text()}

    def __repr__(self) -> str:
        return self.text()


class QuestionView:
    """One question, displayed: an ipywidgets form in a kernel, a static form on the site."""

    def __init__(self, quiz: Quiz, question: Question) -> None:
        self.quiz, self.question = quiz, question
        self._widget = None

    @property
    def widget(self):
        if self._widget is None:
            from veerkracht.quiz.live import QuestionWidget

            self._widget = QuestionWidget(self.quiz, self.question)
        return self._widget

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        lang, question = self.quiz.lang, self.question
        state = {"bank": self.quiz.bank.id, "question": question.id, "lang": lang}
        text = f"{tr(lang, 'quiz.question', number=question.number)}: {question.prompt[lang]}"
        return {**self.widget._repr_mimebundle_(), QUESTION_MIME: state, "text/plain": text}
