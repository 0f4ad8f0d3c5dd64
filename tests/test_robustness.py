"""Robustness gate: thousands of random inputs to every registered model and demo. The only
exception allowed is the documented ParameterError (a ValueError) in the reader's language; no
output ever holds NaN or an infinite number. Strategies come from each demo's declaration, so a
new demo is covered without editing this file."""

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from veerkracht.i18n import number
from veerkracht.kit.registry import registry
from veerkracht.models.checks import ParameterError
from veerkracht.models.spring import resting_displacement

DEMOS = sorted(registry())

junk = st.none() | st.booleans() | st.text(max_size=20) | st.lists(st.integers(), max_size=2) | st.just(object())
floats = st.floats(allow_nan=True, allow_infinity=True) | st.integers(-(10**6), 10**6) | st.just(10**400)


def parameter(param):
    """Mostly a value the control offers or one between its ends, often not a valid value at all."""
    inside = st.integers(int(param.low), int(param.high)) if param.integer else st.floats(param.low, param.high)
    return st.one_of(st.sampled_from(param.values), inside, inside, floats, junk)


def settings_of(spec):
    return st.fixed_dictionaries({p.name: parameter(p) for p in spec.params})


def finite_numbers(value) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(finite_numbers(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(finite_numbers(v) for v in value)
    return True


@pytest.mark.parametrize("name", DEMOS)
def test_a_demo_takes_any_setting_without_breaking(name):
    cls = registry()[name]
    spec = cls.spec

    @given(values=settings_of(spec), lang=st.sampled_from(["nl", "en"]), time=floats | junk)
    def check(values, lang, time):
        demo = cls(lang=lang)
        before = demo.result
        try:
            demo.set(**values)
        except ParameterError as error:
            assert error.param in spec.names and str(error) and demo.error == str(error)
            assert demo.result == before  # the last good run stays
        else:
            assert demo.error == ""
        if spec.time is not None:
            try:
                demo.time = time
            except ParameterError as error:
                assert error.param == spec.time.name
        figure = demo.figure()
        assert finite_numbers(figure)
        label, text = demo.describe()
        shown = " ".join([label, text, *demo.readouts().values()]).lower()
        assert label and not re.search(r"\b(nan|inf|infinity)\b", shown)  # "influence" is a word

    check()


@given(load=st.floats(0, 5), k=st.floats(0.01, 0.6), limit=st.floats(16, 40))
def test_the_resting_point_is_finite_and_within_the_scale(load, k, limit):
    x, dent = resting_displacement(load, k, limit)
    assert math.isfinite(x) and math.isfinite(dent) and 0 <= x <= 80 and dent >= 0


@given(
    value=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
    digits=st.integers(0, 3),
    lang=st.sampled_from(["nl", "en"]),
)
def test_numbers_format_in_both_languages(value, digits, lang):
    text = number(value, digits, lang)
    assert ("." not in text) if lang == "nl" else ("," not in text)
