"""Ending phases early: what publishing ends (open meeting requests) and calling an event off (closing it before
its first slot): pending requests expire (the requester told), every meeting leaves the calendars, everyone told."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models._common import as_utc
from matchmaker.models.event import CLOSED, REQUESTS, Event, EventParticipant, EventSlot
from matchmaker.models.event_meeting import EXPIRED, PENDING, Meeting, MeetingRequest
from matchmaker.services import events_day

EXPIRED_CODE, CALLED_OFF_CODE = "event_request_expired", "event_called_off"


def first_start(event: Event) -> datetime | None:
    """When the event's first slot starts (UTC), None without slots."""
    start = db.session.scalar(select(func.min(EventSlot.starts_at)).where(EventSlot.event_id == event.id))
    return as_utc(start) if start is not None else None


def pending_count(event: Event) -> int:
    """How many meeting requests of the event wait for an answer."""
    return db.session.scalar(select(func.count()).select_from(MeetingRequest).where(
        MeetingRequest.event_id == event.id, MeetingRequest.state == PENDING)) or 0


def requests_ending(event: Event, now: datetime | None = None) -> dict | None:
    """What publishing the draft would end, for its confirmation: {"pending": n, "deadline": UTC or None,
    "open": requests could still be sent} while requests are open (before their deadline) or some wait for an
    answer; None when publishing ends nothing."""
    now = as_utc(now or events_day.current_time())
    deadline = as_utc(event.request_deadline) if event.request_deadline else None
    still_open = event.status == REQUESTS and (deadline is None or now <= deadline)
    pending = pending_count(event)
    if not still_open and not pending:
        return None
    return {"pending": pending, "deadline": deadline if still_open else None, "open": still_open}


def draft_count(event: Event) -> int:
    """How many meetings the draft places (active, in a slot)."""
    from matchmaker.models.event_meeting import ACTIVE

    return db.session.scalar(select(func.count()).select_from(Meeting).where(
        Meeting.event_id == event.id, Meeting.state == ACTIVE, Meeting.slot_id.is_not(None))) or 0


def expire_all_pending(event: Event) -> list[tuple]:
    """Requests ended by the organisers (publication, call-off): every pending one expires, so none stays
    acceptable but never scheduled. Not committed: it ends them in the transaction of what ends them (all or
    nothing). Returns the requesters to tell, (user, parameters), for `tell_expired` once that is done."""
    requests = db.session.execute(select(MeetingRequest).where(
        MeetingRequest.event_id == event.id, MeetingRequest.state == PENDING)).scalars().all()
    recipients = []
    for request in requests:
        request.state = EXPIRED
        requester, target = request.requester, request.target
        if requester.user is not None and not requester.cancelled:
            organisation = target.organisation.name if target.organisation else ""
            recipients.append((requester.user, {"name": target.name, "organisation": organisation,
                                                "event": event.name}))
    db.session.flush()
    return recipients


def tell_expired(event: Event, recipients: list[tuple], batch) -> None:
    """Tell each requester whose request expired (`expire_all_pending`'s list): their notifications are added to
    `batch` (a notifications.Batch), whose commit also commits what ended the requests."""
    if recipients:
        batch.add(recipients, EXPIRED_CODE, f"/events/{event.id}/my-requests")


def calls_off(event: Event, now: datetime | None = None) -> bool:
    """Whether closing the event now would call it off: it is not closed and its first slot has not begun."""
    start = first_start(event)
    return event.status != CLOSED and start is not None and as_utc(now or events_day.current_time()) < start


def called_off(event: Event) -> bool:
    """Whether the organisers closed the event before its first slot began (it did not take place)."""
    start = first_start(event)
    return event.status == CLOSED and event.closed_at is not None and start is not None \
        and as_utc(event.closed_at) < start


def refuse_if_closed(event: Event) -> None:
    """Publishing or scheduling a closed event is refused: Conflict "called_off_no_agenda" for a called-off event
    (publishing would silently put it back on), "closed_no_agenda" for one that took place."""
    from matchmaker.services.events import Conflict

    if event.status == CLOSED:
        raise Conflict("called_off_no_agenda" if called_off(event) else "closed_no_agenda")


def call_off(event: Event) -> int:
    """After the status became closed before the first slot: every published meeting leaves the agenda and the
    calendar feeds (STATUS:CANCELLED, SEQUENCE raised; the draft is kept, should the event be reopened), pending
    requests expire, and every participant with an account is told (in-app and mail, in their language).
    Committed; returns how many people were told."""
    from matchmaker.services.events_publish import apply_published
    from matchmaker.services.notifications import notify_many

    published = db.session.execute(select(Meeting).where(
        Meeting.event_id == event.id, Meeting.pub_slot_id.is_not(None))).scalars().all()
    apply_published([("cancelled", meeting) for meeting in published])
    expire_all_pending(event)  # nobody is told of these: everyone is told the event is off
    db.session.commit()
    users = [p.user for p in db.session.execute(select(EventParticipant).where(
        EventParticipant.event_id == event.id, EventParticipant.cancelled.is_(False),
        EventParticipant.user_id.is_not(None))).scalars()]
    if users:
        notify_many(users, CALLED_OFF_CODE, {"event": event.name}, f"/events/{event.id}/")
    return len(users)
