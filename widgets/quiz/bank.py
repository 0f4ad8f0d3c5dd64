"""The question bank: questions defined once, in both languages, in ``exercises/bank/*.yml``.

A question is data: its id, kind, texts in every language, answer key, feedback per wrong
answer, hint and learning goal. ``load_bank`` checks all of it and raises a :class:`BankError`
naming the bank and question for anything malformed, so a broken question fails the build
(the exercise notebooks load the bank) instead of grading wrongly. An answer key may be computed
by a model (``answer: {model: spring, quantity: ..., params: {...}}``): the key then follows
the model when the model changes.

The file is read strictly (the rules are in ``exercises/bank/README.md``): a key written twice (or
brought in by a YAML merge key, ``<<``), a field the loader does not know (a typo such as
``tolerence`` would silently drop what it holds), a number that is not finite, or an id that is not
plain text (YAML reads ``yes`` as a yes/no value, ``010`` as 8 and ``1`` as a number) is refused
rather than silently changing what a question means. A bank's ``bank:`` id is its file's name, and
:func:`load_banks` refuses a question id used in two banks. Messages are in English, the language
of the files a lecturer edits.
"""

from __future__ import annotations

import difflib
import math
import re
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
# An id goes into the page's HTML ids, names and labels and is typed by students: plain text only.
PLAIN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
ID_RULE = "letters, digits, '-' and '_' only, at most 64, starting with a letter or digit"


# The fields each part of a bank may have; any other is refused (naming the nearest known one).
BANK_FIELDS = ("bank", "title", "outline", "draft", "questions")
COMMON_FIELDS = ("id", "kind", "goal", "prompt", "hint", "explanation", "demo")
KIND_FIELDS = {
    "single": ("options", "answer"),
    "multiple": ("options", "answer"),
    "classify": ("categories", "items", "answer"),
    "order": ("steps", "answer"),
    "number": ("answer", "tolerance", "unit", "feedback"),
    "open": ("model_answer",),
}
CHOICE_FIELDS = ("id", *LANGUAGES, "feedback")
RANGE_FIELDS = ("range", *LANGUAGES)
MODEL_FIELDS = ("model", "quantity", "params")
DEMO_FIELDS = ("chapter", "id", "params", "time")
# A chapter page's name (chapters/<lang>/<name>.md, the same in both editions): 01-resilience.
CHAPTER = re.compile(r"[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*")


def unknown_field(fields: Any, known: tuple[str, ...], where: str) -> str | None:
    """A message for the first key of ``fields`` not in ``known`` (with the nearest known one), or None."""
    for name in fields:
        if name in known:
            continue
        near = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
        guess = f" (did you mean {near[0]!r}?)" if near else ""
        return f"unknown field {_shown(name)}{guess} in {where}; known there: {', '.join(known)}"
    return None


def _shown(value: Any) -> str:
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
            read = f"YAML reads it as the number {_shown(value)}"
        else:
            read = f"it is {_shown(value)}"
        raise self.fail(
            f"{what} must be plain text ({ID_RULE}), written in quotes if YAML would read it otherwise; {read}"
        )

    def number(self, value: Any, what: str) -> float:
        """A finite number (YAML's .nan and .inf are not; nor is a whole number too big for a float)."""
        try:
            ok = not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)
        except OverflowError:
            ok = False
        if not ok:
            raise self.fail(f"{what} must be a finite number, not {_shown(value)}")
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


def _model_answer(checker: _Checker, spec: dict) -> Any:
    from veerkracht.models import MODELS

    checker.known(spec, MODEL_FIELDS, "the model answer")
    for name in ("model", "quantity"):
        if not isinstance(spec.get(name), str):
            raise checker.fail(f"a model answer's {name!r} must be a name (plain text), not {_shown(spec.get(name))}")
    model = MODELS.get(spec["model"])
    if model is None or spec["quantity"] not in model.quantities:
        known = {name: entry.quantities for name, entry in MODELS.items()}
        raise checker.fail(f"a model answer needs a model and one of its quantities: {known}")
    params = spec.get("params", {})
    if not isinstance(params, dict):
        raise checker.fail("a model answer's params must be a mapping")
    try:
        result = model.run(params, "en")
    except (TypeError, ValueError, OverflowError) as error:
        raise checker.fail(f"the model cannot run these params: {error}") from None
    value = getattr(result, spec["quantity"])
    if value is None:
        raise checker.fail(f"the model gives no {spec['quantity']} for these params")
    return value if isinstance(value, str) else round(float(value), 2)


def _demo_link(checker: _Checker, spec: Any, answer: Any) -> DemoLink:
    """The question's ``demo``, checked: a chapter page's name, a demo of the registry (a model-keyed
    answer's model, unless named), the parameters (a model-keyed answer's own, written once) each at a
    position its control offers, and a time on the demo's time axis."""
    from veerkracht.kit.registry import registry

    if not isinstance(spec, dict):
        raise checker.fail("the field 'demo' must be a mapping: {chapter: 01-resilience, id: spring, params: {...}}")
    checker.known(spec, DEMO_FIELDS, "the demo")
    model = answer.get("model") if isinstance(answer, dict) else None
    chapter = spec.get("chapter")
    if not isinstance(chapter, str) or not CHAPTER.fullmatch(chapter):
        raise checker.fail(
            f"the demo's chapter must name a chapter page such as '01-resilience', not {_shown(chapter)}"
        )
    demo = spec.get("id", model)
    if demo not in registry():
        raise checker.fail(f"the demo {_shown(demo)} is none of the demos: {', '.join(sorted(registry()))}")
    if model is not None and (demo != model or "params" in spec):
        raise checker.fail(
            f"the demo of a model-keyed answer is its model's ({model!r}) with the answer's params: write them once"
        )
    params = answer.get("params", {}) if model is not None else spec.get("params", {})
    if not isinstance(params, dict):
        raise checker.fail("the demo's params must be a mapping of the demo's controls to values")
    controls = {p.name: p for p in registry()[demo].spec.params}
    for name, value in params.items():
        if name not in controls:
            raise checker.fail(f"the demo {demo!r} has no control {_shown(name)}; its controls: {', '.join(controls)}")
        if isinstance(value, bool) or value not in controls[name].values:
            offered = ", ".join(f"{v:g}" for v in controls[name].values)
            raise checker.fail(f"the demo's {name} = {_shown(value)} is not a position of its control: {offered}")
    time = spec.get("time")
    axis = registry()[demo].spec.time
    if time is not None and (
        axis is None or isinstance(time, bool) or not isinstance(time, int) or not 0 <= time <= axis.last
    ):
        where = f"a whole number from 0 to {axis.last}" if axis else "left out: the demo has no time axis"
        raise checker.fail(f"the demo's time must be {where}, not {_shown(time)}")
    values = {name: int(v) if controls[name].integer else float(v) for name, v in params.items()}
    return DemoLink(demo, chapter, values, time)


def _question(bank: str, raw: Any, index: int) -> Question:
    if not isinstance(raw, dict):
        raise BankError(f"bank {bank!r}: entry #{index} is not a question")
    c = _Checker(bank, raw, index)
    qid = c.plain_id(c.field("id"), "the question's id")
    kind = c.field("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        raise c.fail(f"unknown kind {_shown(kind)}; known kinds: {', '.join(KINDS)}")
    c.known(raw, COMMON_FIELDS + KIND_FIELDS[kind], f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} question")
    base = {
        "id": qid,
        "kind": kind,
        "number": index,
        "goal": c.text(c.field("goal"), "goal"),
        "prompt": c.text(c.field("prompt"), "prompt"),
        "hint": c.text(c.field("hint"), "hint"),
        "explanation": c.text(raw["explanation"], "explanation") if "explanation" in raw else None,
        "demo": _demo_link(c, raw["demo"], raw.get("answer")) if "demo" in raw else None,
    }
    answer = raw.get("answer")
    if isinstance(answer, dict) and "model" in answer:
        answer = _model_answer(c, answer)

    model_keyed = isinstance(raw.get("answer"), dict) and "model" in raw["answer"]
    if model_keyed and kind == "single" and not isinstance(answer, str):
        quantity = raw["answer"].get("quantity")
        raise c.fail(
            f"the answer: the model's {quantity!r} is the number {answer}, not one of the option ids;"
            " key a single-choice question to a quantity that names an outcome, or make it a number question"
        )

    def ids_in(value: Any, what: str) -> str:
        if not isinstance(value, str):  # a YAML yes, 1 or 010 is not the id "yes", "1" or "010"
            raise c.fail(
                f"the answer: {what} {_shown(value)} is not text; write ids in quotes if YAML would read them otherwise"
            )
        return value

    if kind in ("single", "multiple"):
        options = c.choices("options", "all" if kind == "multiple" or model_keyed else "optional")
        ids = {o.id for o in options}
        if kind == "single":
            if not isinstance(answer, str) or answer not in ids:
                raise c.fail(f"the answer {_shown(answer)} is not among the options {sorted(ids)}")
            wrong = [o.id for o in options if o.id != answer and o.feedback is None]
            if wrong:
                raise c.fail(f"wrong options without feedback: {wrong}")
            return Question(**base, options=options, answer=answer)
        if not isinstance(answer, list) or not answer:
            raise c.fail(f"the answer must list options among {sorted(ids)}")
        chosen = [ids_in(a, "the option") for a in answer]
        if not set(chosen) <= ids:
            raise c.fail(f"the answer must list options among {sorted(ids)}")
        return Question(**base, options=options, answer=frozenset(chosen))
    if kind == "classify":
        categories = c.choices("categories", "none")
        items = c.choices("items", "all")
        cats = {k.id for k in categories}
        if not isinstance(answer, dict):
            raise c.fail("the answer must give a category for every item, and only for the items")
        key = {ids_in(k, "the item"): ids_in(v, "the category") for k, v in answer.items()}
        if set(key) != {i.id for i in items}:
            raise c.fail("the answer must give a category for every item, and only for the items")
        if not set(key.values()) <= cats:
            raise c.fail(f"the answer uses a category that is not among {sorted(cats)}")
        return Question(**base, categories=categories, items=items, answer=key)
    if kind == "order":
        steps = c.choices("steps", "all")
        if not isinstance(answer, list):
            raise c.fail("the answer must list every step exactly once")
        order = [ids_in(a, "the step") for a in answer]
        if sorted(order) != sorted(s.id for s in steps):
            raise c.fail("the answer must list every step exactly once")
        return Question(**base, steps=steps, answer=tuple(order))
    if kind == "number":
        if isinstance(answer, bool) or not isinstance(answer, int | float):
            raise c.fail(f"the answer must be a number, not {_shown(answer)}")
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
    return Question(**base, model_answer=c.text(c.field("model_answer"), "model_answer"))


def parse_bank(data: Any, source: str = "<bank>") -> Bank:
    """A :class:`Bank` from parsed YAML data, or a BankError saying what is wrong and where."""
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise BankError(f"{source}: a bank needs a 'bank' id, a 'title' and a list of 'questions'")
    bank_id = str(data.get("bank", source))
    problem = unknown_field(data, BANK_FIELDS, "the bank")
    if problem:
        raise BankError(f"bank {bank_id!r}: {problem}")
    title = _Checker(bank_id, {}, None).text(data.get("title"), "the field 'title'")
    if not data["questions"]:
        raise BankError(f"bank {bank_id!r}: the field 'questions' is empty; a bank needs at least one question")
    questions = tuple(_question(bank_id, raw, i) for i, raw in enumerate(data["questions"], start=1))
    ids = [q.id for q in questions]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise BankError(f"bank {bank_id!r}, question {duplicates[0]!r}: question ids used twice: {duplicates}")
    return Bank(bank_id, title, questions)


def _once_each(keys: list[yaml.Node], where: str, path: str) -> None:
    """Raise a BankError for a key written twice in one mapping (YAML would keep the last one)."""
    lines: dict[tuple[str, str], int] = {}
    for key in keys:
        if not isinstance(key, yaml.ScalarNode):
            continue
        line, name = key.start_mark.line + 1, f"{path}.{key.value}" if path else key.value
        if key.tag == "tag:yaml.org,2002:merge":  # `<<: *defaults` brings in fields a later key may silently replace
            raise BankError(f"{where}: a YAML merge key '<<' at line {line}; write each field out, once")
        if (key.tag, key.value) in lines:
            first = lines[key.tag, key.value]
            at = f"line {line}" if first == line else f"lines {first} and {line}"
            raise BankError(f"{where}: the field {name!r} is written twice ({at}); YAML would keep only the last one")
        lines[key.tag, key.value] = line


def _duplicate_keys(node: yaml.Node, where: str, path: str = "", seen: set | None = None) -> None:
    """Check every mapping under ``node``; ``path`` names the field (``options[2].feedback``)."""
    seen = set() if seen is None else seen
    if id(node) in seen:  # an alias: already checked (and a recursive one would never end)
        return
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        for n, item in enumerate(node.value, start=1):
            _duplicate_keys(item, where, f"{path}[{n}]", seen)
    elif isinstance(node, yaml.MappingNode):
        _once_each([key for key, _ in node.value], where, path)
        for key, value in node.value:
            _duplicate_keys(value, where, f"{path}.{key.value}" if path else str(key.value), seen)


def _scalar(node: yaml.Node, key: str) -> str | None:
    """The plain text under ``key`` in a mapping node, if any (to name a question before loading it)."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.ScalarNode):
                return v.value
    return None


def _check_keys(root: yaml.Node, name: str) -> None:
    """No key twice: at the top (a second 'questions:' block would drop the first) and in every
    question, which is named by its id so the lecturer finds it."""
    if not isinstance(root, yaml.MappingNode):
        return
    bank = f"bank {(_scalar(root, 'bank') or name)!r}"
    _once_each([key for key, _ in root.value], bank, "")
    for key, value in root.value:
        if key.value == "questions" and isinstance(value, yaml.SequenceNode):
            for n, question in enumerate(value.value, start=1):
                qid = _scalar(question, "id")
                named = repr(qid) if qid and PLAIN_ID.fullmatch(qid) else f"#{n}"
                _duplicate_keys(question, f"{bank}, question {named}")
        else:
            _duplicate_keys(value, bank, str(key.value))


def read_yaml(text: str, name: str) -> Any:
    """Parsed YAML (safe: no Python tags), refusing a key written twice anywhere in the file."""
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        _check_keys(root, name)
        return loader.construct_document(root)
    finally:
        loader.dispose()


def load_bank(name: str, directory: Path = BANK_DIR) -> Bank:
    """The bank ``name`` from ``exercises/bank/<name>.yml``, checked; its ``bank:`` id must be
    ``name`` (hand-ins name their bank by that id, and the overview finds the bank by its file)."""
    path = directory / f"{name}.yml"
    try:
        data = read_yaml(path.read_text("utf-8"), name)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError, yaml.YAMLError) as error:
        if isinstance(error, BankError):
            raise
        raise BankError(f"{path}: cannot read the bank: {error}") from None
    if isinstance(data, dict) and data.get("bank") != name:
        said = f"says bank: {_shown(data['bank']).strip(chr(39))}" if "bank" in data else "has no field 'bank'"
        raise BankError(
            f"{path.name}: the file {said}; a bank's id must be its file's name, {name!r}"
            " (hand-ins name their bank by it; a copied bank needs its own id)"
        )
    return parse_bank(data, str(path))


def load_banks(directory: Path = BANK_DIR) -> dict[str, Bank]:
    """Every bank in ``directory`` by id, checked one by one and together: a question id is used in
    one bank only (a CSV hand-in is matched to its bank by its question ids)."""
    banks = {path.stem: load_bank(path.stem, directory) for path in sorted(directory.glob("*.yml"))}
    owner: dict[str, str] = {}
    for name, bank in banks.items():
        for question in bank.questions:
            if question.id in owner:
                raise BankError(
                    f"bank {name!r}, question {question.id!r}: this id is also used in bank {owner[question.id]!r};"
                    " a question id must be unique across the banks"
                )
            owner[question.id] = name
    return banks
