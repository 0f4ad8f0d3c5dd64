"""A student's session with one bank: answer, get feedback, keep a running score, export.

quiz = Quiz("ch01", lang="nl")
quiz.question("ch01-process")     # the question: a widget in Jupyter, a form on the site
quiz.check("ch01-rest", 70)       # or answer in code: feedback now, score kept
quiz.summary()                    # "7/9; kijk nog eens naar vraag 3 en 5"
quiz.export("mijn-resultaten")    # .json and .csv to hand in; nothing is sent anywhere
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from veerkracht.i18n import DEFAULT_LANGUAGE, check_language, tr
from veerkracht.quiz.bank import BANK_DIR, Bank, Question, load_bank
from veerkracht.quiz.grade import Result, grade
from veerkracht.quiz.static import question_html, score_html
from veerkracht.quiz.text import inline_html, numbers_phrase

STATUS_COLOURS = {"correct": "#0b6e4f", "wrong": "#b3261e", "empty": "#6b6b6b", "ungraded": "#0072b2"}


def _safe(answer: object) -> object:
    """The answer in a form JSON and CSV can hold (text, numbers, lists, mappings; else repr)."""
    if answer is None or type(answer) in (bool, int, str):
        return answer if type(answer) is not str else answer[:5_000]
    if type(answer) is float:
        return answer if answer == answer and abs(answer) != float("inf") else repr(answer)
    if type(answer) in (list, tuple, set, frozenset):
        return [_safe(a) for a in list(answer)[:50]]
    if type(answer) is dict:
        return {str(k)[:100]: _safe(v) for k, v in list(answer.items())[:50]}
    return repr(answer)[:200]


@dataclass
class Feedback:
    """One verdict, shown in the notebook (rich HTML, plain text elsewhere)."""

    result: Result
    hint: str | None = None

    def _repr_html_(self) -> str:
        colour = STATUS_COLOURS[self.result.status]
        hint = f"<br><em>{inline_html(self.hint)}</em>" if self.hint else ""
        return (
            f'<div class="vk-feedback" style="border-left: 4px solid {colour}; padding: 0.3em 0.8em;'
            f' font-size: 16px">{self.result.html}{hint}</div>'
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
        """Grade ``answer`` and keep it in the running score."""
        result = grade(self._question(question_id), answer, self.lang)
        self.attempts[question_id].append((answer, result))
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
                    "answer": _safe(attempts[-1][0]) if attempts else None,
                }
            )
        return rows

    def export(self, stem: str | Path = "veerkracht-resultaten") -> Feedback:
        """Write ``<stem>.json`` and ``<stem>.csv`` next to the notebook, for the student to
        hand in. Nothing is sent anywhere."""
        stem = Path(stem)
        right, total = self.score()
        rows = self.results()
        payload = {
            "bank": self.bank.id,
            "language": self.lang,
            "score": {"right": right, "total": total},
            "questions": rows,
        }
        json_path, csv_path = stem.with_suffix(".json"), stem.with_suffix(".csv")
        json_path.write_text(json.dumps(payload, ensure_ascii=False, indent=2), "utf-8")
        with csv_path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            for row in rows:
                writer.writerow({**row, "answer": json.dumps(row["answer"], ensure_ascii=False)})
        message = tr(self.lang, "quiz.exported", json=json_path.name, csv=csv_path.name)
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
        graded = sum(q.graded for q in self.quiz.bank.questions)
        bundle = self.widget._repr_mimebundle_()
        bundle["text/plain"] = self.text()
        bundle["text/html"] = score_html(self.quiz.lang, graded)
        return bundle

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
        bundle = self.widget._repr_mimebundle_()
        bundle["text/html"] = question_html(self.question, self.quiz.lang)
        bundle["text/plain"] = (
            f"{tr(self.quiz.lang, 'quiz.question', number=self.question.number)}: "
            + (self.question.prompt[self.quiz.lang])
        )
        return bundle
