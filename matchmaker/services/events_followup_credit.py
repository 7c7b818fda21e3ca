"""What the follow-up may take credit for: a connection made after the event began (or through its "continue"
answers), not one the two organisations already had; and which partners of a meeting one is already connected with."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models._common import as_utc
from matchmaker.models.event import Event, EventParticipant, EventSlot
from matchmaker.models.event_followup import MeetingFeedback
from matchmaker.services.events_agenda import agenda
from matchmaker.services.review import connection_between


def since(event: Event) -> datetime | None:
    """From when a connection counts as the event's: its first slot's start, or its first "continue" answer if that is
    dated earlier (answers are dated by the clock, slots by the organisers); None without slots or answers."""
    start = db.session.scalar(select(func.min(EventSlot.starts_at)).where(EventSlot.event_id == event.id))
    first = db.session.scalar(select(func.min(MeetingFeedback.answered_at)).where(
        MeetingFeedback.event_id == event.id, MeetingFeedback.wants_to_continue.is_(True)))
    moments = [as_utc(moment) for moment in (start, first) if moment is not None]
    return min(moments) if moments else None


def made_since(a: int, b: int, moment: datetime | None) -> bool:
    """Whether organisations `a` and `b` are connected now by a connection made at or after `moment`."""
    connection = connection_between(a, b) if a is not None and b is not None and a != b else None
    return connection is not None and (moment is None or as_utc(connection.connected_at) >= moment)


def already_connected(event: Event, participant: EventParticipant, meeting_id: int) -> list[str]:
    """The names of the meeting's partner organisations when the participant's organisation is connected with every
    one of them already (a "continue" then connects nobody new); [] otherwise."""
    item = next((i for i in agenda(event, participant) if i["meeting_id"] == meeting_id), None)
    mine = participant.organisation_id
    others = [p for p in (item["partners"] if item else []) if p["organisation_id"] not in (None, mine)]
    if mine is None or not others or any(connection_between(mine, p["organisation_id"]) is None for p in others):
        return []
    return sorted({p["organisation"] for p in others})
