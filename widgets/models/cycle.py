"""The stress-cycle model: a vicious circle in which stress piles up (chapter 3). A thinking model,
not a measurement: that such a circle can arise comes from the dossier (its figure, after Pharos,
is not in our copy); the circle's links as drawn here, the equation and every number below are the
course's own illustration, not estimated from data.

State: ``x``, stress in points (0 calm, 100 the most the scale shows). Time in weeks.
::

    dx/dt = S - k x + r f(x) + A n(t)
    S     = EVERYDAY_LOAD + chronic load
    k     = STRESS_RELIEF_PER_RESOURCE * resources
    r     = loop strength * (share of the circle's links still intact)
    f(x)  = x^p / (h^p + x^p),   h = LOOP_HALF, p = LOOP_STEEPNESS

- ``S``: the load. Everyday stress every life has, plus a chronic load (poverty, discrimination:
  the dossier's continuous pressure on the spring) that starts in week 0.
- ``k x``: resources work stress off; with more resources it fades faster.
- ``r f(x)``: the vicious circle. Stress disturbs sleep and energy, brings rumination, withdrawal and
  money trouble; each of these leaves fewer resources, and so more stress. The circle hardly
  turns while stress is low and pushes hard once it is high (``f`` rises steeply around ``h``):
  the course's own form (``../shared/SOURCES.md``, "vicious circle"). The four links carry an equal
  share of ``r``, an assumption of the course; breaking one (debt counselling, support, sleep)
  takes its share away.
- ``A n(t)``: a new setback of size ``A`` presses for ``SETBACK_WEEKS`` from ``SETBACK_WEEK``.

What the form gives (tests/test_cycle_model.py checks each over the demo's whole control range):
with a strong enough circle there is a range of loads with two stable states, calm and
high-stress, and a ridge between them. Past ``tip_load`` the calm state is gone and stress climbs
by itself (a tip by a changed parameter); inside the range a setback can push stress over the
ridge (a tip by a shock). Near ``tip_load`` recovery from a small setback takes longer and longer
(critical slowing down, Scheffer et al. 2009). Once tipped, lowering the load back below
``tip_load`` does not bring the calm state back: only going below ``return_load`` does
(hysteresis). Breaking a link lowers ``r`` and so raises ``return_load``: stress can come down
with the load unchanged.

Sources: the model forms in ``../shared/SOURCES.md``; van der Maas (2024, ch. 3) for fold and
hysteresis; Scheffer et al. (2009, 2018) for slowing down; literature beyond the dossier.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from veerkracht.i18n import DEFAULT_LANGUAGE, check_language
from veerkracht.models.checks import check_integer, check_number

EVERYDAY_LOAD = 3.0  # points/week of stress that every life has
STRESS_RELIEF_PER_RESOURCE = 0.15  # per week, per resource level: k
LOOP_HALF = 40.0  # points of stress at which the circle pushes at half its strength
LOOP_STEEPNESS = 4  # how sharply the circle starts to turn as stress rises
HORIZON = 52.0  # weeks simulated
DT = 0.1  # weeks per step (fourth-order Runge-Kutta)
SAMPLE_EVERY = 1.0  # weeks between returned samples (index = week)
SETBACK_WEEK = 8.0  # onset of the new setback (the chronic load starts in week 0)
SETBACK_WEEKS = 2.0  # how long the setback presses
MEASURE_WEEK = 26.0  # the load is lifted, or a link broken, from this week on
TOLERANCE = 1.0  # points: "back" means within this of the calm state
STRESS_MAX = 100.0

LINKS: tuple[str, ...] = ("sleep", "worry", "withdrawal", "money")
NO_LINK = 0  # ``broken``: 0 none, i (1-4) the link LINKS[i - 1]

CONSTANTS: tuple[str, ...] = (
    "EVERYDAY_LOAD",
    "STRESS_RELIEF_PER_RESOURCE",
    "LOOP_HALF",
    "LOOP_STEEPNESS",
    "HORIZON",
    "DT",
    "SETBACK_WEEK",
    "SETBACK_WEEKS",
    "MEASURE_WEEK",
    "TOLERANCE",
)
OUTCOMES: tuple[str, ...] = ("steady", "bounced_back", "recovering", "tipped", "back_after_measure")
CAUSES: tuple[str, ...] = ("none", "load", "setback")
QUANTITIES: tuple[str, ...] = ("outcome", "cause", "tip_load", "return_load", "recovery_time", "stress_end")

RANGES: dict[str, tuple[float, float]] = {
    "chronic_load": (0, 10),
    "resources": (1, 5),
    "loop": (0, 40),
    "setback": (0, 40),
    "lift": (0, 1),
    "broken": (0, len(LINKS)),
}
INTEGERS = ("lift", "broken")


@dataclass(frozen=True)
class CycleParams:
    """One scenario. Units: chronic load, loop strength and setback in points of stress per week;
    resources 1–5 (few to many); ``lift`` 1 lifts the chronic load from ``MEASURE_WEEK``;
    ``broken`` 1–4 breaks that link of the circle (``LINKS``) from ``MEASURE_WEEK``, 0 none."""

    chronic_load: float = 2.0
    resources: float = 3.0
    loop: float = 30.0
    setback: float = 10.0
    lift: int = 0
    broken: int = NO_LINK

    def checked(self, lang: str = DEFAULT_LANGUAGE) -> CycleParams:
        """These parameters as floats/ints, or a ParameterError naming the first bad one."""
        lang = check_language(lang)
        values = {}
        for name, (low, high) in RANGES.items():
            value, label = getattr(self, name), f"cycle.param.{name}"
            if name in INTEGERS:
                values[name] = check_integer(value, name, int(low), int(high), lang, label)
            else:
                values[name] = check_number(value, name, low, high, lang, label)
        return CycleParams(**values)


@dataclass(frozen=True)
class Equilibria:
    """The states where stress stays put for one load, relief and loop strength (points)."""

    calm: float | None  # the low stable state, if there is one
    ridge: float | None  # the unstable state between two stable ones: past it stress runs on by itself
    high: float | None  # the high stable state, if the circle makes one


@dataclass(frozen=True)
class CycleRun:
    """One scenario's result: samples every ``SAMPLE_EVERY`` weeks and the verdict."""

    params: CycleParams
    times: tuple[float, ...]  # weeks
    stress: tuple[float, ...]  # 0–100
    before: Equilibria  # from week 0 until the measure
    after: Equilibria  # from the measure on (the same as ``before`` without a measure)
    tip_load: float | None  # chronic load past which the calm state is gone (before the measure)
    return_load: float | None  # chronic load below which a tipped state comes back (before the measure)
    tip_load_after: float | None  # the same with the measure's loop (a broken link)
    return_load_after: float | None
    tipped: bool  # in the high state's basin at the measure week
    cause: str  # one of CAUSES: what tipped it
    recovery_time: float | None  # weeks from the setback's onset until back at calm, or None
    outcome: str  # one of OUTCOMES
    still_high: bool  # at the end, stress is still in the high state's basin

    @property
    def measured(self) -> bool:
        return bool(self.params.lift or self.params.broken)

    @property
    def stress_end(self) -> float:
        return self.stress[-1]


def constants() -> dict[str, float]:
    """Every constant the model computes with, by name."""
    return {name: globals()[name] for name in (*CONSTANTS, "SAMPLE_EVERY", "STRESS_MAX")}


def relief(resources: float) -> float:
    """``k``: how fast resources work stress off (per week)."""
    return STRESS_RELIEF_PER_RESOURCE * resources


def loop_push(x: float) -> float:
    """``f(x)``: the share of its strength with which the circle pushes at stress ``x`` (0–1)."""
    x = max(x, 0.0)
    return x**LOOP_STEEPNESS / (LOOP_HALF**LOOP_STEEPNESS + x**LOOP_STEEPNESS)


def loop_strength(loop: float, broken: int) -> float:
    """``r``: the loop strength with link ``broken`` (1–4) taken out, 0 for none."""
    return loop * (len(LINKS) - (broken != NO_LINK)) / len(LINKS)


def drift(x: float, load: float, k: float, r: float) -> float:
    """dx/dt at stress ``x`` under total load ``load`` (points/week)."""
    return load - k * x + r * loop_push(x)


# The fold: equilibria satisfy load = k x - r f(x) =: g(x). Scanning g on a grid finds its
# turning points and brackets each root; bisection and golden-section search then pin them far
# more finely than the demo shows. Past _SCAN_TOP the circle pushes at nearly full strength and g
# only rises (its turning points lie below 80 for every allowed k and r), so one root at most lies
# beyond, found by bisection up to _FAR.
_SCAN = 0.5  # points of stress between scanned values
_SCAN_TOP = 150.0
_FAR = 1000.0  # no state lies above (10 + 3 + 40) / 0.15 < 400
_XS = tuple(i * _SCAN for i in range(int(_SCAN_TOP / _SCAN) + 1))


def _g(x: float, k: float, r: float) -> float:
    return k * x - r * loop_push(x)


def _root(load: float, k: float, r: float, low: float, high: float) -> float:
    for _ in range(60):
        mid = (low + high) / 2
        if (drift(low, load, k, r) > 0) == (drift(mid, load, k, r) > 0):
            low = mid
        else:
            high = mid
    return (low + high) / 2


@lru_cache(maxsize=4096)
def equilibria(load: float, k: float, r: float) -> Equilibria:
    """The calm state, the ridge and the high state under total load ``load`` (each None where the
    form has none). With a weak circle there is a single state, the calm one. A state above
    ``STRESS_MAX`` lies beyond the scale: the stress the model shows stops at its top."""
    roots = []
    for a, b in zip(_XS, _XS[1:], strict=False):
        da, db = drift(a, load, k, r), drift(b, load, k, r)
        if da == 0:
            roots.append(a)
        elif (da > 0) != (db > 0):
            roots.append(_root(load, k, r, a, b))
    if drift(_SCAN_TOP, load, k, r) > 0:
        roots.append(_root(load, k, r, _SCAN_TOP, _FAR))
    if len(roots) >= 3:
        return Equilibria(roots[0], roots[1], roots[2])
    (only,) = roots[:1] or (None,)
    fold = folds(k, r)
    if fold is not None and only is not None and only > fold[0]:
        return Equilibria(None, None, only)  # past the fold: only the high state is left
    return Equilibria(only, None, None)


@lru_cache(maxsize=4096)
def folds(k: float, r: float) -> tuple[float, float] | None:
    """The stress values ``(x_up, x_down)`` at which ``g`` turns (the calm state's last point and the
    high state's last point), or None when the circle is too weak for two stable states."""
    xs = _XS
    gs = [_g(x, k, r) for x in xs]
    up = next((i for i in range(1, len(xs) - 1) if gs[i - 1] < gs[i] >= gs[i + 1]), None)
    if up is None:
        return None
    down = next(i for i in range(up + 1, len(xs) - 1) if gs[i - 1] > gs[i] <= gs[i + 1])
    return _turn(xs[up], k, r, +1), _turn(xs[down], k, r, -1)


def _turn(x: float, k: float, r: float, sign: int) -> float:
    """The exact turning point of ``g`` near ``x`` (golden-section search for its max or min)."""
    low, high = x - _SCAN, x + _SCAN
    ratio = (5**0.5 - 1) / 2
    for _ in range(60):
        a, b = high - ratio * (high - low), low + ratio * (high - low)
        if sign * _g(a, k, r) > sign * _g(b, k, r):
            high = b
        else:
            low = a
    return (low + high) / 2


def thresholds(k: float, r: float) -> tuple[float | None, float | None]:
    """``(tip_load, return_load)`` as chronic loads (over the everyday load): past ``tip_load`` the
    calm state is gone; below ``return_load`` the high state is gone. Either can lie outside the
    loads the model allows (a negative return load: lifting every load does not bring calm back).
    ``(None, None)`` when the circle is too weak to tip."""
    fold = folds(k, r)
    if fold is None:
        return None, None
    return _g(fold[0], k, r) - EVERYDAY_LOAD, _g(fold[1], k, r) - EVERYDAY_LOAD


def step(x: float, load: float, k: float, r: float) -> float:
    """One fourth-order Runge-Kutta step of ``DT`` weeks, the load constant within it."""
    a = drift(x, load, k, r)
    b = drift(x + DT / 2 * a, load, k, r)
    c = drift(x + DT / 2 * b, load, k, r)
    d = drift(x + DT * c, load, k, r)
    return min(max(x + DT / 6 * (a + 2 * b + 2 * c + d), 0.0), STRESS_MAX)


def settle(x: float, load: float, k: float, r: float, weeks: float = HORIZON) -> float:
    """Stress after ``weeks`` under a constant total ``load`` from stress ``x`` (a sweep's step:
    change one parameter slowly and let stress settle at each value, as in a hysteresis loop)."""
    for _ in range(round(weeks / DT)):
        x = step(x, load, k, r)
    return x


def trajectory(p: CycleParams, setback: float | None = None) -> tuple[float, ...]:
    """Stress at every step (``HORIZON / DT + 1`` values) for checked parameters ``p``, with the
    setback's size replaced by ``setback`` if given (the same run without the shock: ``0``)."""
    size = p.setback if setback is None else setback
    return path(p.chronic_load, p.resources, p.loop, size, p.lift, p.broken != NO_LINK)


@lru_cache(maxsize=4096)
def path(
    chronic_load: float,
    resources: float,
    loop: float,
    size: float,
    lift: int,
    broken: bool,
    resources_after: float | None = None,
) -> tuple[float, ...]:
    """Stress at every step: the chronic load from week 0, a setback of ``size`` from
    ``SETBACK_WEEK``, and from ``MEASURE_WEEK`` the load lifted (``lift``), a link broken
    (``broken``; which one does not change the numbers, so runs are shared) and the resources
    changed to ``resources_after`` (the combined demo of chapter 4: resources made available)."""
    k = relief(resources)
    k_after = k if resources_after is None else relief(resources_after)
    steps = round(HORIZON / DT)
    onset, end = round(SETBACK_WEEK / DT), round((SETBACK_WEEK + SETBACK_WEEKS) / DT)
    measure = round(MEASURE_WEEK / DT)
    x = equilibria(EVERYDAY_LOAD, k, loop).calm or 0.0  # before the chronic load: everyday stress only
    out = [x]
    for i in range(steps):
        after = i >= measure
        load = EVERYDAY_LOAD + (0.0 if after and lift else chronic_load)
        if onset <= i < end:
            load += size
        r = loop_strength(loop, int(broken) if after else NO_LINK)
        x = step(x, load, k_after if after else k, r)
        out.append(x)
    return tuple(out)


@dataclass(frozen=True)
class Verdict:
    """What happened in one run, read from its path and the states before and after the measure."""

    tipped: bool  # in the high state's basin at the measure week
    cause: str  # one of CAUSES
    still_high: bool  # at the end, still in the high state's basin
    recovery_time: float | None  # weeks from the setback's onset until back at calm (before the measure)
    outcome: str  # one of OUTCOMES


def judge(xs: tuple[float, ...], unshocked: tuple[float, ...], before: Equilibria, after: Equilibria, setback: float):
    """The :class:`Verdict` for the path ``xs``; ``unshocked`` is the same run without the setback,
    which tells a tip by the load from a tip by the shock."""
    measure, onset = round(MEASURE_WEEK / DT), round(SETBACK_WEEK / DT)
    tipped = _high_side(xs[measure], before)
    if not tipped:
        cause = "none"
    elif _high_side(unshocked[measure], before):
        cause = "load"
    else:
        cause = "setback"
    still_high = _high_side(xs[-1], after)

    recovery = None
    if setback > 0 and not tipped and before.calm is not None:
        # The first step after the setback from which stress stays within TOLERANCE of calm, until
        # the measure (which may move the calm state).
        last_away = max((i for i in range(onset, measure + 1) if abs(xs[i] - before.calm) >= TOLERANCE), default=onset)
        if last_away < measure:
            recovery = round((last_away + 1 - onset) * DT, 1)

    if tipped:
        outcome = "tipped" if still_high else "back_after_measure"  # out of the high basin: on the way back
    elif setback > 0:
        outcome = "bounced_back" if recovery is not None else "recovering"
    else:
        outcome = "steady"
    return Verdict(tipped, cause, still_high, recovery, outcome)


def _high_side(x: float, eq: Equilibria) -> bool:
    """Whether stress ``x`` lies in the high state's basin (past the ridge, or no calm state)."""
    if eq.high is None:
        return False
    if eq.calm is None:
        return True
    return x > eq.ridge


def simulate(params: CycleParams, lang: str = DEFAULT_LANGUAGE) -> CycleRun:
    """Run one scenario for ``HORIZON`` weeks and say whether, and why, stress tipped.

    Raises a ParameterError (a ValueError) in ``lang`` if a parameter is out of range.
    """
    p = params.checked(lang)
    k = relief(p.resources)
    r_after = loop_strength(p.loop, p.broken)
    load_before = EVERYDAY_LOAD + p.chronic_load
    load_after = EVERYDAY_LOAD + (0.0 if p.lift else p.chronic_load)
    before = equilibria(load_before, k, p.loop)
    after = equilibria(load_after, k, r_after) if p.lift or p.broken else before
    xs = trajectory(p)
    samples = xs[:: round(SAMPLE_EVERY / DT)]
    verdict = judge(xs, trajectory(p, setback=0.0), before, after, p.setback)

    tip, ret = thresholds(k, p.loop)
    tip_after, ret_after = thresholds(k, r_after)
    return CycleRun(
        params=p,
        times=tuple(i * SAMPLE_EVERY for i in range(len(samples))),
        stress=tuple(samples),
        before=before,
        after=after,
        tip_load=tip,
        return_load=ret,
        tip_load_after=tip_after,
        return_load_after=ret_after,
        tipped=verdict.tipped,
        cause=verdict.cause,
        recovery_time=verdict.recovery_time,
        outcome=verdict.outcome,
        still_high=verdict.still_high,
    )
