"""What every kind's grader shares: the verdict (:class:`Result`), feedback made as text and as HTML
at once, an answer's text read without trusting its type, and the limits the site's script gets
with each question's data (``LIMITS``: written here only, never copied into the script).

Feedback names what it speaks of by its reader text (never an internal id) and starts with what
the reader picked wrongly, then what they missed; a few reasons at most, so the feedback teaches
without giving the whole key away.

Each message is made twice, as plain text (``Result.feedback``) and as HTML (``Result.html``), and the
HTML the way the site's script makes it: the message's template and every bank text in it become HTML
each on their own (``inline_html``), then the texts go into the template. So a text's line break or a
stray asterisk looks the same in Jupyter and on the site (``tests/test_quiz_markup.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from veerkracht.i18n import catalogue, tr
from veerkracht.quiz.question import Choice, Question
from veerkracht.quiz.text import inline_html

MAX_TEXT = 5_000  # characters of an open answer
MAX_NUMBER_TEXT = 40  # characters of a number typed as text
MAX_REASONS = 2  # a few reasons teach; all of them would give the answer away
# The limits as the site's script reads them from each question's data (static.question_data).
LIMITS = {"text": MAX_TEXT, "numberText": MAX_NUMBER_TEXT, "reasons": MAX_REASONS}
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
class Line:
    """One piece of feedback as text and as HTML."""

    text: str
    html: str


def bank_line(text: str) -> Line:
    """A bank text (Markdown) as a piece of feedback."""
    return Line(text, inline_html(text))


def message(lang: str, key: str, **fields: Line | str | int) -> Line:
    """The message ``key`` with ``fields`` filled in, as text and as HTML: the template and each
    field made HTML on their own, as quiz.js fills them (``fill``)."""
    texts = {name: value.text if isinstance(value, Line) else value for name, value in fields.items()}
    htmls = {name: value.html if isinstance(value, Line) else value for name, value in fields.items()}
    return Line(tr(lang, key, **texts), inline_html(catalogue(lang)[key]).format(**htmls))


def joined(lines: list[Line], text: str, html: str) -> Line:
    return Line(text.join(line.text for line in lines), html.join(line.html for line in lines))


def result(question: Question, status: str, line: Line) -> Result:
    return Result(question.id, status, line.text, line.html)


def as_text(value: object) -> str | None:
    """A text answer as a plain ``str`` (a subclass could redefine equality), else None."""
    return str.__str__(value) if isinstance(value, str) else None


def clean(value: object) -> str | None:
    """A text answer without the surrounding whitespace, else None."""
    text = as_text(value)
    return None if text is None else EDGES.sub("", text)


def text_list(value: object) -> list[str] | None:
    """A list of text answers, each cleaned, else None."""
    if type(value) not in (list, tuple, set, frozenset):
        return None
    items = [clean(v) for v in value]
    return None if None in items else items


def names(lang: str, choices) -> Line:
    """The reader texts of ``choices``, each quoted as the catalogue quotes a name."""
    return joined([message(lang, "quiz.name", text=bank_line(c.text[lang])) for c in choices], ", ", ", ")


def about(lang: str, choice: Choice) -> Line:
    """Why ``choice`` is wrong: its name and its feedback."""
    name = message(lang, "quiz.name", text=bank_line(choice.text[lang]))
    return message(lang, "quiz.about", choice=name, feedback=bank_line(choice.feedback[lang]))


def explained(question: Question, lang: str) -> Result:
    parts = [message(lang, "quiz.correct")]
    if question.explanation:
        parts.append(bank_line(question.explanation[lang]))
    return result(question, "correct", joined(parts, " ", " "))


def wrong(question: Question, lang: str, reasons: list[Line]) -> Result:
    """Reasons come in order: the reader's wrong picks first, then what they missed."""
    shown = reasons[:MAX_REASONS]
    more = len(reasons) - MAX_REASONS
    if more > 0:
        key = "quiz.n_more.one" if more == 1 else "quiz.n_more.other"
        shown.append(message(lang, key, n=more))
    return result(question, "wrong", joined([message(lang, "quiz.wrong"), *shown], "\n", "<br>"))


def empty(question: Question, lang: str) -> Result:
    return result(question, "empty", message(lang, "quiz.empty"))


def form(question: Question, lang: str, key: str, **fields: Line | str) -> Result:
    """A wrong answer for its form: what a good answer looks like."""
    return result(question, "wrong", message(lang, key, **fields))
