"""Colour gate for every demo figure: each line and marker stands out from the white plot at 3:1
(WCAG 1.4.11, non-text contrast) and every text at 4.5:1, in light and in dark mode; lines that
share a hue differ in dash."""

import pytest
from veerkracht.kit.registry import registry

DEMOS = sorted(registry())


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture(params=[(demo, mode) for demo in DEMOS for mode in ("light", "dark")], ids=str)
def figure(request):
    """Each demo's figure as the site draws it in light and in dark mode."""
    demo, mode = request.param
    live = registry()[demo](lang="en")
    return live.figure() if mode == "light" else live.spec.dark_figure(live.figure())


def colours(value) -> list[str]:
    """A plotly colour or per-point list of colours, as a list."""
    return list(value) if isinstance(value, list | tuple) else [value]


def edges(trace: dict) -> list[str]:
    """The colours that draw a trace against the background: its line, or else each marker's
    outline where it has one (a ring's white inside is not its edge), or else the marker."""
    if trace.get("line"):
        return colours(trace["line"]["color"])
    marker = trace["marker"]
    outline = marker.get("line", {}).get("color")
    return colours(outline) if outline is not None else colours(marker["color"])


def test_lines_and_markers_stand_out_from_the_background(figure):
    background = figure["layout"]["plot_bgcolor"]
    for trace in figure["data"]:
        for colour in edges(trace):
            assert contrast(colour, background) >= 3, (trace["name"], colour)


def test_texts_are_readable(figure):
    layout = figure["layout"]
    assert contrast(layout["font"]["color"], layout["paper_bgcolor"]) >= 4.5


def test_lines_in_the_legend_with_the_same_colour_differ_by_dash(figure):
    lines = [t for t in figure["data"] if t.get("mode") == "lines" and t.get("showlegend", True)]
    styles = [(t["line"]["color"], t["line"].get("dash", "solid")) for t in lines]
    assert len(styles) == len(set(styles))
    assert ("#0072B2", "solid") in styles  # the main curve is the one solid blue line


def test_markers_are_outlined_against_the_background(figure):
    background = figure["layout"]["plot_bgcolor"]
    for trace in figure["data"]:
        outline = (trace.get("marker") or {}).get("line", {}).get("color")
        for colour in colours(outline) if outline else []:
            assert contrast(colour, background) >= 3, trace["name"]
