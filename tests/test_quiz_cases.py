"""One table of answers (tests/data/grade_cases.json), graded by Python and by the site's script in
Chromium: both give the table's status, and the same feedback, in both languages."""

import json
from importlib import resources
from pathlib import Path

import pytest
from veerkracht.quiz import grade, load_bank
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


@pytest.fixture(scope="module")
def page(browser):
    """An empty page with the site's quiz script, as the book loads it on a page of questions."""
    context = browser.new_context()
    page = context.new_page()
    page.add_script_tag(content=resources.files("veerkracht.assets").joinpath("quiz.js").read_text("utf-8"))
    yield page
    context.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_site_script_grades_each_case_exactly_as_python_does(page, lang):
    questions = {q.id: question_data(q, lang) for q in BANK.questions}
    cases = [[questions[c["question"]], answer_of(c)] for c in TABLE["cases"]]
    verdicts = page.evaluate("(cases) => cases.map(([q, a]) => window.VeerkrachtQuiz.grade(q, a))", cases)
    disagree = []
    for case, verdict in zip(TABLE["cases"], verdicts, strict=True):
        expected = grade(BANK[case["question"]], answer_of(case), lang)
        if (verdict["status"], verdict["feedback"]) != (case["status"], expected.html):
            disagree.append((case["question"], case["answer"], verdict, expected))
    assert not disagree
