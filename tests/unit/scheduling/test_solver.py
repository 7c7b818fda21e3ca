"""solve(): every result is checked by violations(); priorities, reasons, repair mode, determinism."""
from __future__ import annotations

import time

import pytest

from matchmaker.scheduling import Meeting, Placement, Priority, Schedule, Slot, solve, violations
from matchmaker.scheduling.dzn import read_dzn
from matchmaker.scheduling.flowbound import placement_upper_bound
from matchmaker.scheduling.greedy import first_fit
from matchmaker.scheduling.reasons import describe
from matchmaker.scheduling.synthetic import synthetic_event
from tests.conftest import udg_instance
from tests.unit.scheduling.helpers import make_instance


def checked(instance, **kwargs):
    result = solve(instance, **kwargs)
    assert violations(result.schedule, instance) == []
    assert set(result.schedule.placements) | set(result.unplaced) == set(range(len(instance.meetings)))
    assert not set(result.schedule.placements) & set(result.unplaced)
    return result


def test_a_feasible_event_is_fully_placed_without_breaks():
    # A "round robin" of 4 participants: 6 meetings, 3 slots, 2 tables: a perfect schedule exists.
    instance = make_instance(4, [(0, 1), (2, 3), (0, 2), (1, 3), (0, 3), (1, 2)], n_slots=3, n_tables=2)
    result = checked(instance, time_limit=5)
    assert result.report.placed == 6 and result.report.total_breaks == 0 and result.unplaced == {}
    assert result.status == "OPTIMAL"


def test_breaks_are_minimised():
    # Participant 0 meets 1 and 2; 2 is only free in slot 2; 0-1 must sit next to it (slot 1 or 3).
    instance = make_instance(3, [(0, 1), (0, 2)], n_slots=4, n_tables=1,
                             unavailable=(frozenset(), frozenset(), frozenset({0, 1, 3})))
    result = checked(instance, time_limit=5)
    assert result.schedule.placements[0].slot in (1, 3) and result.report.total_breaks == 0


def test_priorities_decide_who_gets_the_only_slot_and_reasons_say_why():
    meetings = (Meeting((0, 1), Priority.ONE_SIDED), Meeting((0, 2), Priority.FORCED),
                Meeting((0, 3), Priority.MUTUAL), Meeting((4, 5), Priority.MUTUAL))
    instance = make_instance(6, [], meetings=meetings, n_slots=1, n_tables=2,
                             unavailable=tuple(frozenset({0}) if p == 5 else frozenset() for p in range(6)))
    result = checked(instance, time_limit=5)
    assert set(result.schedule.placements) == {1}
    assert result.unplaced[0] == ("slots_taken", {"slots": 1, "causes": [("participant_busy", 1)]})
    assert "already in another meeting" in describe(result.unplaced[2])
    assert result.unplaced[3] == ("no_common_slot", {})
    assert describe(result.unplaced[3]) == "the participants have no common available slot"
    assert result.report.placed_by_priority == {"one_sided": (0, 1), "mutual": (0, 2), "forced": (1, 1)}


def test_mutual_outweighs_any_number_of_one_sided():
    meetings = (Meeting((0, 1), Priority.MUTUAL),) + tuple(Meeting((0, p), Priority.ONE_SIDED) for p in (2, 3, 4))
    meetings += (Meeting((1, 5), Priority.ONE_SIDED), Meeting((1, 6), Priority.ONE_SIDED))
    # One slot: either the mutual 0-1 (1 meeting) or 0-2 and 1-5 (2 one-sided meetings) can run.
    instance = make_instance(7, [], meetings=meetings, n_slots=1, n_tables=3)
    result = checked(instance, time_limit=5)
    assert 0 in result.schedule.placements


def test_tables_and_maximum_are_reasons_too():
    instance = make_instance(6, [(0, 1), (2, 3), (4, 5), (0, 2)], n_slots=1, n_tables=2,
                             max_meetings=(None,) * 6)
    result = checked(instance, time_limit=5)
    assert result.report.placed == 2
    words = [describe(reason) for reason in result.unplaced.values()]
    assert any("no table left" in w or "already in another meeting" in w for w in words)
    capped = make_instance(3, [(0, 1), (0, 2)], n_slots=3, n_tables=1, max_meetings=(1, None, None))
    result = checked(capped, time_limit=5)
    assert result.report.placed == 1
    assert next(iter(result.unplaced.values())) == ("participant_at_max", {"participant": 0, "max": 1})
    assert "maximum of 1" in describe(next(iter(result.unplaced.values())))


def test_fixed_and_locked_meetings_never_move():
    meetings = (Meeting((0, 1), fixed_slot=2, locked_table=1), Meeting((0, 2)), Meeting((1, 2), fixed_slot=0))
    instance = make_instance(3, [], meetings=meetings, n_slots=3, n_tables=2)
    result = checked(instance, time_limit=5)
    assert result.schedule.placements[0] == Placement(2, 1)
    assert result.schedule.placements[2].slot == 0


def test_fixed_meeting_in_an_unavailable_slot_is_explained():
    meetings = (Meeting((0, 1), fixed_slot=1),)
    instance = make_instance(2, [], meetings=meetings, n_slots=2, unavailable=(frozenset({1}), frozenset()))
    assert "unavailable then" in describe(checked(instance, time_limit=2).unplaced[0])


def test_precedence_and_sessions():
    meetings = (Meeting((0, 1)), Meeting((0, 2), sessions=frozenset({"am"})), Meeting((1, 2)))
    slots = (Slot(0, "am"), Slot(0, "am"), Slot(0, "pm"), Slot(0, "pm"))
    instance = make_instance(3, [], meetings=meetings, slots=slots, n_tables=1, precedences=((0, 1),))
    result = checked(instance, time_limit=5)
    assert result.schedule.placements[0].slot < result.schedule.placements[1].slot <= 1


def test_two_days_and_extra_colleagues():
    meetings = (Meeting((0, 1, 2)), Meeting((0, 3)), Meeting((1, 3)), Meeting((2, 3)))
    slots = (Slot(0), Slot(0), Slot(1), Slot(1))
    instance = make_instance(4, [], meetings=meetings, slots=slots, n_tables=1)
    result = checked(instance, time_limit=5)
    assert result.report.placed == 4


def published(instance):
    result = checked(instance, time_limit=5, workers=1)
    return result.schedule


def test_repair_after_a_cancellation_moves_only_what_must_move():
    instance = make_instance(6, [(0, 1), (2, 3), (4, 5), (0, 2), (1, 3), (0, 4)], n_slots=4, n_tables=2)
    before = published(instance)
    victim, old = 3, before.placements[3]  # participant 0 and 2 meet here; 2 is now unavailable in that slot
    unavailable = tuple(frozenset({old.slot}) if p == 2 else frozenset() for p in range(6))
    changed = make_instance(6, [], meetings=instance.meetings, n_slots=4, n_tables=2, unavailable=unavailable)
    result = checked(changed, time_limit=5, previous=before, workers=1)
    moved = {move.meeting for move in result.moves}
    assert victim in moved
    assert next(m for m in result.moves if m.meeting == victim).reason == ("slot_no_longer_possible", {})
    for m, placement in before.placements.items():
        if m not in moved:
            assert result.schedule.placements[m] == placement  # same slot and same table
    assert all(move.old == before.placements[move.meeting] for move in result.moves)
    assert len(moved) <= 2  # the victim, and at most one meeting it has to swap with


def test_repair_places_a_new_request_without_disturbing_published_meetings():
    pairs = [(0, 1), (2, 3), (0, 2)]
    instance = make_instance(5, pairs, n_slots=3, n_tables=2)
    before = published(instance)
    grown = make_instance(5, pairs + [(1, 4)], n_slots=3, n_tables=2)
    result = checked(grown, time_limit=5, previous=before, workers=1)
    assert result.moves == [] and 3 in result.schedule.placements
    assert all(result.schedule.placements[m] == p for m, p in before.placements.items())


def test_same_seed_same_schedule_with_one_worker():
    instance = synthetic_event(30, 120, 8, seed=3)
    first = solve(instance, time_limit=3, seed=7, workers=1)
    second = solve(instance, time_limit=3, seed=7, workers=1)
    assert first.schedule.placements == second.schedule.placements


def test_same_schedule_twice_on_a_udg_event_with_one_worker():
    # RC2 alone (workers=1) proves it within a second or two, then CP-SAT on deterministic time spreads the breaks.
    instance = read_dzn(udg_instance("tic-12crafc.original"))
    first = checked(instance, time_limit=15, seed=3, workers=1)
    second = checked(instance, time_limit=15, seed=3, workers=1)
    assert first.status == "OPTIMAL" and first.schedule.placements == second.schedule.placements


def test_time_limit_stops_cleanly_with_a_valid_schedule():
    instance = synthetic_event(150, 900, 12, seed=5)
    started = time.monotonic()
    result = checked(instance, time_limit=2)
    assert time.monotonic() - started < 10  # generous: this checks the stop, bench/ measures speed
    assert result.report.placed >= len(first_fit(instance).placements)


def test_large_event_keeps_the_constructive_schedule_and_beats_first_fit():
    instance = synthetic_event(400, 2400, 16, seed=2)
    result = checked(instance, time_limit=3)
    assert result.report.placed >= len(first_fit(instance).placements)
    assert result.report.placed <= placement_upper_bound(instance)


@pytest.mark.parametrize("name, breaks", [("tic-12.original", 0), ("tic-12.fixed020-Forb", 1),
                                          ("tic-12.prec15", 0), ("forumt-14crafd.original", 4)])
def test_reaches_the_published_optimum_on_small_benchmark_instances(name, breaks):
    instance = read_dzn(udg_instance(name))
    result = checked(instance, time_limit=20)
    assert result.report.placed == len(instance.meetings)
    assert result.report.total_breaks == breaks and result.status == "OPTIMAL"


def test_empty_instance():
    result = checked(make_instance(2, [], n_slots=2), time_limit=1)
    assert result.report.placed == 0 and result.unplaced == {}


def test_repair_with_previous_schedule_is_not_a_list():
    instance = make_instance(2, [(0, 1)], n_slots=2)
    result = checked(instance, time_limit=2, previous=Schedule({0: Placement(1, 0)}))
    assert result.schedule.placements[0] == Placement(1, 0) and result.moves == []


def test_more_meetings_than_free_slots_places_what_fits():
    # Participant 0 has 3 meetings but only 2 free slots: the exact encoding must not fail on it.
    instance = make_instance(4, [(0, 1), (0, 2), (0, 3)], n_slots=3, n_tables=2,
                             unavailable=(frozenset({1}), frozenset(), frozenset(), frozenset()))
    result = checked(instance, time_limit=3)
    assert result.report.placed == 2


def test_when_not_all_fit_maxsat_orders_the_meetings_chosen_for_placement():
    # 0-5 can never take place (5 is never free). 0 meets 1 (free only in slot 0) and 2 (free only in slot 3),
    # so 0 has a break whatever happens; 0-3 and 0-4 can fill slots 1 and 2 and close it.
    never = frozenset(range(4))
    unavailable = (frozenset(), frozenset({1, 2, 3}), frozenset({0, 1, 2}), frozenset(), frozenset(), never)
    instance = make_instance(6, [(0, 1), (0, 2), (0, 3), (0, 4), (0, 5)], n_slots=4, n_tables=1,
                             unavailable=unavailable)
    result = checked(instance, time_limit=5)
    assert set(result.unplaced) == {4} and result.report.total_breaks == 0
    assert result.status == "OPTIMAL"  # most meetings placed (proved) and no break at all
    # one short, proved: the constructive schedule reaches the max-flow bound (else MaxSAT would choose)
    assert any(line.startswith(("placement: the constructive", "placement (MaxSAT)")) for line in result.log)

    # Without 0-4 a break is unavoidable: the schedule still has the fewest (one), but is only called FEASIBLE,
    # since the breaks are minimised for the meetings the placement phase chose.
    instance = make_instance(6, [(0, 1), (0, 2), (0, 3), (0, 5)], n_slots=4, n_tables=1, unavailable=unavailable)
    result = checked(instance, time_limit=5)
    assert set(result.unplaced) == {3} and result.report.total_breaks == 1 and result.status == "FEASIBLE"
    assert any(line.startswith("maxsat") for line in result.log)


def test_when_many_cannot_be_placed_cp_sat_chooses():
    # The max-flow bound shows that over a third of these requests cannot be placed: CP-SAT chooses them.
    instance = synthetic_event(40, 300, 8, seed=3)
    result = checked(instance, time_limit=4)
    assert len(instance.meetings) - placement_upper_bound(instance) > 100
    assert not any(line.startswith("placement (MaxSAT)") for line in result.log)
    assert any(line.startswith("placement:") for line in result.log)
    assert result.report.placed >= len(first_fit(instance).placements)


def test_maxsat_reports_unsat_instead_of_failing_when_counts_cannot_match():
    from matchmaker.scheduling.maxsat import minimise_breaks
    instance = make_instance(4, [(0, 1), (0, 2), (0, 3)], n_slots=3, n_tables=2,
                             unavailable=(frozenset({1}), frozenset(), frozenset(), frozenset()))
    status, slots = minimise_breaks(instance, [0, 1, 2], 10, 1, lambda line: None)
    assert (status, slots) == ("unsat", None)


def test_repair_places_a_meeting_whose_only_free_slot_is_slot_zero():
    import random

    from matchmaker.scheduling.greedy import State, repair

    instance = make_instance(2, [(0, 1)], n_slots=3, n_tables=1,
                             unavailable=(frozenset({1, 2}), frozenset()))
    state = State(instance)  # nothing placed yet: repair alone must place it in slot 0
    repair(state, [instance.eligible_slots(0)], random.Random(0), deadline=None)
    assert state.slot == {0: 0}


def test_every_meeting_placed_without_a_break_is_optimal_even_with_no_time_left_for_the_spread():
    # Under load the breaks search may end with a perfect schedule but no time for the fairness model: a schedule
    # with every meeting placed and no break at all is still the optimum (spread 0), not merely "FEASIBLE".
    from matchmaker.scheduling import solver as solver_module
    instance = make_instance(4, [(0, 1), (2, 3), (0, 2), (1, 3), (0, 3), (1, 2)], n_slots=3, n_tables=2)
    perfect = {0: 0, 1: 0, 2: 1, 3: 1, 4: 2, 5: 2}
    past = time.monotonic() - 1
    log: list[str] = []
    assert solver_module._fairness(instance, list(perfect), perfect, True, past, 0, 1, log) == (perfect, "OPTIMAL")
    gap = make_instance(2, [(0, 1)], n_slots=3, n_tables=1)
    assert solver_module._fairness(gap, [0], {0: 1}, False, past, 0, 1, log)[1] == "FEASIBLE"
