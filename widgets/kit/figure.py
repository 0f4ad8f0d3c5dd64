"""What the demos' figures share: the palette, the axes and the frame of a two-panel figure whose
right-hand panel is wellbeing over the weeks (plain plotly JSON; views only draw)."""

from __future__ import annotations

from veerkracht.i18n import tr
from veerkracht.models.spring import HORIZON

# Colour-blind-safe palette (Okabe & Ito); every line and marker has 3:1 contrast on white.
BLUE, VERMILLION, GREEN, PURPLE, GREY, INK = "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#6b6b6b", "#1a1a1a"
DARK_BACKGROUND, LIGHT_INK = "#14181e", "#e8e8e8"  # pydata-sphinx-theme's dark background; text on it
BAND_EDGE = "#9a6700"  # a darker orange: the setback band's outline meets 3:1 against white (WCAG 1.4.11)
DARK = {"#ffffff": DARK_BACKGROUND, INK: LIGHT_INK}  # in dark mode the figure follows the page
AXIS = {"showgrid": False, "zeroline": False, "fixedrange": True}
GRID = {"showgrid": True, "gridcolor": "rgba(128,128,128,0.2)"}


def panel_title(text: str, x: float, anchor: str) -> dict:
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


def over_time(name: str, xs: list, ys: list, colour: str, **line) -> dict:
    """A line on the right-hand panel (the weeks, axes x2 and y2); ``name`` is its legend text."""
    return {
        "type": "scatter",
        "name": name,
        "mode": "lines",
        "x": xs,
        "y": ys,
        "line": {"color": colour, "width": 2, **line},
        "hoverinfo": "skip",
        "xaxis": "x2",
        "yaxis": "y2",
    }


def two_panels(lang: str, height: int, legend_x: float, legend_y: float, curve_from: float) -> dict:
    """The frame of a figure with a picture on the left (x, y) and wellbeing over the weeks on the
    right (x2, y2, from ``curve_from`` of the width): each demo adds its own left axes and titles."""
    return {
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 40, "b": 50},
        "font": {"size": 14, "color": INK},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "showlegend": True,
        "legend": {"orientation": "h", "x": legend_x, "y": legend_y, "font": {"size": 12}},
        "xaxis2": {
            **AXIS,
            **GRID,
            "anchor": "y2",
            "domain": [curve_from, 1],
            "range": [0, HORIZON],
            "title": {"text": tr(lang, "spring.axis.time"), "standoff": 4},
        },
        "yaxis2": {
            **AXIS,
            **GRID,
            "range": [0, 102],
            "anchor": "x2",
            "title": {"text": tr(lang, "spring.axis.wellbeing"), "standoff": 4},
        },
    }
