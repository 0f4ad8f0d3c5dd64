"""The built site in a real browser (headless Chromium through Playwright)."""

import json

import pytest
from veerkracht.models.spring import SpringParams, simulate
from veerkracht.spring_demo import DEFAULTS, GRID
from veerkracht.spring_figure import TRACES, describe

PAGES = [
    "book/{e}/welcome.html",
    "chapters/{e}/01-resilience.html",
    "book/{e}/models.html",
    "search.html",
    "genindex.html",
]
CHAPTER = "{e}/chapters/{e}/01-resilience.html"
WELLBEING, SPRING = TRACES.index("wellbeing"), TRACES.index("spring")


def plot_trace(page, index: int) -> list:
    return page.evaluate(f"Array.from(document.querySelector('.vk-plot').data[{index}].y)")


def set_control(page, name: str, value) -> None:
    """Move a slider with the keyboard to the grid position of ``value``."""
    target = GRID[name].index(value)
    slider = page.locator(f'input[data-param="{name}"]')
    slider.focus()
    current = int(slider.input_value())
    key = "ArrowRight" if target > current else "ArrowLeft"
    for _ in range(abs(target - current)):
        page.keyboard.press(key)
    assert int(slider.input_value()) == target


@pytest.mark.parametrize(("locale", "edition"), [("nl-NL", "nl"), ("en-GB", "en"), ("de-DE", "en")])
def test_root_page_sends_readers_to_the_edition_of_their_language(visit, locale, edition):
    v = visit(locale)
    page = v.goto("index.html")
    page.wait_for_url(f"**/{edition}/book/{edition}/welcome.html")
    assert page.locator("html").get_attribute("lang") == edition


@pytest.mark.parametrize(("edition", "other"), [("nl", "en"), ("en", "nl")])
@pytest.mark.parametrize("path", PAGES)
def test_edition_switch_lands_on_the_same_page_in_the_other_language(visit, edition, other, path):
    v = visit()
    page = v.goto(f"{edition}/{path.format(e=edition)}")
    switch = page.locator("a.vk-edition-switch")
    assert switch.get_attribute("hreflang") == other
    switch.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/{other}/{path.format(e=other)}")
    assert page.locator("html").get_attribute("lang") == other


@pytest.mark.parametrize(("edition", "contents", "search"), [("nl", "Inhoud", "Zoek"), ("en", "Contents", "Search")])
def test_theme_texts_are_in_the_editions_language(visit, edition, contents, search):
    page = visit().goto(CHAPTER.format(e=edition))
    assert page.locator(".onthispage").first.inner_text().strip() == contents
    placeholder = page.locator("input[name=q]").first.get_attribute("placeholder") or ""
    assert placeholder.startswith(search)


@pytest.mark.parametrize("edition", ["nl", "en"])
def test_moving_a_slider_redraws_the_figure_with_the_models_numbers(visit, edition):
    page = visit().goto(CHAPTER.format(e=edition))
    before = plot_trace(page, WELLBEING)
    set_control(page, "resources", 1)
    after = plot_trace(page, WELLBEING)
    expected = simulate(SpringParams(resources=1, severity=6, duration=3, chronic_load=0, setbacks=1))
    assert after != before
    assert after == pytest.approx([round(w, 1) for w in expected.wellbeing], abs=0.051)
    label, text = describe(expected, edition)
    assert page.locator(".vk-outcome").inner_text() == f"{label} {text}"
    assert page.locator('input[data-param="resources"]').get_attribute("aria-valuetext") == "1"


def test_a_reader_can_reach_every_outcome(visit):
    page = visit().goto(CHAPTER.format(e="en"))
    scenarios = {
        "Maintained": {"resources": 5, "severity": 2, "duration": 1},
        "Bounced back": {"resources": 3, "severity": 6, "duration": 3},
        "Growth": {"resources": 4, "severity": 8, "duration": 3},
        "Not (yet) recovered": {"resources": 1, "severity": 10, "duration": 6},
    }
    for label, settings in scenarios.items():
        for name, value in settings.items():
            set_control(page, name, value)
        assert page.locator(".vk-outcome strong").inner_text() == label
        run = simulate(SpringParams(**{**DEFAULTS.__dict__, **settings}))
        assert describe(run, "en")[0] == label


def test_the_week_slider_and_play_button_move_the_spring(visit):
    page = visit().goto(CHAPTER.format(e="nl"))
    week = page.locator("input[data-week]")
    week.fill("6")
    week.dispatch_event("input")
    top = max(y for y in plot_trace(page, SPRING) if y is not None)
    assert top == pytest.approx(simulate(DEFAULTS).wellbeing[6], abs=0.06)
    page.locator("button.vk-play").click()
    page.wait_for_function("Number(document.querySelector('input[data-week]').value) > 8")
    assert page.locator("button.vk-play").get_attribute("aria-pressed") == "true"
    page.locator("button.vk-play").click()
    assert page.locator("button.vk-play").inner_text() == "Afspelen"


@pytest.mark.parametrize("edition", ["nl", "en"])
def test_no_request_leaves_the_site_and_the_console_stays_clean(visit, built_site, edition):
    v = visit()
    root = built_site["dir"] / edition
    pages = sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*.html") if not {"_sources", "_static"} & set(p.parts)
    )
    assert {p.format(e=edition) for p in PAGES} <= set(pages)
    for path in ["index.html?stay", *[f"{edition}/{p}" for p in pages]]:
        v.goto(path)
    assert v.foreign == []
    assert v.errors == []


def test_plotly_comes_from_the_site_once(visit):
    v = visit()
    fetched = []
    v.page.on("response", lambda r: fetched.append(r.url) if "plotly" in r.url else None)
    v.goto(CHAPTER.format(e="nl"))
    assert len(fetched) == 1 and fetched[0].endswith("/assets/plotly-basic.min.js")
    data = json.loads(v.page.locator("script.vk-data").inner_text())
    assert len(data["states"]) == 900


def test_icons_come_from_the_theme_web_font_without_fontawesome_js(visit, built_site):
    for page in built_site["dir"].rglob("*.html"):
        if "_static" not in page.parts:
            assert "fontawesome.js" not in page.read_text("utf-8"), page
    page = visit().goto("en/chapters/en/01-resilience.html")
    family = page.evaluate("getComputedStyle(document.querySelector('.fa-rocket'), '::before').fontFamily")
    assert "Font Awesome" in family
    assert page.evaluate("document.fonts.check('900 16px \"Font Awesome 6 Free\"')")


def test_the_demo_plot_can_reach_only_the_site(visit):
    page = visit().goto(CHAPTER.format(e="en"))
    assert set(page.evaluate("Object.keys(Plotly.PlotSchema.get().traces)")) <= {"scatter", "bar", "pie"}
    topojson = page.evaluate("document.querySelector('.vk-plot')._context.topojsonURL")
    assert topojson.startswith(page.url.split("/en/")[0]) and topojson.endswith("/assets/")
    assert page.evaluate("document.querySelector('.vk-plot')._context.displayModeBar") is False
