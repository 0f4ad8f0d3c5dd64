"""The spring model: wellbeing as an overdamped spring under setbacks and chronic load.

A thinking model, not a measurement. It illustrates the mechanisms the dossier names with a
spring metaphor; its parameters are illustrative and were not estimated from data.

State: the displacement ``x`` of the spring (how far wellbeing is pressed below the unloaded
resting level ``W_UNLOADED``), so wellbeing is ``W = W_UNLOADED - x`` on a 0–100 scale.

Dynamics (time in weeks)::

    dx/dt = -k (x - x_rest) + u(t),   x_rest = dent - gain

- ``k = STIFFNESS_PER_RESOURCE * resources``: resources make the spring stiffer, so the
  recovery time near rest is ``1/k`` weeks.
- ``u(t)``: the load in points per week, the chronic load plus the severity of every setback
  (a pulse of ``duration`` weeks) active at ``t``. A constant chronic load ``c`` moves the
  resting displacement to ``x_rest + c/k``: the resting point drops in proportion to ``c``.
- Elastic limit ``L = LIMIT_BASE + LIMIT_PER_RESOURCE * resources``: pressed past it, part of
  the overshoot stays (``dent = max(dent, PLASTIC_SHARE * (x - L))``): incomplete recovery.
- Growth: a setback episode that stretched the spring by at least ``GROWTH_STRETCH`` points
  without passing the limit, and was recovered from, raises the resting point by
  ``GROWTH_GAIN`` and makes the spring ``GROWTH_STIFFENING`` times stiffer. This rule is the
  course's own illustration of "growth", not a law from the literature.

Each step solves the linear equation exactly for the constant load within the step, so the
result does not depend on ``DT`` except at pulse edges, which fall on the step grid.
Sources: the forms in ``shared/SOURCES.md`` (spring, recovery time 1/k, pile-up of pulses);
Scheffer et al. (2018) for recovery time as a resilience indicator.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from veerkracht.i18n import DEFAULT_LANGUAGE, check_language
from veerkracht.models.checks import check_integer, check_number

W_UNLOADED = 80.0  # resting wellbeing with no load (0–100 scale)
HORIZON = 52.0  # weeks simulated
DT = 0.1  # weeks per step
SAMPLE_EVERY = 1.0  # weeks between returned samples (one per week: index = week)
FIRST_SETBACK = 4.0  # week of the first setback's onset

STIFFNESS_PER_RESOURCE = 0.1  # per week, per resource level
LIMIT_BASE = 10.0  # points of displacement
LIMIT_PER_RESOURCE = 6.0
PLASTIC_SHARE = 0.5  # share of an overshoot past the limit that stays
GROWTH_STRETCH = 12.0  # points a setback must stretch the spring to count as a challenge
GROWTH_GAIN = 3.0  # points the resting point rises after growth
GROWTH_STIFFENING = 1.15
TOLERANCE = 1.0  # points: "back at rest" means within this of the resting point
MAINTAINED_BAND = 5.0  # points: a dip smaller than this counts as normal ups and downs

OUTCOMES: tuple[str, ...] = ("maintained", "bounced_back", "growth", "not_recovered")

# Allowed ranges, shared by validation, the widget's sliders and the static grid.
RANGES: dict[str, tuple[float, float]] = {
    "resources": (1, 5),
    "severity": (0, 20),
    "duration": (0.5, 12),
    "chronic_load": (0, 5),
    "setbacks": (0, 5),
    "interval": (1, 26),
}


@dataclass(frozen=True)
class SpringParams:
    """One scenario. Units: resources 1–5 (few to many); severity and chronic load in points of
    wellbeing per week; duration and interval in weeks; setbacks a count."""

    resources: float = 3.0
    severity: float = 6.0
    duration: float = 3.0
    chronic_load: float = 0.0
    setbacks: int = 1
    interval: float = 8.0

    def checked(self, lang: str = DEFAULT_LANGUAGE) -> SpringParams:
        """These parameters as floats/ints, or a ParameterError naming the first bad one."""
        lang = check_language(lang)
        values = {}
        for name, (low, high) in RANGES.items():
            value = getattr(self, name)
            if name == "setbacks":
                values[name] = check_integer(value, name, int(low), int(high), lang)
            else:
                values[name] = check_number(value, name, low, high, lang)
        return SpringParams(**values)


@dataclass(frozen=True)
class SpringRun:
    """The result of one scenario: samples every ``SAMPLE_EVERY`` weeks and the verdict."""

    params: SpringParams
    times: tuple[float, ...]  # weeks
    wellbeing: tuple[float, ...]  # 0–100
    setback_weeks: tuple[tuple[float, float], ...]  # (onset, end) of each setback
    rest_start: float  # resting wellbeing at the start, under the chronic load
    rest_end: float  # resting wellbeing at the end (after any dent or growth)
    limit_level: float  # wellbeing at the elastic limit (at the start)
    lowest: float
    dented: bool  # pressed past the elastic limit at some point
    grew: bool
    outcome: str  # one of OUTCOMES
    recovery_time: float | None  # weeks from the first onset until the last setback is recovered from


def stiffness(resources: float) -> float:
    """Spring constant k (per week) for a resource level; recovery time near rest is 1/k."""
    return STIFFNESS_PER_RESOURCE * resources


def elastic_limit(resources: float) -> float:
    """Displacement (points) past which part of a compression stays."""
    return LIMIT_BASE + LIMIT_PER_RESOURCE * resources


def resting_displacement(chronic_load: float, k: float, limit: float) -> tuple[float, float]:
    """Equilibrium ``(x, dent)`` under a constant chronic load alone.

    Within the limit ``x = c/k``. Past it the dent feeds back: ``x = c/k + dent`` with
    ``dent = PLASTIC_SHARE (x - L)``, whose solution is below.
    """
    x = chronic_load / k
    if x <= limit:
        return x, 0.0
    x = (chronic_load / k - PLASTIC_SHARE * limit) / (1 - PLASTIC_SHARE)
    x = min(x, W_UNLOADED)
    return x, max(0.0, x - chronic_load / k)


def simulate(params: SpringParams, lang: str = DEFAULT_LANGUAGE) -> SpringRun:
    """Run one scenario for ``HORIZON`` weeks and classify it into the dossier's outcomes.

    Raises a ParameterError (a ValueError) in ``lang`` if a parameter is out of range.
    """
    p = params.checked(lang)
    k = stiffness(p.resources)
    limit = elastic_limit(p.resources)
    steps = round(HORIZON / DT)
    every = round(SAMPLE_EVERY / DT)
    onsets = [round((FIRST_SETBACK + i * p.interval) / DT) for i in range(p.setbacks)]
    length = max(1, round(p.duration / DT)) if p.severity > 0 else 0
    pulses = [(on, min(on + length, steps)) for on in onsets if on < steps and length]

    x, dent = resting_displacement(p.chronic_load, k, limit)
    gain = 0.0
    rest_start = W_UNLOADED - x
    dented = dent > 0
    grew = False
    episode_rest: float | None = None  # resting displacement when the current episode began
    episode_peak = 0.0
    episode_dented = False
    closed_at: int | None = None  # step at which the latest setback episode was recovered from

    samples = [W_UNLOADED - x]
    for step in range(steps):
        pushed = any(on <= step < off for on, off in pulses)
        load = p.chronic_load + (p.severity if pushed else 0.0)
        rest = dent - gain + p.chronic_load / k
        if pushed and episode_rest is None:
            episode_rest, episode_peak, episode_dented = rest, x, False

        target = dent - gain + load / k
        x = target + (x - target) * math.exp(-k * DT)
        x = min(max(x, W_UNLOADED - 100.0), W_UNLOADED)  # wellbeing stays within 0–100
        if x > limit:
            dent = max(dent, PLASTIC_SHARE * (x - limit))
            dented = episode_dented = True
        rest = dent - gain + p.chronic_load / k

        if episode_rest is not None:
            episode_peak = max(episode_peak, x)
            if not pushed and abs(x - rest) < TOLERANCE:
                stretched = episode_peak - episode_rest >= GROWTH_STRETCH
                if stretched and not episode_dented:
                    gain += GROWTH_GAIN
                    k *= GROWTH_STIFFENING
                    grew = True
                episode_rest, closed_at = None, step
        if (step + 1) % every == 0:
            samples.append(W_UNLOADED - x)

    times = tuple(i * SAMPLE_EVERY for i in range(len(samples)))
    rest_end = W_UNLOADED - (dent - gain + p.chronic_load / k)
    end = W_UNLOADED - x
    lowest = min(samples)
    still_recovering = episode_rest is not None  # the last setback's episode never closed
    onset_week = pulses[0][0] * DT if pulses else 0.0
    recovery = (closed_at + 1) * DT - onset_week if closed_at is not None else 0.0

    if still_recovering or end < rest_start - TOLERANCE:
        outcome, recovery_time = "not_recovered", None
    elif rest_start - lowest < MAINTAINED_BAND:
        outcome, recovery_time = "maintained", recovery
    elif grew:
        outcome, recovery_time = "growth", recovery
    else:
        outcome, recovery_time = "bounced_back", recovery

    return SpringRun(
        params=p,
        times=times,
        wellbeing=tuple(samples),
        setback_weeks=tuple((on * DT, off * DT) for on, off in pulses),
        rest_start=rest_start,
        rest_end=rest_end,
        limit_level=W_UNLOADED - limit,
        lowest=lowest,
        dented=dented,
        grew=grew,
        outcome=outcome,
        recovery_time=recovery_time,
    )
