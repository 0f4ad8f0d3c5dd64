"""Two positions, one setback (chapter 4): the portfolio model and the stress circle combined. A
thinking model, not a measurement: the two people are fictional, their portfolios the course's
own illustration of what the dossier says about persistently vulnerable positions.

- **Person A** meets a temporary major life event with a broad portfolio and no chronic load.
- **Person B** is in a persistently vulnerable position (the dossier's *stelselmatig kwetsbare
  positie*): a combination of too few social, mental and material resources, here exactly the
  dossier's three examples (a limited social network, drawn as absent; a low self-image; poor access
  to professional help or care), and a chronic load that is not about money, such as discrimination
  (the dossier's other example of a chronic stressor). B has livelihood security, so the load and a
  missing resource never count the same circumstance twice.

Each portfolio sets the resources of chapter 3's circle (``portfolio.assess(...).spring_resources``,
1–5: how fast stress is worked off); the circle's strength is chapter 3's default. Both meet the
same setback. From ``MEASURE_WEEK`` a lever may act: less load (B's chronic load lifted), more
resources (B's missing safety net and access to help and care made available and used: largely
the environment's task, as this course reads the dossier), a broken link of the circle, or all three.
The lever acts on both people; A has no load to lift and already has the safety net and help and
care, so only the broken link changes A.

Every number is the course's own; ``tests/test_positions_model.py`` checks what chapter 4 says
the model shows, over the demo's whole control range.
"""

from __future__ import annotations

from dataclasses import dataclass

from veerkracht.i18n import DEFAULT_LANGUAGE, check_language
from veerkracht.models import cycle
from veerkracht.models.checks import check_integer, check_number
from veerkracht.models.portfolio import ABSENT, RESOURCES, UNUSED, USED, PortfolioParams, assess

PEOPLE: tuple[str, ...] = ("a", "b")
LEVERS: tuple[str, ...] = ("none", "load", "resources", "link", "all")
LOOP = 30.0  # the circle's strength for both: chapter 3's default
LINK = 3  # the link the lever breaks (withdrawal); which one does not change the numbers


def _portfolio(used: str, unused: str = "") -> dict[str, int]:
    states = {**dict.fromkeys(RESOURCES, ABSENT), **dict.fromkeys(unused.split(), UNUSED)}
    return {**states, **dict.fromkeys(used.split(), USED)}


# The two portfolios (the course's illustration). B lacks the three resources the dossier names for
# vulnerable positions: a social network (limited: drawn as absent), a positive self-image and access
# to help and care. Lever "more resources" makes the network and help and care available, and B uses them.
PORTFOLIOS: dict[str, dict[str, int]] = {
    "a": _portfolio("confidence control self_image emotions network income care"),
    "b": _portfolio("confidence control boundaries emotions neighbourhood income"),
}
MADE_AVAILABLE: tuple[str, ...] = ("network", "care")  # the lever "more resources", for B

CONSTANTS: tuple[str, ...] = ("LOOP",)
QUANTITIES: tuple[str, ...] = ("outcome_a", "outcome_b", "recovery_a", "recovery_b", "end_a", "end_b")
RANGES: dict[str, tuple[int, int]] = {"setback": (0, 40), "load": (0, 10), "lever": (0, len(LEVERS) - 1)}
INTEGERS = ("lever",)


@dataclass(frozen=True)
class PositionsParams:
    """The shared setback (points of stress per week, for two weeks from week 8), person B's chronic
    load (points per week) and the lever from week 26 (an index into ``LEVERS``)."""

    setback: float = 10.0
    load: float = 2.0
    lever: int = 0

    def checked(self, lang: str = DEFAULT_LANGUAGE) -> PositionsParams:
        """These parameters as numbers, or a ParameterError naming the first bad one."""
        lang = check_language(lang)
        label = "positions.param.{}".format
        return PositionsParams(
            setback=check_number(self.setback, "setback", *RANGES["setback"], lang, label("setback")),
            load=check_number(self.load, "load", *RANGES["load"], lang, label("load")),
            lever=check_integer(self.lever, "lever", *RANGES["lever"], lang, label("lever")),
        )


@dataclass(frozen=True)
class Person:
    """One person's year: resources before and after the lever, stress, and the verdict."""

    resources: float  # 1–5, from the portfolio
    resources_after: float
    chronic_load: float
    stress: tuple[float, ...]  # weekly samples
    before: cycle.Equilibria
    after: cycle.Equilibria
    verdict: cycle.Verdict

    @property
    def end(self) -> float:
        return self.stress[-1]


@dataclass(frozen=True)
class Positions:
    params: PositionsParams
    times: tuple[float, ...]
    people: dict[str, Person]

    @property
    def lever(self) -> str:
        return LEVERS[self.params.lever]

    # The quantities a question bank may key an answer to.
    outcome_a = property(lambda self: self.people["a"].verdict.outcome)
    outcome_b = property(lambda self: self.people["b"].verdict.outcome)
    recovery_a = property(lambda self: self.people["a"].verdict.recovery_time)
    recovery_b = property(lambda self: self.people["b"].verdict.recovery_time)
    end_a = property(lambda self: self.people["a"].end)
    end_b = property(lambda self: self.people["b"].end)


def constants() -> dict[str, float]:
    return {"LOOP": LOOP}


def resources_of(portfolio: dict[str, int]) -> float:
    """A portfolio as the circle's resources (1–5): chapter 2's model, with no load and its default
    setback (neither changes the portfolio's level)."""
    return assess(PortfolioParams(**portfolio, chronic_load=0, severity=6)).spring_resources


def _person(name: str, p: PositionsParams) -> Person:
    lever = LEVERS[p.lever]
    load = float(p.load) if name == "b" else 0.0
    portfolio = PORTFOLIOS[name]
    improved = {**portfolio, **dict.fromkeys(MADE_AVAILABLE, USED)} if lever in ("resources", "all") else portfolio
    resources, resources_after = resources_of(portfolio), resources_of(improved)
    lift = lever in ("load", "all")
    broken = lever in ("link", "all")
    k, k_after = cycle.relief(resources), cycle.relief(resources_after)
    r_after = cycle.loop_strength(LOOP, LINK if broken else cycle.NO_LINK)
    before = cycle.equilibria(cycle.EVERYDAY_LOAD + load, k, LOOP)
    after = cycle.equilibria(cycle.EVERYDAY_LOAD + (0.0 if lift else load), k_after, r_after)
    xs = cycle.path(load, resources, LOOP, p.setback, int(lift), broken, resources_after)
    unshocked = cycle.path(load, resources, LOOP, 0.0, int(lift), broken, resources_after)
    verdict = cycle.judge(xs, unshocked, before, after, p.setback)
    return Person(resources, resources_after, load, xs[:: round(cycle.SAMPLE_EVERY / cycle.DT)], before, after, verdict)


def simulate(params: PositionsParams, lang: str = DEFAULT_LANGUAGE) -> Positions:
    """Both people's year under the same setback and lever (a ParameterError in ``lang`` if bad)."""
    p = params.checked(lang)
    people = {name: _person(name, p) for name in PEOPLE}
    weeks = len(people["a"].stress)
    return Positions(p, tuple(i * cycle.SAMPLE_EVERY for i in range(weeks)), people)
