"""Clashes between the published agenda and availability: a participant marked a slot unavailable in which they
have a published meeting (the agenda stands until the organisers repair it and publish again)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, select

from matchmaker.extensions import db
from matchmaker.models.event import Event, EventParticipant, EventSlot, Unavailability
from matchmaker.models.event_meeting import ACTIVE, Meeting, MeetingSeat


@dataclass(frozen=True)
class Clash:
    """A published meeting in a slot one of its participants marked unavailable."""

    meeting: Meeting
    participant_id: int
    slot: EventSlot
    partners: tuple[str, ...]
    name: str  # the participant who cannot make it


def _query(event_id: int, participant_id: int | None = None):
    stmt = (select(Meeting, MeetingSeat.participant_id, EventSlot)
            .join(MeetingSeat, MeetingSeat.meeting_id == Meeting.id)
            .join(Unavailability, and_(Unavailability.participant_id == MeetingSeat.participant_id,
                                       Unavailability.slot_id == Meeting.pub_slot_id))
            .join(EventSlot, EventSlot.id == Meeting.pub_slot_id)
            .where(Meeting.event_id == event_id, Meeting.state == ACTIVE)
            .order_by(EventSlot.index, Meeting.number))
    if participant_id is not None:
        stmt = stmt.where(MeetingSeat.participant_id == participant_id)
    return stmt


def published_clashes(event: Event, participant: EventParticipant | None = None) -> list[Clash]:
    """The published meetings that fall in a slot one of their participants (or `participant`) cannot make."""
    rows = db.session.execute(_query(event.id, participant.id if participant else None)).all()
    names = _partner_names([meeting.id for meeting, _p, _s in rows])
    return [Clash(meeting, pid, slot, tuple(n for p, n in names.get(meeting.id, []) if p != pid),
                  next((n for p, n in names.get(meeting.id, []) if p == pid), ""))
            for meeting, pid, slot in rows]


def _partner_names(meeting_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    found: dict[int, list[tuple[int, str]]] = {}
    if meeting_ids:
        for mid, pid, name in db.session.execute(
                select(MeetingSeat.meeting_id, EventParticipant.id, EventParticipant.name)
                .join(EventParticipant, EventParticipant.id == MeetingSeat.participant_id)
                .where(MeetingSeat.meeting_id.in_(set(meeting_ids)))):
            found.setdefault(mid, []).append((pid, name))
    return found
