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

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from veerkracht.quiz.kinds import KINDS as KIND_OBJECTS
from veerkracht.quiz.question import (
    PLAIN_ID,
    BankError,
    Checker,
    Choice,
    DemoLink,
    Question,
    Text,
    shown,
    unknown_field,
)

KINDS = tuple(KIND_OBJECTS)
# The banks ship inside the package (exercises/bank/ installs as veerkracht.banks), so an installed
# wheel finds them as well as a checkout does.
BANK_DIR = Path(str(resources.files("veerkracht.banks")))

# The fields each part of a bank may have; any other is refused (naming the nearest known one). A
# kind's own fields are declared by the kind (veerkracht.quiz.kinds), as exercises/bank/schema.json has them.
BANK_FIELDS = ("bank", "title", "outline", "draft", "questions")
COMMON_FIELDS = ("id", "kind", "goal", "prompt", "hint", "explanation", "demo")
KIND_FIELDS = {name: kind.fields for name, kind in KIND_OBJECTS.items()}
MODEL_FIELDS = ("model", "quantity", "params")
DEMO_FIELDS = ("chapter", "id", "params", "time")
# A chapter page's name (chapters/<lang>/<name>.md, the same in both editions): 01-resilience.
CHAPTER = re.compile(r"[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*")
__all__ = ["BankError", "Choice", "DemoLink", "Question", "Text", "Bank", "load_bank", "load_banks", "parse_bank"]


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


def _model_answer(checker: Checker, spec: dict) -> Any:
    from veerkracht.models import MODELS

    checker.known(spec, MODEL_FIELDS, "the model answer")
    for name in ("model", "quantity"):
        if not isinstance(spec.get(name), str):
            raise checker.fail(f"a model answer's {name!r} must be a name (plain text), not {shown(spec.get(name))}")
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


def _demo_link(checker: Checker, spec: Any, answer: Any) -> DemoLink:
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
        raise checker.fail(f"the demo's chapter must name a chapter page such as '01-resilience', not {shown(chapter)}")
    demo = spec.get("id", model)
    if demo not in registry():
        raise checker.fail(f"the demo {shown(demo)} is none of the demos: {', '.join(sorted(registry()))}")
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
            raise checker.fail(f"the demo {demo!r} has no control {shown(name)}; its controls: {', '.join(controls)}")
        if isinstance(value, bool) or value not in controls[name].values:
            offered = ", ".join(f"{v:g}" for v in controls[name].values)
            raise checker.fail(f"the demo's {name} = {shown(value)} is not a position of its control: {offered}")
    time = spec.get("time")
    axis = registry()[demo].spec.time
    if time is not None and (
        axis is None or isinstance(time, bool) or not isinstance(time, int) or not 0 <= time <= axis.last
    ):
        where = f"a whole number from 0 to {axis.last}" if axis else "left out: the demo has no time axis"
        raise checker.fail(f"the demo's time must be {where}, not {shown(time)}")
    values = {name: int(v) if controls[name].integer else float(v) for name, v in params.items()}
    return DemoLink(demo, chapter, values, time)


def _question(bank: str, raw: Any, index: int) -> Question:
    """The question ``raw``, entry ``index`` of ``bank``: the fields every kind shares checked here,
    the rest by its kind."""
    if not isinstance(raw, dict):
        raise BankError(f"bank {bank!r}: entry #{index} is not a question")
    c = Checker(bank, raw, index)
    qid = c.plain_id(c.field("id"), "the question's id")
    name = c.field("kind")
    if not isinstance(name, str) or name not in KIND_OBJECTS:
        raise c.fail(f"unknown kind {shown(name)}; known kinds: {', '.join(KINDS)}")
    kind = KIND_OBJECTS[name]
    c.known(raw, COMMON_FIELDS + kind.fields, f"{'an' if name[0] in 'aeiou' else 'a'} {name} question")
    base = {
        "id": qid,
        "kind": name,
        "number": index,
        "graded": kind.graded,
        "goal": c.text(c.field("goal"), "goal"),
        "prompt": c.text(c.field("prompt"), "prompt"),
        "hint": c.text(c.field("hint"), "hint"),
        "explanation": c.text(raw["explanation"], "explanation") if "explanation" in raw else None,
        "demo": _demo_link(c, raw["demo"], raw.get("answer")) if "demo" in raw else None,
    }
    answer = raw.get("answer")
    model_keyed = isinstance(answer, dict) and "model" in answer
    if model_keyed:
        answer = _model_answer(c, answer)
    return kind.parse(c, base, answer, model_keyed)


def parse_bank(data: Any, source: str = "<bank>") -> Bank:
    """A :class:`Bank` from parsed YAML data, or a BankError saying what is wrong and where."""
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise BankError(f"{source}: a bank needs a 'bank' id, a 'title' and a list of 'questions'")
    bank_id = str(data.get("bank", source))
    problem = unknown_field(data, BANK_FIELDS, "the bank")
    if problem:
        raise BankError(f"bank {bank_id!r}: {problem}")
    title = Checker(bank_id, {}, None).text(data.get("title"), "the field 'title'")
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
        said = f"says bank: {shown(data['bank']).strip(chr(39))}" if "bank" in data else "has no field 'bank'"
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
