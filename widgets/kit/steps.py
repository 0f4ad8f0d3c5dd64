"""A labelled slider over a list of positions, for the live panel, with an optional play button.

Why not ipywidgets' own: its sliders draw a ``role="slider"`` handle that no label names (the
``description`` label points at nothing), and its Play widget has icon-only buttons without a name,
so axe in JupyterLab finds both (tests/test_lab_accessibility.py). This widget (anywidget, already
a dependency for plotly's FigureWidget) draws a native ``<input type="range">`` with a ``<label>``,
the value with its unit as ``aria-valuetext`` and beside it, the help text as the input's title, and
a play button named by its text. Python sees ``value`` and ``options`` as on a SelectionSlider.
"""

from __future__ import annotations

import anywidget
from traitlets import Any, Int, List, Unicode, observe, validate
from veerkracht.models.checks import ParameterError, shown

_ESM = """
function render({ model, el }) {
  // One count for the page: each widget may get its own copy of this module, so a count of its own
  // (or the time) would give two sliders the same id and a label the wrong slider.
  globalThis.vkSteps = (globalThis.vkSteps || 0) + 1;
  const id = `vk-step-${globalThis.vkSteps}`;
  const row = document.createElement("div");
  row.className = "vk-step";
  const label = document.createElement("label");
  label.htmlFor = id;
  const input = document.createElement("input");
  Object.assign(input, { type: "range", id, min: 0, step: 1 });
  const shown = document.createElement("output");
  shown.htmlFor = id;
  let button = null;
  let timer = null;
  const last = () => model.get("labels").length - 1;
  const go = (i) => { model.set("index", i); model.save_changes(); };
  const stop = () => {
    clearInterval(timer);
    timer = null;
    if (button) { button.textContent = model.get("play_text"); button.setAttribute("aria-pressed", "false"); }
  };
  function draw() {
    const labels = model.get("labels");
    const i = model.get("index");
    label.textContent = model.get("description");
    input.max = String(labels.length - 1);
    input.value = String(i);
    input.title = model.get("help");
    input.setAttribute("aria-valuetext", labels[i] ?? "");
    shown.textContent = labels[i] ?? "";
  }
  input.addEventListener("input", () => go(Number(input.value)));
  row.append(label, input, shown);
  if (model.get("play_text")) {
    button = document.createElement("button");
    button.type = "button";
    button.className = "vk-step-play";
    button.addEventListener("click", () => {
      if (timer) { stop(); return; }
      if (model.get("index") >= last()) go(0);
      button.textContent = model.get("pause_text");
      button.setAttribute("aria-pressed", "true");
      timer = setInterval(() => (model.get("index") >= last() ? stop() : go(model.get("index") + 1)),
                          model.get("interval"));
    });
    stop();
    row.prepend(button);
  }
  for (const name of ["index", "labels", "description", "help"]) model.on(`change:${name}`, draw);
  draw();
  el.append(row);
  return () => clearInterval(timer);
}
export default { render };
"""

_CSS = """
.vk-step { display: flex; flex-wrap: wrap; align-items: center; gap: 0.2em 0.6em; margin: 0.2em 0;
           font-size: 16px; line-height: 1.4; }
.vk-step label { flex: 0 0 13em; }
.vk-step input[type="range"] { flex: 0 1 14em; min-width: 8em; }
.vk-step output { white-space: nowrap; }
.vk-step button { font-size: 16px; padding: 0.2em 0.8em; cursor: pointer; }
"""


class StepSlider(anywidget.AnyWidget):
    """A slider over ``options`` (``(label, value)`` pairs, low to high), named by ``description``."""

    _esm = _ESM
    _css = _CSS
    labels = List(Unicode()).tag(sync=True)  # what the reader sees (and hears) at each position
    index = Int(0).tag(sync=True)
    description = Unicode("").tag(sync=True)  # the control's label
    help = Unicode("").tag(sync=True)  # one line on what the control does: the input's title
    play_text = Unicode("").tag(sync=True)  # with a text, a play button steps through the positions
    pause_text = Unicode("").tag(sync=True)
    interval = Int(150).tag(sync=True)  # ms per step while playing
    options = List()
    value = Any()
    # Why a value is refused, in the reader's language ({value}: the value asked): set by the panel.
    refusal = Unicode("{value} is not one of this control's values.")

    def __init__(self, options: list[tuple[str, float]], value: float, **kwargs: object) -> None:
        super().__init__(options=list(options), **kwargs)
        self.value = value

    @observe("options")
    def _on_options(self, change: dict) -> None:
        self.labels = [label for label, _ in change["new"]]
        values = [v for _, v in change["new"]]
        if self.value in values:
            self.index = values.index(self.value)

    @observe("index")
    def _on_index(self, change: dict) -> None:
        self.value = self.options[change["new"]][1]

    @validate("value")
    def _valid_value(self, proposal: dict) -> object:
        values = [v for _, v in self.options]
        if proposal["value"] not in values:
            raise ParameterError(self.refusal.format(value=shown(proposal["value"])), self.description)
        return proposal["value"]

    @observe("value")
    def _on_value(self, change: dict) -> None:
        self.index = [v for _, v in self.options].index(change["new"])
