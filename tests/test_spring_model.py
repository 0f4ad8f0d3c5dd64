"""The spring model on its own: the mechanisms it claims, in numbers."""

import math

import pytest
from veerkracht.models.spring import (
    FIRST_SETBACK,
    OUTCOMES,
    W_UNLOADED,
    SpringParams,
    elastic_limit,
    resting_displacement,
    simulate,
    stiffness,
)

MODERATE = dict(severity=4, duration=2, chronic_load=0, setbacks=1)


def test_recovery_time_falls_as_resources_rise():
    times = [simulate(SpringParams(resources=r, **MODERATE)).recovery_time for r in (1, 2, 3, 4, 5)]
    assert all(t is not None for t in times)
    assert times == sorted(times, reverse=True)
    assert times[0] > 2 * times[-1]


def test_recovery_time_near_rest_is_one_over_k():
    # A small dip decays as exp(-k t): from 4 points to the 1-point tolerance takes ln(4)/k.
    run = simulate(SpringParams(resources=2, severity=4, duration=0.5, setbacks=1))
    k = stiffness(2)
    dip = W_UNLOADED - min(run.wellbeing)
    assert run.outcome == "maintained"
    end_of_pulse = FIRST_SETBACK + 0.5
    expected = end_of_pulse + math.log(dip / 1.0) / k - FIRST_SETBACK
    assert run.recovery_time == pytest.approx(expected, abs=0.6)


@pytest.mark.parametrize("resources", [2, 3, 5])
def test_chronic_load_lowers_the_resting_point_in_proportion(resources):
    k = stiffness(resources)
    drops = []
    for load in (0.5, 1.0):
        run = simulate(SpringParams(resources=resources, chronic_load=load, setbacks=0))
        drops.append(W_UNLOADED - run.rest_start)
        assert run.wellbeing[-1] == pytest.approx(run.rest_start)  # it stays there
    assert drops[0] == pytest.approx(0.5 / k)
    assert drops[1] == pytest.approx(2 * drops[0])


def test_chronic_load_past_the_limit_leaves_a_dent_from_the_start():
    x, dent = resting_displacement(chronic_load=3, k=stiffness(1), limit=elastic_limit(1))
    assert x > elastic_limit(1) and dent > 0
    assert x == pytest.approx(3 / stiffness(1) + dent)


def test_pulses_faster_than_recovery_pile_up_as_the_theory_says():
    # Pulses of size A every T weeks add up to A (1 - q^n) / (1 - q), q = exp(-kT), within the limit.
    resources, severity, duration, interval, n = 5, 8, 1.0, 1.5, 5
    k = stiffness(resources)
    single = simulate(SpringParams(resources=resources, severity=severity, duration=duration, setbacks=1))
    many = simulate(
        SpringParams(resources=resources, severity=severity, duration=duration, setbacks=n, interval=interval)
    )
    a = severity / k * (1 - math.exp(-k * duration))
    q = math.exp(-k * interval)
    expected_peak = a * (1 - q**n) / (1 - q)
    assert W_UNLOADED - single.lowest == pytest.approx(a, abs=0.05)
    assert W_UNLOADED - many.lowest == pytest.approx(expected_peak, abs=0.05)
    assert W_UNLOADED - many.lowest > 1.8 * (W_UNLOADED - single.lowest)


def test_the_same_pulses_spread_out_do_not_pile_up():
    spread = simulate(SpringParams(resources=5, severity=8, duration=1, setbacks=3, interval=20))
    single = simulate(SpringParams(resources=5, severity=8, duration=1, setbacks=1))
    assert spread.lowest == pytest.approx(single.lowest, abs=0.05)


@pytest.mark.parametrize(
    ("params", "outcome"),
    [
        (SpringParams(resources=5, severity=2, duration=1), "maintained"),
        (SpringParams(resources=3, severity=6, duration=3), "bounced_back"),
        (SpringParams(resources=4, severity=8, duration=3), "growth"),
        (SpringParams(resources=1, severity=10, duration=6), "not_recovered"),
        (SpringParams(resources=1, severity=4, duration=3, chronic_load=2), "not_recovered"),
    ],
)
def test_each_outcome_is_reachable_and_classified_right(params, outcome):
    run = simulate(params)
    assert run.outcome == outcome
    start, end, dip = run.rest_start, run.wellbeing[-1], run.rest_start - run.lowest
    if outcome == "maintained":
        assert dip < 5 and abs(end - start) <= 1
    elif outcome == "bounced_back":
        assert dip >= 5 and abs(end - start) <= 1 and not run.grew and not run.dented
    elif outcome == "growth":
        assert run.grew and not run.dented and end > start + 1
        assert run.lowest >= run.limit_level  # stayed within the elastic limit
    else:
        assert run.recovery_time is None and end < start - 1


def test_past_the_elastic_limit_part_of_the_dent_stays():
    run = simulate(SpringParams(resources=1, severity=10, duration=6))
    assert run.dented and run.lowest < run.limit_level
    assert run.rest_end < run.rest_start - 1
    assert run.wellbeing[-1] == pytest.approx(run.rest_end, abs=1)


def test_growth_makes_the_next_identical_setback_recover_faster():
    once = simulate(SpringParams(resources=4, severity=8, duration=3, setbacks=1))
    twice = simulate(SpringParams(resources=4, severity=8, duration=3, setbacks=2, interval=20))
    assert once.grew
    first_dip = once.rest_start - once.lowest
    second_dip = twice.wellbeing[24] - min(twice.wellbeing[24:34])  # the second starts in week 24
    assert second_dip < first_dip  # the stiffer spring gives less


def test_chronic_load_makes_the_same_setback_land_harder():
    calm = simulate(SpringParams(resources=2, severity=6, duration=3, chronic_load=0))
    loaded = simulate(SpringParams(resources=2, severity=6, duration=3, chronic_load=2.5))
    assert calm.outcome in {"bounced_back", "growth"}
    assert loaded.outcome == "not_recovered" and loaded.dented


def test_same_input_same_output():
    params = SpringParams(resources=2.5, severity=7, duration=4, chronic_load=1, setbacks=3, interval=5)
    assert simulate(params) == simulate(params)


def test_outputs_stay_on_the_wellbeing_scale():
    run = simulate(SpringParams(resources=1, severity=20, duration=12, chronic_load=5, setbacks=5, interval=1))
    assert all(0 <= w <= 100 for w in run.wellbeing)
    assert run.outcome in OUTCOMES
    assert len(run.times) == len(run.wellbeing) == 53
