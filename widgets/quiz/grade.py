"""Grading: an answer in, a verdict and feedback in the reader's language out. No UI here.

Answers are checked for their type before anything is compared, so an object that claims to
equal everything (a custom ``__eq__``), a wrong type, ``None``, NaN or a huge string is graded
as wrong (or empty) with a message that says what a good answer looks like; nothing here raises
for a reader's answer. Texts (a ``str`` subclass, ``numpy.str_`` too) are copied to plain ``str``
before they are compared, and numbers (``Decimal``, numpy scalars and one-element arrays too) are
converted to ``float``, so no custom equality is ever trusted.

Feedback names what it speaks of by its reader text (never an internal id) and starts with what
the reader picked wrongly, then what they missed; a few reasons at most, so the feedback teaches
without giving the whole key away. ``widgets/assets/quiz.js`` follows exactly these rules on the
site; ``tests/data/grade_cases.json`` holds both to the same verdicts.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from numbers import Real

from veerkracht.i18n import check_language, number, plural, tr
from veerkracht.quiz.bank import Choice, Question
from veerkracht.quiz.text import inline_html

MAX_TEXT = 5_000  # characters of an open answer
MAX_NUMBER_TEXT = 40
MAX_REASONS = 2  # a few reasons teach; all of them would give the answer away
NUMBER_TEXT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)
# "1.000" is a thousand in Dutch and one in English, "1,000" the other way round: refused.
THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}[.,]\d{3}", re.ASCII)
# Whitespace trimmed from both ends of a text answer: the same list as quiz.js uses (JavaScript's
# trim() and Python's strip() disagree on a byte-order mark and on some control characters).
SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
EDGES = re.compile(f"^[{SPACE}]+|[{SPACE}]+$")
STATUSES = ("correct", "wrong", "empty", "ungraded")


@dataclass(frozen=True)
class Result:
    """The verdict on one attempt. ``feedback`` is in the reader's language (bank Markdown)."""

    question: str
    status: str  # one of STATUSES
    feedback: str

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    @property
    def html(self) -> str:
        """The feedback as escaped HTML with its **bold** and *italics*, a line per reason."""
        return "<br>".join(inline_html(line) for line in self.feedback.split("\n"))


def _text(value: object) -> str | None:
    """A text answer as a plain ``str`` (a subclass could redefine equality), else None."""
    return str.__str__(value) if isinstance(value, str) else None


def clean(value: object) -> str | None:
    """A text answer without the surrounding whitespace, else None."""
    text = _text(value)
    return None if text is None else EDGES.sub("", text)


def _text_list(value: object) -> list[str] | None:
    if type(value) not in (list, tuple, set, frozenset):
        return None
    items = [clean(v) for v in value]
    return None if None in items else items


def _name(lang: str, choice: Choice) -> str:
    return tr(lang, "quiz.name", text=choice.text[lang])


def _names(lang: str, choices) -> str:
    return ", ".join(_name(lang, c) for c in choices)


def _about(lang: str, choice: Choice) -> str:
    return tr(lang, "quiz.about", choice=_name(lang, choice), feedback=choice.feedback[lang])


def _explained(question: Question, lang: str) -> str:
    parts = [tr(lang, "quiz.correct")]
    if question.explanation:
        parts.append(question.explanation[lang])
    return " ".join(parts)


def _wrong(question: Question, lang: str, reasons: list[str]) -> Result:
    """Reasons come in order: the reader's wrong picks first, then what they missed."""
    shown = reasons[:MAX_REASONS]
    if len(reasons) > MAX_REASONS:
        shown.append(plural(lang, "quiz.n_more", len(reasons) - MAX_REASONS))
    return Result(question.id, "wrong", "\n".join([tr(lang, "quiz.wrong"), *shown]))


def _empty(question: Question, lang: str) -> Result:
    return Result(question.id, "empty", tr(lang, "quiz.empty"))


def _scalar(value: object) -> object:
    """A numpy scalar or one-element array as the Python value it holds (numpy is not imported)."""
    if type(value).__module__.partition(".")[0] != "numpy":
        return value
    try:
        return value.item()
    except Exception:  # a larger array, or an odd object: not one number
        return None


def _number_text(text: str) -> float | None:
    if len(text) > MAX_NUMBER_TEXT:
        return None
    text = EDGES.sub("", text)
    if THOUSANDS.fullmatch(text):
        return None
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    if not NUMBER_TEXT.fullmatch(text):  # the same syntax as the page script accepts
        return None
    return float(text)


def parse_number(value: object) -> float | None:
    """A finite number from a number (``Decimal`` and numpy's too) or a short text (``"12,5"``
    too; ``"6 5"`` and thousands separators not), else None. Never raises."""
    value = _scalar(value)
    text = _text(value)
    if text is not None:
        number_value = _number_text(text)
    elif isinstance(value, Real | Decimal) and not isinstance(value, bool):
        try:
            number_value = float(value)
        except Exception:  # a number-like object whose conversion fails is not a number
            return None
    else:
        return None
    return number_value if number_value is not None and math.isfinite(number_value) else None


def grade(question: Question, answer: object, lang: str) -> Result:
    """Grade ``answer`` to ``question``; never raises for any answer."""
    lang = check_language(lang)
    if answer is None or clean(answer) == "":
        return _empty(question, lang)
    return _GRADERS[question.kind](question, answer, lang)


def _single(q: Question, answer: object, lang: str) -> Result:
    picked = clean(answer)
    option = next((o for o in q.options if o.id == picked), None)
    if option is None:
        return Result(q.id, "wrong", tr(lang, "quiz.choose_one", choices=_names(lang, q.options)))
    if picked == q.answer:
        return Result(q.id, "correct", _explained(q, lang))
    return _wrong(q, lang, [_about(lang, option)])


def _multiple(q: Question, answer: object, lang: str) -> Result:
    picked = _text_list(answer)
    if picked is None or not set(picked) <= {o.id for o in q.options}:
        return Result(q.id, "wrong", tr(lang, "quiz.choose_list", choices=_names(lang, q.options)))
    chosen = set(picked)
    if not chosen:
        return _empty(q, lang)
    if chosen == q.answer:
        return Result(q.id, "correct", _explained(q, lang))
    wrong_picks = [o for o in q.options if o.id in chosen and o.id not in q.answer]
    missed = [o for o in q.options if o.id in q.answer and o.id not in chosen]
    return _wrong(q, lang, [_about(lang, o) for o in wrong_picks + missed])


def _classify(q: Question, answer: object, lang: str) -> Result:
    form = tr(lang, "quiz.classify_form", categories=_names(lang, q.categories))
    if type(answer) is not dict:
        return Result(q.id, "wrong", form)
    pairs = [(clean(k), clean(v)) for k, v in answer.items()]
    given = dict(pairs)
    if (
        None in given
        or None in given.values()
        or len(given) != len(pairs)  # two keys that differ only in surrounding spaces
        or not set(given) <= set(q.answer)
        or not set(given.values()) <= {c.id for c in q.categories}
    ):
        return Result(q.id, "wrong", form)
    missing = [i for i in q.items if i.id not in given]
    if len(missing) == len(q.items):
        return _empty(q, lang)
    if missing:
        return Result(q.id, "wrong", tr(lang, "quiz.classify_missing", items=_names(lang, missing)))
    if given == q.answer:
        return Result(q.id, "correct", _explained(q, lang))
    return _wrong(q, lang, [_about(lang, i) for i in q.items if given[i.id] != q.answer[i.id]])


def _order(q: Question, answer: object, lang: str) -> Result:
    order = _text_list(answer)
    if type(answer) in (set, frozenset) or order is None or sorted(order) != sorted(q.answer):
        return Result(q.id, "wrong", tr(lang, "quiz.order_form", steps=_names(lang, q.steps)))
    if tuple(order) == q.answer:
        return Result(q.id, "correct", _explained(q, lang))
    misplaced = [s for s in q.steps if order.index(s.id) != q.answer.index(s.id)]
    return _wrong(q, lang, [_about(lang, s) for s in misplaced])


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
    text = _text(answer)
    if text is None:
        return Result(q.id, "wrong", tr(lang, "quiz.open_form"))
    if len(text) > MAX_TEXT:
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
