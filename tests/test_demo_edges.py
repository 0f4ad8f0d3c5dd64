"""Demos at the edges of what they accept, for every demo in the registry: a huge integer is a
translated ParameterError the panel shows; a demo made in Python with a value its site controls
lack opens on the site at the nearest control positions and says so; help texts describe a
control, not a value. For the spring: over the corners of the model's allowed ranges (not only the
slider grid) the resting level stays on the scale, a run without a setback is never explained as if
there was one, and one setback reads in the singular, several in the plural."""

import html
import itertools
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from veerkracht.demos import spring
from veerkracht.i18n import LANGUAGES, catalogue, tr
from veerkracht.kit.registry import registry
from veerkracht.kit.static import from_state, render
from veerkracht.kit.text import help_text, param_label, value_label
from veerkracht.models.checks import ParameterError
from veerkracht.models.spring import RANGES, SpringParams

DEMOS = sorted(registry())
HUGE = 10**400


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("demo_id", DEMOS)
def test_a_huge_integer_for_any_parameter_is_a_translated_error_the_panel_shows(demo_id, lang):
    cls = registry()[demo_id]
    for param in cls.spec.params:
        label = tr(lang, f"{demo_id}.param.{param.name}")
        with pytest.raises(ParameterError) as caught:
            cls(lang=lang, **{param.name: HUGE})
        assert caught.value.param == param.name and label in str(caught.value) and len(str(caught.value)) < 200
        demo = cls(lang=lang)
        before = demo.result
        with pytest.raises(ParameterError) as caught:
            demo.set(**{param.name: HUGE})
        assert demo.result == before and demo.error == str(caught.value)
        assert html.escape(str(caught.value)) in demo.panel.error.value and "role='alert'" in demo.panel.error.value


def site_html(demo) -> str:
    """The demo as the book draws it on the site: from the state the kernel displays."""
    return render(from_state(demo.state()), "vk-test-1")


def start_state(page: str, spec) -> dict[str, float]:
    """The values a static rendering's controls start at (an index into each control's values)."""
    state = {}
    for param in spec.params:
        tag = re.search(rf'<(input|select)[^>]*data-param="{param.name}"[^>]*>(.*?</select>)?', page, re.S)
        if tag.group(1) == "input":
            index = int(re.search(r'value="(\d+)"', tag.group(0)).group(1))
        else:
            index = int(re.search(r'<option value="(\d+)" selected', tag.group(0)).group(1))
        state[param.name] = param.values[index]
    return state


def off_grid(param) -> float | None:
    """A value between the control's first two positions, if the parameter can take one."""
    low, high = param.values[0], param.values[1]
    middle = (low + high) / 2
    if param.integer:
        middle = low + 1 if high - low > 1 else None
    return middle


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("demo_id", DEMOS)
def test_an_off_grid_demo_opens_on_the_site_at_the_nearest_positions_and_says_so(demo_id, lang):
    cls = registry()[demo_id]
    spec = cls.spec
    offered = [(p, off_grid(p)) for p in spec.params if off_grid(p) is not None and p.control == "slider"]
    assert offered, "the test needs a parameter with room between two positions"
    for param, value in offered:
        other = next(p for p in spec.params if p is not param)
        kept = other.values[-1] if other.default != other.values[-1] else other.values[0]
        demo = cls(lang=lang, **{param.name: value, other.name: kept})
        page = site_html(demo)
        start = start_state(page, spec)
        nearest = min(param.values, key=lambda v: (abs(v - value), v))
        assert start == {**demo.params, param.name: nearest}  # every other setting is kept
        shown = cls(lang=lang, **start)
        label, text = shown.describe()
        assert html.escape(label) in page and html.escape(text) in page  # the text fits the controls
        note = tr(
            lang,
            "kit.off_grid",
            name=param_label(spec, param.name, lang),
            asked=value_label(spec, param.name, value, lang),
            shown=value_label(spec, param.name, nearest, lang),
        )
        assert html.escape(note) in page
        link = re.search(r'class="vk-link" href="([^"]+)"', page).group(1)
        assert html.unescape(link) == shown.link()
        assert f"{spec.id}.{param.name}={nearest:g}" in html.unescape(link)
    assert "vk-note" not in site_html(cls(lang=lang))  # a demo on the grid has no note


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("demo_id", DEMOS)
def test_help_texts_describe_the_control_not_one_of_its_values(demo_id, lang):
    spec = registry()[demo_id].spec
    words = [text.split("{n} ")[-1] for key, text in catalogue(lang).items() if key.startswith("kit.unit.")]
    units = "|".join(re.escape(word) for word in words)
    for param in spec.params:
        text = help_text(spec, param.name, lang)
        assert not re.search(rf"\b\d+(,\d+)? ({units})\b", text), text  # "every 8 weeks" is a value


# -- the spring over its whole allowed range ------------------------------------------------------

PRESUPPOSE = {  # phrases that only make sense after a setback
    "nl": ("vóór de tegenslag", "vóór de eerste tegenslag", "ondanks", "zakte", "veerde terug", "na de tegenslag"),
    "en": ("before the setback", "before the first setback", "despite", "fell to", "bounced back", "after the setback"),
}
SEVERAL = {"nl": ("eerste tegenslag", "tegenslagen"), "en": ("first setback", "setbacks")}
ONE = {"nl": ("vóór de tegenslag",), "en": ("before the setback",)}
AGREEMENT = {
    "nl": re.compile(r"(?<![\d,])1 (weken|punten)\b|\b(?!1\b)\d+(,\d+)? (week|punt)\b"),
    "en": re.compile(r"(?<![\d.])1 (weeks|points)\b|\b(?!1\b)\d+(\.\d+)? (week|point)\b"),
}
CORNERS = {
    "resources": (1, 3, 5),
    "severity": (0, 6, 20),
    "duration": (0.5, 3, 12),
    "chronic_load": (0, 0.25, 2.5, 5),
    "setbacks": (0, 1, 2, 3, 5),
    "interval": (1, 8, 26),
}


def check_spring_texts(values: dict) -> None:
    result = spring.run(values, "en")
    assert min(result.rest) >= 0 and result.rest_end >= 0 and result.rest_start >= 0 and min(result.wellbeing) >= 0
    drawn = spring.figure(result, 0, "en")["data"][spring.SPEC.traces.index("rest")]["y"]
    assert min(drawn) >= 0
    happened = len(result.setback_weeks)
    for lang in LANGUAGES:
        label, text = spring.describe(result, lang)
        readouts = spring.readout(result, lang)
        shown = " ".join([label, text, *readouts.values()])
        assert not AGREEMENT[lang].search(shown), (values, lang, shown)
        if happened == 0:
            assert not any(p in text for p in PRESUPPOSE[lang]), (values, lang, text)
            assert readouts["recovery"] == tr(lang, "spring.recovery.no_setback")
        elif happened == 1:
            assert not any(p in text for p in SEVERAL[lang]), (values, lang, text)
        elif result.outcome != "maintained" or not result.dented_at_start:
            assert not any(p in text for p in ONE[lang]), (values, lang, text)


def test_spring_texts_and_resting_level_hold_at_every_corner_of_the_allowed_ranges():
    assert set(CORNERS) == set(RANGES)
    assert all(min(v) == RANGES[k][0] and max(v) == RANGES[k][1] for k, v in CORNERS.items())
    for values in itertools.product(*CORNERS.values()):
        check_spring_texts(dict(zip(CORNERS, values, strict=True)))


def test_no_setback_reads_as_no_setback_one_in_the_singular_three_in_the_plural():
    for lang in LANGUAGES:
        assert "geen tegenslag" in spring.describe(spring.run({"severity": 0}, lang), lang)[1] if lang == "nl" else True
        one = spring.describe(spring.run({"setbacks": 1}, lang), lang)[1]
        three = spring.describe(spring.run({"setbacks": 3, "interval": 12}, lang), lang)[1]
        assert ONE[lang][0] in one and SEVERAL[lang][0] not in one
        assert SEVERAL[lang][0] in three and ONE[lang][0] not in three


@settings(max_examples=150, deadline=None)
@given(
    values=st.fixed_dictionaries(
        {
            name: st.integers(int(low), int(high)) if name == "setbacks" else st.floats(low, high)
            for name, (low, high) in RANGES.items()
        }
    )
)
def test_spring_texts_and_resting_level_hold_anywhere_in_the_allowed_ranges(values):
    check_spring_texts(values)


def test_the_spring_params_in_the_corners_are_the_models_own():
    assert SpringParams(**{k: v[0] for k, v in CORNERS.items()}).checked() is not None
    assert json.dumps(CORNERS)  # plain numbers only
