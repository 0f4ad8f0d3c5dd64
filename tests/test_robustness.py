"""Robustness gate: thousands of random inputs to every public model and demo function. The only
exception allowed is the documented ParameterError (a ValueError) in the reader's language; no
output ever holds NaN or an infinite number."""

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from veerkracht import SpringDemo
from veerkracht.i18n import number
from veerkracht.models.checks import ParameterError
from veerkracht.models.spring import RANGES, SpringParams, resting_displacement, simulate
from veerkracht.spring_figure import describe, spring_figure

CASES = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])

junk = st.none() | st.booleans() | st.text(max_size=20) | st.lists(st.integers(), max_size=2) | st.just(object())
floats = st.floats(allow_nan=True, allow_infinity=True) | st.integers(-(10**6), 10**6)


def parameter(name: str):
    low, high = RANGES[name]
    valid = st.integers(int(low), int(high)) if name == "setbacks" else st.floats(low, high)
    return st.one_of(valid, valid, valid, floats, junk)  # mostly valid, often not


params = st.builds(SpringParams, **{name: parameter(name) for name in RANGES})


def finite_numbers(value) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(finite_numbers(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(finite_numbers(v) for v in value)
    return True


@CASES
@given(p=params, lang=st.sampled_from(["nl", "en"]))
def test_simulate_gives_a_finite_run_or_a_clear_parameter_error(p, lang):
    try:
        run = simulate(p, lang)
    except ParameterError as error:
        assert error.param in RANGES and str(error)
        return
    assert finite_numbers([run.wellbeing, run.rest_start, run.rest_end, run.limit_level, run.lowest])
    assert all(0 <= w <= 100 for w in run.wellbeing)
    assert run.recovery_time is None or 0 <= run.recovery_time <= 52
    label, text = describe(run, lang)
    assert label and text and "nan" not in text.lower() and "inf" not in text.lower()
    figure = spring_figure(run, 52, lang)
    assert finite_numbers(figure)


@CASES
@given(p=params, lang=st.sampled_from(["nl", "en"]))
def test_the_demo_takes_any_setting_without_breaking(p, lang):
    demo = SpringDemo(lang=lang)
    before = demo.run
    try:
        demo.set(**{name: getattr(p, name) for name in RANGES})
    except ParameterError:
        assert demo.run == before  # the last good run stays
        return
    assert finite_numbers(demo.figure())


@CASES
@given(load=st.floats(0, 5), k=st.floats(0.1, 0.5), limit=st.floats(16, 40))
def test_the_resting_point_is_finite_and_within_the_scale(load, k, limit):
    x, dent = resting_displacement(load, k, limit)
    assert math.isfinite(x) and math.isfinite(dent) and 0 <= x <= 80 and dent >= 0


@CASES
@given(
    value=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
    digits=st.integers(0, 3),
    lang=st.sampled_from(["nl", "en"]),
)
def test_numbers_format_in_both_languages(value, digits, lang):
    text = number(value, digits, lang)
    assert ("." not in text) if lang == "nl" else ("," not in text)
