"""Property-based: on random instances every schedule is valid, never worse than first-fit, within the bound."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchmaker.scheduling import Instance, Meeting, Priority, Slot, Table, solve, violations
from matchmaker.scheduling.cpsat import tier_weights
from matchmaker.scheduling.flowbound import placement_upper_bound
from matchmaker.scheduling.greedy import first_fit


@st.composite
def instances(draw):
    n_participants = draw(st.integers(2, 7))
    n_slots = draw(st.integers(1, 6))
    slots = tuple(Slot(day=s // 4, session=draw(st.sampled_from(["am", "pm"]))) for s in range(n_slots))
    pairs = draw(st.lists(st.tuples(st.integers(0, n_participants - 1), st.integers(0, n_participants - 1))
                          .filter(lambda p: p[0] != p[1]), min_size=0, max_size=14))
    meetings = []
    for a, b in pairs:
        meetings.append(Meeting(
            (a, b), draw(st.sampled_from(list(Priority))),
            sessions=draw(st.sampled_from([None, frozenset({"am"}), frozenset({"pm"})])),
            fixed_slot=draw(st.one_of(st.none(), st.integers(0, n_slots - 1))) if draw(st.booleans()) else None))
    unavailable = tuple(frozenset(draw(st.sets(st.integers(0, n_slots - 1), max_size=2)))
                        for _ in range(n_participants))
    precedences = ()
    if len(meetings) >= 2 and draw(st.booleans()):
        precedences = ((0, 1),)
    max_meetings = tuple(draw(st.one_of(st.none(), st.integers(0, 3))) for _ in range(n_participants))
    return Instance(n_participants=n_participants, slots=slots,
                    tables=tuple(Table(str(t)) for t in range(draw(st.integers(1, 3)))), meetings=tuple(meetings),
                    unavailable=unavailable, precedences=precedences, max_meetings=max_meetings)


def weighted(instance, schedule):
    weights = tier_weights(instance)
    return sum(weights[m] for m in schedule.placements)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_random_instances(instance):
    result = solve(instance, time_limit=2, workers=1)
    assert violations(result.schedule, instance) == []
    greedy = first_fit(instance)
    assert violations(greedy, instance) == []
    assert result.report.placed <= placement_upper_bound(instance)
    if result.status == "OPTIMAL":  # proved: nothing that first-fit finds can be better by priority
        assert weighted(instance, result.schedule) >= weighted(instance, greedy)
    for m in result.unplaced:
        assert result.unplaced[m]  # every unplaced meeting says why
