"""The live spring demo, headless: set a control's value, check what the figure now shows."""

import pytest
from veerkracht import SpringDemo
from veerkracht.models.checks import ParameterError
from veerkracht.models.spring import SpringParams, simulate
from veerkracht.spring_demo import DEFAULTS, GRID, static_states
from veerkracht.spring_figure import TRACES, describe, spring_xy

WELLBEING, SPRING, NOW = TRACES.index("wellbeing"), TRACES.index("spring"), TRACES.index("now")


@pytest.fixture
def demo():
    return SpringDemo(lang="nl")


def curve(demo):
    return list(demo.panel._figure.data[WELLBEING].y)


def test_moving_the_resources_slider_redraws_the_curve_as_the_model_says(demo):
    before = curve(demo)
    demo.panel._controls["resources"].value = 1
    expected = simulate(SpringParams(resources=1, severity=6, duration=3, chronic_load=0, setbacks=1))
    assert curve(demo) != before
    assert curve(demo) == [round(w, 1) for w in expected.wellbeing]
    assert demo.run.outcome == expected.outcome
    assert demo.panel._readouts["resources"].value == "1"
    demo.panel._controls["severity"].value = 8
    assert demo.panel._readouts["severity"].value == "8 punten/week"


def test_every_control_reaches_the_model(demo):
    for name, values in GRID.items():
        control = demo.panel._controls[name]
        control.value = values[-1] if control.value != values[-1] else values[0]
        assert getattr(demo.params, name) == control.value


def test_outcome_text_follows_the_run(demo):
    demo.panel._controls["resources"].value = 1
    demo.panel._controls["severity"].value = 10
    demo.panel._controls["duration"].value = 6
    label, _ = describe(demo.run, "nl")
    assert demo.run.outcome == "not_recovered"
    assert "(Nog) niet hersteld" in demo.panel._outcome.value and label == "(Nog) niet hersteld"


def test_the_week_slider_moves_the_spring_to_that_weeks_wellbeing(demo):
    demo.panel._week.value = 6
    level = demo.run.wellbeing[6]
    assert list(demo.panel._figure.data[SPRING].y) == spring_xy(level)[1]
    assert demo.panel._figure.data[NOW].x == (6,)
    assert demo.panel._figure.layout.annotations[0].text == "De veer in week 6"


def test_bad_value_is_shown_in_the_panel_and_nothing_else_changes(demo):
    before = curve(demo)
    with pytest.raises(ParameterError):
        demo.set(chronic_load=float("nan"))
    assert "Chronische belasting moet een eindig getal zijn tussen 0 en 5" in demo.panel._error.value
    assert "role='alert'" in demo.panel._error.value
    assert curve(demo) == before and demo.params == DEFAULTS
    demo.set(chronic_load=1)  # a good value clears the message and redraws
    assert demo.panel._error.value == "" and curve(demo) != before


def test_english_demo_speaks_english():
    demo = SpringDemo(lang="en", resources=1)
    assert demo.panel._controls["resources"].description == "Resources"
    assert demo.panel._figure.layout.xaxis2.title.text == "Time (weeks)"
    with pytest.raises(ValueError, match="Resources must lie between 1 and 5; got: 9"):
        demo.set(resources=9)


def test_the_mime_bundle_carries_the_widget_and_the_static_page():
    bundle = SpringDemo(lang="en")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    html = bundle["text/html"]
    assert 'class="vk-demo vk-spring"' in html and 'lang="en"' in html
    assert "A thinking model, not a measurement" in html
    assert "cdn" not in html.lower() and "https://" not in html


def test_the_static_grid_holds_every_combination_in_product_order():
    states = static_states("nl")["states"]
    assert len(states) == 5 * 5 * 3 * 4 * 3
    # The last state: every parameter at its highest grid value.
    last = simulate(SpringParams(**{name: values[-1] for name, values in GRID.items()}))
    assert states[-1][1] == [round(w * 10) for w in last.wellbeing]
    assert states[-1][3] == describe(last, "nl")[0]


def test_all_outcomes_occur_on_the_static_grid():
    labels = {state[3] for state in static_states("en")["states"]}
    assert labels == {"Maintained", "Bounced back", "Growth", "Not (yet) recovered"}


def test_off_grid_parameters_work_live_and_start_the_page_at_the_defaults():
    demo = SpringDemo(lang="nl", resources=2.5)
    assert 2.5 in [value for _, value in demo.panel._controls["resources"].options]
    assert 'id="vk-resources" data-param="resources" min="0" max="4" step="1" value="2"' in demo.static_html()
