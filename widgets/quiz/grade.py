"""Grading: an answer in, a verdict and feedback in the reader's language out. No UI here.

Answers are checked for their type before anything is compared, so an object that claims to
equal everything (a custom ``__eq__``), a wrong type, ``None``, NaN or a huge string is graded
as wrong (or empty) with a message that says what a good answer looks like; nothing here raises
for a reader's answer. Texts (a ``str`` subclass, ``numpy.str_`` too) are copied to plain ``str``
before they are compared, and numbers (``Decimal``, numpy scalars and one-element arrays too) are
converted to ``float``, so no custom equality is ever trusted.

Each kind grades its own answers (``veerkracht.quiz.kinds``, with the shared feedback of
``veerkracht.quiz.feedback``); ``widgets/assets/quiz.js`` follows exactly these rules on the site,
and ``tests/data/grade_cases.json`` holds both to the same verdicts.
"""

from __future__ import annotations

from veerkracht.i18n import check_language
from veerkracht.quiz.feedback import MAX_NUMBER_TEXT, MAX_REASONS, MAX_TEXT, STATUSES, Result, clean, empty
from veerkracht.quiz.kinds import kind_of
from veerkracht.quiz.kinds.number import parse_number
from veerkracht.quiz.question import Question

__all__ = ["MAX_NUMBER_TEXT", "MAX_REASONS", "MAX_TEXT", "STATUSES", "Result", "clean", "grade", "parse_number"]


def grade(question: Question, answer: object, lang: str) -> Result:
    """Grade ``answer`` to ``question``; never raises for any answer."""
    lang = check_language(lang)
    if answer is None or clean(answer) == "":
        return empty(question, lang)
    return kind_of(question.kind).grade(question, answer, lang)
