// The portfolio builder's figure and texts (veerkracht/demos/portfolio.py) ported to JavaScript for
// the static site, the kit's "js" route: demo.js calls Veerkracht.views.portfolio(values, time, env)
// for every change of the controls. env holds the model's constants and the demo's texts in the
// page's language, both from Python; tests/test_js_models.py holds this port equal to the Python
// figure, outcome and readouts over hundreds of random portfolios.
(function (root) {
  "use strict";

  function texts(env) {
    const spring = root.Veerkracht.models.spring;
    function tr(key, fields) {
      const template = env.texts[key];
      return template.replace(/\{(\w+)\}/g, (m, name) => (fields && name in fields ? String(fields[name]) : m));
    }
    function number(value, digits) {
      const text = spring.round(value, digits).toFixed(digits); // Python's f"{value:.{digits}f}"
      return env.lang === "nl" ? text.replace(".", ",") : text;
    }
    function plural(key, value) {
      const shown = number(value, Number.isInteger(value) ? 0 : 1);
      return tr(`${key}.${value === 1 ? "one" : "other"}`, { n: shown });
    }
    return { tr, number, plural, round: spring.round };
  }

  function view(values, time, env) {
    const C = env.constants;
    const { BLUE, GREEN, VERMILLION, GREY, INK, BAND_EDGE, FAINT } = C.COLOURS;
    const model = root.Veerkracht.models.portfolio;
    const T = texts(env);
    const result = model.assess(values, C);
    const run = result.run;
    const all = model.resources(C);
    const names = (list) => list.map((r) => T.tr(`portfolio.short.${r}`).toLowerCase()).join(", ");
    const present = all.filter((r) => values[r] !== C.ABSENT);
    const unused = all.filter((r) => values[r] === C.UNUSED);
    const weakened = all.filter(
      (r) => result.lost[r] > 1e-9 && model.sources(r, C).some((s) => values[s] === C.ABSENT),
    );
    const horizon = C.spring.HORIZON;

    // describe()
    const sentences = [
      T.tr("portfolio.explain.count", { present: present.length, total: all.length, used: present.length - unused.length }),
    ];
    if (unused.length) sentences.push(T.tr("portfolio.explain.unused", { names: names(unused) }));
    if (weakened.length) sentences.push(T.tr("portfolio.explain.weakened", { names: names(weakened) }));
    sentences.push(T.tr("portfolio.explain.coping", { coping: T.tr(`portfolio.coping.${result.coping}`) }));
    const fields = {
      start: T.number(run.rest_start, 0),
      lowest: T.number(run.lowest, 0),
      end: T.number(run.wellbeing[run.wellbeing.length - 1], 0),
      horizon: T.number(horizon, 0),
      weeks: T.plural("kit.unit.weeks", T.round(run.recovery_time || 0, 0)),
    };
    sentences.push(T.tr(`portfolio.explain.${run.outcome}`, fields));

    // readout()
    const readouts = {
      level: T.tr("portfolio.level.value", { level: T.number(result.spring_resources, 1) }),
      recovery:
        run.recovery_time === null
          ? T.tr("portfolio.recovery.none", { horizon: T.number(horizon, 0) })
          : T.plural("kit.unit.weeks", T.round(run.recovery_time, 0)),
      coping: T.tr(`portfolio.coping.${result.coping}`),
    };

    // figure()
    const P = C.POSITIONS;
    function links(lost) {
      const xs = [];
      const ys = [];
      const sizes = [];
      for (const [source, target] of C.INFLUENCES) {
        if (values[target] === C.ABSENT || (values[source] === C.ABSENT) !== lost) continue;
        const [x0, y0] = P[source];
        const [x1, y1] = P[target];
        xs.push(x0, T.round(x0 + C.ARROW_AT * (x1 - x0), 3), null);
        ys.push(y0, T.round(y0 + C.ARROW_AT * (y1 - y0), 3), null);
        sizes.push(0, 11, 0);
      }
      return [xs, ys, sizes];
    }
    function arrows(name, xy, colour, dash) {
      return {
        type: "scatter",
        name: T.tr(name),
        mode: "lines+markers",
        x: xy[0],
        y: xy[1],
        line: { color: colour, width: 1.5, dash },
        marker: { symbol: "arrow", angleref: "previous", size: xy[2], color: colour },
        hoverinfo: "skip",
        xaxis: "x",
        yaxis: "y",
      };
    }
    function nodes(kind, colour, name) {
      const states = kind.map((r) => values[r]);
      return {
        type: "scatter",
        mode: "markers+text",
        x: kind.map((r) => P[r][0]),
        y: kind.map((r) => P[r][1]),
        text: kind.map((r) => T.tr(`portfolio.short.${r}`)),
        textposition: kind.map((r) => (P[r][0] < 0 ? "middle left" : "middle right")),
        textfont: { size: 12, color: INK },
        marker: {
          size: kind.map((r, i) => (states[i] === C.ABSENT ? 10 : T.round(14 + 16 * result.strength[r], 0))),
          color: states.map((s) => (s === C.USED ? colour : "#ffffff")),
          symbol: "circle",
          line: {
            width: states.map((s) => (s === C.ABSENT ? 1.5 : 3)),
            color: states.map((s) => (s === C.ABSENT ? FAINT : colour)),
          },
        },
        hoverinfo: "skip",
        xaxis: "x",
        yaxis: "y",
        name: T.tr(name),
      };
    }
    function curve(name, xs, ys, colour, line) {
      return {
        type: "scatter",
        name: T.tr(name),
        mode: "lines",
        x: xs,
        y: ys,
        line: Object.assign({ color: colour, width: 2 }, line || {}),
        hoverinfo: "skip",
        xaxis: "x2",
        yaxis: "y2",
      };
    }
    const times = run.wellbeing.map((_, i) => i * C.spring.SAMPLE_EVERY);
    const tenth = (series) => series.map((w) => T.round(w, 1));
    const [onset, end] = run.setback_weeks.length
      ? run.setback_weeks[0]
      : [C.spring.FIRST_SETBACK, C.spring.FIRST_SETBACK];
    const data = [
      arrows("portfolio.trace.links", links(false), GREY, "solid"),
      arrows("portfolio.trace.lost", links(true), VERMILLION, "dot"),
      nodes(C.INDIVIDUAL, BLUE, "portfolio.group.individual"),
      nodes(C.ENVIRONMENT, GREEN, "portfolio.group.environment"),
      Object.assign(
        curve("portfolio.trace.setback", [onset, end, end, onset, onset], [0, 0, 100, 100, 0], BAND_EDGE, {
          width: 1.5,
        }),
        { fill: "toself", fillcolor: "rgba(230,159,0,0.25)" },
      ),
      curve("portfolio.trace.limit", times, tenth(run.limit), VERMILLION, { dash: "dot" }),
      curve("portfolio.trace.rest", times, tenth(run.rest), GREEN, { dash: "dash" }),
      curve("portfolio.trace.wellbeing", times, tenth(run.wellbeing), BLUE, { width: 3 }),
    ];
    return {
      data,
      annotations: null,
      label: T.tr(`portfolio.outcome.${run.outcome}`),
      text: sentences.join(" "),
      readouts,
    };
  }

  root.Veerkracht = root.Veerkracht || {};
  root.Veerkracht.views = root.Veerkracht.views || {};
  root.Veerkracht.views.portfolio = view;
})(typeof window !== "undefined" ? window : globalThis);
