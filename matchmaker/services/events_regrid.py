"""Changing an event's slot grid and tables after creation: regenerated in one transaction while nothing is placed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import delete, func, or_, select, update

from matchmaker.extensions import db
from matchmaker.models.event import Event, EventSlot, EventTable, Unavailability
from matchmaker.models.event_meeting import Meeting
from matchmaker.services.events import Conflict
from matchmaker.services.events_rules import check_tables, generate_slots


@dataclass
class GridChange:
    """What a grid change did: slots and tables now, unavailability marks dropped with their removed slots."""

    slots: int
    tables: int
    dropped_marks: int
    grid_changed: bool


def placed_meetings(event: Event) -> int:
    """Meetings of the event placed in the draft or in the published agenda (or published once)."""
    return db.session.scalar(select(func.count()).select_from(Meeting).where(
        Meeting.event_id == event.id, or_(Meeting.slot_id.is_not(None), Meeting.pub_slot_id.is_not(None),
                                          Meeting.ical_slot_id.is_not(None))))


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def change_grid(event: Event, days: list[date], sessions: list[tuple[str, str, str]], slot_minutes: int,
                breaks: list[tuple[str, str]], tables: list[tuple[str, bool, str]]) -> GridChange:
    """Regenerate the slots (with the creation's generator) and the tables; committed. A slot whose times stay
    keeps its row and its unavailability marks. Raises Conflict once meetings are placed, unless only the
    tables' names and links change; ValueError for tables events_rules.check_tables refuses (the web form refuses
    them first)."""
    check_tables(tables)
    grid = {"days": [d.isoformat() for d in days], "sessions": [list(s) for s in sessions],
            "breaks": [list(b) for b in breaks]}
    grid_changed = grid != event.grid or slot_minutes != event.slot_minutes
    placed = placed_meetings(event)
    if placed and (grid_changed or len(tables) != len(event.tables)):
        raise Conflict("grid_has_meetings", {"count": placed})
    dropped = _regenerate_slots(event, days, sessions, slot_minutes, breaks) if grid_changed else 0
    event.grid, event.slot_minutes = grid, slot_minutes
    _replace_tables(event, tables)
    if grid_changed:
        event.version += 1  # an open schedule page's moves are refused: the grid changed under them
        event.report = None
    db.session.commit()
    db.session.refresh(event)
    return GridChange(len(event.slots), len(event.tables), dropped, grid_changed)


def _regenerate_slots(event: Event, days, sessions, slot_minutes, breaks) -> int:
    old = {(_utc(s.starts_at), _utc(s.ends_at)): s for s in event.slots}
    kept_ids = set()
    fresh = []
    for index, slot in enumerate(generate_slots(days, sessions, slot_minutes, breaks, event.time_zone)):
        row = old.get((slot.starts_at, slot.ends_at))
        if row is None:
            row = EventSlot(event_id=event.id, starts_at=slot.starts_at, ends_at=slot.ends_at)
            fresh.append(row)
        else:
            kept_ids.add(row.id)
        row.index, row.day, row.session = -1 - index, slot.day, slot.session  # final index once the old are gone
    removed = [s.id for s in event.slots if s.id not in kept_ids]
    dropped = 0
    if removed:
        dropped = db.session.scalar(select(func.count()).select_from(Unavailability).where(
            Unavailability.slot_id.in_(removed)))
        db.session.execute(delete(Unavailability).where(Unavailability.slot_id.in_(removed)))
        db.session.execute(update(Meeting).where(Meeting.fixed_slot_id.in_(removed)).values(fixed_slot_id=None))
        for slot in [s for s in event.slots if s.id in removed]:
            event.slots.remove(slot)
    event.slots.extend(fresh)
    db.session.flush()
    for slot in event.slots:
        slot.index = -1 - slot.index
    db.session.flush()
    return dropped


def _replace_tables(event: Event, tables: list[tuple[str, bool, str]]) -> None:
    current = list(event.tables)
    for index, (name, virtual, link) in enumerate(tables):
        row = current[index] if index < len(current) else None
        if row is None:
            event.tables.append(EventTable(event_id=event.id, index=index, name=name, virtual=virtual, link=link))
        else:
            row.name, row.virtual, row.link = name, virtual, link
    for row in current[len(tables):]:
        event.tables.remove(row)
    db.session.flush()
