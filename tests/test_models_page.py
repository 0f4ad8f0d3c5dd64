"""The "about the models" page: every model with its equations and a table of its parameters, and
no number about a model written by hand. Its tables, equations and the numbers in its text are
generated from the models (veerkracht.model_notes), so the page cannot drift from the code."""

import html
import re
from pathlib import Path

import pytest
from veerkracht.i18n import number
from veerkracht.model_notes import constants, equations, page_numbers, parameters_table
from veerkracht.models import MODELS, cycle, spring

ROOT = Path(__file__).resolve().parent.parent
PAGE = {"nl": ROOT / "book/nl/models.md", "en": ROOT / "book/en/models.md"}
GLUE = re.compile(r"\{glue:md\}`([^`]+)`")
# Digits the prose may hold: chapter numbers, list numbers, the scale, and the maths of the formulas.
ALLOWED = re.compile(
    r"(hoofdstuk|chapters?) \d( (en|and) \d)?|^\d\. |\b0 (tot|to) (100\b)?|0–100|\(0\)|1/k|c/k|1 − q|"
    r"(week|belasting|load|dx/dt =) 0\b|\(0–|\b1 \+ |600 portfolio"
)


def prose(text: str) -> str:
    """The page without its front matter, code cells and roles: the words written by hand."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"```\{code-cell\}.*?```", "", text, flags=re.S)
    return re.sub(r"\{[a-z:]+\}`[^`]*`", "", text)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_page_writes_no_model_number_by_hand(lang):
    for line in prose(PAGE[lang].read_text("utf-8")).splitlines():
        left = ALLOWED.sub("", line)
        assert not re.search(r"\d", left), f"a number written by hand: {line}"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_glued_number_exists_and_every_run_number_is_used(lang):
    source = PAGE[lang].read_text("utf-8")
    used = set(GLUE.findall(source))
    known = set(page_numbers(lang)) | {f"{model}_{name}" for model in MODELS for name in constants(model, lang)}
    assert used <= known, used - known
    assert set(page_numbers(lang)) <= used, set(page_numbers(lang)) - used


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_model_has_its_equations_and_its_parameters_on_the_page(lang):
    source = PAGE[lang].read_text("utf-8")
    for model in MODELS:
        assert f'parameters_table("{model}", "{lang}")' in source
        assert f'constants_table("{model}", "{lang}")' in source
        assert f'equations("{model}", "{lang}")' in source


STIFFNESS = [("nl", r"0,1 \times \text{hulpbronnen}"), ("en", r"0.1 \times \text{resources}")]


@pytest.mark.parametrize(("lang", "stiffness"), STIFFNESS)
def test_the_equations_carry_the_models_constants(lang, stiffness):
    assert spring.STIFFNESS_PER_RESOURCE == 0.1
    assert stiffness in equations("spring", lang).data  # LaTeX, typeset as MathML by the book
    low = spring.LIMIT_BASE + spring.LIMIT_PER_RESOURCE * spring.RANGES["resources"][0]
    assert f" {low:g} " in equations("spring_limit", lang).data
    steepness = f"{cycle.LOOP_STEEPNESS:g}"
    fraction = rf"\frac{{x^{{{steepness}}}}}{{{cycle.LOOP_HALF:g}^{{{steepness}}} + x^{{{steepness}}}}}"
    assert fraction in equations("cycle", lang).data


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_parameter_table_gives_every_control_its_values_default_and_the_models_range(lang):
    table = parameters_table("cycle", lang).data.splitlines()
    assert len(table) == 2 + len(cycle.RANGES)
    loop = next(row for row in table if "| 0, 10, 20, **30**, 40 |" in row)
    assert loop.endswith(f"| 0–{cycle.RANGES['loop'][1]:g} |")
    spring_rows = parameters_table("spring", lang).data
    assert {"nl": "| 0,5–12 |", "en": "| 0.5–12 |"}[lang] in spring_rows  # the duration the model accepts


def test_the_run_numbers_are_the_models():
    numbers = page_numbers("en")
    assert numbers["spring_recovery_by_resources"] == "30, 16, 11, 9 and 7"
    assert numbers["cycle_tip"] == f"{cycle.thresholds(0.45, 30)[0]:.1f}"
    assert page_numbers("nl")["spring_growth_share"].endswith("%") and "," in page_numbers("nl")["spring_growth_share"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_page_states_the_circle_models_thresholds(lang):
    page = PAGE[lang].read_text("utf-8")
    numbers = page_numbers(lang)
    tip, back = cycle.thresholds(0.45, 30)
    tip20, back20 = cycle.thresholds(0.45, 20)
    assert numbers["cycle_tip"] == number(tip, 1, lang)
    assert numbers["cycle_back"] == number(back, 1, lang).replace("-", "−")
    assert (numbers["cycle_tip_20"], numbers["cycle_back_20"]) == (number(tip20, 1, lang), number(back20, 1, lang))
    assert "ligt het kantelpunt bij een chronische belasting van {glue:md}`cycle_tip`" in page or (
        "the tipping point lies at a chronic load of {glue:md}`cycle_tip`" in page
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_page_states_the_circles_grid_and_hysteresis_widths(lang):
    """'Over all 7,000 states' and the widths of the hysteresis loops the sweeps measure (over the loads
    the demo allows: from 0 up)."""
    from veerkracht.demos.cycle import SPEC

    numbers = page_numbers(lang)
    states = 1
    for param in SPEC.params:
        states *= len(param.values)
    widths = [cycle.thresholds(0.45, loop)[0] - max(cycle.thresholds(0.45, loop)[1], 0) for loop in (30, 20)]
    assert numbers["cycle_states"] == {"nl": f"{states:,}".replace(",", "."), "en": f"{states:,}"}[lang]
    assert numbers["cycle_width_20"] == number(widths[1], 1, lang)
    assert cycle.thresholds(0.45, 30)[1] < 0  # "does not come back even at load 0"
    page = PAGE[lang].read_text("utf-8")
    assert "{glue:md}`cycle_width_20`" in page and "{glue:md}`cycle_states`" in page


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_built_page_shows_the_glued_numbers_and_the_tables(built_site, lang):
    page = html.unescape((built_site["dir"] / lang / f"book/{lang}/models.html").read_text("utf-8"))
    text = re.sub(r"<[^>]+>", "", page)
    numbers = page_numbers(lang)
    for name in ("spring_recovery_by_resources", "cycle_back", "positions_resources_b_helped", "portfolio_count"):
        assert numbers[name] in text, name
    assert page.count("<table") >= 8  # four parameter tables, four constants tables, the influences
    # Every model's equations typeset as MathML when the book was built: no script, the constants in it
    assert page.count('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">') >= 5
    decimal = {"nl": "<mn>0,1</mn>", "en": "<mn>0.1</mn>"}[lang]
    assert f"{decimal}<mo>×</mo><mtext>{ {'nl': 'hulpbronnen', 'en': 'resources'}[lang] }</mtext>" in page
    assert "mathjax" not in page.lower() and "<script" not in page.split("<math", 1)[1].split("</math>")[0]


@pytest.mark.parametrize(("lang", "shown"), [("nl", "<mn>0,15</mn>"), ("en", "<mn>0.15</mn>")])
def test_a_formula_becomes_mathml_with_the_editions_decimal_mark(lang, shown):
    from vk_math import mathml

    markup = mathml({"nl": "k = 0,15 \\times h", "en": "k = 0.15 \\times h"}[lang], "block", lang)
    assert markup.startswith('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">') and shown in markup
    assert "<mn>2</mn><mo>&#x0002C;</mo><mi>x</mi>" in mathml("\\max(2, x)", "inline", "nl")  # a comma between two
