"""The site's rendering of a question: plain HTML form controls and the question's data, read by
``widgets/assets/quiz.js`` (which the book loads on pages with questions). It grades in the
browser exactly as ``grade.py`` does; the browser tests hold the two to the same verdicts."""

from __future__ import annotations

import html
import json

from veerkracht.i18n import catalogue, tr
from veerkracht.quiz.bank import Choice, Question
from veerkracht.quiz.text import inline_html

MESSAGES = (
    "correct",
    "wrong",
    "empty",
    "ungraded",
    "choose_one",
    "choose_list",
    "classify_form",
    "classify_missing",
    "order_form",
    "number_form",
    "too_high",
    "too_low",
    "open_form",
    "too_long",
    "n_more",
    "score",
    "up",
    "down",
)


def _choices(choices: tuple[Choice, ...], lang: str) -> list[dict]:
    return [
        {"id": c.id, "text": c.text[lang], **({"feedback": c.feedback[lang]} if c.feedback else {})} for c in choices
    ]


def question_data(q: Question, lang: str) -> dict:
    """What the page script needs to show and grade ``q`` in ``lang``."""
    answer = sorted(q.answer) if isinstance(q.answer, frozenset) else q.answer
    data = {
        "id": q.id,
        "kind": q.kind,
        "answer": list(answer) if isinstance(answer, tuple) else answer,
        "explanation": q.explanation[lang] if q.explanation else None,
        "tolerance": q.tolerance,
        "options": _choices(q.options, lang),
        "categories": _choices(q.categories, lang),
        "items": _choices(q.items, lang),
        "steps": _choices(q.steps, lang),
        "ranges": [[low, high, text[lang]] for low, high, text in q.ranges],
        "modelAnswer": q.model_answer[lang] if q.model_answer else None,
        "messages": {key: catalogue(lang)[f"quiz.{key}"] for key in MESSAGES},
    }
    return data


def _controls(q: Question, lang: str) -> str:
    base = f"vkq-{q.id}"
    esc = html.escape
    if q.kind in ("single", "multiple"):
        kind = "radio" if q.kind == "single" else "checkbox"
        rows = "".join(
            f'<label class="vk-q-option"><input type="{kind}" name="{base}" value="{esc(o.id)}"> '
            f"{inline_html(o.text[lang])}</label>"
            for o in q.options
        )
        return f'<fieldset class="vk-q-choices" aria-labelledby="{base}-prompt">{rows}</fieldset>'
    if q.kind == "classify":
        options = f'<option value="">{esc(tr(lang, "quiz.choose"))}</option>' + "".join(
            f'<option value="{esc(c.id)}">{esc(c.text[lang])}</option>' for c in q.categories
        )
        rows = "".join(
            f'<div class="vk-q-item"><label for="{base}-{esc(i.id)}">{inline_html(i.text[lang])}</label>'
            f'<select id="{base}-{esc(i.id)}" data-item="{esc(i.id)}">{options}</select></div>'
            for i in q.items
        )
        return f'<div class="vk-q-classify">{rows}</div>'
    if q.kind == "order":
        rows = "".join(
            f'<li data-step="{esc(s.id)}"><span>{inline_html(s.text[lang])}</span>'
            f'<button type="button" class="vk-q-up" aria-label="{esc(tr(lang, "quiz.up", step=s.text[lang]))}">'
            f'↑</button><button type="button" class="vk-q-down"'
            f' aria-label="{esc(tr(lang, "quiz.down", step=s.text[lang]))}">↓</button></li>'
            for s in q.steps
        )
        return f'<ol class="vk-q-order">{rows}</ol>'
    label = esc(tr(lang, "quiz.your_answer"))
    if q.kind == "number":
        unit = f'<span class="vk-q-unit">{esc(q.unit[lang])}</span>' if q.unit else ""
        return (
            f'<div class="vk-q-number"><label for="{base}-value">{label}</label>'
            f'<input type="text" inputmode="decimal" id="{base}-value" autocomplete="off" maxlength="40">{unit}</div>'
        )
    return (
        f'<div class="vk-q-open"><label for="{base}-text">{label}</label>'
        f'<textarea id="{base}-text" rows="4" maxlength="5000"></textarea></div>'
    )


def question_html(q: Question, lang: str) -> str:
    """The question as a self-contained block of the page."""
    data = json.dumps(question_data(q, lang), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    title = html.escape(tr(lang, "quiz.question", number=q.number))
    return (
        f'<section class="vk-question" data-vk-question="{html.escape(q.id)}" data-kind="{q.kind}"'
        f' data-graded="{str(q.graded).lower()}" lang="{lang}" aria-label="{title}">'
        f'<p class="vk-q-title"><strong>{title}</strong> <span class="vk-q-goal">'
        f"{html.escape(tr(lang, 'quiz.goal', goal=q.goal[lang]))}</span></p>"
        f'<p class="vk-q-prompt" id="vkq-{html.escape(q.id)}-prompt">{inline_html(q.prompt[lang])}</p>'
        f"{_controls(q, lang)}"
        f'<p><button type="button" class="vk-q-check">{html.escape(tr(lang, "quiz.check"))}</button></p>'
        f'<div class="vk-q-feedback" role="status" aria-live="polite"></div>'
        f'<p class="vk-q-hint" hidden><strong>{html.escape(tr(lang, "quiz.hint"))}</strong> '
        f"{inline_html(q.hint[lang])}</p>"
        f'<script type="application/json" class="vk-q-data">{data}</script></section>'
    )


def score_html(lang: str, total: int) -> str:
    """The page's score line, filled in by the page script as questions are answered."""
    text = html.escape(tr(lang, "quiz.score", right=0, total=total))
    return f'<p class="vk-quiz-score" role="status" aria-live="polite" data-total="{total}">{text}</p>'
