"""Content checked like code, chapter 4: the numbers the chapter states about the positions demo (and
the chapter 2 and 3 states it links to) are the numbers the models give, passage by passage."""

from pathlib import Path

import pytest
from markup import prose
from veerkracht.demos.cycle import CycleDemo
from veerkracht.demos.portfolio import PortfolioDemo
from veerkracht.demos.positions import PositionsDemo
from veerkracht.i18n import number

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = {"nl": "chapters/nl/04-positions.md", "en": "chapters/en/04-positions.md"}

# (setback, B's load, lever) of each state the chapter discusses
STATES = {
    "default": (10, 1, 0),
    "small": (5, 1, 0),
    "no_load": (10, 0, 0),
    "no_load15": (15, 0, 0),
    "calm1": (0, 1, 0),
    "calm2": (0, 2, 0),
    "lift": (10, 1, 1),
    "more": (10, 1, 2),
    "link": (10, 1, 3),
    "all": (10, 1, 4),
    "more2": (10, 2, 2),
    "more3": (10, 3, 2),
    "all3": (10, 3, 4),
}
B_PORTFOLIO = {
    "confidence": 2,
    "control": 2,
    "self_image": 0,
    "boundaries": 2,
    "emotions": 2,
    "network": 1,
    "neighbourhood": 2,
    "income": 0,
    "care": 0,
    "chronic_load": 0,
    "severity": 6,
}


def facts(lang: str) -> dict:
    out = {}
    for name, (setback, load, lever) in STATES.items():
        run = PositionsDemo(lang, setback=setback, load=load, lever=lever).result
        a, b = run.people["a"], run.people["b"]
        out[name] = {
            "a_rec": "-" if a.verdict.recovery_time is None else str(round(a.verdict.recovery_time)),
            "b_rec": "-" if b.verdict.recovery_time is None else str(round(b.verdict.recovery_time)),
            "a_end": number(a.end, 0, lang),
            "b_end": number(b.end, 0, lang),
            "a_peak": number(max(a.stress), 0, lang),
            "b_rest": number(b.before.calm or 0, 0, lang),
            "b_ridge": number(b.before.ridge or 0, 0, lang),
            "b_res": number(b.resources, 1, lang),
            "b_after": number(b.resources_after, 1, lang),
        }
    cycle = CycleDemo(lang, chronic_load=1, resources=2, loop=30, setback=10).result
    out["cycle"] = {
        "tip": number(cycle.tip_load, 1, lang),
        "tip4": number(CycleDemo(lang, resources=4).result.tip_load, 1, lang),
    }
    out["portfolio"] = {
        "b": number(PortfolioDemo(lang, **B_PORTFOLIO).result.spring_resources, 1, lang),
        "b_more": number(
            PortfolioDemo(lang, **{**B_PORTFOLIO, "network": 2, "care": 2}).result.spring_resources, 1, lang
        ),
    }
    return out


PASSAGES = {
    "nl": [
        "A is in rust op een stress van {default[a_end]}. B zit hoger, rond {default[b_rest]}",
        "De kantelgrens van B (grijs) ligt rond {default[b_ridge]}.",
        "De stress van A loopt op tot {default[a_peak]} en zakt dan terug. De uitkomst is *Teruggeveerd*, en de"
        " **Hersteltijd van A** is {default[a_rec]} weken.",
        "*A {default[a_end]}, B {default[b_end]}*.",
        "Maar A doet er {small[a_rec]} weken over en B {small[b_rec]} weken. In week 52 staat A op {small[a_end]} en"
        " B op {small[b_end]}",
        "Zonder chronische belasting veert B terug, maar doet er {no_load[b_rec]} weken over, tegen"
        " {no_load[a_rec]} weken bij A. In week 52 staat B op {no_load[b_end]} en A op {no_load[a_end]}",
        "Bij een tegenslag van 15 veert A terug na {no_load15[a_rec]} weken; bij B kantelt de stress:"
        " {no_load15[b_end]} in week 52.",
        "Bij belasting 1 blijft B rustig, op {calm1[b_end]} in week 52; A blijft op {calm1[a_end]}.",
        "en de stress loopt op tot {calm2[b_end]}.",
        "bij hulpbronnen 4 pas bij een belasting van {cycle[tip4]}.",
        "na week 26 blijft de stress van B hoog, {lift[b_end]} in week 52.",
        "ligt het **Kantelpunt** bij een chronische belasting van {cycle[tip]}",
        "de hulpbronnen van B vanaf week 26 van {more[b_res]} naar {more[b_after]}, en de stress van B daalt"
        " weer: {more[b_end]} in week 52.",
        "B blijft op {link[b_end]}. Bij **Alle drie** komt B terug tot {all[b_end]}.",
        "Bij een belasting van 2 brengen meer hulpbronnen B terug tot {more2[b_end]}; bij een belasting van 3 is"
        " het niet genoeg: de uitkomst is *Gekanteld door de belasting*, met {more3[b_end]} in week 52. Alle drie"
        " samen brengen B bij belasting 3 wel terug, tot {all3[b_end]}.",
        "Het portfolio van B telt als {portfolio[b]} van de 5.",
        "telt het portfolio als {portfolio[b_more]} van de 5",
    ],
    "en": [
        "A is at rest at a stress of {default[a_end]}. B is higher, around {default[b_rest]}",
        "B's tipping line (grey) lies around {default[b_ridge]}.",
        "A's stress rises to {default[a_peak]} and then falls back. The outcome is *Bounced back*, and **A's"
        " recovery time** is {default[a_rec]} weeks.",
        "*A {default[a_end]}, B {default[b_end]}*.",
        "But A takes {small[a_rec]} weeks and B {small[b_rec]} weeks. In week 52 A is at {small[a_end]} and B at"
        " {small[b_end]}",
        "Without a chronic load B bounces back, but takes {no_load[b_rec]} weeks, against {no_load[a_rec]} weeks"
        " for A. In week 52 B is at {no_load[b_end]} and A at {no_load[a_end]}",
        "With a setback of 15, A bounces back after {no_load15[a_rec]} weeks; B's stress tips: {no_load15[b_end]}"
        " in week 52.",
        "At load 1 B stays calm, at {calm1[b_end]} in week 52; A stays at {calm1[a_end]}.",
        "and stress climbs to {calm2[b_end]}.",
        "at resources 4 only at a load of {cycle[tip4]}.",
        "after week 26 B's stress stays high, {lift[b_end]} in week 52.",
        "the **Tipping point** lies at a chronic load of {cycle[tip]}",
        "B's resources go from {more[b_res]} to {more[b_after]} from week 26, and B's stress comes down again:"
        " {more[b_end]} in week 52.",
        "B stays at {link[b_end]}. With **All three** B comes back to {all[b_end]}.",
        "At a load of 2, more resources bring B back to {more2[b_end]}; at a load of 3 it is not enough: the"
        " outcome is *Tipped by the load*, with {more3[b_end]} in week 52. All three together do bring B back at"
        " load 3, to {all3[b_end]}.",
        "B's portfolio counts as {portfolio[b]} of 5.",
        "the portfolio counts as {portfolio[b_more]} of 5",
    ],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chapter4_states_the_models_numbers(lang):
    known = facts(lang)
    text = prose((ROOT / CHAPTER[lang]).read_text("utf-8"))
    for passage in PASSAGES[lang]:
        expected = passage.format(**known)
        assert expected in text, f"not in the chapter, with the model's numbers:\n{expected}"
    used = {name for passage in PASSAGES[lang] for name in STATES if "{" + name + "[" in passage}
    assert used == set(STATES)


def test_chapter4_claims_hold_in_the_model():
    outcome = {
        name: PositionsDemo("en", setback=setback, load=load, lever=lever).result
        for name, (setback, load, lever) in STATES.items()
    }
    assert outcome["small"].outcome_b == "bounced_back" and outcome["small"].outcome_a == "bounced_back"
    assert outcome["no_load15"].outcome_b == "tipped" and outcome["calm1"].outcome_b == "steady"
    assert outcome["calm2"].people["b"].verdict.cause == "load"
    assert outcome["more"].outcome_b == "back_after_measure" and outcome["more3"].outcome_b == "tipped"
    assert {round(outcome[n].end_a) for n in ("more", "link", "all")} == {
        round(outcome["default"].end_a)
    }  # "at 5 each time"
