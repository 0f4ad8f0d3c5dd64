"""Colour gate for the demo figure: every line and marker stands out from the white plot at 3:1
(WCAG 1.4.11, non-text contrast) and every text at 4.5:1; lines that share a hue differ in dash."""

import pytest
from veerkracht.models.spring import SpringParams, simulate
from veerkracht.spring_figure import spring_figure


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture(scope="module")
def figure():
    return spring_figure(simulate(SpringParams()), 8, "en")


def test_lines_and_markers_stand_out_from_the_background(figure):
    background = figure["layout"]["plot_bgcolor"]
    for trace in figure["data"]:
        colour = (trace.get("line") or trace.get("marker"))["color"]
        assert contrast(colour, background) >= 3, (trace["name"], colour)


def test_texts_are_readable(figure):
    layout = figure["layout"]
    assert contrast(layout["font"]["color"], layout["paper_bgcolor"]) >= 4.5


def test_reference_lines_differ_by_dash_not_only_by_colour(figure):
    dashes = {t["name"]: t["line"].get("dash", "solid") for t in figure["data"] if t.get("mode") == "lines"}
    assert dashes["Wellbeing"] == "solid"
    assert dashes["Elastic limit"] == dashes["Resting point without load"] == "dot"
