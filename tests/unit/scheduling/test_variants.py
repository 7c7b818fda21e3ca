"""Variants of an instance (forbidden slots, fixed meetings, precedences) for the unseen-variant benchmark."""
from __future__ import annotations

from dataclasses import replace

import pytest

from matchmaker.scheduling import violations
from matchmaker.scheduling.greedy import first_fit
from matchmaker.scheduling.synthetic import synthetic_event, with_fixed, with_forbidden, with_precedences


@pytest.fixture(scope="module")
def base():
    instance = synthetic_event(60, 300, 10, seed=3, tiers=(0.0, 0.0))
    schedule = first_fit(instance)
    assert violations(schedule, instance) == [] and len(schedule.placements) > 200
    return instance, schedule


def test_forbidden_slots_replace_the_events_own_at_the_asked_density(base):
    instance, _ = base
    assert any(instance.unavailable)
    assert with_forbidden(instance, 0.0).unavailable == tuple(frozenset() for _ in range(60))
    variant = with_forbidden(instance, 0.05, seed=1)
    count = sum(len(u) for u in variant.unavailable)
    assert 0.03 * 600 < count < 0.07 * 600
    assert variant == with_forbidden(instance, 0.05, seed=1) and variant != with_forbidden(instance, 0.05, seed=2)
    assert variant.name.endswith(".forb0500") and variant.meetings == instance.meetings


def test_fixed_meetings_take_their_slot_from_a_valid_schedule_which_stays_valid(base):
    instance, schedule = base
    slots = {m: p.slot for m, p in schedule.placements.items()}
    variant = with_fixed(instance, slots, 0.2, seed=1)
    fixed = {m: meeting.fixed_slot for m, meeting in enumerate(variant.meetings) if meeting.fixed_slot is not None}
    assert len(fixed) == 60
    assert all(slots[m] == s for m, s in fixed.items())
    assert violations(schedule, variant) == []
    assert variant.name.endswith(".fixed020")


def test_precedences_agree_with_a_valid_schedule_which_stays_valid(base):
    instance, schedule = base
    slots = {m: p.slot for m, p in schedule.placements.items()}
    variant = with_precedences(instance, slots, 0.15, seed=1)
    assert 30 <= len(variant.precedences) <= 45
    assert all(slots[before] < slots[after] for before, after in variant.precedences)
    assert all(set(instance.meetings[before].participants) & set(instance.meetings[after].participants)
               for before, after in variant.precedences)  # as in the UdG files: one participant's two meetings
    assert violations(schedule, variant) == []
    stress = with_precedences(instance, slots, 0.15, seed=1, any_pair=True)
    assert stress.name.endswith(".prec15any") and 30 <= len(stress.precedences) <= 45
    assert any(not set(instance.meetings[before].participants) & set(instance.meetings[after].participants)
               for before, after in stress.precedences)
    assert violations(schedule, stress) == []
    # Dropping the order of one pair breaks it: the validator does check the precedences here.
    before, after = variant.precedences[0]
    assert violations(schedule, with_precedences(instance, {}, 0.0)) == []
    assert violations(schedule, replace(variant, precedences=((after, before),)))
