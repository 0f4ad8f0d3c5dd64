"""Open: a text answer, not graded; the reader gets the model answer to compare with."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
from veerkracht.i18n import number, tr
from veerkracht.quiz.feedback import MAX_TEXT, Result, as_text, bank_line, form, joined, message, result
from veerkracht.quiz.kinds.base import TEXT, Controls, Kind
from veerkracht.quiz.question import Checker, Question
from veerkracht.quiz.text import markdown_text


class Open(Kind):
    name = "open"
    graded = False
    messages = ("open_form", "too_long")
    properties = {"model_answer": TEXT}
    required = ("model_answer",)

    def parse(self, c: Checker, base: dict, answer: Any, model_keyed: bool) -> Question:
        return Question(**base, model_answer=c.text(c.field("model_answer"), "model_answer"))

    def grade(self, q: Question, answer: object, lang: str) -> Result:
        text = as_text(answer)
        if text is None:
            return form(q, lang, "quiz.open_form")
        if len(text) > MAX_TEXT:
            return form(q, lang, "quiz.too_long", limit=number(MAX_TEXT, 0, lang))
        return result(
            q, "ungraded", joined([message(lang, "quiz.ungraded"), bank_line(q.model_answer[lang])], " ", " ")
        )

    def widget(self, q: Question, lang: str) -> Controls:
        area = widgets.Textarea(
            description=tr(lang, "quiz.your_answer"),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%", height="7em"),
        )
        return area, lambda: area.value, lambda answer: setattr(area, "value", str(answer))

    def form_html(self, q: Question, lang: str, base: str) -> str:
        label = html.escape(tr(lang, "quiz.your_answer"))
        return (
            f'<div class="vk-q-open"><label for="{base}.text">{label}</label>'
            f'<textarea id="{base}.text" rows="4" maxlength="{MAX_TEXT}"></textarea></div>'
        )

    def worked(self, q: Question, lang: str) -> str:
        return f"**{tr(lang, 'answers.model_answer')}:** {markdown_text(q.model_answer[lang])}"
