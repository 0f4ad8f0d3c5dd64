"""Content checked like code, chapter 5: the numbers the three cases state about the spring, the
portfolio and the circle are the numbers the models give for the states the chapter links to,
passage by passage; and each case's resources in the spring and the circle are its portfolio's level,
rounded to a control position (the chapter's own rule)."""

from pathlib import Path

import pytest
from markup import prose
from veerkracht.demos.cycle import CycleDemo
from veerkracht.demos.portfolio import PortfolioDemo
from veerkracht.demos.spring import SPEC as SPRING
from veerkracht.demos.spring import SpringDemo
from veerkracht.i18n import number

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = {"nl": "chapters/nl/05-cases.md", "en": "chapters/en/05-cases.md"}


def portfolio(**states) -> dict:
    base = dict.fromkeys(
        ("confidence", "control", "self_image", "boundaries", "emotions", "network", "neighbourhood", "income", "care"),
        2,
    )
    return {**base, **states}


CASES = {
    "lotte": {
        "portfolio": portfolio(neighbourhood=0, care=1, chronic_load=0, severity=10),
        "spring": {"resources": 3, "severity": 10, "duration": 3, "chronic_load": 0, "setbacks": 1, "interval": 8},
        "cycle": {"chronic_load": 0, "resources": 3, "loop": 30, "setback": 10, "lift": 0, "broken": 0},
    },
    "marco": {
        "portfolio": portfolio(network=0, income=0, care=0, chronic_load=2, severity=6),
        "spring": {"resources": 2, "severity": 6, "duration": 3, "chronic_load": 2, "setbacks": 1, "interval": 8},
        "cycle": {"chronic_load": 3, "resources": 2, "loop": 30, "setback": 0, "lift": 0, "broken": 0},
    },
    "lieke": {
        "portfolio": portfolio(boundaries=1, network=1, care=1, chronic_load=1, severity=6),
        "spring": {"resources": 3, "severity": 6, "duration": 3, "chronic_load": 1, "setbacks": 3, "interval": 2},
        "cycle": {"chronic_load": 1, "resources": 3, "loop": 30, "setback": 20, "lift": 0, "broken": 0},
    },
}


def spring(lang, case, **changes):
    run = SpringDemo(lang, **{**CASES[case]["spring"], **changes}).result
    weeks = "-" if run.recovery_time is None else str(round(run.recovery_time))
    return {
        "low": number(run.lowest, 0, lang),
        "weeks": weeks,
        "rest": number(run.rest_start, 0, lang),
        "rest_end": number(run.rest_end, 0, lang),
    }


def folio(lang, case, **changes):
    result = PortfolioDemo(lang, **{**CASES[case]["portfolio"], **changes}).result
    weeks = "-" if result.recovery_time is None else str(round(result.recovery_time))
    return {
        "level": number(result.spring_resources, 1, lang),
        "low": number(result.run.lowest, 0, lang),
        "weeks": weeks,
    }


def circle(lang, case, **changes):
    run = CycleDemo(lang, **{**CASES[case]["cycle"], **changes}).result
    weeks = "-" if run.recovery_time is None else str(round(run.recovery_time))
    return {
        "peak": number(max(run.stress[8:]), 0, lang),
        "end": number(run.stress_end, 0, lang),
        "weeks": weeks,
        "tip": number(run.tip_load, 1, lang),
        "ridge": number(run.before.ridge or 0, 0, lang),
        "calm": number(run.before.calm or 0, 0, lang),
    }


def facts(lang: str) -> dict:
    return {
        "ls": spring(lang, "lotte"),
        "ls4": spring(lang, "lotte", resources=4),
        "lp": folio(lang, "lotte"),
        "lp_care": folio(lang, "lotte", care=2),
        "lc": circle(lang, "lotte"),
        "ms": spring(lang, "marco"),
        "ms0": spring(lang, "marco", chronic_load=0),
        "mp": folio(lang, "marco"),
        "mp_care": folio(lang, "marco", care=2),
        "mp_net": folio(lang, "marco", care=2, network=2),
        "mc": circle(lang, "marco"),
        "mc_lift": circle(lang, "marco", lift=1),
        "mc_link": circle(lang, "marco", broken=4),
        "mc_both": circle(lang, "marco", lift=1, broken=4),
        "mc_r3": circle(lang, "marco", resources=3),
        "ks": spring(lang, "lieke"),
        "ks4": spring(lang, "lieke", interval=4),
        "ks_r4": spring(lang, "lieke", resources=4),
        "kp": folio(lang, "lieke"),
        "kp_net": folio(lang, "lieke", network=2),
        "kp_nonet": folio(lang, "lieke", network=0),
        "kc": circle(lang, "lieke"),
        "kc_link": circle(lang, "lieke", broken=3),
        "kc_r4": circle(lang, "lieke", resources=4),
    }


PASSAGES = {
    "nl": [
        "| Portfolio | {lp[level]} van de 5; steun zoeken en het probleem aanpakken | {lp_care[level]} van de 5 |",
        "| Veer | groei (aanname van het model): dip tot {ls[low]}, na {ls[weeks]} weken terug, ruststand"
        " {ls[rest_end]} | dip tot {ls4[low]}, na {ls4[weeks]} weken terug |",
        "| Cirkel | teruggeveerd: piek {lc[peak]}, na {lc[weeks]} weken terug |",
        "| Portfolio | {mp[level]} van de 5; het probleem aanpakken waar dat kan | schuldhulp: {mp_care[level]};"
        " met ook een maatje: {mp_net[level]}, steun zoeken en het probleem aanpakken |",
        "| Veer | (nog) niet hersteld: ruststand {ms[rest]}, dip tot {ms[low]}, blijvende deuk (ruststand"
        " {ms[rest_end]}) | zonder belasting: dip tot {ms0[low]}, na {ms0[weeks]} weken terug op 80 |",
        "| Cirkel | gekanteld door de belasting: {mc[end]} in week 52 | belasting weg: {mc_lift[end]}; schakel"
        " geldzorgen: {mc_link[end]}; samen: {mc_both[end]}; met hulpbronnen 3 vanaf het begin: geen kanteling"
        " ({mc_r3[end]}) |",
        "bij hulpbronnen 2 ligt het kantelpunt bij een belasting van {mc[tip]}.",
        "| Portfolio | {kp[level]} van de 5; dip tot {kp[low]}, na {kp[weeks]} weken terug | {kp_net[level]} van de 5"
        " | zonder vangnet: {kp_nonet[level]}, zes hulpbronnen zwakker |",
        "| Veer | (nog) niet hersteld: dip tot {ks[low]}, ruststand van {ks[rest]} naar {ks[rest_end]} | dip tot"
        " {ks_r4[low]}, na {ks_r4[weeks]} weken terug | 4 weken ertussen: dip tot {ks4[low]}, na {ks4[weeks]} weken"
        " terug |",
        "| Cirkel | gekanteld door de tegenslag: {kc[end]} in week 52 | geen kanteling: na {kc_r4[weeks]} weken terug"
        " | schakel terugtrekken doorbroken in week 26: terug tot {kc_link[end]} |",
    ],
    "en": [
        "| Portfolio | {lp[level]} of 5; seeking support and tackling the problem | {lp_care[level]} of 5 |",
        "| Spring | growth (an assumption of the model): dip to {ls[low]}, back after {ls[weeks]} weeks, resting point"
        " {ls[rest_end]} | dip to {ls4[low]}, back after {ls4[weeks]} weeks |",
        "| Circle | bounced back: peak {lc[peak]}, back after {lc[weeks]} weeks |",
        "| Portfolio | {mp[level]} of 5; tackling the problem where possible | debt counselling: {mp_care[level]}; with"
        " a buddy as well: {mp_net[level]}, seeking support and tackling the problem |",
        "| Spring | not (yet) recovered: resting point {ms[rest]}, dip to {ms[low]}, lasting dent (resting point"
        " {ms[rest_end]}) | without the load: dip to {ms0[low]}, back at 80 after {ms0[weeks]} weeks |",
        "| Circle | tipped by the load: {mc[end]} in week 52 | load lifted: {mc_lift[end]}; money-trouble link:"
        " {mc_link[end]}; together: {mc_both[end]}; with resources 3 from the start: no tip ({mc_r3[end]}) |",
        "with resources 2 the tipping point is at a load of {mc[tip]}.",
        "| Portfolio | {kp[level]} of 5; dip to {kp[low]}, back after {kp[weeks]} weeks | {kp_net[level]} of 5 |"
        " without a safety net: {kp_nonet[level]}, six resources weaker |",
        "| Spring | not (yet) recovered: dip to {ks[low]}, resting point from {ks[rest]} to {ks[rest_end]} | dip to"
        " {ks_r4[low]}, back after {ks_r4[weeks]} weeks | 4 weeks apart: dip to {ks4[low]}, back after {ks4[weeks]}"
        " weeks |",
        "| Circle | tipped by the setback: {kc[end]} in week 52 | no tip: back after {kc_r4[weeks]} weeks |"
        " withdrawal link broken in week 26: back to {kc_link[end]} |",
    ],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chapter5_states_the_models_numbers(lang):
    known = facts(lang)
    text = " ".join(prose((ROOT / CHAPTER[lang]).read_text("utf-8")).split())
    for passage in PASSAGES[lang]:
        expected = passage.format(**known)
        assert expected in text, f"not in the chapter, with the model's numbers:\n{expected}"


def test_each_cases_resources_are_its_portfolios_level_rounded():
    for case, states in CASES.items():
        level = PortfolioDemo("en", **states["portfolio"]).result.spring_resources
        shown = min(SPRING.param("resources").values, key=lambda v: abs(v - level))
        assert states["spring"]["resources"] == states["cycle"]["resources"] == shown, case


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chapter5_links_open_the_cases_states(lang):
    text = prose((ROOT / CHAPTER[lang]).read_text("utf-8")).replace("&amp;", "&")
    for case, states in CASES.items():
        assert PortfolioDemo(lang, **states["portfolio"]).link() in text, case
        assert CycleDemo(lang, **states["cycle"]).link() in text, case
        spring_link = SpringDemo(lang, **states["spring"]).link().rsplit("&spring.week=", 1)[0]
        assert spring_link in text, case


def test_chapter5_claims_hold_in_the_models():
    """What the tables say in words: who tips, who grows, which measure brings stress back."""

    def run(model, case, **changes):
        demo = {"spring": SpringDemo, "cycle": CycleDemo, "portfolio": PortfolioDemo}[model]
        return demo("en", **{**CASES[case][model], **changes}).result

    assert run("spring", "lotte").outcome == run("spring", "lotte", resources=4).outcome == "growth"
    assert run("cycle", "lotte", setback=20).still_high and not run("cycle", "lotte", setback=20, resources=4).tipped
    assert run("spring", "marco").outcome == "not_recovered" and run("spring", "marco").dented
    assert (run("cycle", "marco").outcome, run("cycle", "marco").cause) == ("tipped", "load")
    for measure in ({"lift": 1}, {"broken": 4}, {"lift": 1, "broken": 4}):
        assert run("cycle", "marco", **measure).still_high, measure  # "even together": the chapter's Marco
    assert run("cycle", "marco", resources=3).outcome == "steady"
    assert run("portfolio", "marco", care=2, network=2).coping == "support_and_tackle"
    assert run("spring", "lieke").outcome == "not_recovered" and run("spring", "lieke", setbacks=1).outcome != (
        "not_recovered"
    )  # "none of the periods on its own is big enough for a dent"
    assert run("portfolio", "lieke").outcome == "bounced_back"
    assert (run("cycle", "lieke").outcome, run("cycle", "lieke").cause) == ("tipped", "setback")
    assert run("cycle", "lieke", broken=3).outcome == "back_after_measure"
    assert not run("cycle", "lieke", resources=4).tipped
