"""The resilience-portfolio model: a person's resources, how they hold each other up, and what a
setback then does (chapter 2). A thinking model, not a measurement: which resources it lists
comes from the dossier, every number and every rule below is the course's own illustration.

Each resource is absent (``ABSENT``), present but not used at the critical moment (``UNUSED``), or
present and used (``USED``). The dossier: resources lie in the person and in the environment,
influence each other continuously, and the process comes about by making them available *and*
using them well at the critical moments.

- **Influences** (``INFLUENCES``, the course's own examples): a present resource supports others.
  Resource ``j`` works at strength ``e_j = BASE_STRENGTH + (1 - BASE_STRENGTH) * support_j`` when it
  is present (0 when absent), ``support_j`` the share of its incoming influence whose source is
  present. Removing one resource therefore weakens the ones it supports (knock-on effects).
- **Portfolio level** ``S`` (0–1): ``I`` and ``E`` are the strengths of the *used* individual and
  environmental resources, each as a share of its kind; ``S = (1 - DIVERSITY) * (I + E) / 2 +
  DIVERSITY * min(I, E)``. So a resource that is not used adds nothing at the setback itself (it
  still supports others), and with the same number of resources a portfolio of both kinds does at
  least as well as one of a single kind (the resilience portfolio model's diversity, Grych et al.
  2015, literature beyond the dossier).
- **The setback**: chapter 1's spring model with ``resources = 1 + 4 * S``, so the portfolio sets
  both the spring's stiffness and its elastic limit; the person's chronic load and setback are
  their circumstances (a persona's, or the reader's choice).
- **Coping** (what someone does at the moment of the setback) follows from the portfolio, never the
  other way round: with emotion regulation used, a more constructive way of coping is more likely
  (the dossier's "can"); without it and without a network to turn to, rumination is.

Every function is pure; the JavaScript port (``assets/models/portfolio.js``) is held equal to it by
``tests/test_js_models.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from veerkracht.i18n import DEFAULT_LANGUAGE, check_language
from veerkracht.models import spring
from veerkracht.models.checks import check_integer

ABSENT, UNUSED, USED = 0, 1, 2
INDIVIDUAL: tuple[str, ...] = ("confidence", "control", "self_image", "boundaries", "emotions")
ENVIRONMENT: tuple[str, ...] = ("network", "neighbourhood", "income", "care")
RESOURCES: tuple[str, ...] = INDIVIDUAL + ENVIRONMENT

# Who supports whom: (source, target, weight). The course's own examples of the dossier's "resources
# influence each other continuously"; every resource has at least one source.
INFLUENCES: tuple[tuple[str, str, float], ...] = (
    ("self_image", "confidence", 1.0),
    ("control", "confidence", 1.0),
    ("network", "confidence", 1.0),
    ("income", "control", 1.0),
    ("network", "self_image", 1.0),
    ("confidence", "boundaries", 1.0),
    ("emotions", "boundaries", 1.0),
    ("care", "emotions", 1.0),
    ("network", "emotions", 1.0),
    ("neighbourhood", "network", 1.0),
    ("boundaries", "network", 1.0),
    ("network", "neighbourhood", 1.0),
    ("income", "neighbourhood", 1.0),
    ("network", "income", 1.0),
    ("income", "care", 1.0),
    ("network", "care", 1.0),
)

BASE_STRENGTH = 0.6  # strength of a present resource that nothing else supports
DIVERSITY = 0.3  # weight of the weaker kind in the portfolio level
SPRING_RESOURCES_LOW = 1.0  # spring resources for an empty portfolio …
SPRING_RESOURCES_HIGH = 5.0  # … and for a full one, every resource used at full strength
SETBACK_DURATION = 3.0  # weeks
COPING: tuple[str, ...] = ("ruminate", "support", "tackle", "support_and_tackle")

CONSTANTS: tuple[str, ...] = (
    "BASE_STRENGTH",
    "DIVERSITY",
    "SPRING_RESOURCES_LOW",
    "SPRING_RESOURCES_HIGH",
    "SETBACK_DURATION",
)
QUANTITIES: tuple[str, ...] = ("level", "spring_resources", "recovery_time", "outcome", "coping")

CHRONIC_LOADS = (0, 3)  # whole points per week (spring model: chronic_load)
SEVERITIES = (0, 20)  # points per week (spring model: severity)


@dataclass(frozen=True)
class PortfolioParams:
    """One person: each resource's state (ABSENT, UNUSED or USED), their chronic load and the
    severity of the setback they meet."""

    confidence: int = USED
    control: int = USED
    self_image: int = USED
    boundaries: int = USED
    emotions: int = USED
    network: int = USED
    neighbourhood: int = USED
    income: int = USED
    care: int = USED
    chronic_load: int = 0
    severity: int = 8

    def checked(self, lang: str = DEFAULT_LANGUAGE) -> PortfolioParams:
        """These parameters as ints, or a ParameterError naming the first bad one."""
        lang = check_language(lang)
        values = {name: check_integer(getattr(self, name), name, ABSENT, USED, lang, label(name)) for name in RESOURCES}
        for name, (low, high) in (("chronic_load", CHRONIC_LOADS), ("severity", SEVERITIES)):
            values[name] = check_integer(getattr(self, name), name, low, high, lang, label(name))
        return PortfolioParams(**values)


def label(name: str) -> str:
    """The catalogue key of a parameter's name."""
    return f"portfolio.param.{name}"


@dataclass(frozen=True)
class Portfolio:
    """A portfolio's result: strengths, level, the spring it makes and the setback's run."""

    params: PortfolioParams
    strength: dict[str, float]  # 0 when absent
    lost: dict[str, float]  # how much strength each present resource lacks for want of its sources
    individual: float  # I, 0–1
    environment: float  # E, 0–1
    level: float  # S, 0–1
    spring_resources: float  # 1–5
    coping: str  # one of COPING
    run: spring.SpringRun

    @property
    def present(self) -> tuple[str, ...]:
        return tuple(r for r in RESOURCES if getattr(self.params, r) != ABSENT)

    @property
    def unused(self) -> tuple[str, ...]:
        return tuple(r for r in RESOURCES if getattr(self.params, r) == UNUSED)

    @property
    def recovery_time(self) -> float | None:
        return self.run.recovery_time

    @property
    def outcome(self) -> str:
        return self.run.outcome


def sources(target: str) -> tuple[str, ...]:
    """The resources that support ``target``."""
    return tuple(source for source, to, _ in INFLUENCES if to == target)


def strengths(present: set[str]) -> dict[str, float]:
    """Each resource's strength (0–1) when the resources in ``present`` are there."""
    out = {}
    for target in RESOURCES:
        incoming = [(source, weight) for source, to, weight in INFLUENCES if to == target]
        total = sum(weight for _, weight in incoming)
        support = sum(weight for source, weight in incoming if source in present) / total
        out[target] = BASE_STRENGTH + (1 - BASE_STRENGTH) * support if target in present else 0.0
    return out


def coping(params: PortfolioParams) -> str:
    """The way of coping the portfolio makes more likely (the course's own rule)."""
    regulate = params.emotions == USED
    support = params.network == USED
    if regulate:
        return "support_and_tackle" if support else "tackle"
    return "support" if support else "ruminate"


def assess(params: PortfolioParams, lang: str = DEFAULT_LANGUAGE) -> Portfolio:
    """The portfolio's strengths and level, and the spring model's run for its setback.

    Raises a ParameterError (a ValueError) in ``lang`` if a parameter is not allowed.
    """
    p = params.checked(lang)
    states = {r: getattr(p, r) for r in RESOURCES}
    strength = strengths({r for r, state in states.items() if state != ABSENT})
    lost = {r: (1.0 - strength[r]) if states[r] != ABSENT else 0.0 for r in RESOURCES}

    def share(kind: tuple[str, ...]) -> float:
        return sum(strength[r] for r in kind if states[r] == USED) / len(kind)

    individual, environment = share(INDIVIDUAL), share(ENVIRONMENT)
    level = (1 - DIVERSITY) * (individual + environment) / 2 + DIVERSITY * min(individual, environment)
    resources = SPRING_RESOURCES_LOW + (SPRING_RESOURCES_HIGH - SPRING_RESOURCES_LOW) * level
    run = spring.simulate(
        spring.SpringParams(
            resources=resources,
            severity=float(p.severity),
            duration=SETBACK_DURATION,
            chronic_load=float(p.chronic_load),
            setbacks=1,
        ),
        lang,
    )
    return Portfolio(p, strength, lost, individual, environment, level, resources, coping(p), run)


def constants() -> dict[str, object]:
    """Every constant the model computes with, for the JavaScript port (no number written twice)."""
    return {
        **{name: globals()[name] for name in CONSTANTS},
        "INDIVIDUAL": list(INDIVIDUAL),
        "ENVIRONMENT": list(ENVIRONMENT),
        "INFLUENCES": [list(edge) for edge in INFLUENCES],
        "ABSENT": ABSENT,
        "UNUSED": UNUSED,
        "USED": USED,
        "spring": spring.constants(),
    }
