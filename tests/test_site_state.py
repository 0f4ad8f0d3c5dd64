"""On the built site, a reader's state travels with them and the exercises reach the demos: a demo
writes its state into the address (Back and the edition switch keep it), a question's link opens
its demo in the state it names, quizzes print as text, and a page's own print button prints its
demos as the course PDF does (drawn, with the address of their live version)."""

import pytest
from conftest import drawn_demo
from veerkracht.kit.registry import registry
from veerkracht.quiz.bank import load_banks

LINKED = [(bank, q) for bank, b in load_banks().items() for q in b.questions if q.demo]


def params_shown(root, demo: str) -> dict:
    spec = registry()[demo].spec
    return {p.name: p.values[int(root.locator(f'[data-param="{p.name}"]').input_value())] for p in spec.params}


def test_a_demo_keeps_its_state_in_the_address_for_back_and_the_edition_switch(visit, demos_on_site):
    first = {}  # each demo on the first Dutch page that shows it
    for path, demo in demos_on_site:
        if path.startswith("nl/"):
            first.setdefault(demo, path)
    for demo, path in first.items():
        page = visit().goto(path)
        root = drawn_demo(page, demo)
        param = registry()[demo].spec.params[-1]
        control = root.locator(f'[data-param="{param.name}"]')
        control.focus()
        page.keyboard.press("ArrowLeft" if int(control.input_value()) > 0 else "ArrowRight")
        state = params_shown(root, demo)
        assert f"{demo}.{param.name}={state[param.name]:g}" in page.url
        assert page.url.split("?")[1].split("#")[0] == root.locator(".vk-link").get_attribute("href")[1:].split("#")[0]
        page.goto(page.url.split("/nl/")[0] + "/nl/book/nl/welcome.html", wait_until="networkidle")
        page.go_back(wait_until="networkidle")
        assert params_shown(drawn_demo(page, demo), demo) == state  # Back: the same state
        page.locator("a.vk-edition-switch").evaluate("(a) => a.click()")
        page.wait_for_url("**/en/**")
        assert params_shown(drawn_demo(page, demo), demo) == state  # the other edition: the same state


@pytest.mark.parametrize(("bank", "question"), LINKED, ids=[q.id for _, q in LINKED])
@pytest.mark.parametrize("edition", ["nl", "en"])
def test_a_questions_demo_link_opens_the_demo_in_the_state_it_names(visit, bank, question, edition):
    v = visit()
    page = v.goto(f"{edition}/exercises/{edition}/{bank}-student.html")
    page.locator(f'[data-vk-question="{question.id}"] .vk-q-demo a').click()
    page.wait_for_url(f"**/{edition}/chapters/{edition}/{question.demo.chapter}.html?*#{question.demo.id}-demo")
    root = drawn_demo(page, question.demo.id)
    assert params_shown(root, question.demo.id) == {
        **registry()[question.demo.id].spec.defaults,
        **question.demo.params,
    }
    assert root.locator(".vk-error").is_hidden() and v.errors == []


@pytest.mark.parametrize("edition", ["nl", "en"])
def test_quizzes_print_as_questions_with_their_options_as_text(visit, edition):
    page = visit().goto(f"{edition}/exercises/{edition}/ch01-student.html")
    page.emulate_media(media="print")
    hidden = ".vk-q-check, .vk-q-feedback, .vk-q-hint, .vk-quiz-summary, .vk-q-order button, .vk-q-item select"
    assert all(not element.is_visible() for element in page.locator(hidden).all())
    classify = page.locator('.vk-question[data-kind="classify"]').first
    printed = classify.locator(".vk-q-print")
    options = classify.locator("select").first.locator("option:not([value=''])").all_inner_texts()
    assert printed.is_visible() and all(option in printed.inner_text() for option in options)
    single = page.locator('.vk-question[data-kind="single"]').first
    assert all(label.is_visible() and label.inner_text().strip() for label in single.locator("label").all())
    page.emulate_media(media="screen")
    assert not printed.is_visible() and classify.locator(".vk-q-check").is_visible()


def test_the_page_print_button_draws_every_demo_with_the_address_of_its_state(visit, built_site):
    v = visit()
    page = v.goto("en/chapters/en/03-cycle.html?cycle.chronic_load=4")
    page.evaluate(
        "() => { window.print = () => (window.vkPrinted = document.querySelectorAll('.vk-print-link').length); }"
    )
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    roots = page.locator(".vk-demo")
    assert roots.count() == 2 and all(r.get_attribute("data-vk-state") == "waiting" for r in roots.all())
    page.locator(".btn-download-pdf-button").evaluate("(b) => b.click()")  # in the download menu
    page.wait_for_function("window.vkPrinted !== undefined")
    assert page.evaluate("window.vkPrinted") == 2  # both demos annotated before the print
    for root in roots.all():
        assert root.get_attribute("data-vk-state") == "drawn"
        query = root.locator(".vk-link").get_attribute("href").split("#")[0]
        assert (
            root.locator(".vk-print-link a").get_attribute("href") == f"{canonical}{query}#{root.get_attribute('id')}"
        )
        assert root.locator(".js-plotly-plot").evaluate("(p) => p._fullLayout.width") <= 680
    assert "cycle.chronic_load=4" in roots.nth(1).locator(".vk-print-link a").get_attribute("href")
    assert v.errors == [] and v.foreign == []
