"""The quiz in a kernel: running score, summary, export, and the widgets headless."""

import csv
import json
from pathlib import Path

import pytest
from veerkracht.i18n import tr
from veerkracht.quiz import Quiz
from veerkracht.quiz.live import CHOICE_CSS, CHOICES
from veerkracht.quiz.session import QUESTION_MIME, SUMMARY_MIME
from veerkracht.quiz.static import question_html
from veerkracht.quiz.text import plain_text

DATA = Path(__file__).parent / "data"


@pytest.fixture
def quiz():
    return Quiz("sample", "nl", DATA)


def test_the_score_counts_the_latest_attempt_of_graded_questions(quiz):
    assert quiz.score() == (0, 5)  # the open question is not graded
    quiz.check("s-single", "a")
    quiz.check("s-number", "68")
    assert quiz.score() == (1, 5)
    quiz.check("s-single", "b")
    assert quiz.score() == (2, 5)
    quiz.check("s-single", "c")
    assert quiz.score() == (1, 5)


def test_the_summary_names_the_questions_to_look_at_again(quiz):
    quiz.check("s-single", "b")
    quiz.check("s-multiple", ["a", "c"])
    quiz.check("s-classify", {"confidence": "personal", "network": "environment"})
    assert repr(quiz.summary()) == "3/5; kijk nog eens naar vraag 4 en 5"
    quiz.check("s-order", ["short", "middle", "long"])
    quiz.check("s-number", 68)
    assert repr(quiz.summary()) == "5/5. Alles goed. Mooi werk!"
    english = Quiz("sample", "en", DATA)
    english.check("s-single", "b")
    assert repr(english.summary()) == "1/5; look again at question 2, 3, 4 and 5"


def test_check_shows_the_hint_only_after_a_wrong_answer(quiz):
    wrong = quiz.check("s-single", "a")
    assert "Hint: Denk na." in wrong._repr_html_() and "A is fout omdat." in repr(wrong)
    right = quiz.check("s-single", "b")
    assert "Hint" not in right._repr_html_() and "Goed! Omdat B." in repr(right)


def test_an_unknown_question_is_a_clear_error_in_the_readers_language(quiz):
    with pytest.raises(ValueError, match="Er is geen vraag 'x'; kies uit: s-single"):
        quiz.check("x", 1)


def test_export_writes_json_and_csv_with_every_question(quiz, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the notebook's folder
    quiz.check("s-single", "a")
    quiz.check("s-single", "b")
    quiz.check("s-open", "Een veer denkt niet na.")
    message = quiz.export("resultaten")
    assert "resultaten.json" in repr(message) and "niets verstuurd" in repr(message)
    data = json.loads((tmp_path / "resultaten.json").read_text("utf-8"))
    assert data["score"] == {"right": 1, "total": 5} and data["language"] == "nl"
    single = data["questions"][0]
    assert single == {
        "number": 1,
        "question": "s-single",
        "kind": "single",
        "status": "correct",
        "attempts": 2,
        "answer": "b",
    }
    with (tmp_path / "resultaten.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["status"] for r in rows] == [
        "correct",
        "not answered",
        "not answered",
        "not answered",
        "not answered",
        "ungraded",
    ]


def test_export_survives_answers_that_json_cannot_hold(quiz, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    quiz.check("s-number", float("nan"))
    quiz.check("s-single", object())
    quiz.export("r")
    data = json.loads((tmp_path / "r.json").read_text("utf-8"))
    assert data["questions"][0]["answer"].startswith("<object object")


def test_the_widget_grades_through_the_session_and_updates_the_summary(quiz):
    summary = quiz.summary()
    view = quiz.question("s-single").widget
    pick = view._controls.children[1]
    pick.value = "a"
    view.submit()
    assert "A is fout omdat." in view._feedback.value and "Denk na." in view._hint.value
    pick.value = "b"
    view.submit()
    assert "Goed!" in view._feedback.value and view._hint.value == ""
    assert "1/5" in summary.widget.value


def test_every_kind_of_widget_reads_an_answer_the_grader_accepts(quiz):
    classify = quiz.question("s-classify").widget
    for row, value in zip(classify._controls.children, ["personal", "environment"], strict=True):
        row.children[1].value = value
    classify.submit()
    multiple = quiz.question("s-multiple").widget
    for row, value in zip(multiple._controls.children, [True, False, True], strict=True):
        row.children[0].value = value
    multiple.submit()
    number = quiz.question("s-number").widget
    number._controls.value = "68,2"
    number.submit()
    order = quiz.question("s-order").widget
    assert order.answer() == ["long", "short", "middle"]
    order._controls.children[0].children[1].click()  # move "long" down
    order._controls.children[1].children[1].click()  # ... and down again: short, middle, long
    assert order.answer() == ["short", "middle", "long"]
    order.submit()
    assert quiz.score() == (4, 5)


def test_a_question_displays_as_a_widget_and_its_state_which_the_site_draws_as_a_form(quiz):
    bundle = quiz.question("s-classify")._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.jupyter.widget-view+json", QUESTION_MIME, "text/plain"}
    assert bundle[QUESTION_MIME] == {"bank": "sample", "question": "s-classify", "lang": "nl"}
    assert bundle["text/plain"] == "Vraag 3: Deel in."
    page = question_html(quiz.bank["s-classify"], "nl")  # what the book makes of that state
    assert 'class="vk-question"' in page and '<select id="vkq-s-classify.item-confidence"' in page
    summary = quiz.summary()._repr_mimebundle_()
    assert summary[SUMMARY_MIME] == {"bank": "sample", "lang": "nl"} and "text/html" not in summary


def test_feedback_in_jupyter_renders_the_banks_markdown():
    quiz = Quiz("ch01", "nl")
    view = quiz.question("ch01-definition-parts").widget
    for row, value in zip(view._controls.children, [True, True, False, False, False, False], strict=True):
        row.children[0].value = value
    view.submit()  # c missed: its feedback speaks of *mobiliseren*
    assert "<em>mobiliseren</em>" in view._feedback.value and "*mobiliseren*" not in view._feedback.value
    shown = quiz.check("ch01-definition-parts", ["a", "b"])._repr_html_()
    assert "<em>mobiliseren</em>" in shown and "‘Hulpbronnen hebben is niet genoeg" in shown


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_single_choice_buttons_show_each_whole_option_and_wrap(lang):
    view = Quiz("sample", lang, DATA).question("s-single")
    pick = view.widget._controls.children[1]
    texts = [f"{o.id}) {plain_text(o.text[lang])}" for o in view.question.options]
    assert list(pick.options) == [(text, o.id) for text, o in zip(texts, view.question.options, strict=True)]
    assert pick.style.button_width == "auto" and CHOICES in pick._dom_classes  # not 3em: no "m…"
    assert "white-space: normal" in CHOICE_CSS and CHOICE_CSS in view.widget._controls.children[0].value
    assert pick.value is None  # nothing chosen until the student chooses


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_classify_menus_start_at_a_translated_choose_entry(lang):
    view = Quiz("sample", lang, DATA).question("s-classify").widget
    menus = [row.children[1] for row in view._controls.children]
    assert menus and all(m.index == 0 and m.label == tr(lang, "quiz.choose") and m.value is None for m in menus)
    assert view.answer() == {}  # "choose…" is not an answer
    menus[0].value = menus[0].options[1][1]
    assert view.answer() == {view._q.items[0].id: menus[0].options[1][1]}
