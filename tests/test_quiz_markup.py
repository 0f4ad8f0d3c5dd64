"""Feedback made from bank texts with a line break or a stray asterisk looks the same in Jupyter
(Python's ``Result.html``) and on the site (``quiz.js``): each text becomes HTML on its own (escaped,
its ``**bold**`` and ``*italics*`` kept, a line break a ``<br>``) before it is put into a message, so an
asterisk in one text never pairs with one in another."""

import re
from pathlib import Path

import pytest
from conftest import site_verdicts
from veerkracht.quiz import grade, load_bank
from veerkracht.quiz.static import question_data, question_html

DATA = Path(__file__).parent / "data"
BANK = load_bank("markup", DATA)
CASES = [
    ("m-single", "b"),  # the explanation has a line break
    ("m-single", "a"),  # "A*" and "b* is wrong.": two stray asterisks in one line of feedback
    ("m-single", "c"),  # a feedback of two lines, the option's "**bold" unclosed
    ("m-single", "z"),  # "choose one of" every option's text
    ("m-multiple", ["b"]),  # a wrong pick with a line break, then what was missed
    ("m-multiple", ["a", "b", "c"]),
    ("m-number", 25),  # a range's text with "5 * 5" and a line break
    ("m-number", 99),
    ("m-open", "Mijn antwoord."),  # the model answer's italics span its line break
]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_python_and_the_site_render_line_breaks_and_stray_asterisks_alike(quiz_page, lang):
    cases = [[question_data(BANK[qid], lang), answer] for qid, answer in CASES]
    verdicts = site_verdicts(quiz_page, cases)
    for (qid, answer), verdict in zip(CASES, verdicts, strict=True):
        expected = grade(BANK[qid], answer, lang)
        assert (verdict["status"], verdict["feedback"]) == (expected.status, expected.html), (qid, answer)


def test_a_line_break_in_a_bank_text_is_a_line_break_and_a_stray_asterisk_stays_an_asterisk():
    wrong = grade(BANK["m-single"], "a", "en").html
    assert wrong == "Not yet right.<br>‘A*’: b* is wrong."
    two_lines = grade(BANK["m-single"], "c", "en").html
    assert two_lines == "Not yet right.<br>‘C **bold’: First line.<br>Second <em>line</em>."
    assert grade(BANK["m-number"], 25, "en").html == "Not yet right.<br>That is 5 * 5,<br>too many."
    assert grade(BANK["m-single"], "b", "en").html == "Correct! Because<br>B is right."
    assert 'id="vkq-m-single.prompt">Which?<br>Pick one.</p>' in question_html(BANK["m-single"], "en")


def question(qid: str, kind: str, **fields) -> dict:
    text = {"nl": "x", "en": "x"}
    return {"id": qid, "kind": kind, "goal": text, "prompt": text, "hint": text, **fields}


def choices(*ids: str) -> list[dict]:
    return [{"id": i, "nl": i, "en": i, "feedback": {"nl": "f", "en": "f"}} for i in ids]


def test_element_ids_stay_unique_when_one_question_id_extends_another():
    from veerkracht.quiz import parse_bank

    cats = [{"id": "p", "nl": "P", "en": "P"}, {"id": "q", "nl": "Q", "en": "Q"}]
    bank = parse_bank(
        {
            "bank": "ids",
            "title": {"nl": "Ids", "en": "Ids"},
            "questions": [
                question("q", "number", answer=1),
                question("q-value", "single", options=choices("a", "b"), answer="a"),
                question("q-prompt", "open", model_answer={"nl": "m", "en": "m"}),
                question("t", "open", model_answer={"nl": "m", "en": "m"}),
                question("t-text", "number", answer=2),
                question("a", "classify", categories=cats, items=choices("b-c", "d"), answer={"b-c": "p", "d": "q"}),
                question("a-b", "classify", categories=cats, items=choices("c", "d"), answer={"c": "p", "d": "q"}),
            ],
        }
    )
    page = "".join(question_html(q, "en") for q in bank.questions)
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids)) == 7 + 7 + 2 + 2 + 4  # sections, prompts, number boxes, text areas, menus
    referred = re.findall(r' (?:for|aria-labelledby)="([^"]+)"', page)
    assert referred and set(referred) <= set(ids)
