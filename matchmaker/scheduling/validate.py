"""violations(schedule, instance): every hard rule a schedule can break, checked independently of any solver."""
from __future__ import annotations

from collections import Counter

from matchmaker.scheduling.model import Instance, Schedule


def violations(schedule: Schedule, instance: Instance) -> list[str]:
    """A readable list of broken hard constraints; empty when the schedule is valid."""
    problems: list[str] = []
    n_slots, n_tables = len(instance.slots), len(instance.tables)
    participant_slot: dict[tuple[int, int], int] = {}
    table_slot: dict[tuple[int, int], int] = {}
    per_slot: Counter[int] = Counter()
    per_participant: Counter[int] = Counter()

    for index, placement in sorted(schedule.placements.items()):
        if not 0 <= index < len(instance.meetings):
            problems.append(f"meeting {index} does not exist")
            continue
        meeting, slot, table = instance.meetings[index], placement.slot, placement.table
        if not 0 <= slot < n_slots:
            problems.append(f"meeting {index} is in slot {slot}, which does not exist")
            continue
        if not 0 <= table < n_tables:
            problems.append(f"meeting {index} is at table {table}, which does not exist")
        elif table >= instance.capacity(slot):
            problems.append(f"meeting {index} uses table {table} beyond slot {slot}'s {instance.capacity(slot)} tables")
        if meeting.sessions is not None and instance.slots[slot].session not in meeting.sessions:
            problems.append(f"meeting {index} is in slot {slot} outside its session(s) {sorted(meeting.sessions)}")
        if meeting.fixed_slot is not None and slot != meeting.fixed_slot:
            problems.append(f"meeting {index} is fixed to slot {meeting.fixed_slot} but is in slot {slot}")
        if meeting.locked_table is not None and table != meeting.locked_table:
            problems.append(f"meeting {index} is locked to table {meeting.locked_table} but is at table {table}")
        for p in meeting.participants:
            if slot in instance.unavailable[p]:
                problems.append(f"meeting {index}: participant {p} is unavailable in slot {slot}")
            other = participant_slot.setdefault((p, slot), index)
            if other != index:
                problems.append(f"participant {p} is double-booked in slot {slot} (meetings {other} and {index})")
            per_participant[p] += 1
        other = table_slot.setdefault((table, slot), index)
        if other != index:
            problems.append(f"table {table} is double-booked in slot {slot} (meetings {other} and {index})")
        per_slot[slot] += 1

    for slot, count in per_slot.items():
        if count > instance.capacity(slot):
            problems.append(f"slot {slot} holds {count} meetings but has {instance.capacity(slot)} tables")
    for p, count in per_participant.items():
        limit = instance.max_meetings[p]
        if limit is not None and count > limit:
            problems.append(f"participant {p} has {count} meetings, more than their maximum {limit}")
    for before, after in instance.precedences:
        s_before, s_after = schedule.slot_of(before), schedule.slot_of(after)
        if s_before is not None and s_after is not None and not s_before < s_after:
            problems.append(f"meeting {before} must come before meeting {after} (slots {s_before}, {s_after})")
    return problems
