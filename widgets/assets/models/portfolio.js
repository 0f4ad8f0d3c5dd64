// The portfolio model (veerkracht/models/portfolio.py) ported to JavaScript, step for step, for the
// portfolio builder on the static site (the kit's "js" route: 3^9 portfolios are too many for a
// grid). Its constants come from the Python module (the page's data), so no number is written
// twice; tests/test_js_models.py holds it equal to Python. It needs models/spring.js loaded first,
// and checked parameters (the page's controls offer only allowed values).
(function (root) {
  "use strict";

  function resources(C) {
    return C.INDIVIDUAL.concat(C.ENVIRONMENT);
  }

  function sources(target, C) {
    return C.INFLUENCES.filter((edge) => edge[1] === target).map((edge) => edge[0]);
  }

  function strengths(present, C) {
    const out = {};
    for (const target of resources(C)) {
      const incoming = C.INFLUENCES.filter((edge) => edge[1] === target);
      const total = incoming.reduce((sum, edge) => sum + edge[2], 0);
      const support = incoming.reduce((sum, edge) => sum + (present.has(edge[0]) ? edge[2] : 0), 0) / total;
      out[target] = present.has(target) ? C.BASE_STRENGTH + (1 - C.BASE_STRENGTH) * support : 0;
    }
    return out;
  }

  function coping(p, C) {
    const regulate = p.emotions === C.USED;
    const support = p.network === C.USED;
    if (regulate) return support ? "support_and_tackle" : "tackle";
    return support ? "support" : "ruminate";
  }

  function assess(p, C) {
    const all = resources(C);
    const present = new Set(all.filter((r) => p[r] !== C.ABSENT));
    const strength = strengths(present, C);
    const lost = {};
    for (const r of all) lost[r] = p[r] !== C.ABSENT ? 1 - strength[r] : 0;
    const share = (kind) => kind.reduce((sum, r) => sum + (p[r] === C.USED ? strength[r] : 0), 0) / kind.length;
    const individual = share(C.INDIVIDUAL);
    const environment = share(C.ENVIRONMENT);
    const level =
      ((1 - C.DIVERSITY) * (individual + environment)) / 2 + C.DIVERSITY * Math.min(individual, environment);
    const springResources = C.SPRING_RESOURCES_LOW + (C.SPRING_RESOURCES_HIGH - C.SPRING_RESOURCES_LOW) * level;
    const run = root.Veerkracht.models.spring.simulate(
      {
        resources: springResources,
        severity: p.severity,
        duration: C.SETBACK_DURATION,
        chronic_load: p.chronic_load,
        setbacks: 1,
        interval: 0, // one setback: the time between setbacks plays no part
      },
      C.spring,
    );
    return {
      params: p,
      strength,
      lost,
      individual,
      environment,
      level,
      spring_resources: springResources,
      coping: coping(p, C),
      run,
    };
  }

  root.Veerkracht = root.Veerkracht || {};
  root.Veerkracht.models = root.Veerkracht.models || {};
  root.Veerkracht.models.portfolio = { assess, strengths, sources, resources };
})(typeof window !== "undefined" ? window : globalThis);
