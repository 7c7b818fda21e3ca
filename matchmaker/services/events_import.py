"""Creating events: from a UdG B2B benchmark file (.dzn), or from the organiser's settings (the slot grid)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from matchmaker.extensions import db
from matchmaker.models.event import (REQUESTS, Event, EventOrganiser, EventParticipant, EventSlot, EventTable,
                                     Unavailability)
from matchmaker.models.event_meeting import Meeting, MeetingSeat, Precedence
from matchmaker.scheduling import Instance
from matchmaker.scheduling.dzn import read_dzn
from matchmaker.services.events_rules import check_tables, generate_slots, require_tables

DZN_DAY = date(2027, 3, 10)  # imported benchmark events take place on one day: mornings at 9, afternoons at 14
SESSION_START = {"am": time(9, 0), "pm": time(14, 0)}


def import_dzn(path: Path, name: str, time_zone: str = "Europe/Rome", slot_minutes: int = 20,
               organiser_id: int | None = None) -> Event:
    """An event holding the file's participants, slots, tables, forbidden slots, meetings (accepted, in the
    file's order, with their sessions and fixed slots) and precedences; committed. Raises DznError."""
    return import_instance(read_dzn(path), name, path.name, time_zone, slot_minutes, organiser_id)


def import_instance(instance: Instance, name: str, source: str = "", time_zone: str = "Europe/Rome",
                    slot_minutes: int = 20, organiser_id: int | None = None) -> Event:
    """An event holding a scheduler instance (meetings as accepted requests in its order); committed. ValueError
    without a table (as create_event)."""
    require_tables(instance.tables)
    event = Event(name=name, time_zone=time_zone, slot_minutes=slot_minutes, status=REQUESTS, source=source)
    db.session.add(event)
    db.session.flush()
    zone, length = ZoneInfo(time_zone), timedelta(minutes=slot_minutes)
    counters: dict[str, int] = {}
    slots = []
    for index, slot in enumerate(instance.slots):
        n = counters.get(slot.session, 0)
        counters[slot.session] = n + 1
        start = datetime.combine(DZN_DAY, SESSION_START.get(slot.session, time(9, 0)), zone) + n * length
        slots.append(EventSlot(event_id=event.id, index=index, day=slot.day, session=slot.session,
                               starts_at=start.astimezone(ZoneInfo("UTC")),
                               ends_at=(start + length).astimezone(ZoneInfo("UTC")), capacity=slot.capacity))
    tables = [EventTable(event_id=event.id, index=i, name=t.name, virtual=t.virtual)
              for i, t in enumerate(instance.tables)]
    people = [EventParticipant(event_id=event.id, name=f"Participant {i + 1}") for i in range(instance.n_participants)]
    db.session.add_all(slots + tables + people)
    if organiser_id:
        db.session.add(EventOrganiser(event_id=event.id, user_id=organiser_id))
    db.session.flush()
    db.session.add_all([Unavailability(participant_id=people[p].id, slot_id=slots[s].id)
                        for p, forbidden in enumerate(instance.unavailable) for s in sorted(forbidden)])
    meetings = []
    for position, m in enumerate(instance.meetings):
        meeting = Meeting(event_id=event.id, position=position, priority=int(m.priority),
                          sessions=",".join(sorted(m.sessions)) if m.sessions else "",
                          fixed_slot_id=slots[m.fixed_slot].id if m.fixed_slot is not None else None)
        meeting.seats = [MeetingSeat(participant_id=people[p].id) for p in m.participants]
        meetings.append(meeting)
    db.session.add_all(meetings)
    db.session.flush()
    db.session.add_all([Precedence(event_id=event.id, before_id=meetings[b].id, after_id=meetings[a].id)
                        for b, a in instance.precedences])
    db.session.commit()
    return event


def create_event(name: str, time_zone: str, days: list[date], sessions: list[tuple[str, str, str]],
                 slot_minutes: int, breaks: list[tuple[str, str]], tables: list[tuple[str, bool, str]],
                 organiser_id: int | None = None, **settings) -> Event:
    """A new event with its slot grid and tables (name, virtual, link); the caller commits. ValueError without a table
    (nobody could meet), with two of one name or a link that is not a web address (the web form refuses them first;
    events_rules.check_tables)."""
    check_tables(tables)
    event = Event(name=name, time_zone=time_zone, slot_minutes=slot_minutes, **settings)
    event.grid = {"days": [d.isoformat() for d in days], "sessions": [list(s) for s in sessions],
                  "breaks": [list(b) for b in breaks]}
    db.session.add(event)
    db.session.flush()
    for index, slot in enumerate(generate_slots(days, sessions, slot_minutes, breaks, time_zone)):
        db.session.add(EventSlot(event_id=event.id, index=index, day=slot.day, session=slot.session,
                                 starts_at=slot.starts_at, ends_at=slot.ends_at))
    for index, (table_name, virtual, link) in enumerate(tables):
        db.session.add(EventTable(event_id=event.id, index=index, name=table_name, virtual=virtual, link=link))
    if organiser_id:
        db.session.add(EventOrganiser(event_id=event.id, user_id=organiser_id))
    db.session.flush()
    return event


def short_sessions(event: Event, sessions: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Sessions whose slots stop before the end asked for (17:30 asked, 20-minute slots from 14:00: 17:20):
    (session code, last slot's end, asked end) as HH:MM in the event's zone, from the first day's slots."""
    from matchmaker.models._common import as_utc

    zone = ZoneInfo(event.time_zone)
    last: dict[str, str] = {}
    for slot in sorted(event.slots, key=lambda s: s.index):
        if slot.day == 0:
            last[slot.session] = as_utc(slot.ends_at).astimezone(zone).strftime("%H:%M")
    return [(code, last[code], end) for code, _start, end in sessions
            if code in last and last[code] != str(end)[:5]]
