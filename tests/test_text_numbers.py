"""Content checked like code: the numbers chapter 1 and the models page state about the spring model,
and the numbers chapter 2 and its question bank state about the portfolio demo, are the numbers the
models give. Change a model and this test names the text to update."""

import html
import re
from pathlib import Path

import pytest
from markup import prose
from veerkracht.demos.portfolio import PortfolioDemo, run, weakened
from veerkracht.demos.spring import SPEC
from veerkracht.i18n import number, plural, tr
from veerkracht.model_notes import page_numbers
from veerkracht.models.portfolio import INDIVIDUAL, RESOURCES
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
    chapter = prose((ROOT / PAGES[lang][0]).read_text("utf-8"))
    assert listed(recovery, lang) in chapter  # recovery time for resources 1..5
    assert listed(rests[1:], lang) in chapter and listed(lowest[1:], lang) in chapter  # chronic load 1..3
    assert f"{rests[0]:.0f}" == "80" and f"{lowest[0]:.0f}" == "68"
    # The models page writes no number by hand: it glues veerkracht.model_notes.page_numbers.
    models = page_numbers(lang)
    assert models["spring_recovery_by_resources"] == listed(recovery, lang)
    assert models["spring_rest_by_load"] == listed(rests, lang)
    assert models["spring_lowest_by_load"] == listed(lowest[1:], lang)
    assert "{glue:md}`spring_recovery_by_resources`" in (ROOT / PAGES[lang][1]).read_text("utf-8")


# -- chapter 2: the portfolio demo ------------------------------------------------------------------
# Every state chapter 2 and its question bank discuss, as the reader makes it in the demo: a preset
# and the controls changed after pressing it. The passages below are the texts' own sentences with
# the model's numbers as fields ``{state[field]}``; each must occur verbatim, so a change to the
# model (a constant, a rule, a persona) names the sentence to update.

CHAPTER2 = {"nl": "chapters/nl/02-resources.md", "en": "chapters/en/02-resources.md"}
BANK2 = "exercises/bank/ch02.yml"

PORTFOLIO_STATES = {
    "yara": ("yara", {}),
    "empty": ("own", {}),
    "person4": ("own", {"confidence": 2, "self_image": 2, "boundaries": 2, "emotions": 2}),
    "environment4": ("own", {"network": 2, "neighbourhood": 2, "income": 2, "care": 2}),
    "mix4": ("own", {"boundaries": 2, "emotions": 2, "network": 2, "care": 2}),
    "sam": ("sam", {}),
    "sam_no_net": ("sam", {"network": 0}),
    "sam_no_load": ("sam", {"chronic_load": 0}),
    "sam_no_net_no_load": ("sam", {"network": 0, "chronic_load": 0}),
    "sam_care": ("sam", {"care": 2}),
    "sam_income": ("sam", {"income": 2}),
    "daan": ("daan", {}),
    "daan_emotions_unused": ("daan", {"emotions": 1}),
    "daan_net_not_emotions": ("daan", {"emotions": 1, "network": 2}),
    "daan_both": ("daan", {"network": 2}),
    "yonas": ("yonas", {}),
    "yonas_net": ("yonas", {"network": 2}),
}

# How the texts name a way of coping (a shortening of the demo's own label) and a resource.
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
RESOURCE_WORDS = {
    "nl": {
        "confidence": "zelfvertrouwen",
        "control": "regie",
        "self_image": "zelfbeeld",
        "boundaries": "grenzen",
        "emotions": "emoties",
        "network": "vangnet",
        "neighbourhood": "buurt",
        "income": "bestaanszekerheid",
        "care": "hulp en zorg",
    },
    "en": {
        "confidence": "self-confidence",
        "control": "sense of control",
        "self_image": "self-image",
        "boundaries": "boundaries",
        "emotions": "emotions",
        "network": "safety net",
        "neighbourhood": "neighbourhood",
        "income": "livelihood security",
        "care": "help and care",
    },
}

CHAPTER2_PASSAGES = {
    "nl": [
        # Example: Yara
        "Haar portfolio telt als {yara[level]} van de 5. Met een lichte chronische belasting ({yara[load]}) ligt haar"
        " ruststand op {yara[rest]}, en na de tegenslag is ze na {yara[weeks]} terug.",
        # Task 1 (a table)
        "| leeg | {empty[level]} van de 5 | {empty[weeks]} | {empty[coping]} |",
        "| (a) vier in de persoon | {person4[level]} van de 5 | {person4[weeks]} | {person4[coping]} |",
        "| (b) vier in de omgeving | {environment4[level]} van de 5 | {environment4[weeks]} | {environment4[coping]} |",
        "| (c) de mix | {mix4[level]} van de 5 | {mix4[weeks]} | {mix4[coping]} |",
        # Task 2
        "Met vangnet telt Sams portfolio als {sam[level]} van de 5; onder de chronische belasting gaat de veer net"
        " voorbij haar grens, en na 52 weken is Sam {sam[outcome]}.",
        "Zonder vangnet lopen er rode stippellijnen naar {sam_no_net[weakened_count]} hulpbronnen:"
        " {sam_no_net[weakened]} worden zwakker. Het portfolio zakt naar {sam_no_net[level]} van de 5, en de coping"
        " wordt {sam_no_net[coping]}",
        "Zonder chronische belasting veert Sam in beide gevallen terug: met vangnet na {sam_no_load[weeks]},"
        " zonder vangnet na {sam_no_net_no_load[weeks]}.",
        # Task 3 (a table)
        "| zoals bij de knop | {daan[level]} | {daan[weeks]} | {daan[coping]} |",
        "| emoties niet ingezet | {daan_emotions_unused[level]} | {daan_emotions_unused[weeks]} |"
        " {daan_emotions_unused[coping]} |",
        "| vangnet wel, emoties niet ingezet | {daan_net_not_emotions[level]} | {daan_net_not_emotions[weeks]} |"
        " {daan_net_not_emotions[coping]} |",
        "| vangnet en emoties ingezet | {daan_both[level]} | {daan_both[weeks]} | {daan_both[coping]} |",
        # Task 4 (a table)
        "| zoals bij de knop | {sam[level]} | {sam[rest]} | {sam[lowest]} | {sam[outcome]} |",
        "| (a) hulp en zorg ingezet | {sam_care[level]} | {sam_care[rest]} | {sam_care[lowest]} | {sam_care[outcome]}"
        " na {sam_care[weeks]} |",
        "| (b) bestaanszekerheid erbij | {sam_income[level]} | {sam_income[rest]} | {sam_income[lowest]} |"
        " {sam_income[outcome]} na {sam_income[weeks]} |",
        "| (c) geen chronische belasting | {sam_no_load[level]} | {sam_no_load[rest]} | {sam_no_load[lowest]} |"
        " {sam_no_load[outcome]} na {sam_no_load[weeks]} |",
        # Task 5: Yonas
        "Daardoor lopen er rode stippellijnen naar {yonas[weakened_count]} hulpbronnen: {yonas[weakened]} worden"
        " zwakker. Zijn portfolio telt als {yonas[level]} van de 5, en na de tegenslag duurt het herstel"
        " {yonas[weeks]}. Met een vangnet erbij wordt het {yonas_net[level]} en {yonas_net[weeks]}.",
    ],
    "en": [
        "Her portfolio counts as {yara[level]} of 5. With a light chronic load ({yara[load]}) her resting point lies at"
        " {yara[rest]}, and after the setback she is back after {yara[weeks]}.",
        "| empty | {empty[level]} of 5 | {empty[weeks]} | {empty[coping]} |",
        "| (a) four in the person | {person4[level]} of 5 | {person4[weeks]} | {person4[coping]} |",
        "| (b) four in the environment | {environment4[level]} of 5 | {environment4[weeks]} | {environment4[coping]} |",
        "| (c) the mix | {mix4[level]} of 5 | {mix4[weeks]} | {mix4[coping]} |",
        "With the safety net Sam's portfolio counts as {sam[level]} of 5; under the chronic load the spring goes just"
        " past its limit, and after 52 weeks Sam has {sam[outcome]}.",
        "Without the safety net, red dotted lines run to {sam_no_net[weakened_count]} resources:"
        " {sam_no_net[weakened]} become weaker. The portfolio drops to {sam_no_net[level]} of 5, and the coping"
        " becomes {sam_no_net[coping]}",
        "Without a chronic load Sam bounces back in both cases: after {sam_no_load[weeks]} with the safety net,"
        " after {sam_no_net_no_load[weeks]} without it.",
        "| as with the button | {daan[level]} | {daan[weeks]} | {daan[coping]} |",
        "| emotions not used | {daan_emotions_unused[level]} | {daan_emotions_unused[weeks]} |"
        " {daan_emotions_unused[coping]} |",
        "| safety net used, emotions not | {daan_net_not_emotions[level]} | {daan_net_not_emotions[weeks]} |"
        " {daan_net_not_emotions[coping]} |",
        "| safety net and emotions used | {daan_both[level]} | {daan_both[weeks]} | {daan_both[coping]} |",
        "| as with the button | {sam[level]} | {sam[rest]} | {sam[lowest]} | {sam[outcome]} |",
        "| (a) help and care used | {sam_care[level]} | {sam_care[rest]} | {sam_care[lowest]} | {sam_care[outcome]}"
        " after {sam_care[weeks]} |",
        "| (b) livelihood security added | {sam_income[level]} | {sam_income[rest]} | {sam_income[lowest]} |"
        " {sam_income[outcome]} after {sam_income[weeks]} |",
        "| (c) no chronic load | {sam_no_load[level]} | {sam_no_load[rest]} | {sam_no_load[lowest]} |"
        " {sam_no_load[outcome]} after {sam_no_load[weeks]} |",
        "As a result red dotted lines run to {yonas[weakened_count]} resources: {yonas[weakened]} become weaker. His"
        " portfolio counts as {yonas[level]} of 5, and after the setback recovery takes {yonas[weeks]}. With a"
        " safety net added it becomes {yonas_net[level]} and {yonas_net[weeks]}.",
    ],
}

BANK2_PASSAGES = {
    "nl": [
        "het minst goed ({person4[weeks]})",
        "beter dan (a) ({environment4[weeks]})",
        "In de demo verschilt het: {person4[n]}, {environment4[n]} en {mix4[weeks]}.",
        "De mix geeft {mix4[level]} van de 5 en een hersteltijd van {mix4[weeks]}.",
    ],
    "en": [
        "does worst in the demo ({person4[weeks]})",
        "better than (a) ({environment4[weeks]})",
        "In the demo it differs: {person4[n]}, {environment4[n]} and {mix4[weeks]}.",
        "The mix gives {mix4[level]} of 5 and a recovery time of {mix4[weeks]}.",
    ],
}

COUNT_WORDS = {
    "nl": ["nul", "één", "twee", "drie", "vier", "vijf", "zes"],
    "en": ["no", "one", "two", "three", "four", "five", "six"],
}


def portfolio_state(name: str, lang: str = "en"):
    """The demo in one of the states above: its preset pressed, then the controls changed."""
    preset, changes = PORTFOLIO_STATES[name]
    demo = PortfolioDemo(lang)
    demo.preset(preset)
    if changes:
        demo.set(**changes)
    return demo


def portfolio_facts(lang: str) -> dict[str, dict[str, str]]:
    """What the texts can state about each state, formatted as they state it (decimal mark included)."""
    facts = {}
    for name in PORTFOLIO_STATES:
        demo = portfolio_state(name, lang)
        result = run(demo.params, lang)
        out = result.run
        words = [RESOURCE_WORDS[lang][r] for r in weakened(result)]
        label = tr(lang, f"portfolio.coping.{result.coping}")
        assert label.startswith(COPING_WORDS[lang][result.coping])  # the texts' words shorten the demo's
        recovery = None if out.recovery_time is None else round(out.recovery_time)
        facts[name] = {
            "level": number(result.spring_resources, 1, lang),
            "n": "-" if recovery is None else str(recovery),
            "weeks": "-" if recovery is None else plural(lang, "kit.unit.weeks", recovery),
            "rest": number(out.rest_start, 0, lang),
            "lowest": number(out.lowest, 0, lang),
            "end": number(out.wellbeing[-1], 0, lang),
            "rest_end": number(out.rest_end, 0, lang),
            "rest1": number(out.rest_start, 1, lang),
            "rest_end1": number(out.rest_end, 1, lang),
            "load": str(result.params.chronic_load),
            "coping": COPING_WORDS[lang][result.coping],
            "outcome": tr(lang, f"portfolio.outcome.{out.outcome}").lower(),
            "weakened": (", ".join(words[:-1]) + AND[lang] + words[-1]) if len(words) > 1 else "".join(words),
            "weakened_count": COUNT_WORDS[lang][len(words)],
        }
    return facts


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chapter2_states_the_portfolio_models_numbers(lang):
    facts = portfolio_facts(lang)
    chapter = prose((ROOT / CHAPTER2[lang]).read_text("utf-8"))
    bank = (ROOT / BANK2).read_text("utf-8")
    for texts, passages in ((chapter, CHAPTER2_PASSAGES[lang]), (bank, BANK2_PASSAGES[lang])):
        for passage in passages:
            expected = passage.format(**facts)
            assert expected in texts, f"not in the text, with the model's numbers:\n{expected}"
    used = {
        name
        for passage in CHAPTER2_PASSAGES[lang] + BANK2_PASSAGES[lang]
        for name in PORTFOLIO_STATES
        if "{" + name + "[" in passage
    }
    assert used == set(PORTFOLIO_STATES)  # every state defined here is one the texts discuss


def test_chapter2_claims_hold_in_the_portfolio_model():
    """What the texts say without a number: which does best, which outcome, past the limit or not."""
    runs = {name: run(portfolio_state(name).params, "en") for name in PORTFOLIO_STATES}
    weeks = {name: r.run.recovery_time for name, r in runs.items()}
    outcome = {name: r.run.outcome for name, r in runs.items()}
    # Yara: "just past the elastic limit", a dent too small to show at the resting point's rounding, and
    # the demo still calls it bounced back.
    yara = runs["yara"].run
    at = yara.wellbeing.index(min(yara.wellbeing))
    assert 0 < yara.limit[at] - yara.wellbeing[at] < 1 and yara.dented
    assert round(yara.rest_start) == round(yara.rest_end) and outcome["yara"] == "bounced_back"
    # Task 1: the mix recovers fastest, four in the person slowest; all three bounce back.
    assert weeks["mix4"] < weeks["environment4"] < weeks["person4"]
    assert {outcome[n] for n in ("person4", "environment4", "mix4")} == {"bounced_back"}
    # Task 2: under the chronic load Sam is past the elastic limit with and without the safety net, and
    # the lasting dent is deeper without it; without the load both bounce back.
    for name in ("sam", "sam_no_net"):
        assert outcome[name] == "not_recovered" and runs[name].run.dented
    dent = {n: runs[n].run.rest_start - runs[n].run.wellbeing[-1] for n in ("sam", "sam_no_net")}
    assert dent["sam_no_net"] > 3 * dent["sam"]
    past = {}  # how far the lowest point lies past the elastic limit at that moment
    for name in ("sam", "sam_no_net"):
        out = runs[name].run
        at = out.wellbeing.index(min(out.wellbeing))
        past[name] = out.limit[at] - out.wellbeing[at]
    assert 0 < past["sam"] < 5 and past["sam_no_net"] > 10  # "just past" and "far past"
    # ... because under the load the spring starts closer to its limit
    room = {n: runs[n].run.rest_start - runs[n].run.limit[0] for n in ("sam", "sam_no_load")}
    assert room["sam"] < room["sam_no_load"]
    assert outcome["sam_no_load"] == outcome["sam_no_net_no_load"] == "bounced_back"
    assert not runs["sam_no_load"].run.dented and not runs["sam_no_net_no_load"].run.dented
    # Task 3: using a resource changes nothing in the portfolio's support (no new dotted lines).
    assert weakened(runs["daan"]) == weakened(runs["daan_emotions_unused"]) == weakened(runs["daan_both"])
    # Task 4: each change makes Sam bounce back; no chronic load helps most, 1 week ahead of (b).
    assert {outcome[n] for n in ("sam_care", "sam_income", "sam_no_load")} == {"bounced_back"}
    assert round(weeks["sam_no_load"]) < round(weeks["sam_income"]) < round(weeks["sam_care"])
    assert round(weeks["sam_income"]) - round(weeks["sam_no_load"]) == 1
    assert runs["sam_no_load"].spring_resources == runs["sam"].spring_resources
    # Yonas: every resource in the person there and used; what is missing lies around him, and it weakens
    # what he has. He bounces back, without growth; a safety net shortens his recovery.
    yonas = runs["yonas"]
    assert all(getattr(yonas.params, r) == 2 for r in INDIVIDUAL)
    assert {r for r in RESOURCES if getattr(yonas.params, r) == 0} == {"network", "income", "care"}
    assert outcome["yonas"] == "bounced_back" and not yonas.run.grew
    assert weeks["yonas_net"] < weeks["yonas"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chapter2_links_open_the_state_the_text_describes(lang):
    """Each demo link in the chapter is the query string of the state its task describes."""
    chapter = prose((ROOT / CHAPTER2[lang]).read_text("utf-8"))
    links = {html.unescape(href) for href in re.findall(r'href="(\?portfolio\.[^"#]*)', chapter)}
    assert links == {portfolio_state("sam_no_net", lang).link()}
