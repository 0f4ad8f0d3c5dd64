"""The portfolio builder (chapter 2): the resources of a fictional person, how they hold each other
up, the coping they make more likely, and what a setback then does (chapter 1's spring).

Views only draw: everything here is computed from a finished :class:`Portfolio`. The site draws
this demo with JavaScript ports (route "js": ``assets/models/portfolio.js`` for the model,
``assets/demos/portfolio.js`` for this module's figure and texts), which tests/test_js_models.py
holds equal to this module, state by state.
"""

from __future__ import annotations

import math

from veerkracht.i18n import number, plural, tr
from veerkracht.kit import Demo, declare
from veerkracht.kit.figure import (
    AXIS,
    BAND_EDGE,
    BLUE,
    DARK,
    GREEN,
    GREY,
    INK,
    VERMILLION,
    over_time,
    panel_title,
    two_panels,
)
from veerkracht.models import portfolio as model
from veerkracht.models.portfolio import (
    ABSENT,
    ENVIRONMENT,
    INDIVIDUAL,
    RESOURCES,
    UNUSED,
    USED,
    Portfolio,
    PortfolioParams,
)
from veerkracht.models.spring import FIRST_SETBACK, HORIZON

FAINT = "#8c8c8c"  # an absent resource's outline (3.3:1 on white)
# The palette, for the JavaScript drawing too (its constants), so no colour is written twice.
COLOURS = {
    "BLUE": BLUE,
    "GREEN": GREEN,
    "VERMILLION": VERMILLION,
    "GREY": GREY,
    "INK": INK,
    "BAND_EDGE": BAND_EDGE,
    "FAINT": FAINT,
}


def _positions() -> dict[str, tuple[float, float]]:
    """Where each resource sits in the network picture: individual resources on the left half of an
    ellipse, environmental ones on the right (chords between points on it never cross a node)."""
    out = {}
    for names, first, last in ((INDIVIDUAL, 125, 235), (ENVIRONMENT, 55, -55)):
        for i, name in enumerate(names):
            angle = math.radians(first + (last - first) * i / (len(names) - 1))
            out[name] = (round(0.8 * math.cos(angle), 3), round(math.sin(angle), 3))
    return out


POSITIONS = _positions()
ARROW_AT = 0.78  # an arrow's tip lies this far along its link, before the node it points at


def run(params: dict[str, float], lang: str) -> Portfolio:
    """The model for the demo's parameters (a ParameterError for a bad one)."""
    return model.assess(PortfolioParams(**params), lang)


def _names(resources: tuple[str, ...], lang: str) -> str:
    return ", ".join(tr(lang, f"portfolio.short.{r}").lower() for r in resources)


def weakened(result: Portfolio) -> tuple[str, ...]:
    """Present resources that lack the support of a missing one (the knock-on effects)."""
    return tuple(
        r
        for r in RESOURCES
        if result.lost[r] > 1e-9 and any(getattr(result.params, s) == ABSENT for s in model.sources(r))
    )


def describe(result: Portfolio, lang: str) -> tuple[str, str]:
    """The outcome's name and the sentences that explain it, in ``lang``."""
    run_ = result.run
    sentences = [
        tr(
            lang,
            "portfolio.explain.count",
            present=len(result.present),
            total=len(RESOURCES),
            used=len(result.present) - len(result.unused),
        )
    ]
    if result.unused:
        sentences.append(tr(lang, "portfolio.explain.unused", names=_names(result.unused, lang)))
    if weakened(result):
        sentences.append(tr(lang, "portfolio.explain.weakened", names=_names(weakened(result), lang)))
    sentences.append(tr(lang, "portfolio.explain.coping", coping=tr(lang, f"portfolio.coping.{result.coping}")))
    fields = {
        "start": number(run_.rest_start, 0, lang),
        "lowest": number(run_.lowest, 0, lang),
        "end": number(run_.wellbeing[-1], 0, lang),
        "horizon": number(HORIZON, 0, lang),
        "weeks": plural(lang, "kit.unit.weeks", round(run_.recovery_time or 0)),
    }
    sentences.append(tr(lang, f"portfolio.explain.{run_.outcome}", **fields))
    return tr(lang, f"portfolio.outcome.{run_.outcome}"), " ".join(sentences)


def readout(result: Portfolio, lang: str) -> dict[str, str]:
    """The numbers beside the figure: the portfolio as spring resources, recovery time, coping."""
    if result.recovery_time is None:
        recovery = tr(lang, "portfolio.recovery.none", horizon=number(HORIZON, 0, lang))
    else:
        recovery = plural(lang, "kit.unit.weeks", round(result.recovery_time))
    return {
        "level": tr(lang, "portfolio.level.value", level=number(result.spring_resources, 1, lang)),
        "recovery": recovery,
        "coping": tr(lang, f"portfolio.coping.{result.coping}"),
    }


def _links(result: Portfolio, lost: bool) -> tuple[list, list, list]:
    """Lines with an arrowhead for each influence whose target is present: from a present source
    (``lost`` False), or from a missing one (``lost`` True: support the target does without)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    sizes: list[int] = []
    for source, target, _ in model.INFLUENCES:
        if getattr(result.params, target) == ABSENT or (getattr(result.params, source) == ABSENT) != lost:
            continue
        (x0, y0), (x1, y1) = POSITIONS[source], POSITIONS[target]
        tip = (round(x0 + ARROW_AT * (x1 - x0), 3), round(y0 + ARROW_AT * (y1 - y0), 3))
        xs += [x0, tip[0], None]
        ys += [y0, tip[1], None]
        sizes += [0, 11, 0]
    return xs, ys, sizes


def _nodes(result: Portfolio, names: tuple[str, ...], colour: str, lang: str) -> dict:
    """One kind of resource as markers: filled when used, a ring when present but not used, small
    and faint when absent; the size grows with the resource's strength."""
    states = [getattr(result.params, r) for r in names]
    return {
        "type": "scatter",
        "mode": "markers+text",
        "x": [POSITIONS[r][0] for r in names],
        "y": [POSITIONS[r][1] for r in names],
        "text": [tr(lang, f"portfolio.short.{r}") for r in names],
        "textposition": ["middle left" if POSITIONS[r][0] < 0 else "middle right" for r in names],
        "textfont": {"size": 12, "color": INK},
        "marker": {
            "size": [
                10 if s == ABSENT else round(14 + 16 * result.strength[r]) for r, s in zip(names, states, strict=True)
            ],
            "color": [colour if s == USED else "#ffffff" for s in states],
            "symbol": "circle",
            "line": {
                "width": [1.5 if s == ABSENT else 3 for s in states],
                "color": [FAINT if s == ABSENT else colour for s in states],
            },
        },
        "hoverinfo": "skip",
        "xaxis": "x",
        "yaxis": "y",
    }


def figure(result: Portfolio, week: int, lang: str) -> dict:
    """The portfolio as a network beside wellbeing after the setback, as plotly JSON."""
    run_ = result.run
    links, lost = _links(result, False), _links(result, True)

    def arrows(name: str, xy: tuple[list, list, list], colour: str, dash: str) -> dict:
        xs, ys, sizes = xy
        return {
            "type": "scatter",
            "name": tr(lang, name),
            "mode": "lines+markers",
            "x": xs,
            "y": ys,
            "line": {"color": colour, "width": 1.5, "dash": dash},
            "marker": {"symbol": "arrow", "angleref": "previous", "size": sizes, "color": colour},
            "hoverinfo": "skip",
            "xaxis": "x",
            "yaxis": "y",
        }

    def curve(name: str, xs: list, ys: list, colour: str, **line) -> dict:
        return over_time(tr(lang, name), xs, ys, colour, **line)

    times = list(run_.times)
    onset, end = run_.setback_weeks[0] if run_.setback_weeks else (FIRST_SETBACK, FIRST_SETBACK)
    data = [
        arrows("portfolio.trace.links", links, GREY, "solid"),
        arrows("portfolio.trace.lost", lost, VERMILLION, "dot"),
        {**_nodes(result, INDIVIDUAL, BLUE, lang), "name": tr(lang, "portfolio.group.individual")},
        {**_nodes(result, ENVIRONMENT, GREEN, lang), "name": tr(lang, "portfolio.group.environment")},
        {
            **curve(
                "portfolio.trace.setback", [onset, end, end, onset, onset], [0, 0, 100, 100, 0], BAND_EDGE, width=1.5
            ),
            "fill": "toself",
            "fillcolor": "rgba(230,159,0,0.25)",
        },
        curve("portfolio.trace.limit", times, [round(w, 1) for w in run_.limit], VERMILLION, dash="dot"),
        curve("portfolio.trace.rest", times, [round(w, 1) for w in run_.rest], GREEN, dash="dash"),
        curve("portfolio.trace.wellbeing", times, [round(w, 1) for w in run_.wellbeing], BLUE, width=3),
    ]
    layout = {
        **two_panels(lang, height=440, legend_x=0, legend_y=-0.14, curve_from=0.6),
        "xaxis": {**AXIS, "domain": [0, 0.5], "range": [-2.4, 2.4], "visible": False},
        "yaxis": {**AXIS, "range": [-1.25, 1.25], "visible": False},
        "annotations": [
            panel_title(tr(lang, "portfolio.panel.network"), 0, "left"),
            panel_title(tr(lang, "portfolio.panel.curve"), 1, "right"),
        ],
    }
    return {"data": data, "layout": layout}


def _resource(name: str, group: str, default: int) -> dict:
    return {
        "name": name,
        "values": (0, 1, 2),
        "default": default,
        "integer": True,
        "control": "select",
        "labels": "portfolio.state",
        "group": group,
    }


def _persona(used: str, unused: str, chronic_load: int, severity: int) -> dict[str, int]:
    """A preset: the resources it uses and those present but not used (space-separated names);
    every other resource is absent."""
    states = {**dict.fromkeys(RESOURCES, ABSENT), **dict.fromkeys(unused.split(), UNUSED)}
    return {**states, **dict.fromkeys(used.split(), USED), "chronic_load": chronic_load, "severity": severity}


# The personas are fictional; their circumstances are positions, not traits (../shared/CONTENT.md).
PERSONAS = {
    "yara": _persona("confidence control self_image network", "care", chronic_load=1, severity=6),
    "sam": _persona(
        "confidence self_image boundaries emotions network neighbourhood", "care", chronic_load=3, severity=6
    ),
    # Yonas, new in the Netherlands with a residence permit: one of the dossier's examples of people who
    # get fewer chances to take part in society. His own resources are all there; what is missing lies
    # around him (a network, livelihood security, a way to help and care), a structural fact.
    "yonas": _persona("confidence control self_image boundaries emotions neighbourhood", "", 1, severity=6),
    "daan": _persona("confidence self_image boundaries emotions income care", "control network", 2, severity=6),
    "own": _persona("", "", chronic_load=0, severity=6),
}

SPEC = declare(
    id="portfolio",
    params=[
        *(_resource(r, "individual", PERSONAS["yara"][r]) for r in INDIVIDUAL),
        *(_resource(r, "environment", PERSONAS["yara"][r]) for r in ENVIRONMENT),
        {
            "name": "chronic_load",
            "values": (0, 1, 2, 3),
            "default": PERSONAS["yara"]["chronic_load"],
            "unit": "points_per_week",
            "integer": True,
            "group": "circumstances",
        },
        {
            "name": "severity",
            "values": (3, 6, 10),
            "default": PERSONAS["yara"]["severity"],
            "unit": "points_per_week",
            "integer": True,
            "group": "circumstances",
        },
    ],
    presets=PERSONAS,
    readouts=("level", "recovery", "coping"),
    traces=("links", "lost", "individual", "environment", "setback", "limit", "rest", "wellbeing"),
    route="js",
    scripts=("models/spring.js", "models/portfolio.js", "demos/portfolio.js"),
    constants=lambda: {**model.constants(), "POSITIONS": POSITIONS, "ARROW_AT": ARROW_AT, "COLOURS": COLOURS},
    # Under 540 px the two panels stack: the network on top, wellbeing below.
    compact={
        "height": 760,
        "margin": {"b": 150},
        "xaxis": {"domain": [0, 1]},
        "yaxis": {"domain": [0.6, 1]},
        "xaxis2": {"domain": [0.12, 1]},
        "yaxis2": {"domain": [0, 0.44]},
        "legend": {"y": -0.1},
        "annotations": [{}, {"x": 0, "xanchor": "left", "y": 0.48}],
    },
    dark=DARK,
    run=run,
    figure=figure,
    describe=describe,
    readout=readout,
)


class PortfolioDemo(Demo):
    """The resilience-portfolio builder (fictional personas; a thinking model, not a measurement).

    ``PortfolioDemo(lang="en", network=0)`` starts from the first persona with the given changes;
    ``demo.preset("sam")`` switches persona. A bad value raises a ParameterError in ``lang``.
    """

    spec = SPEC
