"""The spring model: wellbeing as an overdamped spring under setbacks and a chronic load.

A thinking model, not a measurement. It illustrates mechanisms the dossier names with the
dossier's own spring picture; the forms below are the course's own choices and its numbers are
illustrative, not estimated from data.

State: the displacement ``x`` of the spring, how far wellbeing is pressed below the unloaded
resting level ``W_UNLOADED``; wellbeing is ``W = W_UNLOADED - x`` on a 0–100 scale. Time in weeks.
::

    dx/dt = -k (x - x_own) + c + w * s * n(t)
    k     = STIFFNESS_PER_RESOURCE * resources / (1 + CHRONIC_DRAIN * c)
    w     = 1 + CHRONIC_WEIGHT * c
    x_own = dent - gain

- Resources make the spring stiffer: near rest, recovery takes about ``1/k`` weeks, and a
  setback of the same size presses it less far (the dossier: resources make the process work).
- ``c``, the chronic load, presses all the time (the dossier: a continuous pressure on the
  spring): the resting point drops to ``x_own + c/k``. It also uses up part of what resources do
  (``CHRONIC_DRAIN``: recovery is slower) and makes each setback weigh more (``CHRONIC_WEIGHT``:
  a seemingly small event has a large impact). Both forms are the course's own.
- ``n(t)`` setbacks of severity ``s`` press at time ``t``; setbacks that overlap add their loads.
- Elastic limit ``L = LIMIT_BASE + LIMIT_PER_RESOURCE * resources`` of the spring's own
  compression ``x - dent``. Pressed past it, part of the overshoot stays as a dent (incomplete
  recovery): ``dent = max(dent, PLASTIC_SHARE * (x - dent - L))``. A chronic load that alone presses
  the spring past its limit leaves a dent from the start. The limit and the dent are the course's
  own assumptions.
- Growth, the course's own rule: a single setback of size ``s * d >= GROWTH_CHALLENGE`` that pressed
  the spring beyond its normal ups and downs (``MAINTAINED_BAND``), in a run where the spring never
  passed its limit, and that was fully recovered from before another setback began, raises the
  resting point by ``GROWTH_GAIN`` and makes the spring ``GROWTH_STIFFENING`` times stiffer. Growth
  happens at most once in a run: repeated setbacks never add up to more growth, however far apart
  (the dossier gives no rule, and "more adversity, more growth" is the reading it does not support).
  More setbacks, or setbacks closer together, can therefore never create growth or raise the resting
  point at the end.

Each step solves the linear equation exactly for the constant load within the step, so the
result does not depend on ``DT`` except at pulse edges, which fall on the step grid.
Sources: the model forms in ``../shared/SOURCES.md`` (spring, recovery time 1/k, pile-up of pulses);
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
CHRONIC_DRAIN = 0.1  # per point/week of chronic load: k is divided by (1 + CHRONIC_DRAIN * c)
CHRONIC_WEIGHT = 0.15  # per point/week of chronic load: setbacks press (1 + CHRONIC_WEIGHT * c) times harder
LIMIT_BASE = 10.0  # points of compression
LIMIT_PER_RESOURCE = 6.0
PLASTIC_SHARE = 0.5  # share of an overshoot past the limit that stays
GROWTH_CHALLENGE = 24.0  # severity x duration (points) of one setback that counts as a challenge
GROWTH_GAIN = 3.0  # points the resting point rises after growth
GROWTH_STIFFENING = 1.15
TOLERANCE = 1.0  # points: "back at rest" means within this of the resting point
MAINTAINED_BAND = 5.0  # points: a dip smaller than this counts as normal ups and downs

# The constants the "about the models" page lists (texts: spring.const.<NAME>).
CONSTANTS: tuple[str, ...] = (
    "W_UNLOADED",
    "HORIZON",
    "DT",
    "FIRST_SETBACK",
    "STIFFNESS_PER_RESOURCE",
    "CHRONIC_DRAIN",
    "CHRONIC_WEIGHT",
    "LIMIT_BASE",
    "LIMIT_PER_RESOURCE",
    "PLASTIC_SHARE",
    "GROWTH_CHALLENGE",
    "GROWTH_GAIN",
    "GROWTH_STIFFENING",
    "TOLERANCE",
    "MAINTAINED_BAND",
)
OUTCOMES: tuple[str, ...] = ("maintained", "bounced_back", "growth", "not_recovered")
# Quantities a question bank may key an answer to (answer: {model: spring, quantity: ...}).
QUANTITIES: tuple[str, ...] = ("outcome", "recovery_time", "rest_start", "lowest")

# Allowed ranges: what the model accepts (the demo's controls offer a grid inside them).
RANGES: dict[str, tuple[float, float]] = {
    "resources": (1, 5),
    "severity": (0, 20),
    "duration": (0.5, 12),
    "chronic_load": (0, 5),
    "setbacks": (0, 5),
    "interval": (1, 26),
}
INTEGERS = ("setbacks",)


@dataclass(frozen=True)
class SpringParams:
    """One scenario. Units: resources 1–5 (few to many); severity and chronic load in points of
    wellbeing per week; duration and interval (onset to onset) in weeks; setbacks a count."""

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
            value, label = getattr(self, name), f"spring.param.{name}"
            if name in INTEGERS:
                values[name] = check_integer(value, name, int(low), int(high), lang, label)
            else:
                values[name] = check_number(value, name, low, high, lang, label)
        return SpringParams(**values)


@dataclass(frozen=True)
class SpringRun:
    """One scenario's result: samples every ``SAMPLE_EVERY`` weeks and the verdict."""

    params: SpringParams
    times: tuple[float, ...]  # weeks
    wellbeing: tuple[float, ...]  # 0–100
    rest: tuple[float, ...]  # the resting point (wellbeing) at each sample: moves with a dent or growth
    limit: tuple[float, ...]  # wellbeing at the elastic limit at each sample
    setback_weeks: tuple[tuple[float, float], ...]  # (onset, end) of each setback
    rest_start: float  # resting wellbeing before the first setback, under the chronic load
    rest_end: float  # resting wellbeing at the end (after any dent or growth)
    lowest: float
    dented_at_start: bool  # the chronic load alone presses the spring past its limit
    dented: bool  # past the elastic limit at some time, the start included (a dent under TOLERANCE is not
    # visible in the curve and does not by itself make the run "not recovered")
    growth_weeks: tuple[float, ...]  # when a setback episode ended in growth
    recovery_time: float | None  # weeks from the first onset until back at rest_start for good
    outcome: str  # one of OUTCOMES

    @property
    def grew(self) -> bool:
        return bool(self.growth_weeks)

    @property
    def recovered_at(self) -> float | None:
        """The week in which wellbeing was back at its level before the setbacks, for good."""
        if self.recovery_time is None or not self.setback_weeks:
            return None
        return self.setback_weeks[0][0] + self.recovery_time


def constants() -> dict[str, float]:
    """Every constant the model computes with, by name: what the JavaScript port
    (``assets/models/spring.js``) is given, so no number is written twice."""
    return {name: globals()[name] for name in (*CONSTANTS, "SAMPLE_EVERY")}


def level(displacement: float) -> float:
    """Wellbeing (0–100) for a displacement of the spring."""
    return min(max(W_UNLOADED - displacement, 0.0), 100.0)


def stiffness(resources: float, chronic_load: float = 0.0) -> float:
    """Spring constant k (per week); recovery time near rest is 1/k."""
    return STIFFNESS_PER_RESOURCE * resources / (1 + CHRONIC_DRAIN * chronic_load)


def elastic_limit(resources: float) -> float:
    """Compression (points) of the spring itself past which part of it stays as a dent."""
    return LIMIT_BASE + LIMIT_PER_RESOURCE * resources


def resting_displacement(chronic_load: float, k: float, limit: float) -> tuple[float, float]:
    """Resting ``(x, dent)`` under a constant chronic load alone: ``x = c/k + dent`` with
    ``dent = PLASTIC_SHARE * (c/k - limit)`` when ``c/k`` passes the limit, else 0."""
    pressed = chronic_load / k
    dent = max(0.0, PLASTIC_SHARE * (pressed - limit))
    return min(pressed + dent, W_UNLOADED), dent


def simulate(params: SpringParams, lang: str = DEFAULT_LANGUAGE) -> SpringRun:
    """Run one scenario for ``HORIZON`` weeks and name its outcome in the dossier's terms.

    Raises a ParameterError (a ValueError) in ``lang`` if a parameter is out of range.
    """
    p = params.checked(lang)
    c = p.chronic_load
    k = stiffness(p.resources, c)
    limit = elastic_limit(p.resources)
    weight = 1 + CHRONIC_WEIGHT * c
    steps, every = round(HORIZON / DT), round(SAMPLE_EVERY / DT)
    length = max(1, round(p.duration / DT)) if p.severity > 0 else 0
    onsets = [round((FIRST_SETBACK + i * p.interval) / DT) for i in range(p.setbacks)]
    pulses = [(on, min(on + length, steps)) for on in onsets if on < steps and length]
    challenge = p.severity * p.duration >= GROWTH_CHALLENGE

    x, dent = resting_displacement(c, k, limit)
    x_before = x  # resting displacement before the first setback
    dented_at_start = dent > 0
    gain = 0.0
    growth: list[float] = []
    episode: dict | None = None  # a stretch of setbacks from an onset until back at rest
    away = -1  # last step at which the spring was pressed or still recovering
    samples, rests, limits = [level(x)], [level(x)], [level(dent + limit)]

    for step in range(steps):
        pressing = sum(on <= step < off for on, off in pulses)
        starting = sum(on == step for on, _ in pulses)
        if starting:
            if episode is None:
                episode = {"rest": dent - gain + c / k, "peak": x, "setbacks": 0}
            episode["setbacks"] += starting

        target = dent - gain + (c + weight * p.severity * pressing) / k
        x = target + (x - target) * math.exp(-k * DT)
        x = min(max(x, W_UNLOADED - 100.0), W_UNLOADED)  # wellbeing stays within 0–100
        dent = max(dent, PLASTIC_SHARE * (x - dent - limit))
        rest = dent - gain + c / k

        if episode is not None:
            episode["peak"] = max(episode["peak"], x)
            if not pressing and abs(x - rest) < TOLERANCE:
                grows = (
                    challenge
                    and not growth
                    and dent == 0
                    and episode["setbacks"] == 1
                    and episode["peak"] - episode["rest"] >= MAINTAINED_BAND
                )
                if grows:
                    gain += GROWTH_GAIN
                    k *= GROWTH_STIFFENING
                    growth.append(round((step + 1) * DT, 1))
                episode = None
        if pressing or episode is not None or x > x_before + TOLERANCE:
            away = step
        if (step + 1) % every == 0:
            samples.append(level(x))
            rests.append(level(dent - gain + c / k))
            limits.append(level(dent + limit))

    rest_start, end = samples[0], samples[-1]
    lowest = min(samples)
    onset = pulses[0][0] * DT if pulses else 0.0
    back = episode is None and end >= rest_start - TOLERANCE
    recovery = round((away + 1) * DT - onset, 1) if back and pulses else (0.0 if back else None)

    if not back or dented_at_start:
        outcome = "not_recovered"
    elif rest_start - lowest < MAINTAINED_BAND:
        outcome = "maintained"
    elif growth:
        outcome = "growth"
    else:
        outcome = "bounced_back"

    return SpringRun(
        params=p,
        times=tuple(i * SAMPLE_EVERY for i in range(len(samples))),
        wellbeing=tuple(samples),
        rest=tuple(rests),
        limit=tuple(limits),
        setback_weeks=tuple((on * DT, off * DT) for on, off in pulses),
        rest_start=rest_start,
        rest_end=level(dent - gain + c / k),
        lowest=lowest,
        dented_at_start=dented_at_start,
        dented=dent > 0,
        growth_weeks=tuple(growth),
        recovery_time=recovery,
        outcome=outcome,
    )
