"""Number: a value within a tolerance, typed as a number or as text (``12,5`` too); feedback for
typical wrong ranges, else whether the answer is too high or too low."""

from __future__ import annotations

import html
import math
import re
from decimal import Decimal
from numbers import Real
from typing import Any

import ipywidgets as widgets
from veerkracht.i18n import LANGUAGES, tr
from veerkracht.i18n import number as decimal
from veerkracht.quiz.feedback import (
    EDGES,
    MAX_NUMBER_TEXT,
    Result,
    as_text,
    bank_line,
    explained,
    form,
    message,
    wrong,
)
from veerkracht.quiz.kinds.base import MODEL, TEXT, TEXT_LINE, Controls, Kind
from veerkracht.quiz.question import Checker, Question, shown
from veerkracht.quiz.text import markdown_text

NUMBER_TEXT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)
# "1.000" is a thousand in Dutch and one in English, "1,000" the other way round: refused.
THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}[.,]\d{3}", re.ASCII)
RANGE_FIELDS = ("range", *LANGUAGES)
RANGE = {
    "type": "object",
    "properties": {"range": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}}
    | dict.fromkeys(LANGUAGES, TEXT_LINE),
    "required": list(RANGE_FIELDS),
    "additionalProperties": False,
}


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
    text = as_text(value)
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


def shown_number(value: float, lang: str) -> str:
    """``value`` with as many decimals as it was written with, in ``lang``'s notation."""
    return decimal(value, 0 if float(value).is_integer() else len(repr(float(value)).split(".")[1]), lang)


class Number(Kind):
    name = "number"
    messages = ("number_form", "too_high", "too_low")
    properties = {
        "answer": {"anyOf": [{"type": "number"}, MODEL]},
        "tolerance": {"type": "number", "minimum": 0},
        "unit": TEXT,
        "feedback": {"type": "array", "items": RANGE},
    }
    required = ("answer",)

    def parse(self, c: Checker, base: dict, answer: Any, model_keyed: bool) -> Question:
        raw = c.raw
        if isinstance(answer, bool) or not isinstance(answer, int | float):
            raise c.fail(f"the answer must be a number, not {shown(answer)}")
        value = c.number(answer, "the answer")
        tolerance = c.number(raw.get("tolerance", 0), "the tolerance")
        if tolerance < 0:
            raise c.fail("the tolerance must be a number of at least 0")
        feedback = raw.get("feedback", [])
        if not isinstance(feedback, list):
            raise c.fail(
                "the feedback of a number question must be a list of ranges: - {range: [low, high], nl: ..., en: ...}"
            )
        ranges = []
        for entry in feedback:
            if isinstance(entry, dict):
                c.known(entry, RANGE_FIELDS, "a number feedback")
            span = entry.get("range") if isinstance(entry, dict) else None
            if not (isinstance(span, list) and len(span) == 2):
                raise c.fail("each number feedback needs a range: [low, high]")
            low, high = sorted(c.number(v, f"the feedback range {span}: each bound") for v in span)
            if low - tolerance <= value <= high + tolerance:
                raise c.fail(f"the feedback range {span} contains the right answer {answer}")
            ranges.append((low, high, c.text({lang: entry.get(lang) for lang in LANGUAGES}, f"feedback {span}")))
        unit = c.text(raw["unit"], "unit") if "unit" in raw else None
        return Question(**base, answer=value, tolerance=tolerance, unit=unit, ranges=tuple(ranges))

    def grade(self, q: Question, answer: object, lang: str) -> Result:
        value = parse_number(answer)
        if value is None:
            return form(q, lang, "quiz.number_form")
        if abs(value - q.answer) <= q.tolerance + 1e-9:
            return explained(q, lang)
        for low, high, text in q.ranges:
            if low <= value <= high:
                return wrong(q, lang, [bank_line(text[lang])])
        return wrong(q, lang, [message(lang, "quiz.too_high" if value > q.answer else "quiz.too_low")])

    def widget(self, q: Question, lang: str) -> Controls:
        label = tr(lang, "quiz.live_answer_unit", unit=q.unit[lang]) if q.unit else tr(lang, "quiz.your_answer")
        box = widgets.Text(description=label, style={"description_width": "initial"})
        return box, lambda: box.value, lambda answer: setattr(box, "value", str(answer))

    def form_html(self, q: Question, lang: str, base: str) -> str:
        label = html.escape(tr(lang, "quiz.your_answer"))
        unit = f'<span class="vk-q-unit">{html.escape(q.unit[lang])}</span>' if q.unit else ""
        return (
            f'<div class="vk-q-number"><label for="{base}.value">{label}</label>'
            f'<input type="text" inputmode="decimal" id="{base}.value" autocomplete="off"'
            f' maxlength="{MAX_NUMBER_TEXT}">{unit}</div>'
        )

    def worked(self, q: Question, lang: str) -> str:
        unit = f" {markdown_text(q.unit[lang], one_line=True)}" if q.unit else ""
        margin = f" ({tr(lang, 'answers.margin', margin=shown_number(q.tolerance, lang))})" if q.tolerance else ""
        return f"**{tr(lang, 'answers.answer')}:** {shown_number(q.answer, lang)}{unit}{margin}"
