"""Grading: an answer in, a verdict and feedback in the reader's language out. No UI here.

Answers are checked for their type before anything is compared, so an object that claims to
equal everything (a custom ``__eq__``), a wrong type, ``None``, NaN or a huge string is graded
as wrong (or empty) with a message that says what a good answer looks like; nothing here raises
for a reader's answer.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from numbers import Real

from veerkracht.i18n import check_language, number, tr
from veerkracht.quiz.bank import Question

MAX_TEXT = 5_000  # characters of an open answer
MAX_NUMBER_TEXT = 40
NUMBER_TEXT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)
STATUSES = ("correct", "wrong", "empty", "ungraded")


@dataclass(frozen=True)
class Result:
    """The verdict on one attempt. ``feedback`` is in the reader's language."""

    question: str
    status: str  # one of STATUSES
    feedback: str

    @property
    def correct(self) -> bool:
        return self.status == "correct"


def _ids(choices) -> str:
    return ", ".join(c.id for c in choices)


def _is_text(value: object) -> bool:
    return type(value) is str  # not a subclass: it could redefine equality


def _text_list(value: object) -> list[str] | None:
    if type(value) not in (list, tuple, set, frozenset):
        return None
    items = list(value)
    return items if all(_is_text(v) for v in items) else None


def _explained(question: Question, lang: str) -> str:
    parts = [tr(lang, "quiz.correct")]
    if question.explanation:
        parts.append(question.explanation[lang])
    return " ".join(parts)


def _wrong(question: Question, lang: str, reasons: list[str]) -> Result:
    shown = reasons[:2]  # a few reasons teach; all of them would give the answer away
    if len(reasons) > 2:
        shown.append(tr(lang, "quiz.n_more", n=len(reasons) - 2))
    return Result(question.id, "wrong", " ".join([tr(lang, "quiz.wrong"), *shown]))


def _empty(question: Question, lang: str) -> Result:
    return Result(question.id, "empty", tr(lang, "quiz.empty"))


def parse_number(value: object) -> float | None:
    """A finite number from an int, float or a short string (``"12,5"`` too), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Real):
        try:
            number_value = float(value)
        except (TypeError, ValueError, OverflowError):
            return None
    elif _is_text(value) and len(value) <= MAX_NUMBER_TEXT:
        text = value.strip().replace(" ", "")
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        if not NUMBER_TEXT.fullmatch(text):  # the same syntax as the page script accepts
            return None
        number_value = float(text)
    else:
        return None
    return number_value if math.isfinite(number_value) else None


def grade(question: Question, answer: object, lang: str) -> Result:
    """Grade ``answer`` to ``question``; never raises for any answer."""
    lang = check_language(lang)
    if answer is None or (_is_text(answer) and not answer.strip()):
        return _empty(question, lang)
    return _GRADERS[question.kind](question, answer, lang)


def _single(q: Question, answer: object, lang: str) -> Result:
    choices = _ids(q.options)
    if not _is_text(answer) or answer.strip() not in {o.id for o in q.options}:
        return Result(q.id, "wrong", tr(lang, "quiz.choose_one", choices=choices))
    picked = answer.strip()
    if picked == q.answer:
        return Result(q.id, "correct", _explained(q, lang))
    option = next(o for o in q.options if o.id == picked)
    return _wrong(q, lang, [option.feedback[lang]])


def _multiple(q: Question, answer: object, lang: str) -> Result:
    picked = _text_list(answer)
    ids = {o.id for o in q.options}
    if picked is None or not {p.strip() for p in picked} <= ids:
        return Result(q.id, "wrong", tr(lang, "quiz.choose_list", choices=_ids(q.options)))
    chosen = {p.strip() for p in picked}
    if not chosen:
        return _empty(q, lang)
    if chosen == q.answer:
        return Result(q.id, "correct", _explained(q, lang))
    reasons = [o.feedback[lang] for o in q.options if (o.id in chosen) != (o.id in q.answer)]
    return _wrong(q, lang, reasons)


def _classify(q: Question, answer: object, lang: str) -> Result:
    categories = {c.id for c in q.categories}
    form = tr(lang, "quiz.classify_form", categories=_ids(q.categories))
    if type(answer) is not dict:
        return Result(q.id, "wrong", form)
    pairs = list(answer.items())
    if not all(_is_text(k) and _is_text(v) for k, v in pairs):
        return Result(q.id, "wrong", form)
    given = {k.strip(): v.strip() for k, v in pairs}
    if not set(given) <= set(q.answer) or not set(given.values()) <= categories:
        return Result(q.id, "wrong", form)
    missing = [i.id for i in q.items if i.id not in given]
    if len(missing) == len(q.items):
        return _empty(q, lang)
    if missing:
        return Result(q.id, "wrong", tr(lang, "quiz.classify_missing", items=", ".join(missing)))
    if given == q.answer:
        return Result(q.id, "correct", _explained(q, lang))
    return _wrong(q, lang, [i.feedback[lang] for i in q.items if given[i.id] != q.answer[i.id]])


def _order(q: Question, answer: object, lang: str) -> Result:
    steps = _text_list(answer)
    if type(answer) in (set, frozenset) or steps is None:
        return Result(q.id, "wrong", tr(lang, "quiz.order_form", steps=_ids(q.steps)))
    order = [s.strip() for s in steps]
    if sorted(order) != sorted(q.answer):
        return Result(q.id, "wrong", tr(lang, "quiz.order_form", steps=_ids(q.steps)))
    if tuple(order) == q.answer:
        return Result(q.id, "correct", _explained(q, lang))
    misplaced = [s for s in q.steps if order.index(s.id) != q.answer.index(s.id)]
    return _wrong(q, lang, [s.feedback[lang] for s in misplaced])


def _number(q: Question, answer: object, lang: str) -> Result:
    value = parse_number(answer)
    if value is None:
        return Result(q.id, "wrong", tr(lang, "quiz.number_form"))
    if abs(value - q.answer) <= q.tolerance + 1e-9:
        return Result(q.id, "correct", _explained(q, lang))
    for low, high, text in q.ranges:
        if low <= value <= high:
            return _wrong(q, lang, [text[lang]])
    return _wrong(q, lang, [tr(lang, "quiz.too_high" if value > q.answer else "quiz.too_low")])


def _open(q: Question, answer: object, lang: str) -> Result:
    if not _is_text(answer):
        return Result(q.id, "wrong", tr(lang, "quiz.open_form"))
    if len(answer) > MAX_TEXT:
        return Result(q.id, "wrong", tr(lang, "quiz.too_long", limit=number(MAX_TEXT, 0, lang)))
    return Result(q.id, "ungraded", f"{tr(lang, 'quiz.ungraded')} {q.model_answer[lang]}")


_GRADERS = {
    "single": _single,
    "multiple": _multiple,
    "classify": _classify,
    "order": _order,
    "number": _number,
    "open": _open,
}
