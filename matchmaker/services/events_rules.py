"""Pure rules of an event's agenda (no Flask, no SQLAlchemy): the slot grid, and why a manual move is refused.

A refused move returns a code with parameters (worded by `events_wording`), checked against the same instance the
scheduler solves; the engine's independent validator (`scheduling.violations`) then has the last word.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from matchmaker.scheduling import Instance, Placement, Schedule, violations
from matchmaker.services.profile_schema import URL_RE

Reason = tuple[str, dict]


@dataclass(frozen=True)
class GridSlot:
    """One generated slot: its day (0-based), session name and UTC times."""

    day: int
    session: str
    starts_at: datetime
    ends_at: datetime


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def require_tables(tables: list) -> None:
    """ValueError without a table: nobody could meet. The web form refuses it first; creating an event, importing one
    and changing its grid check again for their other callers (the demo loaders, the CLI)."""
    if not tables:
        raise ValueError("an event needs at least one table")


def check_tables(tables: list[tuple[str, bool, str]]) -> None:
    """require_tables, and ValueError for a table_problem (the web form refuses both first, on its field)."""
    require_tables(tables)
    problem = table_problem(tables)
    if problem is not None:
        raise ValueError(f"{problem[0]}: {problem[1]['name']}")


def table_problem(tables: list[tuple[str, bool, str]]) -> tuple[str, dict] | None:
    """The first of the tables (name, virtual, link) that cannot be: a link that is not a web address
    ("table_link_not_web": participants open it from their agenda), a name given twice ("table_name_twice", whatever
    the case: agendas, badges and exports tell tables by their names); None when they are all fine."""
    seen: set[str] = set()
    for name, _virtual, link in tables:
        if link and not is_web_link(link):
            return "table_link_not_web", {"name": name}
        if name.casefold() in seen:
            return "table_name_twice", {"name": name}
        seen.add(name.casefold())
    return None


def is_web_link(link: str | None) -> bool:
    """A web address as a profile's website must be (`profile_schema.URL_RE`: http(s), a dotted host): the only links
    a virtual room may have (never javascript: or data:)."""
    return bool(URL_RE.match((link or "").strip()))


def generate_slots(days: list[date], sessions: list[tuple[str, str, str]], slot_minutes: int,
                   breaks: list[tuple[str, str]], time_zone: str) -> list[GridSlot]:
    """Slots of `slot_minutes` filling each session (name, "HH:MM", "HH:MM") of each day, skipping any slot that
    overlaps a break ("HH:MM", "HH:MM"); local times in `time_zone`, returned in UTC."""
    if slot_minutes <= 0:
        raise ValueError("slot length must be positive")
    zone, length, result = ZoneInfo(time_zone), timedelta(minutes=slot_minutes), []
    for day_index, day in enumerate(days):
        pauses = [(datetime.combine(day, _clock(a), zone), datetime.combine(day, _clock(b), zone)) for a, b in breaks]
        for name, start, end in sessions:
            at, stop = datetime.combine(day, _clock(start), zone), datetime.combine(day, _clock(end), zone)
            while at + length <= stop:
                clash = next((b for a, b in pauses if a < at + length and at < b), None)
                if clash is not None:
                    at = clash
                    continue
                result.append(GridSlot(day_index, name, at.astimezone(ZoneInfo("UTC")),
                                       (at + length).astimezone(ZoneInfo("UTC"))))
                at += length
    return result


def check_changes(instance: Instance, schedule: Schedule, changes: dict[int, Placement | None]) -> Reason | None:
    """Why applying `changes` (meeting -> new placement, None: unplace) to `schedule` breaks a rule, or None."""
    new = schedule.copy()
    for index, placement in changes.items():
        new.placements.pop(index, None)
        if placement is not None:
            new.placements[index] = placement
    for index, placement in changes.items():
        if placement is not None:
            reason = _placement_reason(instance, new, index, placement)
            if reason:
                return reason
    before = set(violations(schedule, instance))
    added = [problem for problem in violations(new, instance) if problem not in before]
    return ("rule_broken", {"detail": added[0]}) if added else None


def _placement_reason(instance: Instance, schedule: Schedule, index: int, placement: Placement) -> Reason | None:
    meeting, slot, table = instance.meetings[index], placement.slot, placement.table
    if not 0 <= slot < len(instance.slots):
        return ("no_such_slot", {"slot": slot})
    if not 0 <= table < instance.capacity(slot):
        return ("no_such_table", {"table": table})
    if meeting.fixed_slot is not None and slot != meeting.fixed_slot:
        return ("fixed_elsewhere", {"slot": meeting.fixed_slot})
    if meeting.sessions is not None and instance.slots[slot].session not in meeting.sessions:
        return ("outside_session", {"sessions": sorted(meeting.sessions)})
    for p in meeting.participants:
        if slot in instance.unavailable[p]:
            return ("participant_unavailable", {"participant": p})
    for other, there in schedule.placements.items():
        if other == index or there.slot != slot:
            continue
        if there.table == table:
            return ("table_taken", {"meeting": other})
        shared = set(meeting.participants) & set(instance.meetings[other].participants)
        if shared:
            return ("participant_busy", {"participant": min(shared), "meeting": other})
    for p in meeting.participants:
        limit = instance.max_meetings[p]
        if limit is not None and sum(p in instance.meetings[m].participants for m in schedule.placements) > limit:
            return ("participant_at_max", {"participant": p, "max": limit})
    for before, after in instance.precedences:
        s_before, s_after = schedule.slot_of(before), schedule.slot_of(after)
        if index in (before, after) and s_before is not None and s_after is not None and s_before >= s_after:
            return ("precedence", {"meeting": after if index == before else before})
    return None
