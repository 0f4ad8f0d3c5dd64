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

Each message is made twice, as plain text (``Result.feedback``) and as HTML (``Result.html``), and the
HTML the way the site's script makes it: the message's template and every bank text in it become HTML
each on their own (``inline_html``), then the texts go into the template. So a text's line break or a
stray asterisk looks the same in Jupyter and on the site (``tests/test_quiz_markup.py``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from numbers import Real

from veerkracht.i18n import catalogue, check_language, number, tr
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
    markup: str | None = None  # the feedback as HTML, as the grader made it

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    @property
    def html(self) -> str:
        """The feedback as escaped HTML with its **bold** and *italics*, a line per reason, exactly
        as the site's script shows it."""
        return self.markup if self.markup is not None else inline_html(self.feedback)


@dataclass(frozen=True)
class _Line:
    """One piece of feedback as text and as HTML."""

    text: str
    html: str


def _bank(text: str) -> _Line:
    return _Line(text, inline_html(text))


def _message(lang: str, key: str, **fields: _Line | str | int) -> _Line:
    """The message ``key`` with ``fields`` filled in, as text and as HTML: the template and each
    field made HTML on their own, as quiz.js fills them (``fill``)."""
    texts = {name: value.text if isinstance(value, _Line) else value for name, value in fields.items()}
    htmls = {name: value.html if isinstance(value, _Line) else value for name, value in fields.items()}
    return _Line(tr(lang, key, **texts), inline_html(catalogue(lang)[key]).format(**htmls))


def _join(lines: list[_Line], text: str, html: str) -> _Line:
    return _Line(text.join(line.text for line in lines), html.join(line.html for line in lines))


def _result(question: Question, status: str, line: _Line) -> Result:
    return Result(question.id, status, line.text, line.html)


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


def _name(lang: str, choice: Choice) -> _Line:
    return _message(lang, "quiz.name", text=_bank(choice.text[lang]))


def _names(lang: str, choices) -> _Line:
    return _join([_name(lang, c) for c in choices], ", ", ", ")


def _about(lang: str, choice: Choice) -> _Line:
    return _message(lang, "quiz.about", choice=_name(lang, choice), feedback=_bank(choice.feedback[lang]))


def _explained(question: Question, lang: str) -> Result:
    parts = [_message(lang, "quiz.correct")]
    if question.explanation:
        parts.append(_bank(question.explanation[lang]))
    return _result(question, "correct", _join(parts, " ", " "))


def _wrong(question: Question, lang: str, reasons: list[_Line]) -> Result:
    """Reasons come in order: the reader's wrong picks first, then what they missed."""
    shown = reasons[:MAX_REASONS]
    more = len(reasons) - MAX_REASONS
    if more > 0:
        key = "quiz.n_more.one" if more == 1 else "quiz.n_more.other"
        shown.append(_message(lang, key, n=more))
    return _result(question, "wrong", _join([_message(lang, "quiz.wrong"), *shown], "\n", "<br>"))


def _empty(question: Question, lang: str) -> Result:
    return _result(question, "empty", _message(lang, "quiz.empty"))


def _form(question: Question, lang: str, key: str, **fields: _Line | str) -> Result:
    """A wrong answer for its form: what a good answer looks like."""
    return _result(question, "wrong", _message(lang, key, **fields))


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
        return _form(q, lang, "quiz.choose_one", choices=_names(lang, q.options))
    if picked == q.answer:
        return _explained(q, lang)
    return _wrong(q, lang, [_about(lang, option)])


def _multiple(q: Question, answer: object, lang: str) -> Result:
    picked = _text_list(answer)
    if picked is None or not set(picked) <= {o.id for o in q.options}:
        return _form(q, lang, "quiz.choose_list", choices=_names(lang, q.options))
    chosen = set(picked)
    if not chosen:
        return _empty(q, lang)
    if chosen == q.answer:
        return _explained(q, lang)
    wrong_picks = [o for o in q.options if o.id in chosen and o.id not in q.answer]
    missed = [o for o in q.options if o.id in q.answer and o.id not in chosen]
    return _wrong(q, lang, [_about(lang, o) for o in wrong_picks + missed])


def _classify(q: Question, answer: object, lang: str) -> Result:
    form = _form(q, lang, "quiz.classify_form", categories=_names(lang, q.categories))
    if type(answer) is not dict:
        return form
    pairs = [(clean(k), clean(v)) for k, v in answer.items()]
    given = dict(pairs)
    if (
        None in given
        or None in given.values()
        or len(given) != len(pairs)  # two keys that differ only in surrounding spaces
        or not set(given) <= set(q.answer)
        or not set(given.values()) <= {c.id for c in q.categories}
    ):
        return form
    missing = [i for i in q.items if i.id not in given]
    if len(missing) == len(q.items):
        return _empty(q, lang)
    if missing:
        return _form(q, lang, "quiz.classify_missing", items=_names(lang, missing))
    if given == q.answer:
        return _explained(q, lang)
    return _wrong(q, lang, [_about(lang, i) for i in q.items if given[i.id] != q.answer[i.id]])


def _order(q: Question, answer: object, lang: str) -> Result:
    order = _text_list(answer)
    if type(answer) in (set, frozenset) or order is None or sorted(order) != sorted(q.answer):
        return _form(q, lang, "quiz.order_form", steps=_names(lang, q.steps))
    if tuple(order) == q.answer:
        return _explained(q, lang)
    misplaced = [s for s in q.steps if order.index(s.id) != q.answer.index(s.id)]
    return _wrong(q, lang, [_about(lang, s) for s in misplaced])


def _number(q: Question, answer: object, lang: str) -> Result:
    value = parse_number(answer)
    if value is None:
        return _form(q, lang, "quiz.number_form")
    if abs(value - q.answer) <= q.tolerance + 1e-9:
        return _explained(q, lang)
    for low, high, text in q.ranges:
        if low <= value <= high:
            return _wrong(q, lang, [_bank(text[lang])])
    return _wrong(q, lang, [_message(lang, "quiz.too_high" if value > q.answer else "quiz.too_low")])


def _open(q: Question, answer: object, lang: str) -> Result:
    text = _text(answer)
    if text is None:
        return _form(q, lang, "quiz.open_form")
    if len(text) > MAX_TEXT:
        return _form(q, lang, "quiz.too_long", limit=number(MAX_TEXT, 0, lang))
    return _result(q, "ungraded", _join([_message(lang, "quiz.ungraded"), _bank(q.model_answer[lang])], " ", " "))


_GRADERS = {
    "single": _single,
    "multiple": _multiple,
    "classify": _classify,
    "order": _order,
    "number": _number,
    "open": _open,
}
