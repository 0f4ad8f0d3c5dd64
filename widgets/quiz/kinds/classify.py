"""Classify: each item goes into one of the categories; every item says why where it belongs."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
from veerkracht.i18n import tr
from veerkracht.quiz.controls import UNSEEN_LABEL, html_box
from veerkracht.quiz.feedback import Result, about, clean, empty, explained, form, names, wrong
from veerkracht.quiz.kinds.base import ID, Controls, Kind, choices_schema
from veerkracht.quiz.question import Checker, Question
from veerkracht.quiz.text import inline_html, markdown_text, plain_text


class Classify(Kind):
    name = "classify"
    messages = ("classify_form", "classify_missing")
    properties = {
        "categories": choices_schema("none"),
        "items": choices_schema("all"),
        "answer": {"type": "object", "additionalProperties": ID},
    }
    required = ("categories", "items", "answer")

    def parse(self, c: Checker, base: dict, answer: Any, model_keyed: bool) -> Question:
        categories = c.choices("categories", "none")
        items = c.choices("items", "all")
        cats = {k.id for k in categories}
        if not isinstance(answer, dict):
            raise c.fail("the answer must give a category for every item, and only for the items")
        key = {c.id_in(k, "the item"): c.id_in(v, "the category") for k, v in answer.items()}
        if set(key) != {i.id for i in items}:
            raise c.fail("the answer must give a category for every item, and only for the items")
        if not set(key.values()) <= cats:
            raise c.fail(f"the answer uses a category that is not among {sorted(cats)}")
        return Question(**base, categories=categories, items=items, answer=key)

    def grade(self, q: Question, answer: object, lang: str) -> Result:
        bad_form = form(q, lang, "quiz.classify_form", categories=names(lang, q.categories))
        if type(answer) is not dict:
            return bad_form
        pairs = [(clean(k), clean(v)) for k, v in answer.items()]
        given = dict(pairs)
        if (
            None in given
            or None in given.values()
            or len(given) != len(pairs)  # two keys that differ only in surrounding spaces
            or not set(given) <= set(q.answer)
            or not set(given.values()) <= {c.id for c in q.categories}
        ):
            return bad_form
        missing = [i for i in q.items if i.id not in given]
        if len(missing) == len(q.items):
            return empty(q, lang)
        if missing:
            return form(q, lang, "quiz.classify_missing", items=names(lang, missing))
        if given == q.answer:
            return explained(q, lang)
        return wrong(q, lang, [about(lang, i) for i in q.items if given[i.id] != q.answer[i.id]])

    def widget(self, q: Question, lang: str) -> Controls:
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
                [html_box(inline_html(i.text[lang])).add_class("vk-grow"), menus[i.id]],
                layout=widgets.Layout(justify_content="space-between", width="100%"),
            )
            for i in q.items
        ]

        def choose(answer: object) -> None:
            for key, menu in menus.items():
                menu.value = answer.get(key)

        return widgets.VBox(rows), lambda: {k: m.value for k, m in menus.items() if m.value}, choose

    def form_html(self, q: Question, lang: str, base: str) -> str:
        esc = html.escape
        options = f'<option value="">{esc(tr(lang, "quiz.choose"))}</option>' + "".join(
            f'<option value="{esc(c.id)}">{esc(c.text[lang])}</option>' for c in q.categories
        )
        rows = "".join(
            f'<div class="vk-q-item"><label for="{base}.item-{esc(i.id)}">{inline_html(i.text[lang])}</label>'
            f'<select id="{base}.item-{esc(i.id)}" data-item="{esc(i.id)}">{options}</select></div>'
            for i in q.items
        )
        # On paper a list shows only its first line: the categories are printed once, as text, above.
        printed = esc(tr(lang, "quiz.categories", categories=", ".join(c.text[lang] for c in q.categories)))
        return f'<p class="vk-q-print">{printed}</p><div class="vk-q-classify">{rows}</div>'

    def worked(self, q: Question, lang: str) -> str:
        shown = {c.id: markdown_text(c.text[lang], one_line=True) for c in q.categories}
        return "\n".join(
            f"- {markdown_text(i.text[lang], one_line=True)} → **{shown[q.answer[i.id]]}**" for i in q.items
        )
