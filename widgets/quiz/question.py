"""A question as data, and the checker that reads one from a bank entry.

:class:`Question` holds what every kind of question may have (texts per language, the answer key,
the choices of each part); each kind (``veerkracht.quiz.kinds``) fills in its own fields. The
:class:`Checker` reads the parts every kind shares (a text per language, a plain id, a finite number,
a list of choices) and raises a :class:`BankError` naming the bank and the question, so each kind's
``parse`` only states its own rules.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from typing import Any

from veerkracht.i18n import LANGUAGES

Text = dict[str, str]  # one string per language
# An id goes into the page's HTML ids, names and labels and is typed by students: plain text only.
PLAIN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
ID_RULE = "letters, digits, '-' and '_' only, at most 64, starting with a letter or digit"
CHOICE_FIELDS = ("id", *LANGUAGES, "feedback")


def unknown_field(fields: Any, known: tuple[str, ...], where: str) -> str | None:
    """A message for the first key of ``fields`` not in ``known`` (with the nearest known one), or None."""
    for name in fields:
        if name in known:
            continue
        near = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
        guess = f" (did you mean {near[0]!r}?)" if near else ""
        return f"unknown field {shown(name)}{guess} in {where}; known there: {', '.join(known)}"
    return None


def shown(value: Any) -> str:
    """``value`` for a message, cut short (a 5,000-digit number cannot even be printed)."""
    try:
        text = repr(value)
    except ValueError:
        text = "a number too large to print"
    return text if len(text) <= 40 else text[:37] + "..."


class BankError(ValueError):
    """A malformed bank or question; the message names the bank and the question."""


@dataclass(frozen=True)
class Choice:
    """An option, item, step or category: an id, its text, and feedback for when it is wrong."""

    id: str
    text: Text
    feedback: Text | None = None


@dataclass(frozen=True)
class DemoLink:
    """The demo a question reads a value off, in the state the question names, on the chapter page
    that shows it: ``id`` of the demo, ``chapter`` (``01-resilience``), the parameters the question
    sets (the others stay at their defaults) and, for a demo with a time slider, the time."""

    id: str
    chapter: str
    params: dict[str, float]
    time: int | None = None

    def query(self, lang: str) -> str:
        """The query that opens the demo in this state (as its Link and ``demo.link()`` give it)."""
        return self.demo(lang).link()

    def href(self, lang: str, root: str = "../../") -> str:
        """The address of the demo in this state on the site, from ``root`` (the edition's folder):
        the chapter page, the query, and the demo's label there (``(spring-demo)=`` before the cell that
        shows it, as every demo link of the book has it; tests/test_quiz_demo_link.py checks)."""
        return f"{root}chapters/{lang}/{self.chapter}.html{self.query(lang)}#{self.id}-demo"

    def demo(self, lang: str):
        """The demo in this state, in ``lang`` (a notebook displays it as its live panel)."""
        from veerkracht.kit.registry import registry

        made = registry()[self.id](lang, **self.params)
        if self.time is not None:
            made.time = self.time
        return made


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    number: int  # position in the bank, from 1
    goal: Text
    prompt: Text
    hint: Text
    explanation: Text | None = None
    options: tuple[Choice, ...] = ()  # single, multiple
    categories: tuple[Choice, ...] = ()  # classify
    items: tuple[Choice, ...] = ()  # classify
    steps: tuple[Choice, ...] = ()  # order
    answer: Any = None  # str | frozenset | dict | tuple | float | None (open)
    tolerance: float = 0.0
    unit: Text | None = None
    ranges: tuple[tuple[float, float, Text], ...] = ()  # number: typical wrong answers
    model_answer: Text | None = None  # open
    demo: DemoLink | None = None  # the demo, in the state the question names, that it is read off
    graded: bool = True  # False for a kind whose answers are not judged (open): its kind says


class Checker:
    """Reads one question's raw data, raising BankError with the bank and question named."""

    def __init__(self, bank: str, raw: dict, index: int | None) -> None:
        self.bank, self.raw = bank, raw
        qid = raw.get("id")
        name = repr(qid) if isinstance(qid, str) and PLAIN_ID.fullmatch(qid) else f"#{index}"
        self.where = f"bank {bank!r}" + (f", question {name}" if index is not None else "")

    def fail(self, problem: str) -> BankError:
        return BankError(f"{self.where}: {problem}")

    def known(self, fields: Any, known: tuple[str, ...], where: str) -> None:
        problem = unknown_field(fields, known, where)
        if problem:
            raise self.fail(problem)

    def text(self, value: Any, what: str) -> Text:
        if not isinstance(value, dict):
            raise self.fail(f"{what} must give a text per language ({', '.join(LANGUAGES)})")
        self.known(value, LANGUAGES, what)
        missing = [lang for lang in LANGUAGES if not isinstance(value.get(lang), str) or not value[lang].strip()]
        if missing:
            raise self.fail(f"{what} has no text in: {', '.join(missing)}")
        return {lang: value[lang].strip() for lang in LANGUAGES}

    def plain_id(self, value: Any, what: str) -> str:
        if isinstance(value, str) and PLAIN_ID.fullmatch(value):
            return value
        if isinstance(value, bool):
            read = f"YAML reads it as the yes/no value {value} (from yes, no, on, off, true or false)"
        elif isinstance(value, int | float):
            read = f"YAML reads it as the number {shown(value)}"
        else:
            read = f"it is {shown(value)}"
        raise self.fail(
            f"{what} must be plain text ({ID_RULE}), written in quotes if YAML would read it otherwise; {read}"
        )

    def id_in(self, value: Any, what: str) -> str:
        """An id in an answer key: text (a YAML yes, 1 or 010 is not the id "yes", "1" or "010")."""
        if not isinstance(value, str):
            raise self.fail(
                f"the answer: {what} {shown(value)} is not text; write ids in quotes if YAML would read them otherwise"
            )
        return value

    def number(self, value: Any, what: str) -> float:
        """A finite number (YAML's .nan and .inf are not; nor is a whole number too big for a float)."""
        try:
            ok = not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)
        except OverflowError:
            ok = False
        if not ok:
            raise self.fail(f"{what} must be a finite number, not {shown(value)}")
        return float(value)

    def field(self, name: str) -> Any:
        if name not in self.raw:
            raise self.fail(f"missing field {name!r}")
        return self.raw[name]

    def choices(self, name: str, feedback: str) -> tuple[Choice, ...]:
        """Choices under ``name``; ``feedback`` is "all", "optional" or "none"."""
        raw = self.field(name)
        if not isinstance(raw, list) or len(raw) < 2:
            raise self.fail(f"{name!r} must list at least two entries")
        out, seen = [], set()
        for n, entry in enumerate(raw, start=1):
            if not isinstance(entry, dict) or "id" not in entry:
                raise self.fail(f"every entry of {name!r} needs an id (entry {n} has none)")
            cid = self.plain_id(entry["id"], f"the id of {name!r} entry {n}")
            self.known(entry, CHOICE_FIELDS if feedback != "none" else ("id", *LANGUAGES), f"{name} {cid!r}")
            if cid in seen:
                raise self.fail(f"{name!r} has the id {cid!r} twice")
            seen.add(cid)
            text = self.text({lang: entry.get(lang) for lang in LANGUAGES}, f"{name} {cid!r}")
            fb = entry.get("feedback")
            if feedback == "all" and fb is None:
                raise self.fail(f"{name} {cid!r} needs feedback that says why it is wrong")
            out.append(Choice(cid, text, self.text(fb, f"feedback of {cid!r}") if fb is not None else None))
        return tuple(out)
