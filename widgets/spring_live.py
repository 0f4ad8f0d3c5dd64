"""The live rendering of the spring demo: ipywidgets controls driving a plotly FigureWidget.

A container with private controls and one wiring step (as in the ipywidgets tutorial's
password generator): the controls change the demo's parameters, the demo recomputes, the
panel redraws.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go
from veerkracht.i18n import tr
from veerkracht.models.checks import ParameterError
from veerkracht.models.spring import HORIZON
from veerkracht.spring_demo import GRID, SpringDemo, help_text, value_label
from veerkracht.spring_figure import describe, spring_figure

PANEL_CSS = "font-size: 16px; line-height: 1.4"


class SpringPanel(widgets.VBox):
    """Controls, figure, outcome and time slider for one :class:`SpringDemo`."""

    def __init__(self, demo: SpringDemo) -> None:
        self._demo = demo
        lang = demo.lang
        self._controls: dict[str, widgets.SelectionSlider] = {}
        self._readouts: dict[str, widgets.Label] = {}
        rows = []
        for name, values in GRID.items():
            current = getattr(demo.params, name)
            options = sorted({*values, current})
            # The slider's own readout cuts "6 punten/week" short: show the value beside it.
            self._controls[name] = widgets.SelectionSlider(
                options=[(value_label(name, v, lang), v) for v in options],
                value=current,
                description=tr(lang, f"param.{name}"),
                tooltip=help_text(name, lang),
                readout=False,
                continuous_update=True,
                style={"description_width": "11em"},
                layout=widgets.Layout(width="24em"),
            )
            self._readouts[name] = widgets.Label(value_label(name, current, lang))
            rows.append(widgets.HBox([self._controls[name], self._readouts[name]]))
        self._week = widgets.IntSlider(
            value=demo.week,
            min=0,
            max=int(HORIZON),
            description=tr(lang, "param.week"),
            style={"description_width": "4em"},
            layout=widgets.Layout(width="30em"),
        )
        self._play = widgets.Play(value=demo.week, min=0, max=int(HORIZON), interval=150, description=tr(lang, "play"))
        widgets.jslink((self._play, "value"), (self._week, "value"))
        self._figure = go.FigureWidget(spring_figure(demo.run, demo.week, lang))
        self._outcome = widgets.HTML()
        self._error = widgets.HTML()
        disclaimer = widgets.HTML(f"<p style='{PANEL_CSS}'><em>{html.escape(tr(lang, 'disclaimer'))}</em></p>")

        for control in self._controls.values():
            control.observe(self._on_param, names="value")
        self._week.observe(self._on_week, names="value")

        super().__init__(
            [
                disclaimer,
                widgets.GridBox(rows, layout=widgets.Layout(grid_template_columns="repeat(auto-fill, 33em)")),
                self._error,
                self._figure,
                self._outcome,
                widgets.HBox([self._play, self._week]),
            ]
        )
        self._show_outcome()

    # -- callbacks: plain functions of the new value ----------------------------------------
    def _on_param(self, change: dict) -> None:
        for name, control in self._controls.items():
            self._readouts[name].value = control.label
        values = {name: control.value for name, control in self._controls.items()}
        try:
            self._demo.set(**values)
        except ParameterError:
            pass  # already shown in the panel by the demo

    def _on_week(self, change: dict) -> None:
        self._demo.week = change["new"]
        self.redraw()

    # -- drawing ---------------------------------------------------------------------------
    def redraw(self) -> None:
        """Bring figure and outcome in line with the demo's current run and week."""
        new = spring_figure(self._demo.run, self._demo.week, self._demo.lang)
        with self._figure.batch_update():
            for trace, fresh in zip(self._figure.data, new["data"], strict=True):
                trace.x, trace.y = fresh["x"], fresh["y"]
            self._figure.layout.annotations[0].text = new["layout"]["annotations"][0]["text"]
        self._show_outcome()

    def _show_outcome(self) -> None:
        label, text = describe(self._demo.run, self._demo.lang)
        self._outcome.value = f"<p style='{PANEL_CSS}'><strong>{html.escape(label)}</strong> {html.escape(text)}</p>"

    def show_error(self, message: str) -> None:
        """Show ``message`` above the figure (empty: hide it)."""
        if not message:
            self._error.value = ""
            return
        title = html.escape(tr(self._demo.lang, "error.title"))
        self._error.value = (
            f"<div role='alert' style='{PANEL_CSS}; border-left: 4px solid #D55E00; padding: 0.3em 0.8em;"
            f" background: #fff4ec; color: #1a1a1a'><strong>{title}</strong><br>{html.escape(message)}</div>"
        )
