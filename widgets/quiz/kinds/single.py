"""Single choice: one option is right; every wrong option says why it is wrong."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
from veerkracht.quiz.controls import CHOICE_CSS, CHOICES
from veerkracht.quiz.feedback import Result, about, clean, explained, form, names, wrong
from veerkracht.quiz.kinds.base import ID, MODEL, Controls, Kind, choices_schema, options_html, options_worked
from veerkracht.quiz.question import Checker, Question, shown
from veerkracht.quiz.text import plain_text


class Single(Kind):
    name = "single"
    messages = ("choose_one",)
    properties = {"options": choices_schema("optional"), "answer": {"anyOf": [ID, MODEL]}}
    required = ("options", "answer")

    def parse(self, c: Checker, base: dict, answer: Any, model_keyed: bool) -> Question:
        if model_keyed and not isinstance(answer, str):
            quantity = c.raw["answer"].get("quantity")
            raise c.fail(
                f"the answer: the model's {quantity!r} is the number {answer}, not one of the option ids;"
                " key a single-choice question to a quantity that names an outcome, or make it a number question"
            )
        options = c.choices("options", "all" if model_keyed else "optional")
        ids = {o.id for o in options}
        if not isinstance(answer, str) or answer not in ids:
            raise c.fail(f"the answer {shown(answer)} is not among the options {sorted(ids)}")
        missing = [o.id for o in options if o.id != answer and o.feedback is None]
        if missing:
            raise c.fail(f"wrong options without feedback: {missing}")
        return Question(**base, options=options, answer=answer)

    def grade(self, q: Question, answer: object, lang: str) -> Result:
        picked = clean(answer)
        option = next((o for o in q.options if o.id == picked), None)
        if option is None:
            return form(q, lang, "quiz.choose_one", choices=names(lang, q.options))
        if picked == q.answer:
            return explained(q, lang)
        return wrong(q, lang, [about(lang, option)])

    def widget(self, q: Question, lang: str) -> Controls:
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

    def form_html(self, q: Question, lang: str, base: str) -> str:
        return options_html(q, lang, base, "radio")

    def worked(self, q: Question, lang: str) -> str:
        return options_worked(q, lang, {q.answer})
