"""The exercise pages in a real browser: answer wrongly, then rightly; the page grades exactly as
the Python grader does."""

import json

import pytest
from veerkracht.quiz import grade, load_bank

PAGE = "{e}/exercises/{e}/ch01-student.html"
BANK = load_bank("ch01")


def page_data(page, qid: str) -> dict:
    return json.loads(page.locator(f'[data-vk-question="{qid}"] script.vk-q-data').inner_text())


@pytest.mark.parametrize(
    ("edition", "wrong", "right", "score"),
    [
        ("nl", "Nog niet goed.", "Goed!", "Score op deze pagina: {n} van 11"),
        ("en", "Not yet right.", "Correct!", "Score on this page: {n} of 11"),
    ],
)
def test_a_wrong_then_a_right_answer_changes_feedback_hint_and_score(visit, edition, wrong, right, score):
    page = visit().goto(PAGE.format(e=edition))
    question = page.locator('[data-vk-question="ch01-process-not-trait"]')
    score_line = page.locator(".vk-quiz-score").first
    assert score_line.inner_text() == score.format(n=0)
    assert question.locator(".vk-q-hint").is_hidden()
    question.locator("input[value=a]").check()
    question.locator(".vk-q-check").click()
    assert question.locator(".vk-q-feedback").inner_text().startswith(wrong)
    assert question.locator(".vk-q-hint").is_visible()
    assert score_line.inner_text() == score.format(n=0)
    question.locator("input[value=b]").press("Space")  # the keyboard alone will do
    question.locator(".vk-q-check").press("Enter")
    assert question.locator(".vk-q-feedback").inner_text().startswith(right)
    assert question.locator(".vk-q-hint").is_hidden()
    assert score_line.inner_text() == score.format(n=1)


def test_order_and_number_questions_work_with_the_keyboard(visit):
    page = visit().goto(PAGE.format(e="en"))
    order = page.locator('[data-vk-question="ch01-spring-sequence"]')
    key = list(BANK["ch01-spring-sequence"].answer)
    for position, step in enumerate(key):  # move each step up into place with its ↑ button
        for _ in range(20):
            steps = order.locator("li").evaluate_all("items => items.map(li => li.dataset.step)")
            if steps.index(step) == position:
                break
            order.locator(f'li[data-step="{step}"] .vk-q-up').press("Enter")
    order.locator(".vk-q-check").press("Enter")
    assert order.locator(".vk-q-feedback").inner_text().startswith("Correct!")
    number = page.locator('[data-vk-question="ch01-rest-chronic"]')
    number.locator("input").fill(f"{BANK['ch01-rest-chronic'].answer:g}")
    number.locator(".vk-q-check").click()
    assert number.locator(".vk-q-feedback").inner_text().startswith("Correct!")
    assert page.locator(".vk-quiz-score").first.inner_text() == "Score on this page: 2 of 11"


def answers_for(q) -> list:
    """Right, wrong and malformed answers of the shapes the page's controls produce."""
    if q.kind == "single":
        return [o.id for o in q.options] + ["", " b "]
    if q.kind == "multiple":
        ids = [o.id for o in q.options]
        return [sorted(q.answer), ids, ids[:1], [], sorted(q.answer)[1:]]
    if q.kind == "classify":
        cats = [c.id for c in q.categories]
        flipped = {k: cats[(cats.index(v) + 1) % len(cats)] for k, v in q.answer.items()}
        partial = dict(list(q.answer.items())[:2])
        return [dict(q.answer), flipped, partial, {}]
    if q.kind == "order":
        key = list(q.answer)
        return [key, key[::-1], key[1:] + key[:1]]
    if q.kind == "number":
        return [
            f"{q.answer:g}",
            f"{q.answer + 30:g}",
            f"{q.answer - 30:g}",
            "abc",
            "12,5",
            "1e999",
            "",
            *[f"{(low + high) / 2:g}" for low, high, _ in q.ranges],
        ]
    return ["Een veer kiest niet.", "   ", "x" * 5001]


@pytest.mark.parametrize("edition", ["nl", "en"])
def test_the_page_grades_every_question_exactly_as_python_does(visit, edition):
    page = visit().goto(PAGE.format(e=edition))
    checked = 0
    for q in BANK.questions:
        data = page_data(page, q.id)
        for answer in answers_for(q):
            verdict = page.evaluate("([q, a]) => window.VeerkrachtQuiz.grade(q, a)", [data, answer])
            expected = grade(q, answer, edition)
            assert (verdict["status"], verdict["feedback"]) == (expected.status, expected.html), (q.id, answer)
            checked += 1
    assert checked > 50
