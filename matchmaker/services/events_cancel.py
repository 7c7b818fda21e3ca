"""Ending a participation: the organisers cancel someone, or a participant withdraws; their meetings are released."""
from __future__ import annotations

from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models.event import PUBLISHED, Event, EventParticipant
from matchmaker.models.event_meeting import CANCELLED, Meeting, MeetingSeat
from matchmaker.services.events import Conflict


def meeting_count(participant: EventParticipant) -> int:
    """How many meetings (not yet cancelled) the participant sits in: what cancelling them would release."""
    return db.session.scalar(select(func.count()).select_from(MeetingSeat).join(Meeting).where(
        MeetingSeat.participant_id == participant.id, Meeting.state != CANCELLED)) or 0


def cancel_participant(participant: EventParticipant, by_organisers: bool = True) -> int:
    """Cancel a participation (by the organisers, or the participant's own withdrawal): their meetings are released
    (cancelled, out of the draft; on a published agenda out of the agenda too, at once, and each partner told which
    meeting went). The organisers' cancellation is told to the person, who cannot register again by themselves; a
    withdrawal leaves them free to. Committed; returns how many meetings were released."""
    from matchmaker.services.events_moves import refresh_report  # (events_moves builds on the people rules)
    from matchmaker.services.events_publish import publish_at_once
    if participant.cancelled and not by_organisers:
        raise Conflict("not_participating")
    participant.cancelled, participant.withdrawn = True, not by_organisers
    meeting_ids = list(db.session.execute(select(MeetingSeat.meeting_id).join(Meeting).where(
        MeetingSeat.participant_id == participant.id, Meeting.state != CANCELLED)).scalars())
    partners = []
    for meeting in db.session.execute(select(Meeting).where(Meeting.id.in_(meeting_ids))).scalars():
        meeting.state, meeting.slot_id, meeting.table_id = CANCELLED, None, None
        for seat in meeting.seats:
            seat.slot_id = None
            if seat.participant_id != participant.id:
                partners.append(seat.participant_id)
    db.session.flush()
    event = db.session.get(Event, participant.event_id)
    refresh_report(event, "cancellations" if by_organisers else "withdrawals")  # not organisers' grid changes
    published = event.status == PUBLISHED and bool(meeting_ids)
    if published:
        publish_at_once(event, meeting_ids, notify=False)
    db.session.commit()
    _tell(event, participant, partners if published else [], by_organisers)
    return len(meeting_ids)


def _tell(event: Event, participant: EventParticipant, partner_ids: list[int], by_organisers: bool) -> None:
    """The person the organisers cancelled learns it (linking to the event page, which explains it); each partner
    learns which of their published meetings went."""
    from matchmaker.services.notifications import notify, notify_many

    if by_organisers and participant.user is not None:
        notify(participant.user, "event_participation_cancelled", {"event": event.name}, f"/events/{event.id}/")
    partners = db.session.execute(select(EventParticipant).where(
        EventParticipant.id.in_(partner_ids), EventParticipant.user_id.is_not(None))).scalars().all()
    if partners:
        organisation = participant.organisation.name if participant.organisation else ""
        notify_many([p.user for p in partners], "event_meeting_cancelled",
                    {"name": participant.name, "organisation": organisation, "event": event.name},
                    f"/events/{event.id}/agenda")


def reinstate(participant: EventParticipant) -> None:
    """The organisers undo a cancellation: the person takes part again; committed. Their released meetings stay
    cancelled (the organisers bring one back with a forced meeting, which reuses the pair's request)."""
    participant.cancelled = participant.withdrawn = False
    db.session.commit()
