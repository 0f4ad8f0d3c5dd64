"""A JSON Schema of the question banks, made from the kinds' own field declarations
(``veerkracht.quiz.kinds``) and the fields every question shares, so an editor can check a bank while
it is written (``exercises/bank/schema.json``, named by each bank's ``yaml-language-server`` line;
``tools/bank_schema.py`` writes it). The schema says what a bank's shape is (the fields, their types,
texts in every language); the loader holds the rest (an answer among the options, a feedback range
that misses the key, a demo position its control offers). ``tests/test_bank_schema.py`` holds the two
to the same verdict on every bank and on a set of broken ones."""

from __future__ import annotations

import sys

from veerkracht.i18n import LANGUAGES
from veerkracht.kit.registry import registry
from veerkracht.models import MODELS
from veerkracht.quiz.bank import BANK_FIELDS, CHAPTER, COMMON_FIELDS, DEMO_FIELDS, MODEL_FIELDS
from veerkracht.quiz.kinds import KINDS
from veerkracht.quiz.kinds.base import ID, TEXT, TEXT_LINE
from veerkracht.quiz.question import PLAIN_ID

LINE = "# yaml-language-server: $schema=schema.json"  # the first line of every bank


def _object(properties: dict, required: list[str] | tuple[str, ...] = ()) -> dict:
    """An object with exactly these fields (any other is refused, as the loader refuses it)."""
    return {"type": "object", "properties": properties, "required": list(required), "additionalProperties": False}


def _choice(feedback: str) -> dict:
    texts = dict.fromkeys(LANGUAGES, TEXT_LINE)
    if feedback == "none":
        return _object({"id": ID} | texts, ["id", *LANGUAGES])
    required = ["id", *LANGUAGES] + (["feedback"] if feedback == "all" else [])
    return _object({"id": ID} | texts | {"feedback": TEXT}, required)


def _model_answer() -> dict:
    fields = {"model": {"enum": list(MODELS)}, "quantity": {"type": "string"}, "params": {"type": "object"}}
    per_model = [
        {"properties": {"model": {"const": name}, "quantity": {"enum": list(model.quantities)}}}
        for name, model in MODELS.items()
    ]
    return _object({name: fields[name] for name in MODEL_FIELDS}, ["model", "quantity"]) | {"anyOf": per_model}


def _demo() -> dict:
    fields = {
        "chapter": {"type": "string", "pattern": f"^{CHAPTER.pattern}$"},
        "id": {"enum": sorted(registry())},
        "params": {"type": "object", "additionalProperties": {"type": "number"}},
        "time": {"type": "integer", "minimum": 0},
    }
    return _object({name: fields[name] for name in DEMO_FIELDS}, ["chapter"])


def _question(name: str) -> dict:
    kind = KINDS[name]
    shared = {
        "id": ID,
        "kind": {"const": name},
        "goal": TEXT,
        "prompt": TEXT,
        "hint": TEXT,
        "explanation": TEXT,
        "demo": {"$ref": "#/definitions/demo"},
    }
    common = {field: shared[field] for field in COMMON_FIELDS}
    required = ["id", "kind", "goal", "prompt", "hint", *kind.required]
    about = " ".join((sys.modules[type(kind).__module__].__doc__ or name).split("\n\n")[0].split())
    return {"description": about} | _object(common | kind.properties, required)


def _kind_is(name: str) -> dict:
    return {"properties": {"kind": {"const": name}}, "required": ["kind"]}


def bank_schema() -> dict:
    """The JSON Schema (draft 7) of a bank file as YAML reads it."""
    minutes = {"type": "integer", "minimum": 1, "maximum": 600}
    outline = _object({"minutes": minutes, "intro": TEXT, "demos": TEXT}, ["minutes", "intro"])  # make_exercises
    top = {
        "bank": ID,
        "title": TEXT,
        "outline": outline,
        "draft": {"type": "boolean"},
        "questions": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/question"}},
    }
    question = {
        "type": "object",
        "required": ["id", "kind"],
        "properties": {"kind": {"enum": list(KINDS)}},
        "allOf": [{"if": _kind_is(name), "then": {"$ref": f"#/definitions/{name}"}} for name in KINDS],
    }
    definitions = {
        "text": _object(dict.fromkeys(LANGUAGES, TEXT_LINE), LANGUAGES),
        "id": {"type": "string", "pattern": f"^{PLAIN_ID.pattern}$"},
        **{f"choice_{feedback}": _choice(feedback) for feedback in ("all", "optional", "none")},
        "modelAnswer": _model_answer(),
        "demo": _demo(),
        "question": question,
        **{name: _question(name) for name in KINDS},
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "A Veerkracht question bank (exercises/bank/README.md)",
        "description": "Written by tools/bank_schema.py from veerkracht.quiz.kinds; do not edit.",
        "definitions": definitions,
        **_object({field: top[field] for field in BANK_FIELDS}, ["bank", "title", "questions"]),
    }
