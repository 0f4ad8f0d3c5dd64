"""The live rendering of any demo: ipywidgets controls (sliders: kit/steps.py) and a plotly FigureWidget, made from the
demo's declaration. The panel observes the demo (result, time, error) and redraws; its controls
change the demo only through ``Demo.set`` and the ``time`` trait (one wiring step, as in the
ipywidgets tutorial's password generator)."""

from __future__ import annotations

import html
import itertools

import anywidget
import ipywidgets as ipw
import plotly.graph_objects as go
from traitlets import link
from veerkracht.i18n import tr
from veerkracht.kit.declare import COMPACT_WIDTH
from veerkracht.kit.demo import Demo
from veerkracht.kit.steps import StepSlider
from veerkracht.kit.text import help_text, param_label, value_label
from veerkracht.models.checks import ParameterError

PANEL_CSS = "font-size: 16px; line-height: 1.4"

# plotly's widget draws a figure before the notebook shows it, when its box has no width yet, so at
# plotly's default 700 px, and it no longer follows its box (plotly.py issue 5208): on a phone or in
# a narrow window the figure runs off the side. This redraws each figure at its box's width, once
# drawn and whenever that width changes (a window resized, a phone turned), in the demo's compact
# layout (its declaration's ``compact``, in the figure's ``meta``) below the width the site uses for
# it. One listener a page.
_FIT_ESM = r"""
const COMPACT_WIDTH = {COMPACT_WIDTH};
const NARROWEST = 320;  // px: a figure squeezed further (a side panel open) scrolls instead
function paths(patch, prefix = "", out = {}) {  // {xaxis: {domain: d}} -> {"xaxis.domain": d}
  for (const [key, value] of Object.entries(patch)) {
    const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
    if (isObject(value)) paths(value, `${prefix}${key}.`, out);
    else if (Array.isArray(value) && value.every(isObject)) {
      value.forEach((v, i) => paths(v, `${prefix}${key}[${i}].`, out));
    }
    else out[prefix + key] = value;
  }
  return out;
}
const lookup = (layout, path) =>
  path.split(/[.[\]]+/).filter(Boolean).reduce((o, k) => (o == null ? o : o[k]), layout);
function fit(plot) {
  const full = plot._fullLayout;
  if (!window.Plotly || !full || plot.clientWidth <= 0) return;
  const width = Math.max(plot.clientWidth, NARROWEST);
  if (plot.layout.width && !plot.vkSized) return;  // a figure its author gave a width keeps it
  const compact = full.meta && full.meta.compact;
  const narrow = width < COMPACT_WIDTH;
  let changes = {};
  if (compact && narrow && !plot.vkBefore) {
    changes = paths(compact);
    plot.vkBefore = Object.fromEntries(Object.keys(changes).map((k) => [k, lookup(plot.layout, k) ?? null]));
  } else if (plot.vkBefore && !narrow) {
    changes = plot.vkBefore;
    plot.vkBefore = undefined;
  }
  // The width is set, not left to plotly's autosize: that measured the box once, when it had none.
  if (Math.abs(width - full.width) > 1) changes.width = width;
  if (Object.keys(changes).length) {
    plot.vkSized = true;
    window.Plotly.relayout(plot, changes);
  }
}
function start() {
  if (window.vkFitFigures) return;
  const observer = new ResizeObserver((entries) => entries.forEach((entry) => fit(entry.target)));
  const watch = (plot) => observer.observe(plot);
  document.addEventListener("plotlywidget-after-render", (event) => watch(event.detail.element));
  document.querySelectorAll(".js-plotly-plot").forEach(watch);
  window.vkFitFigures = observer;
}
export default { render: start };
""".replace("{COMPACT_WIDTH}", str(COMPACT_WIDTH))


class FitFigures(anywidget.AnyWidget):
    """Nothing to see: its script makes the page's plotly figures fit their boxes (``_FIT_ESM``)."""

    _esm = _FIT_ESM


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
        self._drawn = demo.figure()  # what the figure shows: a redraw sends only what differs
        self.figure = go.FigureWidget(self._drawn)
        if spec.compact:
            self.figure.layout.meta = {"compact": spec.compact}  # for FitFigures on a narrow screen
        self.outcome = ipw.HTML()
        self.readout = ipw.HTML()
        self.error = ipw.HTML()
        disclaimer = ipw.HTML(f"<p style='{PANEL_CSS}'><em>{html.escape(tr(lang, f'{spec.id}.disclaimer'))}</em></p>")
        children = [disclaimer]
        if self.presets:
            label = ipw.HTML(f"<span style='{PANEL_CSS}'>{html.escape(tr(lang, 'kit.presets'))}</span>")
            children.append(ipw.HBox([label, *self.presets.values()], layout=ipw.Layout(flex_flow="row wrap")))
        children += [*boxes, self.error, FitFigures(), self.figure, self.outcome, self.readout]
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
        if param.control == "select":
            self.controls[param.name] = ipw.Dropdown(
                options=options,
                value=current,
                description=label,
                tooltip=help_line,
                style={"description_width": "13em"},
                layout=ipw.Layout(width="34em", max_width="100%"),
            )
        else:
            self.controls[param.name] = StepSlider(options, current, description=label, help=help_line)
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
        """Bring figure, outcome and readouts in line with the demo's current state."""
        new, old = self.demo.figure(), self._drawn
        with self.figure.batch_update():
            for trace, fresh, before in zip(self.figure.data, new["data"], old["data"], strict=True):
                changed = {key: value for key, value in fresh.items() if before.get(key) != value}
                if changed:
                    trace.update(changed)
            for annotation, fresh, before in zip(
                self.figure.layout.annotations, new["layout"]["annotations"], old["layout"]["annotations"], strict=True
            ):
                if fresh["text"] != before["text"]:
                    annotation.text = fresh["text"]
        self._drawn = new
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
