"""A lecturer's bank file with a mistake in it: every mistake is a BankError that names the bank,
the question and the field, never a silent change of meaning and never a raw Python error."""

import copy
from pathlib import Path

import pytest
import yaml
from veerkracht.quiz import BankError, load_bank, parse_bank
from veerkracht.quiz.bank import load_banks

DATA = Path(__file__).parent / "data"
SAMPLE_TEXT = (DATA / "sample.yml").read_text("utf-8")
SAMPLE = yaml.safe_load(SAMPLE_TEXT)


def write_bank(tmp_path: Path, text: str) -> str:
    """The bank in a file named after its id, as the loader wants it."""
    (tmp_path / "sample.yml").write_text(text, "utf-8")
    return "sample"


def refused(data: dict) -> str:
    with pytest.raises(BankError) as caught:
        parse_bank(data, "sample.yml")
    return str(caught.value)


def changed(question_id: str, change) -> dict:
    data = copy.deepcopy(SAMPLE)
    change(next(q for q in data["questions"] if q["id"] == question_id))
    return data


def test_a_second_questions_block_is_refused_not_silently_dropping_the_first(tmp_path):
    last = "  - id: s-open\n" + SAMPLE_TEXT.split("  - id: s-open\n")[1]
    text = SAMPLE_TEXT + "questions:\n" + last  # today: loads with only the last question
    with pytest.raises(BankError) as caught:
        load_bank(write_bank(tmp_path, text), tmp_path)
    message = str(caught.value)
    assert "bank 'sample'" in message and "'questions'" in message and "twice" in message


def test_an_answer_written_twice_is_refused_naming_the_question(tmp_path):
    text = SAMPLE_TEXT.replace("    answer: [a, c]\n", "    answer: [a, c]\n    answer: [a, b]\n")
    with pytest.raises(BankError) as caught:
        load_bank(write_bank(tmp_path, text), tmp_path)
    message = str(caught.value)
    assert "question 's-multiple'" in message and "'answer'" in message and "twice" in message


def test_a_key_written_twice_deep_inside_a_question_is_refused(tmp_path):
    text = SAMPLE_TEXT.replace(
        "answer: {confidence: personal, network: environment}",
        "answer: {confidence: personal, network: environment, confidence: environment}",
    )
    with pytest.raises(BankError) as caught:
        load_bank(write_bank(tmp_path, text), tmp_path)
    assert "question 's-classify'" in str(caught.value) and "'answer.confidence'" in str(caught.value)


NON_FINITE = [float("nan"), float("inf"), -float("inf")]


@pytest.mark.parametrize("value", NON_FINITE)
@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("answer", lambda q, v: q.update(answer=v)),
        ("tolerance", lambda q, v: q.update(tolerance=v)),
        ("range", lambda q, v: q["feedback"][0].update(range=[79, v])),
    ],
)
def test_a_number_that_is_not_finite_is_refused(field, change, value):
    message = refused(changed("s-number", lambda q: change(q, value)))
    assert "question 's-number'" in message and field in message and "finite" in message


def test_a_huge_whole_number_answer_is_a_bank_error_not_an_overflow():
    message = refused(changed("s-number", lambda q: q.update(answer=10**400)))
    assert "question 's-number'" in message and "answer" in message


def test_feedback_null_on_a_number_question_is_a_bank_error():
    message = refused(changed("s-number", lambda q: q.update(feedback=None)))
    assert "question 's-number'" in message and "feedback" in message


def test_a_missing_title_names_the_bank_and_the_field_not_a_question():
    data = copy.deepcopy(SAMPLE)
    del data["title"]
    message = refused(data)
    assert "bank 'sample'" in message and "title" in message and "question" not in message


def test_a_model_answer_that_is_a_number_on_a_single_choice_question_says_so():
    spec = {"model": "spring", "quantity": "rest_start", "params": {"resources": 2}}
    message = refused(changed("s-single", lambda q: q.update(answer=spec)))
    assert "question 's-single'" in message and "rest_start" in message and "needs feedback" not in message
    assert "not one of the option ids" in message


def test_an_empty_list_of_questions_is_refused():
    data = copy.deepcopy(SAMPLE)
    data["questions"] = []
    assert "at least one question" in refused(data)


# YAML reads yes/no/on/off as booleans, 010 as 8 and 1 as a number: an id must be written as text.
BAD_OPTION_IDS = {
    "number": "  - {id: 1, nl: A, en: A}\n",
    "yes": "  - {id: yes, nl: A, en: A}\n",
    "on": "  - {id: on, nl: A, en: A}\n",
    "octal": "  - {id: 010, nl: A, en: A}\n",
    "empty": '  - {id: "", nl: A, en: A}\n',
    "space": '  - {id: "a b", nl: A, en: A}\n',
    "quote": "  - {id: 'a\"b', nl: A, en: A}\n",
    "surrounding spaces": '  - {id: " b", nl: A, en: A}\n',
}


@pytest.mark.parametrize("case", list(BAD_OPTION_IDS))
def test_an_option_id_that_is_not_plain_text_is_refused(tmp_path, case):
    entry = BAD_OPTION_IDS[case].replace("  - {", "      - {").replace("nl: A, en: A}", 'nl: "X", en: "X"}')
    text = SAMPLE_TEXT.replace(
        '      - {id: c, nl: "C", en: "C", feedback: {nl: "C is fout omdat.", en: "C is wrong because."}}\n',
        entry.replace("}", ', feedback: {nl: "f", en: "f"}}'),
        1,
    )
    assert text != SAMPLE_TEXT
    with pytest.raises(BankError) as caught:
        load_bank(write_bank(tmp_path, text), tmp_path)
    message = str(caught.value)
    assert "question 's-single'" in message and "options" in message and "id" in message


@pytest.mark.parametrize("qid", [7, True, "", "a b", 'a"b', " s-single"])
def test_a_question_id_that_is_not_plain_text_is_refused(qid):
    message = refused(changed("s-single", lambda q: q.update(id=qid)))
    assert "question #1" in message and "id" in message


def test_an_answer_that_yaml_read_as_a_boolean_is_refused(tmp_path):
    text = SAMPLE_TEXT.replace("    answer: [a, c]\n", "    answer: [a, yes]\n")
    with pytest.raises(BankError) as caught:
        load_bank(write_bank(tmp_path, text), tmp_path)
    assert "question 's-multiple'" in str(caught.value) and "answer" in str(caught.value)


def test_the_sample_bank_still_loads():
    assert len(load_bank("sample", DATA).questions) == 6


@pytest.mark.parametrize("guide", ["README.md", "LEESMIJ.md"])
def test_the_authoring_guide_gives_the_rules_in_both_languages(guide):
    text = (Path(__file__).parents[1] / "exercises" / "bank" / guide).read_text("utf-8")
    for rule in [
        "BankError",
        "`010`",
        "`yes`",
        ".nan",
        "questions: []",
        "feedback:",
        "twice" if guide == "README.md" else "twee keer",
        "tolerence",
        "`<<",
        "bank: ch07",
        "# yaml-language-server: $schema=schema.json",
    ]:
        assert rule in text, rule


# A typo in a field name used to load silently: `tolerence: 0.5` gave tolerance 0, `explanaton:` lost its text.
@pytest.mark.parametrize(
    ("question_id", "change", "typo", "nearest"),
    [
        ("s-number", lambda q: q.update(tolerence=q.pop("tolerance")), "tolerence", "tolerance"),
        ("s-single", lambda q: q.update(explanaton=q.pop("explanation")), "explanaton", "explanation"),
        ("s-number", lambda q: q.update(unti=q.pop("unit")), "unti", "unit"),
        ("s-single", lambda q: q["options"][0].update(feedbak=q["options"][0].pop("feedback")), "feedbak", "feedback"),
        ("s-number", lambda q: q["answer"].update(param=q["answer"].pop("params")), "param", "params"),
        ("s-number", lambda q: q["feedback"][0].update(rang=q["feedback"][0].pop("range")), "rang", "range"),
        ("s-open", lambda q: q["goal"].update(eng="goal"), "eng", "en"),
    ],
)
def test_a_misspelt_field_is_refused_naming_the_nearest_known_one(question_id, change, typo, nearest):
    message = refused(changed(question_id, change))
    assert f"question {question_id!r}" in message
    assert f"unknown field {typo!r}" in message and f"did you mean {nearest!r}?" in message


def test_a_field_of_another_kind_is_refused_not_ignored():
    message = refused(changed("s-number", lambda q: q.update(ranges=[{"range": [79, 81], "nl": "x", "en": "x"}])))
    assert "question 's-number'" in message and "unknown field 'ranges'" in message and "feedback" in message
    message = refused(changed("s-open", lambda q: q.update(answer="a")))
    assert "question 's-open'" in message and "'answer'" in message and "open question" in message


def test_an_unknown_field_at_the_top_of_a_bank_is_refused():
    data = copy.deepcopy(SAMPLE)
    data["titel"] = data["title"]
    message = refused(data)
    assert "bank 'sample'" in message and "unknown field 'titel'" in message and "did you mean 'title'?" in message


def test_a_bank_whose_id_differs_from_its_file_name_is_refused(tmp_path):
    (tmp_path / "ch07.yml").write_text(SAMPLE_TEXT, "utf-8")  # a copy of another bank, its id left as it was
    with pytest.raises(BankError) as caught:
        load_bank("ch07", tmp_path)
    message = str(caught.value)
    assert "ch07.yml" in message and "bank: sample" in message and "'ch07'" in message


def test_a_bank_without_an_id_is_refused_naming_its_file(tmp_path):
    (tmp_path / "b.yml").write_text(SAMPLE_TEXT.replace("bank: sample\n", ""), "utf-8")
    with pytest.raises(BankError, match=r"b\.yml: .*'bank'"):
        load_bank("b", tmp_path)


def test_a_question_id_used_in_two_banks_is_refused_naming_both(tmp_path):
    (tmp_path / "one.yml").write_text(SAMPLE_TEXT.replace("bank: sample", "bank: one"), "utf-8")
    other = (
        SAMPLE_TEXT.replace("bank: sample", "bank: two")
        .replace("id: s-", "id: t-")
        .replace("id: t-order", "id: s-order")
    )
    (tmp_path / "two.yml").write_text(other, "utf-8")
    with pytest.raises(BankError) as caught:
        load_banks(tmp_path)
    message = str(caught.value)
    assert "question 's-order'" in message and "'one'" in message and "'two'" in message


def test_the_course_banks_load_together_with_every_question_id_once():
    banks = load_banks()
    ids = [q.id for bank in banks.values() for q in bank.questions]
    assert len(banks) >= 5 and len(ids) == len(set(ids))
    assert all(name == bank.id for name, bank in banks.items())


@pytest.mark.parametrize("field", ["model", "quantity"])
def test_a_list_where_a_model_name_belongs_is_a_bank_error_not_a_type_error(field):
    message = refused(changed("s-number", lambda q: q["answer"].update({field: [q["answer"][field]]})))
    assert "question 's-number'" in message and field in message and "a name" in message


def test_a_merge_key_cannot_bypass_every_field_once(tmp_path):
    text = SAMPLE_TEXT.replace("    tolerance: 0.5\n", "    <<: {tolerance: 3}\n    tolerance: 0.5\n")
    assert text != SAMPLE_TEXT
    with pytest.raises(BankError) as caught:
        load_bank(write_bank(tmp_path, text), tmp_path)
    message = str(caught.value)
    assert "question 's-number'" in message and "<<" in message
