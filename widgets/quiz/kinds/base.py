"""What a kind of question is: one object holding everything about it, so a new kind is one module
(and one object in ``widgets/assets/quiz.js``, which grades on the site exactly as ``grade`` does).

A kind declares its bank fields once, as JSON Schema (``properties``, ``required``): the loader
refuses any other field, and ``tools/bank_schema.py`` writes ``exercises/bank/schema.json`` from the
same declaration for an editor to check a bank against. ``parse`` holds the rules a schema cannot
say (an answer among the options, a feedback range that misses the key).
"""

from __future__ import annotations

import html
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any, ClassVar

import ipywidgets as widgets
from veerkracht.i18n import tr
from veerkracht.quiz.feedback import Result
from veerkracht.quiz.question import Checker, Question
from veerkracht.quiz.text import inline_html, markdown_text

# Parts of the schema the kinds share (defined in veerkracht.quiz.schema under definitions).
TEXT = {"$ref": "#/definitions/text"}
ID = {"$ref": "#/definitions/id"}
MODEL = {"$ref": "#/definitions/modelAnswer"}
TEXT_LINE = {"type": "string", "pattern": r"\S"}  # a text in one language: not empty
IDS = {"type": "array", "items": ID}


def choices_schema(feedback: str) -> dict:
    """A list of at least two choices; ``feedback`` is "all", "optional" or "none" (as Checker.choices)."""
    return {"type": "array", "minItems": 2, "items": {"$ref": f"#/definitions/choice_{feedback}"}}


Controls = tuple[widgets.Widget, Callable[[], object], Callable[[object], None]]


class Kind(ABC):
    """One kind of question: its bank fields, parsing, grading, live controls and site form."""

    name: ClassVar[str]
    graded: ClassVar[bool] = True  # False: answers get the model answer, no verdict
    properties: ClassVar[dict[str, dict]]  # the kind's own bank fields, as JSON Schema, in message order
    required: ClassVar[tuple[str, ...]] = ()
    messages: ClassVar[tuple[str, ...]] = ()  # the kind's own ``quiz.*`` catalogue keys its grader uses

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.properties)

    @abstractmethod
    def parse(self, c: Checker, base: dict, answer: Any, model_keyed: bool) -> Question:
        """The question from its checked common fields ``base`` and the raw entry ``c.raw``;
        ``answer`` is the raw answer, or the value its model computed (``model_keyed``)."""

    @abstractmethod
    def grade(self, q: Question, answer: object, lang: str) -> Result:
        """The verdict on a non-empty ``answer``; never raises."""

    @abstractmethod
    def widget(self, q: Question, lang: str) -> Controls:
        """Live controls for ``q``, a function reading them as an answer and one setting them to an
        answer (raising if they cannot show it)."""

    @abstractmethod
    def form_html(self, q: Question, lang: str, base: str) -> str:
        """The site's form controls; ``base`` is the question's element id (parts add ``.<part>``)."""

    @abstractmethod
    def worked(self, q: Question, lang: str) -> str:
        """The key as Markdown text, for the lecturers' answers page."""


def options_html(q: Question, lang: str, base: str, input_type: str) -> str:
    """The options of a single- or multiple-choice question as radio buttons or check boxes."""
    rows = "".join(
        f'<label class="vk-q-option"><input type="{input_type}" name="{base}" value="{html.escape(o.id)}"> '
        f"{inline_html(o.text[lang])}</label>"
        for o in q.options
    )
    return f'<fieldset class="vk-q-choices" aria-labelledby="{base}.prompt">{rows}</fieldset>'


def options_worked(q: Question, lang: str, keys: set[str]) -> str:
    """The options with the right ones (``keys``) marked, for the answers page."""
    right = tr(lang, "answers.right")
    return "\n".join(
        f"- {'✓' if o.id in keys else '✗'} {markdown_text(o.text[lang], one_line=True)}"
        + (f" **({right})**" if o.id in keys else "")
        for o in q.options
    )
