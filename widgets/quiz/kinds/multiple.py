"""Multiple choice: the right options, all of them; every option says why it is right or wrong."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
from veerkracht.quiz.controls import html_box
from veerkracht.quiz.feedback import Result, about, empty, explained, form, names, text_list, wrong
from veerkracht.quiz.kinds.base import IDS, Controls, Kind, choices_schema, options_html, options_worked
from veerkracht.quiz.question import Checker, Question
from veerkracht.quiz.text import inline_html, plain_text


class Multiple(Kind):
    name = "multiple"
    messages = ("choose_list",)
    properties = {"options": choices_schema("all"), "answer": IDS | {"minItems": 1}}
    required = ("options", "answer")

    def parse(self, c: Checker, base: dict, answer: Any, model_keyed: bool) -> Question:
        options = c.choices("options", "all")
        ids = {o.id for o in options}
        if not isinstance(answer, list) or not answer:
            raise c.fail(f"the answer must list options among {sorted(ids)}")
        chosen = [c.id_in(a, "the option") for a in answer]
        if not set(chosen) <= ids:
            raise c.fail(f"the answer must list options among {sorted(ids)}")
        return Question(**base, options=options, answer=frozenset(chosen))

    def grade(self, q: Question, answer: object, lang: str) -> Result:
        picked = text_list(answer)
        if picked is None or not set(picked) <= {o.id for o in q.options}:
            return form(q, lang, "quiz.choose_list", choices=names(lang, q.options))
        chosen = set(picked)
        if not chosen:
            return empty(q, lang)
        if chosen == q.answer:
            return explained(q, lang)
        wrong_picks = [o for o in q.options if o.id in chosen and o.id not in q.answer]
        missed = [o for o in q.options if o.id in q.answer and o.id not in chosen]
        return wrong(q, lang, [about(lang, o) for o in wrong_picks + missed])

    def widget(self, q: Question, lang: str) -> Controls:
        boxes = {
            o.id: widgets.Checkbox(
                description=plain_text(o.text[lang]), indent=False, layout=widgets.Layout(width="20px")
            )
            for o in q.options
        }
        rows = [widgets.HBox([boxes[o.id], html_box(inline_html(o.text[lang]))]) for o in q.options]

        def tick(answer: object) -> None:
            for key, box in boxes.items():
                box.value = key in answer

        return widgets.VBox(rows), lambda: [k for k, b in boxes.items() if b.value], tick

    def form_html(self, q: Question, lang: str, base: str) -> str:
        return options_html(q, lang, base, "checkbox")

    def worked(self, q: Question, lang: str) -> str:
        return options_worked(q, lang, set(q.answer))
