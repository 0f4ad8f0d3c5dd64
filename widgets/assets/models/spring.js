// The spring model (veerkracht/models/spring.py) ported to JavaScript, step for step, for demos
// whose controls have too many states for a precomputed grid (the kit's "js" route; the portfolio
// builder derives a spring from a portfolio). It takes the model's constants as an argument, from
// the Python module, so no number is written twice; tests/test_js_models.py holds it equal to the
// Python model over hundreds of random scenarios in the browser. Parameters must be checked first
// (the Python model's ranges); this port does no validation of its own.
(function (root) {
  "use strict";

  function pyRound(value, digits) {
    // Python's round(): the decimal nearest to the exact binary value, ties (exact ones only) to
    // even. toFixed gives the nearest decimal too, but sends ties up; its long form is exact, which
    // tells a true tie (2.25) from a near one (2.15 is 2.1499999…).
    const d = digits || 0;
    const long = Math.abs(value).toFixed(Math.min(100, d + 70));
    const rest = long.slice(long.indexOf(".") + 1 + d);
    if (!/^50*$/.test(rest)) return Number(value.toFixed(d));
    const scale = 10 ** d;
    const scaled = value * scale; // exact for a true tie: m + 0.5 with m small
    const floor = Math.floor(scaled);
    return (floor % 2 === 0 ? floor : floor + 1) / scale;
  }

  function simulate(p, C) {
    const level = (x) => Math.min(Math.max(C.W_UNLOADED - x, 0), 100);
    const c = p.chronic_load;
    let k = (C.STIFFNESS_PER_RESOURCE * p.resources) / (1 + C.CHRONIC_DRAIN * c);
    const limit = C.LIMIT_BASE + C.LIMIT_PER_RESOURCE * p.resources;
    const weight = 1 + C.CHRONIC_WEIGHT * c;
    const steps = pyRound(C.HORIZON / C.DT);
    const every = pyRound(C.SAMPLE_EVERY / C.DT);
    const length = p.severity > 0 ? Math.max(1, pyRound(p.duration / C.DT)) : 0;
    const pulses = [];
    for (let i = 0; i < p.setbacks; i++) {
      const on = pyRound((C.FIRST_SETBACK + i * p.interval) / C.DT);
      if (on < steps && length) pulses.push([on, Math.min(on + length, steps)]);
    }
    const challenge = p.severity * p.duration >= C.GROWTH_CHALLENGE;

    const pressed = c / k;
    let dent = Math.max(0, C.PLASTIC_SHARE * (pressed - limit));
    let x = Math.min(pressed + dent, C.W_UNLOADED);
    const xBefore = x;
    const dentedAtStart = dent > 0;
    let gain = 0;
    const growth = [];
    let episode = null;
    let away = -1;
    const samples = [level(x)];
    const rests = [level(x)];
    const limits = [level(dent + limit)];

    for (let step = 0; step < steps; step++) {
      let pressing = 0;
      let starting = 0;
      for (const [on, off] of pulses) {
        if (on <= step && step < off) pressing += 1;
        if (on === step) starting += 1;
      }
      if (starting) {
        if (episode === null) episode = { rest: dent - gain + c / k, peak: x, setbacks: 0 };
        episode.setbacks += starting;
      }
      const target = dent - gain + (c + weight * p.severity * pressing) / k;
      x = target + (x - target) * Math.exp(-k * C.DT);
      x = Math.min(Math.max(x, C.W_UNLOADED - 100), C.W_UNLOADED);
      dent = Math.max(dent, C.PLASTIC_SHARE * (x - dent - limit));
      const rest = dent - gain + c / k;
      if (episode !== null) {
        episode.peak = Math.max(episode.peak, x);
        if (!pressing && Math.abs(x - rest) < C.TOLERANCE) {
          const grows =
            challenge &&
            growth.length === 0 &&
            dent === 0 &&
            episode.setbacks === 1 &&
            episode.peak - episode.rest >= C.MAINTAINED_BAND;
          if (grows) {
            gain += C.GROWTH_GAIN;
            k *= C.GROWTH_STIFFENING;
            growth.push(pyRound((step + 1) * C.DT, 1));
          }
          episode = null;
        }
      }
      if (pressing || episode !== null || x > xBefore + C.TOLERANCE) away = step;
      if ((step + 1) % every === 0) {
        samples.push(level(x));
        rests.push(level(dent - gain + c / k));
        limits.push(level(dent + limit));
      }
    }

    const restStart = samples[0];
    const end = samples[samples.length - 1];
    const onset = pulses.length ? pulses[0][0] * C.DT : 0;
    const back = episode === null && end >= restStart - C.TOLERANCE;
    let recovery = null;
    if (back) recovery = pulses.length ? pyRound((away + 1) * C.DT - onset, 1) : 0;
    let outcome = "bounced_back";
    if (!back || dentedAtStart) outcome = "not_recovered";
    else if (restStart - Math.min(...samples) < C.MAINTAINED_BAND) outcome = "maintained";
    else if (growth.length) outcome = "growth";
    return {
      wellbeing: samples,
      rest: rests,
      limit: limits,
      setback_weeks: pulses.map(([on, off]) => [on * C.DT, off * C.DT]),
      rest_start: restStart,
      rest_end: level(dent - gain + c / k),
      lowest: Math.min(...samples),
      dented_at_start: dentedAtStart,
      dented: dent > 0,
      growth_weeks: growth,
      recovery_time: recovery,
      outcome: outcome,
    };
  }

  root.Veerkracht = root.Veerkracht || {};
  root.Veerkracht.models = root.Veerkracht.models || {};
  root.Veerkracht.models.spring = { simulate: simulate, round: pyRound };
})(typeof window !== "undefined" ? window : globalThis);
