"""The look the live questions' controls share (``veerkracht.quiz.live`` and each kind's ``widget``)."""

from __future__ import annotations

import ipywidgets as widgets

FONT = "font-size: 16px; line-height: 1.45"
UNSEEN_LABEL = {"description_width": "0px"}  # names the control; the text is shown beside it
CHOICES = "vk-quiz-choices"
# Single-choice buttons: one under the other, full width, their text wrapping and left-aligned. Not
# tied to the ``jupyter-widgets`` class, which JupyterLite's notebook app does not put on the
# buttons' box; ``!important`` over the widget manager's own one-line button rules.
CHOICE_CSS = (
    "<style>"
    f".{CHOICES} > div {{display: flex; flex-direction: column; align-items: stretch; gap: 0.3em}}"
    f".{CHOICES} .widget-toggle-button {{width: auto !important; height: auto !important;"
    " white-space: normal !important; overflow: visible !important; text-overflow: clip !important;"
    " text-align: left; font-size: 16px; line-height: 1.45; padding: 0.35em 0.8em}}"
    "</style>"
)


def html_box(text: str, **layout: str) -> widgets.HTML:
    """``text`` (HTML) in the questions' font, wrapping."""
    return widgets.HTML(f"<div style='{FONT}'>{text}</div>", layout=widgets.Layout(**layout))
