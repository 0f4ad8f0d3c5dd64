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
        "portfolio": portfolio(control=0, network=1, income=0, care=0, chronic_load=2, severity=6),
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
        "ls2": spring(lang, "lotte", resources=2),
        "lp": folio(lang, "lotte"),
        "lp_care": folio(lang, "lotte", care=2),
        "lc": circle(lang, "lotte"),
        "lc20": circle(lang, "lotte", setback=20),
        "lc20r4": circle(lang, "lotte", setback=20, resources=4),
        "ms": spring(lang, "marco"),
        "ms0": spring(lang, "marco", chronic_load=0),
        "ms3": spring(lang, "marco", resources=3),
        "mp": folio(lang, "marco"),
        "mp_care": folio(lang, "marco", care=2),
        "mp_net": folio(lang, "marco", care=2, network=2),
        "mc": circle(lang, "marco"),
        "mc_lift": circle(lang, "marco", lift=1),
        "mc_link": circle(lang, "marco", broken=4),
        "mc_both": circle(lang, "marco", lift=1, broken=4),
        "mc_r3": circle(lang, "marco", resources=3),
        "mc_r3_both": circle(lang, "marco", resources=3, lift=1, broken=4),
        "ks": spring(lang, "lieke"),
        "ks4": spring(lang, "lieke", interval=4),
        "ks_r4": spring(lang, "lieke", resources=4),
        "ks0": spring(lang, "lieke", chronic_load=0),
        "ks1": spring(lang, "lieke", setbacks=1),
        "kp": folio(lang, "lieke"),
        "kp_net": folio(lang, "lieke", network=2),
        "kp_nonet": folio(lang, "lieke", network=0),
        "kc": circle(lang, "lieke"),
        "kc_link": circle(lang, "lieke", broken=3),
        "kc_r4": circle(lang, "lieke", resources=4),
        "kc10": circle(lang, "lieke", setback=10),
    }


PASSAGES = {
    "nl": [
        "Het welbevinden zakt van 80 tot {ls[low]}. Na {ls[weeks]} weken is het terug, en de ruststand eindigt op "
        "{ls[rest_end]}",
        "Met **Hulpbronnen** 4 zakt het welbevinden minder diep, tot {ls4[low]}, en is het na {ls4[weeks]} weken terug",
        "Met **Hulpbronnen** 2 zakt het welbevinden dieper, tot {ls2[low]}, en duurt het herstel {ls2[weeks]} weken.",
        "Het portfolio telt als {lp[level]} van de 5.",
        "Het welbevinden zakt tot {lp[low]}, is na {lp[weeks]} weken terug",
        "dan wordt het {lp_care[level]} van de 5: het welbevinden zakt maar tot {lp_care[low]} en is na "
        "{lp_care[weeks]} weken terug.",
        "De tegenslag duwt de stress op tot {lc[peak]}. Na {lc[weeks]} weken is hij terug op {lc[end]}",
        "de tegenslag duwt de stress over de kantelgrens ({lc20[ridge]}), de cirkel neemt het over en de stress loopt "
        "op naar {lc20[end]}",
        "de stress komt tot {lc20r4[peak]} en is na {lc20r4[weeks]} weken terug op {lc20r4[end]}. Het **Kantelpunt** "
        "ligt dan bij {lc20r4[tip]}",
        "ligt de ruststand op {ms[rest]} in plaats van 80",
        "De tegenslag drukt het welbevinden tot {ms[low]}, voorbij de elasticiteitsgrens. Er blijft een blijvende "
        "deuk: de ruststand eindigt op {ms[rest_end]}.",
        "het welbevinden zakt tot {ms0[low]} en is na {ms0[weeks]} weken terug op 80.",
        "ligt de ruststand op {ms3[rest]}, zakt het welbevinden tot {ms3[low]} en is het na {ms3[weeks]} weken terug.",
        "Marco's portfolio telt als {mp[level]} van de 5.",
        "Het welbevinden zakt tot {mp[low]} en is na 52 weken nog niet terug",
        "Met schuldhulp wordt het {mp_care[level]} van de 5: het welbevinden zakt tot {mp_care[low]} en is na "
        "{mp_care[weeks]} weken terug",
        "dan wordt het {mp_net[level]} van de 5, met een dip tot {mp_net[low]} en herstel na {mp_net[weeks]} weken",
        "Het **Kantelpunt** ligt bij een chronische belasting van {mc[tip]}",
        "de stress loopt vanzelf op naar {mc[end]} (**Stress in week 52**: {mc[end]}).",
        "dan blijft de stress op {mc_lift[end]}: hysterese",
        "Alleen de schakel geldzorgen doorbreken geeft {mc_link[end]}:",
        "de stress blijft op {mc_both[end]} in week 52.",
        "Hij komt tot rust op {mc_r3[end]}, want het kantelpunt ligt dan bij {mc_r3[tip]}.",
        "Met **Hulpbronnen** 3 en beide maatregelen eindigt de stress op {mc_r3_both[end]}.",
        "Met de chronische belasting ligt de ruststand op {ks[rest]}.",
        "het welbevinden zakt tot {ks[low]}. De veer gaat voorbij haar elasticiteitsgrens: de ruststand eindigt op "
        "{ks[rest_end]}",
        "(a) Met 4 weken ertussen zakt het welbevinden tot {ks4[low]} en veert het terug, al duurt dat {ks4[weeks]} "
        "weken.",
        "(b) Met **Hulpbronnen** 4 zakt het welbevinden tot {ks_r4[low]} en is het na {ks_r4[weeks]} weken terug",
        "(c) Zonder chronische belasting zakt het tot {ks0[low]} en is het na {ks0[weeks]} weken terug op 80.",
        "met **Aantal tegenslagen** 1 zakt het welbevinden tot {ks1[low]} en is het na {ks1[weeks]} weken terug.",
        "Liekes portfolio telt als {kp[level]} van de 5.",
        "Het welbevinden zakt tot {kp[low]} en is na {kp[weeks]} weken terug",
        "dan wordt het {kp_net[level]} van de 5: een dip tot {kp_net[low]}, herstel na {kp_net[weeks]} weken",
        "dan wordt het {kp_nonet[level]} van de 5, met een dip tot {kp_nonet[low]} en herstel na {kp_nonet[weeks]} "
        "weken.",
        "zonder tegenslag was de stress op {kc[calm]} gebleven. Maar de grote tegenslag duwt de stress over de "
        "kantelgrens ({kc[ridge]}), de cirkel neemt het over en de stress loopt op naar {kc[end]}",
        "daalt de stress weer, tot {kc_link[end]} in week 52",
        "hij komt op tot {kc_r4[peak]} en is na {kc_r4[weeks]} weken terug op {kc_r4[end]}.",
        "Eén kleinere tegenslag van 10 duwt de stress op tot {kc10[peak]}; na {kc10[weeks]} weken is hij terug op "
        "{kc10[end]}.",
    ],
    "en": [
        "Wellbeing falls from 80 to {ls[low]}. After {ls[weeks]} weeks it is back, and the resting point ends at "
        "{ls[rest_end]}",
        "With **Resources** 4 wellbeing falls less far, to {ls4[low]}, and is back after {ls4[weeks]} weeks",
        "With **Resources** 2 wellbeing falls further, to {ls2[low]}, and recovery takes {ls2[weeks]} weeks.",
        "The portfolio counts as {lp[level]} of 5.",
        "Wellbeing falls to {lp[low]}, is back after {lp[weeks]} weeks",
        "it becomes {lp_care[level]} of 5: wellbeing only falls to {lp_care[low]} and is back after {lp_care[weeks]} "
        "weeks.",
        "The setback pushes stress up to {lc[peak]}. After {lc[weeks]} weeks it is back at {lc[end]}",
        "the setback pushes stress over the tipping line ({lc20[ridge]}), the circle takes over and stress climbs to "
        "{lc20[end]}",
        "stress rises to {lc20r4[peak]} and is back at {lc20r4[end]} after {lc20r4[weeks]} weeks. The **Tipping "
        "point** then lies at {lc20r4[tip]}",
        "the resting point is {ms[rest]} instead of 80",
        "The setback pushes wellbeing down to {ms[low]}, past the elastic limit. A lasting dent remains: the resting "
        "point ends at {ms[rest_end]}.",
        "wellbeing falls to {ms0[low]} and is back at 80 after {ms0[weeks]} weeks.",
        "the resting point is {ms3[rest]}, wellbeing falls to {ms3[low]} and is back after {ms3[weeks]} weeks.",
        "Marco's portfolio counts as {mp[level]} of 5.",
        "Wellbeing falls to {mp[low]} and after 52 weeks is not yet back",
        "With debt counselling it becomes {mp_care[level]} of 5: wellbeing falls to {mp_care[low]} and is back at",
        "it becomes {mp_net[level]} of 5, with a dip to {mp_net[low]} and recovery after {mp_net[weeks]} weeks",
        "The **Tipping point** lies at a chronic load of {mc[tip]}",
        "stress climbs to {mc[end]} by itself (**Stress in week 52**: {mc[end]}).",
        "stress stays at {mc_lift[end]}: hysteresis",
        "Breaking only the money trouble link gives {mc_link[end]}:",
        "stress stays at {mc_both[end]} in week 52.",
        "It settles at {mc_r3[end]}, because the tipping point then lies at {mc_r3[tip]}.",
        "With **Resources** 3 and both measures, stress ends at {mc_r3_both[end]}.",
        "With the chronic load the resting point is {ks[rest]}.",
        "wellbeing falls to {ks[low]}. The spring goes past its elastic limit: the resting point ends at "
        "{ks[rest_end]}",
        "(a) With 4 weeks between them wellbeing falls to {ks4[low]} and bounces back, though that takes {ks4[weeks]} "
        "weeks.",
        "(b) With **Resources** 4 wellbeing falls to {ks_r4[low]} and is back at",
        "(c) Without chronic load it falls to {ks0[low]} and is back at 80 after {ks0[weeks]} weeks.",
        "with **Number of setbacks** 1 wellbeing falls to {ks1[low]} and is back after {ks1[weeks]} weeks.",
        "Lieke's portfolio counts as {kp[level]} of 5.",
        "Wellbeing falls to {kp[low]} and is back at",
        "it becomes {kp_net[level]} of 5: a dip to {kp_net[low]}, recovery after {kp_net[weeks]} weeks",
        "it becomes {kp_nonet[level]} of 5, with a dip to {kp_nonet[low]} and recovery after {kp_nonet[weeks]} weeks.",
        "without the setback stress would have stayed at {kc[calm]}. But the large setback pushes stress over the "
        "tipping line ({kc[ridge]}), the circle takes over and stress climbs to {kc[end]}",
        "stress falls again, to {kc_link[end]} in week 52",
        "it rises to {kc_r4[peak]} and is back at {kc_r4[end]} after {kc_r4[weeks]} weeks.",
        "One smaller setback of 10 pushes stress up to {kc10[peak]}; after {kc10[weeks]} weeks it",
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
