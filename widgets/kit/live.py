"""The live rendering of any demo: ipywidgets controls (sliders: kit/steps.py) and a figure drawn
by plotly.js (kit/plot.py), made from the demo's declaration. The panel observes the demo (result,
time, error) and redraws; its controls change the demo only through ``Demo.set`` and the ``time``
trait (one wiring step, as in the ipywidgets tutorial's password generator)."""

from __future__ import annotations

import html
import itertools
from typing import TYPE_CHECKING

import ipywidgets as ipw
from traitlets import TraitError, Unicode, link, validate
from veerkracht.i18n import tr
from veerkracht.kit.plot import Figure, library
from veerkracht.kit.steps import StepSlider
from veerkracht.kit.text import help_text, param_label, value_label
from veerkracht.models.checks import ParameterError, shown

if TYPE_CHECKING:
    from veerkracht.kit.demo import Demo

PANEL_CSS = "font-size: 16px; line-height: 1.4"


class Choice(ipw.Dropdown):
    """ipywidgets' Dropdown that refuses a value it does not offer in the reader's language."""

    refusal = Unicode("{value}")  # set by the panel: a translated message with a {value} field

    @validate("value")
    def _validate_value(self, proposal):  # replaces the Dropdown's own (an English TraitError)
        try:
            return super()._validate_value(proposal)
        except TraitError:
            raise ParameterError(self.refusal.format(value=shown(proposal["value"])), self.description) from None


class LivePanel(ipw.VBox):
    """Presets, controls, error box, figure, outcome, readouts and time slider for one demo."""

    def __init__(self, demo: Demo) -> None:
        self.demo = demo
        spec, lang = demo.spec, demo.lang
        self.controls: dict[str, ipw.ValueWidget] = {}
        boxes = []
        for group, params in itertools.groupby(spec.params, key=lambda p: p.group):
            rows = [self._control(param) for param in params]
            # Columns of 35em side by side where they fit; on a phone one column as wide as the screen.
            columns = "repeat(auto-fill, minmax(min(35em, 100%), 35em))"
            grid = ipw.GridBox(rows, layout=ipw.Layout(grid_template_columns=columns))
            if group is not None:
                legend = html.escape(tr(lang, f"{spec.id}.group.{group}"))
                grid = ipw.VBox([ipw.HTML(f"<strong style='{PANEL_CSS}'>{legend}</strong>"), grid])
            boxes.append(grid)
        self.presets = {
            name: ipw.Button(description=tr(lang, f"{spec.id}.preset.{name}"), layout=ipw.Layout(width="auto"))
            for name in spec.presets
        }
        self.figure = Figure(figure=demo.figure(), compact=spec.compact)
        self.outcome = ipw.HTML()
        self.readout = ipw.HTML()
        self.error = ipw.HTML()
        disclaimer = ipw.HTML(f"<p style='{PANEL_CSS}'><em>{html.escape(tr(lang, f'{spec.id}.disclaimer'))}</em></p>")
        children = [disclaimer]
        if self.presets:
            label = ipw.HTML(f"<span style='{PANEL_CSS}'>{html.escape(tr(lang, 'kit.presets'))}</span>")
            children.append(ipw.HBox([label, *self.presets.values()], layout=ipw.Layout(flex_flow="row wrap")))
        children += [*boxes, self.error, library(), self.figure, self.outcome, self.readout]
        if spec.time is not None:
            axis = spec.time
            self.time = StepSlider(
                [(str(t), t) for t in range(axis.last + 1)],
                demo.time,
                description=param_label(spec, axis.name, lang),
                play_text=tr(lang, "kit.play"),
                pause_text=tr(lang, "kit.pause"),
            )
            link((self.time, "value"), (demo, "time"))
            children.append(self.time)
        super().__init__(children)

        for name, control in self.controls.items():
            control.observe(lambda change, name=name: self._on_control(name, change["new"]), names="value")
        for name, button in self.presets.items():
            button.on_click(lambda _, name=name: demo.preset(name))
        demo.observe(self._on_params, names="params")
        demo.observe(lambda _: self.redraw(), names=["result", "time"])
        demo.observe(lambda change: self.show_error(change["new"]), names="error")
        self._show_outcome()
        self.show_error(demo.error)  # a panel made after a refused change shows why

    def _control(self, param) -> ipw.Widget:
        """A labelled slider with its value and unit beside it, or a list of labelled choices; the
        help text is the control's title (a tooltip, and its accessible description)."""
        spec, lang = self.demo.spec, self.demo.lang
        current = self.demo.params[param.name]
        options = self._options(param.name, current)
        label, help_line = param_label(spec, param.name, lang), help_text(spec, param.name, lang)
        positions = ", ".join(shown_as for shown_as, _ in options)
        refusal = tr(lang, "kit.error.not_a_position", name=label, value="{value}", values=positions)
        if param.control == "select":
            self.controls[param.name] = Choice(
                refusal=refusal,
                options=options,
                value=current,
                description=label,
                tooltip=help_line,
                style={"description_width": "13em"},
                layout=ipw.Layout(width="34em", max_width="100%"),
            )
        else:
            self.controls[param.name] = StepSlider(options, current, description=label, help=help_line, refusal=refusal)
        return self.controls[param.name]

    def _options(self, name: str, current: float) -> list[tuple[str, float]]:
        spec, lang = self.demo.spec, self.demo.lang
        values = sorted({*spec.param(name).values, current})
        return [(value_label(spec, name, v, lang), v) for v in values]

    # -- from the controls to the demo --------------------------------------------------------
    def _on_control(self, name: str, value: float) -> None:
        if self.demo.params.get(name) == value:
            return  # the control only followed the demo (a preset, or set() from code)
        try:
            self.demo.set(**{name: value})
        except ParameterError:
            pass  # the demo holds the message in its ``error``, which this panel shows

    # -- from the demo to the view ------------------------------------------------------------
    def _on_params(self, change: dict) -> None:
        for name, value in change["new"].items():
            control = self.controls[name]
            if value not in [v for _, v in control.options]:
                control.options = self._options(name, value)
            control.value = value

    def redraw(self) -> None:
        """Bring figure, outcome and readouts in line with the demo's current state (the figure
        is sent to the page only when it changed)."""
        self.figure.figure = self.demo.figure()
        self._show_outcome()

    def _show_outcome(self) -> None:
        spec, lang = self.demo.spec, self.demo.lang
        label, text = self.demo.describe()
        self.outcome.value = f"<p style='{PANEL_CSS}'><strong>{html.escape(label)}</strong> {html.escape(text)}</p>"
        items = "".join(
            f"<li>{html.escape(tr(lang, f'{spec.id}.readout.{name}'))}: <strong>{html.escape(value)}</strong></li>"
            for name, value in self.demo.readouts().items()
        )
        self.readout.value = f"<ul style='{PANEL_CSS}; margin: 0'>{items}</ul>" if items else ""

    def show_error(self, message: str) -> None:
        """Show ``message`` above the figure (empty: hide it)."""
        if not message:
            self.error.value = ""
            return
        title = html.escape(tr(self.demo.lang, "kit.error.title"))
        self.error.value = (
            f"<div role='alert' style='{PANEL_CSS}; border-left: 4px solid #D55E00; padding: 0.3em 0.8em;"
            f" background: #fff4ec; color: #1a1a1a'><strong>{title}</strong><br>{html.escape(message)}</div>"
        )
