"""The quiz pages remember a reader's answers in their own browser (localStorage, nothing sent; the
same page of the other edition shares them), show the score at the top with links to the questions
to look at again, start again on request, survive an old or unusable stored record, and check off a
finished quiz page in the navigation."""

import json

import pytest
from veerkracht.i18n import tr
from veerkracht.quiz import load_bank

PAGE = "{e}/exercises/{e}/ch01-student.html"
CHAPTER = "{e}/chapters/{e}/01-resilience.html"
BANK = load_bank("ch01")
FIRST = '[data-vk-question="ch01-process-not-trait"]'
STORE = "veerkracht:quiz:/{e}/exercises/{e}/ch01-student"


def question(page, qid: str):
    return page.locator(f'[data-vk-question="{qid}"]')


def answer_rightly(page, q) -> None:
    root = question(page, q.id)
    if q.kind == "single":
        root.locator(f'input[value="{q.answer}"]').check()
    elif q.kind == "multiple":
        for option in q.options:
            root.locator(f'input[value="{option.id}"]').set_checked(option.id in q.answer)
    elif q.kind == "classify":
        for item, category in q.answer.items():
            root.locator(f'select[data-item="{item}"]').select_option(category)
    elif q.kind == "order":
        root.locator("ol").evaluate(
            "(ol, key) => key.forEach((s) => ol.appendChild(ol.querySelector(`li[data-step='${s}']`)))", list(q.answer)
        )
    elif q.kind == "number":
        root.locator("input").fill(f"{q.answer:g}")
    else:
        root.locator("textarea").fill("Een veer kiest niet.")
    root.locator(".vk-q-check").click()


def stored(page, edition: str):
    return page.evaluate("(key) => localStorage.getItem(key)", STORE.format(e=edition))


def notice(page) -> str:
    return page.locator(".vk-quiz-notice").first.inner_text()


def test_feedback_shows_the_banks_markdown_and_names_the_option(visit):
    page = visit().goto(PAGE.format(e="nl"))
    root = question(page, "ch01-definition-parts")
    root.locator("input[value=a]").check()
    root.locator("input[value=d]").check()
    root.locator(".vk-q-check").click()
    feedback = root.locator(".vk-q-feedback")
    text = feedback.inner_text()
    assert text.startswith("Nog niet goed.\n‘Veerkracht betekent dat je stress en tegenslag weet te vermijden.’: ")
    assert text.index("vermijden.’") < text.index("‘Zowel het functioneren")  # the wrong pick first
    assert "<em>kan</em>" not in feedback.inner_html()  # option a was right: not mentioned
    root.locator("input[value=d]").uncheck()
    root.locator("input[value=b]").check()
    root.locator(".vk-q-check").click()  # c missed: its feedback has *mobiliseren*
    assert "<em>mobiliseren</em>" in feedback.inner_html() and "*" not in feedback.inner_text()


def test_no_internal_id_reaches_a_reader(visit):
    page = visit().goto(PAGE.format(e="nl"))
    root = question(page, "ch01-resources-classify")
    root.locator('select[data-item="self-confidence"]').select_option("personal")
    root.locator(".vk-q-check").click()
    text = root.locator(".vk-q-feedback").inner_text()
    assert text.startswith("Deel elk item in; nog niet ingedeeld: ‘Je persoonlijke grenzen kunnen aangeven’")
    assert "boundaries" not in text and "self-image" not in text


def test_answers_attempts_and_score_come_back_after_a_reload_and_in_the_other_edition(visit):
    v = visit()
    page = v.goto(PAGE.format(e="nl"))
    first = question(page, "ch01-process-not-trait")
    first.locator("input[value=a]").check()
    first.locator(".vk-q-check").click()
    first.locator("input[value=b]").check()
    first.locator(".vk-q-check").click()
    number = question(page, "ch01-rest-chronic")
    number.locator("input").fill("99")
    number.locator(".vk-q-check").click()
    record = json.loads(stored(page, "nl"))
    assert record["answers"] == {"ch01-process-not-trait": "b", "ch01-rest-chronic": "99"}
    assert record["attempts"] == {"ch01-process-not-trait": 2, "ch01-rest-chronic": 1}
    page.reload(wait_until="networkidle")
    first = question(page, "ch01-process-not-trait")
    assert first.locator("input[value=b]").is_checked()
    assert first.locator(".vk-q-feedback").inner_text().startswith("Goed!")
    assert question(page, "ch01-rest-chronic").locator("input").input_value() == "99"
    assert question(page, "ch01-rest-chronic").locator(".vk-q-hint").is_visible()
    assert page.locator(".vk-quiz-score").first.inner_text() == "Score op deze pagina: 1 van 11"
    assert notice(page) == "" and not v.errors
    english = v.goto(PAGE.format(e="en"))  # the same questions in the other edition: the same answers
    assert english.locator(".vk-quiz-score").first.inner_text() == "Score on this page: 1 of 11"
    assert english.locator(f"{FIRST} input[value=b]").is_checked()
    assert question(english, "ch01-rest-chronic").locator("input").input_value() == "99"


def test_the_score_box_at_the_top_links_to_the_questions_to_look_at_again(visit):
    page = visit().goto(PAGE.format(e="en"))
    top = page.locator(".vk-quiz-summary").first
    assert top.evaluate("(box) => !!(box.compareDocumentPosition(document.querySelector('.vk-question')) & 4)")
    assert top.locator(".vk-quiz-review").is_hidden()  # nothing answered yet
    first = question(page, "ch01-process-not-trait")
    first.locator("input[value=a]").check()
    first.locator(".vk-q-check").click()
    review = top.locator(".vk-quiz-review")
    assert review.inner_text() == f"Look again at {', '.join(f'question {n}' for n in range(1, 11))} and question 11."
    assert review.locator("a").first.get_attribute("href") == "#vkq-ch01-process-not-trait"
    review.locator("a", has_text="question 7").click()
    seventh = next(q.id for q in BANK.questions if q.number == 7)
    assert page.evaluate("location.hash") == f"#vkq-{seventh}"
    first.locator("input[value=b]").check()
    first.locator(".vk-q-check").click()
    assert "question 1," not in review.inner_text() and review.locator("a").count() == 10


def test_start_again_clears_answers_score_and_the_stored_record(visit):
    page = visit().goto(PAGE.format(e="en"))
    for q in BANK.questions[:3]:
        answer_rightly(page, q)
    assert page.locator(".vk-quiz-score").first.inner_text() == "Score on this page: 3 of 11"
    page.locator(".vk-quiz-restart").first.click()
    assert stored(page, "en") is None
    assert page.locator(".vk-quiz-score").last.inner_text() == "Score on this page: 0 of 11"
    assert not page.locator(".vk-question input:checked").count()
    assert not page.locator(".vk-question[data-status]").count()
    assert page.locator(".vk-q-feedback").all_inner_texts() == [""] * len(BANK.questions)
    assert notice(page) == tr("en", "quiz.restarted")
    page.reload(wait_until="networkidle")
    assert page.locator(".vk-quiz-score").first.inner_text() == "Score on this page: 0 of 11" and notice(page) == ""


def versions(page) -> str:
    return page.evaluate(
        "Array.from(document.querySelectorAll('script.vk-q-data'))"
        ".map((s) => JSON.parse(s.textContent).version).join(' ')"
    )


@pytest.mark.parametrize(
    "record",
    [
        lambda v: {"version": "an older bank", "answers": {"ch01-process-not-trait": "b"}, "attempts": {}},
        lambda v: {"version": v, "answers": {"ch01-removed-question": "b"}, "attempts": {}},  # a question removed
        lambda v: {"version": v, "answers": {"ch01-process-not-trait": "renamed"}, "attempts": {}},  # option renamed
        lambda v: {"version": v, "answers": {"ch01-rest-chronic": ["a"]}, "attempts": {}},  # kind changed
        lambda v: "{not json",
        lambda v: [1, 2],
    ],
    ids=["version", "question-removed", "option-renamed", "kind-changed", "not-json", "not-a-record"],
)
def test_a_stored_record_from_an_older_bank_starts_afresh_and_says_so_once(visit, record):
    v = visit()
    page = v.goto(PAGE.format(e="nl"))
    value = record(versions(page))
    text = value if isinstance(value, str) else json.dumps(value)
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORE.format(e="nl"), text])
    page.reload(wait_until="networkidle")
    assert notice(page) == tr("nl", "quiz.stale")
    assert not page.locator(".vk-question input:checked").count()
    assert page.locator(".vk-quiz-score").first.inner_text() == "Score op deze pagina: 0 van 11"
    answer_rightly(page, BANK.questions[0])  # the quiz works
    assert question(page, "ch01-process-not-trait").locator(".vk-q-feedback").inner_text().startswith("Goed!")
    page.reload(wait_until="networkidle")
    assert notice(page) == ""  # said once: the old record is gone
    assert question(page, "ch01-process-not-trait").locator("input[value=b]").is_checked()
    assert not v.errors


DISABLED = """Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });"""
FULL = """Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };"""


@pytest.mark.parametrize("script", [DISABLED, FULL], ids=["disabled", "full"])
def test_a_disabled_or_full_storage_never_breaks_the_page(visit, script):
    v = visit()
    v.context.add_init_script(script)
    stacks = []  # the theme's own scripts throw here too (reading its colour mode): only ours count
    v.page.on("pageerror", lambda error: stacks.append(error.stack or str(error)))
    page = v.goto(PAGE.format(e="en"))
    for q in BANK.questions[:2]:
        answer_rightly(page, q)
    assert page.locator(".vk-quiz-score").first.inner_text() == "Score on this page: 2 of 11"
    assert notice(page) == tr("en", "quiz.storage_off")
    answer_rightly(page, BANK.questions[2])
    assert notice(page) == tr("en", "quiz.storage_off")  # said once, not once per answer
    page.locator(".vk-quiz-restart").first.click()
    assert page.locator(".vk-quiz-score").first.inner_text() == "Score on this page: 0 of 11"
    v.goto(CHAPTER.format(e="en"))  # the navigation's script copes too
    assert stacks is not None and not [s for s in stacks if "quiz.js" in s or "vk-progress.js" in s]
    theirs = ("The operation is insecure.", "The quota has been exceeded.", "Got invalid theme mode")
    assert not [e for e in v.errors if not e.startswith(theirs)]


def test_the_navigation_checks_off_a_quiz_page_once_every_graded_question_is_right(visit):
    v = visit()
    page = v.goto(PAGE.format(e="nl"))
    link = page.locator(".bd-sidebar-primary nav a.reference.internal", has_text="Oefenvragen")
    for q in BANK.questions[:-2]:
        answer_rightly(page, q)
    assert not link.locator(".vk-done").count()
    for q in BANK.questions[-2:]:
        answer_rightly(page, q)
    assert json.loads(stored(page, "nl"))["done"] is True
    assert link.locator(".vk-done").get_attribute("aria-label") == "alle vragen goed"
    chapter = v.goto(CHAPTER.format(e="nl"))
    check = chapter.locator(".bd-sidebar-primary nav a.reference.internal .vk-done")
    assert check.count() == 1 and check.inner_text() == "✓"
    checked = chapter.locator(".bd-sidebar-primary nav a.reference.internal", has=chapter.locator(".vk-done"))
    assert checked.inner_text().startswith("Oefenvragen")
    assert v.goto(CHAPTER.format(e="en")).locator(".vk-done").count() == 1  # the same page in English
    page = v.goto(PAGE.format(e="nl"))
    answer = question(page, "ch01-process-not-trait")
    answer.locator("input[value=a]").check()
    answer.locator(".vk-q-check").click()
    assert not page.locator(".vk-done").count()  # one wrong again: no longer done
    assert not v.errors
