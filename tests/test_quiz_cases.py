"""One table of answers (tests/data/grade_cases.json), graded by Python and by the site's script in
Chromium: both give the table's status, and the same feedback, in both languages."""

import json
import re
from importlib import resources
from pathlib import Path

import pytest
from conftest import site_verdicts
from veerkracht.quiz import grade, load_bank
from veerkracht.quiz.grade import MAX_NUMBER_TEXT, MAX_TEXT
from veerkracht.quiz.static import question_data

DATA = Path(__file__).parent / "data"
TABLE = json.loads((DATA / "grade_cases.json").read_text("utf-8"))
BANK = load_bank(TABLE["bank"], DATA)


def answer_of(case: dict) -> object:
    answer = case["answer"]
    if isinstance(answer, dict) and set(answer) == {"repeat", "times"}:
        return answer["repeat"] * answer["times"]
    return answer


def test_the_table_covers_every_kind_and_status():
    kinds = {BANK[case["question"]].kind for case in TABLE["cases"]}
    assert kinds == {q.kind for q in BANK.questions}
    assert {case["status"] for case in TABLE["cases"]} == {"correct", "wrong", "empty", "ungraded"}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("case", TABLE["cases"], ids=lambda c: f"{c['question']}:{json.dumps(c['answer'])[:30]}")
def test_python_grades_each_case_as_the_table_says(case, lang):
    assert grade(BANK[case["question"]], answer_of(case), lang).status == case["status"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_site_script_grades_each_case_exactly_as_python_does(quiz_page, lang):
    questions = {q.id: question_data(q, lang) for q in BANK.questions}
    cases = [[questions[c["question"]], answer_of(c)] for c in TABLE["cases"]]
    verdicts = site_verdicts(quiz_page, cases)
    disagree = []
    for case, verdict in zip(TABLE["cases"], verdicts, strict=True):
        expected = grade(BANK[case["question"]], answer_of(case), lang)
        if (verdict["status"], verdict["feedback"]) != (case["status"], expected.html):
            disagree.append((case["question"], case["answer"], verdict, expected))
    assert not disagree


def test_the_grader_s_limits_travel_with_each_question_and_the_script_keeps_no_copy():
    script = resources.files("veerkracht.assets").joinpath("quiz.js").read_text("utf-8")
    for q in BANK.questions:
        assert question_data(q, "en")["limits"] == {"text": MAX_TEXT, "numberText": MAX_NUMBER_TEXT, "reasons": 2}
    assert not {str(MAX_TEXT), str(MAX_NUMBER_TEXT), "MAX_TEXT", "MAX_REASONS"} & set(re.findall(r"\w+", script))


def test_the_site_script_grades_by_the_limits_the_page_data_gives(quiz_page):
    """Limits changed in the data change the verdicts: the script reads them, it has none of its own."""
    text = question_data(next(q for q in BANK.questions if q.kind == "open"), "en")
    number = question_data(next(q for q in BANK.questions if q.kind == "number"), "en")
    short = [{**q, "limits": {**q["limits"], "text": 3, "numberText": 2}} for q in (text, number)]
    verdicts = quiz_page.evaluate(
        "([t, n, a]) => [window.VeerkrachtQuiz.grade(t, 'four'), window.VeerkrachtQuiz.grade(n, a)]",
        [*short, "68.0"],
    )
    assert verdicts[0]["feedback"] == text["messages"]["too_long"].replace("{limit}", "3")
    assert verdicts[1] == {"status": "wrong", "feedback": number["messages"]["number_form"]}
