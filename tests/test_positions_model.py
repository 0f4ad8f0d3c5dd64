"""Two positions, one setback (chapter 4): the combined model shows what the chapter says, over the
demo's whole control range: the same setback costs the person in the vulnerable position longer, or
tips their stress; the levers rank as the chapter says at the default settings; lifting the load
alone does not undo a tip, while making B's missing network and care available does; the resources
come from the portfolio model, and no circumstance counts twice."""

import itertools

import pytest
from veerkracht.demos.positions import SPEC
from veerkracht.i18n import tr
from veerkracht.models import positions
from veerkracht.models.checks import ParameterError
from veerkracht.models.portfolio import ABSENT, UNUSED, USED
from veerkracht.models.positions import LEVERS, PositionsParams, simulate

GRID = [dict(zip(SPEC.names, values, strict=True)) for values in itertools.product(*(p.values for p in SPEC.params))]


def test_the_resources_come_from_the_two_portfolios():
    run = simulate(PositionsParams())
    a, b = run.people["a"], run.people["b"]
    assert a.resources == pytest.approx(3.72, abs=0.005) and b.resources == pytest.approx(2.65, abs=0.005)
    assert a.resources == positions.resources_of(positions.PORTFOLIOS["a"])
    # B lacks exactly the three resources the dossier lists for vulnerable positions: a limited social
    # network (absent, not "there but unused"), a positive self-image, access to help or care.
    portfolio = positions.PORTFOLIOS["b"]
    assert [r for r, state in portfolio.items() if state == ABSENT] == ["self_image", "network", "care"]
    assert UNUSED not in portfolio.values()
    more = simulate(PositionsParams(lever=LEVERS.index("resources"))).people["b"]
    assert more.resources_after == positions.resources_of({**portfolio, "network": USED, "care": USED})
    assert more.resources_after == pytest.approx(4.27, abs=0.005) and more.resources == b.resources


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_circumstance_of_b_counts_twice(lang):
    """B's chronic load is not livelihood insecurity, because B's portfolio has livelihood security:
    lifting the load never leaves a missing resource behind that is the same circumstance."""
    assert positions.PORTFOLIOS["b"]["income"] == USED
    help_text = tr(lang, "positions.help.load")
    assert ("discriminatie" if lang == "nl" else "discrimination") in help_text
    assert not any(word in help_text.lower() for word in ("bestaans", "livelihood", "inkomen", "income"))


def test_the_resources_lever_makes_bs_missing_network_and_care_available_everywhere():
    for values in GRID:
        if LEVERS[values["lever"]] not in ("resources", "all"):
            continue
        run = simulate(PositionsParams(**values))
        b = run.people["b"]
        assert b.resources_after > b.resources, values
        # whatever tipped B, the made-available network and care bring B's stress back down
        assert not b.verdict.still_high, values


def test_the_same_setback_costs_the_vulnerable_position_more_everywhere():
    for values in GRID:
        if values["lever"] or not values["setback"]:
            continue
        run = simulate(PositionsParams(**values))
        a, b = run.people["a"].verdict, run.people["b"].verdict
        assert a.outcome == "bounced_back", values  # A, with a broad portfolio and no load, always recovers
        assert b.tipped or b.recovery_time is None or b.recovery_time > a.recovery_time, values
    # with no chronic load B still takes longer: the resources alone make the difference
    run = simulate(PositionsParams(load=0))
    a, b = (run.people[n].verdict for n in ("a", "b"))
    assert b.outcome == "bounced_back" and b.recovery_time > 1.4 * a.recovery_time


def test_person_a_does_not_depend_on_bs_load():
    for setback, lever in itertools.product(SPEC.param("setback").values, range(len(LEVERS))):
        runs = [
            simulate(PositionsParams(setback=setback, load=load, lever=lever)) for load in SPEC.param("load").values
        ]
        assert len({run.people["a"].stress for run in runs}) == 1


def test_the_levers_rank_as_the_chapter_says_at_the_default_settings():
    """The same setback tips B; lifting the load alone leaves B high (hysteresis), breaking a link only
    lowers it, more resources bring B back, and all three together fastest."""
    end = {lever: simulate(PositionsParams(lever=i)).people["b"] for i, lever in enumerate(LEVERS)}
    assert end["none"].verdict.outcome == "tipped" and end["none"].verdict.cause == "setback"
    assert end["load"].verdict.still_high and end["link"].verdict.still_high
    assert not end["resources"].verdict.still_high and not end["all"].verdict.still_high
    ranked = sorted(LEVERS, key=lambda lever: end[lever].end, reverse=True)
    assert ranked == ["none", "load", "link", "resources", "all"]


def test_every_state_of_the_grid_is_consistent():
    for values in GRID:
        run = simulate(PositionsParams(**values))
        for person in run.people.values():
            verdict = person.verdict
            assert all(0 <= s <= 100 for s in person.stress), values
            assert (verdict.cause == "load") == (person.before.calm is None), values
            if verdict.tipped:
                assert (verdict.outcome == "back_after_measure") == (not verdict.still_high), values
                assert LEVERS[values["lever"]] != "none" or verdict.still_high, values


@pytest.mark.parametrize("bad", [{"setback": -1}, {"load": 11}, {"lever": 5}, {"lever": 1.5}, {"load": "2"}])
def test_bad_parameters_are_refused_with_the_parameter_named(bad):
    with pytest.raises(ParameterError) as caught:
        simulate(PositionsParams(**bad), "nl")
    assert caught.value.param == next(iter(bad))
