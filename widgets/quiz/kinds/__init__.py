"""The kinds of question, by name: each is one module (``veerkracht.quiz.kinds.<kind>``) holding its
bank fields, parsing, grading, live controls and site form. The bank loader, the grader, the live
forms, the site's pages and the answers page look a question's kind up here instead of branching on
its name. A new kind: its module, an entry in ``KINDS``, an object in ``widgets/assets/quiz.js``'s
``KINDS``, its catalogue texts, a sample question and its grade cases (tests/data)."""

from __future__ import annotations

from veerkracht.quiz.kinds.base import Kind
from veerkracht.quiz.kinds.classify import Classify
from veerkracht.quiz.kinds.multiple import Multiple
from veerkracht.quiz.kinds.number import Number
from veerkracht.quiz.kinds.open import Open
from veerkracht.quiz.kinds.order import Order
from veerkracht.quiz.kinds.single import Single

KINDS: dict[str, Kind] = {kind.name: kind for kind in (Single(), Multiple(), Classify(), Order(), Number(), Open())}


def kind_of(name: str) -> Kind:
    """The kind called ``name`` (a loaded question's kind is always one of them)."""
    return KINDS[name]


__all__ = ["KINDS", "Kind", "kind_of"]
