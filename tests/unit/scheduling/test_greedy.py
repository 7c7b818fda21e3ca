"""The constructive phase: which meetings an over-asked participant gets, and tiers that outrank lower ones."""
from __future__ import annotations

from matchmaker.scheduling import Meeting, Priority, violations
from matchmaker.scheduling.greedy import construct
from tests.unit.scheduling.helpers import make_instance


def test_over_asked_participants_meet_those_with_no_other_way():
    # One slot. 0 and 2 are each asked twice; 1 and 3 only by one of them. Holding 0-2 would leave 1 and 3
    # without a meeting; 0-1 and 2-3 place two meetings.
    for order in ([(0, 2), (0, 1), (2, 3)], [(0, 1), (0, 2), (2, 3)], [(2, 3), (0, 1), (0, 2)]):
        instance = make_instance(4, order, n_slots=1, n_tables=2)
        state = construct(instance, seed=0)
        held = {instance.meetings[m].participants for m in state.slot}
        assert held == {(0, 1), (2, 3)}, order
        assert violations(state.schedule(), instance) == []


def test_a_forced_meeting_takes_the_slot_of_lower_tier_ones():
    # One slot; 0 already meets 1 and 2 meets 3 (one-sided); the organiser forces 0-2: both must give way.
    meetings = (Meeting((0, 1), Priority.ONE_SIDED), Meeting((2, 3), Priority.ONE_SIDED),
                Meeting((0, 2), Priority.FORCED))
    instance = make_instance(4, [], n_slots=1, n_tables=2, meetings=meetings)
    state = construct(instance, seed=0, start={0: 0, 1: 0})
    assert state.slot == {2: 0}
    assert violations(state.schedule(), instance) == []


def test_a_lower_tier_never_ejects_a_higher_one():
    meetings = (Meeting((0, 1), Priority.FORCED), Meeting((0, 2), Priority.MUTUAL))
    instance = make_instance(3, [], n_slots=1, n_tables=2, meetings=meetings)
    state = construct(instance, seed=0, start={0: 0})
    assert state.slot == {0: 0}


def test_a_forced_meeting_moves_one_of_its_tier_and_what_stands_in_that_ones_way():
    # Two slots; 1 is free only in slot 0, where 0 already meets 2 (forced). 0-2 can move to slot 1 once the
    # one-sided 2-3 leaves it; 2-3 then finds slot 0 free: all three meetings are held.
    meetings = (Meeting((0, 1), Priority.FORCED), Meeting((0, 2), Priority.FORCED),
                Meeting((2, 3), Priority.ONE_SIDED))
    instance = make_instance(4, [], n_slots=2, n_tables=2, meetings=meetings,
                             unavailable=(frozenset(), frozenset({1}), frozenset(), frozenset()))
    state = construct(instance, seed=0, start={1: 0, 2: 1})
    assert state.slot == {0: 0, 1: 1, 2: 0}
    assert violations(state.schedule(), instance) == []
