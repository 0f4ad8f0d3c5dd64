"""Questions in a live kernel: small ipywidgets forms that grade through the quiz session.

Each form reads its controls into the same answer shapes a student would type in code, so the
session's grader is the only place answers are judged.

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
from veerkracht.quiz.session import STATUS_COLOURS, Quiz, Summary
from veerkracht.quiz.static import version
from veerkracht.quiz.store import AnswerStore
from veerkracht.quiz.text import inline_html, plain_text

FONT = "font-size: 16px; line-height: 1.45"
UNSEEN_LABEL = {"description_width": "0px"}  # names the control; the text is shown beside it
CHOICES = "vk-quiz-choices"
# Single-choice buttons: one under the other, full width, their text wrapping and left-aligned. Not
# tied to the ``jupyter-widgets`` class, which JupyterLite's notebook app does not put on the
# buttons' box; ``!important`` over the widget manager's own one-line button rules.
CHOICE_CSS = (
    "<style>"
    f".{CHOICES} > div {{display: flex; flex-direction: column; align-items: stretch; gap: 0.3em}}"
    f".{CHOICES} .widget-toggle-button {{width: auto !important; height: auto !important;"
    " white-space: normal !important; overflow: visible !important; text-overflow: clip !important;"
    " text-align: left; font-size: 16px; line-height: 1.45; padding: 0.35em 0.8em}}"
    "</style>"
)


def _html(text: str, **layout: str) -> widgets.HTML:
    return widgets.HTML(f"<div style='{FONT}'>{text}</div>", layout=widgets.Layout(**layout))


class QuestionWidget(widgets.VBox):
    """One question: prompt, controls, a check button, feedback and (after a miss) the hint."""

    def __init__(self, quiz: Quiz, question: Question) -> None:
        self._quiz, self._q, lang = quiz, question, quiz.lang
        title = tr(lang, "quiz.question", number=question.number)
        goal = html.escape(tr(lang, "quiz.goal", goal=question.goal[lang]))
        header = _html(
            f"<strong>{html.escape(title)}</strong> <small>{goal}</small><br>{inline_html(question.prompt[lang])}"
        )
        self._controls, self._read, self._write = self._build(question, lang)
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

    def _build(self, q: Question, lang: str):
        """Controls for ``q``, a function reading them as an answer and one setting them to an
        answer. Option texts are HTML (they wrap); ipywidgets' own labels stay on one line and
        overlap when long."""
        if q.kind == "single":
            # One button per option with its whole text, wrapping (ipywidgets' buttons stay on one
            # line and cut a long text to "m…"; CHOICE_CSS lets these wrap). The text names the button.
            pick = widgets.ToggleButtons(
                options=[(f"{o.id}) {plain_text(o.text[lang])}", o.id) for o in q.options],
                value=None,
                style={"button_width": "auto"},
                layout=widgets.Layout(width="100%"),
            ).add_class(CHOICES)

            def pick_answer(answer: object) -> None:
                pick.value = answer

            return widgets.VBox([widgets.HTML(CHOICE_CSS), pick]), lambda: pick.value, pick_answer
        if q.kind == "multiple":
            boxes = {
                o.id: widgets.Checkbox(
                    description=plain_text(o.text[lang]), indent=False, layout=widgets.Layout(width="20px")
                )
                for o in q.options
            }
            rows = [widgets.HBox([boxes[o.id], _html(inline_html(o.text[lang]))]) for o in q.options]

            def tick(answer: object) -> None:
                for key, box in boxes.items():
                    box.value = key in answer

            return widgets.VBox(rows), lambda: [k for k, b in boxes.items() if b.value], tick
        if q.kind == "classify":
            choice = [(tr(lang, "quiz.choose"), None)] + [(c.text[lang], c.id) for c in q.categories]
            menus = {
                i.id: widgets.Dropdown(
                    options=choice,
                    index=0,  # "choose…", not a blank box (value None would select nothing)
                    description=plain_text(i.text[lang]),
                    style=UNSEEN_LABEL,
                    layout=widgets.Layout(width="16em"),
                )
                for i in q.items
            }
            rows = [
                widgets.HBox(
                    [_html(inline_html(i.text[lang])).add_class("vk-grow"), menus[i.id]],
                    layout=widgets.Layout(justify_content="space-between", width="100%"),
                )
                for i in q.items
            ]

            def choose(answer: object) -> None:
                for key, menu in menus.items():
                    menu.value = answer.get(key)

            return widgets.VBox(rows), lambda: {k: m.value for k, m in menus.items() if m.value}, choose
        if q.kind == "order":
            return self._order(q, lang)
        if q.kind == "number":
            label = tr(lang, "quiz.live_answer_unit", unit=q.unit[lang]) if q.unit else tr(lang, "quiz.your_answer")
            box = widgets.Text(description=label, style={"description_width": "initial"})
            return box, lambda: box.value, lambda answer: setattr(box, "value", str(answer))
        area = widgets.Textarea(
            description=tr(lang, "quiz.your_answer"),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%", height="7em"),
        )
        return area, lambda: area.value, lambda answer: setattr(area, "value", str(answer))

    def _order(self, q: Question, lang: str):
        order = [s.id for s in q.steps]
        texts = {s.id: s.text[lang] for s in q.steps}
        box = widgets.VBox()

        def move(step: str, delta: int) -> None:
            i = order.index(step)
            j = i + delta
            if 0 <= j < len(order):
                order[i], order[j] = order[j], order[i]
                draw()

        def draw() -> None:
            rows = []
            for position, step in enumerate(order, start=1):
                up = widgets.Button(
                    icon="arrow-up",
                    tooltip=tr(lang, "quiz.up", step=texts[step]),
                    layout=widgets.Layout(width="3em"),
                )
                down = widgets.Button(
                    icon="arrow-down",
                    tooltip=tr(lang, "quiz.down", step=texts[step]),
                    layout=widgets.Layout(width="3em"),
                )
                up.on_click(lambda _, s=step: move(s, -1))
                down.on_click(lambda _, s=step: move(s, +1))
                label = _html(f"{position}. {inline_html(texts[step])}")
                rows.append(widgets.HBox([up, down, label]))
            box.children = rows

        def arrange(answer: object) -> None:
            if sorted(answer) != sorted(order):
                raise ValueError(answer)
            order[:] = answer
            draw()

        draw()
        return box, lambda: list(order), arrange

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
