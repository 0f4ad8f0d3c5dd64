"""The JavaScript ports of the models (``widgets/assets/models/*.js``), for demos whose controls
have too many states for a precomputed grid, give the Python model's numbers: the same scenarios
run in Chromium and in Python, field by field."""

import dataclasses
import random
from importlib import resources

import pytest
from veerkracht.demos.spring import SPEC
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
    context = browser.new_context()
    page = context.new_page()
    page.add_script_tag(content=resources.files("veerkracht.assets").joinpath("models/spring.js").read_text("utf-8"))
    yield page
    context.close()


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
