"""The stress-cycle demo (chapter 3): the vicious circle drawn by the strength of its links, beside
stress over a year in which a chronic load starts, a setback may come, and a measure may follow.

Views only draw: everything here is computed from a finished :class:`CycleRun`. Every arrow is a
filled outline whose thickness is its strength, so a state of the static page is fully given by
the traces' x and y (the grid route: ``veerkracht.kit.static``).
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
    PURPLE,
    VERMILLION,
    over_time,
    panel_title,
    two_panels,
)
from veerkracht.models import cycle as model
from veerkracht.models.cycle import HORIZON, LINKS, MEASURE_WEEK, SETBACK_WEEK, SETBACK_WEEKS, CycleParams, CycleRun

Point = tuple[float, float]

# The circle's picture (data units of the left panel): stress on the left, the four links in a
# column, fewer resources on the right; the loop closes underneath, back to stress.
STRESS_AT: Point = (-1.55, 0.3)
RESOURCES_AT: Point = (1.55, 0.3)
LINK_Y = (1.05, 0.55, 0.05, -0.45)
LINK_HALF = 0.6  # half the width the arrows keep clear of a link's label
NODE_HALF = 0.42  # half the width the arrows keep clear of a node's label
LOOP_Y = -1.05  # the return path's lowest line
PUSH_FROM = {"load": -2.0, "setback": -1.0}  # where the arrows from outside start (x), above stress
PUSH_TOP = 1.55
HEAD = 0.16  # an arrowhead's length
THINNEST = 0.008  # half-width of an arrow with no strength: a hairline, so the link stays visible


def run(params: dict[str, float], lang: str) -> CycleRun:
    """The model for the demo's parameters (a ParameterError for a bad one)."""
    return model.simulate(CycleParams(**params), lang)


def _arrow(points: list[Point], half: float) -> tuple[list[float | None], list[float | None]]:
    """A filled arrow along the polyline ``points`` (shaft ``2 * half`` thick, mitred corners), its
    head at the last point, as one closed outline (x, y) followed by a ``None`` break."""
    *body, tip = points
    (xa, ya), (xb, yb) = body[-1], tip
    length = math.hypot(xb - xa, yb - ya)
    ux, uy = (xb - xa) / length, (yb - ya) / length
    neck = (xb - HEAD * ux, yb - HEAD * uy)  # where the shaft meets the head
    path = [*body, neck]
    normals = []  # the left-hand unit normal of each segment
    for (x0, y0), (x1, y1) in zip(path, path[1:], strict=False):
        d = math.hypot(x1 - x0, y1 - y0)
        normals.append((-(y1 - y0) / d, (x1 - x0) / d))
    left, right = [], []
    for i, (x, y) in enumerate(path):
        # Offset along the mean of the segments' normals, lengthened so each edge stays ``half`` away.
        meeting = normals[max(i - 1, 0) : i + 1]
        nx, ny = sum(n[0] for n in meeting) / len(meeting), sum(n[1] for n in meeting) / len(meeting)
        scale = half / max(nx * meeting[-1][0] + ny * meeting[-1][1], 0.2)
        left.append((x + nx * scale, y + ny * scale))
        right.append((x - nx * scale, y - ny * scale))
    wing = half + 0.05
    head = [
        (neck[0] - uy * wing, neck[1] + ux * wing),
        (xb, yb),
        (neck[0] + uy * wing, neck[1] - ux * wing),
    ]
    outline = [*left, *head, *reversed(right), left[0]]
    return [round(x, 3) for x, _ in outline] + [None], [round(y, 3) for _, y in outline] + [None]


def _bar(points: list[Point], half: float) -> tuple[list[float | None], list[float | None]]:
    """A filled straight piece of shaft with no head (the start of a broken link)."""
    (x0, y0), (x1, y1) = points
    d = math.hypot(x1 - x0, y1 - y0)
    nx, ny = -(y1 - y0) / d * half, (x1 - x0) / d * half
    outline = [(x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny), (x0 - nx, y0 - ny), (x0 + nx, y0 + ny)]
    return [round(x, 3) for x, _ in outline] + [None], [round(y, 3) for _, y in outline] + [None]


def _join(pieces: list[tuple[list, list]]) -> tuple[list, list]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for x, y in pieces:
        xs += x
        ys += y
    return xs, ys


def _half(strength: float, full: float) -> float:
    """Half an arrow's thickness for ``strength`` of at most ``full``."""
    return THINNEST + 0.05 * min(strength / full, 1.0) if full else THINNEST


def gap(link: int) -> Point:
    """Where a broken link is cut: halfway along its arrow to fewer resources."""
    y = LINK_Y[link - 1]
    return round((LINK_HALF + RESOURCES_AT[0] - NODE_HALF) / 2, 3), round((y + RESOURCES_AT[1]) / 2, 3)


def circle(result: CycleRun) -> dict[str, tuple[list, list]]:
    """The circle's arrows as filled outlines: the links (from the measure on, a broken one cut), the
    path back to stress, and the load and the setback pressing from outside."""
    p = result.params
    share = p.loop / len(LINKS)
    r_after = model.loop_strength(p.loop, p.broken)
    link_half = _half(share, model.RANGES["loop"][1] / len(LINKS))
    (sx, sy), (rx, ry) = STRESS_AT, RESOURCES_AT
    pieces = []
    for i, y in enumerate(LINK_Y, start=1):
        pieces.append(_arrow([(sx + NODE_HALF, sy), (-LINK_HALF, y)], link_half))
        to_resources = [(LINK_HALF, y), (rx - NODE_HALF, ry)]
        if i == p.broken:
            cx, cy = gap(i)
            pieces.append(_bar([to_resources[0], (cx - 0.12, cy + 0.12 * (y - ry) / 1.1)], link_half))
        else:
            pieces.append(_arrow(to_resources, link_half))
    back = [(rx, ry - 0.25), (rx, LOOP_Y), (sx, LOOP_Y), (sx, sy - 0.25)]
    pieces.append(_arrow(back, _half(r_after, model.RANGES["loop"][1])))
    pushes = {}
    for name, param in (("load", "chronic_load"), ("setback", "setback")):
        strength = getattr(p, param)
        if strength <= 0:
            pushes[name] = ([], [])
            continue
        top = (PUSH_FROM[name], PUSH_TOP)
        end = (sx + (PUSH_FROM[name] - sx) * 0.25, sy + 0.28)
        pushes[name] = _arrow([top, end], _half(strength, model.RANGES[param][1]))
    cut = ([gap(p.broken)[0]], [gap(p.broken)[1]]) if p.broken else ([], [])
    return {"loop": _join(pieces), "cut": cut, **pushes}


def state_lines(before: model.Equilibria, after: model.Equilibria) -> dict[str, tuple[list, list]]:
    """Each kind of equilibrium (calm, high, ridge) as a line over the weeks in which it exists,
    ``before`` the measure and ``after`` it, clipped to the scale's top (chapter 4's demo draws a
    person's ridge with it too)."""
    lines: dict[str, tuple[list, list]] = {}
    parts = [(0.0, MEASURE_WEEK, before), (MEASURE_WEEK, HORIZON, after)]
    for kind in ("calm", "high", "ridge"):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for start, end, eq in parts:
            value = getattr(eq, kind)
            if value is not None:
                level = round(min(value, model.STRESS_MAX), 1)
                xs += [start, end, None]
                ys += [level, level, None]
        lines[kind] = (xs, ys)
    return lines


def _shape(name: str, xy: tuple[list, list], colour: str, lang: str, fill: str | None = None) -> dict:
    """Filled outlines on the circle panel."""
    return {
        "type": "scatter",
        "name": tr(lang, f"cycle.trace.{name}"),
        "mode": "lines",
        "x": xy[0],
        "y": xy[1],
        "line": {"color": colour, "width": 1},
        "fill": "toself",
        "fillcolor": fill or colour,
        "hoverinfo": "skip",
        "xaxis": "x",
        "yaxis": "y",
    }


def _curve(name: str, xy: tuple[list, list], colour: str, lang: str, **line) -> dict:
    return over_time(tr(lang, f"cycle.trace.{name}"), *xy, colour, **line)


def _node(text: str, at: Point, size: int = 12) -> dict:
    """A labelled box on the circle panel (a layout annotation: the same in every state)."""
    return {
        "text": text,
        "x": at[0],
        "y": at[1],
        "xref": "x",
        "yref": "y",
        "showarrow": False,
        "font": {"size": size, "color": INK},
        "bgcolor": "#ffffff",
        "bordercolor": GREY,
        "borderwidth": 1,
        "borderpad": 3,
    }


def figure(result: CycleRun, week: int, lang: str) -> dict:
    """The circle beside stress over the weeks, as plotly JSON (``week`` unused: no time axis)."""
    p = result.params
    drawn = circle(result)
    states = state_lines(result.before, result.after)
    onset, end = SETBACK_WEEK, SETBACK_WEEK + SETBACK_WEEKS
    band = ([onset, end, end, onset, onset], [0, 0, 100, 100, 0]) if p.setback > 0 else ([], [])
    measure = ([MEASURE_WEEK, MEASURE_WEEK], [0, 100]) if result.measured else ([], [])
    data = [
        _shape("loop", drawn["loop"], VERMILLION, lang),
        {
            **_shape("cut", drawn["cut"], GREEN, lang),
            "mode": "markers",
            "marker": {"symbol": "x-thin", "size": 16, "line": {"width": 4, "color": GREEN}},
            "fill": "none",
        },
        {**_shape("load", drawn["load"], PURPLE, lang), "showlegend": False},  # named in the picture
        {**_shape("push", drawn["setback"], BAND_EDGE, lang), "showlegend": False},
        {**_curve("setback", band, BAND_EDGE, lang, width=1.5), "fill": "toself", "fillcolor": "rgba(230,159,0,0.25)"},
        _curve("measure", measure, GREEN, lang, dash="dot"),
        _curve("calm", states["calm"], GREEN, lang, dash="dash"),
        _curve("high", states["high"], VERMILLION, lang, dash="dash"),
        _curve("ridge", states["ridge"], GREY, lang, dash="dot"),
        _curve("stress", (list(result.times), [round(s, 1) for s in result.stress]), BLUE, lang, width=3),
    ]
    names = [tr(lang, f"cycle.short.{link}") for link in LINKS]
    nodes = [
        _node(tr(lang, "cycle.node.stress"), STRESS_AT, 13),
        _node(tr(lang, "cycle.node.resources"), RESOURCES_AT, 13),
        *(_node(name, (0, y), 11) for name, y in zip(names, LINK_Y, strict=True)),
        {
            **_node(tr(lang, "cycle.node.load"), (PUSH_FROM["load"], PUSH_TOP), 11),
            "borderwidth": 0,
            "yanchor": "bottom",
        },
        {
            **_node(tr(lang, "cycle.node.setback"), (PUSH_FROM["setback"], PUSH_TOP), 11),
            "borderwidth": 0,
            "yanchor": "bottom",
        },
    ]
    frame = two_panels(lang, height=440, legend_x=0, legend_y=-0.16, curve_from=0.56)
    layout = {
        **frame,
        "xaxis": {**AXIS, "domain": [0, 0.48], "range": [-2.4, 2.4], "visible": False},
        "yaxis": {**AXIS, "range": [-1.3, 2.05], "visible": False},
        "yaxis2": {**frame["yaxis2"], "title": {"text": tr(lang, "cycle.axis.stress"), "standoff": 4}},
        "annotations": [
            panel_title(tr(lang, "cycle.panel.circle"), 0, "left"),
            panel_title(tr(lang, "cycle.panel.curve"), 1, "right"),
            *nodes,
        ],
    }
    return {"data": data, "layout": layout}


def _load(value: float | None, lang: str) -> str:
    return "" if value is None else number(value, 1, lang)


def describe(result: CycleRun, lang: str) -> tuple[str, str]:
    """The outcome's name and the sentences that explain it, in ``lang``."""
    p = result.params
    before = result.before
    peak = max(result.stress[int(SETBACK_WEEK) :]) if p.setback > 0 else result.stress[int(SETBACK_WEEK)]
    fields = {
        "calm": number(before.calm or 0, 0, lang),
        "high": number(min(before.high or 0, model.STRESS_MAX), 0, lang),
        "ridge": number(before.ridge or 0, 0, lang),
        "peak": number(peak, 0, lang),
        "end": number(result.stress_end, 0, lang),
        "tip": _load(result.tip_load, lang),
        "return": _load(result.return_load, lang),
        "weeks": plural(lang, "kit.unit.weeks", round(result.recovery_time or 0)),
        "measure": number(MEASURE_WEEK, 0, lang),
        "link": tr(lang, f"cycle.short.{LINKS[p.broken - 1]}").lower() if p.broken else "",
    }
    sentences = []
    everyday = result.cause == "load" and result.tip_load is not None and result.tip_load <= 0
    cause = "everyday" if everyday else result.cause  # with so few resources no load is needed to tip
    if result.outcome in ("tipped", "back_after_measure"):
        sentences.append(tr(lang, f"cycle.explain.tipped_by.{cause}", **fields))
    else:
        sentences.append(tr(lang, f"cycle.explain.{result.outcome}", **fields))
        if result.tip_load is None:
            sentences.append(tr(lang, "cycle.explain.no_fold"))
        elif result.outcome == "steady":
            sentences.append(tr(lang, "cycle.explain.below_tip", **fields))
    if result.measured:
        what = "both" if p.lift and p.broken else "lift" if p.lift else "broken"
        if not result.tipped:
            key = "calm"
        else:
            key = "stuck" if result.still_high else "back"
        sentences.append(tr(lang, f"cycle.explain.measure.{what}.{key}", **fields))
        if result.tipped and result.still_high and p.lift and result.return_load_after is not None:
            sentences.append(tr(lang, "cycle.explain.hysteresis", back=_way_back(result.return_load_after, lang)))
    label = tr(lang, f"cycle.outcome.{result.outcome}")
    if result.outcome == "tipped":
        label = tr(lang, f"cycle.outcome.tipped_by.{cause}")
    return label, " ".join(sentences)


def _way_back(load: float | None, lang: str) -> str:
    """Below which chronic load a tipped state comes back, in words."""
    if load is None:
        return tr(lang, "cycle.way_back.no_fold")
    if load <= 0:
        return tr(lang, "cycle.way_back.never")
    return tr(lang, "cycle.way_back.below", load=number(load, 1, lang))


def readout(result: CycleRun, lang: str) -> dict[str, str]:
    """The numbers beside the figure: the tipping point, the way back, the recovery time."""
    if result.tip_load is None:
        tip = tr(lang, "cycle.tip.none")
    elif result.tip_load <= 0:
        tip = tr(lang, "cycle.tip.always")
    else:
        tip = tr(lang, "cycle.tip.value", load=number(result.tip_load, 1, lang))
    if result.params.setback <= 0:
        recovery = tr(lang, "cycle.recovery.no_setback")
    elif result.tipped:
        recovery = tr(lang, "cycle.recovery.tipped")
    elif result.recovery_time is None:
        recovery = tr(lang, "cycle.recovery.none", measure=number(MEASURE_WEEK, 0, lang))
    else:
        recovery = plural(lang, "kit.unit.weeks", round(result.recovery_time))
    return {
        "tip": tip,
        "back": _way_back(result.return_load, lang),
        "recovery": recovery,
        "end": number(result.stress_end, 0, lang),
    }


DEFAULT = CycleParams()

SPEC = declare(
    id="cycle",
    params=[
        {
            "name": "chronic_load",
            "values": (0, 1, 2, 3, 4, 5, 6),
            "default": DEFAULT.chronic_load,
            "unit": "points_per_week",
        },
        {"name": "resources", "values": (1, 2, 3, 4, 5), "default": DEFAULT.resources},
        {"name": "loop", "values": (0, 10, 20, 30, 40), "default": DEFAULT.loop, "unit": "points_per_week"},
        {"name": "setback", "values": (0, 5, 10, 20), "default": DEFAULT.setback, "unit": "points_per_week"},
        {
            "name": "lift",
            "values": (0, 1),
            "default": DEFAULT.lift,
            "integer": True,
            "control": "select",
            "labels": "cycle.lift",
            "group": "measure",
        },
        {
            "name": "broken",
            "values": tuple(range(len(LINKS) + 1)),
            "default": DEFAULT.broken,
            "integer": True,
            "control": "select",
            "labels": "cycle.broken",
            "group": "measure",
        },
    ],
    presets={
        "weak_loop": {"loop": 10, "setback": 20},
        "small_setback": {},
        "near_tip": {"chronic_load": 4, "setback": 5},
        "tip_by_setback": {"setback": 20},
        "tip_by_load": {"chronic_load": 5, "setback": 0},
        # Two regimes side by side: after the same kind of tip, lifting the load does not bring calm
        # back with the strong circle of the default, and does with a weaker one (chapter 3, task 5).
        "lift_load": {"setback": 20, "lift": 1},
        "lift_load_works": {"loop": 20, "chronic_load": 5, "setback": 20, "lift": 1},
        "break_link": {"setback": 20, "broken": 4},
    },
    readouts=("tip", "back", "recovery", "end"),
    traces=("loop", "cut", "load", "push", "setback", "measure", "calm", "high", "ridge", "stress"),
    route="grid",
    # Under 540 px the two panels stack: the circle on top, stress over the weeks below.
    compact={
        "height": 780,
        "margin": {"b": 150},
        "xaxis": {"domain": [0, 1]},
        "yaxis": {"domain": [0.58, 1]},
        "xaxis2": {"domain": [0.12, 1]},
        "yaxis2": {"domain": [0, 0.44]},
        "legend": {"y": -0.1},
        "annotations": [{}, {"x": 0, "xanchor": "left", "y": 0.47}],
    },
    dark=DARK,
    run=run,
    figure=figure,
    describe=describe,
    readout=readout,
)


class CycleDemo(Demo):
    """The vicious stress circle as an interactive demo (a thinking model, not a measurement).

    ``CycleDemo(lang="en", chronic_load=5)`` starts from the default scenario with the given
    changes; ``demo.preset("lift_load")`` opens a named scenario. A bad value raises a
    ParameterError (a ValueError) in ``lang``.
    """

    spec = SPEC
