"""The question bank: questions defined once, in both languages, in ``exercises/bank/*.yml``.

A question is data: its id, kind, texts in every language, answer key, feedback per wrong
answer, hint and learning goal. ``load_bank`` checks all of it and raises a :class:`BankError`
naming the bank and question for anything malformed, so a broken question fails the build
(the exercise notebooks load the bank) instead of grading wrongly. An answer key may be computed
by a model (``answer: {model: spring, quantity: ..., params: {...}}``): the key then follows
the model when the model changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from veerkracht.i18n import LANGUAGES

KINDS = ("single", "multiple", "classify", "order", "number", "open")
# The banks ship inside the package (exercises/bank/ installs as veerkracht.banks), so an installed
# wheel finds them as well as a checkout does.
BANK_DIR = Path(str(resources.files("veerkracht.banks")))

Text = dict[str, str]  # one string per language


class BankError(ValueError):
    """A malformed bank or question; the message names the bank and the question."""


@dataclass(frozen=True)
class Choice:
    """An option, item, step or category: an id, its text, and feedback for when it is wrong."""

    id: str
    text: Text
    feedback: Text | None = None


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

    @property
    def graded(self) -> bool:
        return self.kind != "open"


@dataclass(frozen=True)
class Bank:
    id: str
    title: Text
    questions: tuple[Question, ...] = field(default_factory=tuple)

    def __getitem__(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        known = ", ".join(q.id for q in self.questions)
        raise KeyError(f"no question {question_id!r} in bank {self.id!r}; known: {known}")


class _Checker:
    """Reads one question's raw data, raising BankError with the bank and question named."""

    def __init__(self, bank: str, raw: dict, index: int) -> None:
        self.bank, self.raw = bank, raw
        self.where = f"bank {bank!r}, question {raw.get('id', f'#{index}')!r}"

    def fail(self, problem: str) -> BankError:
        return BankError(f"{self.where}: {problem}")

    def text(self, value: Any, what: str) -> Text:
        if not isinstance(value, dict):
            raise self.fail(f"{what} must give a text per language ({', '.join(LANGUAGES)})")
        missing = [lang for lang in LANGUAGES if not isinstance(value.get(lang), str) or not value[lang].strip()]
        if missing:
            raise self.fail(f"{what} has no text in: {', '.join(missing)}")
        return {lang: value[lang].strip() for lang in LANGUAGES}

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
        for entry in raw:
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str | int):
                raise self.fail(f"every entry of {name!r} needs an id")
            cid = str(entry["id"])
            if cid in seen:
                raise self.fail(f"{name!r} has the id {cid!r} twice")
            seen.add(cid)
            text = self.text({lang: entry.get(lang) for lang in LANGUAGES}, f"{name} {cid!r}")
            fb = entry.get("feedback")
            if feedback == "all" and fb is None:
                raise self.fail(f"{name} {cid!r} needs feedback that says why it is wrong")
            out.append(Choice(cid, text, self.text(fb, f"feedback of {cid!r}") if fb is not None else None))
        return tuple(out)


def _model_answer(checker: _Checker, spec: dict) -> Any:
    from veerkracht.models import MODELS

    model = MODELS.get(spec.get("model"))
    if model is None or spec.get("quantity") not in model.quantities:
        known = {name: entry.quantities for name, entry in MODELS.items()}
        raise checker.fail(f"a model answer needs a model and one of its quantities: {known}")
    params = spec.get("params", {})
    if not isinstance(params, dict):
        raise checker.fail("a model answer's params must be a mapping")
    try:
        result = model.run(params, "en")
    except (TypeError, ValueError) as error:
        raise checker.fail(f"the model cannot run these params: {error}") from None
    value = getattr(result, spec["quantity"])
    if value is None:
        raise checker.fail(f"the model gives no {spec['quantity']} for these params")
    return value if isinstance(value, str) else round(float(value), 2)


def _question(bank: str, raw: Any, index: int) -> Question:
    if not isinstance(raw, dict):
        raise BankError(f"bank {bank!r}: entry #{index} is not a question")
    c = _Checker(bank, raw, index)
    qid, kind = c.field("id"), c.field("kind")
    if not isinstance(qid, str) or not qid.strip():
        raise c.fail("the id must be a non-empty string")
    if kind not in KINDS:
        raise c.fail(f"unknown kind {kind!r}; known kinds: {', '.join(KINDS)}")
    base = {
        "id": qid,
        "kind": kind,
        "number": index,
        "goal": c.text(c.field("goal"), "goal"),
        "prompt": c.text(c.field("prompt"), "prompt"),
        "hint": c.text(c.field("hint"), "hint"),
        "explanation": c.text(raw["explanation"], "explanation") if "explanation" in raw else None,
    }
    answer = raw.get("answer")
    if isinstance(answer, dict) and "model" in answer:
        answer = _model_answer(c, answer)

    if kind in ("single", "multiple"):
        model_keyed = isinstance(raw.get("answer"), dict)
        options = c.choices("options", "all" if kind == "multiple" or model_keyed else "optional")
        ids = {o.id for o in options}
        if kind == "single":
            if not isinstance(answer, str | int) or str(answer) not in ids:
                raise c.fail(f"the answer {answer!r} is not among the options {sorted(ids)}")
            wrong = [o.id for o in options if o.id != str(answer) and o.feedback is None]
            if wrong:
                raise c.fail(f"wrong options without feedback: {wrong}")
            return Question(**base, options=options, answer=str(answer))
        if not isinstance(answer, list) or not answer or not {str(a) for a in answer} <= ids:
            raise c.fail(f"the answer must list options among {sorted(ids)}")
        return Question(**base, options=options, answer=frozenset(str(a) for a in answer))
    if kind == "classify":
        categories = c.choices("categories", "none")
        items = c.choices("items", "all")
        cats = {k.id for k in categories}
        if not isinstance(answer, dict) or {str(k) for k in answer} != {i.id for i in items}:
            raise c.fail("the answer must give a category for every item, and only for the items")
        if not {str(v) for v in answer.values()} <= cats:
            raise c.fail(f"the answer uses a category that is not among {sorted(cats)}")
        key = {str(k): str(v) for k, v in answer.items()}
        return Question(**base, categories=categories, items=items, answer=key)
    if kind == "order":
        steps = c.choices("steps", "all")
        if not isinstance(answer, list) or sorted(map(str, answer)) != sorted(s.id for s in steps):
            raise c.fail("the answer must list every step exactly once")
        return Question(**base, steps=steps, answer=tuple(map(str, answer)))
    if kind == "number":
        if isinstance(answer, bool) or not isinstance(answer, int | float):
            raise c.fail(f"the answer must be a number, not {answer!r}")
        tolerance = raw.get("tolerance", 0)
        if isinstance(tolerance, bool) or not isinstance(tolerance, int | float) or tolerance < 0:
            raise c.fail("the tolerance must be a number of at least 0")
        ranges = []
        for entry in raw.get("feedback", []):
            span = entry.get("range") if isinstance(entry, dict) else None
            if not (isinstance(span, list) and len(span) == 2 and all(isinstance(v, int | float) for v in span)):
                raise c.fail("each number feedback needs a range: [low, high]")
            low, high = sorted(map(float, span))
            if low - tolerance <= float(answer) <= high + tolerance:
                raise c.fail(f"the feedback range {span} contains the right answer {answer}")
            ranges.append((low, high, c.text({lang: entry.get(lang) for lang in LANGUAGES}, f"feedback {span}")))
        unit = c.text(raw["unit"], "unit") if "unit" in raw else None
        return Question(**base, answer=float(answer), tolerance=float(tolerance), unit=unit, ranges=tuple(ranges))
    return Question(**base, model_answer=c.text(c.field("model_answer"), "model_answer"))


def parse_bank(data: Any, source: str = "<bank>") -> Bank:
    """A :class:`Bank` from parsed YAML data, or a BankError saying what is wrong and where."""
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise BankError(f"{source}: a bank needs a 'bank' id, a 'title' and a list of 'questions'")
    bank_id = str(data.get("bank", source))
    title = _Checker(bank_id, {"id": "(title)"}, 0).text(data.get("title"), "title")
    questions = tuple(_question(bank_id, raw, i) for i, raw in enumerate(data["questions"], start=1))
    ids = [q.id for q in questions]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise BankError(f"bank {bank_id!r}: question ids used twice: {duplicates}")
    return Bank(bank_id, title, questions)


def load_bank(name: str, directory: Path = BANK_DIR) -> Bank:
    """The bank ``name`` from ``exercises/bank/<name>.yml``, checked."""
    path = directory / f"{name}.yml"
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise BankError(f"{path}: cannot read the bank: {error}") from None
    return parse_bank(data, str(path))
