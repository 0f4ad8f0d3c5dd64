"""The live figure: a small anywidget that draws a demo's plotly JSON with plotly.js, the same
basic bundle the static site serves (``veerkracht/vendor/plotly-basic.min.js``).

Why not plotly's own ``FigureWidget``:

- Importing it imports nbformat and jsonschema, 0.8 s on a quiet machine and several seconds
  where jsonschema's optional ``rfc3987-syntax`` is installed (as in every JupyterLab environment:
  it compiles about 35 grammars at import, python-jsonschema issue 1428), before a lecturer's first
  demo can appear; and its front end, 5 MB of JavaScript, travels with every figure.
- It draws a figure before the notebook shows it, at plotly's default 700 px, and never follows
  its box again (plotly.py issue 5208): on a phone the figure ran off the screen.

Here the figure is what the demo's view functions already make (plain plotly JSON); one copy of
plotly.js per kernel (:func:`library`, shared by every figure) and this script, which draws at the
box's width once the box has one, again whenever it changes, in the demo's compact layout below
``COMPACT_WIDTH`` (the width the site uses too), and redraws with ``Plotly.react`` when the figure
changes. No plotly (Python) import, so a demo shows as soon as its model has run.
"""

from __future__ import annotations

from importlib import resources

import anywidget
from traitlets import Dict
from veerkracht.kit.declare import COMPACT_WIDTH

NARROWEST = 320  # px: a figure squeezed further (a side panel open) scrolls sideways instead

# Runs once per page: makes plotly.js from the bundle (its UMD wrapper fills ``module.exports``)
# and hands it to every figure, which may have asked for it before it was there.
_LIBRARY_ESM = """
const module = { exports: {} };
{BUNDLE}
const shared = (globalThis.vkPlotly ??= (() => {
  let resolve;
  const promise = new Promise((done) => (resolve = done));
  return { promise, resolve };
})());
shared.resolve(module.exports);
export default { render() {} };
"""

_FIGURE_ESM = """
const COMPACT_WIDTH = {COMPACT_WIDTH};
const NARROWEST = {NARROWEST};
const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
function merge(target, patch) {  // a copy of target with patch merged in, as the site's demo.js does
  const out = Object.assign({}, target);
  for (const [key, value] of Object.entries(patch)) {
    if (isObject(value)) out[key] = merge(target[key] || {}, value);
    else if (Array.isArray(value) && Array.isArray(target[key]) && value.every(isObject)) {
      out[key] = target[key].map((item, i) => (i < value.length ? merge(item, value[i]) : item));
    } else out[key] = value;
  }
  return out;
}
function plotly() {
  const shared = (globalThis.vkPlotly ??= (() => {
    let resolve;
    const promise = new Promise((done) => (resolve = done));
    return { promise, resolve };
  })());
  return shared.promise;
}
async function render({ model, el }) {
  const plot = document.createElement("div");
  el.style.overflowX = "auto";
  el.append(plot);
  const Plotly = await plotly();
  let drawnWidth = 0;
  function draw() {
    const width = el.clientWidth;
    if (width <= 0) return;  // not in the page yet: the observer draws it once it has a width
    drawnWidth = width;
    const figure = model.get("figure");
    let layout = Object.assign({}, figure.layout, { width: Math.max(width, NARROWEST) });
    if (width < COMPACT_WIDTH) {
      layout = merge(layout, model.get("compact"));
      layout.annotations = (layout.annotations || []).map((a) => Object.assign({}, a, { font: { size: 11 } }));
    }
    Plotly.react(plot, figure.data, layout, { displayModeBar: false, responsive: false });
  }
  const observer = new ResizeObserver(() => { if (Math.abs(el.clientWidth - drawnWidth) > 1) draw(); });
  observer.observe(el);
  model.on("change:figure", draw);
  draw();
  return () => {
    observer.disconnect();
    Plotly.purge(plot);
  };
}
export default { render };
""".replace("{COMPACT_WIDTH}", str(COMPACT_WIDTH)).replace("{NARROWEST}", str(NARROWEST))


class PlotlyLibrary(anywidget.AnyWidget):
    """Nothing to see: plotly.js for every :class:`Figure` in the page (one copy per kernel)."""

    _esm = ""  # set on first use (library()): the bundle is read only when a demo is shown


class Figure(anywidget.AnyWidget):
    """A plotly figure (``figure``: its JSON) drawn at its box's width; ``compact`` holds the layout
    changes for a narrow box."""

    _esm = _FIGURE_ESM
    figure = Dict().tag(sync=True)
    compact = Dict().tag(sync=True)


_shared: PlotlyLibrary | None = None


def library() -> PlotlyLibrary:
    """The kernel's one :class:`PlotlyLibrary` (made again if it was closed); a panel shows it
    beside its figures, so plotly.js reaches the page once, with the first demo."""
    global _shared
    if _shared is None or _shared.comm is None:
        if not PlotlyLibrary._esm:
            bundle = resources.files("veerkracht.vendor").joinpath("plotly-basic.min.js").read_text("utf-8")
            PlotlyLibrary._esm = _LIBRARY_ESM.replace("{BUNDLE}", bundle)
        _shared = PlotlyLibrary()
    return _shared
