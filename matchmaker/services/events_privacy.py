"""A user's part in events for their personal data download: participations, availability, requests, meetings."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import aliased

from matchmaker.extensions import db
from matchmaker.models._common import as_utc
from matchmaker.models.event import Event, EventOrganiser, EventParticipant, EventSlot, EventTable, Unavailability
from matchmaker.models.event_meeting import Meeting, MeetingRequest, MeetingSeat
from matchmaker.models.user import User
from matchmaker.services.events_agenda import partners_of
from matchmaker.services.events_checkin import personal_records
from matchmaker.services.events_followup import personal_records as followup_records


def _iso(moment: datetime | None) -> str | None:
    return as_utc(moment).isoformat() if moment is not None else None


def event_data(user_id: int) -> dict[str, Any]:
    """The events the user organises and their own participations (also those imported under their e-mail before
    the account existed), each with its unavailable slots, the
    requests they sent and received and their meetings (partners by name and organisation, never their
    addresses; no secret such as the calendar feed's token)."""
    organised = db.session.execute(select(Event.id, Event.name).join(EventOrganiser).where(
        EventOrganiser.user_id == user_id).order_by(Event.id)).all()
    # ... and rows imported with their address before the account existed (the import's rule: same e-mail)
    email = (db.session.scalar(select(User.email).where(User.id == user_id)) or "").strip().lower()
    mine = or_(EventParticipant.user_id == user_id,
               and_(EventParticipant.user_id.is_(None), EventParticipant.email == email, email != ""))
    participations = db.session.execute(select(EventParticipant, Event).join(Event).where(mine)
                                        .order_by(Event.id, EventParticipant.id)).all()
    return {"events_organised": [{"event_id": i, "event": name} for i, name in organised],
            "event_participations": [_participation(p, e) for p, e in participations]}


def _participation(participant: EventParticipant, event: Event) -> dict[str, Any]:
    unavailable = db.session.execute(select(EventSlot.starts_at).join(Unavailability).where(
        Unavailability.participant_id == participant.id).order_by(EventSlot.index)).scalars()
    return {"event_id": event.id, "event": event.name, "time_zone": event.time_zone,
            "name": participant.name, "email": participant.email,
            "organisation": participant.organisation.name if participant.organisation else None,
            "cancelled": participant.cancelled, "registered_at": _iso(participant.created_at),
            "unavailable_slots": [_iso(s) for s in unavailable],
            "meeting_requests": _requests(participant), "meetings": _meetings(participant),
            **personal_records(participant), "followup_answers": followup_records(participant)}


def _requests(participant: EventParticipant) -> list[dict[str, Any]]:
    rows = db.session.execute(select(MeetingRequest).where(or_(
        MeetingRequest.requester_id == participant.id, MeetingRequest.target_id == participant.id))
        .order_by(MeetingRequest.id)).scalars()
    result = []
    for r in rows:
        sent = r.requester_id == participant.id
        other = r.target if sent else r.requester
        result.append({"direction": "sent" if sent else "received", "with": other.name,
                       "with_organisation": other.organisation.name if other.organisation else None,
                       "message": r.message, "state": r.state, "mutual": r.mutual,
                       "decline_reason": r.decline_reason, "created_at": _iso(r.created_at),
                       "answered_at": _iso(r.answered_at)})
    return result


def _meetings(participant: EventParticipant) -> list[dict[str, Any]]:
    mine = aliased(MeetingSeat)
    rows = db.session.execute(
        select(Meeting, EventSlot, EventTable).join(mine, mine.meeting_id == Meeting.id)
        .outerjoin(EventSlot, EventSlot.id == Meeting.pub_slot_id)
        .outerjoin(EventTable, EventTable.id == Meeting.pub_table_id)
        .where(mine.participant_id == participant.id).order_by(Meeting.id)).all()
    partners = partners_of([m.id for m, _s, _t in rows], participant.id)
    return [{"state": m.state, "published": m.pub_slot_id is not None,
             "starts_at": _iso(s.starts_at) if s else None, "ends_at": _iso(s.ends_at) if s else None,
             "table": t.name if t else None,
             "with": [{"name": p["name"], "organisation": p["organisation"]} for p in partners.get(m.id, [])]}
            for m, s, t in rows]
