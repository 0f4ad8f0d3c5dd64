"""What the site keeps of a reader's answers (localStorage, per page, shared with the same page of
the other edition) and what a reader can download of them: an empty Check stores nothing, one
answer that cannot come back costs only that answer (the page says which, in the reader's language),
and the navigation's check mark trusts a finished page only for the questions as they are now.
Runs in Chromium on a page made from the bank here (no site build): the same ``question_html``,
``score_html`` and scripts as the built exercise pages."""

from __future__ import annotations

import functools
import http.server
import io
import json
import shutil
import threading
from importlib import resources
from pathlib import Path

import pytest
from veerkracht.i18n import tr
from veerkracht.quiz import load_bank
from veerkracht.quiz.static import question_html, score_html

ROOT = Path(__file__).resolve().parent.parent
BANK = load_bank("ch01")
PAGE = "{e}/exercises/{e}/ch01-student.html"
STORE = "veerkracht:quiz:/{e}/exercises/{e}/ch01-student"
OTHER = "{e}/chapters/{e}/01-resilience.html"  # a page without questions, with the same navigation
OPEN = next(q for q in BANK.questions if q.kind == "open")
NUMBER = next(q for q in BANK.questions if q.kind == "number")
SINGLE = next(q for q in BANK.questions if q.kind == "single")
MULTIPLE = next(q for q in BANK.questions if q.kind == "multiple")


def page_html(edition: str, questions: bool) -> str:
    graded = sum(q.graded for q in BANK.questions)
    other = "en" if edition == "nl" else "nl"  # the edition switch links to the same page there
    body = "".join(question_html(q, edition) for q in BANK.questions) if questions else "<p>Tekst.</p>"
    scores = score_html(edition, graded, BANK.id) if questions else ""
    quiz = '<script defer src="../../_static/quiz.js"></script>' if questions else ""
    return (
        f'<!DOCTYPE html><html lang="{edition}"><head><meta charset="utf-8"><title>Page</title>'
        f'<script defer src="../../_static/vk-progress.js" data-done="{tr(edition, "quiz.done")}"></script>{quiz}'
        f'</head><body><a class="vk-edition-switch" href="../../../{other}/exercises/{other}/ch01-student.html">'
        f"{other}</a>"
        '<div class="bd-sidebar-primary"><nav>'
        f'<a class="reference internal" href="../../exercises/{edition}/ch01-student.html">Quiz</a></nav></div>'
        f"{scores}{body}{scores}</body></html>"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Both editions' exercise page for ch01 and a page without questions, on a local server."""
    folder = tmp_path_factory.mktemp("quiz-site")
    assets = resources.files("veerkracht.assets")
    for edition in ("nl", "en"):
        static = folder / edition / "_static"
        static.mkdir(parents=True)
        shutil.copy(ROOT / "book" / "_static" / "vk-progress.js", static)
        for name in ("quiz.js", "quiz-versions.js"):
            if assets.joinpath(name).is_file():
                (static / name).write_text(assets.joinpath(name).read_text("utf-8"), "utf-8")
        for path, questions in ((PAGE, True), (OTHER, False)):
            target = folder / path.format(e=edition)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page_html(edition, questions), "utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def open_page(browser, site):
    """Opens pages in one browser context (one localStorage), each in its own tab."""
    context = browser.new_context()

    def goto(path: str):
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.errors = errors
        page.goto(f"{site}/{path}", wait_until="networkidle")
        return page

    yield goto
    context.close()


def question(page, qid: str):
    return page.locator(f'[data-vk-question="{qid}"]')


def notice(page) -> str:
    return page.locator(".vk-quiz-notice").first.inner_text()


def stored(page, edition: str) -> dict | None:
    text = page.evaluate("(key) => localStorage.getItem(key)", STORE.format(e=edition))
    return None if text is None else json.loads(text)


def put(page, edition: str, record) -> None:
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORE.format(e=edition), json.dumps(record)])
    page.reload(wait_until="networkidle")


def page_version(page) -> str:
    return page.evaluate(
        "Array.from(document.querySelectorAll('script.vk-q-data'))"
        ".map((s) => JSON.parse(s.textContent).version).join(' ')"
    )


@pytest.mark.parametrize("edition", ["nl", "en"])
def test_an_empty_check_stores_nothing_and_a_reload_keeps_every_answer(open_page, edition):
    page = open_page(PAGE.format(e=edition))
    question(page, OPEN.id).locator("textarea").fill("Mijn eigen antwoord.")
    question(page, OPEN.id).locator(".vk-q-check").click()
    question(page, NUMBER.id).locator("input").fill("42")
    question(page, NUMBER.id).locator(".vk-q-check").click()
    question(page, SINGLE.id).locator(".vk-q-check").click()  # nothing chosen: a stray tap
    assert question(page, SINGLE.id).locator(".vk-q-feedback").inner_text() == tr(edition, "quiz.empty")
    record = stored(page, edition)
    assert record["answers"] == {OPEN.id: "Mijn eigen antwoord.", NUMBER.id: "42"}
    page.reload(wait_until="networkidle")
    assert question(page, OPEN.id).locator("textarea").input_value() == "Mijn eigen antwoord."
    assert question(page, NUMBER.id).locator("input").input_value() == "42"
    assert notice(page) == "" and not page.errors


@pytest.mark.parametrize("edition", ["nl", "en"])
def test_a_record_with_an_empty_answer_from_before_keeps_every_other_answer(open_page, edition):
    page = open_page(PAGE.format(e=edition))
    version = page_version(page)
    answers = {SINGLE.id: None, OPEN.id: "Bewaard.", NUMBER.id: "42"}  # what an empty Check used to store
    put(page, edition, {"version": version, "answers": answers, "attempts": {SINGLE.id: 1}, "done": False})
    assert question(page, OPEN.id).locator("textarea").input_value() == "Bewaard."
    assert question(page, NUMBER.id).locator("input").input_value() == "42"
    numbers = tr(edition, "quiz.summary_questions", numbers=SINGLE.number)
    assert notice(page) == tr(edition, "quiz.partly", questions=numbers)
    assert stored(page, edition)["answers"] == {OPEN.id: "Bewaard.", NUMBER.id: "42"}
    page.reload(wait_until="networkidle")  # said once: the record now holds only what came back
    assert notice(page) == "" and question(page, OPEN.id).locator("textarea").input_value() == "Bewaard."
    assert not page.errors


def test_a_question_changed_in_the_bank_costs_only_its_own_answer(open_page):
    page = open_page(PAGE.format(e="en"))
    versions = page_version(page).split(" ")
    versions[NUMBER.number - 1] = "0ld0ld0ld0ld"  # the number question's key changed since
    answers = {OPEN.id: "Kept.", NUMBER.id: "42", MULTIPLE.id: sorted(MULTIPLE.answer), SINGLE.id: "renamed"}
    record = {"version": " ".join(versions), "answers": answers, "attempts": {OPEN.id: 2, NUMBER.id: 1}}
    put(page, "en", record)
    assert question(page, OPEN.id).locator("textarea").input_value() == "Kept."
    assert question(page, MULTIPLE.id).locator("input:checked").count() == len(MULTIPLE.answer)
    assert question(page, NUMBER.id).locator("input").input_value() == ""
    lost = sorted([NUMBER.number, SINGLE.number])
    numbers = tr("en", "quiz.summary_questions", numbers=f"{lost[0]} {tr('en', 'quiz.and')} {lost[1]}")
    assert notice(page) == tr("en", "quiz.partly", questions=numbers)
    kept = stored(page, "en")
    assert kept["answers"] == {OPEN.id: "Kept.", MULTIPLE.id: sorted(MULTIPLE.answer)}
    assert kept["attempts"] == {OPEN.id: 2} and kept["version"] == page_version(page)
    assert page.locator(".vk-quiz-score").first.inner_text() == "Score on this page: 1 of 11"


def test_answers_to_questions_no_longer_on_the_page_are_left_out_and_said(open_page):
    page = open_page(PAGE.format(e="nl"))
    answers = {OPEN.id: "Bewaard.", "ch01-removed": "b"}
    put(page, "nl", {"version": page_version(page), "answers": answers, "attempts": {}})
    assert question(page, OPEN.id).locator("textarea").input_value() == "Bewaard."
    assert notice(page) == tr("nl", "quiz.partly_removed")
    assert stored(page, "nl")["answers"] == {OPEN.id: "Bewaard."}


def answer_all_rightly(page) -> None:
    for q in BANK.questions:
        root = question(page, q.id)
        if q.kind == "single":
            root.locator(f'input[value="{q.answer}"]').check()
        elif q.kind == "multiple":
            for option in q.answer:
                root.locator(f'input[value="{option}"]').check()
        elif q.kind == "classify":
            for item, category in q.answer.items():
                root.locator(f'select[data-item="{item}"]').select_option(category)
        elif q.kind == "order":
            root.locator("ol").evaluate(
                "(ol, key) => key.forEach((s) => ol.appendChild(ol.querySelector(`li[data-step='${s}']`)))",
                list(q.answer),
            )
        elif q.kind == "number":
            root.locator("input").fill(f"{q.answer:g}")
        else:
            root.locator("textarea").fill("Antwoord.")
        root.locator(".vk-q-check").click()


def test_the_navigation_trusts_a_finished_page_only_for_the_questions_as_they_are_now(open_page):
    page = open_page(PAGE.format(e="nl"))
    answer_all_rightly(page)
    assert stored(page, "nl")["done"] is True
    other = open_page(OTHER.format(e="nl"))
    mark = other.locator(".bd-sidebar-primary .vk-done")
    mark.wait_for()
    assert mark.get_attribute("aria-label") == tr("nl", "quiz.done")
    record = stored(other, "nl")
    record["version"] = record["version"].replace(record["version"][:12], "0ld0ld0ld0ld", 1)  # a bank update since
    put(other, "nl", record)
    other.wait_for_function("window.VeerkrachtQuizVersions !== undefined")
    assert other.locator(".vk-done").count() == 0
    assert not other.errors


def test_a_page_where_nothing_is_finished_loads_no_list_of_versions(open_page):
    page = open_page(OTHER.format(e="en"))
    assert page.evaluate("window.VeerkrachtQuizVersions === undefined")
    loaded = page.evaluate("performance.getEntriesByType('resource').map((r) => r.name)")
    assert loaded and not [name for name in loaded if "quiz-versions" in name]


def test_answers_given_in_one_edition_come_back_in_the_other(open_page):
    nl = open_page(PAGE.format(e="nl"))
    question(nl, NUMBER.id).locator("input").fill("42")
    question(nl, NUMBER.id).locator(".vk-q-check").click()
    question(nl, SINGLE.id).locator(f'input[value="{SINGLE.answer}"]').check()
    question(nl, SINGLE.id).locator(".vk-q-check").click()
    en = open_page(PAGE.format(e="en"))
    assert question(en, NUMBER.id).locator("input").input_value() == "42"
    assert question(en, SINGLE.id).locator(f'input[value="{SINGLE.answer}"]').is_checked()
    assert question(en, SINGLE.id).get_attribute("data-status") == "correct"
    assert en.locator(".vk-quiz-score").first.inner_text() == "Score on this page: 1 of 11"
    # a change in English is the Dutch page's too; Start again clears both
    question(en, NUMBER.id).locator("input").fill("43")
    question(en, NUMBER.id).locator(".vk-q-check").click()
    assert stored(en, "nl")["answers"][NUMBER.id] == "43"
    en.locator(".vk-quiz-restart").first.click()
    assert stored(en, "nl") is None and stored(en, "en") is None
    assert notice(en) == tr("en", "quiz.restarted") and not nl.errors and not en.errors


def test_an_answer_saved_before_records_were_shared_comes_back_in_the_other_edition(open_page):
    page = open_page(PAGE.format(e="en"))
    record = {
        "version": page_version(page),
        "answers": {OPEN.id: "Alleen in het Nederlands."},
        "attempts": {OPEN.id: 1},
    }
    put(page, "nl", record)  # the Dutch page's record only, as quiz.js kept it before
    assert question(page, OPEN.id).locator("textarea").input_value() == "Alleen in het Nederlands."
    assert stored(page, "en")["answers"] == {OPEN.id: "Alleen in het Nederlands."}
    assert notice(page) == "" and not page.errors


@pytest.mark.parametrize("edition", ["nl", "en"])
def test_a_downloaded_hand_in_is_read_by_the_lecturers_overview(open_page, tmp_path, edition):
    """The score box's downloads are the files quiz.export writes in Jupyter: the lecturer's overview
    (python -m veerkracht.quiz.summary) reads both and grades them as the page did."""
    from veerkracht.quiz.summary import all_banks, collect, main

    page = open_page(PAGE.format(e=edition))
    answer_all_rightly(page)
    wrong = next(o.id for o in SINGLE.options if o.id != SINGLE.answer)
    question(page, SINGLE.id).locator(f'input[value="{wrong}"]').check()
    question(page, SINGLE.id).locator(".vk-q-check").click()
    for kind in ("json", "csv"):
        folder = tmp_path / kind
        folder.mkdir()
        with page.expect_download() as download:
            page.locator(f'.vk-quiz-download[data-format="{kind}"]').first.click()
        name = download.value.suggested_filename
        assert name == f"{tr(edition, 'exercises.export_name', bank='ch01')}.{kind}"
        download.value.save_as(folder / f"student-{kind}.{kind}")
        hand_ins, skipped = collect(folder, edition, all_banks())
        assert skipped == [] and len(hand_ins) == 1
        hand_in = hand_ins[0]
        assert hand_in.bank == "ch01" and hand_in.differ == []  # the page graded as the bank does
        assert hand_in.status[SINGLE.id] == "wrong" and hand_in.attempts[SINGLE.id] == 2
        graded = [q.id for q in BANK.questions if q.graded]
        assert [hand_in.status[qid] for qid in graded].count("correct") == len(graded) - 1
        assert hand_in.status[OPEN.id] == "ungraded"
        assert main([str(folder), "--lang", edition, "--plot", str(tmp_path / f"{kind}.svg")], out=io.StringIO()) == 0
    data = json.loads((tmp_path / "json" / "student-json.json").read_text("utf-8"))
    assert data["score"] == {"right": len(graded) - 1, "total": len(graded)} and data["language"] == edition
    assert not page.errors
