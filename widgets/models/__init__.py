"""Pure models: parameters in, trajectories out. No ipywidgets or plotly imports here.

``MODELS`` registers each model for the rest of the course: the "about the models" page lists
its ``CONSTANTS``, and a question bank may key an answer to one of its ``QUANTITIES``
(``answer: {model: spring, quantity: recovery_time, params: {...}}``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from veerkracht.models import cycle, portfolio, positions, spring


@dataclass(frozen=True)
class Model:
    """A registered model: its module, how to run it from a mapping of parameters, and what it
    offers the rest of the course."""

    module: ModuleType
    run: Callable[[dict[str, Any], str], Any]  # params, lang -> result; ParameterError if bad
    constants: tuple[str, ...]
    quantities: tuple[str, ...]


MODELS: dict[str, Model] = {
    "spring": Model(
        module=spring,
        run=lambda params, lang: spring.simulate(spring.SpringParams(**params), lang),
        constants=spring.CONSTANTS,
        quantities=spring.QUANTITIES,
    ),
    "portfolio": Model(
        module=portfolio,
        run=lambda params, lang: portfolio.assess(portfolio.PortfolioParams(**params), lang),
        constants=portfolio.CONSTANTS,
        quantities=portfolio.QUANTITIES,
    ),
    "cycle": Model(
        module=cycle,
        run=lambda params, lang: cycle.simulate(cycle.CycleParams(**params), lang),
        constants=cycle.CONSTANTS,
        quantities=cycle.QUANTITIES,
    ),
    "positions": Model(
        module=positions,
        run=lambda params, lang: positions.simulate(positions.PositionsParams(**params), lang),
        constants=positions.CONSTANTS,
        quantities=positions.QUANTITIES,
    ),
}
