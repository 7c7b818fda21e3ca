"""A participant answers a request they received: a plain acceptance tells the requester and marks the target's
"request received" notification read (declining marks it read too)."""
from __future__ import annotations

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models._common import utcnow
from matchmaker.models.event import CLOSED, Event
from matchmaker.models.event_meeting import PENDING, MeetingRequest
from matchmaker.models.notification import Notification
from matchmaker.services import events_people
from matchmaker.services.events import Conflict


def accept_received(event: Event, request: MeetingRequest) -> None:
    """The target accepts a pending request (one-sided: not mutual, costs no quota); committed. Refused once the
    event is closed (`event_closed`), as declining and withdrawing are."""
    _still_open(event)
    if request.state != PENDING:
        raise Conflict("not_pending")
    events_people.accept(request, reactivate=False)
    events_people.tell(request.requester, "event_request_accepted", request.target, event,
                       f"/events/{event.id}/my-requests")
    mark_received_read(event, request)


def decline_received(event: Event, request: MeetingRequest, reason: str) -> None:
    """The target declines a pending request with a reason code; committed; the requester is told, with the
    reason."""
    _still_open(event)
    events_people.decline(request, reason)
    events_people.tell(request.requester, "event_request_declined", request.target, event,
                       f"/events/{event.id}/my-requests", reason=reason)
    mark_received_read(event, request)


def withdraw_sent(event: Event, request: MeetingRequest, sender) -> None:
    """The sender withdraws a pending request; the target's "request received" notification is marked read."""
    _still_open(event)
    events_people.withdraw(request, sender)
    mark_received_read(event, request)


def _still_open(event: Event) -> None:
    """A closed event's requests stay as they were: sending is refused by `requests_closed`, answering here."""
    if event.status == CLOSED:
        raise Conflict("event_closed")


def mark_received_read(event: Event, request: MeetingRequest) -> int:
    """Mark read the target's unread notifications about this request; returns how many."""
    user = request.target.user
    if user is None:
        return 0
    unread = db.session.execute(select(Notification).where(
        Notification.user_id == user.id, Notification.code == "event_request_received",
        Notification.link == f"/events/{event.id}/my-requests", Notification.read_at.is_(None))).scalars()
    marked = 0
    for notification in unread:
        if (notification.params or {}).get("name") == request.requester.name:
            notification.read_at, marked = utcnow(), marked + 1
    db.session.commit()
    return marked
