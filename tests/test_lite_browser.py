"""The live notebooks (the site's /lite/, JupyterLite with Python in the browser), in Chromium with
every other host blocked: chapter 1 and its exercises run in both editions, the demo redraws when a
slider moves, a question is graded and the results download; the app's notices for no network, a
reload and a site update come in the reader's language. Each page's "Try it live" button opens it."""

import json
import re

import pytest
from conftest import ROOT, missing
from veerkracht.i18n import tr
from veerkracht.quiz import Quiz
from veerkracht_book import LIVE_TEXTS  # the button's texts, one place

CHAPTER = "chapters/{lang}/01-resilience.ipynb"
EXERCISES = "exercises/{lang}/ch01-student.ipynb"
OUTPUTS = ".jp-OutputArea-output"
# Every code cell has run: its prompt shows a number, none is waiting ([*]) or unrun ([ ]).
ALL_RUN = """() => {
    const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map((p) => p.textContent);
    return prompts.length > 0 && prompts.every((p) => /\\[\\d+\\]/.test(p));
}"""


@pytest.fixture
def lite(built_site):
    if built_site["lite_missing"]:
        missing(built_site["lite_missing"])
    return built_site["dir"] / "lite"


def run_all_cells(page) -> None:
    """Run > Run All Cells from the menu bar (the cells wait in line while Python loads)."""
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.locator(".lm-Menu-item", has_text="Run All Cells").first.click()


def run_all(visit, lang: str, path: str, width: int = 1280):
    """Open ``path`` in the live app (outside hosts blocked) ``width`` px wide, run every cell and
    wait until all ran."""
    v = visit("nl-NL" if lang == "nl" else "en-GB")
    v.page.set_viewport_size({"width": width, "height": 800})
    page = v.goto(f"lite/notebooks/index.html?path={path}")
    page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=60_000)
    assert page.locator('[data-vk-notice="intro"]').inner_text().startswith(tr(lang, "lite.intro")[:40])
    run_all_cells(page)
    assert page.locator('[data-vk-notice="intro"]').count() == 0  # gone once the reader starts
    page.wait_for_function(ALL_RUN, timeout=300_000)
    failed = "[data-mime-type='application/vnd.jupyter.stderr'], [data-mime-type='application/vnd.jupyter.error']"
    assert page.locator(OUTPUTS).locator(failed).all_inner_texts() == []
    return v, page


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chapter_1_runs_live_in_the_browser_and_its_demo_redraws_when_a_slider_moves(visit, lite, lang):
    v, page = run_all(visit, lang, CHAPTER.format(lang=lang))
    page.wait_for_selector(f"{OUTPUTS} .js-plotly-plot", timeout=60_000)
    curves = f"() => document.querySelector('{OUTPUTS} .js-plotly-plot .cartesianlayer').innerHTML"
    drawn = page.evaluate(curves)
    slider = page.locator(f"{OUTPUTS} .jupyter-widgets input[type=range]").first
    slider.scroll_into_view_if_needed()
    shown = slider.locator("xpath=following-sibling::output")
    before = shown.text_content()
    slider.focus()
    page.keyboard.press("End" if slider.input_value() != slider.get_attribute("max") else "Home")
    page.wait_for_function(f"(old) => ({curves})() !== old", arg=drawn, timeout=60_000)
    assert shown.text_content() != before
    assert v.foreign == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chapter_1_exercises_grade_an_answer_and_download_the_results_live(visit, lite, lang):
    v, page = run_all(visit, lang, EXERCISES.format(lang=lang))
    # The first question (single choice): the process answer is right.
    question = page.locator(f"{OUTPUTS} .jupyter-widgets .widget-toggle-buttons").first
    question.locator(".widget-toggle-button").nth(1).click()
    check = "xpath=ancestor::div[.//button[contains(concat(' ', @class, ' '), ' mod-primary ')]][1]"
    question.locator(check).locator("button.mod-primary").first.click()
    page.get_by_text(tr(lang, "quiz.correct")).first.wait_for(timeout=30_000)
    # The export cell (run before the answer) offers both files as downloads, in the reader's language.
    first_words = tr(lang, "quiz.exported_browser", json="", csv="").split(":")[0]
    assert page.get_by_text(first_words).count() == 1
    links = page.locator(f"{OUTPUTS} a.vk-download")
    source = (ROOT / EXERCISES.format(lang=lang)).read_text("utf-8")
    name = re.search(r'quiz\.export\(\\"([^\\]+)\\"', source).group(1)  # the notebook's own export cell
    assert links.all_inner_texts() == [f"{name}.json", f"{name}.csv"]
    with page.expect_download() as download:
        links.first.click()
    results = json.loads(open(download.value.path(), encoding="utf-8").read())
    total = Quiz("ch01", lang=lang).score()[1]  # the questions that are graded
    assert (results["bank"], results["language"], results["score"]["total"]) == ("ch01", lang, total)
    assert v.foreign == []
    # Reloading throws the running Python away: the browser asks first (an answer was given),
    # and afterwards the app says what happened and how to start again.
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    page.reload()
    page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=60_000)
    assert asked == ["beforeunload"]
    assert page.locator('[data-vk-notice="reloaded"]').inner_text().startswith(tr(lang, "lite.reloaded")[:40])


FIGURES = "[...document.querySelectorAll('.jp-OutputArea-output .js-plotly-plot')]"


def test_on_a_phone_every_live_figure_fits_the_screen_in_its_demos_compact_layout(visit, lite):
    """The live figure (kit/plot.py) draws at its box's width, in the demo's compact layout on a
    narrow screen, and keeps that layout when it redraws."""
    from veerkracht.demos.cycle import CycleDemo
    from veerkracht.demos.spring import SpringDemo

    v, page = run_all(visit, "en", "chapters/en/03-cycle.ipynb", width=390)  # the spring, then the circle
    page.wait_for_function(f"{FIGURES}.length === 2", timeout=60_000)
    fitted = f"{FIGURES}.every((p) => p._fullLayout && p.clientWidth > 0 && p._fullLayout.width === p.clientWidth)"
    page.wait_for_function(f"() => {fitted}", timeout=30_000)
    shown = page.evaluate(f"""() => {FIGURES}.map((p) => ({{
        right: p.querySelector('.main-svg').getBoundingClientRect().right,
        height: p._fullLayout.height,
        domain: p._fullLayout.xaxis.domain,
    }}))""")
    assert all(figure["right"] <= 390 for figure in shown), shown
    spring, cycle = SpringDemo(lang="en").spec.compact, CycleDemo(lang="en").spec.compact
    assert shown[0]["domain"] == spring["xaxis"]["domain"]
    assert (shown[1]["height"], shown[1]["domain"]) == (cycle["height"], cycle["xaxis"]["domain"])
    # the compact layout stays when the demo redraws after a control moved
    slider = page.locator(f"{OUTPUTS} .jupyter-widgets input[type=range]").last
    slider.focus()
    before = page.evaluate(f"() => {FIGURES}[1].querySelector('.cartesianlayer').innerHTML")
    page.keyboard.press("Home")
    page.wait_for_function(f"(old) => {FIGURES}[1].querySelector('.cartesianlayer').innerHTML !== old", arg=before)
    assert page.evaluate(f"() => {FIGURES}[1]._fullLayout.height") == cycle["height"]
    assert v.foreign == []


def test_without_network_the_live_app_says_python_cannot_load(visit, lite):
    v = visit("nl-NL")
    v.page.route(re.compile(r".*/lite/static/pyodide/.*"), lambda route: route.abort())
    page = v.goto(f"lite/notebooks/index.html?path={CHAPTER.format(lang='nl')}")
    notice = page.locator('[data-vk-notice="offline"]')
    notice.wait_for(timeout=30_000)
    assert notice.get_attribute("role") == "alert"
    assert notice.inner_text().startswith(tr("nl", "lite.offline")[:40])


def test_after_a_site_update_the_live_app_says_the_notebooks_are_new(visit, lite):
    version = json.loads((lite / "version.json").read_text())["version"]
    config = json.loads((lite / "jupyter-lite.json").read_text())["jupyter-config-data"]
    assert config["contentsStorageName"] == f"veerkracht-{version}"  # each version its own browser store
    v = visit("en-GB")
    v.context.add_init_script("localStorage.setItem('vk-lite-version', 'an-older-version')")
    page = v.goto("lite/tree/index.html")
    notice = page.locator('[data-vk-notice="updated"]')
    assert notice.inner_text().startswith(tr("en", "lite.updated")[:40])
    notice.get_by_role("button", name=tr("en", "lite.close")).click()
    assert notice.count() == 0


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_chapter_and_exercise_page_has_a_try_it_live_button_to_its_own_notebook(built_site, lite, lang):
    site = built_site["dir"]
    pages = sorted((site / lang / "chapters" / lang).glob("*.html")) + sorted(
        (site / lang / "exercises" / lang).glob("*.html")
    )
    assert len(pages) == 10
    for page in pages:
        html = page.read_text("utf-8")
        found = re.search(r'href="([^"]*lite/notebooks/index\.html\?path=([^"]+))"', html)
        assert found, page
        notebook = lite / "files" / found.group(2)
        assert notebook.is_file(), found.group(2)
        assert (page.parent / found.group(1).split("?")[0]).resolve() == (lite / "notebooks" / "index.html")
        assert LIVE_TEXTS[lang][0] in html
