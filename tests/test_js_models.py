"""The JavaScript ports of the models (``widgets/assets/models/*.js``), for demos whose controls
have too many states for a precomputed grid, give the Python model's numbers: the same scenarios
run in Chromium and in Python, field by field."""

import dataclasses
import random
from importlib import resources

import pytest
from conftest import page_with_scripts
from veerkracht.demos.spring import SPEC
from veerkracht.kit.registry import registry
from veerkracht.kit.static import js_data
from veerkracht.models.spring import INTEGERS, RANGES, SpringParams, constants, simulate

CASES = 600


def scenarios(seed: int = 2026) -> list[dict]:
    """Half anywhere in the model's ranges (edges included), half on the demo's control grid."""
    rng = random.Random(seed)
    cases = []
    for i in range(CASES):
        case = {}
        for name, (low, high) in RANGES.items():
            if i % 2:
                case[name] = rng.choice(SPEC.param(name).values) if name in SPEC.names else rng.uniform(low, high)
            elif name in INTEGERS:
                case[name] = rng.randint(int(low), int(high))
            else:
                case[name] = rng.choice([low, high, rng.uniform(low, high), rng.uniform(low, high)])
        cases.append(SpringParams(**case).checked("en").__dict__)
    return cases


@pytest.fixture(scope="module")
def page(browser):
    with page_with_scripts(browser, "models/spring.js") as page:
        yield page


def test_the_js_spring_model_gives_the_python_numbers(page):
    cases = scenarios()
    results = page.evaluate(
        "([cases, C]) => cases.map((p) => Veerkracht.models.spring.simulate(p, C))", [cases, constants()]
    )
    outcomes = set()
    for case, js in zip(cases, results, strict=True):
        run = simulate(SpringParams(**case))
        python = dataclasses.asdict(run)
        for field, value in js.items():
            expected = python[field]
            if isinstance(expected, float | int) and not isinstance(expected, bool):
                assert value == pytest.approx(expected, abs=1e-9), (case, field)
            elif isinstance(expected, tuple) and expected and isinstance(expected[0], tuple):
                flat = [week for pair in expected for week in pair]
                assert [week for pair in value for week in pair] == pytest.approx(flat, abs=1e-9), (case, field)
            elif isinstance(expected, tuple):
                assert value == pytest.approx(list(expected), abs=1e-9), (case, field)
            else:
                assert value == expected, (case, field)
        outcomes.add(run.outcome)
    assert outcomes == {"maintained", "bounced_back", "growth", "not_recovered"}  # every branch compared


def js_demos() -> list[str]:
    return [demo_id for demo_id, cls in registry().items() if cls.spec.route == "js"]


def random_states(spec, count: int, seed: int = 2027) -> list[dict]:
    """``count`` random positions of every control (each value equally likely), presets first."""
    rng = random.Random(seed)
    states = [{**spec.defaults, **preset} for preset in spec.presets.values()]
    while len(states) < count:
        states.append({p.name: rng.choice(p.values) for p in spec.params})
    return states


def assert_same(js, python, where):
    """Plotly JSON equal, numbers to 1e-9 (JSON has no tuples: compare lists)."""
    if isinstance(python, dict):
        assert isinstance(js, dict) and set(js) == set(python), (where, sorted(js), sorted(python))
        for key in python:
            assert_same(js[key], python[key], f"{where}.{key}")
    elif isinstance(python, list | tuple):
        assert isinstance(js, list) and len(js) == len(python), (where, js, python)
        for i, (a, b) in enumerate(zip(js, python, strict=True)):
            assert_same(a, b, f"{where}[{i}]")
    elif isinstance(python, float | int) and not isinstance(python, bool):
        assert js == pytest.approx(python, abs=1e-9), (where, js, python)
    else:
        assert js == python, (where, js, python)


@pytest.mark.parametrize("demo_id", js_demos())
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_js_demo_draws_and_describes_every_state_as_python_does(browser, demo_id, lang):
    """The kit's "js" route: the demo's JavaScript ports give the Python figure, outcome and
    readouts, for every preset and hundreds of random positions of the controls."""
    demo = registry()[demo_id](lang)
    spec = demo.spec
    data = js_data(spec, lang)
    context = browser.new_context()
    page = context.new_page()
    assets = resources.files("veerkracht.assets")
    for script in spec.scripts:
        page.add_script_tag(content=assets.joinpath(script).read_text("utf-8"))
    states = random_states(spec, 500 if lang == "nl" else 100)
    env = {"constants": data["constants"], "texts": data["catalogue"], "lang": lang}
    results = page.evaluate(
        "([id, states, env]) => states.map((s) => Veerkracht.views[id](s, 0, env))", [demo_id, states, env]
    )
    context.close()
    outcomes = set()
    for state, js in zip(states, results, strict=True):
        result = spec.run(state, lang)
        assert_same(js["data"], spec.figure(result, 0, lang)["data"], f"{state} data")
        assert (js["label"], js["text"]) == spec.describe(result, lang), state
        assert js["readouts"] == spec.readout(result, lang), state
        outcomes.add(js["label"])
    assert len(outcomes) >= 3  # the comparison went through several branches of the texts
