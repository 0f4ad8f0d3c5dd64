"""The few numbers the question banks state about a demo's run (outside the chapters, so not glued)
are the models' numbers: each short fragment, with the model's numbers as fields, must occur in the
question it names, so a model change names the question to update. The fields are chapter facts
(``veerkracht.chapter_facts``) where the bank discusses a chapter's state."""

from pathlib import Path

import pytest
import yaml
from veerkracht.chapter_facts import facts, result, whole
from veerkracht.demos.cycle import CycleDemo

ROOT = Path(__file__).resolve().parent.parent

# (bank, question id, {lang: fragment}); fields: chapter 2's facts, and the extra fields below.
FRAGMENTS = [
    (
        "ch02",
        "ch02-diversity",
        {"nl": "het minst goed ({person4_weeks})", "en": "does worst in the demo ({person4_weeks})"},
    ),
    (
        "ch02",
        "ch02-diversity",
        {"nl": "beter dan (a) ({environment4_weeks})", "en": "better than (a) ({environment4_weeks})"},
    ),
    (
        "ch02",
        "ch02-diversity",
        {
            "nl": "In de demo verschilt het: {person4_n}, {environment4_n} en {mix4_weeks}.",
            "en": "In the demo it differs: {person4_n}, {environment4_n} and {mix4_weeks}.",
        },
    ),
    (
        "ch02",
        "ch02-diversity",
        {
            "nl": "De mix geeft {mix4_level} van de 5 en een hersteltijd van {mix4_weeks}.",
            "en": "The mix gives {mix4_level} of 5 and a recovery time of {mix4_weeks}.",
        },
    ),
    (
        "ch03",
        "ch03-shock-or-load",
        {
            "nl": "De stress kantelt: in week 52 staat hij op {load3_setback10_end}.",
            "en": "Stress tips: in week 52 it stands at {load3_setback10_end}.",
        },
    ),
]


def fields(lang: str) -> dict[str, str]:
    """Chapter 2's facts, the weeks without their unit, and the circle state of ch03-shock-or-load."""
    shock = CycleDemo(lang)
    shock.preset("small_setback")
    shock.set(chronic_load=3, setback=10)
    weeks = {
        f"{name}_n": str(round(result("02-resources", name).recovery_time)) for name in ("person4", "environment4")
    }
    return {**facts("02-resources", lang), **weeks, "load3_setback10_end": whole(shock.result.stress_end, lang)}


def question_text(bank: str, question: str, lang: str) -> str:
    """Every text of one question in one language (prompt, options, feedback, explanation)."""
    questions = yaml.safe_load((ROOT / "exercises" / "bank" / f"{bank}.yml").read_text("utf-8"))["questions"]
    texts: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                texts.append(value) if key == lang and isinstance(value, str) else walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(next(q for q in questions if q["id"] == question))
    return "\n".join(texts)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_banks_state_the_models_numbers(lang):
    known = fields(lang)
    for bank, question, fragment in FRAGMENTS:
        expected = fragment[lang].format(**known)
        assert expected in question_text(bank, question, lang), f"{bank}.yml, {question}: not in it: {expected!r}"


def test_the_shock_in_ch03_shock_or_load_tips_stress():
    """The question says the shock makes stress tip (and asks what made it)."""
    shock = CycleDemo("en")
    shock.preset("small_setback")
    assert shock.set(chronic_load=3, setback=10).tipped, "ch03.yml, ch03-shock-or-load: 'Stress tips'"
