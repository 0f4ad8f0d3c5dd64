// The spring demo on the static site: picks the precomputed state for the current controls
// and redraws the figure with plotly.js. No model runs here: every state comes from the Python
// model (widgets/spring_demo.py, static_states). This script only repeats the per-state
// drawing of widgets/spring_figure.py (spring height, setback band, limit line, curve, marker).
(function () {
  "use strict";
  const root = document.currentScript.closest(".vk-demo");
  const data = JSON.parse(root.querySelector("script.vk-data").textContent);
  const base = JSON.parse(root.querySelector("script.vk-figure").textContent);
  const plot = root.querySelector(".vk-plot");
  const outcome = root.querySelector(".vk-outcome");
  const params = data.order.map((name) => root.querySelector(`input[data-param="${name}"]`));
  const week = root.querySelector("input[data-week]");
  const play = root.querySelector("button.vk-play");
  // plotly's default topojsonURL points at plotly's own server (for geo maps, which the basic bundle cannot
  // draw); point it at the site's own assets folder so no setting can ever reach another host.
  const plotlyScript = document.querySelector('script[src*="plotly-basic"]');
  const config = { displayModeBar: false, responsive: true };
  if (plotlyScript) config.topojsonURL = new URL(".", plotlyScript.src).href;
  const TRACE = { spring: 0, setbacks: 1, limit: 3, wellbeing: 4, now: 5 };
  const COMPACT_WIDTH = 540; // px: below this the panel titles and the y-axis title collide
  let timer = null;

  function compact(layout) {
    // A phone-width layout: smaller titles, no y-axis title, a wider curve panel.
    for (const a of layout.annotations) a.font = { size: 11 };
    layout.yaxis2 = Object.assign({}, layout.yaxis2, { title: { text: "" } });
    layout.xaxis = Object.assign({}, layout.xaxis, { domain: [0, 0.16] });
    layout.xaxis2 = Object.assign({}, layout.xaxis2, { domain: [0.24, 1] });
  }

  function stateIndex() {
    // Mixed radix over the grid, the last parameter varying fastest (as itertools.product).
    return params.reduce((index, input) => index * (Number(input.max) + 1) + Number(input.value), 0);
  }

  function band(setbacks) {
    const xs = [];
    const ys = [];
    for (const [onset, end] of setbacks) {
      xs.push(onset, end, end, onset, onset, null);
      ys.push(0, 0, 100, 100, 0, null);
    }
    return [xs, ys];
  }

  function showValue(input) {
    const text = JSON.parse(input.dataset.labels)[Number(input.value)];
    input.setAttribute("aria-valuetext", text);
    input.closest(".vk-control").querySelector("output").textContent = text;
  }

  function render() {
    const [limit, tenths, setbacks, label, text] = data.states[stateIndex()];
    const t = Number(week.value);
    const wellbeing = tenths.map((v) => v / 10);
    const level = wellbeing[t];
    const traces = base.data.map((trace) => Object.assign({}, trace));
    traces[TRACE.spring].y = data.outline.map((p) => (p === null ? null : Math.round(p[1] * level * 100) / 100));
    [traces[TRACE.setbacks].x, traces[TRACE.setbacks].y] = band(setbacks);
    traces[TRACE.limit].y = [limit, limit];
    traces[TRACE.wellbeing].y = wellbeing;
    traces[TRACE.now].x = [t];
    traces[TRACE.now].y = [level];
    const layout = Object.assign({}, base.layout);
    layout.annotations = base.layout.annotations.map((a) => Object.assign({}, a));
    layout.annotations[0].text = data.springTitle.replace("{week}", String(t));
    if (plot.clientWidth < COMPACT_WIDTH) compact(layout);
    Plotly.react(plot, traces, layout, config);
    outcome.querySelector("strong").textContent = label;
    outcome.querySelector("span").textContent = text;
    week.closest(".vk-time").querySelector("output").textContent = String(t);
  }

  function stop() {
    clearInterval(timer);
    timer = null;
    play.textContent = data.play;
    play.setAttribute("aria-pressed", "false");
  }

  play.addEventListener("click", () => {
    if (timer !== null) return stop();
    if (Number(week.value) >= Number(week.max)) week.value = week.min;
    play.textContent = data.pause;
    play.setAttribute("aria-pressed", "true");
    timer = setInterval(() => {
      week.value = String(Number(week.value) + 1);
      render();
      if (Number(week.value) >= Number(week.max)) stop();
    }, 150);
  });
  for (const input of params) {
    input.addEventListener("input", () => {
      showValue(input);
      render();
    });
  }
  week.addEventListener("input", render);
  let resizing = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(render, 150);
  });

  function start() {
    if (typeof Plotly === "undefined") {
      plot.textContent = "plotly.js did not load.";
      return;
    }
    render();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
