"""What the chapters say about runs of the models in words (who tips, who bounces back, which lever
works, which resources weaken, which way of coping the demo names) holds in the models. The numbers
are glued from the models (tests/test_chapter_facts.py); these claims are not numbers, so each is an
assertion on the model whose message names the passage to update when a model change breaks it.
The states are the chapters' own (``veerkracht.chapter_facts.STATES``); the last tests hold the
chapters' demo links to those states."""

import html
import re
from pathlib import Path

import pytest
from markup import prose
from veerkracht.chapter_facts import CASES, STATES, params, result
from veerkracht.demos.cycle import CycleDemo
from veerkracht.demos.portfolio import PortfolioDemo, weakened
from veerkracht.demos.spring import SPEC as SPRING
from veerkracht.demos.spring import SpringDemo
from veerkracht.i18n import tr
from veerkracht.models.cycle import CycleParams, simulate, thresholds
from veerkracht.models.portfolio import INDIVIDUAL, RESOURCES
from veerkracht.models.spring import SpringParams
from veerkracht.models.spring import simulate as spring

ROOT = Path(__file__).resolve().parent.parent


def runs(chapter: str) -> dict:
    return {name: result(chapter, name) for name in STATES[chapter]}


def test_chapter1_claims_hold_in_the_spring_model():
    r = runs("01-resilience")
    outcomes = {name: r[name].outcome for name in ("small", "moderate", "challenge", "heavy")}
    assert outcomes == {
        "small": "maintained",
        "moderate": "bounced_back",
        "challenge": "growth",
        "heavy": "not_recovered",
    }, "chapter 1, task 1: the table's outcomes (maintained, bounced back, growth, not (yet) recovered)"
    assert r["heavy"].dented, "chapter 1, task 1: 'not (yet) recovered: a lasting dent' (past its elastic limit)"
    times = [r[f"resources{n}"].recovery_time for n in range(1, 6)]
    steps = [a - b for a, b in zip(times, times[1:], strict=False)]
    assert all(step > 0 for step in steps) and steps[0] == max(steps), (
        "chapter 1, task 2: 'the first step makes the most difference'"
    )
    lows = [r[f"resources{n}"].lowest for n in range(1, 6)]
    assert lows == sorted(lows) and lows[-1] - lows[0] < times[0] - times[-1], (
        "chapter 1, task 2: 'The dip gets shallower, but less strongly than recovery gets shorter'"
    )
    assert r["load3"].dented and r["load3"].outcome == "not_recovered", (
        "chapter 1, task 3: 'At load 3 the spring goes past its limit: a small dent remains ... not (yet) recovered'"
    )
    assert not r["load1"].dented and not r["load2"].dented, "chapter 1, task 3: a dent only from load 3"
    assert r["small_load3"].outcome == "maintained" and r["small_load3"].params.chronic_load > 0, (
        "chapter 1, task 3: Small setback at load 3 is 'maintained under the load'"
    )
    assert SpringDemo("en", resources=1, chronic_load=2).result.dented_at_start, (
        "chapter 1, task 3: with resources 1 and load 2 'the load alone already pushes the spring past its limit'"
    )
    quick = SPRING.presets["quick_succession"]
    by_gap = {gap: spring(SpringParams(**{**quick, "interval": gap})) for gap in (2, 4, 8, 12)}
    assert by_gap[2].outcome == "not_recovered" and by_gap[2].dented, (
        "chapter 1, task 4 (and chapter 3): 2 weeks apart 'the spring goes past its elastic limit: a lasting dent'"
    )
    lows = [by_gap[gap].lowest for gap in (2, 4, 8, 12)]
    assert lows == sorted(lows), "chapter 1, task 4 and chapter 3: 'the more time in between, the shallower the dip'"


# How chapter 2 names a way of coping: a shortening of the demo's own label.
COPING_WORDS = {
    "nl": {
        "ruminate": "piekeren",
        "support": "steun zoeken bij anderen",
        "tackle": "het probleem aanpakken waar dat kan",
        "support_and_tackle": "steun zoeken en het probleem aanpakken",
    },
    "en": {
        "ruminate": "rumination",
        "support": "seeking support from others",
        "tackle": "tackling the problem where possible",
        "support_and_tackle": "seeking support and tackling the problem",
    },
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_chapters_words_for_a_way_of_coping_begin_the_demos_label(lang):
    for coping, words in COPING_WORDS[lang].items():
        assert tr(lang, f"portfolio.coping.{coping}").lower().startswith(words), coping


def test_chapter2_claims_hold_in_the_portfolio_model():
    r = runs("02-resources")
    weeks = {name: run.recovery_time for name, run in r.items()}
    outcome = {name: run.outcome for name, run in r.items()}
    coping = {name: run.coping for name, run in r.items()}
    # Yara: "just past the elastic limit", a dent too small to show at the resting point's rounding, and
    # the demo still calls it bounced back.
    yara = r["yara"].run
    at = yara.wellbeing.index(min(yara.wellbeing))
    assert 0 < yara.limit[at] - yara.wellbeing[at] < 1 and yara.dented, "chapter 2, Yara: just past her limit"
    assert round(yara.rest_start) == round(yara.rest_end) and outcome["yara"] == "bounced_back", (
        "chapter 2, example Yara: 'after the setback she is back'"
    )
    assert set(weakened(r["yara"])) == {"control", "network", "care"}, (
        "chapter 2, example Yara: 'her sense of control, her safety net and her access to help and care are weaker'"
    )
    assert coping["yara"] == "support", "chapter 2, example Yara: 'by the demo's rule, seeking support from others'"
    # Task 1: the mix recovers fastest, four in the person slowest; all three bounce back; the table's coping.
    assert weeks["mix4"] < weeks["environment4"] < weeks["person4"], "chapter 2, task 1: 'The mix does best'"
    assert {outcome[n] for n in ("person4", "environment4", "mix4")} == {"bounced_back"}, "chapter 2, task 1"
    table = {"empty": "ruminate", "person4": "tackle", "environment4": "support", "mix4": "support_and_tackle"}
    assert {name: coping[name] for name in table} == table, "chapter 2, task 1: the table's column 'Coping'"
    # Task 2: under the chronic load Sam is past the elastic limit with and without the safety net, and
    # the lasting dent is deeper without it; without the load both bounce back.
    for name in ("sam", "sam_no_net"):
        assert outcome[name] == "not_recovered" and r[name].run.dented, (
            "chapter 2, task 2: 'after 52 weeks Sam has not (yet) recovered'"
        )
    dent = {n: r[n].run.rest_start - r[n].run.wellbeing[-1] for n in ("sam", "sam_no_net")}
    assert dent["sam_no_net"] > 3 * dent["sam"], "chapter 2, task 2: 'The dent is then much deeper'"
    past = {}  # how far the lowest point lies past the elastic limit at that moment
    for name in ("sam", "sam_no_net"):
        out = r[name].run
        at = out.wellbeing.index(min(out.wellbeing))
        past[name] = out.limit[at] - out.wellbeing[at]
    assert 0 < past["sam"] < 5 and past["sam_no_net"] > 10, "chapter 2, task 2: 'just past its limit'"
    room = {n: r[n].run.rest_start - r[n].run.limit[0] for n in ("sam", "sam_no_load")}
    assert room["sam"] < room["sam_no_load"], (
        "chapter 2, task 2: 'under a chronic load ... the spring then already stands closer to its limit'"
    )
    assert set(weakened(r["sam_no_net"])) == {"confidence", "self_image", "emotions", "neighbourhood", "care"}, (
        "chapter 2, task 2: 'red dotted lines run to five resources: self-confidence, self-image, emotions,"
        " neighbourhood and help and care become weaker'"
    )
    assert coping["sam_no_net"] == "tackle", "chapter 2, task 2: 'the coping becomes tackling the problem'"
    assert outcome["sam_no_load"] == outcome["sam_no_net_no_load"] == "bounced_back", (
        "chapter 2, task 2: 'Without a chronic load Sam bounces back in both cases'"
    )
    assert not r["sam_no_load"].run.dented and not r["sam_no_net_no_load"].run.dented, "chapter 2, task 2"
    # Task 3: using a resource changes nothing in the portfolio's support (no new dotted lines).
    assert weakened(r["daan"]) == weakened(r["daan_emotions_unused"]) == weakened(r["daan_both"]), (
        "chapter 2, task 3: 'no dotted lines are added: a resource that is not used still supports the others'"
    )
    table = {
        "daan": "tackle",
        "daan_emotions_unused": "ruminate",
        "daan_net_not_emotions": "support",
        "daan_both": "support_and_tackle",
    }
    assert {name: coping[name] for name in table} == table, "chapter 2, task 3: the table's column 'Coping'"
    # Task 4: each change makes Sam bounce back; no chronic load helps most, ahead of (b).
    assert {outcome[n] for n in ("sam_care", "sam_income", "sam_no_load")} == {"bounced_back"}, (
        "chapter 2, task 4: 'With each of the three Sam bounces back'"
    )
    assert round(weeks["sam_no_load"]) < round(weeks["sam_income"]) < round(weeks["sam_care"]), (
        "chapter 2, task 4: '(c) is fastest' (and the table's order)"
    )
    assert r["sam_no_load"].spring_resources == r["sam"].spring_resources, "chapter 2, task 4: (c) keeps Sam's 3.1"
    # Yonas: every resource in the person there and used; what is missing lies around him, and it weakens
    # what he has. He bounces back, without growth; a safety net shortens his recovery.
    yonas = r["yonas"]
    assert all(getattr(yonas.params, name) == 2 for name in INDIVIDUAL), (
        "chapter 2, task 5: 'Yonas has all five resources in the person, and uses them'"
    )
    assert {name for name in RESOURCES if getattr(yonas.params, name) == 0} == {"network", "income", "care"}, (
        "chapter 2, task 5: 'a social safety net, livelihood security and access to help and care' are missing"
    )
    assert set(weakened(yonas)) == {"confidence", "control", "self_image", "emotions", "neighbourhood"}, (
        "chapter 2, task 5: 'red dotted lines run to five resources: self-confidence, sense of control, self-image,"
        " emotions and neighbourhood become weaker'"
    )
    assert outcome["yonas"] == "bounced_back" and not yonas.run.grew, "chapter 2, task 5: he bounces back"
    assert weeks["yonas_net"] < weeks["yonas"], "chapter 2, task 5: 'With a safety net added'"


def test_chapter3_claims_hold_in_the_circle_model():
    r = runs("03-cycle")
    assert r["default"].outcome == "bounced_back", "chapter 3, the default setting: 'The demo calls this bounced back'"
    assert r["default"].tip_load > r["default"].params.chronic_load, "chapter 3: 'The load of 2 stays below it'"
    assert r["weak"].tip_load is None and r["weak"].outcome == "bounced_back", "chapter 3, task 1: the weak circle"
    assert (r["strong20"].outcome, r["strong20"].cause) == ("tipped", "setback"), (
        "chapter 3, task 1: 'With strength 30 the same setback pushes stress over the tipping line'"
    )
    assert (r["by_setback"].outcome, r["by_setback"].cause) == ("tipped", "setback"), "chapter 3, task 4"
    assert (r["by_load"].outcome, r["by_load"].cause) == ("tipped", "load"), "chapter 3, task 4: tipped by the load"
    assert r["by_load"].before.calm is None, "chapter 3, task 4: 'there is no green line and no tipping line'"
    assert simulate(CycleParams(chronic_load=4, setback=0)).outcome == "steady", (
        "chapter 3: 'up to and including load 4'"
    )
    assert simulate(CycleParams(chronic_load=6, setback=0)).cause == "load", "chapter 3: the largest load tips"
    assert simulate(CycleParams(resources=2, setback=0)).cause == "load", (
        "chapter 3, task 2: 'a load of 2 is already too much'"
    )
    assert r["res5"].tip_load > max(CycleDemo.spec.param("chronic_load").values), (
        "chapter 3, task 2: 'with 5 at ..., above the largest load the demo allows'"
    )
    assert thresholds(0.15, 30)[0] < 0, "chapter 3: resources 1 tip 'even without a chronic load'"
    slow = [r[f"slow{load}"].recovery_time for load in range(4)]
    assert slow == sorted(slow) and slow[3] - slow[2] > slow[1] - slow[0], (
        "chapter 3, task 3: 'At first little changes, then a lot just before the tipping point'"
    )
    assert r["slow4"].outcome == "recovering", "chapter 3, task 3: 'At load 4 it says not before week 26'"
    assert r["lifted"].still_high and r["loop20_stays"].still_high and not r["loop20_lifted"].still_high, (
        "chapter 3, task 5: lifting the load brings calm back with the weaker circle only"
    )
    assert not r["broken"].still_high, "chapter 3, task 5: 'Link broken ... calm returns'"
    assert {simulate(CycleParams(setback=20, broken=link)).stress_end for link in (1, 2, 3, 4)} == {
        r["broken"].stress_end
    }, "chapter 3, task 5: 'which link makes no difference in the model'"
    assert r["by_load_lift"].still_high and r["by_load_break"].still_high and not r["by_load_both"].still_high, (
        "chapter 3, task 5: after Tipped by the load 'one measure is not enough'"
    )


def test_chapter4_claims_hold_in_the_positions_model():
    r = runs("04-positions")
    assert (r["default"].outcome_a, r["default"].outcome_b) == ("bounced_back", "tipped"), (
        "chapter 4, the default setting: A bounces back, 'Tipped by the setback' for B"
    )
    assert r["default"].people["b"].verdict.cause == "setback", "chapter 4: B tips by the shock, not by the load"
    for name in ("small", "no_load"):
        assert r[name].outcome_b == "bounced_back" and r[name].recovery_b > r[name].recovery_a, (
            f"chapter 4, task 1 ({name}): 'In neither does B tip, but B keeps taking longer'"
        )
    for name in ("lift", "link", "lift3"):
        assert r[name].people["b"].verdict.still_high, f"chapter 4, task 2 ({name}): 'stays high'"
    for name in ("more", "all", "more3"):
        assert r[name].outcome_b == "back_after_measure", f"chapter 4, task 2 ({name}): 'back', 'also at a load of 3'"
    assert {round(r[n].end_a) for n in ("more", "link", "all")} == {round(r["default"].end_a)}, (
        "chapter 4, task 2: 'Nothing changes for A'"
    )
    assert r["more"].people["b"].resources_after == pytest.approx(r["b_portfolio_more"].spring_resources), (
        "chapter 4, task 3: 'that is the number the lever more resources uses'"
    )
    assert set(weakened(r["b_portfolio"])) == {"confidence", "emotions", "neighbourhood", "income"}, (
        "chapter 4, task 3: 'self-confidence, emotions, neighbourhood and livelihood security become weaker'"
    )


def test_chapter5_claims_hold_in_the_models():
    """What the cases' tables and text say in words: who tips, who grows, which measure brings stress back."""
    r = runs("05-cases")
    assert r["lotte_spring"].outcome == r["lotte_spring_r4"].outcome == "growth", "chapter 5, Lotte: 'growth'"
    assert r["lotte_portfolio"].outcome == "growth", "chapter 5, Lotte: 'In the spring and the portfolio ... growth'"
    assert r["lotte_portfolio"].coping == "support_and_tackle", "chapter 5, Lotte's portfolio: the coping"
    assert r["lotte_circle"].outcome == "bounced_back", "chapter 5, Lotte's circle: 'bounced back'"
    lotte = CASES["lotte"]["cycle"]
    assert simulate(CycleParams(**{**lotte, "setback": 20})).still_high, (
        "chapter 5, Lotte: 'stress only tips with the largest setback (20)'"
    )
    assert not simulate(CycleParams(**{**lotte, "setback": 20, "resources": 4})).tipped, (
        "chapter 5, Lotte: 'back even with the largest setback (20)' with the study adviser"
    )
    assert r["marco_spring"].outcome == "not_recovered" and r["marco_spring"].dented, "chapter 5, Marco: a lasting dent"
    assert r["marco_portfolio"].coping == "tackle", "chapter 5, Marco's portfolio: 'tackling the problem'"
    assert "control" in weakened(r["marco_portfolio"]), (
        "chapter 5, Marco: 'His sense of control is there, but gets weaker because livelihood security is missing'"
    )
    assert r["marco_portfolio_net"].coping == "support_and_tackle", "chapter 5, Marco: 'with a buddy as well'"
    assert (r["marco_circle"].outcome, r["marco_circle"].cause) == ("tipped", "load"), "chapter 5: 'tipped by the load'"
    for name in ("marco_circle_lift", "marco_circle_link", "marco_circle_both"):
        assert r[name].still_high, f"chapter 5, Marco ({name}): 'even together, do not bring calm back'"
    assert r["marco_circle_r3"].outcome == "steady", "chapter 5, Marco: 'with resources 3 from the start: no tip'"
    assert r["marco_circle"].tip_load < r["lotte_circle"].tip_load / 2, (
        "chapter 5: 'the tipping point at resources 2 (Marco) lies far lower than at 3 (Lotte and Lieke)'"
    )
    lieke_alone = SpringDemo("en", **{**params(STATES["05-cases"]["lieke_spring"]), "setbacks": 1}).result
    assert r["lieke_spring"].outcome == "not_recovered" and lieke_alone.outcome != "not_recovered", (
        "chapter 5, Lieke: 'None of the periods is big enough on its own for a dent; together they are'"
    )
    assert r["lieke_portfolio"].outcome == "bounced_back", "chapter 5, Lieke: 'In the portfolio Lieke bounces back'"
    assert len(weakened(r["lieke_portfolio_no_net"])) == 6, (
        "chapter 5, Lieke: 'without a safety net: six resources weaker'"
    )
    assert (r["lieke_circle"].outcome, r["lieke_circle"].cause) == ("tipped", "setback"), "chapter 5, Lieke's circle"
    assert r["lieke_circle_link"].outcome == "back_after_measure", "chapter 5, Lieke: 'withdrawal link broken ... back'"
    assert not r["lieke_circle_r4"].tipped, "chapter 5, Lieke: 'no tip' with mentor and aunt"


def test_each_cases_resources_are_its_portfolios_level_rounded():
    for case, states in CASES.items():
        level = PortfolioDemo("en", **states["portfolio"]).result.spring_resources
        shown = min(SPRING.param("resources").values, key=lambda v: abs(v - level))
        assert states["spring"]["resources"] == states["cycle"]["resources"] == shown, case


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chapter2_links_open_the_state_the_text_describes(lang):
    """Each demo link in chapter 2 is the query string of the state its task describes."""
    chapter = prose((ROOT / "chapters" / lang / "02-resources.md").read_text("utf-8"))
    links = {html.unescape(href) for href in re.findall(r'href="(\?portfolio\.[^"#]*)', chapter)}
    assert links == {PortfolioDemo(lang, **params(STATES["02-resources"]["sam_no_net"])).link()}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chapter5_links_open_the_cases_states(lang):
    text = prose((ROOT / "chapters" / lang / "05-cases.md").read_text("utf-8")).replace("&amp;", "&")
    for case, states in CASES.items():
        assert PortfolioDemo(lang, **states["portfolio"]).link() in text, case
        assert CycleDemo(lang, **states["cycle"]).link() in text, case
        spring_link = SpringDemo(lang, **states["spring"]).link().rsplit("&spring.week=", 1)[0]
        assert spring_link in text, case
