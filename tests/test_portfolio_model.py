"""The portfolio model (chapter 2) against what the chapter teaches, property by property, over
every one of the 3^9 portfolios at a chronic load (where the differences show), and bad input."""

import itertools
from functools import cache

import pytest
from veerkracht.i18n import tr
from veerkracht.models.checks import ParameterError
from veerkracht.models.portfolio import (
    ABSENT,
    ENVIRONMENT,
    INDIVIDUAL,
    RESOURCES,
    UNUSED,
    USED,
    PortfolioParams,
    assess,
    coping,
    sources,
)

CIRCUMSTANCES = {"chronic_load": 2, "severity": 6}


@cache
def result(states: tuple[int, ...]):
    return assess(PortfolioParams(**dict(zip(RESOURCES, states, strict=True)), **CIRCUMSTANCES))


def recovery(states: tuple[int, ...]) -> float:
    weeks = result(states).recovery_time
    return float("inf") if weeks is None else weeks


ALL = list(itertools.product((ABSENT, UNUSED, USED), repeat=len(RESOURCES)))


def changed(states: tuple[int, ...], i: int, value: int) -> tuple[int, ...]:
    return states[:i] + (value,) + states[i + 1 :]


def test_adding_a_resource_never_slows_recovery_or_lowers_the_portfolio():
    for states in ALL:
        for i, state in enumerate(states):
            if state == ABSENT:
                for added in (UNUSED, USED):
                    more = changed(states, i, added)
                    assert result(more).level >= result(states).level - 1e-12, (states, i)
                    assert recovery(more) <= recovery(states), (states, i)


def test_a_resource_not_used_at_the_critical_moment_never_helps():
    for states in ALL:
        for i, state in enumerate(states):
            if state == USED:
                unused = changed(states, i, UNUSED)
                assert result(unused).level <= result(states).level + 1e-12
                assert recovery(unused) >= recovery(states)
                assert result(unused).level < result(states).level  # and it matters


def used_only(names) -> tuple[int, ...]:
    return tuple(USED if r in names else ABSENT for r in RESOURCES)


@pytest.mark.parametrize("count", [2, 3, 4, 5])
def test_with_as_many_resources_a_portfolio_of_both_kinds_does_at_least_as_well(count):
    """Even the weakest mixed portfolio beats the strongest portfolio of a single kind."""
    single, mixed = [], []
    for names in itertools.combinations(RESOURCES, count):
        one_kind = set(names) <= set(INDIVIDUAL) or set(names) <= set(ENVIRONMENT)
        (single if one_kind else mixed).append(used_only(names))
    assert single and mixed
    assert min(result(s).level for s in mixed) >= max(result(s).level for s in single)
    assert max(recovery(s) for s in mixed) <= min(recovery(s) for s in single)


@pytest.mark.parametrize("load", [1, 2, 3])
def test_removing_the_safety_net_under_a_chronic_load_lengthens_recovery(load):
    for states in ALL[:: len(ALL) // 300]:
        with_net = changed(states, RESOURCES.index("network"), USED)
        without = changed(states, RESOURCES.index("network"), ABSENT)
        params = dict(chronic_load=load, severity=6)
        a = assess(PortfolioParams(**dict(zip(RESOURCES, with_net, strict=True)), **params))
        b = assess(PortfolioParams(**dict(zip(RESOURCES, without, strict=True)), **params))
        assert b.recovery_time is None or (a.recovery_time is not None and b.recovery_time > a.recovery_time), states


def test_each_influence_acts_in_its_direction_and_removing_a_source_weakens_its_targets():
    full = result(used_only(RESOURCES))
    assert all(full.strength[r] == pytest.approx(1.0) for r in RESOURCES)
    for target in RESOURCES:
        assert sources(target), f"{target} has no source"
        for source in sources(target):
            weaker = result(changed(used_only(RESOURCES), RESOURCES.index(source), ABSENT))
            assert weaker.strength[target] < full.strength[target], (source, target)
    # What the chapter names: the network supports the self-image, income the sense of control.
    assert "network" in sources("self_image") and "income" in sources("control")


def test_coping_follows_from_the_portfolio():
    def params(**states):
        return PortfolioParams(**{**dict.fromkeys(RESOURCES, ABSENT), **states})

    assert coping(params()) == "ruminate"
    assert coping(params(emotions=UNUSED, network=UNUSED)) == "ruminate"  # present, not used
    assert coping(params(network=USED)) == "support"
    assert coping(params(emotions=USED)) == "tackle"
    assert coping(params(emotions=USED, network=USED)) == "support_and_tackle"


def test_the_portfolio_sets_the_spring_and_an_empty_one_is_its_weakest():
    empty, full = result(used_only(())), result(used_only(RESOURCES))
    assert empty.spring_resources == pytest.approx(1.0) and full.spring_resources == pytest.approx(5.0)
    assert empty.run.recovery_time is None or full.run.recovery_time < empty.run.recovery_time
    assert full.run.lowest > empty.run.lowest


@pytest.mark.parametrize("bad", [3, -1, 1.5, "2", None, True, 10**400, float("nan")])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_bad_value_is_a_translated_parameter_error(bad, lang):
    with pytest.raises(ParameterError) as caught:
        assess(PortfolioParams(network=bad), lang)
    assert tr(lang, "portfolio.param.network") in str(caught.value)
    assert caught.value.param == "network"
    with pytest.raises(ParameterError):
        assess(PortfolioParams(chronic_load=4), lang)
