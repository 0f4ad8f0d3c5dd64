"""Bad parameters: a ValueError in the reader's language that names the parameter and its range."""

import math

import pytest
from veerkracht import SpringDemo
from veerkracht.models.checks import ParameterError
from veerkracht.models.spring import RANGES, SpringParams, simulate

NAMES = {
    "nl": {
        "resources": "Hulpbronnen",
        "severity": "Zwaarte tegenslag",
        "duration": "Duur tegenslag",
        "chronic_load": "Chronische belasting",
        "setbacks": "Aantal tegenslagen",
        "interval": "Tijd tussen tegenslagen",
    },
    "en": {
        "resources": "Resources",
        "severity": "Setback severity",
        "duration": "Setback duration",
        "chronic_load": "Chronic load",
        "setbacks": "Number of setbacks",
        "interval": "Time between setbacks",
    },
}
BAD_VALUES = [-1, 1e308, math.nan, math.inf, -math.inf, "3", None, True, [3], object(), "x" * 10_000]


def range_words(param: str, lang: str) -> str:
    low, high = RANGES[param]
    joiner = {"nl": {"setbacks": " tot en met "}, "en": {"setbacks": " to "}}[lang].get(
        param, " en " if lang == "nl" else " and "
    )
    return f"{low:g}{joiner}{high:g}"


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("param", list(RANGES))
@pytest.mark.parametrize("value", BAD_VALUES, ids=lambda v: type(v).__name__ + repr(v)[:12])
def test_bad_value_raises_value_error_naming_parameter_and_range(lang, param, value):
    params = SpringParams(**{param: value})
    with pytest.raises(ValueError) as caught:
        simulate(params, lang)
    message = str(caught.value)
    assert isinstance(caught.value, ParameterError) and caught.value.param == param
    assert NAMES[lang][param] in message
    assert range_words(param, lang) in message
    assert len(message) < 200  # a huge rejected value is cut, not echoed


@pytest.mark.parametrize("value", [1.5, 2.0, -0, 6])
def test_setbacks_must_be_a_whole_number_in_range(value):
    if value == 0:
        assert simulate(SpringParams(setbacks=0)).outcome == "maintained"
        return
    with pytest.raises(ValueError, match="Aantal tegenslagen moet een geheel getal zijn van 0 tot en met 5"):
        simulate(SpringParams(setbacks=value))


def test_range_edges_are_allowed():
    for param, (low, high) in RANGES.items():
        for edge in (low, high):
            value = int(edge) if param == "setbacks" else float(edge)
            assert simulate(SpringParams(**{param: value})).outcome


def test_unknown_language_is_a_bilingual_value_error():
    with pytest.raises(ValueError, match="Taal moet 'nl' of 'en' zijn.*Language must be 'nl' or 'en'"):
        simulate(SpringParams(), lang="de")


def test_unknown_setting_names_the_choices_in_the_readers_language():
    with pytest.raises(ValueError, match="Unknown setting 'stiffness'; choose from: resources"):
        SpringDemo(lang="en", stiffness=2)
    with pytest.raises(ValueError, match="Onbekende instelling 'stiffness'; kies uit: resources"):
        SpringDemo(stiffness=2)
