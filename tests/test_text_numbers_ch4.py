"""Content checked like code, chapter 4: the numbers the chapter states about the positions demo (and
the chapter 2 state it links to) are the numbers the models give, passage by passage."""

from pathlib import Path

import pytest
from markup import prose
from veerkracht.demos.portfolio import PortfolioDemo
from veerkracht.demos.positions import PositionsDemo
from veerkracht.i18n import number

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = {"nl": "chapters/nl/04-positions.md", "en": "chapters/en/04-positions.md"}

# (setback, B's load, lever) of each state the chapter discusses
STATES = {
    "default": (10, 2, 0),
    "small": (5, 2, 0),
    "no_load": (10, 0, 0),
    "lift": (10, 2, 1),
    "more": (10, 2, 2),
    "link": (10, 2, 3),
    "all": (10, 2, 4),
    "lift3": (10, 3, 1),
    "more3": (10, 3, 2),
}
# B's portfolio as chapter 4's link opens it in chapter 2: the three resources the dossier names
# missing (network, self-image, access to help and care), livelihood security present.
B_PORTFOLIO = {
    "confidence": 2,
    "control": 2,
    "self_image": 0,
    "boundaries": 2,
    "emotions": 2,
    "network": 0,
    "neighbourhood": 2,
    "income": 2,
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
            "a_res": number(a.resources, 1, lang),
            "b_rest": number(b.before.calm or 0, 0, lang),
            "b_ridge": number(b.before.ridge or 0, 0, lang),
            "b_res": number(b.resources, 1, lang),
            "b_after": number(b.resources_after, 1, lang),
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
        "In het model is dat {default[a_res]} van de 5.",
        "In het model is dat {default[b_res]} van de 5.",
        "(B gaat dan naar {more[b_after]} van de 5)",
        "A is in rust op een stress van {default[a_end]}. B zit hoger, rond {default[b_rest]}",
        "De kantelgrens van B ligt rond {default[b_ridge]}.",
        "Bij A loopt de stress op tot {default[a_peak]} en zakt dan terug: *Teruggeveerd*, na {default[a_rec]} weken.",
        "*Gekanteld door de tegenslag*, {default[b_end]} in week 52.",
        "| tegenslag 5, belasting van B 2 | {small[a_rec]} weken | {small[b_rec]} weken |",
        "| tegenslag 10, geen belasting (B zonder chronische belasting) | {no_load[a_rec]} weken |"
        " {no_load[b_rec]} weken |",
        "| minder belasting | {lift[b_end]}: blijft hoog |",
        "| meer hulpbronnen (vangnet en hulp en zorg beschikbaar) | {more[b_end]}: terug |",
        "| een schakel doorbreken | {link[b_end]}: blijft hoog |",
        "| alle drie | {all[b_end]}: terug |",
        "gaan de hulpbronnen van B van {more[b_res]} naar {more3[b_after]}",
        "Het portfolio van B telt als {portfolio[b]} van de 5.",
        "telt het portfolio als {portfolio[b_more]} van de 5",
    ],
    "en": [
        "In the model that is {default[a_res]} of 5.",
        "In the model that is {default[b_res]} of 5.",
        "(B then goes to {more[b_after]} of 5)",
        "A is at rest at a stress of {default[a_end]}. B is higher, around {default[b_rest]}",
        "B's tipping line lies around {default[b_ridge]}.",
        "For A stress rises to {default[a_peak]} and then falls back: *Bounced back*, after {default[a_rec]} weeks.",
        "*Tipped by the setback*, {default[b_end]} in week 52.",
        "| setback 5, B's load 2 | {small[a_rec]} weeks | {small[b_rec]} weeks |",
        "| setback 10, no load (B without a chronic load) | {no_load[a_rec]} weeks | {no_load[b_rec]} weeks |",
        "| less load | {lift[b_end]}: stays high |",
        "| more resources (safety net and help and care available) | {more[b_end]}: back |",
        "| break a link | {link[b_end]}: stays high |",
        "| all three | {all[b_end]}: back |",
        "B's resources go from {more[b_res]} to {more3[b_after]}",
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
    assert used == set(STATES) - {"lift3"}  # lift3: a claim below, no number


def test_chapter4_claims_hold_in_the_model():
    outcome = {
        name: PositionsDemo("en", setback=setback, load=load, lever=lever).result
        for name, (setback, load, lever) in STATES.items()
    }
    # the default: A bounces back, the same setback tips B (a tip by the shock, not by the load)
    assert outcome["default"].outcome_a == "bounced_back" and outcome["default"].outcome_b == "tipped"
    assert outcome["default"].people["b"].verdict.cause == "setback"
    # task 1: "in neither does B tip, but B keeps taking longer"
    for name in ("small", "no_load"):
        assert outcome[name].outcome_b == "bounced_back"
        assert outcome[name].recovery_b > outcome[name].recovery_a
    # task 2: less load and a broken link leave B high; more resources and all three bring B back, also at
    # load 3; nothing changes for A ("at 5 each time")
    assert outcome["lift"].people["b"].verdict.still_high and outcome["link"].people["b"].verdict.still_high
    assert outcome["lift3"].people["b"].verdict.still_high
    for name in ("more", "all", "more3"):
        assert outcome[name].outcome_b == "back_after_measure"
    assert {round(outcome[n].end_a) for n in ("more", "link", "all")} == {round(outcome["default"].end_a)}
    # "B's portfolio ... the number the lever uses"
    assert outcome["more"].people["b"].resources_after == pytest.approx(
        PortfolioDemo("en", **{**B_PORTFOLIO, "network": 2, "care": 2}).result.spring_resources
    )
