"""The live notebooks (the site's /lite/, JupyterLite with Python in the browser), in Chromium with
every other host blocked: a notebook runs by itself when it opens, with its progress shown; chapter 1
and its exercises run in both editions, the demo redraws when a slider moves, a question is graded,
the results download and the answer comes back after a reload; single-choice options wrap and show
whole at 390 and 1280 px; axe finds no WCAG violation in the live demos, whose ids are unique and
whose Play becomes Pause; the app's notices for no network, a reload and a site update come in the
reader's language. Each page's "Try it live" button opens it."""

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
# Every code cell has run (the app's own notebook model, window.jupyterapp): none is waiting or unrun.
ALL_RUN = """() => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const cells = panel && panel.content ? panel.content.widgets.filter((c) => c.model.type === 'code') : [];
    const done = (c) => c.model.executionCount !== null && c.model.executionState !== 'running';
    return cells.length > 0 && cells.every(done);
}"""


@pytest.fixture
def lite(built_site):
    if built_site["lite_missing"]:
        missing(built_site["lite_missing"])
    return built_site["dir"] / "lite"


def wait_until_run(page, lang: str, notice: str = "intro") -> None:
    """The notebook runs by itself: the notice says so and how far it is (Python loading, then cells
    run), until every cell has run; then it goes."""
    box = page.locator(f'[data-vk-notice="{notice}"]')
    assert box.inner_text().startswith(tr(lang, f"lite.{notice}")[:40])
    steps = [tr(lang, "lite.loading", seconds=0).split(":")[0], tr(lang, "lite.running", done=0, total=0).split(":")[0]]
    assert any(step in box.inner_text() for step in steps)
    page.wait_for_function(ALL_RUN, timeout=300_000)
    box.wait_for(state="detached", timeout=15_000)


def run_all(visit, lang: str, path: str, width: int = 1280):
    """Open ``path`` in the live app (outside hosts blocked) ``width`` px wide and wait until it
    has run every cell, by itself."""
    v = visit("nl-NL" if lang == "nl" else "en-GB")
    v.page.set_viewport_size({"width": width, "height": 800})
    page = v.goto(f"lite/notebooks/index.html?path={path}")
    page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=60_000)
    wait_until_run(page, lang)
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
    # The question cells show only their questions: no quiz.question(...) call, no commented prompt.
    shown = page.locator(".jp-Notebook").inner_text()
    assert "quiz.question(" not in shown and "# quiz.check" not in shown
    # A reload starts Python again and runs the notebook again; the answer comes back from the
    # browser's storage, graded, and counts in the score.
    page.reload()
    page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=60_000)
    wait_until_run(page, lang, "reloaded")
    question = page.locator(f"{OUTPUTS} .jupyter-widgets .widget-toggle-buttons").first
    page.get_by_text(tr(lang, "quiz.correct")).first.wait_for(timeout=30_000)
    assert "mod-active" in question.locator(".widget-toggle-button").nth(1).get_attribute("class")
    assert page.get_by_text(tr(lang, "quiz.summary", right=1, total=total)).count() >= 1


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


def test_the_live_app_leaves_out_what_no_notebook_imports_and_brings_bytecode_for_what_they_do(lite):
    import hashlib
    import zipfile

    import build_lite

    lock = json.loads((lite / "static" / "pyodide-lock" / "pyodide-lock.json").read_text("utf-8"))
    packages = lock["packages"]
    assert not set(build_lite.UNUSED) & set(packages)
    assert all(not set(build_lite.UNUSED) & set(p["depends"]) for p in packages.values())
    workers = list((lite / "extensions" / "@jupyterlite" / "pyodide-kernel-extension" / "static").glob("*.worker.*.js"))
    assert workers and all('"jedi"' not in w.read_text("utf-8") for w in workers)  # not installed at start
    tag = "cpython-" + "".join(lock["info"]["python"].split(".")[:2])  # the app's Python: cpython-314
    for package, module in [("veerkracht", "veerkracht/quiz/live"), ("ipython", "IPython/core/interactiveshell")]:
        wheel = lite / "static" / "pyodide-lock" / packages[package]["file_name"].rsplit("/", 1)[1]
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == packages[package]["sha256"]
        folder, name = module.rsplit("/", 1)
        with zipfile.ZipFile(wheel) as zf:
            assert {f"{module}.py", f"{folder}/__pycache__/{name}.{tag}.pyc"} <= set(zf.namelist())
            assert (
                f"{folder}/__pycache__/{name}.{tag}.pyc"
                in zf.read(next(n for n in zf.namelist() if n.endswith("RECORD"))).decode()
            )
    config = json.loads((lite / "jupyter-lite.json").read_text("utf-8"))["jupyter-config-data"]
    assert config["exposeAppInBrowser"] == "true"  # vk-lite.js runs the notebook through window.jupyterapp


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


@pytest.mark.parametrize("width", [390, 1280])
def test_live_single_choice_options_wrap_and_show_whole(visit, lite, width):
    """Every option of every single-choice question shows its whole text, wrapping inside the screen."""
    v, page = run_all(visit, "nl", EXERCISES.format(lang="nl"), width=width)
    buttons = page.locator(f"{OUTPUTS} .widget-toggle-button")
    assert buttons.count() > 8
    cut = page.evaluate(
        """(w) => [...document.querySelectorAll('.jp-OutputArea-output .widget-toggle-button')]
            .filter((b) => b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1
                || b.getBoundingClientRect().right > w)
            .map((b) => b.textContent)""",
        width,
    )
    assert cut == []
    buttons.first.scroll_into_view_if_needed()
    page.screenshot(path=f"/tmp/vk-live-exercises-{width}.png")
    assert v.foreign == []


def test_live_demos_have_unique_ids_named_controls_no_wcag_violation_and_play_becomes_pause(visit, lite):
    from test_lab_accessibility import UNNAMED, WIDGETS, violations

    v, page = run_all(visit, "en", "chapters/en/03-cycle.ipynb")  # two demos on one page
    page.wait_for_function(f"{FIGURES}.length === 2", timeout=60_000)
    ids = page.evaluate("() => [...document.querySelectorAll('.jp-OutputArea-output [id]')].map((e) => e.id)")
    assert len(ids) == len(set(ids)) and any(i.startswith("vk-step-") for i in ids)
    # each slider's label and shown value point at the slider beside them
    stray = page.evaluate(
        """() => [...document.querySelectorAll('.vk-step')].filter((row) => {
            const input = row.querySelector('input[type=range]');
            const named = [...row.querySelectorAll('label, output')];
            return named.some((el) => document.getElementById(el.getAttribute('for')) !== input);
        }).length"""
    )
    assert stray == 0
    assert violations(page) == [] and page.evaluate(UNNAMED, WIDGETS) == []
    play = page.locator(f"{OUTPUTS} button.vk-step-play").first
    play.scroll_into_view_if_needed()
    assert (play.text_content(), play.get_attribute("aria-pressed")) == (tr("en", "kit.play"), "false")
    play.click()
    assert (play.text_content(), play.get_attribute("aria-pressed")) == (tr("en", "kit.pause"), "true")
    page.screenshot(path="/tmp/vk-live-play-pause.png")
    play.click()
    assert (play.text_content(), play.get_attribute("aria-pressed")) == (tr("en", "kit.play"), "false")
    assert v.foreign == []
