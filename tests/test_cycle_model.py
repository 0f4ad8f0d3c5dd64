"""The stress-cycle model (chapter 3) does what the chapter says it does, property by property, over
the demo's whole control range: a tipping point, tipping by the load kept apart from tipping by a
shock, recovery slowing down as the tipping point nears, hysteresis when the load is swept up and
back down, and recovery once a link is broken. Setbacks in quick succession deepen the spring's dip.
"""

import itertools

import pytest
from veerkracht.demos.cycle import SPEC
from veerkracht.demos.spring import SPEC as SPRING
from veerkracht.models import cycle
from veerkracht.models.checks import ParameterError
from veerkracht.models.cycle import EVERYDAY_LOAD, CycleParams, equilibria, relief, settle, simulate, thresholds
from veerkracht.models.spring import SpringParams
from veerkracht.models.spring import simulate as spring

DEFAULT = CycleParams()
K, R = relief(DEFAULT.resources), DEFAULT.loop
GRID = [dict(zip(SPEC.names, values, strict=True)) for values in itertools.product(*(p.values for p in SPEC.params))]


def sweep(loads: list[float], k: float, r: float, start: float) -> list[float]:
    """Stress after settling at each chronic load in turn, each step starting where the last ended."""
    x, out = start, []
    for load in loads:
        x = settle(x, EVERYDAY_LOAD + load, k, r, weeks=200)
        out.append(x)
    return out


def steps(low: float, high: float, step: float = 0.05) -> list[float]:
    return [round(low + i * step, 2) for i in range(round((high - low) / step) + 1)]


def test_the_thresholds_at_the_default_settings():
    """The figures the chapter and the closing note quote."""
    tip, back = thresholds(K, R)
    assert tip == pytest.approx(4.40, abs=0.005)
    assert back == pytest.approx(-1.82, abs=0.005)  # below zero: lifting the whole load does not undo a tip
    assert simulate(DEFAULT).tip_load == tip


def test_the_bistable_range_found_by_sweeping_the_load_is_the_one_the_thresholds_give():
    tip, back = thresholds(K, R)
    for load in steps(0, 6, 0.02):
        eq = equilibria(EVERYDAY_LOAD + load, K, R)
        assert (eq.calm is not None) == (load < tip), load
        assert (eq.high is not None) == (load > back), load
        if eq.calm is not None and eq.high is not None:
            assert eq.calm < eq.ridge < eq.high


def test_a_weak_circle_has_no_tipping_point():
    """No circle never tips; a circle of 10 tips only with the fewest resources."""
    assert thresholds(relief(1), 10)[0] < 0
    for resources, loop in [(r, 0) for r in SPEC.param("resources").values] + [(r, 10) for r in (2, 3, 4, 5)]:
        assert thresholds(relief(resources), loop) == (None, None)
        for load in SPEC.param("chronic_load").values:
            eq = equilibria(EVERYDAY_LOAD + load, relief(resources), loop)
            assert eq.ridge is None and eq.high is None and eq.calm is not None


def test_fewer_resources_and_a_stronger_circle_lower_the_tipping_point():
    for loop in (20, 30, 40):
        tips = [thresholds(relief(r), loop)[0] for r in SPEC.param("resources").values]
        tips = [t for t in tips if t is not None]
        assert tips == sorted(tips) and len(set(tips)) == len(tips), loop
    for resources in SPEC.param("resources").values:
        found = [thresholds(relief(resources), loop) for loop in SPEC.param("loop").values]
        tips = [t for t, _ in found if t is not None]
        widths = [t - b for t, b in found if t is not None]
        assert tips == sorted(tips, reverse=True) and widths == sorted(widths), resources


def test_hysteresis_sweeping_the_load_up_and_back_down():
    """Up: stress jumps at the tipping point. Down: it stays high far below it; at the default circle
    it never comes back, with a weaker circle (20) it comes back below the way-back load."""
    for loop, expect_back in ((30, False), (20, True)):
        tip, back = thresholds(K, loop)
        up = steps(0, 6)
        calm = equilibria(EVERYDAY_LOAD, K, loop).calm
        rising = sweep(up, K, loop, calm)
        between = sum(cycle.folds(K, loop)) / 2  # calm states lie below, high states above
        jump = next(load for load, x in zip(up, rising, strict=True) if x > between)
        assert tip < jump <= tip + 0.1  # just past the fold stress creeps (the same slowing down)
        falling = sweep(up[::-1], K, loop, rising[-1])
        high_at = {load: x for load, x in zip(up[::-1], falling, strict=True)}
        stuck = [load for load in up if high_at[load] > between]
        if expect_back:
            assert back - 0.1 <= min(stuck) <= back + 0.05  # comes back at the way-back load, not the tip
        else:
            assert min(stuck) == 0  # stays high with every chronic load lifted
        width = tip - max(back, 0)
        assert width == pytest.approx({30: 4.40, 20: 0.82}[loop], abs=0.01)


def test_recovery_slows_down_as_the_tipping_point_nears():
    """The same small setback at rising loads: each recovery takes longer, and the calm state's
    return rate (the eigenvalue k - r f'(x)) falls towards zero at the tipping point."""
    times = [simulate(CycleParams(chronic_load=load, setback=5)).recovery_time for load in steps(0, 4, 0.5)]
    back = [t for t in times if t is not None]
    assert back == sorted(back) and back[-1] > 1.5 * back[0]
    assert times[-1] is None  # load 4: not back before the measure week
    tip = thresholds(K, R)[0]

    def rate(load: float) -> float:
        x, h = equilibria(EVERYDAY_LOAD + load, K, R).calm, 1e-4
        return -(cycle.drift(x + h, EVERYDAY_LOAD + load, K, R) - cycle.drift(x - h, EVERYDAY_LOAD + load, K, R)) / (
            2 * h
        )

    rates = [rate(load) for load in (0, 2, 3, 4, tip - 0.001)]
    assert rates == sorted(rates, reverse=True) and rates[-1] < 0.05 * rates[0]


def test_every_state_of_the_grid_is_consistent():
    """Over the whole control range: the verdict follows from the equilibria, never from chance."""
    for values in GRID:
        run = simulate(CycleParams(**values))
        assert all(0 <= s <= cycle.STRESS_MAX for s in run.stress), values
        assert run.outcome in cycle.OUTCOMES and run.cause in cycle.CAUSES, values
        # Tipped by the load exactly when the load alone leaves no calm state.
        assert (run.cause == "load") == (run.before.calm is None), values
        if run.cause == "setback":
            assert run.params.setback > 0 and max(run.stress) > run.before.ridge, values
        # After a tip, stress comes back exactly when it ends outside the high state's basin, and
        # always when the measure leaves no high state at all.
        if run.tipped:
            assert (run.outcome == "back_after_measure") == (not run.still_high), values
            assert run.after.high is not None or not run.still_high, values
            assert run.measured or run.still_high, values
        else:
            assert run.outcome in ("steady", "bounced_back", "recovering"), values
            assert (run.outcome == "steady") == (run.params.setback == 0), values
        if not run.measured:
            assert run.after == run.before, values


def test_a_tip_by_the_load_and_a_tip_by_a_shock_are_told_apart():
    by_load = simulate(CycleParams(chronic_load=5, setback=0))
    by_shock = simulate(CycleParams(chronic_load=2, setback=20))
    assert (by_load.outcome, by_load.cause) == ("tipped", "load")
    assert (by_shock.outcome, by_shock.cause) == ("tipped", "setback")
    assert by_shock.before.calm is not None  # the calm state still existed: the setback pushed past the ridge
    assert simulate(CycleParams(chronic_load=2, setback=0)).outcome == "steady"


def test_lifting_the_load_after_a_tip_does_not_bring_the_calm_state_back_but_breaking_a_link_does():
    tipped = dict(chronic_load=2, setback=20)
    lifted = simulate(CycleParams(**tipped, lift=1))
    assert lifted.outcome == "tipped" and lifted.still_high and lifted.stress_end > 60
    for link in range(1, len(cycle.LINKS) + 1):
        broken = simulate(CycleParams(**tipped, broken=link))
        assert broken.outcome == "back_after_measure" and broken.stress_end < 15
        assert broken.return_load_after > tipped["chronic_load"]  # the way back now lies above the load
    # After a tip by the load neither measure alone is enough at the defaults; both together are.
    load = dict(chronic_load=5, setback=0)
    assert simulate(CycleParams(**load, lift=1)).still_high
    assert simulate(CycleParams(**load, broken=4)).still_high
    assert simulate(CycleParams(**load, lift=1, broken=4)).outcome == "back_after_measure"


def test_lifting_the_load_after_a_tip_helps_exactly_where_the_way_back_lies_above_no_load():
    """Over the whole grid: after a tip, lifting the chronic load always brings stress out of the high
    state when the way back (``return_load``) lies above a load of zero; when it lies below, only a
    slow tip by the load can still be caught before it has run away. Both regimes occur after a tip
    by a setback."""
    helped, stuck = 0, 0
    for values in GRID:
        if not values["lift"] or values["broken"]:
            continue
        run = simulate(CycleParams(**values))
        if not run.tipped:
            continue
        back = run.return_load is not None and run.return_load > 0
        if back:
            assert not run.still_high, values
        else:
            assert run.still_high or run.cause == "load", values
        if run.cause == "setback":
            helped, stuck = helped + back, stuck + (not back)
    assert helped and stuck


def test_the_presets_show_lifting_the_load_failing_and_working_side_by_side():
    """Both regimes are one button away, next to each other: the strong circle of the default (stress
    stays high) and a weaker one (stress comes back down, 47 to 7)."""
    names = list(SPEC.presets)
    assert names.index("lift_load_works") == names.index("lift_load") + 1
    stays, works = (
        simulate(CycleParams(**{**SPEC.defaults, **SPEC.presets[n]})) for n in ("lift_load", "lift_load_works")
    )
    assert stays.params.lift == works.params.lift == 1 and stays.cause == works.cause == "setback"
    assert stays.still_high and stays.stress_end == pytest.approx(65.0, abs=0.5)
    assert not works.still_high and works.outcome == "back_after_measure"
    kept = simulate(CycleParams(**{**SPEC.defaults, **SPEC.presets["lift_load_works"], "lift": 0}))
    assert kept.still_high and kept.stress_end == pytest.approx(46.9, abs=0.5)
    assert works.stress_end == pytest.approx(6.7, abs=0.5)


def test_which_link_breaks_does_not_change_the_numbers():
    """The links weigh the same (an assumption of the course): only the drawing differs."""
    runs = [simulate(CycleParams(setback=20, broken=link)) for link in range(1, 5)]
    assert len({run.stress for run in runs}) == 1


@pytest.mark.parametrize(
    "bad", [{"chronic_load": -1}, {"loop": 41}, {"lift": 2}, {"broken": 5}, {"broken": 1.5}, {"setback": float("nan")}]
)
def test_bad_parameters_are_refused_with_the_parameter_named(bad):
    with pytest.raises(ParameterError) as caught:
        simulate(CycleParams(**bad), "en")
    assert caught.value.param == next(iter(bad))


def test_setbacks_in_quick_succession_deepen_the_springs_dip():
    """Chapter 1's spring beside the circle: over its whole grid, with two or three setbacks, the
    lowest wellbeing falls as the gap between them shrinks."""
    for values in itertools.product(
        *(SPRING.param(n).values for n in ("resources", "severity", "duration", "chronic_load"))
    ):
        base = dict(zip(("resources", "severity", "duration", "chronic_load"), values, strict=True))
        for count in (2, 3):
            lows = [
                spring(SpringParams(**base, setbacks=count, interval=gap)).lowest
                for gap in SPRING.param("interval").values
            ]
            assert lows == sorted(lows), (base, count)
    quick = [spring(SpringParams(resources=2, setbacks=3, interval=gap)).lowest for gap in (2, 12)]
    assert quick[0] < quick[1] - 10
