"""The spring demo (chapter 1): the declaration of its controls and the drawing of one run.

Views only draw: everything here is computed from a finished :class:`SpringRun`. The figure is a
plain plotly JSON dict, so the live widget (FigureWidget) and the static page (plotly.js) draw the
very same thing; the static page gets every state of the control grid from :func:`figure` too.
"""

from __future__ import annotations

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
    PURPLE,
    VERMILLION,
    panel_title,
    two_panels,
)
from veerkracht.models.spring import HORIZON, TOLERANCE, W_UNLOADED, SpringParams, SpringRun, simulate

COILS = 7


def run(params: dict[str, float], lang: str) -> SpringRun:
    """The model for the demo's parameters (a ParameterError for a bad one)."""
    return simulate(SpringParams(**params), lang)


def spring_outline() -> list[tuple[float, float] | None]:
    """The spring at unit height: (x, u) points, u in 0–1, ``None`` between separate strokes.
    Drawn at wellbeing W, a point sits at height ``u * W``: the spring is as tall as wellbeing."""
    points: list[tuple[float, float] | None] = [(-0.8, 0.0), (0.8, 0.0), None, (0.0, 0.0), (0.0, 0.06)]
    for i in range(2 * COILS):
        points.append((0.5 if i % 2 == 0 else -0.5, 0.06 + 0.88 * (i + 0.5) / (2 * COILS)))
    return points + [(0.0, 0.94), (0.0, 1.0), None, (-0.8, 1.0), (0.8, 1.0)]


OUTLINE_X = [None if p is None else p[0] for p in spring_outline()]
OUTLINE_U = [None if p is None else p[1] for p in spring_outline()]


def spring_xy(height: float) -> tuple[list[float | None], list[float | None]]:
    """x and y of the spring drawn ``height`` tall (the static page scales ``OUTLINE_U`` alike)."""
    return OUTLINE_X, [None if u is None else round(u * height, 2) for u in OUTLINE_U]


def setback_band(setback_weeks: tuple[tuple[float, float], ...]) -> tuple[list, list]:
    """Closed rectangles (x, y) over the weeks in which a setback presses."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for onset, end in setback_weeks:
        xs += [onset, end, end, onset, onset, None]
        ys += [0, 0, 100, 100, 0, None]
    return xs, ys


def _points(run: SpringRun, weeks: tuple[float, ...], above: float = 0.0) -> tuple[list[float], list[float]]:
    """Markers at ``weeks`` (rounded to the weekly samples): on the wellbeing curve, or ``above`` points
    over the resting point (a growth flag, which would otherwise hide under the recovery marker)."""
    shown = [min(round(w), len(run.wellbeing) - 1) for w in weeks]
    series = run.rest if above else run.wellbeing
    return [float(w) for w in shown], [round(min(series[w] + above, 100.0), 1) for w in shown]


def _count(run: SpringRun) -> str:
    """How many setbacks pressed on the spring within the horizon, as the texts' key suffix: a run
    with none (severity 0, no setbacks) is never explained as if there was one, nor one as several."""
    happened = len(run.setback_weeks)
    return "none" if happened == 0 else "one" if happened == 1 else "other"


def describe(run: SpringRun, lang: str) -> tuple[str, str]:
    """The outcome's name and a few sentences that explain it, in ``lang``."""
    drop = W_UNLOADED - run.rest_start
    fields = {
        "horizon": number(HORIZON, 0, lang),
        "start": number(run.rest_start, 0, lang),
        "end": number(run.wellbeing[-1], 0, lang),
        "lowest": number(run.lowest, 0, lang),
        "rest_end": number(run.rest_end, 0, lang),
        "drop": plural(lang, "kit.unit.points", round(drop)),
        "unloaded": number(W_UNLOADED, 0, lang),
    }
    count = _count(run)
    loaded = drop >= 0.5  # the chronic load visibly lowers the resting point
    if run.dented_at_start:
        sentences = [tr(lang, f"spring.explain.chronic_dent.{'none' if count == 'none' else 'other'}", **fields)]
        if run.recovery_time is None:
            sentences.append(tr(lang, f"spring.explain.not_recovered.{count}", **fields))
    elif run.outcome == "maintained" and loaded:
        # Maintained only relative to the level under the load: the dossier counts a chronic
        # situation itself as a setback, so the verdict and its label say so.
        sentences = [tr(lang, f"spring.explain.maintained_loaded.{count}", **fields)]
    else:
        sentences = [tr(lang, f"spring.explain.{run.outcome}.{count}", **fields)]
        if loaded:
            sentences.append(tr(lang, "spring.explain.chronic", **fields))
    if run.rest_end < run.rest_start - TOLERANCE:
        sentences.append(tr(lang, "spring.explain.dent", **fields))
    if run.grew:
        sentences.append(tr(lang, "spring.explain.growth_rule"))
    label = "maintained_loaded" if run.outcome == "maintained" and loaded else run.outcome
    return tr(lang, f"spring.outcome.{label}"), " ".join(sentences)


def readout(run: SpringRun, lang: str) -> dict[str, str]:
    """The numbers beside the figure: recovery time, lowest point and resting point."""
    if not run.setback_weeks:
        recovery = tr(lang, "spring.recovery.no_setback")
    elif run.recovery_time is None:
        recovery = tr(lang, "spring.recovery.none", horizon=number(HORIZON, 0, lang))
    else:
        recovery = plural(lang, "kit.unit.weeks", round(run.recovery_time))
    return {
        "recovery": recovery,
        "lowest": number(run.lowest, 0, lang),
        "rest": tr(lang, "spring.rest.value", start=number(run.rest_start, 0, lang), end=number(run.rest_end, 0, lang)),
    }


def _on_curve_panel(name: str, xs: list, ys: list, mode: str, style: dict) -> dict:
    """A trace on the right-hand panel (wellbeing over time); ``style`` is its line or marker."""
    trace = {"type": "scatter", "name": name, "x": xs, "y": ys, "xaxis": "x2", "yaxis": "y2", "mode": mode}
    return {**trace, mode.removesuffix("s"): style, "hoverinfo": "skip"}


def _line(name: str, xs: list, ys: list, colour: str, **style) -> dict:
    """A line on the curve panel."""
    return _on_curve_panel(name, xs, ys, "lines", {"color": colour, "width": 2, **style})


def _markers(name: str, xs: list, ys: list, colour: str, symbol: str, size: int = 13) -> dict:
    """Markers on the curve panel, outlined in ink so they read on any line."""
    outline = {"color": INK, "width": 1.5}
    return _on_curve_panel(name, xs, ys, "markers", {"color": colour, "size": size, "symbol": symbol, "line": outline})


def figure(run: SpringRun, week: int, lang: str) -> dict:
    """The demo's figure for ``run`` with the spring shown at ``week``, as plotly JSON."""
    level = round(run.wellbeing[week], 1)  # as the curve shows it: the static page scales the same number
    spring_x, spring_y = spring_xy(level)
    band_x, band_y = setback_band(run.setback_weeks)
    times = list(run.times)
    recovered = () if run.recovered_at is None else (run.recovered_at,)
    data = [
        {
            "type": "scatter",
            "name": tr(lang, "spring.trace.spring"),
            "x": spring_x,
            "y": spring_y,
            "xaxis": "x",
            "yaxis": "y",
            "mode": "lines",
            "line": {"color": BLUE, "width": 3},
            "hoverinfo": "skip",
            "showlegend": False,
        },
        {
            **_line(tr(lang, "spring.trace.setback"), band_x, band_y, BAND_EDGE, width=1.5),
            "fill": "toself",
            "fillcolor": "rgba(230,159,0,0.25)",
        },
        _line(tr(lang, "spring.trace.unloaded"), [0, HORIZON], [W_UNLOADED, W_UNLOADED], GREY, dash="dot"),
        _line(tr(lang, "spring.trace.rest"), times, [round(w, 1) for w in run.rest], GREEN, dash="dash"),
        _line(tr(lang, "spring.trace.limit"), times, [round(w, 1) for w in run.limit], VERMILLION, dash="dot"),
        {
            **_line(tr(lang, "spring.trace.wellbeing"), times, [round(w, 1) for w in run.wellbeing], BLUE, width=3),
            "hovertemplate": "%{x}: %{y:.0f}<extra></extra>",
            "hoverinfo": None,
        },
        _markers(tr(lang, "spring.trace.growth"), *_points(run, run.growth_weeks, above=6), GREEN, "star", 16),
        _markers(tr(lang, "spring.trace.recovered"), *_points(run, recovered), PURPLE, "diamond"),
        {
            **_markers(tr(lang, "spring.trace.now"), [run.times[week]], [level], INK, "circle", 11),
            "showlegend": False,
        },
    ]
    data[5].pop("hoverinfo")
    layout = {
        **two_panels(lang, height=420, legend_x=0.25, legend_y=-0.18, curve_from=0.3),
        "xaxis": {**AXIS, "domain": [0, 0.17], "range": [-1.2, 1.2], "visible": False},
        "yaxis": {**AXIS, "range": [0, 102], "visible": False},
        "annotations": [
            panel_title(tr(lang, "spring.panel.spring", week=week), x=0, anchor="left"),
            panel_title(tr(lang, "spring.panel.curve"), x=1, anchor="right"),
        ],
    }
    return {"data": data, "layout": layout}


DEFAULT = SpringParams()  # the model's default scenario is the demo's starting point

SPEC = declare(
    id="spring",
    params=[
        {"name": "resources", "values": (1, 2, 3, 4, 5), "default": DEFAULT.resources},
        {"name": "severity", "values": (2, 4, 6, 8, 10), "default": DEFAULT.severity, "unit": "points_per_week"},
        {"name": "duration", "values": (1, 3, 6), "default": DEFAULT.duration, "unit": "weeks"},
        {"name": "chronic_load", "values": (0, 1, 2, 3), "default": DEFAULT.chronic_load, "unit": "points_per_week"},
        {"name": "setbacks", "values": (1, 2, 3), "default": DEFAULT.setbacks, "integer": True},
        {"name": "interval", "values": (2, 4, 8, 12), "default": DEFAULT.interval, "unit": "weeks"},
    ],
    time={"name": "week", "last": int(HORIZON), "start": 8, "title": "spring.panel.spring"},
    presets={
        "small": {"resources": 3, "severity": 2, "duration": 1},
        "moderate": {},
        "challenge": {"resources": 4, "severity": 8, "duration": 3},
        "heavy": {"resources": 1, "severity": 10, "duration": 6},
        "chronic": {"chronic_load": 3},
        "quick_succession": {"resources": 2, "setbacks": 3, "interval": 2},
    },
    readouts=("recovery", "lowest", "rest"),
    traces=("spring", "setbacks", "unloaded", "rest", "limit", "wellbeing", "growth", "recovered", "now"),
    follow=[
        {"trace": "spring", "kind": "scaled", "series": "wellbeing", "unit": OUTLINE_U},
        {"trace": "now", "kind": "marker", "series": "wellbeing"},
    ],
    route="grid",
    # Under 540 px the panel titles and the y-axis title collide: no y-axis title, a wider curve.
    compact={"xaxis": {"domain": [0, 0.16]}, "xaxis2": {"domain": [0.24, 1]}, "yaxis2": {"title": {"text": ""}}},
    # In dark mode the figure follows the page: a dark plot, light ink (tests/test_colours.py).
    dark=DARK,
    run=run,
    figure=figure,
    describe=describe,
    readout=readout,
)


class SpringDemo(Demo):
    """The spring metaphor as an interactive demo (a thinking model, not a measurement).

    ``SpringDemo(lang="en", resources=2)`` starts from the default scenario with the given
    changes; a bad value raises a ParameterError (a ValueError) in ``lang``.
    """

    spec = SPEC
