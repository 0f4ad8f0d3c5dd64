"""Accessibility in JupyterLab: axe-core finds no WCAG 2.1 A/AA violation in the course's own
widgets, run in Lab in a real browser: the quiz questions of an exercise notebook, every chapter
(both editions) that shows a demo, as the plain notebook every Jupyter route opens
(``chapters/<lang>/*.ipynb``), and every demo in the registry. Lab's own interface is not ours to
fix, so axe looks only at the widget output areas; every input, select and button in them must also
have an accessible name."""

import shutil

import nbformat
import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT
from veerkracht.kit.registry import registry

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
WIDGETS = ".jp-OutputArea-output .jupyter-widgets"
DEMO_CHAPTERS = sorted(
    path.relative_to(ROOT) for path in (ROOT / "chapters").glob("*/*.md") if "Demo(" in path.read_text("utf-8")
)
# The accessible name of each form control and button, as axe and a screen reader compute it
# (label, aria-label, aria-labelledby, text, title); those without one are returned.
UNNAMED = """(selector) => [...document.querySelectorAll(selector)]
    .flatMap((w) => [...w.querySelectorAll('input, select, textarea, button, [role=slider]')])
    .filter((el) => {
        const label = el.labels && [...el.labels].some((l) => l.textContent.trim());
        const aria = (el.getAttribute('aria-label') || '').trim();
        const by = (el.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean)
            .some((id) => (document.getElementById(id)?.textContent || '').trim());
        const text = el.tagName === 'BUTTON' && el.textContent.trim();
        const title = (el.getAttribute('title') || '').trim();
        return !(label || aria || by || text || title);
    })
    .map((el) => el.outerHTML.slice(0, 200))"""


def run_in_lab(browser, lab, notebook, ready: str, count: int):
    """Open ``notebook`` (a path in the lab's folder) in Lab, run every cell and wait until at least
    ``count`` elements match ``ready`` inside the output areas."""
    address, _ = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{address}/lab/tree/{notebook.name}?reset")
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    page.wait_for_timeout(2000)
    page.click("text=Run", timeout=10_000)
    page.click("text=Run All Cells", timeout=10_000)
    page.wait_for_function(
        "([s, n]) => document.querySelectorAll('.jp-OutputArea-output ' + s).length >= n",
        arg=[ready, count],
        timeout=120_000,
    )
    page.wait_for_timeout(1000)  # the last widgets finish drawing
    return page


def violations(page) -> list[str]:
    found = Axe().run(page, context={"include": [[WIDGETS]]}, options=WCAG).response["violations"]
    return [f"{v['id']}: {[n['html'][:200] for n in v['nodes']][:3]}" for v in found]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_quiz_widgets_in_jupyterlab_have_no_wcag_violation(browser, lab, lang):
    notebook = ROOT / "exercises" / lang / "ch01-student.ipynb"
    shutil.copy(notebook, lab[1] / notebook.name)
    page = run_in_lab(browser, lab, lab[1] / notebook.name, ".mod-primary", 8)  # every check button
    try:
        controls = page.locator(".jp-OutputArea-output").locator("input, select, textarea, button")
        assert controls.count() > 40  # axe is looking at the questions, not at an empty page
        assert violations(page) == []
        names = page.evaluate(
            """(selector) => [...document.querySelectorAll(selector)]
                .flatMap((w) => [...w.querySelectorAll('input, select, textarea')])
                .filter((el) => !(el.labels && [...el.labels].some((l) => l.textContent.trim())))
                .map((el) => el.outerHTML)""",
            WIDGETS,
        )
        assert names == []  # every form control has a label with text, not only a placeholder
        assert page.evaluate(UNNAMED, WIDGETS) == []
        cut = page.evaluate(  # single-choice buttons show their whole option text, wrapped
            """(s) => [...document.querySelectorAll(s + ' .widget-toggle-button')]
                .filter((b) => b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1)
                .map((b) => b.textContent)""",
            WIDGETS,
        )
        assert page.locator(WIDGETS).locator(".widget-toggle-button").count() > 4 and cut == []
        blank = page.evaluate(  # a classify menu starts at "choose…", not a blank box
            "(s) => [...document.querySelectorAll(s + ' select')].filter((m) => m.selectedIndex < 0).length",
            WIDGETS,
        )
        assert blank == 0
    finally:
        page.close()


def check_demo_outputs(page, sliders: int) -> None:
    controls = page.locator(WIDGETS).locator("input, select, button, [role=slider]")
    assert controls.count() > 5  # axe is looking at a demo's panel, not at an empty page
    assert page.locator(WIDGETS).locator("input[type=range]").count() == sliders
    assert violations(page) == []
    assert page.evaluate(UNNAMED, WIDGETS) == []
    # A slider works from the keyboard: the value beside it follows, and the kernel redraws the figure.
    slider = page.locator(WIDGETS).locator("input[type=range]").first
    shown = slider.locator("xpath=following-sibling::output")
    before = shown.text_content()
    # every panel of the first figure (a control may change only one of them)
    curves = "() => document.querySelector('.jp-OutputArea-output .js-plotly-plot .cartesianlayer').innerHTML"
    drawn = page.evaluate(curves)
    slider.focus()
    page.keyboard.press("End" if slider.input_value() != slider.get_attribute("max") else "Home")
    page.wait_for_function(f"(old) => ({curves})() !== old", arg=drawn, timeout=30_000)
    assert shown.text_content() != before
    play = page.locator(WIDGETS).locator("button.vk-step-play")
    if play.count():  # the time axis plays from its button, which is named by its text
        # the time slider beside it (another demo's sliders may follow it on the page)
        time = play.first.locator("xpath=ancestor::*[.//input[@type='range']][1]").locator("input[type=range]").first
        start = time.input_value()
        play.first.click()
        page.wait_for_function("([el, v]) => el.value !== v", arg=[time.element_handle(), start], timeout=30_000)
        assert play.first.get_attribute("aria-pressed") in ("true", "false") and play.first.text_content().strip()


def slider_count(demo_id: str) -> int:
    spec = registry()[demo_id].spec
    return sum(p.control == "slider" for p in spec.params) + (spec.time is not None)


@pytest.mark.parametrize("chapter", DEMO_CHAPTERS, ids=str)
def test_a_chapter_with_a_demo_opened_as_a_notebook_has_no_wcag_violation(browser, lab, chapter):
    notebook = nbformat.read(ROOT / chapter.with_suffix(".ipynb"), as_version=4)  # the one every route opens
    source = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    target = lab[1] / f"chapter-{chapter.parent.name}-{chapter.stem}.ipynb"
    nbformat.write(notebook, target)
    shown = [d for d in registry() if f"{registry()[d].__name__}(" in source]
    page = run_in_lab(browser, lab, target, ".js-plotly-plot", len(shown))  # every demo drawn, not only the first
    try:
        check_demo_outputs(page, sum(slider_count(d) for d in shown))
    finally:
        page.close()


@pytest.mark.parametrize("demo_id", sorted(registry()))
def test_every_demo_in_jupyterlab_has_no_wcag_violation(browser, lab, demo_id):
    cls = registry()[demo_id]
    source = f"from {cls.__module__} import {cls.__name__}\n\n{cls.__name__}(lang='en')"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    target = lab[1] / f"demo-{demo_id}.ipynb"
    nbformat.write(notebook, target)
    page = run_in_lab(browser, lab, target, ".js-plotly-plot", 1)
    try:
        check_demo_outputs(page, slider_count(demo_id))
    finally:
        page.close()
