"""The banks' JSON Schema (exercises/bank/schema.json, made from the question kinds) is current, every
bank names it and passes it, and the schema and the loader refuse the same broken banks: an editor
that checks a bank against the schema flags what the build would stop on."""

import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from bank_schema import SCHEMA, main
from veerkracht.quiz import BankError, parse_bank
from veerkracht.quiz.bank import BANK_DIR, COMMON_FIELDS, KIND_FIELDS, KINDS
from veerkracht.quiz.schema import LINE, bank_schema

DATA = Path(__file__).parent / "data"
SAMPLE = yaml.safe_load((DATA / "sample.yml").read_text("utf-8"))
VALIDATOR = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text("utf-8")))
BANKS = sorted(BANK_DIR.glob("*.yml"))


def test_the_committed_schema_is_current_and_a_valid_schema():
    assert main(["--check"]) == 0
    jsonschema.Draft7Validator.check_schema(bank_schema())


def test_the_schema_has_each_kind_with_exactly_the_fields_the_loader_knows():
    definitions = bank_schema()["definitions"]
    assert definitions["question"]["properties"]["kind"]["enum"] == list(KINDS)
    for kind in KINDS:
        assert list(definitions[kind]["properties"]) == [*COMMON_FIELDS, *KIND_FIELDS[kind]]
        assert definitions[kind]["additionalProperties"] is False


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_every_bank_names_the_schema_in_its_first_line(path):
    assert path.read_text("utf-8").splitlines()[0] == LINE


@pytest.mark.parametrize("path", [*BANKS, DATA / "sample.yml", DATA / "markup.yml"], ids=lambda p: p.name)
def test_every_bank_passes_the_schema(path):
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(yaml.safe_load(path.read_text()))]
    assert errors == []


def _question(data: dict, qid: str) -> dict:
    return next(q for q in data["questions"] if q["id"] == qid)


def _rename(question: dict, old: str, new: str) -> None:
    question[new] = question.pop(old)


BROKEN = {
    "an unknown field": lambda d: _question(d, "s-single").update(colour="red"),
    "a typo: tolerence": lambda d: _rename(_question(d, "s-number"), "tolerance", "tolerence"),
    "a field of another kind": lambda d: _question(d, "s-number").update(options=_question(d, "s-single")["options"]),
    "an unknown field at the top": lambda d: _rename(d, "title", "titel"),
    "an unknown kind": lambda d: _question(d, "s-single").update(kind="essay"),
    "a missing field": lambda d: _question(d, "s-single").pop("hint"),
    "a missing model answer": lambda d: _question(d, "s-open").pop("model_answer"),
    "a text where a text per language belongs": lambda d: _question(d, "s-single").update(prompt="Which?"),
    "a text in one language only": lambda d: _question(d, "s-classify")["goal"].pop("en"),
    "an empty text": lambda d: _question(d, "s-order")["hint"].update(nl="  "),
    "a tolerance as text": lambda d: _question(d, "s-number").update(tolerance="0.5"),
    "a negative tolerance": lambda d: _question(d, "s-number").update(tolerance=-1),
    "an answer that is no number": lambda d: _question(d, "s-number").update(answer="seventy"),
    "an id YAML read as yes": lambda d: _question(d, "s-single")["options"][0].update(id=True),
    "an id with a space": lambda d: _question(d, "s-order").update(id="s order"),
    "a wrong option without feedback": lambda d: _question(d, "s-multiple")["options"][1].pop("feedback"),
    "a single step": lambda d: _question(d, "s-order").update(steps=_question(d, "s-order")["steps"][:1]),
    "an empty multiple-choice answer": lambda d: _question(d, "s-multiple").update(answer=[]),
    "a feedback range of one number": lambda d: _question(d, "s-number")["feedback"][0].update(range=[60]),
    "an unknown model": lambda d: _question(d, "s-number")["answer"].update(model="pendulum"),
    "no questions": lambda d: d.update(questions=[]),
}


@pytest.mark.parametrize("change", BROKEN.values(), ids=list(BROKEN))
def test_a_broken_bank_is_refused_by_the_loader_and_by_the_schema(change):
    data = copy.deepcopy(SAMPLE)
    change(data)
    with pytest.raises(BankError):
        parse_bank(data, "sample.yml")
    assert list(VALIDATOR.iter_errors(data)), "the schema lets through what the loader refuses"
