"""A lecturer's bank file with a mistake in it: every mistake is a BankError that names the bank,
the question and the field, never a silent change of meaning and never a raw Python error."""

import copy
from pathlib import Path

import pytest
import yaml
from veerkracht.quiz import BankError, load_bank, parse_bank

DATA = Path(__file__).parent / "data"
SAMPLE_TEXT = (DATA / "sample.yml").read_text("utf-8")
SAMPLE = yaml.safe_load(SAMPLE_TEXT)


def write_bank(tmp_path: Path, text: str) -> str:
    (tmp_path / "b.yml").write_text(text, "utf-8")
    return "b"


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
    ]:
        assert rule in text, rule
