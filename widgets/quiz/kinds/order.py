"""Order: the steps in the right order; every step says why it goes where it goes."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
from veerkracht.i18n import tr
from veerkracht.quiz.controls import html_box
from veerkracht.quiz.feedback import Result, about, explained, form, names, text_list, wrong
from veerkracht.quiz.kinds.base import IDS, Controls, Kind, choices_schema
from veerkracht.quiz.question import Checker, Question
from veerkracht.quiz.text import inline_html, markdown_text


class Order(Kind):
    name = "order"
    messages = ("order_form",)
    properties = {"steps": choices_schema("all"), "answer": IDS}
    required = ("steps", "answer")

    def parse(self, c: Checker, base: dict, answer: Any, model_keyed: bool) -> Question:
        steps = c.choices("steps", "all")
        if not isinstance(answer, list):
            raise c.fail("the answer must list every step exactly once")
        order = [c.id_in(a, "the step") for a in answer]
        if sorted(order) != sorted(s.id for s in steps):
            raise c.fail("the answer must list every step exactly once")
        return Question(**base, steps=steps, answer=tuple(order))

    def grade(self, q: Question, answer: object, lang: str) -> Result:
        order = text_list(answer)
        if type(answer) in (set, frozenset) or order is None or sorted(order) != sorted(q.answer):
            return form(q, lang, "quiz.order_form", steps=names(lang, q.steps))
        if tuple(order) == q.answer:
            return explained(q, lang)
        misplaced = [s for s in q.steps if order.index(s.id) != q.answer.index(s.id)]
        return wrong(q, lang, [about(lang, s) for s in misplaced])

    def widget(self, q: Question, lang: str) -> Controls:
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
                label = html_box(f"{position}. {inline_html(texts[step])}")
                rows.append(widgets.HBox([up, down, label]))
            box.children = rows

        def arrange(answer: object) -> None:
            if sorted(answer) != sorted(order):
                raise ValueError(answer)
            order[:] = answer
            draw()

        draw()
        return box, lambda: list(order), arrange

    def form_html(self, q: Question, lang: str, base: str) -> str:
        esc = html.escape
        rows = "".join(
            f'<li data-step="{esc(s.id)}"><span>{inline_html(s.text[lang])}</span>'
            f'<button type="button" class="vk-q-up" aria-label="{esc(tr(lang, "quiz.up", step=s.text[lang]))}">'
            f'↑</button><button type="button" class="vk-q-down"'
            f' aria-label="{esc(tr(lang, "quiz.down", step=s.text[lang]))}">↓</button></li>'
            for s in q.steps
        )
        return f'<ol class="vk-q-order">{rows}</ol>'

    def worked(self, q: Question, lang: str) -> str:
        steps = {s.id: markdown_text(s.text[lang], one_line=True) for s in q.steps}
        return "\n".join(f"{n}. {steps[s]}" for n, s in enumerate(q.answer, start=1))
