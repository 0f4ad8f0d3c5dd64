"""Questions in a live kernel: small ipywidgets forms that grade through the quiz session.

Each form reads its controls into the same answer shapes a student would type in code, so the
session's grader is the only place answers are judged. The controls are the question kind's own
(``Kind.widget`` in ``veerkracht.quiz.kinds``); this module puts the prompt, the check button, the
feedback and the hint around them.

Every control has an accessible name in JupyterLab (tests/test_lab_accessibility.py runs axe
there). ipywidgets 8 puts a control's ``description`` in a ``<label for=...>`` (a checkbox's in
the label around it) and a button's ``tooltip`` in its ``title``; its ``tooltip`` on other
controls lands on a hidden label and names nothing. Where the text is already shown beside the
control in wrapping HTML, the description is the same text in a label of zero width.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
from veerkracht.i18n import tr
from veerkracht.quiz.bank import Question
from veerkracht.quiz.controls import CHOICE_CSS, CHOICES, FONT, html_box
from veerkracht.quiz.kinds import kind_of
from veerkracht.quiz.session import STATUS_COLOURS, Quiz, Summary
from veerkracht.quiz.static import version
from veerkracht.quiz.store import AnswerStore
from veerkracht.quiz.text import inline_html

__all__ = ["CHOICES", "CHOICE_CSS", "QuestionWidget", "SummaryWidget"]


class QuestionWidget(widgets.VBox):
    """One question: prompt, controls, a check button, feedback and (after a miss) the hint."""

    def __init__(self, quiz: Quiz, question: Question) -> None:
        self._quiz, self._q, lang = quiz, question, quiz.lang
        title = tr(lang, "quiz.question", number=question.number)
        goal = html.escape(tr(lang, "quiz.goal", goal=question.goal[lang]))
        header = html_box(
            f"<strong>{html.escape(title)}</strong> <small>{goal}</small><br>{inline_html(question.prompt[lang])}"
        )
        self._controls, self._read, self._write = kind_of(question.kind).widget(question, lang)
        self._button = widgets.Button(description=tr(lang, "quiz.check"), button_style="primary")
        self._feedback = widgets.HTML()
        self._hint = widgets.HTML()
        self._button.on_click(lambda _: self.submit())
        parts = [header, self._controls, self._button, self._feedback, self._hint]
        if question.demo is not None:  # the demo the question reads a value off, in its state, below
            self.demo_button = widgets.Button(
                description=tr(lang, "quiz.open_demo"), layout=widgets.Layout(width="auto")
            )
            self.demo_output = widgets.Output()
            self.demo_button.on_click(lambda _: self.open_demo())
            parts[1:1] = [self.demo_button, self.demo_output]
        # The last answer, kept by the browser across a reload (quiz/store.py).
        self._store = AnswerStore(key=f"vk-live:{lang}:{quiz.bank.id}:{question.id}")
        self._store.observe(lambda change: self.restore(change["new"]), names="kept")
        parts.append(self._store)
        super().__init__(parts)

    def open_demo(self) -> None:
        """Show the question's demo, in the state the question names, under the prompt."""
        from IPython.display import display

        self.demo_output.clear_output()
        with self.demo_output:
            display(self._q.demo.demo(self._quiz.lang))

    def answer(self) -> object:
        """The answer as the controls now give it."""
        return self._read()

    def submit(self) -> None:
        """Grade the current answer through the session and show the verdict."""
        result = self._quiz.record(self._q.id, self.answer())
        attempts = self._quiz.attempts[self._q.id]
        self._store.record = {"version": version(self._q), "answer": attempts[-1][0], "attempts": len(attempts)}
        colour = STATUS_COLOURS[result.status]
        self._feedback.value = (
            f"<div style='{FONT}; border-left: 4px solid {colour}; padding: 0.2em 0.8em'>{result.html}</div>"
        )
        if result.status == "wrong":
            hint = f"{tr(self._quiz.lang, 'quiz.hint')} {self._q.hint[self._quiz.lang]}"
            self._hint.value = f"<div style='{FONT}'><em>{inline_html(hint)}</em></div>"
        elif result.status == "correct":
            self._hint.value = ""

    def restore(self, kept: dict) -> None:
        """Bring back an answer the browser kept (``AnswerStore``): set the controls to it and check
        it again, as often tried as before. One kept for another version of the question, or one
        the controls cannot show (a damaged record), is left out, as on the site."""
        if kept.get("version") != version(self._q) or "answer" not in kept or self._quiz.attempts[self._q.id]:
            return
        try:
            self._write(kept["answer"])
        except Exception:  # a damaged record: the question starts empty
            return
        self.submit()
        attempts = self._quiz.attempts[self._q.id]
        tried = kept.get("attempts")
        if isinstance(tried, int) and 1 < tried <= 1000:
            attempts[:0] = attempts[:1] * (tried - 1)
            self._store.record = {**self._store.record, "attempts": len(attempts)}


class SummaryWidget(widgets.HTML):
    """The session's summary line, redrawn after every attempt."""

    def __init__(self, summary: Summary) -> None:
        super().__init__()
        self._summary = summary
        summary.quiz.listeners.append(self.redraw)
        self.redraw()

    def redraw(self) -> None:
        self.value = f"<p style='{FONT}'><strong>{html.escape(self._summary.text())}</strong></p>"
