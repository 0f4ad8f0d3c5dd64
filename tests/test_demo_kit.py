"""The demo kit, for every demo in the registry: the live panel headless (set a control, check
what the figure shows), the static rendering, the declaration's checks and bad input."""

import itertools
import json
import random
import re
from pathlib import Path

import pytest
from veerkracht.i18n import LANGUAGES, catalogue, tr
from veerkracht.kit import DeclarationError, declare
from veerkracht.kit.demo import STATE_MIME
from veerkracht.kit.registry import registry
from veerkracht.kit.static import StateError, from_state, grid_states, page_data, render
from veerkracht.kit.text import value_label
from veerkracht.models.checks import ParameterError

DEMOS = sorted(registry())


def other_value(param, current):
    return param.values[-1] if current != param.values[-1] else param.values[0]


@pytest.fixture(params=DEMOS)
def demo(request):
    return registry()[request.param](lang="nl")


def test_the_registry_finds_the_course_demos():
    assert "spring" in DEMOS
    assert all(registry()[name].spec.id == name for name in DEMOS)


def test_every_control_reaches_the_model_and_redraws_the_figure(demo):
    for param in demo.spec.params:
        control = demo.controls[param.name]
        control.value = other_value(param, control.value)
        assert demo.params[param.name] == control.value
        expected = demo.spec.run(demo.params, demo.lang)
        assert demo.result == expected
        drawn = demo.panel.figure.figure["data"]
        fresh = demo.spec.figure(expected, demo.time, demo.lang)["data"]
        assert [list(t["y"]) for t in drawn] == [list(t["y"]) for t in fresh]
        assert [t.get("marker") for t in drawn] == [json.loads(json.dumps(t.get("marker"))) for t in fresh]
        label, _ = demo.spec.describe(expected, demo.lang)
        assert label in demo.panel.outcome.value
        if param.control == "slider":  # the value beside the slider, with its unit, follows
            shown = value_label(demo.spec, param.name, control.value, demo.lang)
            assert control.labels[control.index] == shown and control.description


@pytest.mark.parametrize("demo_id", [name for name in DEMOS if registry()[name].spec.time is not None])
def test_the_time_slider_moves_the_followers_and_out_of_range_is_a_translated_error(demo_id):
    demo = registry()[demo_id](lang="nl")
    axis = demo.spec.time
    demo.panel.time.value = 6
    assert getattr(demo, axis.name) == 6 and demo.time == 6
    fresh = demo.spec.figure(demo.result, 6, demo.lang)
    assert [list(t["y"]) for t in demo.panel.figure.figure["data"]] == [list(t["y"]) for t in fresh["data"]]
    for bad in (-1, axis.last + 1, 10**400, 2.5, "3", None, float("nan")):
        with pytest.raises(ParameterError) as caught:
            setattr(demo, axis.name, bad)
        assert tr("nl", f"{demo.spec.id}.param.{axis.name}") in str(caught.value)
    assert demo.time == 6


def test_a_bad_value_is_shown_in_the_panel_and_nothing_else_changes(demo):
    param = demo.spec.params[0]
    before, figure = demo.result, demo.panel.figure.figure
    with pytest.raises(ParameterError) as caught:
        demo.set(**{param.name: float("nan")})
    assert str(caught.value) in demo.panel.error.value and "role='alert'" in demo.panel.error.value
    assert demo.result == before and demo.panel.figure.figure == figure
    demo.set(**{param.name: other_value(param, demo.params[param.name])})
    assert demo.panel.error.value == "" and demo.error == ""


def test_unknown_settings_and_presets_name_the_choices_in_the_readers_language(demo):
    with pytest.raises(ValueError, match="Onbekende instelling 'stiffness'; kies uit: "):
        demo.set(stiffness=2)
    with pytest.raises(ValueError, match="Onbekend voorbeeld 'nope'"):
        demo.preset("nope")
    with pytest.raises(ValueError, match="Unknown setting 'stiffness'; choose from: "):
        type(demo)(lang="en", stiffness=2)


def test_each_preset_button_sets_its_declared_state(demo):
    for name, values in demo.spec.presets.items():
        demo.panel.presets[name].click()
        assert demo.params == {**demo.spec.defaults, **values}
        assert all(demo.controls[k].value == v for k, v in demo.params.items())


def test_the_mime_bundle_carries_the_widget_and_only_the_demos_state(demo):
    bundle = demo._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.jupyter.widget-view+json", STATE_MIME, "text/plain"}
    state = bundle[STATE_MIME]
    assert state == {"demo": demo.spec.id, "lang": "nl", "params": demo.params, "time": demo.time}
    assert len(json.dumps(bundle)) < 2_000  # no grid and no site HTML: the kernel computes nothing for the site
    again = from_state(json.loads(json.dumps(state)))  # as a saved notebook gives it back to the book
    assert (type(again), again.params, again.time, again.lang) == (type(demo), demo.params, demo.time, demo.lang)


def test_the_site_html_follows_from_the_state_and_the_ids_from_the_position_on_the_page(demo):
    page = render(demo, "vk-x-1") + render(demo, "vk-x-2")
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)) > 2
    assert render(demo, "vk-x-1") == render(from_state(demo.state()), "vk-x-1")  # two builds, the same HTML
    assert "<script>" not in page  # the site's one demo script draws it; no code per instance
    assert "https://" not in page and "cdn" not in page.lower()


def test_a_grid_demo_on_a_page_names_its_grid_file_instead_of_holding_the_grid(demo):
    data = page_data(demo, {"name": "g.js", "src": "../_static/vk-grids/g.js"})
    if demo.spec.route == "grid":
        assert data["grid"] == {"name": "g.js", "src": "../_static/vk-grids/g.js"} and "states" not in data
        assert "states" in page_data(demo, None)  # a page made outside the book carries the grid itself
    else:
        assert "grid" not in data and "states" not in data


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"demo": "springs"}, "demo"),
        ({"lang": "de"}, "lang"),
        ({"params": "3"}, "params"),
        ({"time": 999}, "time"),
    ],
)
def test_a_state_the_site_cannot_show_names_the_field(demo, change, field):
    with pytest.raises(StateError) as caught:
        from_state({**demo.state(), **change})
    assert caught.value.field == field


def test_a_state_with_a_missing_field_or_parameter_off_its_grid_names_it(demo):
    state = demo.state()
    for missing in ("demo", "lang", "params", "time"):
        with pytest.raises(StateError, match=f", {missing}: missing"):
            from_state({k: v for k, v in state.items() if k != missing})
    first = demo.spec.params[0]
    for params, field, problem in [
        ({k: v for k, v in state["params"].items() if k != first.name}, first.name, "missing"),
        ({**state["params"], "stiffness": 1}, "stiffness", "no such parameter"),
        ({**state["params"], first.name: first.high + 1}, first.name, "off the grid"),
        ({**state["params"], first.name: "3"}, first.name, "off the grid"),
        ({**state["params"], first.name: float("nan")}, first.name, "off the grid"),
    ]:
        with pytest.raises(StateError, match=problem) as caught:
            from_state({**state, "params": params})
        assert caught.value.field == f"params.{field}" and demo.spec.id in str(caught.value)


@pytest.mark.parametrize("demo_id", [name for name in DEMOS if registry()[name].spec.route == "grid"])
def test_the_static_grid_holds_every_state_in_the_order_demo_js_reads_it(demo_id):
    """demo.js finds a state at the mixed-radix index of its controls, the last varying fastest
    (``stateIndex``); check states spread over the whole grid, not only its ends."""
    spec = registry()[demo_id].spec
    grid = grid_states(spec, "en")
    sizes = [len(p.values) for p in spec.params]
    everything = list(itertools.product(*(range(n) for n in sizes)))
    assert len(grid["states"]) == len(everything)
    for positions in random.Random(demo_id).sample(everything, 12) + [everything[0], everything[-1]]:
        index = 0
        for position, size in zip(positions, sizes, strict=True):
            index = index * size + position
        values = {p.name: p.values[i] for p, i in zip(spec.params, positions, strict=True)}
        result = spec.run(values, "en")
        state = [grid["table"][i] for i in grid["states"][index]]
        figure = spec.figure(result, spec.time.start if spec.time else 0, "en")
        for n, trace in enumerate(grid["vary"]):
            assert state[2 * n] == figure["data"][trace]["x"] and state[2 * n + 1] == figure["data"][trace]["y"]
        assert state[2 * len(grid["vary"]) :] == [*spec.describe(result, "en"), *spec.readout(result, "en").values()]


def test_the_static_page_starts_at_a_state_in_the_address_format_of_its_link(demo):
    html = render(demo, "vk-x-1")
    data = json.loads(re.search(r'class="vk-data">(.*?)</script>', html).group(1))
    assert [p["name"] for p in data["params"]] == list(demo.spec.names)
    link = re.search(r'class="vk-link" href="([^"]+)"', html).group(1)
    assert link.startswith("?") and all(f"{demo.spec.id}.{name}=" in link for name in demo.spec.names)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_a_demo_needs_is_in_the_catalogue(lang):
    keys = catalogue(lang)
    for name in DEMOS:
        spec = registry()[name].spec
        needed = [f"{spec.id}.disclaimer", f"{spec.id}.figure.alt"]
        needed += [f"{spec.id}.param.{p}" for p in spec.names] + [f"{spec.id}.help.{p}" for p in spec.names]
        needed += [f"{spec.id}.preset.{p}" for p in spec.presets] + [f"{spec.id}.readout.{r}" for r in spec.readouts]
        needed += [f"kit.unit.{p.unit}.{n}" for p in spec.params if p.unit for n in ("one", "other")]
        if spec.time:
            needed.append(f"{spec.id}.param.{spec.time.name}")
        assert [key for key in needed if key not in keys] == []


GOOD = {
    "id": "toy",
    "params": [{"name": "a", "values": (1, 2), "default": 1}],
    "traces": ("line",),
    "run": lambda params, lang: params,
    "figure": lambda result, time, lang: {"data": [{}], "layout": {}},
    "describe": lambda result, lang: ("", ""),
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"colour": "red"}, r"demo 'toy', colour: unknown field"),
        ({"id": "not a name"}, r"plain name"),
        ({"params": [{"name": "a", "values": (1, 2), "default": 3}]}, r"params\.a\.default: 3 is not one of"),
        ({"params": [{"name": "a", "values": (1, 2), "default": 1, "stpe": 1}]}, r"params\.a\.stpe: unknown field"),
        ({"params": [GOOD["params"][0], GOOD["params"][0]]}, r"params\.a: declared twice"),
        ({"params": [{"name": "a b", "values": (1, 2), "default": 1}]}, r"params\[0\]\.name"),
        ({"params": [{"name": "a", "values": (2, 1), "default": 1}]}, r"params\.a\.values: at least two"),
        ({"params": [{"name": "a", "values": (1, float("nan")), "default": 1}]}, r"params\.a\.values"),
        ({"presets": {"p": {"a": 5}}}, r"presets\.p\.a: 5 is not one of"),
        ({"presets": {"p": {"b": 1}}}, r"presets\.p\.b: not a parameter"),
        ({"time": {"name": "week", "last": 5, "start": 9}}, r"time: last and start"),
        ({"follow": [{"trace": "line", "kind": "marker", "series": "line"}]}, r"follow: .*time axis"),
        ({"route": "wasm"}, r"route: one of grid, js, not 'wasm'"),
        ({"route": "js"}, r"scripts: a demo on the js route names its scripts and constants"),
        ({"scripts": ("models/x.js",)}, r"scripts: a demo on the js route names"),
        ({"route": "js", "scripts": ("../x.js",), "constants": dict}, r"scripts: paths of \.js files"),
        ({"params": [{"name": "a", "values": (1, 2), "default": 1, "control": "knob"}]}, r"params\.a\.control"),
        ({"params": [{"name": "a", "values": (1, 2), "default": 1, "control": "select"}]}, r"params\.a\.labels"),
        ({"params": [{"name": "a", "values": (1, 2), "default": 1, "labels": "x.y"}]}, r"params\.a\.labels"),
        ({"params": [{"name": "a", "values": (1, 2), "default": 1, "group": "a b"}]}, r"params\.a\.group"),
        ({"readouts": ("x",)}, r"readout: a demo with readouts needs"),
    ],
)
def test_a_malformed_declaration_fails_naming_the_demo_and_field(change, message):
    with pytest.raises(DeclarationError, match=message):
        declare(**{**GOOD, **change})


def test_a_good_declaration_passes():
    assert declare(**GOOD).names == ("a",)


def test_the_site_and_the_live_figure_switch_to_the_compact_layout_at_the_declared_width(demo):
    from veerkracht.kit.declare import COMPACT_WIDTH
    from veerkracht.kit.plot import Figure

    assert page_data(demo, None)["compactWidth"] == COMPACT_WIDTH  # the site's script reads it from the page
    script = (Path(__file__).resolve().parent.parent / "widgets" / "assets" / "demo.js").read_text("utf-8")
    assert "data.compactWidth" in script and "COMPACT_WIDTH =" not in script
    assert f"const COMPACT_WIDTH = {COMPACT_WIDTH};" in Figure._esm
    assert demo.panel.figure.compact == demo.spec.compact
