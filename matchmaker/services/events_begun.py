"""A scheduling run once the event has begun: a slot that has begun takes no new meeting, and what already took
place there stays where it is (as a manual change into such a slot is refused: events_moves, "slot_over")."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from matchmaker.models._common import as_utc
from matchmaker.scheduling import Instance, Result, Schedule
from matchmaker.services.events import Loaded

SLOTS_OVER = "slots_over"  # an unplaced meeting's reason: its common slots were there, but have all begun


def begun(loaded: Loaded, now: datetime) -> set[int]:
    """The indices of the slots that have begun at `now`."""
    return {i for i, slot in enumerate(loaded.slots) if as_utc(slot.starts_at) <= now}


def closed(loaded: Loaded, over: set[int], kept: Schedule) -> Instance:
    """The event's instance with the slots `over` closed: a meeting `kept` there (the published agenda's, or the
    draft's) stays in its slot and at its table; nobody takes a new meeting there (every participant is unavailable
    in them, except in the slot of a meeting of theirs that stays)."""
    instance = loaded.instance
    if not over:
        return instance
    staying = {m: place for m, place in kept.placements.items() if place.slot in over}
    meetings = tuple(replace(meeting, fixed_slot=staying[m].slot, locked_table=staying[m].table) if m in staying
                     else meeting for m, meeting in enumerate(instance.meetings))
    theirs: list[set[int]] = [set() for _ in range(instance.n_participants)]
    for m, place in staying.items():
        for p in instance.meetings[m].participants:
            theirs[p].add(place.slot)
    unavailable = tuple(frozenset(set(instance.unavailable[p]) | (over - theirs[p]))
                        for p in range(instance.n_participants))
    return replace(instance, meetings=meetings, unavailable=unavailable)


def worded_over(result: Result, loaded: Loaded, over: set[int], instance: Instance) -> Result:
    """`result` (a solve of `instance`, closed by `closed`) with SLOTS_OVER as the reason of an unplaced meeting whose
    participants had a slot in common that has begun and none still to come: the organiser learns that time ran out,
    not that they never had a common slot, nor that the slot is taken (by the meetings that took place)."""
    if not over:
        return result
    for m in result.unplaced:
        if any(s in over for s in loaded.instance.eligible_slots(m)) \
                and all(s in over for s in instance.eligible_slots(m)):
            result.unplaced[m] = (SLOTS_OVER, {})
    return result
