"""What the schedule page shows, read in a few queries: the slot x table grid, unplaced meetings, the report."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models.event import Event, EventParticipant, EventSlot, EventTable
from matchmaker.models.event_meeting import ACTIVE, Meeting, MeetingSeat
from matchmaker.models.organisation import Organisation


@dataclass
class Cell:
    """A placed meeting in the grid."""

    meeting_id: int
    number: int  # what the organiser sees and types (the meeting's number in the event)
    names: list[str]
    locked: bool
    published_elsewhere: bool
    organisations: list[str] = field(default_factory=list)  # each participant's organisation ("" if none)
    unpublished: bool = False  # placed in the draft of a published event but not in its agenda yet

    @property
    def people(self) -> list[tuple[str, str]]:
        """(organisation, person) per participant, as the grid cell shows them."""
        return list(zip(self.organisations, self.names))


@dataclass
class Grid:
    """The draft agenda as the organiser sees it."""

    slots: list[EventSlot]
    tables: list[EventTable]
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)  # (slot index, table index) -> meeting
    unplaced: list[tuple[int, list[str], list | None, int]] = field(default_factory=list)  # id, names, reason, prio
    participant_names: list[str] = field(default_factory=list)  # scheduler index -> name (reasons name people)
    numbers: dict[int, int] = field(default_factory=dict)  # meeting id -> its number in the event
    per_participant: dict[str, int] = field(default_factory=dict)


def grid(event: Event) -> Grid:
    """The event's draft grid, unplaced meetings with their scheduler reasons, meetings per participant."""
    slots = list(db.session.execute(select(EventSlot).where(EventSlot.event_id == event.id)
                                    .order_by(EventSlot.index)).scalars())
    tables = list(db.session.execute(select(EventTable).where(EventTable.event_id == event.id)
                                     .order_by(EventTable.index)).scalars())
    slot_index = {s.id: s.index for s in slots}
    table_index = {t.id: t.index for t in tables}
    result = Grid(slots, tables)
    names: dict[int, list[str]] = {}
    orgs: dict[int, list[str]] = {}
    for meeting_id, name, org in db.session.execute(
            select(MeetingSeat.meeting_id, EventParticipant.name, Organisation.name).select_from(MeetingSeat)
            .join(EventParticipant, EventParticipant.id == MeetingSeat.participant_id)
            .outerjoin(Organisation, Organisation.id == EventParticipant.organisation_id)
            .join(Meeting, Meeting.id == MeetingSeat.meeting_id)
            .where(Meeting.event_id == event.id, Meeting.state == ACTIVE).order_by(MeetingSeat.id)):
        names.setdefault(meeting_id, []).append(name)
        orgs.setdefault(meeting_id, []).append(org or "")
    for m_id, number, slot_id, table_id, pub_slot, locked, reason, priority in db.session.execute(
            select(Meeting.id, Meeting.number, Meeting.slot_id, Meeting.table_id, Meeting.pub_slot_id, Meeting.locked,
                   Meeting.unplaced_reason, Meeting.priority)
            .where(Meeting.event_id == event.id, Meeting.state == ACTIVE).order_by(Meeting.number)):
        people = names.get(m_id, [])
        result.numbers[m_id] = number
        if slot_id is None:
            result.unplaced.append((m_id, [f"{n} ({o})" if o else n for n, o in zip(people, orgs.get(m_id, []))],
                                    reason, priority))
            continue
        result.cells[(slot_index[slot_id], table_index[table_id])] = Cell(
            m_id, number, people, locked, pub_slot is not None and pub_slot != slot_id, orgs.get(m_id, []),
            bool(event.published_version) and pub_slot is None)
        for name in people:
            result.per_participant[name] = result.per_participant.get(name, 0) + 1
    result.participant_names = list(db.session.execute(
        select(EventParticipant.name).where(EventParticipant.event_id == event.id,
                                            EventParticipant.cancelled.is_(False))
        .order_by(EventParticipant.id)).scalars())
    return result
