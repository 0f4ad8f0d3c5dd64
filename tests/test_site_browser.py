"""The built site in a real browser (headless Chromium through Playwright). The demo tests loop
over every demo on every page of both editions, as the built site shows them."""

import json
import random
import re
from urllib.parse import urlencode

import pytest
from build_site import toc_pages
from conftest import drawn_demo
from veerkracht.kit.registry import registry
from veerkracht.kit.static import render

# Every page of the Dutch table of contents (the English one lists their counterparts) and two of Sphinx's own.
PAGES = [page.replace("/nl/", "/{e}/") + ".html" for page in toc_pages("nl")] + ["search.html", "genindex.html"]
CHAPTER = "{e}/chapters/{e}/01-resilience.html"


def edition(path: str) -> str:
    return path.split("/")[0]


def shown_state(root) -> dict:
    """What one demo on the page shows, once its last redraw is done: the y of every trace, the
    outcome and the readouts."""
    root.page.wait_for_function("(el) => el.dataset.vkState === 'drawn'", arg=root.element_handle())
    return root.evaluate(
        """(root) => ({
            ys: root.querySelector('.vk-plot').data.map((t) => Array.from(t.y)),
            markers: root.querySelector('.vk-plot').data.map((t) => JSON.stringify(t.marker || null)),
            outcome: root.querySelector('.vk-outcome').innerText,
            readouts: Array.from(root.querySelectorAll('[data-readout]')).map((d) => d.innerText),
            link: root.querySelector('.vk-link').getAttribute('href'),
            // each trace that has points, and whether plotly has its marks on screen
            missing: root.querySelector('.vk-plot').data
                .map((t, i) => [i, Array.from(t.x || []).some((x) => x !== null)])
                .filter(([i, points]) => points && !Array.from(root.querySelectorAll('.vk-plot .scatterlayer .trace'))
                    .some((g) => g.__data__ && g.__data__[0] && g.__data__[0].trace.index === i))
                .map(([i]) => i),
        })"""
    )


def expected_state(demo: str, lang: str, params: dict, time: int) -> dict:
    cls = registry()[demo]
    live = cls(lang=lang, **params)
    if live.spec.time is not None:
        live.time = time
    label, text = live.describe()
    return {
        "ys": [list(t["y"]) for t in live.figure()["data"]],
        "markers": [t.get("marker") for t in live.figure()["data"]],
        "outcome": f"{label} {text}",
        "readouts": list(live.readouts().values()),
    }


def assert_shows(root, demo: str, lang: str, params: dict, time: int) -> None:
    shown, expected = shown_state(root), expected_state(demo, lang, params, time)
    assert shown["outcome"] == expected["outcome"] and shown["readouts"] == expected["readouts"]
    assert shown["missing"] == [], (demo, "traces with points that are not on screen")
    assert len(shown["ys"]) == len(expected["ys"])
    for got, want in zip(shown["ys"], expected["ys"], strict=True):
        assert got == pytest.approx(want, abs=0.011)
    # The picture beyond the curves: each marker's size, colour and outline (the portfolio's network).
    for trace, (got, want) in enumerate(zip(shown["markers"], expected["markers"], strict=True)):
        assert json.loads(got) == json.loads(json.dumps(want)), (demo, trace)


def control(root, param: str):
    """A parameter's control, whichever kind the demo declares: a slider or a list of choices."""
    return root.locator(f'[data-param="{param}"]')


def move(page, root, param: str, position: int) -> None:
    """Move a control with the keyboard to ``position`` (a slider's step, a list's option)."""
    element = control(root, param)
    element.focus()
    current = int(element.input_value())
    slider = element.evaluate("(e) => e.tagName") == "INPUT"
    forward, back = ("ArrowRight", "ArrowLeft") if slider else ("ArrowDown", "ArrowUp")
    for _ in range(abs(position - current)):
        page.keyboard.press(forward if position > current else back)
    assert int(element.input_value()) == position


def current_params(root, spec) -> dict:
    return {p.name: p.values[int(control(root, p.name).input_value())] for p in spec.params}


def current_time(root) -> int:
    time = root.locator("input[data-time]")
    return int(time.input_value()) if time.count() else 0


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


def test_plotly_and_the_demo_states_load_when_the_demo_comes_near(visit):
    v = visit()
    fetched = []
    v.page.on("response", lambda r: fetched.append(r.url) if "plotly" in r.url or "vk-grids" in r.url else None)
    v.goto(CHAPTER.format(e="nl"))
    assert fetched == []  # nothing heavy before the reader nears a demo
    drawn_demo(v.page)
    # Both load side by side, in either order.
    plotly = [url for url in fetched if "plotly" in url]
    grids = [url for url in fetched if "vk-grids" in url]
    assert len(fetched) == 2 and len(plotly) == 1 and plotly[0].endswith("/assets/plotly-basic.min.js")
    assert len(grids) == 1 and re.search(r"/nl/_static/vk-grids/spring-nl-[0-9a-f]{16}\.js$", grids[0])
    data = json.loads(v.page.locator("script.vk-data").first.inner_text())
    assert "states" not in data and data["grid"]["name"] in grids[0]
    states = v.page.evaluate("(name) => window.VeerkrachtGrids[name].states.length", data["grid"]["name"])
    assert states == 3600


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
    drawn_demo(page)
    assert set(page.evaluate("Object.keys(Plotly.PlotSchema.get().traces)")) <= {"scatter", "bar", "pie"}
    topojson = page.evaluate("document.querySelector('.vk-plot')._context.topojsonURL")
    assert topojson.startswith(page.url.split("/en/")[0]) and topojson.endswith("/assets/")
    assert page.evaluate("document.querySelector('.vk-plot')._context.displayModeBar") is False


def test_every_control_of_every_demo_redraws_its_figure_with_the_models_numbers(visit, demos_on_site):
    rng = random.Random(7)
    for path, demo in demos_on_site:
        spec, lang = registry()[demo].spec, edition(path)
        page = visit().goto(path)
        root = drawn_demo(page, demo)
        for param in spec.params:
            now = param.values.index(current_params(root, spec)[param.name])
            position = rng.choice([i for i in range(len(param.values)) if i != now])
            move(page, root, param.name, position)
            element = control(root, param.name)
            if element.evaluate("(e) => e.tagName") == "INPUT":  # a list shows its chosen option itself
                assert element.get_attribute("aria-valuetext")
            assert_shows(root, demo, lang, current_params(root, spec), current_time(root))


def test_each_preset_button_shows_its_state(visit, demos_on_site):
    for path, demo in demos_on_site:
        spec, lang = registry()[demo].spec, edition(path)
        page = visit().goto(path)
        root = drawn_demo(page, demo)
        for name, values in spec.presets.items():
            root.locator(f'button[data-preset="{name}"]').click()
            state = {**spec.defaults, **values}
            assert current_params(root, spec) == state
            assert_shows(root, demo, lang, state, current_time(root))


def test_the_time_slider_and_play_button_move_what_follows_time(visit, demos_on_site):
    for path, demo in demos_on_site:
        spec, lang = registry()[demo].spec, edition(path)
        if spec.time is None:
            continue
        page = visit().goto(path)
        root = drawn_demo(page, demo)
        time = root.locator("input[data-time]")
        time.fill("6")
        time.dispatch_event("input")
        assert_shows(root, demo, lang, current_params(root, spec), 6)
        play = root.locator("button.vk-play")
        play.click()
        page.wait_for_function("(t) => Number(t.value) > 8", arg=time.element_handle())
        assert play.get_attribute("aria-pressed") == "true"
        play.click()
        assert play.inner_text() == {"nl": "Afspelen", "en": "Play"}[lang]


def test_a_link_opens_the_demo_in_its_state_in_both_editions(visit, demos_on_site):
    for path, demo in demos_on_site:
        spec, lang = registry()[demo].spec, edition(path)
        state = {p.name: p.values[0] for p in spec.params}
        query = {f"{demo}.{name}": f"{value:g}" for name, value in state.items()}
        time = spec.time.last // 2 if spec.time else 0
        if spec.time:
            query[f"{demo}.{spec.time.name}"] = str(time)
        page = visit().goto(f"{path}?{urlencode(query)}")
        root = drawn_demo(page, demo)
        assert current_params(root, spec) == state and current_time(root) == time
        assert_shows(root, demo, lang, state, time)
        assert root.locator(".vk-error").is_hidden()
        link = shown_state(root)["link"]
        assert all(f"{key}={value}" in link for key, value in query.items())


@pytest.mark.parametrize(
    ("lang", "words"), [("nl", "De link bevat een instelling"), ("en", "The link holds a setting")]
)
def test_a_bad_link_says_so_in_the_readers_language_and_starts_at_the_defaults(visit, demos_on_site, lang, words):
    path, demo = next((p, d) for p, d in demos_on_site if edition(p) == lang)
    spec = registry()[demo].spec
    first = spec.params[0].name
    page = visit().goto(f"{path}?{demo}.{first}=999&{demo}.{first}x=1")
    root = drawn_demo(page, demo)
    error = root.locator(".vk-error")
    assert error.is_visible() and words in error.inner_text() and f"{first}=999" in error.inner_text()
    assert f"{first}x=1" in error.inner_text()  # a setting the demo does not have is named too
    assert current_params(root, spec) == spec.defaults


def test_two_demos_on_one_page_keep_to_their_own_figures_and_pass_axe(visit, built_site):
    from test_accessibility import violations

    folder = built_site["dir"] / "nl" / "kit-test"
    folder.mkdir(exist_ok=True)
    page_file = folder / "two-demos.html"
    bodies = "".join(
        render(cls(lang="nl"), f"vk-{name}-1") + render(cls(lang="nl"), f"vk-{name}-2")
        for name, cls in registry().items()
    )
    page_file.write_text(
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Twee demo\'s</title>'
        '<link rel="stylesheet" href="../_static/veerkracht.css">'
        '<script defer src="../../assets/plotly-basic.min.js"></script><script defer src="../_static/demo.js"></script>'
        f"</head><body><main><h1>Twee demo's</h1>{bodies}</main></body></html>",
        "utf-8",
    )
    try:
        v = visit()
        page = v.goto("nl/kit-test/two-demos.html")
        roots = page.locator(".vk-demo")
        assert roots.count() == 2 * len(registry())
        ids = page.evaluate("Array.from(document.querySelectorAll('[id]')).map((e) => e.id)")
        assert len(ids) == len(set(ids))
        for i in range(0, roots.count(), 2):
            first, second = drawn_demo(page, index=i), drawn_demo(page, index=i + 1)
            demo = first.get_attribute("data-vk-demo")
            spec = registry()[demo].spec
            untouched = shown_state(second)
            param = spec.params[0]
            move(page, first, param.name, 0 if current_params(first, spec)[param.name] != param.values[0] else 1)
            assert shown_state(second) == untouched
            assert_shows(first, demo, "nl", current_params(first, spec), current_time(first))
        assert violations(page) == [] and v.errors == [] and v.foreign == []
    finally:
        page_file.unlink()
        folder.rmdir()


@pytest.mark.parametrize(("edition", "other"), [("nl", "en"), ("en", "nl")])
def test_the_edition_switch_keeps_the_section_and_the_demo_state(visit, edition, other):
    page = visit().goto(f"{edition}/chapters/{edition}/01-resilience.html?spring.resources=1")
    sections = page.locator("article.bd-article section[id]")
    sections.nth(5).evaluate('(s) => s.scrollIntoView({ behavior: "instant" })')
    # A click where it stands: Playwright's own click() would first scroll the header into view.
    page.locator("a.vk-edition-switch").evaluate("(a) => a.click()")
    page.wait_for_url(f"**/{other}/chapters/{other}/**")
    page.wait_for_function("() => location.hash && !location.hash.startsWith('#vk-section')")
    target = page.locator("article.bd-article section[id]").nth(5)
    assert page.url.endswith(
        f"/{other}/chapters/{other}/01-resilience.html?spring.resources=1#{target.get_attribute('id')}"
    )
    top = target.evaluate("(s) => s.getBoundingClientRect().top")
    assert 0 <= top < 200
    assert drawn_demo(page).locator('input[data-param="resources"]').input_value() == "0"


def test_on_a_laptop_the_figure_stays_in_view_above_every_focused_control(visit, demos_on_site):
    """1280 x 800: as the keyboard moves through the controls, each focused control is in view and
    not under the figure, and the whole figure stays on screen (it is sticky, veerkracht.css)."""
    for path, demo in demos_on_site:
        v = visit()
        v.page.set_viewport_size({"width": 1280, "height": 800})
        page = v.goto(path)
        root = drawn_demo(page, demo)
        for param in registry()[demo].spec.params:
            root.locator(f'[data-param="{param.name}"]').focus()
            page.wait_for_timeout(50)
            stage, control = page.evaluate(
                """([root, name]) => [root.querySelector('.vk-stage'), root.querySelector(`[data-param="${name}"]`)]
                    .map((el) => { const r = el.getBoundingClientRect(); return [r.top, r.bottom]; })""",
                [root.element_handle(), param.name],
            )
            assert 0 <= stage[0] and stage[1] <= 800, (path, param.name, stage)
            header = page.evaluate("document.querySelector('.bd-header-article').getBoundingClientRect().bottom")
            assert stage[0] >= header - 1  # the figure never slides under the page's header
            assert stage[1] <= control[0] and control[1] <= 801, (path, param.name, stage, control)  # sub-pixel
