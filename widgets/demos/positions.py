"""Two positions, one setback (chapter 4): the portfolios of two fictional people beside their stress
over a year in which the same setback hits both and a lever may act from week 26.

Views only draw: everything here is computed from a finished :class:`Positions`. The portfolios are
drawn as dots whose places change with the lever, so a state of the static page is fully given by
the traces' x and y (the grid route).
"""

from __future__ import annotations

from veerkracht.demos.cycle import state_lines
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
from veerkracht.models import cycle
from veerkracht.models import positions as model
from veerkracht.models.portfolio import ABSENT, RESOURCES, USED
from veerkracht.models.positions import LEVERS, Positions, PositionsParams

FAINT = "#8c8c8c"  # an absent resource (3.3:1 on white), as in the portfolio builder
COLUMNS = ("a", "b", "b_after")  # A, B, and B from week 26 (after the lever)
COLOUR = {"a": BLUE, "b": VERMILLION}


def run(params: dict[str, float], lang: str) -> Positions:
    """The model for the demo's parameters (a ParameterError for a bad one)."""
    return model.simulate(PositionsParams(**params), lang)


def _portfolio_after(result: Positions) -> dict[str, int]:
    portfolio = model.PORTFOLIOS["b"]
    if result.lever in ("resources", "all"):
        return {**portfolio, **dict.fromkeys(model.MADE_AVAILABLE, USED)}
    return portfolio


def dots(result: Positions) -> dict[int, tuple[list, list]]:
    """For each resource state, the (column, row) of every dot: a row per resource, a column per
    portfolio (A, B, B from week 26)."""
    columns = [model.PORTFOLIOS["a"], model.PORTFOLIOS["b"], _portfolio_after(result)]
    out: dict[int, tuple[list, list]] = {state: ([], []) for state in (0, 1, 2)}
    for column, portfolio in enumerate(columns):
        for row, resource in enumerate(RESOURCES):
            xs, ys = out[portfolio[resource]]
            xs.append(column)
            ys.append(row)
    return out


def _outcome(result: Positions, name: str, lang: str) -> str:
    verdict = result.people[name].verdict
    key = (
        f"cycle.outcome.tipped_by.{verdict.cause}"
        if verdict.outcome == "tipped"
        else f"cycle.outcome.{verdict.outcome}"
    )
    return tr(lang, key)


def describe(result: Positions, lang: str) -> tuple[str, str]:
    """The two outcomes side by side, and the sentences that explain them, in ``lang``."""
    a, b = result.people["a"], result.people["b"]
    fields = {
        "weeks_a": plural(lang, "kit.unit.weeks", round(a.verdict.recovery_time or 0)),
        "weeks_b": plural(lang, "kit.unit.weeks", round(b.verdict.recovery_time or 0)),
        "load": number(b.chronic_load, 0, lang),
        "end_a": number(a.end, 0, lang),
        "end_b": number(b.end, 0, lang),
        "res_a": number(a.resources, 1, lang),
        "res_b": number(b.resources, 1, lang),
        "res_after": number(b.resources_after, 1, lang),
    }
    sentences = [tr(lang, f"positions.explain.a.{a.verdict.outcome}", **fields)]
    b_key = b.verdict.outcome if b.verdict.outcome in ("steady", "bounced_back", "recovering") else b.verdict.cause
    sentences.append(tr(lang, f"positions.explain.b.{b_key}", **fields))
    if result.lever != "none":
        state = "calm" if not b.verdict.tipped else "stuck" if b.verdict.still_high else "back"
        sentences.append(tr(lang, f"positions.explain.lever.{result.lever}.{state}", **fields))
    label = tr(lang, "positions.outcome", a=_outcome(result, "a", lang), b=_outcome(result, "b", lang))
    return label, " ".join(sentences)


def _recovery(result: Positions, name: str, lang: str) -> str:
    verdict = result.people[name].verdict
    if result.params.setback <= 0:
        return tr(lang, "cycle.recovery.no_setback")
    if verdict.tipped:
        return tr(lang, "cycle.recovery.tipped")
    if verdict.recovery_time is None:
        return tr(lang, "cycle.recovery.none", measure=number(cycle.MEASURE_WEEK, 0, lang))
    return plural(lang, "kit.unit.weeks", round(verdict.recovery_time))


def readout(result: Positions, lang: str) -> dict[str, str]:
    """Resources, recovery and stress at the end, for both people."""
    a, b = result.people["a"], result.people["b"]
    b_res = number(b.resources, 1, lang)
    if b.resources_after != b.resources:
        b_res = tr(lang, "positions.resources.changed", before=b_res, after=number(b.resources_after, 1, lang))
    return {
        "resources": tr(lang, "positions.pair", a=number(a.resources, 1, lang), b=b_res),
        "recovery_a": _recovery(result, "a", lang),
        "recovery_b": _recovery(result, "b", lang),
        "end": tr(lang, "positions.pair", a=number(a.end, 0, lang), b=number(b.end, 0, lang)),
    }


def _curve(name: str, xs: list, ys: list, colour: str, lang: str, **line) -> dict:
    return over_time(tr(lang, f"positions.trace.{name}"), xs, ys, colour, **line)


def figure(result: Positions, week: int, lang: str) -> dict:
    """The portfolios beside both people's stress over the weeks, as plotly JSON."""
    placed = dots(result)
    style = {
        USED: {"size": 14, "color": INK, "line": {"color": INK, "width": 2}},
        1: {"size": 14, "color": "#ffffff", "line": {"color": INK, "width": 2}},
        ABSENT: {"size": 8, "color": FAINT, "line": {"color": FAINT, "width": 1}},
    }
    names = {USED: "used", 1: "unused", ABSENT: "absent"}
    data = [
        {
            "type": "scatter",
            "name": tr(lang, f"positions.trace.{names[state]}"),
            "mode": "markers",
            "x": placed[state][0],
            "y": placed[state][1],
            "marker": {"symbol": "circle", **style[state]},
            "hoverinfo": "skip",
            "xaxis": "x",
            "yaxis": "y",
        }
        for state in (USED, 1, ABSENT)
    ]
    onset, end = cycle.SETBACK_WEEK, cycle.SETBACK_WEEK + cycle.SETBACK_WEEKS
    band = ([onset, end, end, onset, onset], [0, 0, 100, 100, 0]) if result.params.setback > 0 else ([], [])
    lever = ([cycle.MEASURE_WEEK] * 2, [0, 100]) if result.lever != "none" else ([], [])
    times = list(result.times)
    data += [
        {**_curve("setback", *band, BAND_EDGE, lang, width=1.5), "fill": "toself", "fillcolor": "rgba(230,159,0,0.25)"},
        _curve("lever", *lever, GREEN, lang, dash="dot"),
        _curve(
            "ridge", *state_lines(result.people["b"].before, result.people["b"].after)["ridge"], GREY, lang, dash="dot"
        ),
        _curve("stress_a", times, [round(s, 1) for s in result.people["a"].stress], BLUE, lang, width=3),
        _curve("stress_b", times, [round(s, 1) for s in result.people["b"].stress], VERMILLION, lang, width=3),
    ]
    headers = [
        {
            "text": tr(lang, f"positions.column.{column}"),
            "x": i,
            "y": -0.7,  # above the first row (the axis runs downwards)
            "xref": "x",
            "yref": "y",
            "yanchor": "bottom",
            "showarrow": False,
            "font": {"size": 12, "color": COLOUR.get(column[0], INK)},
        }
        for i, column in enumerate(COLUMNS)
    ]
    frame = two_panels(lang, height=460, legend_x=0, legend_y=-0.14, curve_from=0.52)
    layout = {
        **frame,
        "xaxis": {**AXIS, "domain": [0.2, 0.44], "range": [-0.5, 2.5], "visible": False},
        "yaxis": {
            **AXIS,
            "range": [len(RESOURCES) - 0.4, -1.9],
            "tickvals": list(range(len(RESOURCES))),
            "ticktext": [tr(lang, f"portfolio.short.{r}") for r in RESOURCES],
            "tickfont": {"size": 11},
            "showline": False,
        },
        "yaxis2": {**frame["yaxis2"], "title": {"text": tr(lang, "cycle.axis.stress"), "standoff": 4}},
        "annotations": [
            panel_title(tr(lang, "positions.panel.portfolios"), 0, "left"),
            panel_title(tr(lang, "positions.panel.curve"), 1, "right"),
            *headers,
        ],
    }
    return {"data": data, "layout": layout}


DEFAULT = PositionsParams()

SPEC = declare(
    id="positions",
    params=[
        {"name": "setback", "values": (0, 5, 10, 15, 20), "default": DEFAULT.setback, "unit": "points_per_week"},
        {"name": "load", "values": (0, 1, 2, 3), "default": DEFAULT.load, "unit": "points_per_week"},
        {
            "name": "lever",
            "values": tuple(range(len(LEVERS))),
            "default": DEFAULT.lever,
            "integer": True,
            "control": "select",
            "labels": "positions.lever",
        },
    ],
    presets={
        "same_setback": {},
        "no_load": {"load": 0},
        "lift_load": {"lever": LEVERS.index("load")},
        "more_resources": {"lever": LEVERS.index("resources")},
        "break_link": {"lever": LEVERS.index("link")},
        "all": {"lever": LEVERS.index("all")},
    },
    readouts=("resources", "recovery_a", "recovery_b", "end"),
    traces=("used", "unused", "absent", "setback", "lever", "ridge", "stress_a", "stress_b"),
    route="grid",
    # Under 540 px the two panels stack: the portfolios on top, the year below.
    compact={
        "height": 820,
        "margin": {"b": 130},
        "xaxis": {"domain": [0.3, 1]},
        "yaxis": {"domain": [0.6, 1]},
        "xaxis2": {"domain": [0.12, 1]},
        "yaxis2": {"domain": [0, 0.46]},
        "legend": {"y": -0.08},
        "annotations": [{}, {"x": 0, "xanchor": "left", "y": 0.49}],
    },
    dark=DARK,
    run=run,
    figure=figure,
    describe=describe,
    readout=readout,
)


class PositionsDemo(Demo):
    """Two fictional people in different positions meet the same setback (a thinking model, not a
    measurement). ``PositionsDemo(lang="en", lever=2)``; ``demo.preset("lift_load")``."""

    spec = SPEC
