"""Accessibility gate: axe-core finds no WCAG 2.1 A/AA violation on any page of either edition,
in light and dark mode, before and after a reader has used the demo and the questions."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import drawn_demo

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
AXE = Axe()


def site_pages(built_site) -> list[str]:
    pages = ["index.html?stay"]
    for edition in ("nl", "en"):
        root = built_site["dir"] / edition
        pages += [
            f"{edition}/{p.relative_to(root).as_posix()}"
            for p in sorted(root.rglob("*.html"))
            if not {"_sources", "_static"} & set(p.parts) and p.name != "index.html"
        ]
    return pages


def violations(page) -> list[str]:
    found = AXE.run(page, options=WCAG).response["violations"]
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in found]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_wcag_violation_on_any_page(visit, built_site, scheme):
    v = visit()
    v.page.emulate_media(color_scheme=scheme)
    found = {}
    for path in site_pages(built_site):
        page = v.goto(path)
        if problems := violations(page):
            found[path] = problems
    assert found == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_wcag_violation_after_using_the_demo_and_the_questions(visit, scheme):
    v = visit()
    v.page.emulate_media(color_scheme=scheme)
    page = v.goto("nl/chapters/nl/01-resilience.html")
    drawn_demo(page)
    page.locator('input[data-param="resources"]').focus()
    page.keyboard.press("ArrowLeft")
    page.locator("button.vk-play").press("Enter")
    page.locator("button.vk-play").press("Enter")
    assert violations(page) == []
    page = v.goto("en/exercises/en/ch01-student.html")
    for question in page.locator(".vk-question").all():
        question.locator(".vk-q-check").click()  # every question answered (empty), then one wrongly
    first = page.locator('[data-vk-question="ch01-process-not-trait"]')
    first.locator("input[value=a]").check()
    first.locator(".vk-q-check").click()
    assert first.locator(".vk-q-hint").is_visible()
    assert violations(page) == []


def test_every_demo_figure_has_a_text_alternative_that_says_what_moves(visit):
    for edition, words in (("nl", "schuif"), ("en", "slider")):
        page = visit().goto(f"{edition}/chapters/{edition}/01-resilience.html")
        drawn_demo(page)
        for plot in page.locator(".vk-plot").all():
            assert plot.get_attribute("role") == "img"
            assert words in plot.get_attribute("aria-label")
        for control in page.locator(".vk-demo input[type=range]").all():
            assert page.locator(f'label[for="{control.get_attribute("id")}"]').count() == 1
