"""The spring model on its own: the mechanisms it claims, in numbers, and the properties the
dossier asks of it, each checked over the whole control grid of the demo (3,600 states)."""

import itertools
import math

import pytest
from veerkracht.demos.spring import SPEC, describe
from veerkracht.i18n import tr
from veerkracht.models.spring import (
    CHRONIC_WEIGHT,
    FIRST_SETBACK,
    GROWTH_GAIN,
    GROWTH_STIFFENING,
    MAINTAINED_BAND,
    OUTCOMES,
    TOLERANCE,
    W_UNLOADED,
    SpringParams,
    elastic_limit,
    resting_displacement,
    simulate,
    stiffness,
)

NAMES = SPEC.names
VALUES = {p.name: p.values for p in SPEC.params}
DEFAULTS = SPEC.defaults
FLOOR = 0.05  # wellbeing this close to 0: the spring is pressed flat and a deeper dip cannot show


@pytest.fixture(scope="module")
def grid() -> dict[tuple, object]:
    """Every state the demo's controls offer, run through the model."""
    return {values: simulate(SpringParams(*values)) for values in itertools.product(*VALUES.values())}


def neighbours(grid, name: str):
    """Pairs (run, the same run with ``name`` one control step higher)."""
    i = NAMES.index(name)
    steps = VALUES[name]
    for key, run in grid.items():
        position = steps.index(key[i])
        if position + 1 < len(steps):
            yield run, grid[key[:i] + (steps[position + 1],) + key[i + 1 :]]


def dip(run) -> float:
    return run.rest_start - run.lowest


def recovery(run) -> float:
    return math.inf if run.recovery_time is None else run.recovery_time


def test_more_chronic_load_never_shortens_recovery_or_shrinks_the_dip(grid):
    pairs = list(neighbours(grid, "chronic_load"))
    assert all(recovery(more) >= recovery(less) for less, more in pairs)
    assert all(more.lowest <= less.lowest + 1e-9 for less, more in pairs)
    # The dip below the level before the setback grows too, unless wellbeing hits the floor of the scale.
    assert all(dip(more) >= dip(less) - 1e-9 or more.lowest <= FLOOR for less, more in pairs)


def test_at_default_settings_the_highest_load_visibly_lengthens_recovery_and_deepens_the_dip():
    calm = simulate(SpringParams(**DEFAULTS))
    loaded = simulate(SpringParams(**{**DEFAULTS, "chronic_load": VALUES["chronic_load"][-1]}))
    assert calm.outcome == "bounced_back" and calm.recovery_time == pytest.approx(11.2, abs=0.2)
    assert dip(loaded) >= 1.5 * dip(calm)  # 18.9 points against 11.9
    assert loaded.recovery_time is None and loaded.outcome == "not_recovered"  # a lasting dent
    middle = simulate(SpringParams(**{**DEFAULTS, "chronic_load": 2}))
    assert middle.recovery_time >= 1.25 * calm.recovery_time


def test_more_resources_never_slow_recovery_or_deepen_the_dip(grid):
    pairs = list(neighbours(grid, "resources"))
    assert all(recovery(more) <= recovery(less) for less, more in pairs)
    assert all(more.lowest >= less.lowest - 1e-9 for less, more in pairs)
    assert all(dip(more) <= dip(less) + 1e-9 or less.lowest <= FLOOR for less, more in pairs)


def test_maintained_means_wellbeing_stayed_in_its_normal_band(grid):
    for run in grid.values():
        if run.outcome == "maintained":
            assert all(w > run.rest_start - MAINTAINED_BAND for w in run.wellbeing)
            assert abs(run.wellbeing[-1] - run.rest_start) <= TOLERANCE


def test_no_run_with_a_lasting_dent_is_called_maintained_bounced_back_or_growth(grid):
    for run in grid.values():
        lasting_dent = run.dented_at_start or run.rest_end < run.rest_start - TOLERANCE
        if lasting_dent:
            assert run.outcome == "not_recovered", run.params
        if run.outcome in ("maintained", "bounced_back"):
            assert abs(run.wellbeing[-1] - run.rest_start) <= TOLERANCE
        if run.outcome == "growth":
            assert run.grew and not run.dented and run.wellbeing[-1] > run.rest_start + TOLERANCE


def test_growth_never_comes_from_more_setbacks_or_a_shorter_gap(grid):
    assert not [more.params for less, more in neighbours(grid, "setbacks") if more.grew and not less.grew]
    assert not [less.params for less, more in neighbours(grid, "interval") if less.grew and not more.grew]


def test_growth_happens_at_most_once_a_run_so_repeated_setbacks_never_add_up_to_more(grid):
    # The course's rule: however far apart heavy setbacks come, the resting point rises once at most.
    assert all(len(run.growth_weeks) <= 1 for run in grid.values())
    for run in grid.values():  # one growth step: the gain, and a stiffer spring under any chronic load
        c, k = run.params.chronic_load, stiffness(run.params.resources, run.params.chronic_load)
        assert run.rest_end <= run.rest_start + GROWTH_GAIN + c / k * (1 - 1 / GROWTH_STIFFENING) + 1e-9
    spaced = simulate(SpringParams(resources=4, severity=8, duration=3, setbacks=3, interval=12))
    assert len(spaced.growth_weeks) == 1 and spaced.rest_end == pytest.approx(spaced.rest_start + GROWTH_GAIN)


def test_more_setbacks_or_a_shorter_gap_never_raise_the_resting_point_at_the_end(grid):
    # (Unless wellbeing was pressed flat against the floor of the scale: then two dents can differ by
    # hundredths of a point either way.)
    def flat(*runs):
        return any(run.lowest <= FLOOR for run in runs)

    more_setbacks = [m.params for less, m in neighbours(grid, "setbacks") if m.rest_end > less.rest_end + 1e-9]
    shorter_gap = [less.params for less, m in neighbours(grid, "interval") if less.rest_end > m.rest_end + 1e-9]
    assert not [p for p in more_setbacks if not flat(simulate(p))]
    assert not [p for p in shorter_gap if not flat(simulate(p))]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_maintained_under_a_chronic_load_is_named_relative_to_the_level_under_the_load(grid, lang):
    # The dossier counts a chronic situation itself as a setback: a run that only kept its level under
    # the load is never simply "maintained", and its text says from which level it was measured.
    loaded = [run for run in grid.values() if run.outcome == "maintained" and run.rest_start < W_UNLOADED - 0.5]
    assert loaded  # e.g. resources 2, load 3, a small setback: wellbeing 60, 20 points under 80
    for run in loaded:
        label, text = describe(run, lang)
        assert label == tr(lang, "spring.outcome.maintained_loaded"), run.params
        assert f"{W_UNLOADED:.0f}" in text
    calm = [run for run in grid.values() if run.outcome == "maintained" and run.rest_start >= W_UNLOADED - 0.5]
    assert all(describe(run, lang)[0] == tr(lang, "spring.outcome.maintained") for run in calm)


def test_growth_stays_a_minority_and_never_falls_as_resources_rise(grid):
    shares = []
    for level in VALUES["resources"]:
        runs = [run for key, run in grid.items() if key[0] == level]
        shares.append(sum(run.outcome == "growth" for run in runs) / len(runs))
    assert shares == sorted(shares) and shares[-1] > 0
    overall = sum(run.outcome == "growth" for run in grid.values()) / len(grid)
    assert 0.03 < overall < 0.15  # 7.5 % of the states


def test_every_outcome_occurs_on_the_grid(grid):
    assert {run.outcome for run in grid.values()} == set(OUTCOMES)


def test_overlapping_setbacks_add_their_loads():
    # Within the limit the spring is linear: two setbacks a week apart press as the sum of one
    # setback and the same setback a week later, also in the weeks in which they overlap.
    one = simulate(SpringParams(resources=5, severity=2, duration=3, setbacks=1))
    two = simulate(SpringParams(resources=5, severity=2, duration=3, setbacks=2, interval=1))
    assert not two.dented and not two.grew
    pressed = [W_UNLOADED - w for w in one.wellbeing]
    for week in range(1, 53):
        assert W_UNLOADED - two.wellbeing[week] == pytest.approx(pressed[week] + pressed[week - 1], abs=1e-6)


def test_recovery_time_near_rest_is_one_over_k():
    # A small dip decays as exp(-k t): from the dip to the 1-point tolerance takes ln(dip)/k.
    run = simulate(SpringParams(resources=2, severity=4, duration=0.5, setbacks=1))
    k = stiffness(2)
    assert run.outcome == "maintained"
    expected = 0.5 + math.log(dip(run) / TOLERANCE) / k
    assert run.recovery_time == pytest.approx(expected, abs=0.6)
    assert run.recovered_at == pytest.approx(FIRST_SETBACK + run.recovery_time)


@pytest.mark.parametrize("resources", [2, 3, 5])
def test_chronic_load_lowers_the_resting_point_by_c_over_k(resources):
    for load in (0.5, 1.0, 2.0):
        run = simulate(SpringParams(resources=resources, chronic_load=load, setbacks=0))
        assert W_UNLOADED - run.rest_start == pytest.approx(load / stiffness(resources, load))
        assert run.wellbeing[-1] == pytest.approx(run.rest_start)  # it stays there
        assert run.outcome == "maintained"


def test_chronic_load_past_the_limit_leaves_a_dent_from_the_start_without_spiralling():
    x, dent = resting_displacement(chronic_load=3, k=stiffness(1, 3), limit=elastic_limit(1))
    assert dent == pytest.approx(0.5 * (3 / stiffness(1, 3) - elastic_limit(1)))
    run = simulate(SpringParams(resources=1, chronic_load=3, setbacks=0))
    assert run.dented_at_start and run.outcome == "not_recovered"
    assert run.wellbeing[-1] == pytest.approx(run.rest_start) == pytest.approx(W_UNLOADED - x)


def test_a_setback_weighs_more_under_chronic_load():
    # A short pulse adds about severity x duration x weight: the weight grows with the load.
    calm = simulate(SpringParams(resources=5, severity=2, duration=0.5, chronic_load=0))
    loaded = simulate(SpringParams(resources=5, severity=2, duration=0.5, chronic_load=2))
    assert dip(loaded) / dip(calm) == pytest.approx(1 + CHRONIC_WEIGHT * 2, rel=0.1)


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
    assert dip(single) == pytest.approx(a, abs=0.05)
    assert dip(many) == pytest.approx(a * (1 - q**n) / (1 - q), abs=0.05)


def test_past_the_elastic_limit_part_of_the_dent_stays():
    run = simulate(SpringParams(resources=1, severity=10, duration=6))
    assert run.dented and run.lowest < run.limit[0]
    assert run.rest_end < run.rest_start - 1 and run.outcome == "not_recovered"
    assert run.wellbeing[-1] == pytest.approx(run.rest_end, abs=1)
    assert run.rest[-1] == pytest.approx(run.rest_end)


def test_growth_raises_the_resting_point_and_the_next_setback_lands_softer():
    once = simulate(SpringParams(resources=4, severity=8, duration=3, setbacks=1))
    twice = simulate(SpringParams(resources=4, severity=8, duration=3, setbacks=2, interval=12))
    assert once.outcome == "growth" and once.rest_end == pytest.approx(once.rest_start + 3)
    assert len(once.growth_weeks) == 1 and once.rest[-1] > once.rest[0]
    second = twice.wellbeing[16] - min(twice.wellbeing[16:28])  # the second starts in week 16
    assert second < dip(once)  # the stiffer spring gives less


def test_same_input_same_output():
    params = SpringParams(resources=2.5, severity=7, duration=4, chronic_load=1, setbacks=3, interval=5)
    assert simulate(params) == simulate(params)


def test_outputs_stay_on_the_wellbeing_scale():
    run = simulate(SpringParams(resources=1, severity=20, duration=12, chronic_load=5, setbacks=5, interval=1))
    assert all(0 <= w <= 100 for w in (*run.wellbeing, *run.rest))
    assert run.outcome in OUTCOMES
    assert len(run.times) == len(run.wellbeing) == len(run.rest) == len(run.limit) == 53
