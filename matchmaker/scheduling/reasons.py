"""Why a meeting could not be placed, in words an organiser can act on."""
from __future__ import annotations

from collections import Counter

from matchmaker.scheduling.greedy import State
from matchmaker.scheduling.model import Instance


def unplaced_reason(instance: Instance, state: State, m: int) -> str:
    """Explain the first obstacle that rules out every slot for meeting m in the final schedule."""
    meeting = instance.meetings[m]
    people = meeting.participants
    if meeting.fixed_slot is not None:
        s = meeting.fixed_slot
        if not 0 <= s < len(instance.slots):
            return f"fixed to slot {s}, which does not exist"
        off = [p for p in people if s in instance.unavailable[p]]
        if off:
            return f"fixed to slot {s}, but participant {off[0]} is unavailable then"
    session_slots = [s for s in range(len(instance.slots))
                     if meeting.sessions is None or instance.slots[s].session in meeting.sessions]
    if not session_slots:
        return f"no slot belongs to its session(s) {sorted(meeting.sessions or [])}"
    eligible = instance.eligible_slots(m)
    if not eligible:
        return "the participants have no common available slot" + (
            f" in session(s) {', '.join(sorted(meeting.sessions))}" if meeting.sessions else "")
    for p in people:
        limit = instance.max_meetings[p]
        if limit is not None and len(state.busy[p]) >= limit:
            return f"participant {p} already has their maximum of {limit} meetings"
    causes: Counter[str] = Counter()
    for s in eligible:
        busy = [p for p in people if s in state.busy[p]]
        if busy:
            fixed = instance.meetings[state.busy[busy[0]][s]].fixed_slot is not None
            causes["conflicts with a fixed meeting" if fixed else "a participant is already in another meeting"] += 1
        elif state.load[s] >= instance.capacity(s):
            causes["no table left"] += 1
        elif not state.order_ok(m, s):
            causes["a precedence with another meeting rules it out"] += 1
        else:
            causes["placing it would displace a meeting of equal or higher priority"] += 1
    detail = "; ".join(f"{cause} in {n}" for cause, n in causes.most_common())
    return f"all {len(eligible)} common available slot{'s' if len(eligible) != 1 else ''} are taken: {detail}"
