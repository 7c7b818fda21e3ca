"""An event's agenda: the scheduler's instance built from the database, the draft saved back, publication.

Indices in the instance follow the database order (participants by id, slots and tables by index, meetings by
imported position then id), so an imported .dzn file gives exactly the instance `read_dzn` gives.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select, update

from matchmaker.extensions import db
from matchmaker.models.event import PUBLISHED, Event, EventParticipant, EventSlot, EventTable, Unavailability
from matchmaker.models.event_meeting import ACTIVE, Meeting, MeetingSeat, Precedence
from matchmaker.scheduling import Instance, Placement, Priority, Result, Schedule
from matchmaker.scheduling import Meeting as EngineMeeting
from matchmaker.scheduling import Slot as EngineSlot
from matchmaker.scheduling import Table as EngineTable


class Conflict(Exception):
    """A change refused: `reason` is a code with parameters (events_wording words it)."""

    def __init__(self, code: str, params: dict | None = None) -> None:
        super().__init__(code)
        self.reason = (code, params or {})


@dataclass
class Loaded:
    """An event as the scheduler sees it, with the rows behind each index."""

    instance: Instance
    meetings: list[Meeting]
    participants: list[EventParticipant]
    slots: list[EventSlot]
    tables: list[EventTable]
    seats: dict[int, list[MeetingSeat]] = field(default_factory=dict)  # meeting id -> seats

    def __post_init__(self) -> None:
        self.meeting_index = {m.id: i for i, m in enumerate(self.meetings)}
        self.slot_index = {s.id: i for i, s in enumerate(self.slots)}
        self.table_index = {t.id: i for i, t in enumerate(self.tables)}

    def placement(self, slot_id: int | None, table_id: int | None) -> Placement | None:
        if slot_id is None or table_id is None or slot_id not in self.slot_index:
            return None
        return Placement(self.slot_index[slot_id], self.table_index[table_id])

    def draft(self) -> Schedule:
        """The draft placements as a schedule."""
        pairs = ((i, self.placement(m.slot_id, m.table_id)) for i, m in enumerate(self.meetings))
        return Schedule({i: p for i, p in pairs if p is not None})

    def published(self) -> Schedule:
        """The published placements as a schedule (repair mode's `previous`)."""
        pairs = ((i, self.placement(m.pub_slot_id, m.pub_table_id)) for i, m in enumerate(self.meetings))
        return Schedule({i: p for i, p in pairs if p is not None})


def load(event: Event) -> Loaded:
    """Read the event into a scheduler instance (active meetings of participants who did not cancel)."""
    participants = db.session.execute(select(EventParticipant).where(
        EventParticipant.event_id == event.id, EventParticipant.cancelled.is_(False))
        .order_by(EventParticipant.id)).scalars().all()
    person = {p.id: i for i, p in enumerate(participants)}
    slots = list(db.session.execute(select(EventSlot).where(EventSlot.event_id == event.id)
                                    .order_by(EventSlot.index)).scalars())
    tables = list(db.session.execute(select(EventTable).where(EventTable.event_id == event.id)
                                     .order_by(EventTable.index)).scalars())
    meetings = db.session.execute(select(Meeting).where(Meeting.event_id == event.id, Meeting.state == ACTIVE)
                                  .order_by(Meeting.position.is_(None), Meeting.position, Meeting.id)).scalars().all()
    seats: dict[int, list[MeetingSeat]] = {}
    for seat in db.session.execute(select(MeetingSeat).join(Meeting).where(Meeting.event_id == event.id)
                                   .order_by(MeetingSeat.id)).scalars():
        seats.setdefault(seat.meeting_id, []).append(seat)
    meetings = [m for m in meetings if all(s.participant_id in person for s in seats.get(m.id, []))
                and len(seats.get(m.id, [])) >= 2]
    unavailable: list[set[int]] = [set() for _ in participants]
    slot_pos = {s.id: i for i, s in enumerate(slots)}
    for participant_id, slot_id in db.session.execute(
            select(Unavailability.participant_id, Unavailability.slot_id).join(EventParticipant)
            .where(EventParticipant.event_id == event.id)):
        if participant_id in person:
            unavailable[person[participant_id]].add(slot_pos[slot_id])
    loaded = Loaded(Instance(0, (), (), ()), list(meetings), list(participants), slots, tables, seats)
    engine_meetings = []
    for m in meetings:
        fixed = slot_pos.get(m.fixed_slot_id) if m.fixed_slot_id else None
        locked_table = None
        if m.locked and m.slot_id is not None:
            fixed, locked_table = slot_pos[m.slot_id], loaded.table_index[m.table_id]
        engine_meetings.append(EngineMeeting(
            tuple(person[s.participant_id] for s in seats[m.id]), Priority(m.priority),
            frozenset(m.sessions.split(",")) if m.sessions else None, fixed_slot=fixed, locked_table=locked_table,
            key=str(m.id)))
    precedences = tuple((loaded.meeting_index[b], loaded.meeting_index[a]) for b, a in db.session.execute(
        select(Precedence.before_id, Precedence.after_id).where(Precedence.event_id == event.id)
        .order_by(Precedence.id)) if b in loaded.meeting_index and a in loaded.meeting_index)
    loaded.instance = Instance(
        n_participants=len(participants),
        slots=tuple(EngineSlot(day=s.day, session=s.session, label=str(s.index + 1), capacity=s.capacity)
                    for s in slots),
        tables=tuple(EngineTable(t.name, t.virtual) for t in tables), meetings=tuple(engine_meetings),
        unavailable=tuple(frozenset(u) for u in unavailable), precedences=precedences,
        max_meetings=tuple(p.max_meetings if p.max_meetings is not None else event.max_meetings
                           for p in participants), name=event.name)
    return loaded


def bump_version(event: Event, expected: int | None = None) -> None:
    """Compare-and-set the event's version: a second organiser working from an older view gets a Conflict."""
    expected = event.version if expected is None else expected
    done = db.session.execute(update(Event).where(Event.id == event.id, Event.version == expected)
                              .values(version=expected + 1).execution_options(synchronize_session=False))
    if done.rowcount != 1:
        db.session.rollback()
        raise Conflict("changed_meanwhile")
    db.session.expire(event, ["version"])


def write_draft(loaded: Loaded, schedule: Schedule, unplaced: dict[int, tuple] | None = None) -> None:
    """Replace every draft placement at once (cleared first, so the unique constraints never see a swap)."""
    ids = [m.id for m in loaded.meetings]
    seat_rows = [(s.id, i) for i, m in enumerate(loaded.meetings) for s in loaded.seats.get(m.id, [])]
    db.session.flush()
    for chunk in _chunks(ids):
        db.session.execute(update(MeetingSeat).where(MeetingSeat.meeting_id.in_(chunk)).values(slot_id=None)
                           .execution_options(synchronize_session=False))
        db.session.execute(update(Meeting).where(Meeting.id.in_(chunk)).values(slot_id=None, table_id=None)
                           .execution_options(synchronize_session=False))
    unplaced = unplaced or {}
    rows = []
    for i, m in enumerate(loaded.meetings):
        p = schedule.placements.get(i)
        reason = unplaced.get(i)
        rows.append({"id": m.id, "slot_id": loaded.slots[p.slot].id if p else None,
                     "table_id": loaded.tables[p.table].id if p else None,
                     "unplaced_reason": [reason[0], reason[1]] if reason and not p else None})
    if rows:
        db.session.execute(update(Meeting), rows)
    seats = [{"id": sid, "slot_id": loaded.slots[schedule.placements[i].slot].id}
             for sid, i in seat_rows if i in schedule.placements]
    if seats:
        db.session.execute(update(MeetingSeat), seats)
    db.session.expire_all()


def _chunks(values: list, size: int = 500):
    for start in range(0, len(values), size):
        yield values[start:start + size]


def quality_dict(r) -> dict:
    """A schedule's quality (`scheduling.Report`) as stored in the event's report (JSON)."""
    return {"placed": r.placed, "requested": r.requested,
            "by_priority": {tier: list(counts) for tier, counts in r.placed_by_priority.items()},
            "total_breaks": r.total_breaks, "max_breaks": r.max_breaks, "min_breaks": r.min_breaks,
            "breaks_per_participant": r.breaks_per_participant,
            "meetings_per_participant": list(r.meetings_per_participant),
            "tables_used_per_slot": r.tables_used_per_slot}


def report_dict(result: Result, loaded: Loaded) -> dict:
    """The draft's quality report as stored on the event (JSON), moves named by meeting id."""
    return {**quality_dict(result.report), "status": result.status, "seconds": round(result.seconds, 2),
            "manual_changes": 0,
            "moves": [{"meeting_id": loaded.meetings[mv.meeting].id, "old": [mv.old.slot, mv.old.table],
                       "new": [mv.new.slot, mv.new.table] if mv.new else None, "reason": list(mv.reason)}
                      for mv in result.moves]}


def save_result(event: Event, loaded: Loaded, result: Result, expected: int | None = None) -> None:
    """Store a solve's schedule as the event's draft with its report (the caller commits). `expected` is the
    event's version when the solve read it: if an organiser changed placements or the grid since, Conflict
    (the job fails and says so) instead of silently overwriting their changes."""
    event = db.session.get(Event, event.id)
    bump_version(event, expected)
    write_draft(loaded, result.schedule, result.unplaced)
    event = db.session.get(Event, event.id)
    event.report = report_dict(result, loaded)


def is_published(event: Event) -> bool:
    """True once the event has an agenda participants see."""
    return event.published_version > 0 or event.status == PUBLISHED
