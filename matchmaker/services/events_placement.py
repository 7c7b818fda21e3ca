"""Where each accepted request of a participant stands: scheduled, not scheduled yet, or could not be placed."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models._common import as_utc
from matchmaker.models.event import Event, EventParticipant, EventSlot, EventTable
from matchmaker.models.event_meeting import ACCEPTED, ACTIVE, Meeting, MeetingRequest
from matchmaker.services.events_moves import TAKEN_OUT

SCHEDULED, WAITING, UNPLACED, REMOVED = "scheduled", "waiting", "unplaced", "removed"


def placements(event: Event, participant: EventParticipant) -> dict[int, dict]:
    """By accepted request id: {"state": scheduled|waiting|unplaced|removed, "start", "end", "table", "reason"}.
    Before a schedule is published every accepted meeting is waiting; after, a meeting left out of the published
    agenda with a scheduler reason could not be placed, one the organisers took out is removed (one accepted since
    the publication is still waiting)."""
    zone = ZoneInfo(event.time_zone)
    rows = db.session.execute(
        select(MeetingRequest.id, Meeting, EventSlot, EventTable)
        .outerjoin(Meeting, (Meeting.request_id == MeetingRequest.id) & (Meeting.state == ACTIVE))
        .outerjoin(EventSlot, EventSlot.id == Meeting.pub_slot_id)
        .outerjoin(EventTable, EventTable.id == Meeting.pub_table_id)
        .where(MeetingRequest.event_id == event.id, MeetingRequest.state == ACCEPTED,
               (MeetingRequest.requester_id == participant.id) | (MeetingRequest.target_id == participant.id))).all()
    result: dict[int, dict] = {}
    for request_id, meeting, slot, table in rows:
        if meeting is not None and slot is not None:
            result[request_id] = {"state": SCHEDULED, "start": as_utc(slot.starts_at).astimezone(zone),
                                  "end": as_utc(slot.ends_at).astimezone(zone), "table": table.name if table else "",
                                  "reason": None}
        elif meeting is not None and event.published_version > 0 and meeting.unplaced_reason:
            removed = meeting.unplaced_reason[0] == TAKEN_OUT  # on purpose: not "could not be placed"
            result[request_id] = {"state": REMOVED if removed else UNPLACED, "reason": meeting.unplaced_reason}
        else:
            result[request_id] = {"state": WAITING, "reason": None}
    return result


def participant_names(event: Event) -> list[str]:
    """The scheduler's participant numbering (names of the event's active participants by id): reasons name people."""
    return list(db.session.execute(select(EventParticipant.name).where(
        EventParticipant.event_id == event.id, EventParticipant.cancelled.is_(False))
        .order_by(EventParticipant.id)).scalars())
