"""Loading an event for a view: 404 when the user has no part in it, 403 for a participant on organiser pages."""
from __future__ import annotations

from flask import abort
from flask_login import current_user

from matchmaker.extensions import db
from matchmaker.models.event import DRAFT, Event, EventParticipant
from matchmaker.services.events_access import ORGANISER, PARTICIPANT, role
from matchmaker.services.events_people import participant_of


def event_or_404(event_id: int) -> Event:
    event = db.session.get(Event, event_id)
    if event is None:
        abort(404)
    return event


def organised(event_id: int) -> Event:
    """The event if the current user organises it (or is an admin); 403 for its participants, else 404."""
    event = event_or_404(event_id)
    who = role(current_user, event)
    if who == ORGANISER:
        return event
    abort(403 if who == PARTICIPANT else 404)


def joined(event_id: int) -> tuple[Event, EventParticipant]:
    """The event and the current user's participation; 404 for anyone else, and while the event is a draft (its
    participants hear of it when it opens)."""
    event = event_or_404(event_id)
    participant = participant_of(event, current_user)
    if participant is None or participant.cancelled or event.status == DRAFT and role(current_user, event) is None:
        abort(404)
    return event, participant


def joined_or_none(event_id: int) -> tuple[Event, EventParticipant | None]:
    """The event and the current user's participation, None when they take no part in it (or no longer); 404 only
    for an event they may not see at all (a draft they do not organise), as on the event page."""
    event = event_or_404(event_id)
    if event.status == DRAFT and role(current_user, event) is None:  # its participants too, until it opens
        abort(404)
    participant = participant_of(event, current_user)
    if participant is not None and not participant.cancelled:
        return event, participant
    return event, None
