"""Content checked like code: the numbers the chapter and the models page state about the spring
model are the numbers the model gives. Change the model and this test names the text to update."""

from pathlib import Path

import pytest
from veerkracht.demos.spring import SPEC
from veerkracht.models.spring import SpringParams, simulate

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "nl": ["chapters/nl/01-resilience.md", "book/nl/models.md"],
    "en": ["chapters/en/01-resilience.md", "book/en/models.md"],
}
AND = {"nl": " en ", "en": " and "}


def listed(numbers: list, lang: str) -> str:
    """``30, 16, 11, 9 en 7``, as the texts list numbers."""
    shown = [f"{n:.0f}" for n in numbers]
    return ", ".join(shown[:-1]) + AND[lang] + shown[-1]


def at_defaults(**changes) -> object:
    return simulate(SpringParams(**{**SPEC.defaults, **changes}))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_texts_state_the_models_numbers(lang):
    recovery = [at_defaults(resources=r).recovery_time for r in SPEC.param("resources").values]
    rests = [at_defaults(chronic_load=c).rest_start for c in SPEC.param("chronic_load").values]
    lowest = [at_defaults(chronic_load=c).lowest for c in SPEC.param("chronic_load").values]
    chapter, models = ((ROOT / page).read_text("utf-8") for page in PAGES[lang])
    for text in (chapter, models):
        assert listed(recovery, lang) in text  # recovery time for resources 1..5
        assert listed(rests[1:], lang) in text and listed(lowest[1:], lang) in text  # chronic load 1..3
    assert f"{rests[0]:.0f}" == "80" and f"{lowest[0]:.0f}" == "68"
