"""Quality of a schedule: breaks (Bofill et al.), meetings per participant, table use."""
from __future__ import annotations

from statistics import median

from matchmaker.scheduling.model import Instance, Priority, Report, Schedule


def busy_slots(instance: Instance, slots: dict[int, int]) -> list[set[int]]:
    """For each participant, the slots in which they have a meeting (`slots`: meeting -> slot)."""
    busy: list[set[int]] = [set() for _ in range(instance.n_participants)]
    for index, slot in slots.items():
        for p in instance.meetings[index].participants:
            busy[p].add(slot)
    return busy


def total_breaks(instance: Instance, slots: dict[int, int]) -> int:
    """Breaks of all participants for a meeting -> slot mapping."""
    return sum(breaks_of(b, instance) for b in busy_slots(instance, slots))


def breaks_of(slots: set[int], instance: Instance) -> int:
    """Idle gaps between a participant's first and last meeting of each day; a gap counts once however long."""
    breaks = 0
    ordered = sorted(slots)
    for previous, current in zip(ordered, ordered[1:]):
        if current - previous > 1 and instance.slots[previous].day == instance.slots[current].day:
            breaks += 1
    return breaks


def report(instance: Instance, schedule: Schedule) -> Report:
    """Everything the organiser's quality report shows."""
    busy = busy_slots(instance, {m: p.slot for m, p in schedule.placements.items()})
    breaks = [breaks_of(slots, instance) for slots in busy]
    meetings_of = instance.meetings_of()
    with_requests = [p for p in range(instance.n_participants) if meetings_of[p]]
    counts = [len(busy[p]) for p in with_requests] or [0]
    tables = [0] * len(instance.slots)
    for placement in schedule.placements.values():
        tables[placement.slot] += 1
    by_tier: dict[str, tuple[int, int]] = {}
    for tier in Priority:
        indices = [i for i, m in enumerate(instance.meetings) if m.priority == tier]
        if indices:
            by_tier[tier.name.lower()] = (sum(1 for i in indices if i in schedule.placements), len(indices))
    considered = [breaks[p] for p in with_requests] or [0]
    return Report(
        requested=len(instance.meetings), placed=len(schedule.placements), placed_by_priority=by_tier,
        total_breaks=sum(breaks), breaks_per_participant=breaks, max_breaks=max(considered),
        min_breaks=min(considered), meetings_per_participant=(min(counts), float(median(counts)), max(counts)),
        tables_used_per_slot=tables,
    )
