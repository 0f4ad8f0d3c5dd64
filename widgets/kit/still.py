"""A demo's figure as a small still: an inline SVG drawn from the same plotly figure the demo
shows (``Demo.figure()``), at build time, with no script and no image file.

The welcome page's chapter cards show each chapter's demo so, in the state its page opens with:
because the still is made from the figure at every build, it cannot drift from the demo. It draws
what a glance needs (the lines, filled shapes and dots of every ``scatter`` trace on its axes, and a
frame round each visible pair of axes) and leaves out what a thumbnail cannot carry (text, legends,
annotations, arrow heads). Colours are the figure's own (the Okabe–Ito palette) on a light
background, like a photograph of the demo, in the dark theme too.
"""

from __future__ import annotations

import html
import math
from typing import Any

WIDTH = 720  # the figure's nominal width in the still's own units (a laptop's demo is about this wide)
DASHES = {"dash": "12 8", "dot": "3 6", "dashdot": "12 6 3 6", "longdash": "20 8"}
SKIPPED_SYMBOLS = ("arrow", "x-thin")  # arrow heads and crosses: lost at this size


def _axis(layout: dict, trace: dict, letter: str) -> dict:
    ref = trace.get(f"{letter}axis", letter)
    return layout.get(f"{letter}axis{ref[1:]}", {})


def _scale(axis: dict, values: list, start: float, size: float, flip: bool):
    """A function from data values to SVG units along one axis (its domain and range)."""
    low, high = axis.get("domain", [0, 1])
    span = axis.get("range")
    if not span:
        numbers = [v for v in values if isinstance(v, (int, float)) and math.isfinite(v)] or [0, 1]
        span = [min(numbers), max(numbers)] if min(numbers) != max(numbers) else [min(numbers) - 1, min(numbers) + 1]
    r0, r1 = span

    def scaled(value: float) -> float:
        share = low + (value - r0) / (r1 - r0) * (high - low)
        return round(start + (1 - share if flip else share) * size, 1)

    return scaled


def _runs(xs: list, ys: list, sx, sy) -> list[list[tuple[float, float]]]:
    """The points of a line, split where plotly breaks it (a ``None``)."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, y in zip(xs, ys, strict=False):
        if x is None or y is None:
            runs.append([])
        else:
            runs[-1].append((sx(x), sy(y)))
    return [run for run in runs if run]


def _each(value: Any, count: int) -> list:
    return list(value) if isinstance(value, (list, tuple)) else [value] * count


def still_svg(figure: dict, label: str, width: int = 320) -> str:
    """``figure`` (plotly JSON) as an inline ``<svg>`` ``width`` pixels wide (its height follows the
    figure's proportions), with ``label`` as its text alternative (``role="img"``)."""
    layout = figure.get("layout", {})
    height = layout.get("height", 400)
    margin = {"l": 10, "r": 10, "t": 40, "b": 50, **layout.get("margin", {})}
    left, top = margin["l"], margin["t"]
    plot_w, plot_h = WIDTH - margin["l"] - margin["r"], height - margin["t"] - margin["b"]
    parts = [f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>']
    framed = set()
    for trace in figure.get("data", []):
        if trace.get("type", "scatter") != "scatter" or not trace.get("x"):
            continue
        xaxis, yaxis = _axis(layout, trace, "x"), _axis(layout, trace, "y")
        sx = _scale(xaxis, trace["x"], left, plot_w, flip=False)
        sy = _scale(yaxis, trace["y"], top, plot_h, flip=True)
        if xaxis.get("visible", True) and id(xaxis) not in framed:
            framed.add(id(xaxis))
            x0, x1 = (left + d * plot_w for d in xaxis.get("domain", [0, 1]))
            y0, y1 = (top + (1 - d) * plot_h for d in reversed(yaxis.get("domain", [0, 1])))
            parts.insert(
                1,
                f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}" '
                'fill="none" stroke="#b3b3b3" stroke-width="2"/>',
            )
        mode = trace.get("mode", "lines")
        line = trace.get("line", {})
        if "lines" in mode:
            colour = line.get("color", "#6b6b6b")
            dash = DASHES.get(line.get("dash", "solid"))
            stroke = f' stroke="{colour}" stroke-width="{line.get("width", 2)}"' + (
                f' stroke-dasharray="{dash}"' if dash else ""
            )
            for run in _runs(trace["x"], trace["y"], sx, sy):
                points = " ".join(f"{x:g},{y:g}" for x, y in run)
                if trace.get("fill") == "toself":
                    fill = trace.get("fillcolor", colour)
                    parts.append(f'<polygon points="{points}" fill="{fill}"{stroke} stroke-linejoin="round"/>')
                else:
                    parts.append(f'<polyline points="{points}" fill="none"{stroke} stroke-linejoin="round"/>')
        marker = trace.get("marker", {})
        if "markers" in mode and not str(marker.get("symbol", "circle")).startswith(SKIPPED_SYMBOLS):
            count = len(trace["x"])
            rim = marker.get("line", {})
            fills = _each(marker.get("color", line.get("color", "#6b6b6b")), count)
            sizes = _each(marker.get("size", 6), count)
            rims = _each(rim.get("color", "none"), count)
            rim_widths = _each(rim.get("width", 0), count)
            for i, (x, y) in enumerate(zip(trace["x"], trace["y"], strict=False)):
                if x is None or y is None or not sizes[i]:
                    continue
                parts.append(
                    f'<circle cx="{sx(x):g}" cy="{sy(y):g}" r="{sizes[i] / 2:g}" fill="{fills[i]}" '
                    f'stroke="{rims[i]}" stroke-width="{rim_widths[i]}"/>'
                )
    shown_height = round(width * height / WIDTH)
    return (
        f'<svg class="vk-still" role="img" aria-label="{html.escape(label, quote=True)}" '
        f'viewBox="0 0 {WIDTH} {height}" width="{width}" height="{shown_height}" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'
    )
