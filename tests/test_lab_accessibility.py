"""Accessibility in JupyterLab: axe-core finds no WCAG 2.1 A/AA violation in the course's own
widgets (the quiz questions of an exercise notebook, run in Lab in a real browser). Lab's own
interface is not ours to fix, so axe looks only at the widget output areas."""

import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
WIDGETS = ".jp-OutputArea-output .jupyter-widgets"


def run_in_lab(browser, lab, notebook):
    address, folder = lab
    shutil.copy(ROOT / notebook, folder / notebook.name)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{address}/lab/tree/{notebook.name}?reset")
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    page.wait_for_timeout(2000)
    page.click("text=Run", timeout=10_000)
    page.click("text=Run All Cells", timeout=10_000)
    page.wait_for_selector(".widget-button", timeout=120_000)
    page.wait_for_function(  # every question has drawn its check button
        "(n) => document.querySelectorAll('.jp-OutputArea-output .mod-primary').length >= n",
        arg=8,
        timeout=120_000,
    )
    return page


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_quiz_widgets_in_jupyterlab_have_no_wcag_violation(browser, lab, lang):
    page = run_in_lab(browser, lab, ROOT / "exercises" / lang / "ch01-student.ipynb")
    try:
        controls = page.locator(".jp-OutputArea-output").locator("input, select, textarea, button")
        assert controls.count() > 40  # axe is looking at the questions, not at an empty page
        found = Axe().run(page, context={"include": [[WIDGETS]]}, options=WCAG).response["violations"]
        assert [f"{v['id']}: {[n['html'] for n in v['nodes']][:3]}" for v in found] == []
        names = page.evaluate(
            """(selector) => [...document.querySelectorAll(selector)]
                .flatMap((w) => [...w.querySelectorAll('input, select, textarea')])
                .filter((el) => !(el.labels && [...el.labels].some((l) => l.textContent.trim())))
                .map((el) => el.outerHTML)""",
            WIDGETS,
        )
        assert names == []  # every form control has a label with text, not only a placeholder
    finally:
        page.close()
