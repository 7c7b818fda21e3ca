"""Breaks, the quality report and the validator, on hand-made schedules."""
from __future__ import annotations

import pytest

from matchmaker.scheduling import Meeting, Placement, Priority, Schedule, Slot, violations
from matchmaker.scheduling.quality import breaks_of, report
from tests.unit.scheduling.helpers import make_instance


@pytest.mark.parametrize("slots, breaks", [
    (set(), 0), ({3}, 0), ({0, 1, 2}, 0), ({0, 2}, 1), ({0, 5}, 1), ({0, 3, 5}, 2), ({0, 1, 4, 5}, 1),
])
def test_breaks_count_gaps_once_however_long(slots, breaks):
    assert breaks_of(slots, make_instance(2, [], n_slots=6)) == breaks


def test_gap_across_days_is_not_a_break():
    instance = make_instance(2, [], slots=(Slot(0), Slot(0), Slot(1), Slot(1)))
    assert breaks_of({1, 2}, instance) == 0 and breaks_of({0, 3}, instance) == 0
    assert breaks_of({0, 1, 3}, make_instance(2, [], n_slots=4)) == 1


def test_report():
    instance = make_instance(4, [(0, 1), (0, 2), (0, 3)], n_slots=4)
    schedule = Schedule({0: Placement(0, 0), 1: Placement(2, 0)})
    r = report(instance, schedule)
    assert (r.requested, r.placed, r.total_breaks) == (3, 2, 1)
    assert r.breaks_per_participant == [1, 0, 0, 0] and (r.max_breaks, r.min_breaks) == (1, 0)
    assert r.meetings_per_participant == (0, 1.0, 2)
    assert r.tables_used_per_slot == [1, 0, 1, 0]
    assert r.placed_by_priority == {"mutual": (2, 3)}


def valid_instance():
    meetings = (Meeting((0, 1)), Meeting((2, 3), sessions=frozenset({"pm"})), Meeting((0, 2), fixed_slot=1),
                Meeting((1, 3), fixed_slot=0, locked_table=1))
    slots = (Slot(0, "am"), Slot(0, "am"), Slot(0, "pm"))
    return make_instance(4, [], slots=slots, meetings=meetings, n_tables=2,
                         unavailable=(frozenset(), frozenset(), frozenset({0}), frozenset()),
                         precedences=((2, 1),), max_meetings=(2, None, None, None))


def test_valid_schedule_has_no_violations():
    schedule = Schedule({0: Placement(2, 1), 1: Placement(2, 0), 2: Placement(1, 0), 3: Placement(0, 1)})
    assert violations(schedule, valid_instance()) == []


@pytest.mark.parametrize("placements, fragment", [
    ({0: Placement(0, 0), 3: Placement(0, 1), 2: Placement(0, 0)}, "fixed to slot 1"),
    ({0: Placement(0, 0), 2: Placement(1, 0), 3: Placement(1, 0)}, "table 0 is double-booked"),
    ({0: Placement(1, 0), 2: Placement(1, 1)}, "participant 0 is double-booked"),
    ({1: Placement(0, 0)}, "outside its session"),
    ({2: Placement(2, 0), 1: Placement(2, 1)}, "must come before"),
    ({3: Placement(0, 0)}, "locked to table 1"),
    ({0: Placement(5, 0)}, "does not exist"),
    ({0: Placement(0, 7)}, "table 7, which does not exist"),
    ({9: Placement(0, 0)}, "meeting 9 does not exist"),
])
def test_each_violation_is_reported(placements, fragment):
    problems = violations(Schedule(placements), valid_instance())
    assert any(fragment in p for p in problems), problems


def test_unavailable_and_maximum_and_capacity():
    instance = make_instance(3, [(0, 1), (0, 2), (1, 2)], n_slots=3, n_tables=1,
                             unavailable=(frozenset({2}), frozenset(), frozenset()), max_meetings=(1, None, None))
    schedule = Schedule({0: Placement(2, 0), 1: Placement(1, 0)})
    problems = " | ".join(violations(schedule, instance))
    assert "unavailable in slot 2" in problems and "more than their maximum 1" in problems
    slim = make_instance(4, [(0, 1), (2, 3)], n_slots=1, slots=(Slot(0, "am", "", capacity=1),), n_tables=2)
    both_at_0 = Schedule({0: Placement(0, 0), 1: Placement(0, 1)})
    assert any("beyond slot 0's 1 tables" in p for p in violations(both_at_0, slim))


def test_priority_tiers_are_ordered():
    assert Priority.FORCED > Priority.MUTUAL > Priority.ONE_SIDED
