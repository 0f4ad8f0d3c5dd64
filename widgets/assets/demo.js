// Every demo on a page of the static site, one script for the whole site (veerkracht/kit/static.py
// writes the HTML and the data). Two routes, as the demo declares:
// - "grid": each state was computed by the Python model and drawn by the Python figure code; this
//   script picks the state for the current controls, moves the traces that follow the time slider,
//   and redraws with plotly.js;
// - "js": the demo's JavaScript ports (its declared scripts, held equal to the Python model and
//   figure by tests/test_js_models.py) compute and draw the state; this script only calls them.
// Each demo keeps to its own element, so several demos on one page never touch each other's figures.
//
// A demo starts when it comes near the screen: then this script fetches plotly.js (the site's one
// copy, named by this script tag's data-plotly) and the demo's states (on the built site a file of
// their own that the browser caches, see book/_ext/veerkracht_book.py) or its scripts, so none of
// them delays the page.
(function () {
  "use strict";
  const COMPACT_WIDTH = 540; // px: the declaration's compact layout applies below this
  const NEAR = "800px 0px"; // start a demo this far before it scrolls into view
  const SCRIPT = document.currentScript;
  const loading = new Map();

  function load(src) {
    // One <script> per address, however many demos ask for it; resolves once it has run.
    if (!loading.has(src)) {
      loading.set(
        src,
        new Promise((resolve, reject) => {
          const tag = document.createElement("script");
          tag.src = src;
          tag.onload = resolve;
          tag.onerror = () => reject(new Error(src));
          document.head.appendChild(tag);
        }),
      );
    }
    return loading.get(src);
  }

  function plotlyReady() {
    if (typeof Plotly !== "undefined") return Promise.resolve();
    if (!SCRIPT || !SCRIPT.dataset.plotly) return Promise.reject(new Error("plotly.js"));
    return load(new URL(SCRIPT.dataset.plotly, SCRIPT.src).href);
  }

  function statesReady(data) {
    if (data.route === "js") {
      // In order: a drawing script may use the model scripts before it as it loads.
      const here = SCRIPT ? SCRIPT.src : location.href;
      return data.scripts.reduce((ready, path) => ready.then(() => load(new URL(path, here).href)), Promise.resolve());
    }
    if (data.states) return Promise.resolve();
    return load(new URL(data.grid.src, location.href).href).then(() => {
      Object.assign(data, window.VeerkrachtGrids[data.grid.name]);
    });
  }

  function merge(target, patch) {
    // A copy of target with patch merged in, key by key (plotly layouts are nested objects).
    const out = Object.assign({}, target);
    for (const [key, value] of Object.entries(patch)) {
      const nested = value && typeof value === "object" && !Array.isArray(value);
      out[key] = nested ? merge(target[key] || {}, value) : value;
    }
    return out;
  }

  function recolour(value, colours) {
    // plotly JSON with every colour that is a key of ``colours`` swapped (dark mode).
    if (typeof value === "string") return Object.prototype.hasOwnProperty.call(colours, value) ? colours[value] : value;
    if (Array.isArray(value)) return value.map((item) => recolour(item, colours));
    if (value && typeof value === "object") {
      const out = {};
      for (const [key, item] of Object.entries(value)) out[key] = recolour(item, colours);
      return out;
    }
    return value;
  }

  const darkMode = () => document.documentElement.dataset.theme === "dark";

  function config() {
    // plotly's default topojsonURL points at plotly's own server (for geo maps, which the basic
    // bundle cannot draw); point it at the site's own assets folder so nothing can reach another host.
    const plotlyScript = document.querySelector('script[src*="plotly-basic"]');
    const result = { displayModeBar: false, responsive: true };
    if (plotlyScript) result.topojsonURL = new URL(".", plotlyScript.src).href;
    return result;
  }

  function setup(root, data) {
    const base = JSON.parse(root.querySelector("script.vk-figure").textContent);
    const plot = root.querySelector(".vk-plot");
    const outcome = root.querySelector(".vk-outcome");
    const error = root.querySelector(".vk-error");
    const link = root.querySelector(".vk-link");
    const inputs = data.params.map((p) => root.querySelector(`[data-param="${p.name}"]`));
    const time = root.querySelector("input[data-time]");
    const play = root.querySelector("button.vk-play");
    const settings = config();
    let timer = null;

    function stateIndex() {
      // Mixed radix over the grid, the last control varying fastest (as itertools.product).
      const size = (input) => (input.tagName === "SELECT" ? input.options.length : Number(input.max) + 1);
      return inputs.reduce((index, input) => index * size(input) + Number(input.value), 0);
    }

    function showValue(input, param) {
      if (input.tagName === "SELECT") return; // its chosen option shows the value
      const text = param.labels[Number(input.value)];
      input.setAttribute("aria-valuetext", text);
      input.closest(".vk-control").querySelector("output").textContent = text;
    }

    function drawn(t) {
      // This state's traces, annotation texts, outcome and readouts, from either route.
      if (data.route === "js") {
        const values = {};
        data.params.forEach((p, i) => (values[p.name] = p.values[Number(inputs[i].value)]));
        const env = { constants: data.constants, texts: data.catalogue, lang: data.lang };
        const out = window.Veerkracht.views[data.id](values, t, env);
        const rest = [out.label, out.text, ...data.readouts.map((name) => out.readouts[name])];
        return { traces: out.data, annotations: out.annotations, rest };
      }
      const state = data.states[stateIndex()];
      const traces = base.data.map((trace) => Object.assign({}, trace));
      data.vary.forEach((trace, i) => {
        traces[trace].x = data.table[state[2 * i]];
        traces[trace].y = data.table[state[2 * i + 1]];
      });
      for (const f of data.follow) {
        const level = traces[f.series].y[t];
        if (f.kind === "marker") {
          traces[f.trace].x = [traces[f.series].x[t]];
          traces[f.trace].y = [level];
        } else {
          traces[f.trace].y = f.unit.map((u) => (u === null ? null : Math.round(u * level * 100) / 100));
        }
      }
      return { traces, annotations: null, rest: state.slice(2 * data.vary.length).map((i) => data.table[i]) };
    }

    function address() {
      const query = new URLSearchParams(location.search);
      data.params.forEach((p, i) => query.set(`${data.id}.${p.name}`, String(p.values[Number(inputs[i].value)])));
      if (time) query.set(`${data.id}.${data.time.name}`, time.value);
      return `?${query.toString()}${location.hash}`;
    }

    function render() {
      const t = time ? Number(time.value) : 0;
      const { traces, annotations, rest } = drawn(t);
      let layout = Object.assign({}, base.layout);
      layout.annotations = (base.layout.annotations || []).map((a, i) =>
        Object.assign({}, a, annotations ? { text: annotations[i] } : {}),
      );
      if (data.title) layout.annotations[data.title.annotation].text = data.title.template.replace("{t}", String(t));
      if (plot.clientWidth < COMPACT_WIDTH) {
        layout = merge(layout, data.compact);
        for (const a of layout.annotations) a.font = { size: 11 };
      }
      if (darkMode()) Plotly.react(plot, recolour(traces, data.dark), recolour(layout, data.dark), settings);
      else Plotly.react(plot, traces, layout, settings);
      outcome.querySelector("strong").textContent = rest[0];
      outcome.querySelector("span").textContent = rest[1];
      data.readouts.forEach((name, i) => {
        root.querySelector(`[data-readout="${name}"]`).textContent = rest[2 + i];
      });
      if (time) time.closest(".vk-time").querySelector("output").textContent = String(t);
      if (link) link.href = address();
    }

    function go(positions) {
      positions.forEach((position, i) => {
        inputs[i].value = String(position);
        showValue(inputs[i], data.params[i]);
      });
      render();
    }

    function fromAddress() {
      // ?spring.resources=1&spring.week=20 opens this demo in that state (both editions alike).
      const query = new URLSearchParams(location.search);
      const wrong = [];
      const positions = inputs.map((input) => Number(input.value));
      data.params.forEach((p, i) => {
        const raw = query.get(`${data.id}.${p.name}`);
        if (raw === null) return;
        const position = p.values.indexOf(Number(raw));
        if (raw.trim() === "" || position < 0) wrong.push(`${p.name}=${raw}`);
        else positions[i] = position;
      });
      const known = new Set(data.params.map((p) => `${data.id}.${p.name}`));
      if (time) known.add(`${data.id}.${data.time.name}`);
      for (const [key, value] of query) {
        if (key.startsWith(`${data.id}.`) && !known.has(key)) wrong.push(`${key.slice(data.id.length + 1)}=${value}`);
      }
      const rawTime = time ? query.get(`${data.id}.${data.time.name}`) : null;
      if (rawTime !== null) {
        const week = Number(rawTime);
        if (Number.isInteger(week) && week >= 0 && week <= data.time.last && rawTime.trim() !== "") time.value = String(week);
        else wrong.push(`${data.time.name}=${rawTime}`);
      }
      if (wrong.length) {
        error.querySelector("span").textContent = data.texts.badLink.replace("{setting}", wrong.join(", "));
        error.hidden = false;
        return;
      }
      positions.forEach((position, i) => {
        inputs[i].value = String(position);
        showValue(inputs[i], data.params[i]);
      });
    }

    function stop() {
      clearInterval(timer);
      timer = null;
      play.textContent = data.texts.play;
      play.setAttribute("aria-pressed", "false");
    }

    inputs.forEach((input, i) => {
      input.addEventListener("input", () => {
        showValue(input, data.params[i]);
        render();
      });
    });
    for (const button of root.querySelectorAll("button[data-preset]")) {
      button.addEventListener("click", () => go(data.presets[button.dataset.preset]));
    }
    if (time) {
      time.addEventListener("input", render);
      play.addEventListener("click", () => {
        if (timer !== null) return stop();
        if (Number(time.value) >= Number(time.max)) time.value = time.min;
        play.textContent = data.texts.pause;
        play.setAttribute("aria-pressed", "true");
        timer = setInterval(() => {
          time.value = String(Number(time.value) + 1);
          render();
          if (Number(time.value) >= Number(time.max)) stop();
        }, 150);
      });
    }
    let resizing = null;
    window.addEventListener("resize", () => {
      clearTimeout(resizing);
      resizing = setTimeout(render, 150);
    });
    fromAddress();
    render();
    root.dataset.vkState = "drawn";
    // The theme's light/dark switch sets <html data-theme>: redraw in the other colours.
    new MutationObserver(render).observe(document.documentElement, { attributeFilter: ["data-theme"] });
  }

  function begin(root) {
    const data = JSON.parse(root.querySelector("script.vk-data").textContent);
    Promise.all([plotlyReady(), statesReady(data)]).then(
      () => setup(root, data),
      () => {
        root.querySelector(".vk-plot").textContent = data.texts.loadFailed;
        root.dataset.vkState = "failed";
      },
    );
  }

  function start() {
    const near = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          near.unobserve(entry.target);
          begin(entry.target);
        }
      },
      { rootMargin: NEAR },
    );
    for (const root of document.querySelectorAll(".vk-demo[data-vk-demo]")) {
      if (root.dataset.vkState) continue;
      root.dataset.vkState = "waiting";
      near.observe(root);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
