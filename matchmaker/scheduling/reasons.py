"""Why a meeting could not be placed, and why a published meeting moved: codes with parameters (the web layer
words them in the user's language), and `describe`, the English wording for the CLI and the benchmark."""
from __future__ import annotations

from collections import Counter
from typing import Any

from matchmaker.scheduling.greedy import State
from matchmaker.scheduling.model import Instance

Reason = tuple[str, dict[str, Any]]  # (code, parameters), e.g. ("participant_at_max", {"participant": 3, "max": 6})

# Each code's English wording; parameters by name. `slots_taken` lists its causes as (code, slots) pairs.
ENGLISH = {
    "fixed_slot_missing": "fixed to slot {slot}, which does not exist",
    "fixed_slot_unavailable": "fixed to slot {slot}, but participant {participant} is unavailable then",
    "no_session_slot": "no slot belongs to its session(s) {sessions}",
    "no_common_slot": "the participants have no common available slot",
    "no_common_slot_in_session": "the participants have no common available slot in session(s) {sessions}",
    "participant_at_max": "participant {participant} already has their maximum of {max} meetings",
    "slots_taken": "all {slots} common available slot(s) are taken: {causes}",
    # causes of "slots_taken", each counted in slots
    "fixed_meeting_conflict": "conflicts with a fixed meeting",
    "participant_busy": "a participant is already in another meeting",
    "no_table": "no table left",
    "precedence": "a precedence with another meeting rules it out",
    "would_displace": "placing it would displace a meeting of equal or higher priority",
    # moves of published meetings (repair mode)
    "no_longer_requested": "no longer requested",
    "table_reassigned": "table reassigned",
    "slot_no_longer_possible": "its slot is no longer possible (availability, session or tables changed)",
    "moved_to_make_room": "moved to make room for a meeting that could not be kept or placed otherwise",
}


def describe(reason: Reason) -> str:
    """The English sentence for a reason code and its parameters."""
    code, params = reason
    if code == "slots_taken":
        causes = "; ".join(f"{ENGLISH[cause]} in {n}" for cause, n in params["causes"])
        return ENGLISH[code].format(slots=params["slots"], causes=causes)
    values = {k: ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v for k, v in params.items()}
    return ENGLISH[code].format(**values)


def unplaced_reason(instance: Instance, state: State, m: int) -> Reason:
    """The first obstacle that rules out every slot for meeting m in the final schedule."""
    meeting = instance.meetings[m]
    people = meeting.participants
    if meeting.fixed_slot is not None:
        s = meeting.fixed_slot
        if not 0 <= s < len(instance.slots):
            return "fixed_slot_missing", {"slot": s}
        off = [p for p in people if s in instance.unavailable[p]]
        if off:
            return "fixed_slot_unavailable", {"slot": s, "participant": off[0]}
    sessions = sorted(meeting.sessions or [])
    session_slots = [s for s in range(len(instance.slots))
                     if meeting.sessions is None or instance.slots[s].session in meeting.sessions]
    if not session_slots:
        return "no_session_slot", {"sessions": sessions}
    eligible = instance.eligible_slots(m)
    if not eligible:
        return ("no_common_slot_in_session", {"sessions": sessions}) if sessions else ("no_common_slot", {})
    for p in people:
        limit = instance.max_meetings[p]
        if limit is not None and len(state.busy[p]) >= limit:
            return "participant_at_max", {"participant": p, "max": limit}
    causes: Counter[str] = Counter()
    for s in eligible:
        busy = [p for p in people if s in state.busy[p]]
        if busy:
            fixed = instance.meetings[state.busy[busy[0]][s]].fixed_slot is not None
            causes["fixed_meeting_conflict" if fixed else "participant_busy"] += 1
        elif state.load[s] >= instance.capacity(s):
            causes["no_table"] += 1
        elif not state.order_ok(m, s):
            causes["precedence"] += 1
        else:
            causes["would_displace"] += 1
    return "slots_taken", {"slots": len(eligible), "causes": causes.most_common()}
