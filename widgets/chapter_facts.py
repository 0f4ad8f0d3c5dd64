"""Every number a chapter states about a run of the course's models, computed from the models, so a
chapter's text can never drift from the code.

A chapter names each number with a ``{glue:md}`name``` role; a hidden code cell under its title
glues that chapter's numbers (:func:`glue_facts`), and the notebooks made from it outside the book
(downloads, the live app) get them as text (``tools/plain_markdown.py``). Both editions use the same
names. Each number belongs to a *state*: a demo with a preset pressed (or a case's settings) and
then some controls changed, as the chapter's tasks tell a reader to; :func:`result` runs one. What
the chapters say about runs in words (who tips, which lever works) is held to the models by
``tests/test_chapter_claims.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from veerkracht.i18n import check_language, number, plural
from veerkracht.model_notes import demo_spec, glue_texts, listed
from veerkracht.models.cycle import SETBACK_WEEK
from veerkracht.models.portfolio import RESOURCES

# A state: (demo, preset name or the settings it starts from, controls changed after that).
State = tuple[str, str | dict[str, float], dict[str, float]]


def _portfolio(**states: int) -> dict[str, int]:
    """A portfolio with every resource present and used, but for ``states`` (and its circumstances)."""
    return {**dict.fromkeys(RESOURCES, 2), **states}


# Chapter 5's three cases as the chapter sets them in each demo (its "What you set" tables).
CASES: dict[str, dict[str, dict[str, float]]] = {
    "lotte": {
        "portfolio": _portfolio(neighbourhood=0, care=1, chronic_load=0, severity=10),
        "spring": {"resources": 3, "severity": 10, "duration": 3, "chronic_load": 0, "setbacks": 1, "interval": 8},
        "cycle": {"chronic_load": 0, "resources": 3, "loop": 30, "setback": 10, "lift": 0, "broken": 0},
    },
    "marco": {
        "portfolio": _portfolio(network=0, income=0, care=0, chronic_load=2, severity=6),
        "spring": {"resources": 2, "severity": 6, "duration": 3, "chronic_load": 2, "setbacks": 1, "interval": 8},
        "cycle": {"chronic_load": 3, "resources": 2, "loop": 30, "setback": 0, "lift": 0, "broken": 0},
    },
    "lieke": {
        "portfolio": _portfolio(boundaries=1, network=1, care=1, chronic_load=1, severity=6),
        "spring": {"resources": 3, "severity": 6, "duration": 3, "chronic_load": 1, "setbacks": 3, "interval": 2},
        "cycle": {"chronic_load": 1, "resources": 3, "loop": 30, "setback": 20, "lift": 0, "broken": 0},
    },
}

# B's portfolio as chapter 4's link opens it in chapter 2: the three resources the dossier names
# missing (network, self-image, access to help and care), livelihood security present.
B_PORTFOLIO = _portfolio(self_image=0, network=0, care=0, chronic_load=0, severity=6)


def _case(case: str, demo: str, **changes: float) -> State:
    return demo, CASES[case][demo], changes


STATES: dict[str, dict[str, State]] = {
    "01-resilience": {
        "small": ("spring", "small", {}),
        "moderate": ("spring", "moderate", {}),
        "challenge": ("spring", "challenge", {}),
        "heavy": ("spring", "heavy", {}),
        **{f"resources{r}": ("spring", "moderate", {"resources": r}) for r in (1, 2, 3, 4, 5)},
        **{f"load{c}": ("spring", "moderate", {"chronic_load": c}) for c in (1, 2, 3)},
        "small_load3": ("spring", "small", {"chronic_load": 3}),
    },
    "02-resources": {
        "yara": ("portfolio", "yara", {}),
        "empty": ("portfolio", "own", {}),
        "person4": ("portfolio", "own", {"confidence": 2, "self_image": 2, "boundaries": 2, "emotions": 2}),
        "environment4": ("portfolio", "own", {"network": 2, "neighbourhood": 2, "income": 2, "care": 2}),
        "mix4": ("portfolio", "own", {"boundaries": 2, "emotions": 2, "network": 2, "care": 2}),
        "sam": ("portfolio", "sam", {}),
        "sam_no_net": ("portfolio", "sam", {"network": 0}),
        "sam_no_load": ("portfolio", "sam", {"chronic_load": 0}),
        "sam_no_net_no_load": ("portfolio", "sam", {"network": 0, "chronic_load": 0}),
        "sam_care": ("portfolio", "sam", {"care": 2}),
        "sam_income": ("portfolio", "sam", {"income": 2}),
        "daan": ("portfolio", "daan", {}),
        "daan_emotions_unused": ("portfolio", "daan", {"emotions": 1}),
        "daan_net_not_emotions": ("portfolio", "daan", {"emotions": 1, "network": 2}),
        "daan_both": ("portfolio", "daan", {"network": 2}),
        "yonas": ("portfolio", "yonas", {}),
        "yonas_net": ("portfolio", "yonas", {"network": 2}),
    },
    "03-cycle": {
        "default": ("cycle", "small_setback", {}),
        "weak": ("cycle", "weak_loop", {}),
        "strong20": ("cycle", "small_setback", {"setback": 20}),
        "res2": ("cycle", "small_setback", {"resources": 2, "setback": 0}),
        "res4": ("cycle", "small_setback", {"resources": 4, "setback": 0}),
        "res5": ("cycle", "small_setback", {"resources": 5, "setback": 0}),
        **{f"slow{c}": ("cycle", "near_tip", {"chronic_load": c}) for c in (0, 1, 2, 3)},
        "slow4": ("cycle", "near_tip", {}),
        "by_setback": ("cycle", "tip_by_setback", {}),
        "by_load": ("cycle", "tip_by_load", {}),
        "lifted": ("cycle", "lift_load", {}),
        "loop20_stays": ("cycle", "lift_load_works", {"lift": 0}),
        "loop20_lifted": ("cycle", "lift_load_works", {}),
        "broken": ("cycle", "break_link", {}),
        "by_load_lift": ("cycle", "tip_by_load", {"lift": 1}),
        "by_load_break": ("cycle", "tip_by_load", {"broken": 4}),
        "by_load_both": ("cycle", "tip_by_load", {"lift": 1, "broken": 4}),
    },
    "04-positions": {
        "default": ("positions", "same_setback", {}),
        "small": ("positions", "same_setback", {"setback": 5}),
        "no_load": ("positions", "no_load", {}),
        "lift": ("positions", "lift_load", {}),
        "more": ("positions", "more_resources", {}),
        "link": ("positions", "break_link", {}),
        "all": ("positions", "all", {}),
        "lift3": ("positions", "lift_load", {"load": 3}),
        "more3": ("positions", "more_resources", {"load": 3}),
        "b_portfolio": ("portfolio", B_PORTFOLIO, {}),
        "b_portfolio_more": ("portfolio", B_PORTFOLIO, {"network": 2, "care": 2}),
    },
    "05-cases": {
        "lotte_portfolio": _case("lotte", "portfolio"),
        "lotte_portfolio_care": _case("lotte", "portfolio", care=2),
        "lotte_spring": _case("lotte", "spring"),
        "lotte_spring_r4": _case("lotte", "spring", resources=4),
        "lotte_circle": _case("lotte", "cycle"),
        "marco_portfolio": _case("marco", "portfolio"),
        "marco_portfolio_care": _case("marco", "portfolio", care=2),
        "marco_portfolio_net": _case("marco", "portfolio", care=2, network=2),
        "marco_spring": _case("marco", "spring"),
        "marco_spring_no_load": _case("marco", "spring", chronic_load=0),
        "marco_circle": _case("marco", "cycle"),
        "marco_circle_lift": _case("marco", "cycle", lift=1),
        "marco_circle_link": _case("marco", "cycle", broken=4),
        "marco_circle_both": _case("marco", "cycle", lift=1, broken=4),
        "marco_circle_r3": _case("marco", "cycle", resources=3),
        "lieke_portfolio": _case("lieke", "portfolio"),
        "lieke_portfolio_net": _case("lieke", "portfolio", network=2),
        "lieke_portfolio_no_net": _case("lieke", "portfolio", network=0),
        "lieke_spring": _case("lieke", "spring"),
        "lieke_spring_r4": _case("lieke", "spring", resources=4),
        "lieke_spring_gap4": _case("lieke", "spring", interval=4),
        "lieke_circle": _case("lieke", "cycle"),
        "lieke_circle_r4": _case("lieke", "cycle", resources=4),
        "lieke_circle_link": _case("lieke", "cycle", broken=3),
    },
}


def params(state: State) -> dict[str, float]:
    """The demo's settings in ``state``: its defaults, the preset (or start) and the changes."""
    demo, start, changes = state
    spec = demo_spec(demo)
    return {**spec.defaults, **(spec.presets[start] if isinstance(start, str) else start), **changes}


def result(chapter: str, name: str, lang: str = "en") -> Any:
    """The model's result for the state ``name`` of ``chapter`` (``"03-cycle"``), as its demo runs it."""
    state = STATES[chapter][name]
    return demo_spec(state[0]).run(params(state), check_language(lang))


def whole(value: float, lang: str) -> str:
    """A level of wellbeing or stress as the chapters write it: a whole number."""
    return number(value, 0, lang)


def tenth(value: float, lang: str) -> str:
    """A portfolio's resources or a load as the chapters write them: one decimal."""
    return number(value, 1, lang)


def peak(run: Any, lang: str) -> str:
    """The highest stress of a circle's run from the setback on."""
    return whole(max(s for t, s in zip(run.times, run.stress, strict=True) if t >= SETBACK_WEEK), lang)


def weeks(value: float, lang: str) -> str:
    """A recovery time with its unit, in whole weeks: "1 week", "12 weken"."""
    return plural(lang, "kit.unit.weeks", round(value))


def _chapter1(lang: str, run: Callable[[str], Any]) -> dict[str, str]:
    def rest_end(name: str) -> str:
        return whole(run(name).rest_end, lang)

    def lowest(name: str) -> str:
        return whole(run(name).lowest, lang)

    loads = [run(f"load{c}") for c in (1, 2, 3)]
    return {
        "small_lowest": lowest("small"),
        "small_rest_end": rest_end("small"),
        "moderate_weeks": weeks(run("moderate").recovery_time, lang),
        "moderate_lowest": lowest("moderate"),
        "moderate_rest_end": rest_end("moderate"),
        "challenge_weeks": weeks(run("challenge").recovery_time, lang),
        "challenge_lowest": lowest("challenge"),
        "challenge_rest_end": rest_end("challenge"),
        "heavy_lowest": lowest("heavy"),
        "heavy_rest_end": rest_end("heavy"),
        "recovery_by_resources": listed([whole(run(f"resources{r}").recovery_time, lang) for r in range(1, 6)], lang),
        "rest_by_load": listed([whole(r.rest_start, lang) for r in loads], lang),
        "lowest_by_load": listed([whole(r.lowest, lang) for r in loads], lang),
        "small_load3_below_unloaded": whole(run("small").rest_start - run("small_load3").rest_start, lang),
    }


def _chapter2(lang: str, run: Callable[[str], Any]) -> dict[str, str]:
    def level(name: str) -> str:
        return tenth(run(name).spring_resources, lang)

    def recovery(name: str) -> str:
        return weeks(run(name).recovery_time, lang)

    def rest(name: str) -> str:
        return whole(run(name).run.rest_start, lang)

    def lowest(name: str) -> str:
        return whole(run(name).run.lowest, lang)

    out = {"yara_load": whole(run("yara").params.chronic_load, lang), "yara_rest": rest("yara")}
    personas = ("yara", "daan", "daan_emotions_unused", "daan_net_not_emotions", "daan_both", "yonas", "yonas_net")
    for name in ("empty", "person4", "environment4", "mix4", *personas):
        out |= {f"{name}_level": level(name), f"{name}_weeks": recovery(name)}
    out |= {"sam_level": level("sam"), "sam_no_net_level": level("sam_no_net")}
    out |= {"sam_no_load_weeks": recovery("sam_no_load"), "sam_no_net_no_load_weeks": recovery("sam_no_net_no_load")}
    out |= {"sam_rest": rest("sam"), "sam_lowest": lowest("sam")}
    for name in ("sam_care", "sam_income", "sam_no_load"):
        out |= {f"{name}_level": level(name), f"{name}_rest": rest(name), f"{name}_lowest": lowest(name)}
    out |= {"sam_care_weeks": recovery("sam_care"), "sam_income_weeks": recovery("sam_income")}
    lead = round(run("sam_income").recovery_time) - round(run("sam_no_load").recovery_time)
    out["sam_no_load_lead"] = weeks(lead, lang)  # how much sooner (c) is back than (b)
    return out


def _chapter3(lang: str, run: Callable[[str], Any]) -> dict[str, str]:
    def calm(name: str) -> str:
        return whole(run(name).before.calm, lang)

    def ridge(name: str) -> str:
        return whole(run(name).before.ridge, lang)

    def end(name: str) -> str:
        return whole(run(name).stress_end, lang)

    def says(name: str, key: str) -> str:  # what a readout beside the figure says (the chapter quotes it)
        return demo_spec("cycle").readout(run(name), lang)[key]

    return {
        "default_calm": calm("default"),
        "default_ridge": ridge("default"),
        "default_high": whole(run("default").before.high, lang),
        "default_peak": peak(run("default"), lang),
        "default_weeks": weeks(run("default").recovery_time, lang),
        "default_tip": tenth(run("default").tip_load, lang),
        "default_says_back": says("default", "back"),
        "weak_peak": peak(run("weak"), lang),
        "weak_weeks": weeks(run("weak").recovery_time, lang),
        "weak_calm": calm("weak"),
        "weak_says_tip": says("weak", "tip"),
        "strong20_ridge": ridge("strong20"),
        "strong20_high": whole(run("strong20").before.high, lang),
        "strong20_end": end("strong20"),
        "res2_tip": tenth(run("res2").tip_load, lang),
        "res4_tip": tenth(run("res4").tip_load, lang),
        "res5_tip": tenth(run("res5").tip_load, lang),
        "recovery_by_load": listed([whole(run(f"slow{c}").recovery_time, lang) for c in range(4)], lang),
        "slow4_tip": tenth(run("slow4").tip_load, lang),
        "slow4_says_recovery": says("slow4", "recovery"),
        "by_setback_calm": calm("by_setback"),
        "by_setback_ridge": ridge("by_setback"),
        "by_setback_high": whole(run("by_setback").before.high, lang),
        "by_load_end": end("by_load"),
        "lifted_end": end("lifted"),
        "lifted_says_back": says("lifted", "back"),
        "loop20_lifted_end": end("loop20_lifted"),
        "broken_end": end("broken"),
        "loop20_tip": tenth(run("loop20_stays").tip_load, lang),
        "loop20_back": tenth(run("loop20_stays").return_load, lang),
        "loop20_stays_end": end("loop20_stays"),
        "by_load_lift_end": end("by_load_lift"),
        "by_load_break_end": end("by_load_break"),
        "by_load_both_end": end("by_load_both"),
    }


def _chapter4(lang: str, run: Callable[[str], Any]) -> dict[str, str]:
    def person(name: str, who: str) -> Any:
        return run(name).people[who]

    def recovery(name: str, who: str) -> str:
        return weeks(person(name, who).verdict.recovery_time, lang)

    def b_end(name: str) -> str:
        return whole(person(name, "b").end, lang)

    return {
        "a_resources": tenth(person("default", "a").resources, lang),
        "b_resources": tenth(person("default", "b").resources, lang),
        "b_resources_more": tenth(person("more", "b").resources_after, lang),
        "b_resources_more_load3": tenth(person("more3", "b").resources_after, lang),
        "a_rest": whole(person("default", "a").end, lang),
        "b_rest": whole(person("default", "b").before.calm, lang),
        "b_ridge": whole(person("default", "b").before.ridge, lang),
        "a_peak": whole(max(person("default", "a").stress), lang),
        "a_weeks": recovery("default", "a"),
        "b_end": b_end("default"),
        "small_a_weeks": recovery("small", "a"),
        "small_b_weeks": recovery("small", "b"),
        "no_load_a_weeks": recovery("no_load", "a"),
        "no_load_b_weeks": recovery("no_load", "b"),
        "lift_b_end": b_end("lift"),
        "more_b_end": b_end("more"),
        "link_b_end": b_end("link"),
        "all_b_end": b_end("all"),
        "b_portfolio_level": tenth(run("b_portfolio").spring_resources, lang),
        "b_portfolio_more_level": tenth(run("b_portfolio_more").spring_resources, lang),
    }


def _chapter5(lang: str, run: Callable[[str], Any]) -> dict[str, str]:
    out: dict[str, str] = {}

    def put(name: str, **fields: str) -> None:
        out.update({f"{name}_{field}": text for field, text in fields.items()})

    for name in ("lotte_portfolio", "lotte_portfolio_care", "marco_portfolio", "marco_portfolio_care"):
        put(name, level=tenth(run(name).spring_resources, lang))
    for name in ("marco_portfolio_net", "lieke_portfolio_net", "lieke_portfolio_no_net"):
        put(name, level=tenth(run(name).spring_resources, lang))
    lieke = run("lieke_portfolio")
    put("lieke_portfolio", level=tenth(lieke.spring_resources, lang), low=whole(lieke.run.lowest, lang))
    put("lieke_portfolio", weeks=weeks(lieke.recovery_time, lang))
    for name in ("lotte_spring", "lotte_spring_r4", "marco_spring_no_load", "lieke_spring_r4", "lieke_spring_gap4"):
        put(name, low=whole(run(name).lowest, lang), weeks=weeks(run(name).recovery_time, lang))
    put("lotte_spring", rest_end=whole(run("lotte_spring").rest_end, lang))
    put("marco_spring_no_load", rest_end=whole(run("marco_spring_no_load").rest_end, lang))
    for name in ("marco_spring", "lieke_spring"):
        spring = run(name)
        put(name, low=whole(spring.lowest, lang), rest=whole(spring.rest_start, lang))
        put(name, rest_end=whole(spring.rest_end, lang))
    put("lotte_circle", peak=peak(run("lotte_circle"), lang))
    put("lotte_circle", weeks=weeks(run("lotte_circle").recovery_time, lang))
    put("marco_circle", tip=tenth(run("marco_circle").tip_load, lang))
    for name in ("marco_circle", "marco_circle_lift", "marco_circle_link", "marco_circle_both", "marco_circle_r3"):
        put(name, end=whole(run(name).stress_end, lang))
    put("lieke_circle", end=whole(run("lieke_circle").stress_end, lang))
    put("lieke_circle_link", end=whole(run("lieke_circle_link").stress_end, lang))
    put("lieke_circle_r4", weeks=weeks(run("lieke_circle_r4").recovery_time, lang))
    return out


CHAPTERS: dict[str, Callable[[str, Callable[[str], Any]], dict[str, str]]] = {
    "01-resilience": _chapter1,
    "02-resources": _chapter2,
    "03-cycle": _chapter3,
    "04-positions": _chapter4,
    "05-cases": _chapter5,
}


@cache
def facts(chapter: str, lang: str) -> dict[str, str]:
    """Every number ``chapter`` (``"03-cycle"``) states about a model run, name to text, as the
    reader of the ``lang`` edition sees it (decimal comma in Dutch, "1 week", "3 weken")."""
    lang = check_language(lang)
    runs: dict[str, Any] = {}

    def run(name: str) -> Any:
        if name not in runs:
            runs[name] = result(chapter, name, lang)
        return runs[name]

    return CHAPTERS[chapter](lang, run)


def glue_facts(chapter: str, lang: str) -> None:
    """Glue each of :func:`facts` under its name, for the chapter's ``{glue:md}`` roles."""
    glue_texts(lambda: facts(chapter, lang))
