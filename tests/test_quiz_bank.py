"""The question bank: well-formed banks load; every kind of malformed question fails by name."""

import copy
from pathlib import Path

import pytest
import yaml
from veerkracht.quiz import BankError, load_bank, parse_bank
from veerkracht.quiz.bank import KINDS

DATA = Path(__file__).parent / "data"
SAMPLE = yaml.safe_load((DATA / "sample.yml").read_text("utf-8"))


def broken(question_id: str, change) -> dict:
    data = copy.deepcopy(SAMPLE)
    question = next(q for q in data["questions"] if q["id"] == question_id)
    change(question)
    return data


def test_the_sample_bank_has_every_kind_and_a_model_key():
    bank = load_bank("sample", DATA)
    assert {q.kind for q in bank.questions} == set(KINDS)
    assert bank["s-number"].answer == 68.0  # 80 - c/k with c = 2, k = 0.2 / (1 + 0.1 * 2), from the model
    assert [q.number for q in bank.questions] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    ("question_id", "change", "message"),
    [
        ("s-single", lambda q: q.update(kind="essay"), "unknown kind 'essay'"),
        ("s-single", lambda q: q.update(answer="z"), "answer 'z' is not among the options"),
        ("s-single", lambda q: q["prompt"].pop("en"), "prompt has no text in: en"),
        ("s-single", lambda q: q["options"][0].pop("feedback"), "wrong options without feedback"),
        ("s-single", lambda q: q.pop("hint"), "missing field 'hint'"),
        ("s-multiple", lambda q: q.update(answer=["a", "x"]), "the answer must list options"),
        ("s-multiple", lambda q: q["options"][1].pop("feedback"), "needs feedback"),
        ("s-classify", lambda q: q["answer"].update(network="outer"), "category that is not among"),
        ("s-classify", lambda q: q["answer"].pop("network"), "a category for every item"),
        ("s-order", lambda q: q.update(answer=["short", "long"]), "every step exactly once"),
        ("s-number", lambda q: q.update(answer="seventy"), "must be a number"),
        ("s-number", lambda q: q.update(tolerance=-1), "tolerance"),
        ("s-number", lambda q: q["feedback"][0].update(range=[60, 75]), "contains the right answer"),
        ("s-number", lambda q: q["answer"]["params"].update(resources=9), "the model cannot run"),
        ("s-open", lambda q: q.pop("model_answer"), "missing field 'model_answer'"),
        ("s-open", lambda q: q["goal"].update(nl=""), "goal has no text in: nl"),
    ],
)
def test_a_malformed_question_fails_and_names_itself(question_id, change, message):
    with pytest.raises(BankError) as caught:
        parse_bank(broken(question_id, change), "sample.yml")
    assert f"question {question_id!r}" in str(caught.value)
    assert message in str(caught.value)


def test_duplicate_ids_are_refused():
    data = copy.deepcopy(SAMPLE)
    data["questions"].append(copy.deepcopy(data["questions"][0]))
    with pytest.raises(BankError, match="question ids used twice: \\['s-single'\\]"):
        parse_bank(data)


def test_a_missing_bank_file_is_a_clear_error(tmp_path):
    with pytest.raises(BankError, match="cannot read the bank"):
        load_bank("nothing", tmp_path)


def test_the_course_bank_covers_every_kind_with_model_questions():
    bank = load_bank("ch01")
    kinds = [q.kind for q in bank.questions]
    assert len(kinds) >= 8 and set(kinds) == set(KINDS)
    # Most questions are about the dossier's concepts (at most a third on the models' mechanics), so ch01
    # has one model-keyed answer; the course's banks together have several, of every model.
    banks = sorted((Path(__file__).parents[1] / "exercises/bank").glob("ch*.yml"))
    raw = [yaml.safe_load(path.read_text("utf-8")) for path in banks]
    model_keyed = {
        (data["bank"], q["answer"]["model"])
        for data in raw
        for q in data["questions"]
        if isinstance(q.get("answer"), dict) and "model" in q["answer"]
    }
    assert ("ch01", "spring") in model_keyed
    assert {model for _, model in model_keyed} >= {"spring", "cycle", "positions"}
