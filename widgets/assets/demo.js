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
// their own that the browser caches, see veerkracht/book/outputs.py) or its scripts, so none of
// them delays the page.
(function () {
  "use strict";
  const NEAR = "800px 0px"; // start a demo this far before it scrolls into view
  // plotly's animation path, at once and without redrawing axes, legend and annotations
  const QUICK = { mode: "immediate", transition: { duration: 0 }, frame: { duration: 0, redraw: false } };
  // On a phone held upright the figure stays at the top while the controls scroll (veerkracht.css):
  // the figure and its time slider take at most this share of the screen below the page's header,
  // the rest is for the control being moved.
  const STAGE_SHARE = 0.6;
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

  const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

  function merge(target, patch) {
    // A copy of target with patch merged in, key by key (plotly layouts are nested objects); a list
    // of objects (annotations) merges item by item.
    const out = Object.assign({}, target);
    for (const [key, value] of Object.entries(patch)) {
      if (isObject(value)) out[key] = merge(target[key] || {}, value);
      else if (Array.isArray(value) && Array.isArray(target[key]) && value.every(isObject)) {
        out[key] = target[key].map((item, i) => (i < value.length ? merge(item, value[i]) : item));
      } else out[key] = value;
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
    const stage = root.querySelector(".vk-stage");
    const settings = config();
    let timer = null;
    let phone = null; // {width, height}: the figure's height on this phone, kept while the width stays

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

    function remember() {
      // The state in the page's own address as it changes, in the Link's format: the edition switch
      // (which carries the query), Back and a copied address all keep it. Replaced, not pushed, so
      // Back leaves the page instead of undoing each move.
      const here = address();
      if (here !== `${location.search}${location.hash}`) history.replaceState(history.state, "", here);
    }

    function phoneLayout(layout) {
      // Upright phone, figure sticky (veerkracht.css): a compact figure that leaves room below it for
      // a control. Its height is fixed per width, so a browser bar that hides while scrolling (a
      // resize) does not make the figure jump.
      const header = document.querySelector(".bd-header-article");
      const top = header ? header.offsetHeight : 0;
      if (!phone || phone.width !== window.innerWidth) {
        const row = time ? time.closest(".vk-time").offsetHeight : 0;
        const height = Math.round(Math.min(layout.height || 450, (window.innerHeight - top) * STAGE_SHARE - row));
        phone = { width: window.innerWidth, height: Math.max(height, 240) };
      }
      root.style.setProperty("--vk-top", `${top}px`);
      root.style.setProperty("--vk-stage", `${phone.height + (stage.offsetHeight - plot.offsetHeight)}px`);
      // plotly lays a horizontal legend out one entry a row on a phone (about 150 px for seven
      // entries): the figure shows none, and a key under it (legend()) wraps its entries instead.
      return merge(layout, { height: phone.height, font: { size: 11 }, showlegend: false, margin: { b: 44 } });
    }

    function legend(traces, shown) {
      // The figure's key as HTML under it while the figure is compact on a phone: a swatch drawn as
      // the trace is (line and dash, marker, or filled band) and its name; hidden otherwise.
      let key = stage.querySelector(".vk-key");
      if (!shown) {
        if (key) key.hidden = true;
        return;
      }
      if (!key) {
        key = document.createElement("ul");
        key.className = "vk-key";
        key.setAttribute("aria-hidden", "true"); // the figure's text alternative says what it shows
        plot.after(key);
      }
      key.hidden = false;
      const mode = `${darkMode()} ${traces.map((trace) => (trace.x || []).length > 0).join()}`; // colours, empty traces
      if (key.dataset.mode === mode) return;
      key.dataset.mode = mode;
      key.replaceChildren();
      const dashes = { dot: "2 3", dash: "6 4", dashdot: "6 3 2 3", longdash: "10 4" };
      const svg = "http://www.w3.org/2000/svg";
      for (const trace of traces) {
        if (trace.showlegend === false || !trace.name || !(trace.x || []).some((x) => x !== null)) continue; // as plotly: no key for an empty trace
        const item = document.createElement("li");
        const swatch = document.createElementNS(svg, "svg");
        swatch.setAttribute("width", "24");
        swatch.setAttribute("height", "12");
        const line = trace.line || {};
        const marker = trace.marker || {};
        let mark;
        if (trace.fill && trace.fill !== "none") {
          mark = document.createElementNS(svg, "rect");
          Object.entries({ x: 1, y: 2, width: 22, height: 8, fill: trace.fillcolor || line.color || "#888" }).forEach(([k, v]) => mark.setAttribute(k, v));
          mark.setAttribute("stroke", line.color || "none");
        } else if ((trace.mode || "lines").includes("lines")) {
          mark = document.createElementNS(svg, "line");
          Object.entries({ x1: 1, y1: 6, x2: 23, y2: 6, stroke: line.color || "#888", "stroke-width": Math.min(line.width || 2, 4) }).forEach(([k, v]) => mark.setAttribute(k, v));
          if (dashes[line.dash]) mark.setAttribute("stroke-dasharray", dashes[line.dash]);
        } else {
          mark = document.createElementNS(svg, "circle");
          const colour = Array.isArray(marker.color) ? marker.color[0] : marker.color;
          Object.entries({ cx: 12, cy: 6, r: 5, fill: colour || "#888" }).forEach(([k, v]) => mark.setAttribute(k, v));
          if (marker.line && marker.line.color) mark.setAttribute("stroke", Array.isArray(marker.line.color) ? marker.line.color[0] : marker.line.color);
        }
        swatch.append(mark);
        item.append(swatch, trace.name);
        key.append(item);
      }
    }

    // What the figure shows now: its layout as JSON and each trace's attributes as JSON, to tell
    // what a move changes.
    let shown = null;
    let busy = false; // a quick redraw waits for its frame: the next one waits for it, never cutting it short
    let waiting = null;

    function painted() {
      busy = false;
      if (waiting) {
        const [traces, layout] = waiting;
        waiting = null;
        paint(traces, layout);
        return;
      }
      root.dataset.vkState = "drawn"; // tests wait for this
      root.dispatchEvent(new CustomEvent("vk-drawn"));
    }

    function paint(traces, layout) {
      root.dataset.vkState = "drawing";
      if (busy) {
        waiting = [traces, layout]; // only the latest state counts
        return;
      }
      // A move that changes only some traces (the layout the same) redraws just what changed in
      // them: plotly's animation path, without a transition and without "redraw", replots those
      // traces in the next frame, a fraction of the work of Plotly.react, which lays out and draws
      // the axes, legend and annotations again whenever a point changes. Anything else (the layout,
      // the time's title, dark mode, the compact layout) goes through Plotly.react.
      const layoutText = JSON.stringify(layout);
      const traceTexts = traces.map((trace) => Object.fromEntries(Object.entries(trace).map(([k, v]) => [k, JSON.stringify(v)])));
      const quick = shown && shown.layout === layoutText && shown.traces.length === traceTexts.length;
      const changes = quick
        ? traceTexts.map((texts, i) => Object.keys(texts).filter((key) => texts[key] !== shown.traces[i][key]))
        : null;
      const same = quick && traceTexts.every((texts, i) => Object.keys(texts).length === Object.keys(shown.traces[i]).length);
      shown = { layout: layoutText, traces: traceTexts };
      if (!quick || !same) {
        Plotly.react(plot, traces, layout, settings);
        painted();
        return;
      }
      if (!changes.some((keys) => keys.length)) return painted();
      // Every trace goes in, an unchanged one with nothing to change: plotly.js 4.1, animating only
      // some traces of a figure with two panels, takes the other panel's traces off the screen (the
      // positions demo lost its dots, the stress circle its arrows, at the first move of a slider).
      const data = changes.map((keys, i) => Object.fromEntries(keys.map((key) => [key, traces[i][key]])));
      busy = true;
      Plotly.animate(plot, { data, traces: data.map((_, i) => i) }, QUICK).then(painted, painted);
    }

    function render() {
      const t = time ? Number(time.value) : 0;
      const { traces, annotations, rest } = drawn(t);
      let layout = Object.assign({}, base.layout);
      layout.annotations = (base.layout.annotations || []).map((a, i) =>
        Object.assign({}, a, annotations ? { text: annotations[i] } : {}),
      );
      if (data.title) layout.annotations[data.title.annotation].text = data.title.template.replace("{t}", String(t));
      if (plot.clientWidth < data.compactWidth) {
        layout = merge(layout, data.compact);
        for (const a of layout.annotations) a.font = { size: 11 };
      }
      const compactPhone = getComputedStyle(stage).position === "sticky" && window.innerWidth < 992;
      if (compactPhone) layout = phoneLayout(layout);
      const coloured = darkMode() ? recolour(traces, data.dark) : traces;
      paint(coloured, darkMode() ? recolour(layout, data.dark) : layout);
      legend(coloured, compactPhone && base.layout.showlegend !== false);
      outcome.querySelector("strong").textContent = rest[0];
      outcome.querySelector("span").textContent = rest[1];
      data.readouts.forEach((name, i) => {
        root.querySelector(`[data-readout="${name}"]`).textContent = rest[2 + i];
      });
      if (time) time.closest(".vk-time").querySelector("output").textContent = String(t);
      if (link) link.href = address();
    }

    function changed() {
      render();
      remember();
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
        changed();
      });
    });
    for (const button of root.querySelectorAll("button[data-preset]")) {
      button.addEventListener("click", () => {
        go(data.presets[button.dataset.preset]);
        remember();
      });
    }
    if (time) {
      time.addEventListener("input", changed);
      play.addEventListener("click", () => {
        if (timer !== null) {
          stop();
          return remember();
        }
        if (Number(time.value) >= Number(time.max)) time.value = time.min;
        play.textContent = data.texts.pause;
        play.setAttribute("aria-pressed", "true");
        timer = setInterval(() => {
          time.value = String(Number(time.value) + 1);
          render();
          if (Number(time.value) >= Number(time.max)) {
            stop();
            remember();
          }
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
    // The theme's light/dark switch sets <html data-theme>: redraw in the other colours.
    new MutationObserver(render).observe(document.documentElement, { attributeFilter: ["data-theme"] });
  }

  function begin(root) {
    root.dataset.vkState = "loading";
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
          if (entry.target.dataset.vkState === "waiting") begin(entry.target); // not started for print already
        }
      },
      { rootMargin: NEAR },
    );
    // The theme's back-to-top pill is kept off the screen while any demo is on it (veerkracht.css).
    const onScreen = new Set();
    const seen = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) onScreen.add(entry.target);
        else onScreen.delete(entry.target);
      }
      document.documentElement.classList.toggle("vk-demo-in-view", onScreen.size > 0);
    });
    for (const root of document.querySelectorAll(".vk-demo[data-vk-demo]")) {
      seen.observe(root);
      if (root.dataset.vkState) continue;
      root.dataset.vkState = "waiting";
      near.observe(root);
    }
  }
  // -- print: the page as the course PDF prints it (tools/course_pdf.py calls forPrint too) ---------
  function drawnOrFailed(root) {
    return new Promise((resolve) => {
      const look = () => (["drawn", "failed"].includes(root.dataset.vkState) ? resolve() : setTimeout(look, 50));
      look();
    });
  }

  function forPrint(site) {
    // Every demo drawn, even those far from the screen, with the address of its live version under
    // it: the published page (``site``, the course PDF's, else the page's canonical address) and,
    // for a page printed by a reader, the demo's state as they left it.
    const roots = Array.from(document.querySelectorAll(".vk-demo[data-vk-demo]"));
    for (const root of roots) if (root.dataset.vkState === "waiting") begin(root);
    const canonical = document.querySelector('link[rel="canonical"]');
    const page = site ? site + location.pathname.slice(1) : canonical ? canonical.href : location.href.split(/[?#]/)[0];
    return Promise.all(roots.map(drawnOrFailed)).then(() => {
      for (const root of roots) {
        const data = JSON.parse(root.querySelector("script.vk-data").textContent);
        const link = root.querySelector(".vk-link");
        const state = !site && link ? link.getAttribute("href").split("#")[0] : "";
        const live = `${page}${state}#${root.id}`;
        let note = root.querySelector(".vk-print-link");
        if (!note) {
          note = document.createElement("p");
          note.className = "vk-print-link";
          root.append(note);
        }
        const anchor = document.createElement("a");
        anchor.href = live;
        anchor.textContent = live;
        const [before, after] = data.texts.printLink.split("{url}");
        note.replaceChildren(before, anchor, after);
      }
    });
  }

  // The theme's "print to PDF" button (window.print() in its onclick): draw and annotate the demos
  // first, and fit each figure to the paper (as wide as an A4 page's text), then print; afterwards
  // the figures follow the screen again.
  const PAPER_WIDTH = 680;
  document.addEventListener(
    "click",
    (event) => {
      const button = event.target.closest(".btn-download-pdf-button");
      if (!button) return;
      event.stopPropagation(); // the button's own window.print() would print the demos unfinished
      event.preventDefault();
      forPrint(null).then(() => {
        const plots = Array.from(document.querySelectorAll(".vk-demo .js-plotly-plot"));
        const fitted = plots.map((plot) => Plotly.relayout(plot, { width: Math.min(plot.clientWidth, PAPER_WIDTH) }));
        Promise.all(fitted).then(() => {
          window.addEventListener("afterprint", () => plots.forEach((plot) => Plotly.relayout(plot, { width: null })), { once: true });
          window.print();
        });
      });
    },
    true,
  );

  window.VeerkrachtDemos = { forPrint };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
