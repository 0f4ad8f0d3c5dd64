"""Content checked like code, chapter 3: every number the chapter, its question bank and the models
page state about the stress-circle demo and the spring in quick succession is the number the model
gives. The passages are the texts' own sentences with the model's numbers as fields
``{state[field]}``; each must occur verbatim, so a change to the model names the sentence to update.
"""

from pathlib import Path

import pytest
from markup import prose
from veerkracht.demos.cycle import CycleDemo
from veerkracht.i18n import number
from veerkracht.model_notes import page_numbers
from veerkracht.models.cycle import CycleParams, simulate, thresholds
from veerkracht.models.spring import SpringParams
from veerkracht.models.spring import simulate as spring

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = {"nl": "chapters/nl/03-cycle.md", "en": "chapters/en/03-cycle.md"}
BANK = "exercises/bank/ch03.yml"
MODELS = {"nl": "book/nl/models.md", "en": "book/en/models.md"}

# The states the texts discuss: a preset of the demo, then controls changed.
STATES = {
    "default": ("small_setback", {}),
    "weak": ("weak_loop", {}),
    "strong20": ("small_setback", {"setback": 20}),
    "res2": ("small_setback", {"resources": 2, "setback": 0}),
    "res4": ("small_setback", {"resources": 4, "setback": 0}),
    "res5": ("small_setback", {"resources": 5, "setback": 0}),
    "slow0": ("near_tip", {"chronic_load": 0}),
    "slow1": ("near_tip", {"chronic_load": 1}),
    "slow2": ("near_tip", {"chronic_load": 2}),
    "slow3": ("near_tip", {"chronic_load": 3}),
    "slow4": ("near_tip", {}),
    "load3_setback10": ("near_tip", {"chronic_load": 3, "setback": 10}),
    "by_load": ("tip_by_load", {}),
    "lifted": ("lift_load", {}),
    "loop20_stays": ("lift_load_works", {"lift": 0}),
    "loop20_lifted": ("lift_load_works", {}),
    "broken": ("break_link", {}),
    "by_load_lift": ("tip_by_load", {"lift": 1}),
    "by_load_break": ("tip_by_load", {"broken": 4}),
    "by_load_both": ("tip_by_load", {"lift": 1, "broken": 4}),
}


def state(name: str, lang: str) -> CycleDemo:
    preset, changes = STATES[name]
    demo = CycleDemo(lang)
    demo.preset(preset)
    if changes:
        demo.set(**changes)
    return demo


def facts(lang: str) -> dict[str, dict[str, str]]:
    out = {}
    for name in STATES:
        demo = state(name, lang)
        run = demo.result
        setback_at = 8
        out[name] = {
            "calm": number(run.before.calm or 0, 0, lang),
            "ridge": number(run.before.ridge or 0, 0, lang),
            "high": number(run.before.high or 0, 0, lang),
            "peak": number(max(run.stress[setback_at:]), 0, lang),
            "weeks": "-" if run.recovery_time is None else str(round(run.recovery_time)),
            "end": number(run.stress_end, 0, lang),
            "tip": number(run.tip_load, 1, lang) if run.tip_load is not None else "-",
            "back": number(run.return_load, 1, lang) if run.return_load is not None else "-",
            **{f"shown_{key}": text for key, text in demo.readouts().items()},  # as the readouts say it
        }
    return out


SPRING_QUICK = {"resources": 2, "setbacks": 3}


def spring_facts() -> dict[str, int]:
    lows = {gap: spring(SpringParams(**SPRING_QUICK, interval=gap)) for gap in (12, 8, 4, 2)}
    one = spring(SpringParams(resources=2, setbacks=1))
    return {
        "one_low": round(one.lowest),
        "one_weeks": round(one.recovery_time),
        "one_rest": round(one.rest_start),
        "low12": round(lows[12].lowest),
        "low8": round(lows[8].lowest),
        "low4": round(lows[4].lowest),
        "low2": round(lows[2].lowest),
        "rest_end2": round(lows[2].rest_end),
    }


CHAPTER_PASSAGES = {
    "nl": [
        "Onder de chronische belasting komt de stress tot rust op {default[calm]} (de groene lijn). De kantelgrens"
        " (grijs) ligt rond {default[ridge]}, de toestand van hoge stress (rood) rond {default[high]}.",
        "Hij duwt de stress op tot {default[peak]}, onder de kantelgrens. Daarna zakt de stress terug: na"
        " {default[weeks]} weken is hij terug op {default[calm]}.",
        "Het **Kantelpunt** ligt bij een chronische belasting van {default[tip]}.",
        "Bij **Weg terug na een kanteling** staat: *{default[shown_back]}*.",
        "Met de zwakke cirkel duwt de tegenslag de stress op tot {weak[peak]}; na {weak[weeks]} weken is hij terug"
        " op {weak[calm]}. Het **Kantelpunt** zegt: *{weak[shown_tip]}*. Met sterkte 30 duwt dezelfde tegenslag"
        " de stress over de kantelgrens ({strong20[ridge]}). Dan neemt de cirkel het over: de stress loopt op naar"
        " {strong20[high]} en blijft daar (**Stress in week 52**: {strong20[end]}).",
        "bij hulpbronnen 2 bij {res2[tip]}, zodat een belasting van 2 al te veel is.",
        "Met hulpbronnen 4 ligt het bij {res4[tip]}, met 5 bij {res5[tip]},",
        "De **Hersteltijd na de tegenslag** is {slow0[weeks]}, {slow1[weeks]}, {slow2[weeks]} en {slow3[weeks]} weken"
        " bij belasting 0, 1, 2 en 3.",
        "Bij belasting 4 staat er *{slow4[shown_recovery]}*.",
        "staan de rustige toestand ({strong20[calm]}) en de kantelgrens ({strong20[ridge]}) het hele jaar in de figuur",
        "en loopt door naar de rode lijn ({strong20[high]}). Zonder de tegenslag was hij op {strong20[calm]} gebleven.",
        "tot {by_load[end]} in week 52.",
        "| Belasting weg, sterke cirkel (30) | de belasting valt weg | {lifted[end]}: de rust komt niet terug |",
        "| Belasting weg, zwakkere cirkel (20) | de belasting valt weg | {loop20_lifted[end]}: de rust komt terug |",
        "| Schakel doorbroken | de belasting blijft, een schakel breekt | {broken[end]}: de rust komt terug |",
        "Met de zwakkere cirkel ligt het kantelpunt bij {loop20_stays[tip]} en de weg terug bij {loop20_stays[back]}:"
        " valt de belasting weg, dan komt de stress terug tot {loop20_lifted[end]}; blijft ze, dan hangt hij op"
        " {loop20_stays[end]}.",
        "alleen de belasting weg geeft {by_load_lift[end]}, alleen een schakel {by_load_break[end]}, samen"
        " {by_load_both[end]}.",
    ],
    "en": [
        "Under the chronic load, stress settles at {default[calm]} (the green line). The tipping line (grey) lies"
        " around {default[ridge]}, the high-stress state (red) around {default[high]}.",
        "It pushes stress up to {default[peak]}, below the tipping line. Then stress falls back: after"
        " {default[weeks]} weeks it is back at {default[calm]}.",
        "The **Tipping point** is at a chronic load of {default[tip]}.",
        "**Way back after a tip** says: *{default[shown_back]}*.",
        "With the weak circle the setback pushes stress up to {weak[peak]}; after {weak[weeks]} weeks it is back at"
        " {weak[calm]}. The **Tipping point** says: *{weak[shown_tip]}*. With strength 30 the same setback pushes"
        " stress over the tipping line ({strong20[ridge]}). Then the circle takes over: stress climbs to"
        " {strong20[high]} and stays there (**Stress in week 52**: {strong20[end]}).",
        "with resources 2 it is at {res2[tip]}, so a load of 2 is already too much.",
        "With resources 4 it is at {res4[tip]}, with 5 at {res5[tip]},",
        "The **Recovery time after the setback** is {slow0[weeks]}, {slow1[weeks]}, {slow2[weeks]} and"
        " {slow3[weeks]} weeks at loads 0, 1, 2 and 3.",
        "At load 4 it says *{slow4[shown_recovery]}*.",
        "the calm state ({strong20[calm]}) and the tipping line ({strong20[ridge]}) are in the figure all year",
        "and runs on to the red line ({strong20[high]}). Without the setback it would have stayed at {strong20[calm]}.",
        "to {by_load[end]} in week 52.",
        "| Load lifted, strong circle (30) | the load is lifted | {lifted[end]}: calm does not return |",
        "| Load lifted, weaker circle (20) | the load is lifted | {loop20_lifted[end]}: calm returns |",
        "| Link broken | the load stays, a link breaks | {broken[end]}: calm returns |",
        "With the weaker circle the tipping point is at {loop20_stays[tip]} and the way back at {loop20_stays[back]}:"
        " if the load is lifted, stress comes back down to {loop20_lifted[end]}; if it stays, stress hangs at"
        " {loop20_stays[end]}.",
        "only lifting the load gives {by_load_lift[end]}, only a link {by_load_break[end]}, both together"
        " {by_load_both[end]}.",
    ],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chapter3_states_the_models_numbers(lang):
    known = facts(lang)
    text = prose((ROOT / CHAPTER[lang]).read_text("utf-8"))
    for passage in CHAPTER_PASSAGES[lang]:
        expected = passage.format(**known)
        assert expected in text, f"not in the chapter, with the model's numbers:\n{expected}"
    texts = CHAPTER_PASSAGES[lang] + BANK_PASSAGES[lang]
    used = {name for passage in texts for name in STATES if "{" + name + "[" in passage}
    assert used == set(STATES)  # every state defined here is one the chapter or its bank discusses


def test_chapter3_claims_hold_in_the_model():
    """What the texts say without a number."""
    runs = {name: state(name, "en").result for name in STATES}
    assert runs["weak"].tip_load is None and runs["weak"].outcome == "bounced_back"
    assert (runs["strong20"].outcome, runs["strong20"].cause) == ("tipped", "setback")
    assert (runs["by_load"].outcome, runs["by_load"].cause) == ("tipped", "load") and runs[
        "by_load"
    ].before.calm is None
    assert simulate(CycleParams(chronic_load=4, setback=0)).outcome == "steady"  # "up to and including load 4"
    assert simulate(CycleParams(chronic_load=6, setback=0)).cause == "load"
    assert simulate(CycleParams(resources=2, setback=0)).cause == "load"  # "a load of 2 is already too much"
    assert thresholds(0.15, 30)[0] < 0  # resources 1: "even without a chronic load"
    assert runs["slow4"].outcome == "recovering"
    assert runs["lifted"].still_high and runs["loop20_stays"].still_high and not runs["loop20_lifted"].still_high
    assert {simulate(CycleParams(setback=20, broken=link)).stress_end for link in (1, 2, 3, 4)} == {
        runs["broken"].stress_end
    }
    two = spring(SpringParams(**SPRING_QUICK, interval=2))
    assert two.outcome == "not_recovered" and two.dented


BANK_PASSAGES = {
    "nl": ["De stress kantelt: in week 52 staat hij op {load3_setback10[end]}."],
    "en": ["Stress tips: in week 52 it stands at {load3_setback10[end]}."],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chapter3_bank_states_the_models_numbers(lang):
    known = facts(lang)
    bank = (ROOT / BANK).read_text("utf-8")
    for passage in BANK_PASSAGES[lang]:
        expected = passage.format(**known)
        assert expected in bank, f"not in the bank, with the model's numbers:\n{expected}"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_models_page_states_the_circle_models_thresholds(lang):
    """The models page glues its numbers (veerkracht.model_notes.page_numbers): they are the model's."""
    page = (ROOT / MODELS[lang]).read_text("utf-8")
    numbers = page_numbers(lang)
    tip, back = thresholds(0.45, 30)
    tip20, back20 = thresholds(0.45, 20)
    assert numbers["cycle_tip"] == number(tip, 1, lang)
    assert numbers["cycle_back"] == number(back, 1, lang).replace("-", "−")
    assert (numbers["cycle_tip_20"], numbers["cycle_back_20"]) == (number(tip20, 1, lang), number(back20, 1, lang))
    assert "ligt het kantelpunt bij een chronische belasting van {glue:md}`cycle_tip`" in page or (
        "the tipping point lies at a chronic load of {glue:md}`cycle_tip`" in page
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_models_page_states_the_grid_and_the_hysteresis_widths(lang):
    """'Over all 7,000 states' and the widths of the hysteresis loops the sweeps measure (over the loads
    the demo allows: from 0 up)."""
    from veerkracht.demos.cycle import SPEC

    numbers = page_numbers(lang)
    states = 1
    for param in SPEC.params:
        states *= len(param.values)
    widths = [thresholds(0.45, loop)[0] - max(thresholds(0.45, loop)[1], 0) for loop in (30, 20)]
    assert numbers["cycle_states"] == {"nl": f"{states:,}".replace(",", "."), "en": f"{states:,}"}[lang]
    assert numbers["cycle_width_20"] == number(widths[1], 1, lang)
    assert thresholds(0.45, 30)[1] < 0  # "does not come back even at load 0"
    page = (ROOT / MODELS[lang]).read_text("utf-8")
    assert "{glue:md}`cycle_width_20`" in page and "{glue:md}`cycle_states`" in page
