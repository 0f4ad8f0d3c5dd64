"""Drawing of the spring demo: a plotly figure (as a plain dict) and the outcome in words.

Views only draw: everything here is computed from a finished :class:`SpringRun`. The figure is
a plain plotly JSON dict so that the live widget (FigureWidget) and the static page
(plotly.js) draw the very same thing; ``assets/spring_demo.js`` repeats only the per-state
updates listed in :data:`TRACES`.
"""

from __future__ import annotations

from veerkracht.i18n import number, tr
from veerkracht.models.spring import HORIZON, W_UNLOADED, SpringRun

# Trace order in the figure; the static script addresses traces by these positions.
TRACES: tuple[str, ...] = ("spring", "setbacks", "rest", "limit", "wellbeing", "now")

# Colour-blind-safe palette (Okabe & Ito).
BLUE, VERMILLION, ORANGE, GREY, INK = "#0072B2", "#D55E00", "#E69F00", "#6b6b6b", "#1a1a1a"
BAND_EDGE = "#9a6700"  # a darker orange: the setback band's outline meets 3:1 against white (WCAG 1.4.11)

COILS = 7


def spring_outline() -> list[tuple[float, float] | None]:
    """The spring at unit height: (x, u) points, u in 0–1, ``None`` between separate strokes.

    Drawn at wellbeing W, a point sits at height ``u * W``: the spring is as tall as wellbeing.
    """
    points: list[tuple[float, float] | None] = [(-0.8, 0.0), (0.8, 0.0), None, (0.0, 0.0), (0.0, 0.06)]
    for i in range(2 * COILS):
        points.append((0.5 if i % 2 == 0 else -0.5, 0.06 + 0.88 * (i + 0.5) / (2 * COILS)))
    points += [(0.0, 0.94), (0.0, 1.0), None, (-0.8, 1.0), (0.8, 1.0)]
    return points


def spring_xy(height: float) -> tuple[list[float | None], list[float | None]]:
    """x and y of the spring drawn ``height`` tall."""
    xs = [None if p is None else p[0] for p in spring_outline()]
    ys = [None if p is None else round(p[1] * height, 2) for p in spring_outline()]
    return xs, ys


def setback_band(setback_weeks: tuple[tuple[float, float], ...]) -> tuple[list, list]:
    """Closed rectangles (x, y) over the weeks in which a setback presses."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for onset, end in setback_weeks:
        xs += [onset, end, end, onset, onset, None]
        ys += [0, 0, 100, 100, 0, None]
    return xs, ys


def describe(run: SpringRun, lang: str) -> tuple[str, str]:
    """The outcome's name and a sentence or three that explain it, in ``lang``."""
    fields = {
        "horizon": number(HORIZON, 0, lang),
        "end": number(run.wellbeing[-1], 0, lang),
        "start": number(run.rest_start, 0, lang),
    }
    sentences = [tr(lang, f"explain.{run.outcome}", **fields)]
    if run.dented:
        sentences.append(tr(lang, "explain.dent"))
    drop = W_UNLOADED - run.rest_start
    if drop >= 0.5:
        sentences.append(tr(lang, "explain.chronic", drop=number(drop, 0, lang)))
    if run.recovery_time is None:
        recovery = tr(lang, "recovery.none", **fields)
    else:
        recovery = tr(lang, "recovery.weeks", weeks=number(run.recovery_time, 0, lang))
    sentences.append(f"{tr(lang, 'recovery.label')}: {recovery}.")
    return tr(lang, f"outcome.{run.outcome}"), " ".join(sentences)


def _panel_title(text: str, x: float, anchor: str) -> dict:
    """A title above a panel, anchored to the figure's left or right edge."""
    return {
        "text": text,
        "x": x,
        "xanchor": anchor,
        "y": 1.0,
        "xref": "paper",
        "yref": "paper",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 13},
    }


def spring_figure(run: SpringRun, week: int, lang: str) -> dict:
    """The demo's figure for ``run`` with the spring shown at ``week``, as plotly JSON."""
    level = run.wellbeing[week]
    spring_x, spring_y = spring_xy(level)
    band_x, band_y = setback_band(run.setback_weeks)
    dotted = {"dash": "dot", "width": 2}
    data = [
        {
            "type": "scatter",
            "name": tr(lang, "trace.spring"),
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
            "type": "scatter",
            "name": tr(lang, "trace.setback"),
            "x": band_x,
            "y": band_y,
            "xaxis": "x2",
            "yaxis": "y2",
            "mode": "lines",
            "fill": "toself",
            "fillcolor": "rgba(230,159,0,0.25)",
            "line": {"width": 1.5, "color": BAND_EDGE},
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            "name": tr(lang, "trace.rest_unloaded"),
            "x": [0, HORIZON],
            "y": [W_UNLOADED, W_UNLOADED],
            "xaxis": "x2",
            "yaxis": "y2",
            "mode": "lines",
            "line": {**dotted, "color": GREY},
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            "name": tr(lang, "trace.limit"),
            "x": [0, HORIZON],
            "y": [round(run.limit_level, 1)] * 2,
            "xaxis": "x2",
            "yaxis": "y2",
            "mode": "lines",
            "line": {**dotted, "color": VERMILLION},
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            "name": tr(lang, "trace.wellbeing"),
            "x": list(run.times),
            "y": [round(w, 1) for w in run.wellbeing],
            "xaxis": "x2",
            "yaxis": "y2",
            "mode": "lines",
            "line": {"color": BLUE, "width": 3},
            "hovertemplate": "%{x}: %{y:.0f}<extra></extra>",
        },
        {
            "type": "scatter",
            "name": tr(lang, "trace.now"),
            "x": [run.times[week]],
            "y": [round(level, 1)],
            "xaxis": "x2",
            "yaxis": "y2",
            "mode": "markers",
            "marker": {"color": INK, "size": 11, "symbol": "circle"},
            "hoverinfo": "skip",
            "showlegend": False,
        },
    ]
    axis = {"showgrid": False, "zeroline": False, "fixedrange": True}
    layout = {
        "height": 400,
        "margin": {"l": 10, "r": 10, "t": 40, "b": 50},
        "font": {"size": 14, "color": INK},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "showlegend": True,
        "legend": {"orientation": "h", "x": 0.25, "y": -0.18, "font": {"size": 12}},
        "xaxis": {**axis, "domain": [0, 0.17], "range": [-1.2, 1.2], "visible": False},
        "yaxis": {**axis, "range": [0, 102], "visible": False},
        "xaxis2": {
            **axis,
            "domain": [0.3, 1],
            "range": [0, HORIZON],
            "title": {"text": tr(lang, "axis.time"), "standoff": 4},
            "showgrid": True,
            "gridcolor": "rgba(128,128,128,0.2)",
        },
        "yaxis2": {
            **axis,
            "range": [0, 102],
            "anchor": "x2",
            "showgrid": True,
            "gridcolor": "rgba(128,128,128,0.2)",
            "title": {"text": tr(lang, "axis.wellbeing"), "standoff": 4},
        },
        "annotations": [
            _panel_title(tr(lang, "panel.spring", week=week), x=0, anchor="left"),
            _panel_title(tr(lang, "panel.curve"), x=1, anchor="right"),
        ],
    }
    return {"data": data, "layout": layout}
